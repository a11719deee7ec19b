import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Action, type Actor, can, memberScope, type Role, roles } from './access.ts';

const actor = (over: Partial<Actor>): Actor => ({
  userId: 'u',
  email: 'u@example.org',
  name: 'U',
  roles: [],
  officeIds: [],
  memberId: null,
  ...over,
});
const lea = actor({ roles: ['member'], memberId: 'lea' });
const karim = actor({ roles: ['member'], memberId: 'karim' });
const lilleAdviser = actor({ roles: ['adviser'], officeIds: ['lille'] });
const payroll = actor({ roles: ['payroll'] });
const leaFile = { kind: 'member' as const, id: 'lea', officeId: 'lille' };
const leaActivity = { kind: 'activity' as const, id: 'a', memberIds: ['lea'], officeIds: ['lille'] };

describe('access policies', () => {
  it('lets members see and edit only their own file', () => {
    expect(can(lea, 'member.read', leaFile)).toBe(true);
    expect(can(lea, 'member.update', leaFile)).toBe(true);
    expect(can(lea, 'member.updateStatus', leaFile)).toBe(false);
    expect(can(karim, 'member.read', leaFile)).toBe(false);
    expect(can(karim, 'member.update', leaFile)).toBe(false);
  });

  it('scopes advisers to their offices', () => {
    expect(can(lilleAdviser, 'member.updateStatus', leaFile)).toBe(true);
    expect(can(lilleAdviser, 'member.read', { ...leaFile, officeId: 'paris' })).toBe(false);
    expect(can(lilleAdviser, 'activity.setFee', leaActivity)).toBe(true);
    expect(can(lilleAdviser, 'activity.setFee', { ...leaActivity, officeIds: ['paris'] })).toBe(false);
    // Opening an activity for a member is checked on that member, not only on the role.
    expect(can(lilleAdviser, 'activity.create')).toBe(true);
    expect(can(lilleAdviser, 'activity.create', leaFile)).toBe(true);
    expect(can(lilleAdviser, 'activity.create', { ...leaFile, officeId: 'lyon' })).toBe(false);
    expect(can(karim, 'activity.create', leaFile)).toBe(false);
    expect(memberScope(lilleAdviser)).toEqual({ all: false, officeIds: ['lille'], memberIds: [] });
  });

  it('shows NIR and IBAN in clear only to the person, payroll, accounting and admins', () => {
    expect(can(lea, 'member.readSensitive', leaFile)).toBe(true);
    expect(can(lilleAdviser, 'member.readSensitive', leaFile)).toBe(false);
    expect(can(payroll, 'member.readSensitive', leaFile)).toBe(true);
  });

  it('hides a private person from members who do not work with them', () => {
    const person = {
      kind: 'client' as const,
      id: 'c',
      clientKind: 'individual' as const,
      linkedMemberIds: ['lea'],
      linkedOfficeIds: ['lille'],
    };
    expect(can(lea, 'client.read', person)).toBe(true);
    expect(can(karim, 'client.read', person)).toBe(false);
    expect(can(karim, 'client.read', { ...person, clientKind: 'company' })).toBe(true);
    expect(can(karim, 'client.update', { ...person, clientKind: 'company' })).toBe(false);
  });

  it('denies every action on a resource to someone with no role and no member file', () => {
    const nobody = actor({});
    const resourceActions: Action[] = [
      'member.read',
      'member.update',
      'member.updateStatus',
      'member.readSensitive',
      'activity.read',
      'activity.update',
      'activity.setFee',
      'activity.manageMembers',
      'client.update',
    ];
    for (const a of resourceActions) {
      expect(can(nobody, a, leaFile)).toBe(false);
      expect(can(nobody, a, leaActivity)).toBe(false);
    }
    expect(can(nobody, 'user.manage')).toBe(false);
    expect(can(nobody, 'member.list')).toBe(false);
  });

  it('never grants a member more on someone else’s activity than a stranger gets', () => {
    fc.assert(
      fc.property(
        fc.subarray([...roles]),
        fc.constantFrom<Action>(
          'activity.read',
          'activity.update',
          'activity.setFee',
          'activity.manageMembers',
        ),
        (rs: Role[], action) => {
          const withoutMember = rs.filter((r) => r !== 'member');
          const a = actor({ roles: rs, memberId: 'karim' });
          const stranger = actor({ roles: withoutMember });
          expect(can(a, action, leaActivity)).toBe(can(stranger, action, leaActivity));
        },
      ),
    );
  });
});
