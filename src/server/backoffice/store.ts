// The back office's own queries: the activities an adviser follows with what the risk rules need,
// and the direction dashboard's sums of ledger lines per entity, office, month and account.
// Validation queues are not here: each comes from its own module's list (see service.ts).
import { type Kysely, sql, type Transaction } from 'kysely';
import type { ActiveMembersRow, LedgerAggregateRow } from '../../domain/backoffice/dashboard.ts';
import type { Database } from '../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

/**
 * The office an activity belongs to for the back office: its first member's (the one who opened it,
 * or the earliest still on it). One lateral look-up per activity on activity_members' primary key.
 */
const activityOffice = sql`(select m.office_id from activity_members am join members m on m.id = am.member_id
  where am.activity_id = t.id order by am.created_at, am.member_id limit 1)`;

/** Activities of these offices (a member of the activity belongs to one of them), or all when null. */
const inOffices = (officeIds: readonly string[] | null) =>
  officeIds === null
    ? sql`true`
    : officeIds.length === 0
      ? sql`false`
      : sql`exists (select 1 from activity_members am2 join members m2 on m2.id = am2.member_id
          where am2.activity_id = t.id and m2.office_id in (${sql.join(officeIds)}))`;

export type FollowedActivityRow = {
  id: string;
  name: string;
  entityCode: string;
  openedOn: string;
  officeId: string | null;
  officeName: string | null;
  members: { id: string; name: string }[];
  lastRevenueOn: string | null;
};

/** Open activities of these offices with their members, their office and their last revenue day. */
export const followedActivities = async (db: Q, officeIds: readonly string[] | null) =>
  (
    await sql<FollowedActivityRow>`
      select t.id, t.name, e.code as entity_code, t.created_at::date::text as opened_on,
        o.id as office_id, o.name as office_name,
        coalesce((select json_agg(json_build_object('id', m.id, 'name', m.first_name || ' ' || m.last_name)
          order by am.created_at, m.id) from activity_members am join members m on m.id = am.member_id
          where am.activity_id = t.id), '[]'::json) as members,
        (select max(je.entry_date)::text from journal_entry_lines l
          join journal_entries je on je.id = l.entry_id
          join ledger_accounts a on a.id = l.account_id
          join ledger_journals j on j.id = je.journal_id
          where l.activity_id = t.id and a.number like '7%' and j.kind <> 'opening') as last_revenue_on
      from activities t
      join legal_entities e on e.id = t.entity_id
      left join offices o on o.id = ${activityOffice}
      where t.status = 'open' and ${inOffices(officeIds)}`.execute(db)
  ).rows;

/** Debit and credit per activity and account, outside opening entries (as the activity account reads them). */
export const activityAccountSums = async (db: Q, activityIds: readonly string[]) =>
  activityIds.length === 0
    ? []
    : (
        await sql<{ activityId: string; accountNumber: string; debitCents: number; creditCents: number }>`
          select l.activity_id, a.number as account_number,
            sum(l.debit_cents)::bigint as debit_cents, sum(l.credit_cents)::bigint as credit_cents
          from journal_entry_lines l
          join journal_entries e on e.id = l.entry_id
          join ledger_journals j on j.id = e.journal_id
          join ledger_accounts a on a.id = l.account_id
          where l.activity_id in (${sql.join(activityIds)}) and j.kind <> 'opening'
          group by l.activity_id, a.number`.execute(db)
      ).rows.map((r) => ({ ...r, debitCents: Number(r.debitCents), creditCents: Number(r.creditCents) }));

export type DashboardFilter = {
  /** Every entity asked for by id, so that the (entity, date) index serves each. */
  entityIds: readonly string[];
  officeId: string | null;
  from: string;
  to: string;
};

/** Accounts the dashboard reads: revenue, clients, fee, pay, the fund's covers, contributions and losses. */
const dashboardAccounts = sql`(a.number like '7%' or a.number like '411%' or a.number like '416%'
  or a.number like '961%' or a.number like '64%' or a.number like '631%' or a.number like '633%'
  or a.number like '962%' or a.number like '973%' or a.number like '974%')`;
/** Accounts whose balance is carried from before the year: the fund's. */
const balanceAccounts = sql`(a.number like '962%' or a.number like '973%' or a.number like '974%')`;

/**
 * Sums of ledger lines per entity, activity office, month, account, whether the lines carry an
 * activity and whether their entry touches a bank account. Before the year, only the fund's
 * accounts (their balance runs on). Opening entries are left out, as in the activity account.
 */
export const ledgerAggregate = async (db: Q, f: DashboardFilter): Promise<LedgerAggregateRow[]> => {
  if (f.entityIds.length === 0) return [];
  const rows = (
    await sql<LedgerAggregateRow>`
      with lines as (
        select e.entity_id, e.id as entry_id, e.entry_date, l.activity_id, a.number,
          l.debit_cents, l.credit_cents,
          -- The fund's side of a cover (962) names no activity: it takes its entry's, when the entry
          -- concerns one activity, so that covers are counted in that activity's office.
          coalesce(l.activity_id, case when a.number like '962%' then (
            select (array_agg(distinct l2.activity_id))[1] from journal_entry_lines l2
            where l2.entry_id = e.id and l2.activity_id is not null
            having count(distinct l2.activity_id) = 1) end) as placed_activity_id
        from journal_entries e
        join ledger_journals j on j.id = e.journal_id
        join journal_entry_lines l on l.entry_id = e.id
        join ledger_accounts a on a.id = l.account_id
        where e.entity_id in (${sql.join(f.entityIds)}) and e.entry_date <= ${f.to}
          and j.kind <> 'opening' and ${dashboardAccounts}
          and (e.entry_date >= ${f.from} or ${balanceAccounts})
      ), offices as (
        select t.id, ${activityOffice} as office_id
        from activities t where t.id in (select distinct placed_activity_id from lines where placed_activity_id is not null)
      )
      select x.entity_id, o.office_id,
        case when x.entry_date < ${f.from} then null else to_char(x.entry_date, 'YYYY-MM') end as month,
        x.number as account_number, x.activity_id is not null as tagged,
        ((x.number like '411%' or x.number like '416%') and exists (
          select 1 from journal_entry_lines l2 join ledger_accounts a2 on a2.id = l2.account_id
          where l2.entry_id = x.entry_id and a2.number like '5%')) as touches_treasury,
        sum(x.debit_cents)::bigint as debit_cents, sum(x.credit_cents)::bigint as credit_cents
      from lines x left join offices o on o.id = x.placed_activity_id
      -- The fund's own accounts belong to its entity, whatever the office asked for.
      ${f.officeId ? sql`where o.office_id = ${f.officeId} or x.number like '973%' or x.number like '974%'` : sql``}
      group by 1, 2, 3, 4, 5, 6`.execute(db)
  ).rows;
  return rows.map((r) => ({ ...r, debitCents: Number(r.debitCents), creditCents: Number(r.creditCents) }));
};

/**
 * Active members: distinct members (status member or sociétaire) of an activity with at least one
 * movement in the month, per entity and office, per month and over the year, and for the whole
 * selection (a member active in two offices counts once there).
 */
export const activeMembers = async (db: Q, f: DashboardFilter): Promise<ActiveMembersRow[]> => {
  if (f.entityIds.length === 0) return [];
  const rows = (
    await sql<{
      entityId: string | null;
      officeId: string | null;
      month: string | null;
      g: number;
      members: number;
    }>`
      with moved as (
        select distinct e.entity_id, l.activity_id, to_char(e.entry_date, 'YYYY-MM') as month
        from journal_entries e
        join ledger_journals j on j.id = e.journal_id
        join journal_entry_lines l on l.entry_id = e.id
        where e.entity_id in (${sql.join(f.entityIds)}) and e.entry_date between ${f.from} and ${f.to}
          and j.kind <> 'opening' and l.activity_id is not null
      ), placed as (
        select mv.entity_id, mv.activity_id, mv.month, ${activityOffice} as office_id
        from moved mv join activities t on t.id = mv.activity_id
      )
      select p.entity_id, p.office_id, p.month, grouping(p.entity_id, p.office_id, p.month)::int as g,
        count(distinct am.member_id)::int as members
      from placed p
      join activity_members am on am.activity_id = p.activity_id
      join members mb on mb.id = am.member_id and mb.status in ('member', 'shareholder')
      ${f.officeId ? sql`where p.office_id = ${f.officeId}` : sql``}
      group by grouping sets ((p.entity_id, p.office_id, p.month), (p.entity_id, p.office_id), (p.month), ())`.execute(
      db,
    )
  ).rows;
  // grouping() bits: entity 4, office 2, month 1.
  return rows.map((r) => ({
    entityId: r.g & 4 ? null : r.entityId,
    officeId: r.g & 2 ? null : r.officeId,
    whole: (r.g & 6) === 6,
    month: r.g & 1 ? null : r.month,
    members: Number(r.members),
  }));
};

/** Whether any of these entities keeps the guarantee fund's accounts (973 or 974). */
export const keepsFund = async (db: Q, entityIds: readonly string[]) =>
  entityIds.length > 0 &&
  (
    await sql<{ n: number }>`select count(*)::int as n from ledger_accounts
      where entity_id in (${sql.join(entityIds)}) and (number like '973%' or number like '974%')`.execute(db)
  ).rows.some((r) => Number(r.n) > 0);
