// Who an event is for. A members' event (an internal workshop, a social evening) is for the members
// of the cooperative, not for prospects nor for people who have left; sessions for prospects and
// public events welcome anyone, members included (prospects also register from the public page).
import { type Audience, audiences } from './schemas.ts';

export type MemberStatus = 'prospect' | 'member' | 'shareholder' | 'exited';

/** Members of the cooperative today: status member or shareholder (sociétaire). */
export const isCurrentMember = (status: MemberStatus): boolean =>
  status === 'member' || status === 'shareholder';

/** Whether a person of this status may register for an event of this audience with their account. */
export const admits = (audience: Audience, status: MemberStatus): boolean =>
  audience !== 'members' || isCurrentMember(status);

/** The audiences of the events a person of this status is shown. */
export const audiencesFor = (status: MemberStatus): Audience[] => audiences.filter((a) => admits(a, status));

/** Events a prospect may register for without an account, from the office's public page. */
export const publicAudiences = ['prospects', 'public'] as const satisfies readonly Audience[];
