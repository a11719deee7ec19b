// Invariants of the books, checked in SQL over the whole database. Every server test file runs them
// when its app closes (testing.ts); an empty list means the ledger is sound:
// - every entry balanced, with lines numbered 1..n, n >= 2, each line on exactly one side;
// - entry numbers 1..n per journal and fiscal year, no gap, no duplicate, matching the counter;
// - every entry inside its fiscal year; none in a locked month or a closed year posted after the lock;
// - reversals mirror their original line for line, in the same entity;
// - auxiliary accounts exactly where the account asks for them; class 9 only in the analytic journal.
import { type Kysely, sql } from 'kysely';
import { entryReference } from '../../domain/ledger/entry.ts';
import type { Database } from '../db/schema.ts';

type Check = {
  name: string;
  query: ReturnType<typeof sql<Record<string, unknown>>>;
  describe: (row: any) => string;
};

const ref = (r: { journalCode: string; yearCode: string; number: number }) =>
  entryReference(r.journalCode, r.yearCode, r.number);

const entryRefs = sql`join ledger_journals j on j.id = e.journal_id join fiscal_years fy on fy.id = e.fiscal_year_id`;

const checks: Check[] = [
  {
    name: 'entry not balanced or badly numbered lines',
    query: sql`
      select j.code as journal_code, fy.code as year_code, e.number, count(l.line_no)::int as n,
        coalesce(max(l.line_no), 0)::int as top,
        coalesce(sum(l.debit_cents), 0)::bigint as debit, coalesce(sum(l.credit_cents), 0)::bigint as credit
      from journal_entries e ${entryRefs} left join journal_entry_lines l on l.entry_id = e.id
      group by e.id, j.code, fy.code, e.number
      having count(l.line_no) < 2 or coalesce(max(l.line_no), 0) <> count(l.line_no)
        or coalesce(sum(l.debit_cents), 0) <> coalesce(sum(l.credit_cents), 0)`,
    describe: (r) => `${ref(r)}: ${r.n} lines (up to ${r.top}), debit ${r.debit}, credit ${r.credit}`,
  },
  {
    name: 'line not on exactly one side',
    query: sql`
      select j.code as journal_code, fy.code as year_code, e.number, l.line_no
      from journal_entry_lines l join journal_entries e on e.id = l.entry_id ${entryRefs}
      where not ((l.debit_cents > 0) <> (l.credit_cents > 0))`,
    describe: (r) => `${ref(r)} line ${r.lineNo}`,
  },
  {
    name: 'entry numbers not continuous',
    query: sql`
      select j.code as journal_code, fy.code as year_code, count(*)::int as n, min(e.number) as lo,
        max(e.number) as hi, count(distinct e.number)::int as distinct_numbers, max(c.last_number) as counter
      from journal_entries e ${entryRefs}
      left join ledger_counters c on c.journal_id = e.journal_id and c.fiscal_year_id = e.fiscal_year_id
      group by j.code, fy.code, e.journal_id, e.fiscal_year_id
      having min(e.number) <> 1 or max(e.number) <> count(*) or count(distinct e.number) <> count(*)
        or max(c.last_number) is distinct from max(e.number)`,
    describe: (r) =>
      `${r.journalCode} ${r.yearCode}: ${r.n} entries numbered ${r.lo}..${r.hi} (${r.distinctNumbers} distinct), counter ${r.counter}`,
  },
  {
    name: 'counter ahead of its entries',
    query: sql`
      select j.code as journal_code, fy.code as year_code, c.last_number
      from ledger_counters c join ledger_journals j on j.id = c.journal_id join fiscal_years fy on fy.id = c.fiscal_year_id
      where c.last_number > 0 and not exists (
        select 1 from journal_entries e where e.journal_id = c.journal_id and e.fiscal_year_id = c.fiscal_year_id)`,
    describe: (r) => `${r.journalCode} ${r.yearCode}: counter at ${r.lastNumber} without entries`,
  },
  {
    name: 'entry outside its fiscal year or its entity',
    query: sql`
      select j.code as journal_code, fy.code as year_code, e.number, e.entry_date
      from journal_entries e ${entryRefs}
      where e.entry_date < fy.start_date or e.entry_date > fy.end_date or fy.entity_id <> e.entity_id
        or j.entity_id <> e.entity_id
        or exists (select 1 from journal_entry_lines l where l.entry_id = e.id and l.entity_id <> e.entity_id)`,
    describe: (r) => `${ref(r)} dated ${r.entryDate}`,
  },
  {
    name: 'entry posted in a locked month after the lock',
    query: sql`
      select j.code as journal_code, fy.code as year_code, e.number, k.month
      from journal_entries e ${entryRefs}
      join ledger_period_locks k on k.entity_id = e.entity_id and k.month = date_trunc('month', e.entry_date)::date
      where e.seq > k.locked_seq`,
    describe: (r) => `${ref(r)} in ${String(r.month).slice(0, 7)}`,
  },
  {
    name: 'entry posted in a closed year after the closing',
    query: sql`
      select j.code as journal_code, fy.code as year_code, e.number
      from journal_entries e ${entryRefs}
      where fy.status = 'closed' and e.seq > fy.closed_seq`,
    describe: (r) => ref(r),
  },
  {
    name: 'reversal not mirroring its original',
    query: sql`
      with pairs as (
        select r.id as rid, r.reverses_entry_id as oid from journal_entries r where r.reverses_entry_id is not null
      ),
      mine as (
        select p.rid, l.account_id, l.auxiliary_account_id, l.activity_id, l.debit_cents as d, l.credit_cents as c,
          count(*) as n
        from pairs p join journal_entry_lines l on l.entry_id = p.rid
        group by p.rid, l.account_id, l.auxiliary_account_id, l.activity_id, l.debit_cents, l.credit_cents
      ),
      mirrored as (
        select p.rid, l.account_id, l.auxiliary_account_id, l.activity_id, l.credit_cents as d, l.debit_cents as c,
          count(*) as n
        from pairs p join journal_entry_lines l on l.entry_id = p.oid
        group by p.rid, l.account_id, l.auxiliary_account_id, l.activity_id, l.debit_cents, l.credit_cents
      ),
      bad as (
        select coalesce(a.rid, b.rid) as rid from mine a full join mirrored b
          on a.rid = b.rid and a.account_id = b.account_id
          and a.auxiliary_account_id is not distinct from b.auxiliary_account_id
          and a.activity_id is not distinct from b.activity_id and a.d = b.d and a.c = b.c and a.n = b.n
        where a.rid is null or b.rid is null
        union
        select r.id from journal_entries r join journal_entries o on o.id = r.reverses_entry_id
        where o.entity_id <> r.entity_id
      )
      select distinct j.code as journal_code, fy.code as year_code, e.number
      from bad join journal_entries e on e.id = bad.rid ${entryRefs}`,
    describe: (r) => ref(r),
  },
  {
    name: 'auxiliary account where the account does not ask for one, or missing',
    query: sql`
      select j.code as journal_code, fy.code as year_code, e.number, l.line_no, a.number as account
      from journal_entry_lines l join journal_entries e on e.id = l.entry_id ${entryRefs}
      join ledger_accounts a on a.id = l.account_id
      left join ledger_auxiliary_accounts x on x.id = l.auxiliary_account_id
      where (a.auxiliary_kind is null) <> (x.id is null) or (x.id is not null and x.kind <> a.auxiliary_kind)`,
    describe: (r) => `${ref(r)} line ${r.lineNo} on ${r.account}`,
  },
  {
    name: 'analytic account outside the analytic journal, or the reverse',
    query: sql`
      select j.code as journal_code, fy.code as year_code, e.number, l.line_no, a.number as account
      from journal_entry_lines l join journal_entries e on e.id = l.entry_id ${entryRefs}
      join ledger_accounts a on a.id = l.account_id
      where (j.kind = 'analytic') <> (a.number like '9%')`,
    describe: (r) => `${ref(r)} line ${r.lineNo} on ${r.account}`,
  },
];

/** Every broken invariant, one line each; empty when the books are sound. */
export async function checkLedger(db: Kysely<Database>): Promise<string[]> {
  const problems: string[] = [];
  for (const check of checks) {
    const { rows } = await check.query.execute(db);
    for (const row of rows.slice(0, 20)) problems.push(`${check.name}: ${check.describe(row)}`);
    if (rows.length > 20) problems.push(`${check.name}: … and ${rows.length - 20} more`);
  }
  return problems;
}
