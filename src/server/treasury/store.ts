// The treasury's queries: bank accounts, statement imports and lines, payments and what they settle.
import { type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import type { InvoiceBalance } from '../../domain/treasury/payments.ts';
import type { StatementLine } from '../../domain/treasury/statements.ts';
import type { Database } from '../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;

// ——— Bank accounts ———

export const insertBankAccount = (trx: Trx, row: Insertable<Database['bankAccounts']>) =>
  trx.insertInto('bankAccounts').values(row).returning('id').executeTakeFirstOrThrow();

/** A bank account with its entity's name: what every treasury query starts from. */
const accounts = (db: Q) =>
  db
    .selectFrom('bankAccounts')
    .innerJoin('legalEntities', 'legalEntities.id', 'bankAccounts.entityId')
    .select([
      'bankAccounts.id',
      'bankAccounts.entityId',
      'legalEntities.name as entityName',
      'bankAccounts.label',
      'bankAccounts.iban',
      'bankAccounts.bic',
      'bankAccounts.ledgerAccount',
      'bankAccounts.forInvoices',
      'bankAccounts.active',
    ]);

export const findBankAccount = (db: Q, id: string) =>
  accounts(db).where('bankAccounts.id', '=', id).executeTakeFirst();
export type BankAccountRow = NonNullable<Awaited<ReturnType<typeof findBankAccount>>>;

/** Every bank account with the bank's last closing balance, the ledger's balance and the lines to match. */
export async function listBankAccounts(db: Q, entityId?: string) {
  let q = accounts(db)
    .select((eb) => [
      eb
        .selectFrom('bankStatementImports as i')
        .select('i.closingBalanceCents')
        .whereRef('i.bankAccountId', '=', 'bankAccounts.id')
        .where('i.closingBalanceCents', 'is not', null)
        .orderBy('i.toDate', 'desc')
        .orderBy('i.importedAt', 'desc')
        .limit(1)
        .as('statementBalanceCents'),
      eb
        .selectFrom('bankStatementImports as i')
        .select('i.toDate')
        .whereRef('i.bankAccountId', '=', 'bankAccounts.id')
        .where('i.closingBalanceCents', 'is not', null)
        .orderBy('i.toDate', 'desc')
        .orderBy('i.importedAt', 'desc')
        .limit(1)
        .as('statementBalanceDate'),
      eb
        .selectFrom('journalEntryLines as l')
        .innerJoin('ledgerAccounts as a', 'a.id', 'l.accountId')
        .select(sql<number>`coalesce(sum(l.debit_cents - l.credit_cents), 0)`.as('b'))
        .whereRef('a.entityId', '=', 'bankAccounts.entityId')
        .whereRef('a.number', '=', 'bankAccounts.ledgerAccount')
        .as('ledgerBalanceCents'),
      eb
        .selectFrom('bankStatementLines as s')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('s.bankAccountId', '=', 'bankAccounts.id')
        .where('s.status', '=', 'unmatched')
        .as('unmatchedCount'),
    ])
    .where('bankAccounts.active', '=', true)
    .orderBy('legalEntities.name')
    .orderBy('bankAccounts.label');
  if (entityId) q = q.where('bankAccounts.entityId', '=', entityId);
  return (await q.execute()).map((r) => ({
    ...r,
    statementBalanceCents: r.statementBalanceCents === null ? null : Number(r.statementBalanceCents),
    statementBalanceDate: r.statementBalanceDate ?? null,
    ledgerBalanceCents: Number(r.ledgerBalanceCents ?? 0),
    unmatchedCount: Number(r.unmatchedCount ?? 0),
  }));
}

// ——— Statements ———

export const findImportByDigest = (db: Q, bankAccountId: string, sha256: string) =>
  db
    .selectFrom('bankStatementImports')
    .select(['id', 'format', 'fileName', 'fromDate', 'toDate', 'lineCount', 'newLineCount', 'importedAt'])
    .where('bankAccountId', '=', bankAccountId)
    .where('sha256', '=', sha256)
    .orderBy('importedAt')
    .executeTakeFirst();

export const insertImport = (trx: Trx, row: Insertable<Database['bankStatementImports']>) =>
  trx
    .insertInto('bankStatementImports')
    .values(row)
    .returning(['id', 'format', 'fileName', 'fromDate', 'toDate', 'lineCount', 'newLineCount', 'importedAt'])
    .executeTakeFirstOrThrow();

/** Inserts the lines not seen before on this account (by fingerprint); returns how many were new. */
export async function insertNewLines(
  trx: Trx,
  bankAccountId: string,
  importId: string,
  lines: readonly StatementLine[],
) {
  let added = 0;
  for (let i = 0; i < lines.length; i += 500) {
    const rows = lines.slice(i, i + 500).map((l) => ({
      bankAccountId,
      importId,
      bookingDate: l.bookingDate,
      valueDate: l.valueDate ?? null,
      amountCents: l.amountCents,
      label: l.label,
      counterpartyName: l.counterpartyName ?? null,
      counterpartyIban: l.counterpartyIban ?? null,
      remittance: l.remittance ?? null,
      endToEndId: l.endToEndId ?? null,
      bankReference: l.bankReference ?? null,
      fingerprint: l.fingerprint,
    }));
    const inserted = await trx
      .insertInto('bankStatementLines')
      .values(rows)
      .onConflict((oc) => oc.constraint('bank_statement_lines_fingerprint_key').doNothing())
      .returning('id')
      .execute();
    added += inserted.length;
  }
  return added;
}

export const setImportCount = (trx: Trx, id: string, newLineCount: number) =>
  trx.updateTable('bankStatementImports').set({ newLineCount }).where('id', '=', id).execute();

export const listImports = (db: Q, bankAccountId: string) =>
  db
    .selectFrom('bankStatementImports')
    .select([
      'id',
      'format',
      'fileName',
      'fromDate',
      'toDate',
      'lineCount',
      'newLineCount',
      'importedAt',
      'sha256',
    ])
    .where('bankAccountId', '=', bankAccountId)
    .orderBy('importedAt', 'desc')
    .limit(100)
    .execute();

const lineColumns = [
  'id',
  'bankAccountId',
  'bookingDate',
  'valueDate',
  'amountCents',
  'label',
  'counterpartyName',
  'counterpartyIban',
  'remittance',
  'endToEndId',
  'bankReference',
  'fingerprint',
  'status',
  'paymentId',
] as const;

export const listLines = (db: Q, bankAccountId: string, status: 'unmatched' | 'matched' | 'ignored') =>
  db
    .selectFrom('bankStatementLines')
    .select(lineColumns)
    .where('bankAccountId', '=', bankAccountId)
    .where('status', '=', status)
    .orderBy('bookingDate', status === 'unmatched' ? 'asc' : 'desc')
    .orderBy('id')
    .limit(500)
    .execute();
export type LineRow = Awaited<ReturnType<typeof listLines>>[number];

export const lockLine = (trx: Trx, id: string) =>
  trx
    .selectFrom('bankStatementLines')
    .select(lineColumns)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();

export const findLine = (db: Q, id: string) =>
  db.selectFrom('bankStatementLines').select(lineColumns).where('id', '=', id).executeTakeFirst();

export const decideLine = (
  trx: Trx,
  id: string,
  set: {
    status: 'matched' | 'ignored' | 'unmatched';
    paymentId: string | null;
    decidedBy: string | null;
    decidedAt: string | null;
  },
) => trx.updateTable('bankStatementLines').set(set).where('id', '=', id).execute();

// ——— Invoices to pay ———

/**
 * Issued invoices of an entity with what they still owe: due (total incl. VAT less deposits) less
 * issued credit notes and payments; and the VAT still waiting for collection on them.
 */
export async function invoiceBalances(
  db: Q,
  f: {
    entityId: string;
    clientId?: string;
    documentIds?: readonly string[];
    onlyOpen?: boolean;
    lock?: boolean;
  },
) {
  let q = db
    .selectFrom('salesDocuments as d')
    .innerJoin('clients as c', 'c.id', 'd.clientId')
    .select([
      'd.id as documentId',
      'd.number',
      'd.clientId',
      'c.name as clientName',
      'd.activityId',
      'd.issueDate',
      'd.dueDate',
      'd.status',
      'd.totalInclVatCents',
      'd.totalVatCents',
      'd.prepaidCents',
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
    .where('d.entityId', '=', f.entityId)
    .where('d.kind', 'in', ['invoice', 'deposit_invoice'])
    .where('d.number', 'is not', null)
    .where(
      'd.status',
      'in',
      f.onlyOpen ? ['issued', 'sent', 'partially_paid'] : ['issued', 'sent', 'partially_paid', 'paid'],
    );
  if (f.onlyOpen)
    // Declared irrecoverable (ADR 0016): nothing left to match a payment to.
    q = q.where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('guaranteeWriteOffs as w').select('w.id').whereRef('w.documentId', '=', 'd.id'),
        ),
      ),
    );
  if (f.clientId) q = q.where('d.clientId', '=', f.clientId);
  if (f.documentIds)
    q = q.where(
      'd.id',
      'in',
      f.documentIds.length ? [...f.documentIds] : ['00000000-0000-0000-0000-000000000000'],
    );
  const rows = await q.orderBy('d.issueDate').orderBy('d.number').execute();
  return rows.map((r) => {
    const balance: InvoiceBalance & {
      clientName: string;
      activityId: string;
      issueDate: string;
      dueDate: string | null;
      status: string;
      totalInclVatCents: number;
    } = {
      documentId: r.documentId,
      number: r.number ?? '',
      clientId: r.clientId,
      clientName: r.clientName,
      activityId: r.activityId,
      issueDate: r.issueDate ?? '',
      dueDate: r.dueDate,
      status: r.status,
      totalInclVatCents: Number(r.totalInclVatCents),
      dueCents: Number(r.totalInclVatCents) - Number(r.prepaidCents),
      creditedCents: Number(r.creditedCents ?? 0),
      paidCents: Number(r.paidCents ?? 0),
      vatPendingCents: Math.max(
        0,
        Number(r.totalVatCents) - Number(r.creditedVatCents ?? 0) - Number(r.vatCollectedCents ?? 0),
      ),
    };
    return balance;
  });
}
export type InvoiceBalanceRow = Awaited<ReturnType<typeof invoiceBalances>>[number];

/** Locks the invoices a payment settles, in a stable order (no deadlock between two payments). */
export const lockInvoices = (trx: Trx, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : trx
        .selectFrom('salesDocuments')
        .select('id')
        .where('id', 'in', [...ids])
        .orderBy('id')
        .forUpdate()
        .execute();

export const setInvoiceStatus = (trx: Trx, id: string, status: 'partially_paid' | 'paid') =>
  trx.updateTable('salesDocuments').set({ status }).where('id', '=', id).execute();

export const findClient = (db: Q, id: string) =>
  db.selectFrom('clients').select(['id', 'name']).where('id', '=', id).executeTakeFirst();

// ——— Payments ———

export const insertPayment = (trx: Trx, row: Insertable<Database['payments']>) =>
  trx.insertInto('payments').values(row).returning('id').executeTakeFirstOrThrow();

export const insertAllocations = (
  trx: Trx,
  rows: readonly { paymentId: string; documentId: string; amountCents: number; vatCents: number }[],
) =>
  rows.length
    ? trx
        .insertInto('paymentAllocations')
        .values([...rows])
        .execute()
    : Promise.resolve([]);

export async function findPayments(
  db: Q,
  f: { ids?: readonly string[]; clientId?: string; entityId?: string },
) {
  let q = db
    .selectFrom('payments as p')
    .innerJoin('clients as c', 'c.id', 'p.clientId')
    .select([
      'p.id',
      'p.entityId',
      'p.clientId',
      'c.name as clientName',
      'p.bankAccountId',
      'p.paymentDate',
      'p.amountCents',
      'p.method',
      'p.reference',
      'p.unallocatedCents',
      'p.statementLineId',
      'p.journalEntryId',
    ]);
  if (f.ids) q = q.where('p.id', 'in', f.ids.length ? [...f.ids] : ['00000000-0000-0000-0000-000000000000']);
  if (f.clientId) q = q.where('p.clientId', '=', f.clientId);
  if (f.entityId) q = q.where('p.entityId', '=', f.entityId);
  const payments = await q
    .orderBy('p.paymentDate', 'desc')
    .orderBy('p.createdAt', 'desc')
    .limit(500)
    .execute();
  const allocations = payments.length
    ? await db
        .selectFrom('paymentAllocations as a')
        .innerJoin('salesDocuments as d', 'd.id', 'a.documentId')
        .select(['a.paymentId', 'a.documentId', 'd.number', 'a.amountCents', 'a.vatCents'])
        .where(
          'a.paymentId',
          'in',
          payments.map((p) => p.id),
        )
        .orderBy('d.number')
        .execute()
    : [];
  return payments.map((p) => ({
    ...p,
    amountCents: Number(p.amountCents),
    unallocatedCents: Number(p.unallocatedCents),
    allocations: allocations
      .filter((a) => a.paymentId === p.id)
      .map((a) => ({
        documentId: a.documentId,
        number: a.number ?? '',
        amountCents: Number(a.amountCents),
        vatCents: Number(a.vatCents),
      })),
  }));
}

// ——— Dunning ———

export const findPolicy = (db: Q, entityId: string) =>
  db
    .selectFrom('dunningPolicies')
    .select(['entityId', 'steps', 'enabled'])
    .where('entityId', '=', entityId)
    .executeTakeFirst();

export const upsertPolicy = (
  trx: Trx,
  row: { entityId: string; steps: number[]; enabled: boolean; updatedAt: string },
) =>
  trx
    .insertInto('dunningPolicies')
    .values(row)
    .onConflict((oc) =>
      oc.column('entityId').doUpdateSet({ steps: row.steps, enabled: row.enabled, updatedAt: row.updatedAt }),
    )
    .execute();

/**
 * Issued invoices past their due date (and not settled), with their client, activity and what
 * collection decided; scoped to the offices an adviser follows when `officeIds` is given.
 */
export async function overdueInvoices(
  db: Q,
  f: { today: string; entityId?: string; officeIds?: readonly string[]; documentId?: string },
) {
  let q = db
    .selectFrom('salesDocuments as d')
    .innerJoin('clients as c', 'c.id', 'd.clientId')
    .innerJoin('activities as a', 'a.id', 'd.activityId')
    .innerJoin('legalEntities as e', 'e.id', 'd.entityId')
    .leftJoin('invoiceCollections as k', 'k.documentId', 'd.id')
    .select([
      'd.id as documentId',
      'd.entityId',
      'e.name as entityName',
      'd.number',
      'd.issueDate',
      'd.dueDate',
      'd.clientId',
      'c.name as clientName',
      'c.email as clientEmail',
      'c.kind as clientKind',
      'c.country as clientCountry',
      'd.activityId',
      'a.name as activityName',
      'k.paused',
      'k.pauseReason',
      'k.litigationOn',
    ])
    .where('d.kind', 'in', ['invoice', 'deposit_invoice'])
    .where('d.number', 'is not', null)
    .where('d.status', 'in', ['issued', 'sent', 'partially_paid'])
    .where('d.dueDate', '<', f.today)
    // An invoice declared irrecoverable (guarantee fund, ADR 0016) is settled in the books: no more dunning.
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('guaranteeWriteOffs as w').select('w.id').whereRef('w.documentId', '=', 'd.id'),
        ),
      ),
    );
  if (f.entityId) q = q.where('d.entityId', '=', f.entityId);
  if (f.documentId) q = q.where('d.id', '=', f.documentId);
  if (f.officeIds)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('activityMembers as am')
          .innerJoin('members as m', 'm.id', 'am.memberId')
          .select('am.memberId')
          .whereRef('am.activityId', '=', 'd.activityId')
          .where(
            'm.officeId',
            'in',
            f.officeIds?.length ? [...(f.officeIds ?? [])] : ['00000000-0000-0000-0000-000000000000'],
          ),
      ),
    );
  return q.orderBy('d.dueDate').orderBy('d.number').limit(2000).execute();
}
export type OverdueRow = Awaited<ReturnType<typeof overdueInvoices>>[number];

export const remindersOf = (db: Q, documentIds: readonly string[]) =>
  documentIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('dunningReminders')
        .select([
          'documentId',
          'step',
          'tone',
          'sentOn',
          'daysLate',
          'penaltyCents',
          'indemnityCents',
          'recipient',
        ])
        .where('documentId', 'in', [...documentIds])
        .orderBy('sentOn')
        .orderBy('step')
        .execute();

/** Records a reminder unless this step of this invoice was already sent; true when it is new. */
export async function insertReminder(trx: Trx, row: Insertable<Database['dunningReminders']>) {
  const inserted = await trx
    .insertInto('dunningReminders')
    .values(row)
    .onConflict((oc) => oc.constraint('dunning_reminders_step_key').doNothing())
    .returning('id')
    .execute();
  return inserted.length === 1;
}

export const findCollection = (db: Q, documentId: string) =>
  db
    .selectFrom('invoiceCollections')
    .select(['documentId', 'paused', 'pauseReason', 'litigationOn', 'litigationEntryId'])
    .where('documentId', '=', documentId)
    .executeTakeFirst();

export const litigationDocuments = (db: Q, documentIds: readonly string[]) =>
  documentIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('invoiceCollections')
        .select('documentId')
        .where('documentId', 'in', [...documentIds])
        .where('litigationOn', 'is not', null)
        .execute();

export const upsertCollection = (
  trx: Trx,
  row: Insertable<Database['invoiceCollections']> & { documentId: string },
) =>
  trx
    .insertInto('invoiceCollections')
    .values(row)
    .onConflict((oc) =>
      oc.column('documentId').doUpdateSet({
        ...(row.paused !== undefined ? { paused: row.paused } : {}),
        ...(row.pauseReason !== undefined ? { pauseReason: row.pauseReason } : {}),
        ...(row.litigationOn !== undefined ? { litigationOn: row.litigationOn } : {}),
        ...(row.litigationEntryId !== undefined ? { litigationEntryId: row.litigationEntryId } : {}),
        updatedBy: row.updatedBy,
        updatedAt: row.updatedAt ?? new Date().toISOString(),
      }),
    )
    .execute();

export const invoiceBankAccount = (db: Q, entityId: string) =>
  db
    .selectFrom('bankAccounts')
    .select(['iban', 'bic'])
    .where('entityId', '=', entityId)
    .where('forInvoices', '=', true)
    .where('active', '=', true)
    .executeTakeFirst();

export const lockDocument = (trx: Trx, id: string) =>
  trx.selectFrom('salesDocuments').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
