// The fees module's queries: policy versions, fee charges, budget shares, and the ledger figures the
// transparency page reads (961 and 706 per activity and year).
import { type Kysely, sql, type Transaction } from 'kysely';
import type { ActivityKind, PolicyVersion } from '../../domain/fees/policy.ts';
import type { Database, FeeChargesTable } from '../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export type VersionRow = PolicyVersion & {
  entityCode: string;
  minimumYearCents: number | null;
  note: string;
  createdAt: string;
  createdBy: string | null;
};

export async function findVersions(db: Q, f: { entityId?: string; ids?: readonly string[] } = {}) {
  let q = db
    .selectFrom('feePolicyVersions as v')
    .innerJoin('legalEntities as e', 'e.id', 'v.entityId')
    .select([
      'v.id',
      'v.entityId',
      'e.code as entityCode',
      'v.activityKind',
      'v.effectiveFrom',
      'v.rateBp',
      'v.base',
      'v.minimumYearCents',
      'v.tierThresholdCents',
      'v.reducedRateBp',
      'v.fundShareBp',
      'v.note',
      'v.createdAt',
      'v.createdBy',
    ])
    .orderBy('e.code')
    .orderBy('v.activityKind')
    .orderBy('v.effectiveFrom');
  if (f.entityId) q = q.where('v.entityId', '=', f.entityId);
  if (f.ids) q = q.where('v.id', 'in', f.ids.length ? f.ids : ['00000000-0000-0000-0000-000000000000']);
  const rows = await q.execute();
  return rows.map(
    (r): VersionRow => ({
      id: r.id,
      entityId: r.entityId,
      entityCode: r.entityCode,
      activityKind: r.activityKind,
      effectiveFrom: r.effectiveFrom,
      rateBp: r.rateBp,
      base: r.base,
      minimumYearCents: r.minimumYearCents === null ? null : Number(r.minimumYearCents),
      tier:
        r.tierThresholdCents === null || r.reducedRateBp === null
          ? null
          : { thresholdCents: Number(r.tierThresholdCents), reducedRateBp: r.reducedRateBp },
      fundShareBp: r.fundShareBp,
      note: r.note,
      createdAt: r.createdAt,
      createdBy: r.createdBy,
    }),
  );
}

export const insertVersion = (
  db: Q,
  v: {
    entityId: string;
    activityKind: ActivityKind;
    effectiveFrom: string;
    rateBp: number;
    base: 'invoiced' | 'collected';
    minimumYearCents: number | null;
    tierThresholdCents: number | null;
    reducedRateBp: number | null;
    fundShareBp: number;
    note: string;
    createdBy: string;
  },
) => db.insertInto('feePolicyVersions').values(v).returning('id').executeTakeFirstOrThrow();

export const deleteVersion = (db: Q, id: string) =>
  db.deleteFrom('feePolicyVersions').where('id', '=', id).executeTakeFirst();

export const entityExists = async (db: Q, id: string) =>
  Boolean(await db.selectFrom('legalEntities').select('id').where('id', '=', id).executeTakeFirst());

export const findEntity = (db: Q, id: string) =>
  db.selectFrom('legalEntities').select(['id', 'code', 'name']).where('id', '=', id).executeTakeFirst();

/** The activity's fee facts, its row locked so the year's base is read and extended by one charge at a time. */
export async function findActivityForFee(db: Q, id: string, lock = false) {
  let q = db
    .selectFrom('activities as a')
    .innerJoin('legalEntities as e', 'e.id', 'a.entityId')
    .select([
      'a.id',
      'a.name',
      'a.entityId',
      'e.code as entityCode',
      'e.name as entityName',
      'a.kind',
      'a.status',
      'a.feeRateBp',
      'a.feeOverrideReason',
      'a.createdAt',
      'a.updatedAt',
    ])
    .where('a.id', '=', id);
  if (lock) q = q.forUpdate('a');
  return q.executeTakeFirst();
}
export type ActivityFeeRow = NonNullable<Awaited<ReturnType<typeof findActivityForFee>>>;

export const setActivityKind = (db: Q, id: string, kind: ActivityKind, now: string) =>
  db.updateTable('activities').set({ kind, updatedAt: now }).where('id', '=', id).execute();

export const entityActivities = (db: Q, entityId: string) =>
  db
    .selectFrom('activities')
    .select(['id', 'name', 'kind', 'status', 'feeRateBp', 'feeOverrideReason', 'createdAt', 'updatedAt'])
    .where('entityId', '=', entityId)
    .orderBy('name')
    .execute();

export type ChargeRow = {
  id: string;
  kind: FeeChargesTable['kind'];
  documentId: string | null;
  chargeDate: string;
  baseCents: number;
  reducedBaseCents: number;
  rateBp: number;
  reducedRateBp: number | null;
  feeCents: number;
  fundCents: number;
  exception: boolean;
};

const chargeColumns = [
  'c.id',
  'c.kind',
  'c.documentId',
  'c.chargeDate',
  'c.baseCents',
  'c.reducedBaseCents',
  'c.rateBp',
  'c.reducedRateBp',
  'c.feeCents',
  'c.fundCents',
  'c.exception',
] as const;

export const documentCharges = (db: Q, documentId: string): Promise<ChargeRow[]> =>
  db
    .selectFrom('feeCharges as c')
    .select(chargeColumns)
    .where('c.documentId', '=', documentId)
    .orderBy('c.createdAt')
    .execute();

/** The activity's revenue base charged in a calendar year (reversals deducted), for the tier. */
export async function yearBase(db: Q, activityId: string, year: number): Promise<number> {
  const row = await db
    .selectFrom('feeCharges')
    .select(sql<string>`coalesce(sum(base_cents), 0)`.as('base'))
    .where('activityId', '=', activityId)
    .where('kind', 'in', ['invoice', 'payment', 'credit_note'])
    .where('chargeDate', '>=', `${year}-01-01`)
    .where('chargeDate', '<=', `${year}-12-31`)
    .executeTakeFirstOrThrow();
  return Number(row.base);
}

/** Records a charge unless its source was charged already: null then (a retry charges nothing). */
export async function insertCharge(
  db: Q,
  c: Omit<
    FeeChargesTable,
    'id' | 'createdAt' | 'journalEntryId' | 'exception' | 'reducedBaseCents' | 'fundCents'
  > & {
    exception: boolean;
    reducedBaseCents: number;
    fundCents: number;
  },
) {
  const row = await db
    .insertInto('feeCharges')
    .values(c)
    .onConflict((oc) => oc.columns(['sourceType', 'sourceId', 'kind']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export const setChargeEntry = (db: Q, id: string, journalEntryId: string) =>
  db.updateTable('feeCharges').set({ journalEntryId }).where('id', '=', id).execute();

export async function activityCharges(db: Q, activityId: string, year: number) {
  return db
    .selectFrom('feeCharges as c')
    .leftJoin('salesDocuments as d', (j) =>
      j.on(sql`d.id::text`, '=', sql.ref('c.sourceId')).on('c.sourceType', '=', 'sales_document'),
    )
    .leftJoin('salesDocuments as inv', 'inv.id', 'c.documentId')
    .leftJoin('journalEntries as je', 'je.id', 'c.journalEntryId')
    .leftJoin('ledgerJournals as j', 'j.id', 'je.journalId')
    .leftJoin('fiscalYears as fy', 'fy.id', 'je.fiscalYearId')
    .select([
      ...chargeColumns,
      'd.number as sourceNumber',
      'inv.number as invoiceNumber',
      'j.code as journalCode',
      'fy.code as fiscalYearCode',
      'je.number as entryNumber',
    ])
    .where('c.activityId', '=', activityId)
    .where('c.chargeDate', '>=', `${year}-01-01`)
    .where('c.chargeDate', '<=', `${year}-12-31`)
    .orderBy('c.chargeDate', 'desc')
    .orderBy('c.createdAt', 'desc')
    .execute();
}

/** The fund part charged per activity over a year. */
export async function fundByActivity(db: Q, activityIds: readonly string[], year: number) {
  if (activityIds.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom('feeCharges')
    .select(['activityId', sql<string>`coalesce(sum(fund_cents), 0)`.as('fund')])
    .where('activityId', 'in', activityIds)
    .where('chargeDate', '>=', `${year}-01-01`)
    .where('chargeDate', '<=', `${year}-12-31`)
    .groupBy('activityId')
    .execute();
  return new Map(rows.map((r) => [r.activityId, Number(r.fund)]));
}

/**
 * From the ledger (every posting, whichever module made it): per activity over [from, to], the net
 * fee (961, debit − credit) and the revenue excl. VAT (706, credit − debit).
 */
export async function ledgerFigures(db: Q, activityIds: readonly string[], from: string, to: string) {
  if (activityIds.length === 0) return new Map<string, { feeCents: number; revenueCents: number }>();
  const rows = await db
    .selectFrom('journalEntryLines as l')
    .innerJoin('journalEntries as e', 'e.id', 'l.entryId')
    .innerJoin('ledgerAccounts as a', 'a.id', 'l.accountId')
    .select([
      'l.activityId',
      sql<string>`coalesce(sum(case when a.number = '961' then l.debit_cents - l.credit_cents else 0 end), 0)`.as(
        'fee',
      ),
      sql<string>`coalesce(sum(case when a.number = '706' then l.credit_cents - l.debit_cents else 0 end), 0)`.as(
        'revenue',
      ),
    ])
    .where('l.activityId', 'in', activityIds)
    .where('a.number', 'in', ['961', '706'])
    .where('e.entryDate', '>=', from)
    .where('e.entryDate', '<=', to)
    .groupBy('l.activityId')
    .execute();
  return new Map(
    rows.map((r) => [r.activityId as string, { feeCents: Number(r.fee), revenueCents: Number(r.revenue) }]),
  );
}

export const findDocument = (db: Q, id: string) =>
  db
    .selectFrom('salesDocuments')
    .select(['id', 'kind', 'number', 'invoiceId', 'totalExclVatCents', 'status', 'activityId', 'entityId'])
    .where('id', '=', id)
    .executeTakeFirst();

/** What the issued credit notes of an invoice credited (excl. VAT), this one aside. */
export async function creditedBefore(db: Q, invoiceId: string, exceptId: string) {
  const row = await db
    .selectFrom('salesDocuments')
    .select(sql<string>`coalesce(sum(total_excl_vat_cents), 0)`.as('credited'))
    .where('invoiceId', '=', invoiceId)
    .where('kind', '=', 'credit_note')
    .where('number', 'is not', null)
    .where('id', '<>', exceptId)
    .executeTakeFirstOrThrow();
  return Number(row.credited);
}

export const findMember = (db: Q, id: string) =>
  db
    .selectFrom('members')
    .select(['id', 'firstName', 'lastName', 'officeId'])
    .where('id', '=', id)
    .executeTakeFirst();

export const memberActivityIds = async (db: Q, memberId: string) =>
  (
    await db.selectFrom('activityMembers').select('activityId').where('memberId', '=', memberId).execute()
  ).map((r) => r.activityId);

export async function findShares(db: Q, entityIds: readonly string[], year: number) {
  if (entityIds.length === 0) return [];
  return db
    .selectFrom('feeBudgetShares')
    .select(['entityId', 'service', 'shareBp', 'note', 'updatedAt'])
    .where('entityId', 'in', entityIds)
    .where('year', '=', year)
    .orderBy('service')
    .execute();
}

export async function replaceShares(
  db: Q,
  entityId: string,
  year: number,
  shares: readonly { service: string; shareBp: number }[],
  note: string,
  by: string,
  now: string,
) {
  await db.deleteFrom('feeBudgetShares').where('entityId', '=', entityId).where('year', '=', year).execute();
  await db
    .insertInto('feeBudgetShares')
    .values(
      shares.map((s) => ({
        entityId,
        year,
        service: s.service,
        shareBp: s.shareBp,
        note,
        updatedBy: by,
        updatedAt: now,
      })),
    )
    .execute();
}

/** The activities whose minimum of a year was topped up already. */
export async function minimumCharged(db: Q, entityId: string, year: number) {
  const rows = await db
    .selectFrom('feeCharges')
    .select('activityId')
    .where('entityId', '=', entityId)
    .where('kind', '=', 'minimum')
    .where('chargeDate', '=', `${year}-12-31`)
    .execute();
  return new Set(rows.map((r) => r.activityId));
}
