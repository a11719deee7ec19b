// Every policy of the platform in one place: deny unless a rule below allows.
// Routes name an action; services load the resource and ask can(); lists ask for a scope.

export const roles = ['member', 'adviser', 'accountant', 'payroll', 'admin'] as const;
export type Role = (typeof roles)[number];

export type Actor = {
  userId: string;
  email: string;
  name: string;
  roles: readonly Role[];
  /** Offices an adviser is in charge of. */
  officeIds: readonly string[];
  /** The member record of this user, when they are a member. */
  memberId: string | null;
};

export type MemberResource = { kind: 'member'; id: string; officeId: string | null };
export type ActivityResource = {
  kind: 'activity';
  id: string;
  memberIds: readonly string[];
  officeIds: readonly (string | null)[];
};
export type ClientResource = {
  kind: 'client';
  id: string;
  clientKind: 'company' | 'association' | 'individual';
  /** Members on an activity linked to this client. */
  linkedMemberIds: readonly string[];
  linkedOfficeIds: readonly (string | null)[];
};
/** Employment matters of a member: contracts, salary requests, payslips. */
export type EmployeeResource = { kind: 'employee'; memberId: string; officeId: string | null };
export type Resource = MemberResource | ActivityResource | ClientResource | EmployeeResource;

export type Action =
  | 'entity.read'
  | 'entity.manage'
  | 'office.read'
  | 'office.manage'
  | 'user.manage'
  | 'audit.read'
  | 'member.list'
  | 'member.create'
  | 'member.read'
  | 'member.update'
  | 'member.updateStatus'
  | 'member.readSensitive'
  | 'activity.list'
  | 'activity.create'
  | 'activity.read'
  | 'activity.update'
  | 'activity.setFee'
  | 'activity.manageMembers'
  | 'client.list'
  | 'client.create'
  | 'client.read'
  | 'client.update'
  | 'ledger.read'
  | 'ledger.post'
  | 'ledger.manage'
  | 'ledger.reopen'
  | 'directory.search'
  | 'directory.publish'
  | 'directory.inbox'
  | 'directory.readProfile'
  | 'network.join'
  | 'network.manage'
  | 'governance.read'
  | 'governance.register'
  | 'governance.assemblies'
  | 'governance.vote'
  | 'event.list'
  | 'event.register'
  | 'space.list'
  | 'space.book'
  | 'treasury.manage'
  | 'collection.read'
  | 'collection.manage'
  | 'sales.list'
  | 'sales.read'
  | 'sales.write'
  | 'sales.issue'
  | 'sales.validate'
  | 'activity.readAccount'
  | 'salary.request'
  | 'contract.read'
  | 'contract.manage'
  | 'salary.read'
  | 'salary.decide'
  | 'payslip.read'
  | 'payroll.read'
  | 'payroll.run'
  | 'expense.read'
  | 'expense.write'
  | 'expense.decide'
  | 'guarantee.read'
  | 'guarantee.manage'
  | 'guarantee.writeOff'
  | 'advance.list'
  | 'advance.request'
  | 'advance.read'
  | 'advance.decide'
  | 'payout.manage'
  | 'backoffice.cockpit'
  | 'backoffice.dashboard'
  | 'fee.read'
  | 'fee.manage'
  | 'fee.settle'
  | 'fee.readContribution';

const has = (actor: Actor, ...wanted: Role[]): boolean => wanted.some((r) => actor.roles.includes(r));
const advises = (actor: Actor, officeId: string | null | undefined): boolean =>
  has(actor, 'adviser') && officeId != null && actor.officeIds.includes(officeId);
const isSelf = (actor: Actor, memberId: string): boolean => actor.memberId === memberId;

/** Staff who see every member's file, read-only unless another rule allows more. */
const backOffice = (actor: Actor) => has(actor, 'admin', 'accountant', 'payroll');

export function can(actor: Actor, action: Action, resource?: Resource): boolean {
  switch (action) {
    case 'entity.read':
    case 'office.read':
      return true;
    case 'entity.manage':
    case 'office.manage':
    case 'user.manage':
    case 'audit.read':
      return has(actor, 'admin');
    case 'member.list':
      return backOffice(actor) || has(actor, 'adviser');
    case 'member.create':
      return has(actor, 'admin', 'adviser');
    case 'activity.list':
    case 'client.list':
    case 'client.create':
    case 'sales.list':
      // Lists are scoped by memberScope: one's own activities, the offices one follows, or all.
      return true;
    case 'ledger.read':
    case 'ledger.post':
    case 'ledger.manage':
      // The books of the entities: chart, journals, entries, reports, FEC, closing periods.
      return has(actor, 'admin', 'accountant');
    case 'collection.read':
      // The collection queue: advisers for the activities of their offices (scoped in the query),
      // accountants and admins for all.
      return has(actor, 'admin', 'accountant', 'adviser');
    case 'collection.manage':
      // The schedule, running it, sending an invoice to litigation: accountants and admins.
      return has(actor, 'admin', 'accountant');
    case 'treasury.manage':
      // Bank accounts, statements, reconciliation and client payments: the accountants (and admins).
      return has(actor, 'admin', 'accountant');
    case 'ledger.reopen':
      // Unlocking a month or reopening a closed year changes what was declared final: admins only.
      return has(actor, 'admin');
    case 'directory.search':
      // Everyone signed in searches the published profiles (the public does too, through the public routes).
      return true;
    case 'directory.publish':
    case 'directory.inbox':
    case 'network.join':
      // One's own profile, inbox of clients' requests and networks: for oneself, as a member.
      return actor.memberId !== null;
    case 'network.manage':
      // Creating and renaming the trade networks: the direction.
      return has(actor, 'admin');
    case 'governance.read':
      // The entities' share rules and colleges, and the assemblies one is convened to (scoped in the service).
      return true;
    case 'governance.register':
      // The share register (subscriptions, payments, transfers, refunds, colleges): accountants and admins.
      return has(actor, 'admin', 'accountant');
    case 'governance.assemblies':
      // Convening general assemblies, closing the vote: the direction.
      return has(actor, 'admin');
    case 'governance.vote':
      // Proxies and votes are given by a person, for themselves (or a proxy they hold), as a member.
      return actor.memberId !== null;
    case 'event.list':
    case 'space.list':
      // The cooperative's events and spaces are open to everyone signed in.
      return true;
    case 'event.register':
    case 'space.book':
      // For oneself, as a member (staff who are also members register as members).
      return actor.memberId !== null;
    case 'contract.manage':
    case 'salary.decide':
    case 'payroll.run':
      // Contracts, validating salary requests, payroll runs: the payroll team (and admins).
      return has(actor, 'admin', 'payroll');
    case 'fee.read':
      // The fee policies and the budget they pay for are the cooperative's own rules: open to all signed in.
      return true;
    case 'fee.manage':
      // Policy versions and budget shares are the direction's.
      return has(actor, 'admin');
    case 'fee.settle':
      // Posting the yearly minimum top-ups once a year is over: accountants and admins.
      return has(actor, 'admin', 'accountant');
    case 'payout.manage':
      // Payout batches (SEPA files of reimbursements and supplier payments): accountants and admins.
      return has(actor, 'admin', 'accountant');
    case 'guarantee.read':
      // The guarantee fund's position, covers, losses and stress report: the direction and the accountants.
      return has(actor, 'admin', 'accountant');
    case 'guarantee.manage':
      // The fund's limits and endowments are the direction's policy.
      return has(actor, 'admin');
    case 'guarantee.writeOff':
      // Declaring an invoice irrecoverable (after litigation) books a loss: accountants and admins.
      return has(actor, 'admin', 'accountant');
    case 'advance.list':
      // Scoped in the query: one's own activities, the offices one follows, or all for the back office.
      return true;
    case 'payroll.read':
      // Runs and contribution totals: the payroll team, and accountants who book and pay them.
      return has(actor, 'admin', 'payroll', 'accountant');
    case 'backoffice.cockpit':
      // The validation queues and activities at risk: advisers for their offices (scoped in the
      // service), the back office for the whole cooperative or one office.
      return has(actor, 'admin', 'accountant', 'payroll', 'adviser');
    case 'backoffice.dashboard':
      // The direction's figures across entities and offices: admins, and accountants who keep the
      // books they come from (read-only: the dashboard changes nothing).
      return has(actor, 'admin', 'accountant');
    case 'activity.create':
      // A member opens an activity for themselves; staff for a member they follow (checked on the member).
      if (!resource) return has(actor, 'admin', 'adviser') || actor.memberId !== null;
  }
  if (!resource) return false;
  switch (resource.kind) {
    case 'member':
      return canOnMember(actor, action, resource);
    case 'activity':
      return canOnActivity(actor, action, resource);
    case 'client':
      return canOnClient(actor, action, resource);
    case 'employee':
      return canOnEmployee(actor, action, resource);
  }
}

function canOnMember(actor: Actor, action: Action, m: MemberResource): boolean {
  const self = isSelf(actor, m.id);
  const adviser = advises(actor, m.officeId);
  switch (action) {
    case 'member.read':
      return self || adviser || backOffice(actor);
    case 'member.update':
      return self || adviser || has(actor, 'admin');
    case 'member.updateStatus':
      return adviser || has(actor, 'admin');
    case 'directory.readProfile':
      // A profile not (or no longer) published: the member, and staff who see the member's file.
      return self || adviser || backOffice(actor);
    case 'fee.readContribution':
      // What a member's fees amounted to: the member, their advisers, the back office.
      return self || adviser || backOffice(actor);
    case 'member.readSensitive':
      // NIR and IBAN in clear: the person, payroll (DSN), accounting (payouts) and admins; advisers see them masked.
      return self || has(actor, 'admin', 'payroll', 'accountant');
    case 'activity.create':
      return self || adviser || has(actor, 'admin');
    default:
      return false;
  }
}

function canOnActivity(actor: Actor, action: Action, a: ActivityResource): boolean {
  const onIt = a.memberIds.some((id) => isSelf(actor, id));
  const adviser = a.officeIds.some((o) => advises(actor, o));
  switch (action) {
    case 'activity.read':
    case 'activity.readAccount':
      return onIt || adviser || backOffice(actor);
    case 'activity.update':
      return onIt || adviser || has(actor, 'admin');
    case 'activity.setFee':
    case 'activity.manageMembers':
      return adviser || has(actor, 'admin');
    // Sales documents belong to an activity: its members draft, send and (within the activity's cap)
    // issue them; the advisers of its office validate; accountants and payroll read them.
    case 'sales.read':
      return onIt || adviser || backOffice(actor);
    case 'sales.write':
    case 'sales.issue':
      return onIt || adviser || has(actor, 'admin');
    case 'sales.validate':
      return adviser || has(actor, 'admin');
    case 'salary.request':
      // A member asks for a salary from an activity they work on; nobody asks in their name.
      return onIt;
    // Money going out of an activity: its members record expense claims and supplier invoices; an
    // adviser of the members' office, an accountant or an admin approves or rejects them.
    case 'expense.read':
      return onIt || adviser || backOffice(actor);
    case 'expense.write':
      return onIt;
    case 'expense.decide':
      return adviser || has(actor, 'admin', 'accountant');
    // Advances and equipment loans to an activity: its members ask; an adviser of its office, an
    // accountant or an admin decides (the cooperative's money leaves for the activity).
    case 'advance.request':
      return onIt;
    case 'advance.read':
      return onIt || adviser || backOffice(actor);
    case 'advance.decide':
      return adviser || has(actor, 'admin', 'accountant');
    default:
      return false;
  }
}

function canOnEmployee(actor: Actor, action: Action, e: EmployeeResource): boolean {
  const self = isSelf(actor, e.memberId);
  switch (action) {
    case 'contract.read':
    case 'salary.read':
      return self || advises(actor, e.officeId) || backOffice(actor);
    case 'payslip.read':
      // A payslip carries the NIR and the whole pay: the person and the payroll team.
      return self || has(actor, 'admin', 'payroll');
    default:
      return false;
  }
}

function canOnClient(actor: Actor, action: Action, c: ClientResource): boolean {
  const linked = c.linkedMemberIds.some((id) => isSelf(actor, id));
  const adviser = c.linkedOfficeIds.some((o) => advises(actor, o));
  switch (action) {
    case 'client.read':
      // Businesses are a shared directory; a private person is seen only by those who work with them.
      return c.clientKind !== 'individual' || linked || adviser || backOffice(actor);
    case 'client.update':
      return linked || adviser || has(actor, 'admin', 'accountant');
    default:
      return false;
  }
}

/** How far a list of members reaches for this actor; the store turns it into SQL. */
export type MemberScope =
  | { all: true }
  | { all: false; officeIds: readonly string[]; memberIds: readonly string[] };

export const memberScope = (actor: Actor): MemberScope =>
  backOffice(actor)
    ? { all: true }
    : {
        all: false,
        officeIds: has(actor, 'adviser') ? actor.officeIds : [],
        memberIds: actor.memberId ? [actor.memberId] : [],
      };

/** Whether an individual client hidden from the shared directory is visible: same rule as client.read. */
export const seesAllClients = (actor: Actor): boolean => backOffice(actor);

/** What an office runs: its events (with their registrants and attendance) and its spaces (with occupancy). */
export type OfficeAction = 'event.manage' | 'space.manage';

/** An office's events and spaces are run by its advisers, and by admins. */
export const canInOffice = (actor: Actor, action: OfficeAction, officeId: string): boolean =>
  (action === 'event.manage' || action === 'space.manage') &&
  (advises(actor, officeId) || has(actor, 'admin'));
