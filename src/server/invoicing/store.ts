// The sales module's queries: documents, lines, number series, validation requests, acceptances, history.
import { type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import type { MemberScope } from '../../domain/access.ts';
import type { VatCategoryKey } from '../../domain/invoicing/vat.ts';
import type { Database, SalesDocumentsTable, SalesStatusColumn } from '../db/schema.ts';
import { type ListParams, likePattern } from '../http/lists.ts';

type Q = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;

const documentColumns = [
  'd.id',
  'd.entityId',
  'd.activityId',
  'd.clientId',
  'd.kind',
  'd.status',
  'd.number',
  'd.issueDate',
  'd.dueDate',
  'd.validUntil',
  'd.serviceDate',
  'd.lastServiceDate',
  'd.subject',
  'd.notes',
  'd.language',
  'd.paymentTerm',
  'd.paymentDays',
  'd.purchaseOrder',
  'd.buyerReference',
  'd.quoteId',
  'd.invoiceId',
  'd.depositRateBp',
  'd.creditReason',
  'd.fixedVat',
  'd.totalExclVatCents',
  'd.totalVatCents',
  'd.totalInclVatCents',
  'd.prepaidCents',
  'd.journalEntryId',
  'd.createdBy',
  'd.createdAt',
  'd.updatedAt',
  'd.issuedAt',
  'd.sentAt',
  'a.name as activityName',
  'c.name as clientName',
  'e.code as entityCode',
  'e.name as entityName',
] as const;

/** The office of an activity: that of its first member (by name), as the activity list shows it. */
const officeOf = sql<{ id: string; name: string } | null>`(
  select json_build_object('id', o.id, 'name', o.name) from activity_members am
  join members m on m.id = am.member_id join offices o on o.id = m.office_id
  where am.activity_id = d.activity_id order by m.last_name, m.first_name limit 1)`;

const withDetails = (db: Q) =>
  db
    .selectFrom('salesDocuments as d')
    .innerJoin('activities as a', 'a.id', 'd.activityId')
    .innerJoin('clients as c', 'c.id', 'd.clientId')
    .innerJoin('legalEntities as e', 'e.id', 'd.entityId')
    .select(documentColumns)
    .select(officeOf.as('office'));

export const findDocument = (db: Q, id: string) => withDetails(db).where('d.id', '=', id).executeTakeFirst();
export type DocumentRow = NonNullable<Awaited<ReturnType<typeof findDocument>>>;

/** Locks the document row until commit: two issuers of one draft wait for each other. */
export const lockDocument = (trx: Trx, id: string) =>
  trx
    .selectFrom('salesDocuments')
    .select(['id', 'status', 'number'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();

export const findLines = (db: Q, documentId: string) =>
  db
    .selectFrom('salesDocumentLines')
    .selectAll()
    .where('documentId', '=', documentId)
    .orderBy('position')
    .execute();
export type LineRow = Awaited<ReturnType<typeof findLines>>[number];

export async function insertDocument(trx: Trx, values: Insertable<SalesDocumentsTable>) {
  const { id } = await trx
    .insertInto('salesDocuments')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export const updateDocument = (trx: Trx, id: string, values: Record<string, unknown>) =>
  trx.updateTable('salesDocuments').set(values).where('id', '=', id).execute();

export const deleteDocument = (trx: Trx, id: string) =>
  trx.deleteFrom('salesDocuments').where('id', '=', id).execute();

export type LineValues = {
  position: number;
  designation: string;
  description: string;
  quantityMilli: number;
  unitCode: string;
  unitPriceCents: number;
  discountCents: number;
  netCents: number;
  vatCategory: VatCategoryKey;
};

export async function replaceLines(trx: Trx, documentId: string, lines: readonly LineValues[]) {
  await trx.deleteFrom('salesDocumentLines').where('documentId', '=', documentId).execute();
  if (lines.length)
    await trx
      .insertInto('salesDocumentLines')
      .values(lines.map((l) => ({ documentId, ...l })))
      .execute();
}

/**
 * Next number of a series: the counter row is created or incremented in the issuing transaction and
 * stays locked until commit, so concurrent issuers queue and the series has neither gap nor reuse.
 */
export async function nextNumber(
  trx: Trx,
  entityId: string,
  kind: 'quote' | 'invoice' | 'credit_note',
  year: number,
) {
  const row = await sql<{ lastNumber: number }>`
    insert into sales_number_series (entity_id, kind, year, last_number) values (${entityId}, ${kind}, ${year}, 1)
    on conflict (entity_id, kind, year) do update set last_number = sales_number_series.last_number + 1
    returning last_number`.execute(trx);
  return Number(row.rows[0]?.lastNumber);
}

export const addEvent = (
  trx: Trx,
  documentId: string,
  at: string,
  userId: string | null,
  kind: string,
  detail: Record<string, unknown> = {},
) =>
  trx
    .insertInto('salesDocumentEvents')
    .values({ documentId, at, userId, kind, detail: JSON.stringify(detail) })
    .execute();

export const listEvents = (db: Q, documentId: string) =>
  db
    .selectFrom('salesDocumentEvents as ev')
    .leftJoin('user as u', 'u.id', 'ev.userId')
    .select(['ev.at', 'ev.kind', 'ev.detail', 'u.name as by'])
    .where('ev.documentId', '=', documentId)
    .orderBy('ev.id')
    .execute();

export const openValidation = (db: Q, documentId: string) =>
  db
    .selectFrom('salesValidationRequests')
    .selectAll()
    .where('documentId', '=', documentId)
    .where('decision', 'is', null)
    .executeTakeFirst();

export const lastValidation = (db: Q, documentId: string) =>
  db
    .selectFrom('salesValidationRequests as v')
    .leftJoin('user as r', 'r.id', 'v.requestedBy')
    .leftJoin('user as dd', 'dd.id', 'v.decidedBy')
    .select([
      'v.requestedAt',
      'v.comment',
      'v.decision',
      'v.decidedAt',
      'v.decisionComment',
      'r.name as requestedBy',
      'dd.name as decidedBy',
    ])
    .where('v.documentId', '=', documentId)
    .orderBy('v.requestedAt', 'desc')
    .limit(1)
    .executeTakeFirst();

export const insertValidation = (
  trx: Trx,
  documentId: string,
  requestedBy: string,
  requestedAt: string,
  comment: string,
) =>
  trx
    .insertInto('salesValidationRequests')
    .values({ documentId, requestedBy, requestedAt, comment })
    .execute();

export const decideValidation = (
  trx: Trx,
  documentId: string,
  values: { decision: 'approved' | 'refused'; decidedBy: string; decidedAt: string; decisionComment: string },
) =>
  trx
    .updateTable('salesValidationRequests')
    .set(values)
    .where('documentId', '=', documentId)
    .where('decision', 'is', null)
    .execute();

export const findAcceptance = (db: Q, documentId: string) =>
  db.selectFrom('quoteAcceptances').selectAll().where('documentId', '=', documentId).executeTakeFirst();

export const insertAcceptance = (
  trx: Trx,
  values: {
    documentId: string;
    decision: 'accept' | 'refuse';
    name: string;
    at: string;
    ip: string | null;
    via: 'link' | 'member';
  },
) => trx.insertInto('quoteAcceptances').values(values).execute();

/** Documents derived from a quote (its invoices) or from an invoice (its credit notes), oldest first. */
export const findRelated = (db: Q, id: string) =>
  db
    .selectFrom('salesDocuments')
    .select([
      'id',
      'kind',
      'number',
      'status',
      'totalExclVatCents',
      'totalVatCents',
      'totalInclVatCents',
      'issueDate',
      'fixedVat',
    ])
    .where((eb) => eb.or([eb('quoteId', '=', id), eb('invoiceId', '=', id)]))
    .orderBy('createdAt')
    .execute();

export const findEntity = (db: Q, id: string) =>
  db.selectFrom('legalEntities').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** The entity's bank account printed on invoices, if one is marked so. */
export const findInvoiceBankAccount = (db: Q, entityId: string) =>
  db
    .selectFrom('bankAccounts')
    .select(['iban', 'bic'])
    .where('entityId', '=', entityId)
    .where('forInvoices', '=', true)
    .where('active', '=', true)
    .executeTakeFirst();

export const findClient = (db: Q, id: string) =>
  db.selectFrom('clients').selectAll().where('id', '=', id).executeTakeFirst();

export const findActivitySettings = (db: Q, id: string) =>
  db
    .selectFrom('activities as a')
    .innerJoin('legalEntities as e', 'e.id', 'a.entityId')
    .select([
      'a.id',
      'a.name',
      'a.entityId',
      'a.status',
      'a.invoiceSelfIssueCapCents',
      'a.feeRateBp',
      'e.feeRateBp as entityFeeRateBp',
    ])
    .where('a.id', '=', id)
    .executeTakeFirstOrThrow();

export const activityMemberNames = (db: Q, activityId: string) =>
  db
    .selectFrom('activityMembers as am')
    .innerJoin('members as m', 'm.id', 'am.memberId')
    .select(['m.firstName', 'm.lastName', 'm.number'])
    .where('am.activityId', '=', activityId)
    .orderBy('m.lastName')
    .orderBy('m.firstName')
    .execute();

export const linkClient = (trx: Trx, activityId: string, clientId: string) =>
  trx
    .insertInto('activityClients')
    .values({ activityId, clientId })
    .onConflict((oc) => oc.columns(['activityId', 'clientId']).doNothing())
    .execute();

// ——— Lists ———

export type DocumentFilter = {
  kinds: readonly ('quote' | 'invoice' | 'deposit_invoice' | 'credit_note')[];
  status?: string;
  clientId?: string;
  activityId?: string;
  officeId?: string;
  from?: string;
  to?: string;
  /** Documents waiting for a validation by this actor (advisers' queue). */
  awaitingValidation?: boolean;
  today: string;
};

const sortColumns = {
  createdAt: 'd.createdAt',
  issueDate: 'd.issueDate',
  number: 'd.number',
  totalInclVatCents: 'd.totalInclVatCents',
  dueDate: 'd.dueDate',
} as const;
export const documentSortable = Object.keys(sortColumns) as [
  keyof typeof sortColumns,
  ...(keyof typeof sortColumns)[],
];

function filtered<QB extends { where: (...args: any[]) => QB }>(
  qb: QB,
  scope: MemberScope,
  f: DocumentFilter,
  q?: string,
): QB {
  let out = qb.where('d.kind', 'in', f.kinds as never);
  if (!scope.all) {
    const { officeIds, memberIds } = scope;
    out = out.where((eb: any) =>
      eb.exists(
        eb
          .selectFrom('activityMembers as am')
          .innerJoin('members as m', 'm.id', 'am.memberId')
          .select('am.memberId')
          .whereRef('am.activityId', '=', 'd.activityId')
          .where((e: any) =>
            e.or([
              ...(officeIds.length ? [e('m.officeId', 'in', officeIds)] : []),
              ...(memberIds.length ? [e('am.memberId', 'in', memberIds)] : []),
              ...(officeIds.length || memberIds.length ? [] : [sql<boolean>`false`]),
            ]),
          ),
      ),
    );
  }
  if (f.status === 'overdue')
    out = out
      .where('d.status', 'in', ['issued', 'sent', 'partially_paid'] as never)
      .where('d.dueDate', '<', f.today as never);
  else if (f.status === 'expired')
    out = out.where('d.status', '=', 'sent' as never).where('d.validUntil', '<', f.today as never);
  else if (f.status) out = out.where('d.status', '=', f.status as SalesStatusColumn as never);
  if (f.clientId) out = out.where('d.clientId', '=', f.clientId as never);
  if (f.activityId) out = out.where('d.activityId', '=', f.activityId as never);
  if (f.officeId)
    out = out.where((eb: any) =>
      eb.exists(
        eb
          .selectFrom('activityMembers as om')
          .innerJoin('members as mm', 'mm.id', 'om.memberId')
          .select('om.memberId')
          .whereRef('om.activityId', '=', 'd.activityId')
          .where('mm.officeId', '=', f.officeId),
      ),
    );
  if (f.from) out = out.where(sql`coalesce(d.issue_date, d.created_at::date)`, '>=', f.from as never);
  if (f.to) out = out.where(sql`coalesce(d.issue_date, d.created_at::date)`, '<=', f.to as never);
  if (f.awaitingValidation) out = out.where('d.status', '=', 'awaiting_validation' as never);
  if (q) {
    const like = likePattern(q);
    out = out.where((eb: any) =>
      eb.or([
        eb(sql`lower(d.number)`, 'like', like),
        eb(sql`lower(c.name)`, 'like', like),
        eb(sql`lower(d.subject)`, 'like', like),
      ]),
    );
  }
  return out;
}

export async function listDocuments(db: Q, scope: MemberScope, f: DocumentFilter, p: ListParams) {
  const sort = p.sort ? sortColumns[p.sort.column as keyof typeof sortColumns] : 'd.createdAt';
  const direction = p.sort?.direction ?? 'desc';
  const rows = await filtered(withDetails(db), scope, f, p.q)
    .orderBy(sort, direction)
    .orderBy('d.id')
    .limit(p.limit)
    .offset(p.offset)
    .execute();
  const totals = await filtered(
    db
      .selectFrom('salesDocuments as d')
      .innerJoin('clients as c', 'c.id', 'd.clientId')
      .select((eb) => [
        eb.fn.countAll<number>().as('count'),
        sql<number>`coalesce(sum(case when d.kind = 'credit_note' then -d.total_excl_vat_cents else d.total_excl_vat_cents end), 0)`.as(
          'totalExclVatCents',
        ),
        sql<number>`coalesce(sum(case when d.kind = 'credit_note' then -d.total_vat_cents else d.total_vat_cents end), 0)`.as(
          'totalVatCents',
        ),
        sql<number>`coalesce(sum(case when d.kind = 'credit_note' then -d.total_incl_vat_cents else d.total_incl_vat_cents end), 0)`.as(
          'totalInclVatCents',
        ),
      ]),
    scope,
    f,
    p.q,
  ).executeTakeFirstOrThrow();
  return {
    rows,
    totals: {
      count: Number(totals.count),
      totalExclVatCents: Number(totals.totalExclVatCents),
      totalVatCents: Number(totals.totalVatCents),
      totalInclVatCents: Number(totals.totalInclVatCents),
    },
  };
}

/** What is to be invoiced (accepted quotes not fully invoiced) and what is late, for a member's home. */
export async function memberSalesDigest(db: Q, scope: MemberScope, today: string) {
  const base = (kinds: DocumentFilter['kinds'], status: string) =>
    filtered(withDetails(db), scope, { kinds, status, today })
      .orderBy('d.createdAt', 'desc')
      .limit(20)
      .execute();
  const accepted = await base(['quote'], 'accepted');
  const invoiced = accepted.length
    ? await db
        .selectFrom('salesDocuments')
        .select(['quoteId', sql<number>`sum(total_excl_vat_cents)`.as('invoicedCents')])
        .where(
          'quoteId',
          'in',
          accepted.map((q) => q.id),
        )
        .where('kind', 'in', ['invoice', 'deposit_invoice'])
        .groupBy('quoteId')
        .execute()
    : [];
  const done = new Map(invoiced.map((r) => [r.quoteId, Number(r.invoicedCents)]));
  return {
    toInvoice: accepted.filter((q) => (done.get(q.id) ?? 0) < q.totalExclVatCents),
    late: await base(['invoice', 'deposit_invoice'], 'overdue'),
  };
}

export const updateActivityCap = (trx: Trx, activityId: string, capCents: number | null, at: string) =>
  trx
    .updateTable('activities')
    .set({ invoiceSelfIssueCapCents: capCents, updatedAt: at })
    .where('id', '=', activityId)
    .execute();

/** Sets a series' last number, only upwards; false when it has already gone further. */
export async function raiseSeries(
  trx: Trx,
  entityId: string,
  kind: 'quote' | 'invoice' | 'credit_note',
  year: number,
  lastNumber: number,
) {
  const row = await sql<{ lastNumber: number }>`
    insert into sales_number_series (entity_id, kind, year, last_number) values (${entityId}, ${kind}, ${year}, ${lastNumber})
    on conflict (entity_id, kind, year) do update set last_number = excluded.last_number
      where sales_number_series.last_number <= excluded.last_number
    returning last_number`.execute(trx);
  return row.rows.length > 0;
}
