// Ledger throughput on in-memory PGlite and on a throwaway PostgreSQL database, each figure next to a
// baseline measured in the same run. It only prints. Run: `npm run bench:ledger`.
//
// Posting: the same deterministic entries of 2 to 6 lines go in three ways, batch after batch in turn —
//   - `postEntries` (checks, chart and auxiliary look-ups, period locks, gapless numbers, audit-free),
//     500 entries per transaction, and `postEntry` one entry per transaction (how an invoice posts);
//   - baseline "raw INSERT": the same rows as multi-row INSERTs of 500 entries per transaction into the
//     ledger tables themselves (foreign keys and the balance/period triggers still run);
//   - baseline "bare INSERT": the same into copies of the tables without triggers, keys or indexes.
// FEC: 2,000,000 lines loaded in bulk, then exported by `fecExport` into a counting sink (text formatted
// as the file), against baselines that fetch the same joined rows through a cursor, unformatted, in
// the file's order and in no order.
// Peak RSS is sampled during each export.
//
// Sizes: BENCH_ENTRIES (default 20,000), BENCH_FEC_LINES (2,000,000), BENCH_DATABASE_URL.
import { performance } from 'node:perf_hooks';
import { type Insertable, sql, type Transaction } from 'kysely';
import type { EntryInput, LineInput } from '../src/domain/ledger/schemas.ts';
import { demoEntities, mulberry32 } from '../src/seed/demo-data.ts';
import { buildApp } from '../src/server/app.ts';
import { type Ctx, systemContext } from '../src/server/context.ts';
import { createDb, type Db, type DbHandle } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import type { Database } from '../src/server/db/schema.ts';
import { transact } from '../src/server/db/transaction.ts';
import { checkLedger } from '../src/server/ledger/checks.ts';
import { createFiscalYear, fecExport, postEntries, postEntry } from '../src/server/ledger/service.ts';
import { createFileMailer } from '../src/server/mail/mailer.ts';
import { createEntity } from '../src/server/organisation/service.ts';
import { testSecrets, testUrl } from '../src/server/testing.ts';
import { throwawayDatabase } from './support.ts';

process.env.TZ = 'UTC';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 20_000);
const SINGLE = Math.min(2_000, ENTRIES);
const BATCH = 500;
const FEC_LINES = Number(process.env.BENCH_FEC_LINES ?? 2_000_000);
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

type Setup = {
  ctx: Ctx;
  entityId: string;
  clientIds: string[];
  activityId: string;
  close: () => Promise<void>;
};

async function setUp(handle: DbHandle, entityIndex: number): Promise<Setup> {
  const app = await buildApp({
    db: handle.db,
    mailer: createFileMailer('x', null),
    secrets: testSecrets,
    publicUrl: testUrl,
    clock: () => new Date('2026-11-20T10:00:00Z'),
    webRoot: null,
  });
  const ctx = systemContext(app.deps);
  const entity = await createEntity(ctx, demoEntities[entityIndex] as (typeof demoEntities)[number]);
  await createFiscalYear(ctx, entity.id, { startDate: '2026-01-01', endDate: '2026-12-31' });
  const clients = await handle.db
    .insertInto('clients')
    .values(
      Array.from({ length: 20 }, (_, i) => ({
        kind: 'company' as const,
        name: `Client de mesure ${entityIndex}-${i}`,
        addressLine: '1 rue du Port',
        postalCode: '59000',
        city: 'Lille',
      })),
    )
    .returning('id')
    .execute();
  const activity = await handle.db
    .insertInto('activities')
    .values({ entityId: entity.id, name: `Activité de mesure ${entityIndex}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    ctx,
    entityId: entity.id,
    clientIds: clients.map((c) => c.id),
    activityId: activity.id,
    close: () => app.close(),
  };
}

/** Deterministic entries of 2 to 6 lines, balanced, on accounts with and without auxiliary accounts. */
function makeEntries(s: Setup, count: number, journalCode: string, seed: number): EntryInput[] {
  const rand = mulberry32(seed);
  const plain = ['512', '706', '6251', '6063', '627', '44566', '44580', '6411'];
  return Array.from({ length: count }, (_, i) => {
    const n = 2 + Math.floor(rand() * 5);
    const amounts: number[] = [];
    for (let k = 0; k < n - 1; k++)
      amounts.push((rand() < 0.5 ? 1 : -1) * (100 + Math.floor(rand() * 500_000)));
    let last = -amounts.reduce((a, b) => a + b, 0);
    if (last === 0) {
      amounts[0] = (amounts[0] as number) + 1;
      last = -1;
    }
    amounts.push(last);
    const lines: LineInput[] = amounts.map((a, k) => {
      const side = a > 0 ? { debitCents: a, creditCents: 0 } : { debitCents: 0, creditCents: -a };
      if (k === 0 && rand() < 0.4)
        return {
          accountNumber: '411',
          clientId: s.clientIds[Math.floor(rand() * s.clientIds.length)] as string,
          activityId: s.activityId,
          ...side,
        };
      return {
        accountNumber: plain[Math.floor(rand() * plain.length)] as string,
        ...(rand() < 0.5 ? { activityId: s.activityId } : {}),
        ...side,
      };
    });
    return {
      entityId: s.entityId,
      journalCode,
      entryDate: `2026-${String(7 + (i % 6)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      label: `Écriture de mesure ${i + 1}`,
      pieceRef: `M-${i + 1}`,
      lines,
    };
  });
}

const chunked = <T>(rows: T[], size: number) =>
  Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));

type Rows = {
  entries: (Insertable<Database['journalEntries']> & { journalId: string; fiscalYearId: string })[];
  lines: Insertable<Database['journalEntryLines']>[];
};

/** The rows postEntries would write for these entries, resolved once, for the INSERT baselines. */
async function rowsOf(db: Db, s: Setup, inputs: EntryInput[], journalCode: string): Promise<Rows[]> {
  const accounts = new Map(
    (
      await db
        .selectFrom('ledgerAccounts')
        .select(['id', 'number'])
        .where('entityId', '=', s.entityId)
        .execute()
    ).map((a) => [a.number, a.id]),
  );
  const aux = new Map(
    (
      await db
        .selectFrom('ledgerAuxiliaryAccounts')
        .select(['id', 'clientId'])
        .where('entityId', '=', s.entityId)
        .execute()
    ).map((x) => [x.clientId, x.id]),
  );
  const journal = await db
    .selectFrom('ledgerJournals')
    .select('id')
    .where('entityId', '=', s.entityId)
    .where('code', '=', journalCode)
    .executeTakeFirstOrThrow();
  const year = await db
    .selectFrom('fiscalYears')
    .select('id')
    .where('entityId', '=', s.entityId)
    .executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  return chunked(inputs, BATCH).map((batch, b) => {
    const rows: Rows = { entries: [], lines: [] };
    batch.forEach((e, i) => {
      const id = crypto.randomUUID();
      rows.entries.push({
        id,
        entityId: s.entityId,
        journalId: journal.id,
        fiscalYearId: year.id,
        number: b * BATCH + i + 1,
        entryDate: e.entryDate,
        label: e.label,
        pieceRef: e.pieceRef as string,
        pieceDate: e.entryDate,
        reversesEntryId: null,
        sourceType: null,
        sourceId: null,
        postedAt: now,
        postedBy: 'bench',
      });
      for (const [k, l] of e.lines.entries())
        rows.lines.push({
          entryId: id,
          lineNo: k + 1,
          entityId: s.entityId,
          accountId: accounts.get(l.accountNumber) as string,
          auxiliaryAccountId: l.clientId ? (aux.get(l.clientId) as string) : null,
          activityId: l.activityId ?? null,
          label: l.label ?? e.label,
          debitCents: l.debitCents ?? 0,
          creditCents: l.creditCents ?? 0,
        });
    });
    return rows;
  });
}

async function insertRows(
  trx: Transaction<Database>,
  rows: Rows,
  tables: { entries: string; lines: string },
) {
  for (const part of chunked(rows.entries, 1000))
    await trx
      .insertInto(tables.entries as 'journalEntries')
      .values(part)
      .execute();
  for (const part of chunked(rows.lines, 1000))
    await trx
      .insertInto(tables.lines as 'journalEntryLines')
      .values(part)
      .execute();
}

const timed = async (work: () => Promise<unknown>) => {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
};

type PostingFigures = {
  lines: number;
  batched: number;
  single: number;
  singleLines: number;
  raw: number;
  bare: number;
};

async function benchPosting(handle: DbHandle): Promise<PostingFigures> {
  const s = await setUp(handle, 0);
  const db = handle.db;
  // The clients' auxiliary accounts exist before any timing (they are created on first use otherwise).
  await transact(db, (trx) =>
    postEntry(
      trx,
      s.ctx.actor,
      {
        entityId: s.entityId,
        journalCode: 'AC',
        entryDate: '2026-07-01',
        label: 'Comptes auxiliaires',
        lines: s.clientIds.flatMap((clientId) => [
          { accountNumber: '411', clientId, debitCents: 100 },
          { accountNumber: '706', creditCents: 100 },
        ]),
      },
      { now: new Date() },
    ),
  );

  const entries = makeEntries(s, ENTRIES, 'VE', 42);
  const lines = entries.reduce((t, e) => t + e.lines.length, 0);
  const baselineEntries = makeEntries(s, ENTRIES, 'BQ', 42);
  const raw = await rowsOf(db, s, baselineEntries, 'BQ');
  const bareRows = await rowsOf(db, s, baselineEntries, 'BQ');
  await sql`create table bench_entries (like journal_entries including defaults including identity)`.execute(
    db,
  );
  await sql`create table bench_lines (like journal_entry_lines including defaults)`.execute(db);

  // Warm-up of both paths on a few entries of their own journals.
  await transact(db, (trx) =>
    postEntries(trx, s.ctx.actor, makeEntries(s, 100, 'OD', 9), { now: new Date() }),
  );

  // The three ways take turns batch by batch, so that none profits from coming later (bigger caches)
  // or suffers from it (bigger indexes).
  const postingBatches = chunked(entries, BATCH);
  let rawSeconds = 0;
  let batchedSeconds = 0;
  let bareSeconds = 0;
  for (const [i, batch] of postingBatches.entries()) {
    rawSeconds += await timed(() =>
      db
        .transaction()
        .execute((trx) =>
          insertRows(trx, raw[i] as Rows, { entries: 'journalEntries', lines: 'journalEntryLines' }),
        ),
    );
    batchedSeconds += await timed(() =>
      transact(db, (trx) => postEntries(trx, s.ctx.actor, batch, { now: new Date() })),
    );
    bareSeconds += await timed(() =>
      db
        .transaction()
        .execute((trx) =>
          insertRows(trx, bareRows[i] as Rows, { entries: 'benchEntries', lines: 'benchLines' }),
        ),
    );
  }
  await db
    .insertInto('ledgerCounters')
    .values({
      journalId: raw[0]?.entries[0]?.journalId as string,
      fiscalYearId: raw[0]?.entries[0]?.fiscalYearId as string,
      lastNumber: ENTRIES,
    })
    .execute();
  const singles = makeEntries(s, SINGLE, 'SAL', 43);
  const singleLines = singles.reduce((t, e) => t + e.lines.length, 0);
  const singleSeconds = await timed(async () => {
    for (const e of singles) await transact(db, (trx) => postEntry(trx, s.ctx.actor, e, { now: new Date() }));
  });
  const problems = await checkLedger(db);
  if (problems.length) throw new Error(`ledger checks after the posting bench:\n${problems.join('\n')}`);
  await s.close();
  return {
    lines,
    batched: lines / batchedSeconds,
    raw: lines / rawSeconds,
    bare: lines / bareSeconds,
    single: SINGLE / singleSeconds,
    singleLines: singleLines / singleSeconds,
  };
}

type FecFigures = {
  lines: number;
  loadSeconds: number;
  export: number;
  baseline: number;
  unordered: number;
  rssBefore: number;
  rssPeak: number;
  rssSteps: number[];
  baselinePeak: number;
};

/** Peak RSS while `work` runs, sampled every 20 ms. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peak };
  } finally {
    clearInterval(timer);
  }
}

async function benchFec(handle: DbHandle): Promise<FecFigures> {
  const s = await setUp(handle, 1);
  const db = handle.db;
  const journals = ['VE', 'BQ', 'OD', 'SAL'];
  const perJournal = Math.ceil(FEC_LINES / 4 / journals.length);
  const loadSeconds = await timed(() =>
    db.transaction().execute(async (trx) => {
      // A bulk load of valid books (balanced, numbered 1..n): the triggers are set aside while loading.
      await sql`set local session_replication_role = replica`.execute(trx);
      await sql`
        insert into journal_entries (id, entity_id, journal_id, fiscal_year_id, number, entry_date, label, piece_ref,
          piece_date, posted_at, posted_by)
        select gen_random_uuid(), ${s.entityId}, j.id, fy.id, g, date '2026-01-01' + (g % 365),
          'Écriture ' || g, j.code || '-' || g, date '2026-01-01' + (g % 365), now(), 'bench'
        from generate_series(1, ${perJournal}) g
        cross join ledger_journals j
        cross join fiscal_years fy
        where j.entity_id = ${s.entityId} and j.code in (${sql.join(journals)}) and fy.entity_id = ${s.entityId}`.execute(
        trx,
      );
      await sql`
        insert into journal_entry_lines (entry_id, line_no, entity_id, account_id, auxiliary_account_id, activity_id,
          label, debit_cents, credit_cents)
        select e.id, k, e.entity_id, a.id, case when k = 1 then x.id end, case when k <= 2 then ${s.activityId}::uuid end,
          'Ligne ' || k || ' de l''écriture ' || e.number,
          case when k <= 2 then 1000 + e.number % 997 else 0 end, case when k > 2 then 1000 + e.number % 997 else 0 end
        from journal_entries e
        cross join generate_series(1, 4) k
        join ledger_accounts a on a.entity_id = e.entity_id
          and a.number = (array['411', '6251', '706', '44580'])[k]
        left join lateral (select id from ledger_auxiliary_accounts where entity_id = e.entity_id limit 1) x on true
        where e.entity_id = ${s.entityId}`.execute(trx);
      await sql`
        insert into ledger_counters (journal_id, fiscal_year_id, last_number)
        select j.id, fy.id, ${perJournal} from ledger_journals j cross join fiscal_years fy
        where j.entity_id = ${s.entityId} and j.code in (${sql.join(journals)}) and fy.entity_id = ${s.entityId}`.execute(
        trx,
      );
    }),
  );
  const year = await db
    .selectFrom('fiscalYears')
    .select('id')
    .where('entityId', '=', s.entityId)
    .executeTakeFirstOrThrow();
  const lines = perJournal * 4 * journals.length;

  // Baselines: the same joined rows through a cursor, 10,000 at a time, not formatted — in the file's
  // order (what an export must produce), and in no order (the bare reading speed).
  const cursorRead = async (ordered: boolean) => {
    global.gc?.();
    let fetched = 0;
    const started = performance.now();
    const { peak } = await withPeakRss(() =>
      db.transaction().execute(async (trx) => {
        await sql`declare fec_raw cursor for
          select e.number, e.entry_date, e.label, e.piece_ref, e.piece_date, e.posted_at, a.number as account_number,
            a.label as account_label, x.code, x.label as aux_label, l.label as line_label, l.debit_cents,
            l.credit_cents, l.activity_id, j.code as journal_code, j.label as journal_label
          from journal_entries e join journal_entry_lines l on l.entry_id = e.id
          join ledger_journals j on j.id = e.journal_id join ledger_accounts a on a.id = l.account_id
          left join ledger_auxiliary_accounts x on x.id = l.auxiliary_account_id
          where e.entity_id = ${s.entityId} and e.fiscal_year_id = ${year.id}
          ${ordered ? sql`order by j.code, e.number, l.line_no` : sql``}`.execute(trx);
        for (;;) {
          const { rows } = await sql`fetch 10000 from fec_raw`.execute(trx);
          fetched += rows.length;
          if (rows.length === 0) break;
        }
      }),
    );
    if (fetched !== lines) throw new Error(`baseline fetched ${fetched} of ${lines}`);
    return { rate: lines / ((performance.now() - started) / 1000), peak };
  };
  const ordered = await cursorRead(true);
  const unordered = await cursorRead(false);

  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const rssSteps: number[] = [];
  let written = 0;
  let bytes = 0;
  const start = performance.now();
  const { peak } = await withPeakRss(async () => {
    const { chunks } = await fecExport(db, s.entityId, year.id);
    let next = 500_000;
    for await (const chunk of chunks) {
      bytes += Buffer.byteLength(chunk);
      for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) written++;
      if (written >= next) {
        rssSteps.push(process.memoryUsage().rss);
        next += 500_000;
      }
    }
  });
  const exportSeconds = (performance.now() - start) / 1000;
  if (written !== lines + 1) throw new Error(`FEC has ${written - 1} lines, expected ${lines}`);
  console.log(`  FEC file: ${(bytes / 1024 / 1024).toFixed(0)} MiB for ${lines.toLocaleString('en')} lines`);
  await s.close();
  return {
    lines,
    loadSeconds,
    export: lines / exportSeconds,
    baseline: ordered.rate,
    unordered: unordered.rate,
    rssBefore,
    rssPeak: peak,
    rssSteps,
    baselinePeak: Math.max(ordered.peak, unordered.peak),
  };
}

const rate = (n: number) => `${Math.round(n).toLocaleString('en').padStart(10)} lines/s`;
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`;
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(0)} %`;

function printPosting(label: string, f: PostingFigures) {
  console.log(
    `\n${label}: posting ${ENTRIES.toLocaleString('en')} entries (${f.lines.toLocaleString('en')} lines)`,
  );
  console.log(`  postEntries, ${BATCH} per transaction  ${rate(f.batched)}`);
  console.log(
    `  raw INSERT (ledger tables)          ${rate(f.raw)}   postEntries = ${pct(f.batched, f.raw)} of it`,
  );
  console.log(
    `  bare INSERT (no triggers/keys)      ${rate(f.bare)}   postEntries = ${pct(f.batched, f.bare)} of it`,
  );
  console.log(
    `  postEntry, one per transaction      ${rate(f.singleLines)}   (${Math.round(f.single)} entries/s; ${pct(f.singleLines, f.raw)} of raw)`,
  );
}

function printFec(label: string, f: FecFigures) {
  console.log(
    `\n${label}: FEC of ${f.lines.toLocaleString('en')} lines (bulk load ${f.loadSeconds.toFixed(1)} s)`,
  );
  console.log(
    `  fecExport (formatted, streamed)     ${rate(f.export)}   = ${pct(f.export, f.baseline)} of the baseline`,
  );
  console.log(`  cursor SELECT in file order         ${rate(f.baseline)}`);
  console.log(
    `  cursor SELECT, no order             ${rate(f.unordered)}   fecExport = ${pct(f.export, f.unordered)} of it`,
  );
  console.log(
    `  RSS before ${mib(f.rssBefore)}, peak during export ${mib(f.rssPeak)} (+${mib(f.rssPeak - f.rssBefore)}); every 500,000 lines: ${f.rssSteps.map(mib).join(', ')}`,
  );
  console.log(`  peak RSS during the baseline ${mib(f.baselinePeak)}`);
}

console.log(`Node ${process.version}; ENTRIES=${ENTRIES}, FEC_LINES=${FEC_LINES}`);
for (const target of ['PGlite (in memory)', 'PostgreSQL'] as const) {
  let handle: DbHandle;
  let drop = async () => {};
  if (target === 'PostgreSQL') {
    const server = await throwawayDatabase(adminUrl);
    if (!server) continue;
    handle = await createDb({ databaseUrl: server.url });
    drop = server.drop;
  } else handle = await createDb({});
  try {
    await migrate(handle);
    printPosting(target, await benchPosting(handle));
    printFec(target, await benchFec(handle));
  } finally {
    await handle.close();
    await drop();
  }
}
