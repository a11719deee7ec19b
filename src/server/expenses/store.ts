// The expenses module's queries: expenses, their receipts, payout batches and their items.
import { type Insertable, type Kysely, sql, type Transaction, type Updateable } from 'kysely';
import type { MemberScope } from '../../domain/access.ts';
import type { Database, ExpensesTable } from '../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;

const expenseColumns = [
  'e.id',
  'e.reference',
  'e.entityId',
  'le.code as entityCode',
  'e.activityId',
  'a.name as activityName',
  'e.kind',
  'e.memberId',
  'm.firstName as memberFirstName',
  'm.lastName as memberLastName',
  'e.status',
  'e.expenseDate',
  'e.category',
  'e.label',
  'e.supplierName',
  'e.amountExclVatCents',
  'e.vatCents',
  'e.amountInclVatCents',
  'e.invoiceToCoop',
  'e.deductibleVatCents',
  'e.vehicleKind',
  'e.fiscalCv',
  'e.electric',
  'e.distanceKm',
  'e.kmBefore',
  'e.tripFrom',
  'e.tripTo',
  'e.supplierSiren',
  'e.supplierInvoiceNumber',
  'e.dueDate',
  'e.supplierIban',
  'e.supplierBic',
  'e.createdBy',
  'e.createdAt',
  'e.submittedAt',
  'e.decidedAt',
  'e.decisionComment',
  'e.journalEntryId',
  'e.paidAt',
  'r.contentType as receiptContentType',
  'r.fileName as receiptFileName',
  'r.sizeBytes as receiptSizeBytes',
  'pi.batchId as payoutBatchId',
] as const;

const expenses = (db: Q) =>
  db
    .selectFrom('expenses as e')
    .innerJoin('legalEntities as le', 'le.id', 'e.entityId')
    .innerJoin('activities as a', 'a.id', 'e.activityId')
    .leftJoin('members as m', 'm.id', 'e.memberId')
    .leftJoin('expenseReceipts as r', 'r.expenseId', 'e.id')
    .leftJoin('payoutItems as pi', 'pi.expenseId', 'e.id');

export const findExpense = (db: Q, id: string) =>
  expenses(db).select(expenseColumns).where('e.id', '=', id).executeTakeFirst();
export type ExpenseRow = NonNullable<Awaited<ReturnType<typeof findExpense>>>;

/** Locks the expense row until commit: decisions and payouts on one expense go one at a time. */
export const lockExpense = (trx: Trx, id: string) =>
  trx.selectFrom('expenses').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();

export type ExpenseFilter = {
  activityId?: string | undefined;
  status?: ExpenseRow['status'] | undefined;
  kind?: ExpenseRow['kind'] | undefined;
  entityId?: string | undefined;
  /** Approved and not yet in a batch: what a payout may take. */
  payable?: boolean | undefined;
};

export async function listExpenses(
  db: Q,
  scope: MemberScope,
  f: ExpenseFilter,
  p: { limit: number; offset: number },
) {
  let q = expenses(db);
  if (!scope.all) {
    const { officeIds, memberIds } = scope;
    // Expenses of the activities the actor works on, or whose members belong to an office they follow.
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('activityMembers as am')
          .innerJoin('members as mm', 'mm.id', 'am.memberId')
          .select(sql`1`.as('x'))
          .whereRef('am.activityId', '=', 'e.activityId')
          .where((w) =>
            w.or([
              ...(memberIds.length ? [w('am.memberId', 'in', memberIds)] : []),
              ...(officeIds.length ? [w('mm.officeId', 'in', officeIds)] : []),
              w.val(false),
            ]),
          ),
      ),
    );
  }
  if (f.activityId) q = q.where('e.activityId', '=', f.activityId);
  if (f.status) q = q.where('e.status', '=', f.status);
  if (f.kind) q = q.where('e.kind', '=', f.kind);
  if (f.entityId) q = q.where('e.entityId', '=', f.entityId);
  if (f.payable) q = q.where('e.status', '=', 'approved').where('pi.batchId', 'is', null);
  const [rows, n] = await Promise.all([
    q
      .select(expenseColumns)
      .orderBy('e.expenseDate', 'desc')
      .orderBy('e.createdAt', 'desc')
      .limit(p.limit)
      .offset(p.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(n.n) };
}

export const nextReference = async (trx: Trx) => {
  const { rows } = await sql<{ n: string }>`select nextval('expense_number_seq') as n`.execute(trx);
  return `NDF-${String(rows[0]?.n).padStart(6, '0')}`;
};

export const insertExpense = (trx: Trx, row: Insertable<ExpensesTable>) =>
  trx.insertInto('expenses').values(row).returning('id').executeTakeFirstOrThrow();

export const updateExpense = (trx: Trx, id: string, patch: Updateable<ExpensesTable>) =>
  trx.updateTable('expenses').set(patch).where('id', '=', id).execute();

export const deleteExpense = (trx: Trx, id: string) =>
  trx.deleteFrom('expenses').where('id', '=', id).execute();

export const upsertReceipt = (
  trx: Trx,
  row: {
    expenseId: string;
    contentType: string;
    fileName: string;
    sizeBytes: number;
    sha256: string;
    content: Uint8Array;
    uploadedBy: string;
  },
) =>
  trx
    .insertInto('expenseReceipts')
    .values(row)
    .onConflict((oc) =>
      oc.column('expenseId').doUpdateSet({
        contentType: row.contentType,
        fileName: row.fileName,
        sizeBytes: row.sizeBytes,
        sha256: row.sha256,
        content: row.content,
        uploadedBy: row.uploadedBy,
        uploadedAt: sql`now()`,
      }),
    )
    .execute();

export const findReceipt = (db: Q, expenseId: string) =>
  db
    .selectFrom('expenseReceipts')
    .select(['contentType', 'fileName', 'sizeBytes', 'content'])
    .where('expenseId', '=', expenseId)
    .executeTakeFirst();

/** Kilometres already claimed in the year with this vehicle (trips submitted, approved or paid). */
export async function kmClaimed(
  q: Q,
  memberId: string,
  year: number,
  v: { vehicleKind: string; fiscalCv: number; electric: boolean },
  exceptId: string | null,
) {
  let query = q
    .selectFrom('expenses')
    .select(sql<string>`coalesce(sum(distance_km), 0)`.as('km'))
    .where('memberId', '=', memberId)
    .where('kind', '=', 'mileage')
    .where('status', 'in', ['submitted', 'approved', 'paid'])
    .where('expenseDate', '>=', `${year}-01-01`)
    .where('expenseDate', '<=', `${year}-12-31`)
    .where('vehicleKind', '=', v.vehicleKind as 'car')
    .where('fiscalCv', '=', v.fiscalCv)
    .where('electric', '=', v.electric);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return Number((await query.executeTakeFirstOrThrow()).km);
}

/** Serialises a member's mileage submissions (the year's distance so far must not move under us). */
export const lockMember = (trx: Trx, memberId: string) =>
  trx.selectFrom('members').select('id').where('id', '=', memberId).forUpdate().executeTakeFirst();

export const activityFacts = (db: Q, activityId: string) =>
  db
    .selectFrom('activities')
    .select(['id', 'entityId', 'status', 'name'])
    .where('id', '=', activityId)
    .executeTakeFirst();

// ——— Payouts ———

export const lastDebtor = (db: Q, entityId: string) =>
  db
    .selectFrom('payoutBatches')
    .select(['debtorName', 'debtorIban', 'debtorBic'])
    .where('entityId', '=', entityId)
    .orderBy('createdAt', 'desc')
    .limit(1)
    .executeTakeFirst();

export const entityName = (db: Q, entityId: string) =>
  db.selectFrom('legalEntities').select(['id', 'code', 'name']).where('id', '=', entityId).executeTakeFirst();

/** The expenses to pay, locked until commit, with what the transfer needs. */
export const lockPayable = (trx: Trx, ids: readonly string[]) =>
  trx
    .selectFrom('expenses as e')
    .leftJoin('payoutItems as pi', 'pi.expenseId', 'e.id')
    .select(['e.id', 'e.entityId', 'e.status', 'e.kind', 'e.amountInclVatCents', 'pi.batchId'])
    .where('e.id', 'in', ids)
    .forUpdate('e')
    .execute();

export const insertBatch = (trx: Trx, row: Insertable<Database['payoutBatches']>) =>
  trx.insertInto('payoutBatches').values(row).returning('id').executeTakeFirstOrThrow();

export const insertItems = (trx: Trx, rows: Insertable<Database['payoutItems']>[]) =>
  trx.insertInto('payoutItems').values(rows).execute();

export const findBatch = (db: Q, id: string) =>
  db
    .selectFrom('payoutBatches as b')
    .innerJoin('legalEntities as le', 'le.id', 'b.entityId')
    .select([
      'b.id',
      'b.entityId',
      'le.code as entityCode',
      'b.status',
      'b.debtorName',
      'b.debtorIban',
      'b.debtorBic',
      'b.executionDate',
      'b.totalCents',
      'b.createdAt',
      'b.executedAt',
      'b.journalEntryId',
    ])
    .where('b.id', '=', id)
    .executeTakeFirst();
export type BatchRow = NonNullable<Awaited<ReturnType<typeof findBatch>>>;

export const lockBatch = (trx: Trx, id: string) =>
  trx
    .selectFrom('payoutBatches')
    .select(['id', 'status'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();

export const listBatches = async (
  db: Q,
  f: { entityId?: string | undefined },
  p: { limit: number; offset: number },
) => {
  let q = db.selectFrom('payoutBatches as b');
  if (f.entityId) q = q.where('b.entityId', '=', f.entityId);
  const [rows, n] = await Promise.all([
    q.select('b.id').orderBy('b.createdAt', 'desc').limit(p.limit).offset(p.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { ids: rows.map((r) => r.id), total: Number(n.n) };
};

/** The items of a batch with who is paid and where: the member's sealed IBAN, or the supplier's. */
export const batchItems = (db: Q, batchId: string) =>
  db
    .selectFrom('payoutItems as pi')
    .innerJoin('expenses as e', 'e.id', 'pi.expenseId')
    .innerJoin('activities as a', 'a.id', 'e.activityId')
    .leftJoin('members as m', 'm.id', 'e.memberId')
    .select([
      'pi.expenseId',
      'pi.amountCents',
      'e.reference',
      'e.kind',
      'e.label',
      'e.activityId',
      'a.name as activityName',
      'e.memberId',
      'e.entityId',
      'm.firstName',
      'm.lastName',
      'm.ibanEncrypted',
      'm.bic',
      'e.supplierName',
      'e.supplierSiren',
      'e.supplierInvoiceNumber',
      'e.supplierIban',
      'e.supplierBic',
    ])
    .where('pi.batchId', '=', batchId)
    .orderBy('e.reference')
    .execute();
export type BatchItemRow = Awaited<ReturnType<typeof batchItems>>[number];

export const markBatchExecuted = (
  trx: Trx,
  id: string,
  patch: { executedBy: string; executedAt: string; journalEntryId: string },
) =>
  trx
    .updateTable('payoutBatches')
    .set({ ...patch, status: 'executed' })
    .where('id', '=', id)
    .execute();

export const markPaid = (trx: Trx, ids: readonly string[], at: string) =>
  trx
    .updateTable('expenses')
    .set({ status: 'paid', paidAt: at, updatedAt: at })
    .where('id', 'in', ids)
    .execute();
