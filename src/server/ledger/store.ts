// The ledger's queries. Entries and lines are only ever inserted (the database refuses the rest).
import { type Kysely, sql, type Transaction } from 'kysely';
import type { StatementLineInput } from '../../domain/ledger/statement.ts';
import { insertRows } from '../db/bulk.ts';
import type { Database } from '../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;

/** Rows per multi-row INSERT: well below PostgreSQL's 65,535 parameters. */
const chunkSize = 1000;
const chunks = <T>(rows: readonly T[]) =>
  Array.from({ length: Math.ceil(rows.length / chunkSize) }, (_, i) =>
    rows.slice(i * chunkSize, (i + 1) * chunkSize),
  );

// ——— Entities, chart, journals ———

export const findEntity = (db: Q, id: string) =>
  db
    .selectFrom('legalEntities')
    .select(['id', 'code', 'name', 'siren'])
    .where('id', '=', id)
    .executeTakeFirst();

export const findEntityByCode = (db: Q, code: string) =>
  db
    .selectFrom('legalEntities')
    .select(['id', 'code', 'name', 'siren'])
    .where('code', '=', code)
    .executeTakeFirst();

export const lockEntity = (trx: Trx, id: string) =>
  trx.selectFrom('legalEntities').select('id').where('id', '=', id).forUpdate().executeTakeFirst();

export const countAccounts = async (db: Q, entityId: string) =>
  Number(
    (
      await db
        .selectFrom('ledgerAccounts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('entityId', '=', entityId)
        .executeTakeFirstOrThrow()
    ).n,
  );

export const insertAccounts = async (
  trx: Trx,
  rows: {
    entityId: string;
    number: string;
    label: string;
    auxiliaryKind: 'client' | 'member' | 'supplier' | null;
  }[],
) => {
  if (rows.length === 0) return [];
  return trx
    .insertInto('ledgerAccounts')
    .values(rows)
    .onConflict((oc) => oc.constraint('ledger_accounts_number_key').doNothing())
    .returning('id')
    .execute();
};

export const insertJournals = async (
  trx: Trx,
  rows: { entityId: string; code: string; label: string; kind: Database['ledgerJournals']['kind'] }[],
) => {
  if (rows.length === 0) return [];
  return trx
    .insertInto('ledgerJournals')
    .values(rows)
    .onConflict((oc) => oc.constraint('ledger_journals_code_key').doNothing())
    .returning('id')
    .execute();
};

const accountColumns = ['id', 'entityId', 'number', 'label', 'auxiliaryKind', 'active'] as const;

const inUse = sql<boolean>`exists (select 1 from journal_entry_lines l where l.account_id = ledger_accounts.id)`;

export const listAccounts = (db: Q, entityId: string, f: { includeInactive?: boolean; q?: string }) => {
  let q = db
    .selectFrom('ledgerAccounts')
    .select(accountColumns)
    .select(inUse.as('inUse'))
    .where('entityId', '=', entityId);
  if (!f.includeInactive) q = q.where('active', '=', true);
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('number', 'like', `${f.q}%`), eb(sql`lower(label)`, 'like', like)]));
  }
  return q.orderBy('number').execute();
};

export const findAccount = (db: Q, id: string) =>
  db
    .selectFrom('ledgerAccounts')
    .select(accountColumns)
    .select(inUse.as('inUse'))
    .where('id', '=', id)
    .executeTakeFirst();

export const insertAccount = (
  trx: Trx,
  row: {
    entityId: string;
    number: string;
    label: string;
    auxiliaryKind: 'client' | 'member' | 'supplier' | null;
  },
) => trx.insertInto('ledgerAccounts').values(row).returning('id').executeTakeFirstOrThrow();

export const updateAccount = (
  trx: Trx,
  id: string,
  patch: {
    label?: string;
    auxiliaryKind?: 'client' | 'member' | 'supplier' | null;
    active?: boolean;
    updatedAt: string;
  },
) => trx.updateTable('ledgerAccounts').set(patch).where('id', '=', id).execute();

export const deleteAccount = (trx: Trx, id: string) =>
  trx.deleteFrom('ledgerAccounts').where('id', '=', id).executeTakeFirst();

export const accountsByNumbers = (db: Q, entityId: string, numbers: readonly string[]) =>
  numbers.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('ledgerAccounts')
        .select(['id', 'number', 'label', 'auxiliaryKind', 'active'])
        .where('entityId', '=', entityId)
        .where('number', 'in', numbers)
        .execute();

const journalColumns = ['id', 'entityId', 'code', 'label', 'kind'] as const;

export const listJournals = (db: Q, entityId: string) =>
  db
    .selectFrom('ledgerJournals')
    .select(journalColumns)
    .where('entityId', '=', entityId)
    .orderBy('code')
    .execute();

export const findJournal = (db: Q, id: string) =>
  db.selectFrom('ledgerJournals').select(journalColumns).where('id', '=', id).executeTakeFirst();

export const journalsByCodes = (db: Q, entityId: string, codes: readonly string[]) =>
  db
    .selectFrom('ledgerJournals')
    .select(journalColumns)
    .where('entityId', '=', entityId)
    .where('code', 'in', codes)
    .execute();

export const insertJournal = (
  trx: Trx,
  row: { entityId: string; code: string; label: string; kind: Database['ledgerJournals']['kind'] },
) => trx.insertInto('ledgerJournals').values(row).returning('id').executeTakeFirstOrThrow();

export const updateJournal = (trx: Trx, id: string, label: string) =>
  trx.updateTable('ledgerJournals').set({ label }).where('id', '=', id).execute();

// ——— Auxiliary accounts ———

const auxiliaryColumns = ['id', 'entityId', 'kind', 'code', 'label', 'clientId', 'memberId'] as const;

export const listAuxiliaries = async (
  db: Q,
  entityId: string,
  f: { kind?: 'client' | 'member' | 'supplier'; q?: string },
  p: { limit: number; offset: number },
) => {
  let q = db.selectFrom('ledgerAuxiliaryAccounts').where('entityId', '=', entityId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb(sql`lower(code)`, 'like', like), eb(sql`lower(label)`, 'like', like)]));
  }
  const [rows, n] = await Promise.all([
    q.select(auxiliaryColumns).orderBy('code').limit(p.limit).offset(p.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(n.n) };
};

export const auxiliariesByIds = (db: Q, entityId: string, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('ledgerAuxiliaryAccounts')
        .select(auxiliaryColumns)
        .where('entityId', '=', entityId)
        .where('id', 'in', ids)
        .execute();

export const insertAuxiliary = (
  trx: Trx,
  row: { entityId: string; kind: 'supplier'; code: string; label: string },
) =>
  trx
    .insertInto('ledgerAuxiliaryAccounts')
    .values({ ...row, clientId: null, memberId: null })
    .returning(auxiliaryColumns)
    .executeTakeFirstOrThrow();

export const insertSupplierAuxiliaryIfAbsent = (
  trx: Trx,
  row: { entityId: string; code: string; label: string },
) =>
  trx
    .insertInto('ledgerAuxiliaryAccounts')
    .values({ ...row, kind: 'supplier', clientId: null, memberId: null })
    .onConflict((oc) => oc.constraint('ledger_auxiliary_accounts_code_key').doNothing())
    .execute();

export const supplierAuxiliaryByCode = (trx: Trx, entityId: string, code: string) =>
  trx
    .selectFrom('ledgerAuxiliaryAccounts')
    .select(['id'])
    .where('entityId', '=', entityId)
    .where('kind', '=', 'supplier')
    .where('code', '=', code)
    .execute();

/** Codes for new client auxiliary accounts (C000123): unique, gaps do not matter. */
export const nextClientCodes = async (trx: Trx, count: number) =>
  (
    await sql<{
      n: number;
    }>`select nextval('ledger_client_code_seq') as n from generate_series(1, ${count})`.execute(trx)
  ).rows.map((r) => `C${String(r.n).padStart(6, '0')}`);

export const clientAuxiliaries = (trx: Trx, entityId: string, clientIds: readonly string[]) =>
  trx
    .selectFrom('ledgerAuxiliaryAccounts')
    .select(['id', 'clientId'])
    .where('entityId', '=', entityId)
    .where('clientId', 'in', clientIds)
    .execute();

export const memberAuxiliaries = (trx: Trx, entityId: string, memberIds: readonly string[]) =>
  trx
    .selectFrom('ledgerAuxiliaryAccounts')
    .select(['id', 'memberId'])
    .where('entityId', '=', entityId)
    .where('memberId', 'in', memberIds)
    .execute();

export const clientNames = (trx: Trx, ids: readonly string[]) =>
  trx.selectFrom('clients').select(['id', 'name']).where('id', 'in', ids).execute();

export const memberNames = (trx: Trx, ids: readonly string[]) =>
  trx
    .selectFrom('members')
    .select(['id', 'number', 'firstName', 'lastName'])
    .where('id', 'in', ids)
    .execute();

export const insertPartyAuxiliaries = async (
  trx: Trx,
  rows: {
    entityId: string;
    kind: 'client' | 'member';
    code: string;
    label: string;
    clientId: string | null;
    memberId: string | null;
  }[],
) => {
  // A concurrent posting may create the same party's account: the first one wins, the other reads it.
  for (const part of chunks(rows))
    await trx
      .insertInto('ledgerAuxiliaryAccounts')
      .values(part)
      .onConflict((oc) => oc.doNothing())
      .execute();
};

// ——— Fiscal years and locks ———

const fiscalYearColumns = [
  'id',
  'entityId',
  'code',
  'startDate',
  'endDate',
  'status',
  'closedAt',
  'closedBy',
  'closedSeq',
] as const;

export const listFiscalYears = (db: Q, entityId: string) =>
  db
    .selectFrom('fiscalYears')
    .select(fiscalYearColumns)
    .select((eb) =>
      eb
        .selectFrom('ledgerCounters')
        .select(sql<number>`coalesce(sum(last_number), 0)::int`.as('n'))
        .whereRef('ledgerCounters.fiscalYearId', '=', 'fiscalYears.id')
        .as('entryCount'),
    )
    .where('entityId', '=', entityId)
    .orderBy('startDate', 'desc')
    .execute();

export const findFiscalYear = (db: Q, id: string) =>
  db.selectFrom('fiscalYears').select(fiscalYearColumns).where('id', '=', id).executeTakeFirst();

export const findFiscalYearByCode = (db: Q, entityId: string, code: string) =>
  db
    .selectFrom('fiscalYears')
    .select(fiscalYearColumns)
    .where('entityId', '=', entityId)
    .where('code', '=', code)
    .executeTakeFirst();

/** The fiscal years covering these dates, locked against closing (and month locks) until commit. */
export const shareFiscalYears = (trx: Trx, entityId: string, from: string, to: string) =>
  trx
    .selectFrom('fiscalYears')
    .select(fiscalYearColumns)
    .where('entityId', '=', entityId)
    .where('startDate', '<=', to)
    .where('endDate', '>=', from)
    .orderBy('id')
    .forShare()
    .execute();

/** Waits for the postings in flight in this year, and holds new ones back until commit. */
export const lockFiscalYear = (trx: Trx, id: string) =>
  trx.selectFrom('fiscalYears').select(fiscalYearColumns).where('id', '=', id).forUpdate().executeTakeFirst();

export const lockFiscalYearsOfMonth = (trx: Trx, entityId: string, month: string) =>
  trx
    .selectFrom('fiscalYears')
    .select('id')
    .where('entityId', '=', entityId)
    .where('startDate', '<=', sql<string>`(${month}::date + interval '1 month' - interval '1 day')::date`)
    .where('endDate', '>=', month)
    .orderBy('id')
    .forUpdate()
    .execute();

export const overlappingFiscalYear = (trx: Trx, entityId: string, start: string, end: string) =>
  trx
    .selectFrom('fiscalYears')
    .select(['id', 'code'])
    .where('entityId', '=', entityId)
    .where('startDate', '<=', end)
    .where('endDate', '>=', start)
    .executeTakeFirst();

export const insertFiscalYear = (
  trx: Trx,
  row: { entityId: string; code: string; startDate: string; endDate: string },
) => trx.insertInto('fiscalYears').values(row).returning('id').executeTakeFirstOrThrow();

export const setFiscalYearStatus = (
  trx: Trx,
  id: string,
  s: {
    status: 'open' | 'closed';
    closedAt: string | null;
    closedBy: string | null;
    closedSeq: number | null;
  },
) => trx.updateTable('fiscalYears').set(s).where('id', '=', id).execute();

export const maxSeq = async (trx: Q) =>
  Number(
    (await sql<{ s: number }>`select coalesce(max(seq), 0)::bigint as s from journal_entries`.execute(trx))
      .rows[0]?.s ?? 0,
  );

export const listLocks = (db: Q, entityId: string) =>
  db
    .selectFrom('ledgerPeriodLocks')
    .select(['entityId', 'month', 'lockedAt', 'lockedBy'])
    .where('entityId', '=', entityId)
    .orderBy('month')
    .execute();

export const findLock = (db: Q, entityId: string, month: string) =>
  db
    .selectFrom('ledgerPeriodLocks')
    .select(['entityId', 'month', 'lockedAt', 'lockedBy'])
    .where('entityId', '=', entityId)
    .where('month', '=', month)
    .executeTakeFirst();

export const lockedMonths = (db: Q, entityId: string, months: readonly string[]) =>
  db
    .selectFrom('ledgerPeriodLocks')
    .select('month')
    .where('entityId', '=', entityId)
    .where('month', 'in', months)
    .execute();

export const insertLock = (
  trx: Trx,
  row: { entityId: string; month: string; lockedAt: string; lockedBy: string; lockedSeq: number },
) => trx.insertInto('ledgerPeriodLocks').values(row).execute();

export const deleteLock = (trx: Trx, entityId: string, month: string) =>
  trx
    .deleteFrom('ledgerPeriodLocks')
    .where('entityId', '=', entityId)
    .where('month', '=', month)
    .executeTakeFirst();

// ——— Posting ———

export const activitiesOfEntity = (db: Q, entityId: string, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('activities')
        .select(['id', 'name'])
        .where('entityId', '=', entityId)
        .where('id', 'in', ids)
        .execute();

/**
 * Reserves `count` consecutive numbers in a journal and fiscal year. The counter row stays locked
 * until commit, so concurrent postings queue here and a rollback leaves no gap.
 */
export const reserveNumbers = async (trx: Trx, journalId: string, fiscalYearId: string, count: number) => {
  const row = await trx
    .insertInto('ledgerCounters')
    .values({ journalId, fiscalYearId, lastNumber: count })
    .onConflict((oc) =>
      oc.columns(['journalId', 'fiscalYearId']).doUpdateSet({
        lastNumber: sql`ledger_counters.last_number + excluded.last_number`,
      }),
    )
    .returning('lastNumber')
    .executeTakeFirstOrThrow();
  return row.lastNumber - count + 1;
};

export type EntryRow = Omit<Database['journalEntries'], 'seq' | 'id'> & { id: string };
export type LineRow = Database['journalEntryLines'];

/** Entries and their lines, two statements whatever their number (a payroll run posts them by the thousand). */
export const insertEntries = async (trx: Trx, entries: readonly EntryRow[], lines: readonly LineRow[]) => {
  await insertRows(trx, 'journalEntries', entryColumns, entries);
  await insertRows(trx, 'journalEntryLines', lineColumns, lines);
};
const entryColumns = {
  id: 'uuid',
  entityId: 'uuid',
  journalId: 'uuid',
  fiscalYearId: 'uuid',
  number: 'integer',
  entryDate: 'date',
  label: 'text',
  pieceRef: 'text',
  pieceDate: 'date',
  reversesEntryId: 'uuid',
  sourceType: 'text',
  sourceId: 'text',
  postedAt: 'timestamptz',
  postedBy: 'text',
} as const;
const lineColumns = {
  entryId: 'uuid',
  lineNo: 'smallint',
  entityId: 'uuid',
  accountId: 'uuid',
  auxiliaryAccountId: 'uuid',
  activityId: 'uuid',
  label: 'text',
  debitCents: 'bigint',
  creditCents: 'bigint',
} as const;

export const isReversed = async (db: Q, entryId: string) =>
  (await db
    .selectFrom('journalEntries')
    .select('id')
    .where('reversesEntryId', '=', entryId)
    .executeTakeFirst()) !== undefined;

// ——— Reading entries ———

export const findEntryHeaders = (db: Q, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('journalEntries as e')
        .innerJoin('ledgerJournals as j', 'j.id', 'e.journalId')
        .innerJoin('fiscalYears as f', 'f.id', 'e.fiscalYearId')
        .select([
          'e.id',
          'e.seq',
          'e.entityId',
          'e.number',
          'e.entryDate',
          'e.label',
          'e.pieceRef',
          'e.pieceDate',
          'e.reversesEntryId',
          'e.sourceType',
          'e.sourceId',
          'e.postedAt',
          'e.postedBy',
          'e.journalId',
          'j.code as journalCode',
          'j.label as journalLabel',
          'j.kind as journalKind',
          'f.id as fiscalYearId',
          'f.code as fiscalYearCode',
        ])
        .select((eb) =>
          eb
            .selectFrom('journalEntries as r')
            .select('r.id')
            .whereRef('r.reversesEntryId', '=', 'e.id')
            .as('reversedByEntryId'),
        )
        .where('e.id', 'in', ids)
        .execute();
export type EntryHeader = Awaited<ReturnType<typeof findEntryHeaders>>[number];

export const findEntryLines = (db: Q, entryIds: readonly string[]) =>
  entryIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('journalEntryLines as l')
        .innerJoin('ledgerAccounts as a', 'a.id', 'l.accountId')
        .leftJoin('ledgerAuxiliaryAccounts as x', 'x.id', 'l.auxiliaryAccountId')
        .leftJoin('activities as t', 't.id', 'l.activityId')
        .select([
          'l.entryId',
          'l.lineNo',
          'l.accountId',
          'a.number as accountNumber',
          'a.label as accountLabel',
          'l.auxiliaryAccountId',
          'x.kind as auxiliaryKind',
          'x.code as auxiliaryCode',
          'x.label as auxiliaryLabel',
          'l.activityId',
          't.name as activityName',
          'l.label',
          'l.debitCents',
          'l.creditCents',
        ])
        .where('l.entryId', 'in', entryIds)
        .orderBy('l.entryId')
        .orderBy('l.lineNo')
        .execute();

export type EntryFilter = {
  entityId: string;
  from?: string | null;
  to?: string | null;
  journalCode?: string;
  accountNumber?: string;
  activityId?: string;
  q?: string;
};

export async function listEntryIds(db: Q, f: EntryFilter, p: { limit: number; offset: number }) {
  let q = db
    .selectFrom('journalEntries as e')
    .innerJoin('ledgerJournals as j', 'j.id', 'e.journalId')
    .where('e.entityId', '=', f.entityId);
  if (f.from) q = q.where('e.entryDate', '>=', f.from);
  if (f.to) q = q.where('e.entryDate', '<=', f.to);
  if (f.journalCode) q = q.where('j.code', '=', f.journalCode);
  if (f.accountNumber || f.activityId)
    q = q.where((eb) => {
      let lines = eb
        .selectFrom('journalEntryLines as l')
        .innerJoin('ledgerAccounts as a', 'a.id', 'l.accountId')
        .select('l.entryId')
        .whereRef('l.entryId', '=', 'e.id');
      if (f.accountNumber) lines = lines.where('a.number', 'like', `${f.accountNumber}%`);
      if (f.activityId) lines = lines.where('l.activityId', '=', f.activityId);
      return eb.exists(lines);
    });
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([eb(sql`lower(e.label)`, 'like', like), eb(sql`lower(e.piece_ref)`, 'like', like)]),
    );
  }
  const [rows, n] = await Promise.all([
    q
      .select('e.id')
      .orderBy('e.entryDate', 'desc')
      .orderBy('e.seq', 'desc')
      .limit(p.limit)
      .offset(p.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { ids: rows.map((r) => r.id), total: Number(n.n) };
}

// ——— Reports ———

export type PeriodFilter = { from?: string | null; to?: string | null };

const periodSql = (p: PeriodFilter) =>
  sql`${p.from ? sql`and e.entry_date >= ${p.from}` : sql``} ${p.to ? sql`and e.entry_date <= ${p.to}` : sql``}`;

/** Debit and credit per account over the period, general ledger only (no analytic journal). */
export const accountTotals = async (db: Q, entityId: string, p: PeriodFilter) =>
  (
    await sql<{ accountNumber: string; accountLabel: string; debitCents: number; creditCents: number }>`
      select a.number as account_number, a.label as account_label,
        coalesce(sum(l.debit_cents), 0)::bigint as debit_cents, coalesce(sum(l.credit_cents), 0)::bigint as credit_cents
      from journal_entry_lines l
      join journal_entries e on e.id = l.entry_id
      join ledger_journals j on j.id = e.journal_id
      join ledger_accounts a on a.id = l.account_id
      where e.entity_id = ${entityId} and j.kind <> 'analytic' ${periodSql(p)}
      group by a.number, a.label
      order by a.number`.execute(db)
  ).rows;

/** Lines with their entry, journal, fiscal year, account, auxiliary account and activity. */
const linesWithDetails = sql`from journal_entry_lines l
  join journal_entries e on e.id = l.entry_id
  join ledger_journals j on j.id = e.journal_id
  join fiscal_years fy on fy.id = e.fiscal_year_id
  join ledger_accounts a on a.id = l.account_id
  left join ledger_auxiliary_accounts x on x.id = l.auxiliary_account_id
  left join activities t on t.id = l.activity_id`;

export type LedgerLineRow = {
  accountNumber: string;
  accountLabel: string;
  auxiliaryCode: string | null;
  auxiliaryLabel: string | null;
  entryId: string;
  reference: string;
  journalCode: string;
  entryDate: string;
  pieceRef: string;
  label: string;
  activityId: string | null;
  activityName: string | null;
  debitCents: number;
  creditCents: number;
  balanceCents: number;
};

/** The general ledger: lines per account (and auxiliary account) in date order with a running balance. */
export const generalLedgerPage = async (
  db: Q,
  entityId: string,
  f: PeriodFilter & { accountNumber?: string; byAuxiliary: boolean },
  p: { limit: number; offset: number },
) => {
  const partition = f.byAuxiliary ? sql`a.number, x.code` : sql`a.number`;
  const order = f.byAuxiliary
    ? sql`a.number, x.code nulls first, e.entry_date, e.seq, l.line_no`
    : sql`a.number, e.entry_date, e.seq, l.line_no`;
  const where = sql`e.entity_id = ${entityId} and j.kind <> 'analytic' ${periodSql(f)}
    ${f.accountNumber ? sql`and a.number like ${`${f.accountNumber}%`}` : sql``}`;
  const [rows, n] = await Promise.all([
    sql<LedgerLineRow>`
      select a.number as account_number, a.label as account_label, x.code as auxiliary_code,
        x.label as auxiliary_label, e.id as entry_id,
        j.code || '-' || fy.code || '-' || lpad(e.number::text, 6, '0') as reference,
        j.code as journal_code, e.entry_date, e.piece_ref, l.label, l.activity_id, t.name as activity_name,
        l.debit_cents, l.credit_cents,
        sum(l.debit_cents - l.credit_cents) over (partition by ${partition} order by ${order}
          rows between unbounded preceding and current row)::bigint as balance_cents
      ${linesWithDetails} where ${where} order by ${order} limit ${p.limit} offset ${p.offset}`.execute(db),
    sql<{ n: number }>`select count(*)::bigint as n ${linesWithDetails} where ${where}`.execute(db),
  ]);
  return { rows: rows.rows, total: Number(n.rows[0]?.n ?? 0) };
};

export type JournalLineRow = {
  journalCode: string;
  reference: string;
  entryId: string;
  entryDate: string;
  entryLabel: string;
  pieceRef: string;
  lineNo: number;
  accountNumber: string;
  accountLabel: string;
  auxiliaryCode: string | null;
  label: string;
  activityName: string | null;
  debitCents: number;
  creditCents: number;
};

/** The journal listing: entries in number order within each journal, with their lines. */
export const journalLinesPage = async (
  db: Q,
  entityId: string,
  f: PeriodFilter & { journalCode?: string },
  p: { limit: number; offset: number },
) => {
  const where = sql`e.entity_id = ${entityId} ${periodSql(f)} ${f.journalCode ? sql`and j.code = ${f.journalCode}` : sql``}`;
  const [rows, n] = await Promise.all([
    sql<JournalLineRow>`
      select j.code as journal_code, j.code || '-' || fy.code || '-' || lpad(e.number::text, 6, '0') as reference,
        e.id as entry_id, e.entry_date, e.label as entry_label, e.piece_ref, l.line_no,
        a.number as account_number, a.label as account_label, x.code as auxiliary_code, l.label,
        t.name as activity_name, l.debit_cents, l.credit_cents
      ${linesWithDetails} where ${where}
      order by j.code, fy.start_date, e.number, l.line_no limit ${p.limit} offset ${p.offset}`.execute(db),
    sql<{ n: number }>`select count(*)::bigint as n ${linesWithDetails} where ${where}`.execute(db),
  ]);
  return { rows: rows.rows, total: Number(n.rows[0]?.n ?? 0) };
};

export type ActivityLineRow = StatementLineInput & { activityId: string };

/** Every line tagged with these activities, up to a date (the statement needs what came before the period). */
export const activityLines = async (
  db: Q,
  of: { activityIds: readonly string[] } | { entityId: string },
  to?: string | null,
) =>
  'activityIds' in of && of.activityIds.length === 0
    ? []
    : (
        await sql<ActivityLineRow>`
      select l.activity_id, e.id as entry_id, e.seq,
        j.code || '-' || fy.code || '-' || lpad(e.number::text, 6, '0') as reference,
        j.code as journal_code, j.kind as journal_kind, e.entry_date, e.label as entry_label, e.piece_ref,
        e.reverses_entry_id,
        exists (select 1 from journal_entry_lines l2 join ledger_accounts a2 on a2.id = l2.account_id
          where l2.entry_id = e.id and a2.number like '5%') as entry_touches_treasury,
        a.number as account_number, a.label as account_label, l.label, l.debit_cents, l.credit_cents
      from journal_entry_lines l
      join journal_entries e on e.id = l.entry_id
      join ledger_journals j on j.id = e.journal_id
      join fiscal_years fy on fy.id = e.fiscal_year_id
      join ledger_accounts a on a.id = l.account_id
      where ${'activityIds' in of ? sql`l.activity_id in (${sql.join(of.activityIds)})` : sql`l.entity_id = ${of.entityId} and l.activity_id is not null`}
        ${to ? sql`and e.entry_date <= ${to}` : sql``}
      order by e.entry_date, e.seq, l.line_no`.execute(db)
      ).rows;

export const activitiesOfEntityWithMembers = (db: Q, entityId: string) =>
  db
    .selectFrom('activities')
    .select(['id', 'name', 'status'])
    .select(
      sql<
        string[]
      >`coalesce((select array_agg(m.first_name || ' ' || m.last_name order by m.last_name, m.first_name)
        from activity_members am join members m on m.id = am.member_id where am.activity_id = activities.id), '{}')`.as(
        'members',
      ),
    )
    .where('entityId', '=', entityId)
    .orderBy('name')
    .execute();

export const findActivityHeader = (db: Q, id: string) =>
  db
    .selectFrom('activities')
    .innerJoin('legalEntities', 'legalEntities.id', 'activities.entityId')
    .select([
      'activities.id',
      'activities.name',
      'legalEntities.id as entityId',
      'legalEntities.code as entityCode',
      'legalEntities.name as entityName',
    ])
    .where('activities.id', '=', id)
    .executeTakeFirstOrThrow();

// ——— FEC ———

export const fecJournals = (db: Q, entityId: string, fiscalYearId: string, upToSeq: number) =>
  db
    .selectFrom('ledgerJournals as j')
    .innerJoin('ledgerCounters as c', 'c.journalId', 'j.id')
    .select(['j.id', 'j.code', 'j.label', 'j.kind', 'c.lastNumber'])
    .where('j.entityId', '=', entityId)
    .where('c.fiscalYearId', '=', fiscalYearId)
    .where('j.kind', '<>', 'analytic')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('journalEntries as e')
          .select('e.id')
          .whereRef('e.journalId', '=', 'j.id')
          .where('e.fiscalYearId', '=', fiscalYearId)
          .where('e.seq', '<=', upToSeq),
      ),
    )
    .execute();

export type FecRow = {
  number: number;
  entryDate: string;
  label: string;
  pieceRef: string;
  pieceDate: string;
  validDate: string;
  accountNumber: string;
  accountLabel: string;
  auxiliaryCode: string | null;
  auxiliaryLabel: string | null;
  lineLabel: string;
  debitCents: number;
  creditCents: number;
  activityId: string | null;
};

/** The lines of entries numbered first..last in one journal and year, posted up to a sequence. */
export const fecRows = async (
  db: Q,
  q: {
    entityId: string;
    fiscalYearId: string;
    journalId: string;
    first: number;
    last: number;
    upToSeq: number;
  },
) =>
  (
    await sql<FecRow>`
      select e.number, e.entry_date, e.label, e.piece_ref, e.piece_date,
        (e.posted_at at time zone 'Europe/Paris')::date as valid_date,
        a.number as account_number, a.label as account_label, x.code as auxiliary_code,
        x.label as auxiliary_label, l.label as line_label, l.debit_cents, l.credit_cents, l.activity_id
      from journal_entries e
      join journal_entry_lines l on l.entry_id = e.id
      join ledger_accounts a on a.id = l.account_id
      left join ledger_auxiliary_accounts x on x.id = l.auxiliary_account_id
      where e.entity_id = ${q.entityId} and e.fiscal_year_id = ${q.fiscalYearId} and e.journal_id = ${q.journalId}
        and e.number between ${q.first} and ${q.last} and e.seq <= ${q.upToSeq}
      order by e.number, l.line_no`.execute(db)
  ).rows;
