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

  it('keeps the share register to accountants and admins, assemblies to admins, votes to members', () => {
    const accountant = actor({ roles: ['accountant'] });
    const admin = actor({ roles: ['admin'] });
    for (const who of [lea, lilleAdviser, payroll]) expect(can(who, 'governance.register')).toBe(false);
    expect(can(accountant, 'governance.register')).toBe(true);
    expect(can(admin, 'governance.register')).toBe(true);
    for (const who of [lea, lilleAdviser, payroll, accountant])
      expect(can(who, 'governance.assemblies')).toBe(false);
    expect(can(admin, 'governance.assemblies')).toBe(true);
    // Voting is personal: staff without a member file never vote, whatever their role.
    expect(can(lea, 'governance.vote')).toBe(true);
    expect(can(admin, 'governance.vote')).toBe(false);
    expect(can(actor({ roles: ['admin'], memberId: 'x' }), 'governance.vote')).toBe(true);
  });

  it('keeps a directory profile private to the member and their staff until published; networks to admins', () => {
    const admin = actor({ roles: ['admin'] });
    const accountant = actor({ roles: ['accountant'] });
    const lyonAdviser = actor({ roles: ['adviser'], officeIds: ['lyon'] });
    for (const who of [lea, karim, lilleAdviser, payroll, admin])
      expect(can(who, 'directory.search')).toBe(true);
    expect(can(lea, 'directory.readProfile', leaFile)).toBe(true);
    expect(can(lilleAdviser, 'directory.readProfile', leaFile)).toBe(true);
    expect(can(accountant, 'directory.readProfile', leaFile)).toBe(true);
    expect(can(karim, 'directory.readProfile', leaFile)).toBe(false);
    expect(can(lyonAdviser, 'directory.readProfile', leaFile)).toBe(false);
    // Publishing, the inbox and networks are for oneself, as a member; staff without a member file have none.
    for (const action of ['directory.publish', 'directory.inbox', 'network.join'] as const) {
      expect(can(lea, action)).toBe(true);
      expect(can(admin, action)).toBe(false);
      expect(can(lilleAdviser, action)).toBe(false);
    }
    expect(can(admin, 'network.manage')).toBe(true);
    for (const who of [lea, lilleAdviser, accountant]) expect(can(who, 'network.manage')).toBe(false);
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

  it('opens the cockpit to staff and the direction dashboard to admins and accountants only', () => {
    const accountant = actor({ roles: ['accountant'] });
    const admin = actor({ roles: ['admin'] });
    for (const who of [lilleAdviser, payroll, accountant, admin])
      expect(can(who, 'backoffice.cockpit')).toBe(true);
    for (const who of [lea, karim, actor({})]) expect(can(who, 'backoffice.cockpit')).toBe(false);
    for (const who of [accountant, admin]) expect(can(who, 'backoffice.dashboard')).toBe(true);
    for (const who of [lea, lilleAdviser, payroll, actor({})])
      expect(can(who, 'backoffice.dashboard')).toBe(false);
  });

  it('lets the direction set fee policies, accountants post the yearly minimum, members see their own fees', () => {
    const accountant = actor({ roles: ['accountant'] });
    const admin = actor({ roles: ['admin'] });
    for (const who of [lea, lilleAdviser, payroll, accountant, admin])
      expect(can(who, 'fee.read')).toBe(true);
    for (const who of [lea, lilleAdviser, payroll, accountant]) expect(can(who, 'fee.manage')).toBe(false);
    expect(can(admin, 'fee.manage')).toBe(true);
    for (const who of [lea, lilleAdviser, payroll]) expect(can(who, 'fee.settle')).toBe(false);
    for (const who of [accountant, admin]) expect(can(who, 'fee.settle')).toBe(true);
    for (const who of [lea, lilleAdviser, payroll, accountant, admin])
      expect(can(who, 'fee.readContribution', leaFile)).toBe(true);
    expect(can(karim, 'fee.readContribution', leaFile)).toBe(false);
    expect(can(lilleAdviser, 'fee.readContribution', { ...leaFile, officeId: 'lyon' })).toBe(false);
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

  it('keeps the guarantee fund to the direction and accountants, its policy to admins', () => {
    const accountant = actor({ roles: ['accountant'] });
    const admin = actor({ roles: ['admin'] });
    expect(can(admin, 'guarantee.read')).toBe(true);
    expect(can(accountant, 'guarantee.read')).toBe(true);
    expect(can(accountant, 'guarantee.manage')).toBe(false);
    expect(can(admin, 'guarantee.manage')).toBe(true);
    expect(can(accountant, 'guarantee.writeOff')).toBe(true);
    for (const who of [lea, lilleAdviser, payroll]) {
      expect(can(who, 'guarantee.read')).toBe(false);
      expect(can(who, 'guarantee.writeOff')).toBe(false);
    }
  });

  it('lets members ask for an advance on their activity and staff of the office decide it', () => {
    const lyonAdviser = actor({ roles: ['adviser'], officeIds: ['lyon'] });
    expect(can(lea, 'advance.request', leaActivity)).toBe(true);
    expect(can(lea, 'advance.read', leaActivity)).toBe(true);
    expect(can(lea, 'advance.decide', leaActivity)).toBe(false);
    expect(can(karim, 'advance.request', leaActivity)).toBe(false);
    expect(can(karim, 'advance.read', leaActivity)).toBe(false);
    expect(can(lilleAdviser, 'advance.decide', leaActivity)).toBe(true);
    expect(can(lilleAdviser, 'advance.request', leaActivity)).toBe(false);
    expect(can(lyonAdviser, 'advance.decide', leaActivity)).toBe(false);
    expect(can(lyonAdviser, 'advance.read', leaActivity)).toBe(false);
    expect(can(actor({ roles: ['accountant'] }), 'advance.decide', leaActivity)).toBe(true);
    expect(can(payroll, 'advance.decide', leaActivity)).toBe(false);
    expect(can(payroll, 'advance.read', leaActivity)).toBe(true);
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
