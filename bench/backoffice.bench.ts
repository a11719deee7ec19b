// The back office's queries on the demo cooperative, then with more ledger lines: the direction
// dashboard of a year (every entity, then one office) and the cockpit of the whole cooperative,
// each against a baseline measured in the same run: one sequential pass over every ledger line
// (`select count(*), sum(debit_cents) from journal_entry_lines`), the least any full-ledger report
// can cost. It only prints medians and ratios; never a pass/fail on time.
// Run: `node bench/backoffice.bench.ts` (BENCH_ENTRIES=40000 for more; DATABASE_URL for PostgreSQL).
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { getCockpit, getDashboard } from '../src/server/backoffice/service.ts';
import { createTestApp } from '../src/server/testing.ts';

process.env.TZ = 'UTC';
// Bulk entries still go through the ledger's per-line balance trigger: about 70 s per 5,000 on PGlite.
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 5_000);
const RUNS = 5;

const t = await createTestApp({ seed: 'demo' });
const db = t.handle.db;
const ctx = t.system;

async function median(run: () => Promise<unknown>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const began = performance.now();
    await run();
    times.push(performance.now() - began);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)] as number;
}

const lineCount = async () =>
  Number(
    (await sql<{ n: number }>`select count(*)::bigint as n from journal_entry_lines`.execute(db)).rows[0]?.n,
  );
const lille = (await sql<{ id: string }>`select id from offices where code = 'lille'`.execute(db)).rows[0]
  ?.id as string;

async function measure(label: string) {
  const baseline = await median(() =>
    sql`select count(*), sum(debit_cents) from journal_entry_lines`.execute(db),
  );
  const dashboard = await median(() => getDashboard(ctx, { year: 2026 }));
  const office = await median(() => getDashboard(ctx, { year: 2026, officeId: lille }));
  const cockpit = await median(() => getCockpit(ctx, {}));
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  console.log(`\n${label}: ${(await lineCount()).toLocaleString('en')} ledger lines`);
  console.log(`  baseline (scan of every line)   ${ms(baseline)}`);
  console.log(
    `  dashboard, every entity         ${ms(dashboard)}  ratio ${(dashboard / baseline).toFixed(2)}`,
  );
  console.log(`  dashboard, one office           ${ms(office)}  ratio ${(office / baseline).toFixed(2)}`);
  console.log(`  cockpit, whole cooperative      ${ms(cockpit)}  ratio ${(cockpit / baseline).toFixed(2)}`);
}

await measure('Demo cooperative');

// More of the same: revenue entries (418 debit / 706 credit, both on an activity), spread over the
// second half of 2026 (the first is locked) and the entities' activities, inserted in bulk in the VE
// journal after its last number (the ledger's triggers check them as for any entry).
const inserting = performance.now();
for (let done = 0; done < ENTRIES; done += 5_000) {
  const n = Math.min(5_000, ENTRIES - done);
  await sql`
    with pick as (
      select e.id as entity_id, fy.id as fiscal_year_id,
        (select id from ledger_journals where entity_id = e.id and code = 'VE') as journal_id,
        (select array_agg(id) from activities where entity_id = e.id) as activities,
        row_number() over (order by e.id) - 1 as rank
      from legal_entities e join fiscal_years fy on fy.entity_id = e.id and fy.code = '2026'
      where exists (select 1 from activities where entity_id = e.id)
    ), numbered as (
      select p.entity_id, p.fiscal_year_id, p.journal_id,
        row_number() over (partition by p.entity_id order by g) +
          coalesce((select max(number) from journal_entries je where je.journal_id = p.journal_id
            and je.fiscal_year_id = p.fiscal_year_id), 0) as number,
        (date '2026-07-01' + (g % 170))::date as entry_date,
        p.activities[1 + (g % array_length(p.activities, 1))] as activity_id,
        (10000 + (g * 7919) % 500000)::bigint as amount
      from pick p cross join generate_series(1, ${n}) g
      where g % (select count(*) from pick) = p.rank
    ), entries as (
      insert into journal_entries (entity_id, journal_id, fiscal_year_id, number, entry_date, label, piece_ref,
        piece_date, posted_at, posted_by)
      select entity_id, journal_id, fiscal_year_id, number, entry_date, 'Facture (volume)', 'BENCH-' || number,
        entry_date, now(), 'bench'
      from numbered
      returning id, entity_id, number
    )
    insert into journal_entry_lines (entry_id, line_no, entity_id, account_id, activity_id, label, debit_cents, credit_cents)
    select en.id, s.line_no, en.entity_id, a.id, nb.activity_id, 'Facture (volume)',
      case when s.line_no = 1 then nb.amount else 0 end, case when s.line_no = 2 then nb.amount else 0 end
    from entries en
    join numbered nb on nb.entity_id = en.entity_id and nb.number = en.number
    cross join (values (1, '418'), (2, '706')) s(line_no, number)
    join ledger_accounts a on a.entity_id = en.entity_id and a.number = s.number`.execute(db);
}
// The journals' counters follow, as the ledger's checks require; then the planner's statistics, as
// PostgreSQL's autovacuum would refresh them (PGlite has none: without it, plans made for a few
// hundred lines stay in use and the dashboard's joins turn into nested scans).
await sql`update ledger_counters c set last_number = m.n from (select journal_id, fiscal_year_id, max(number) as n
  from journal_entries group by 1, 2) m where c.journal_id = m.journal_id and c.fiscal_year_id = m.fiscal_year_id`.execute(
  db,
);
await sql`analyze`.execute(db);
console.log(
  `\nInserted ${ENTRIES.toLocaleString('en')} sales entries in ${((performance.now() - inserting) / 1000).toFixed(1)} s`,
);
await measure('With more sales');
await t.close().catch((e: Error) => console.log(e.message));
