// The guarantee fund's queries: settings, covers and their releases, write-offs, the open invoices a
// cover may rest on, and the fund's figures read from the ledger (973 inflows, 974 losses).
import { type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;

export const findSettings = (db: Q, entityId: string) =>
  db.selectFrom('guaranteeSettings').selectAll().where('entityId', '=', entityId).executeTakeFirst();

export const upsertSettings = (trx: Trx, row: Insertable<Database['guaranteeSettings']>) =>
  trx
    .insertInto('guaranteeSettings')
    .values(row)
    .onConflict((oc) =>
      oc.column('entityId').doUpdateSet({
        enabled: row.enabled,
        maxPerMemberCents: row.maxPerMemberCents,
        maxPerClientCents: row.maxPerClientCents,
        maxInvoiceAgeDays: row.maxInvoiceAgeDays,
        maxExposureBp: row.maxExposureBp,
        delayWorkingDays: row.delayWorkingDays,
        updatedBy: row.updatedBy,
        updatedAt: row.updatedAt ?? new Date().toISOString(),
      }),
    )
    .execute();

export const findEntity = (db: Q, id: string) =>
  db.selectFrom('legalEntities').select(['id', 'code', 'name']).where('id', '=', id).executeTakeFirst();

export const listEntities = (db: Q) =>
  db.selectFrom('legalEntities').select(['id', 'code', 'name']).orderBy('code').execute();

/** Covers of one entity, decided one after the other (PGlite has one connection; PostgreSQL waits here). */
export const lockFund = (trx: Trx, entityId: string) =>
  sql`select pg_advisory_xact_lock(hashtextextended(${`guarantee:${entityId}`}, 0))`.execute(trx);

/**
 * The activity's invoices that may still be paid, share-locked; those a payment, a credit note or a
 * default is changing right now (locked for update) are skipped rather than waited for.
 */
export const shareOpenInvoiceRows = async (trx: Trx, activityId: string) =>
  (
    await trx
      .selectFrom('salesDocuments')
      .select('id')
      .where('activityId', '=', activityId)
      .where('kind', 'in', ['invoice', 'deposit_invoice'])
      .where('number', 'is not', null)
      .where('status', 'in', ['issued', 'sent', 'partially_paid'])
      .orderBy('id')
      .forShare()
      .skipLocked()
      .execute()
  ).map((r) => r.id);

/** Net credit of an entity's accounts starting with `prefix`, entity-level lines (no activity) or all. */
export async function accountNet(db: Q, entityId: string, prefix: string): Promise<number> {
  const row = await db
    .selectFrom('journalEntryLines as l')
    .innerJoin('ledgerAccounts as a', 'a.id', 'l.accountId')
    .select(sql<string>`coalesce(sum(l.credit_cents - l.debit_cents), 0)`.as('net'))
    .where('l.entityId', '=', entityId)
    .where('a.number', 'like', `${prefix}%`)
    .executeTakeFirst();
  return Number(row?.net ?? 0);
}

/** Month by month, the net movements of the fund's accounts in an entity. */
export const monthlyNets = (db: Q, entityId: string, prefixes: readonly string[]) =>
  db
    .selectFrom('journalEntryLines as l')
    .innerJoin('ledgerAccounts as a', 'a.id', 'l.accountId')
    .innerJoin('journalEntries as e', 'e.id', 'l.entryId')
    .select([
      sql<string>`to_char(e.entry_date, 'YYYY-MM')`.as('month'),
      sql<string>`substr(a.number, 1, 3)`.as('account'),
      sql<string>`coalesce(sum(l.credit_cents), 0)`.as('credit'),
      sql<string>`coalesce(sum(l.debit_cents), 0)`.as('debit'),
    ])
    .where('l.entityId', '=', entityId)
    .where((eb) => eb.or(prefixes.map((p) => eb('a.number', 'like', `${p}%`))))
    .groupBy([sql`to_char(e.entry_date, 'YYYY-MM')`, sql`substr(a.number, 1, 3)`])
    .orderBy('month')
    .execute();

const coverColumns = [
  'g.id',
  'g.entityId',
  'g.activityId',
  'act.name as activityName',
  'g.memberId',
  sql<string>`m.first_name || ' ' || m.last_name`.as('memberName'),
  'g.salaryRequestId',
  'g.documentId',
  'd.number as invoiceNumber',
  'g.clientId',
  'c.name as clientName',
  'g.amountCents',
  'g.releasedCents',
  'g.status',
  'g.grantedOn',
  'g.payableOn',
  'g.closedOn',
  'g.reasons',
  'g.entryId',
] as const;

const covers = (db: Q) =>
  db
    .selectFrom('guaranteeCovers as g')
    .innerJoin('activities as act', 'act.id', 'g.activityId')
    .innerJoin('members as m', 'm.id', 'g.memberId')
    .innerJoin('salesDocuments as d', 'd.id', 'g.documentId')
    .innerJoin('clients as c', 'c.id', 'g.clientId')
    .select(coverColumns);

export type CoverRow = Awaited<ReturnType<typeof listCovers>>[number];

export const listCovers = (
  db: Q,
  f: {
    entityId?: string;
    activityIds?: readonly string[];
    salaryRequestIds?: readonly string[];
    documentIds?: readonly string[];
    status?: string;
    limit?: number;
  },
) => {
  let q = covers(db);
  if (f.entityId) q = q.where('g.entityId', '=', f.entityId);
  if (f.activityIds)
    q = q.where(
      'g.activityId',
      'in',
      f.activityIds.length ? [...f.activityIds] : ['00000000-0000-0000-0000-000000000000'],
    );
  if (f.salaryRequestIds)
    q = q.where(
      'g.salaryRequestId',
      'in',
      f.salaryRequestIds.length ? [...f.salaryRequestIds] : ['00000000-0000-0000-0000-000000000000'],
    );
  if (f.documentIds)
    q = q.where(
      'g.documentId',
      'in',
      f.documentIds.length ? [...f.documentIds] : ['00000000-0000-0000-0000-000000000000'],
    );
  if (f.status) q = q.where('g.status', '=', f.status as 'active');
  return q
    .orderBy('g.grantedOn', 'desc')
    .orderBy('g.createdAt', 'desc')
    .limit(f.limit ?? 500)
    .execute();
};

/** The active covers of some invoices, locked, oldest first (the order releases take). */
export const lockActiveCovers = (trx: Trx, documentIds: readonly string[]) =>
  documentIds.length === 0
    ? Promise.resolve([])
    : trx
        .selectFrom('guaranteeCovers')
        .select([
          'id',
          'entityId',
          'activityId',
          'documentId',
          'amountCents',
          'releasedCents',
          'salaryRequestId',
        ])
        .where('documentId', 'in', [...documentIds])
        .where('status', '=', 'active')
        .orderBy('grantedOn')
        .orderBy('createdAt')
        .orderBy('id')
        .forUpdate()
        .execute();

export const lockCoversOfRequest = (trx: Trx, salaryRequestId: string) =>
  trx
    .selectFrom('guaranteeCovers')
    .select(['id', 'entityId', 'activityId', 'documentId', 'amountCents', 'releasedCents', 'salaryRequestId'])
    .where('salaryRequestId', '=', salaryRequestId)
    .where('status', '=', 'active')
    .orderBy('id')
    .forUpdate()
    .execute();

/** Outstanding covers of an entity: in total, per member and per client. */
export async function exposures(db: Q, entityId: string) {
  const rows = await db
    .selectFrom('guaranteeCovers')
    .select(['memberId', 'clientId', sql<string>`sum(amount_cents - released_cents)`.as('outstanding')])
    .where('entityId', '=', entityId)
    .where('status', '=', 'active')
    .groupBy(['memberId', 'clientId'])
    .execute();
  const byMember = new Map<string, number>();
  const byClient = new Map<string, number>();
  let total = 0;
  for (const r of rows) {
    const v = Number(r.outstanding);
    total += v;
    byMember.set(r.memberId, (byMember.get(r.memberId) ?? 0) + v);
    byClient.set(r.clientId, (byClient.get(r.clientId) ?? 0) + v);
  }
  return { total, byMember, byClient };
}

export const insertCover = (trx: Trx, row: Insertable<Database['guaranteeCovers']>) =>
  trx.insertInto('guaranteeCovers').values(row).returning('id').executeTakeFirstOrThrow();

/** Adds a release; false when this payment already released this cover (a retry). */
export async function insertRelease(trx: Trx, row: Insertable<Database['guaranteeReleases']>) {
  const r = await trx
    .insertInto('guaranteeReleases')
    .values(row)
    .onConflict((oc) => oc.constraint('guarantee_releases_payment_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export const releasedByPayment = (trx: Trx, paymentId: string) =>
  trx.selectFrom('guaranteeReleases').select('coverId').where('paymentId', '=', paymentId).execute();

export const updateCover = (
  trx: Trx,
  id: string,
  set: {
    releasedCents?: number;
    status?: 'active' | 'released' | 'absorbed' | 'cancelled';
    closedOn?: string | null;
  },
) => trx.updateTable('guaranteeCovers').set(set).where('id', '=', id).execute();

export const listReleases = (db: Q, coverIds: readonly string[]) =>
  coverIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('guaranteeReleases')
        .selectAll()
        .where('coverId', 'in', [...coverIds])
        .orderBy('releasedOn')
        .execute();

export async function releasedTotal(db: Q, entityId: string) {
  const row = await db
    .selectFrom('guaranteeReleases as r')
    .innerJoin('guaranteeCovers as g', 'g.id', 'r.coverId')
    .select(sql<string>`coalesce(sum(r.amount_cents), 0)`.as('s'))
    .where('g.entityId', '=', entityId)
    .where('r.kind', '=', 'payment')
    .executeTakeFirst();
  return Number(row?.s ?? 0);
}

/**
 * What credit notes gave back of the covers still counted as granted: their released amount beyond
 * what payments released (a cover cancelled whole is no longer counted as granted).
 */
export async function givenBackByCreditNotes(db: Q, entityId: string) {
  const [released, byPayments] = await Promise.all([
    db
      .selectFrom('guaranteeCovers')
      .select(sql<string>`coalesce(sum(released_cents), 0)`.as('s'))
      .where('entityId', '=', entityId)
      .where('status', '<>', 'cancelled')
      .executeTakeFirst(),
    db
      .selectFrom('guaranteeReleases as r')
      .innerJoin('guaranteeCovers as g', 'g.id', 'r.coverId')
      .select(sql<string>`coalesce(sum(r.amount_cents), 0)`.as('s'))
      .where('g.entityId', '=', entityId)
      .where('g.status', '<>', 'cancelled')
      .where('r.kind', '=', 'payment')
      .executeTakeFirst(),
  ]);
  return Number(released?.s ?? 0) - Number(byPayments?.s ?? 0);
}

export const monthlyCovers = (db: Q, entityId: string) =>
  db
    .selectFrom('guaranteeCovers')
    .select([sql<string>`to_char(granted_on, 'YYYY-MM')`.as('month'), sql<string>`sum(amount_cents)`.as('s')])
    .where('entityId', '=', entityId)
    .where('status', '<>', 'cancelled')
    .groupBy(sql`to_char(granted_on, 'YYYY-MM')`)
    .execute();

export const monthlyReleases = (db: Q, entityId: string) =>
  db
    .selectFrom('guaranteeReleases as r')
    .innerJoin('guaranteeCovers as g', 'g.id', 'r.coverId')
    .select([
      sql<string>`to_char(r.released_on, 'YYYY-MM')`.as('month'),
      sql<string>`sum(r.amount_cents)`.as('s'),
    ])
    .where('g.entityId', '=', entityId)
    .where('r.kind', '=', 'payment')
    .groupBy(sql`to_char(r.released_on, 'YYYY-MM')`)
    .execute();

/**
 * Issued invoices not paid in full, with what they still owe (incl. VAT) and the VAT still waiting
 * for collection (44580): the same arithmetic as the treasury's balances.
 */
export async function openInvoices(
  db: Q,
  f: { entityId?: string; activityId?: string; documentIds?: readonly string[]; withLitigation?: boolean },
) {
  let q = db
    .selectFrom('salesDocuments as d')
    .innerJoin('clients as c', 'c.id', 'd.clientId')
    .innerJoin('activities as act', 'act.id', 'd.activityId')
    .leftJoin('invoiceCollections as k', 'k.documentId', 'd.id')
    .select([
      'd.id as documentId',
      'd.entityId',
      'd.number',
      'd.clientId',
      'c.name as clientName',
      'd.activityId',
      'act.name as activityName',
      'd.issueDate',
      'd.dueDate',
      'd.status',
      'd.totalInclVatCents',
      'd.totalVatCents',
      'd.prepaidCents',
      'k.litigationOn',
    ])
    .select((eb) => [
      eb
        .selectFrom('salesDocuments as cn')
        .select(sql<number>`coalesce(sum(cn.total_incl_vat_cents), 0)`.as('s'))
        .whereRef('cn.invoiceId', '=', 'd.id')
        .where('cn.kind', '=', 'credit_note')
        .where('cn.number', 'is not', null)
        .as('creditedCents'),
      eb
        .selectFrom('salesDocuments as cn')
        .select(sql<number>`coalesce(sum(cn.total_vat_cents), 0)`.as('s'))
        .whereRef('cn.invoiceId', '=', 'd.id')
        .where('cn.kind', '=', 'credit_note')
        .where('cn.number', 'is not', null)
        .as('creditedVatCents'),
      eb
        .selectFrom('paymentAllocations as pa')
        .select(sql<number>`coalesce(sum(pa.amount_cents), 0)`.as('s'))
        .whereRef('pa.documentId', '=', 'd.id')
        .as('paidCents'),
      eb
        .selectFrom('paymentAllocations as pa')
        .select(sql<number>`coalesce(sum(pa.vat_cents), 0)`.as('s'))
        .whereRef('pa.documentId', '=', 'd.id')
        .as('vatCollectedCents'),
    ])
    .where('d.kind', 'in', ['invoice', 'deposit_invoice'])
    .where('d.number', 'is not', null)
    .where('d.status', 'in', ['issued', 'sent', 'partially_paid'])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('guaranteeWriteOffs as w').select('w.id').whereRef('w.documentId', '=', 'd.id'),
        ),
      ),
    );
  if (!f.withLitigation) q = q.where('k.litigationOn', 'is', null);
  if (f.entityId) q = q.where('d.entityId', '=', f.entityId);
  if (f.activityId) q = q.where('d.activityId', '=', f.activityId);
  if (f.documentIds)
    q = q.where(
      'd.id',
      'in',
      f.documentIds.length ? [...f.documentIds] : ['00000000-0000-0000-0000-000000000000'],
    );
  const rows = await q.orderBy('d.issueDate').orderBy('d.number').execute();
  return rows.map((r) => {
    const due = Number(r.totalInclVatCents) - Number(r.prepaidCents);
    const outstanding = Math.max(0, due - Number(r.creditedCents ?? 0) - Number(r.paidCents ?? 0));
    const vatPending = Math.min(
      outstanding,
      Math.max(
        0,
        Number(r.totalVatCents) - Number(r.creditedVatCents ?? 0) - Number(r.vatCollectedCents ?? 0),
      ),
    );
    return {
      documentId: r.documentId,
      entityId: r.entityId,
      number: r.number ?? '',
      clientId: r.clientId,
      clientName: r.clientName,
      activityId: r.activityId,
      activityName: r.activityName,
      issueDate: r.issueDate ?? '',
      dueDate: r.dueDate,
      litigationOn: r.litigationOn,
      outstandingCents: outstanding,
      vatPendingCents: vatPending,
      /** What the invoice will still bring to the activity when paid. */
      exclVatCents: outstanding - vatPending,
    };
  });
}
export type OpenInvoiceRow = Awaited<ReturnType<typeof openInvoices>>[number];

export const lockDocument = (trx: Trx, id: string) =>
  trx.selectFrom('salesDocuments').select('id').where('id', '=', id).forUpdate().executeTakeFirst();

export const findWriteOff = (db: Q, documentId: string) =>
  db.selectFrom('guaranteeWriteOffs').selectAll().where('documentId', '=', documentId).executeTakeFirst();

export const insertWriteOff = (trx: Trx, row: Insertable<Database['guaranteeWriteOffs']>) =>
  trx.insertInto('guaranteeWriteOffs').values(row).returning('id').executeTakeFirstOrThrow();

export const listWriteOffs = (db: Q, entityId: string) =>
  db
    .selectFrom('guaranteeWriteOffs as w')
    .innerJoin('salesDocuments as d', 'd.id', 'w.documentId')
    .innerJoin('clients as c', 'c.id', 'd.clientId')
    .innerJoin('activities as act', 'act.id', 'w.activityId')
    .select([
      'w.id',
      'w.documentId',
      'd.number as invoiceNumber',
      'c.name as clientName',
      'act.name as activityName',
      'w.declaredOn',
      'w.lossExclVatCents',
      'w.fromCoversCents',
      'w.extraCents',
      'w.activityLossCents',
    ])
    .where('w.entityId', '=', entityId)
    .orderBy('w.declaredOn', 'desc')
    .limit(200)
    .execute();

/** The dunning state of an invoice: litigation, and the steps sent against the entity's schedule. */
export async function dunningState(db: Q, documentId: string, entityId: string) {
  const [collection, policy, sent] = await Promise.all([
    db
      .selectFrom('invoiceCollections')
      .select('litigationOn')
      .where('documentId', '=', documentId)
      .executeTakeFirst(),
    db.selectFrom('dunningPolicies').select('steps').where('entityId', '=', entityId).executeTakeFirst(),
    db.selectFrom('dunningReminders').select('step').where('documentId', '=', documentId).execute(),
  ]);
  return {
    litigationOn: collection?.litigationOn ?? null,
    steps: policy?.steps ?? null,
    sentSteps: sent.map((s) => s.step),
  };
}

export const invoiceRow = (db: Q, id: string) =>
  db
    .selectFrom('salesDocuments as d')
    .innerJoin('clients as c', 'c.id', 'd.clientId')
    .select([
      'd.id',
      'd.entityId',
      'd.activityId',
      'd.clientId',
      'c.name as clientName',
      'd.number',
      'd.kind',
    ])
    .where('d.id', '=', id)
    .executeTakeFirst();
