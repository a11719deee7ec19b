// The shapes the API answers with, from the shared zod schemas.
import type { z } from 'zod';
import type { activityView } from '../domain/activities/schemas.ts';
import type { clientSummary, clientView } from '../domain/clients/schemas.ts';
import type { memberSummary, memberView } from '../domain/members/schemas.ts';
import type { entityView, officeView } from '../domain/organisation/schemas.ts';
import type { UserView } from '../domain/users/schemas.ts';

export type Activity = z.infer<typeof activityView>;
export type Client = z.infer<typeof clientView>;
export type ClientSummary = z.infer<typeof clientSummary>;
export type Member = z.infer<typeof memberView>;
export type MemberSummary = z.infer<typeof memberSummary>;
export type Entity = z.infer<typeof entityView>;
export type Office = z.infer<typeof officeView>;
export type User = UserView;

export type Home = {
  activities: Activity[];
  clients: ClientSummary[];
  clientTotal: number;
  followedMembers: { status: string; total: number }[] | null;
  officeIds: string[];
};

export type AuditEntry = {
  id: number;
  at: string;
  userId: string | null;
  userName: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  changes: unknown;
  requestId: string | null;
};
