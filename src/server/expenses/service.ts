// Money going out: expense claims (receipts and mileage) and supplier invoices on an activity — drafted
// by its members, submitted, approved (and posted to the ledger in the same transaction) or rejected by
// an adviser of the member's office or staff — then paid by the accountant in a payout batch whose
// SEPA credit-transfer file goes to the bank; executing the batch posts 467/401 against 512 once.
import { createHash } from 'node:crypto';
import { type Actor, can, memberScope } from '../../domain/access.ts';
import { toIsoDate } from '../../domain/dates.ts';
import { DomainError, type ErrorCode, notFound } from '../../domain/errors.ts';
import { findExpenseCategory } from '../../domain/expenses/categories.ts';
import { scaleFor } from '../../domain/expenses/mileage.ts';
import { deductibleVat, expenseEntry, mileageAmount, payoutEntry } from '../../domain/expenses/posting.ts';
import { sniffReceipt } from '../../domain/expenses/receipts.ts';
import type {
  ExpenseInput,
  ExpenseView,
  PayoutInput,
  PayoutView,
  ReceiptUpload,
} from '../../domain/expenses/schemas.ts';
import { activityResource, requireActivity } from '../activities/service.ts';
import { diff, recordAudit } from '../audit/service.ts';
import type { Ctx } from '../context.ts';
import { transact } from '../db/transaction.ts';
import { sepaCreditTransfers } from '../documents/sepa.ts';
import { type IdempotencyClaim, storeIdempotentAnswer } from '../http/idempotency.ts';
import { type ListParams, pageOf } from '../http/lists.ts';
import { postEntry, supplierAuxiliaryIn } from '../ledger/service.ts';
import * as store from './store.ts';

type Trx = Parameters<Parameters<typeof transact>[1]>[0];

const refuse = (code: ErrorCode, pointer?: string, message: string = code) =>
  new DomainError(code, message, pointer ? { errors: [{ pointer, code, message }] } : {});

// ——— Presenting ———

const present = (e: store.ExpenseRow): ExpenseView => ({
  id: e.id,
  reference: e.reference,
  kind: e.kind,
  status: e.status,
  activity: { id: e.activityId, name: e.activityName },
  entity: { id: e.entityId, code: e.entityCode },
  member:
    e.memberId && e.memberFirstName !== null && e.memberLastName !== null
      ? { id: e.memberId, firstName: e.memberFirstName, lastName: e.memberLastName }
      : null,
  expenseDate: e.expenseDate,
  category: e.category,
  label: e.label,
  supplierName: e.supplierName,
  amountExclVatCents: e.amountExclVatCents,
  vatCents: e.vatCents,
  amountInclVatCents: e.amountInclVatCents,
  invoiceToCoop: e.invoiceToCoop,
  deductibleVatCents: e.deductibleVatCents,
  mileage:
    e.kind === 'mileage'
      ? {
          vehicleKind: e.vehicleKind as 'car' | 'motorcycle',
          fiscalCv: e.fiscalCv as number,
          electric: e.electric as boolean,
          distanceKm: e.distanceKm as number,
          kmBefore: e.kmBefore,
          tripFrom: e.tripFrom as string,
          tripTo: e.tripTo as string,
        }
      : null,
  supplierInvoice:
    e.kind === 'supplier_invoice'
      ? {
          siren: e.supplierSiren,
          number: e.supplierInvoiceNumber as string,
          dueDate: e.dueDate as string,
          iban: e.supplierIban as string,
          bic: e.supplierBic,
        }
      : null,
  receipt:
    e.receiptContentType && e.receiptFileName
      ? {
          contentType: e.receiptContentType,
          fileName: e.receiptFileName,
          sizeBytes: Number(e.receiptSizeBytes),
        }
      : null,
  submittedAt: e.submittedAt,
  decidedAt: e.decidedAt,
  decisionComment: e.decisionComment,
  journalEntryId: e.journalEntryId,
  paidAt: e.paidAt,
  payoutBatchId: e.payoutBatchId,
  createdAt: e.createdAt,
});

// ——— Access ———

type ExpenseAction = 'expense.read' | 'expense.write' | 'expense.decide';

/** An expense the actor may see (else 404) and act on (else 403). */
async function requireExpense(ctx: Ctx, id: string, action: ExpenseAction = 'expense.read') {
  const e = await store.findExpense(ctx.db, id);
  if (!e) throw notFound('Expense');
  const activity = await requireActivity(ctx, e.activityId).catch(() => {
    throw notFound('Expense');
  });
  const resource = activityResource(activity);
  if (!can(ctx.actor, 'expense.read', resource)) throw notFound('Expense');
  if (!can(ctx.actor, action, resource))
    throw new DomainError('auth.forbidden', 'Not allowed on this expense');
  // A claim is the claimant's own business: another member of a shared activity neither changes nor submits it.
  if (action === 'expense.write' && e.memberId && e.memberId !== ctx.actor.memberId)
    throw new DomainError('auth.forbidden', 'Not your expense claim');
  return e;
}

const mustBe = (e: { status: string }, ...allowed: string[]) => {
  if (!allowed.includes(e.status)) throw refuse('expense.invalid_status');
};

// ——— Receipts ———

type Receipt = { contentType: string; fileName: string; bytes: Uint8Array; sha256: string };

/** Decodes and recognises a receipt by its bytes; refuses anything but a whole image or PDF. */
function readReceipt(upload: ReceiptUpload, pointer: string): Receipt {
  const bytes = new Uint8Array(Buffer.from(upload.contentBase64, 'base64'));
  const type = sniffReceipt(bytes);
  if (!type) throw refuse('receipt.not_accepted', `${pointer}/contentBase64`);
  // The name is kept for the download only, with the extension of what the file really is.
  const base = upload.fileName
    .replace(/[^\p{L}\p{N} ._-]+/gu, '_')
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .slice(0, 100);
  return {
    contentType: type.mime,
    fileName: `${base || 'justificatif'}.${type.extension}`,
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

const saveReceipt = (trx: Trx, actor: Actor, expenseId: string, r: Receipt) =>
  store.upsertReceipt(trx, {
    expenseId,
    contentType: r.contentType,
    fileName: r.fileName,
    sizeBytes: r.bytes.length,
    sha256: r.sha256,
    content: r.bytes,
    uploadedBy: actor.userId,
  });

// ——— Mileage ———

type Vehicle = { vehicleKind: 'car' | 'motorcycle'; fiscalCv: number; electric: boolean };

async function priceTrip(
  q: Parameters<typeof store.kmClaimed>[0],
  memberId: string,
  date: string,
  v: Vehicle,
  distanceKm: number,
  exceptId: string | null,
) {
  const scale = scaleFor(date);
  if (!scale) throw refuse('expense.no_mileage_scale', '/expenseDate');
  const kmBefore = await store.kmClaimed(q, memberId, scale.year, v, exceptId);
  return { kmBefore, amountCents: mileageAmount(scale, v, kmBefore, distanceKm), scaleSource: scale.source };
}

export async function estimateMileage(
  ctx: Ctx,
  input: { activityId: string; expenseDate: string; distanceKm: number } & Vehicle,
) {
  const activity = await requireActivity(ctx, input.activityId);
  if (!can(ctx.actor, 'expense.write', activityResource(activity)) || !ctx.actor.memberId)
    throw new DomainError('auth.forbidden', 'Not allowed on this activity');
  return priceTrip(ctx.db, ctx.actor.memberId, input.expenseDate, input, input.distanceKm, null);
}

// ——— Expense claims and supplier invoices ———

export async function listExpenses(ctx: Ctx, filter: store.ExpenseFilter, p: ListParams) {
  if (filter.payable && !can(ctx.actor, 'payout.manage'))
    throw new DomainError('auth.forbidden', 'Payouts only');
  const { rows, total } = await store.listExpenses(ctx.db, memberScope(ctx.actor), filter, p);
  return pageOf(rows.map(present), total, p);
}

export const getExpense = async (ctx: Ctx, id: string) => present(await requireExpense(ctx, id));

const reload = async (ctx: Ctx, id: string) =>
  present((await store.findExpense(ctx.db, id)) as store.ExpenseRow);

/** A supplier's auxiliary code: F + SIREN, or F + the name in capitals (same name, same account). */
const supplierCode = (name: string, siren: string | null) =>
  siren
    ? `F${siren}`
    : `F${
        name
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .toUpperCase()
          .replace(/[^A-Z0-9]/g, '')
          .slice(0, 16) || 'DIVERS'
      }`;

export async function createExpense(ctx: Ctx, input: ExpenseInput) {
  const activity = await requireActivity(ctx, input.activityId);
  if (!can(ctx.actor, 'expense.write', activityResource(activity)))
    throw new DomainError('auth.forbidden', 'Not allowed on this activity');
  if (activity.status !== 'open') throw refuse('activity.closed', '/activityId');
  const receipt = input.receipt ? readReceipt(input.receipt, '/receipt') : null;
  const memberId = input.kind === 'supplier_invoice' ? null : ctx.actor.memberId;
  if (input.kind !== 'supplier_invoice' && !memberId)
    throw new DomainError('auth.forbidden', 'Only members claim expenses');

  const base = {
    entityId: activity.entityId,
    activityId: activity.id,
    kind: input.kind,
    memberId,
    expenseDate: input.expenseDate,
    label: input.label,
    createdBy: ctx.actor.userId,
  };
  const id = await transact(ctx.db, async (trx) => {
    const reference = await store.nextReference(trx);
    let row: Parameters<typeof store.insertExpense>[1];
    if (input.kind === 'mileage') {
      const v = { vehicleKind: input.vehicleKind, fiscalCv: input.fiscalCv, electric: input.electric };
      // An estimate for the draft; the amount is fixed when the trip is submitted.
      const { kmBefore, amountCents } = await priceTrip(
        trx,
        memberId as string,
        input.expenseDate,
        v,
        input.distanceKm,
        null,
      );
      row = {
        ...base,
        reference,
        category: 'mileage',
        amountExclVatCents: amountCents,
        vatCents: 0,
        amountInclVatCents: amountCents,
        ...v,
        distanceKm: input.distanceKm,
        kmBefore,
        tripFrom: input.tripFrom,
        tripTo: input.tripTo,
      };
      if (amountCents <= 0) throw refuse('expense.amount_zero', '/distanceKm');
    } else {
      const common = {
        ...base,
        reference,
        category: input.category,
        supplierName: input.supplierName,
        amountExclVatCents: input.amountExclVatCents,
        vatCents: input.vatCents,
        amountInclVatCents: input.amountInclVatCents,
      };
      row =
        input.kind === 'receipt'
          ? {
              ...common,
              invoiceToCoop: input.invoiceToCoop,
              deductibleVatCents: deductibleVat(
                'receipt',
                input.category,
                input.vatCents,
                input.invoiceToCoop,
              ),
            }
          : {
              ...common,
              invoiceToCoop: true,
              deductibleVatCents: deductibleVat('supplier_invoice', input.category, input.vatCents, true),
              supplierSiren: input.supplierSiren ?? null,
              supplierInvoiceNumber: input.supplierInvoiceNumber,
              dueDate: input.dueDate,
              supplierIban: input.supplierIban,
              supplierBic: input.supplierBic ?? null,
            };
    }
    const { id } = await store.insertExpense(trx, row);
    if (receipt) await saveReceipt(trx, ctx.actor, id, receipt);
    await recordAudit(
      trx,
      ctx,
      'expense.create',
      { type: 'expense', id },
      diff(null, {
        reference,
        kind: input.kind,
        amountInclVatCents: row.amountInclVatCents,
        receipt: receipt?.sha256 ?? null,
      }),
    );
    return id;
  });
  return reload(ctx, id);
}

export async function attachReceipt(ctx: Ctx, id: string, upload: ReceiptUpload) {
  const e = await requireExpense(ctx, id, 'expense.write');
  mustBe(e, 'draft', 'rejected');
  const receipt = readReceipt(upload, '');
  await transact(ctx.db, async (trx) => {
    const locked = await store.lockExpense(trx, id);
    mustBe(locked as { status: string }, 'draft', 'rejected');
    await saveReceipt(trx, ctx.actor, id, receipt);
    await recordAudit(trx, ctx, 'expense.receipt', { type: 'expense', id }, { sha256: receipt.sha256 });
  });
  return reload(ctx, id);
}

export async function getReceipt(ctx: Ctx, id: string) {
  await requireExpense(ctx, id);
  const r = await store.findReceipt(ctx.db, id);
  if (!r) throw notFound('Receipt');
  return r;
}

export async function deleteExpense(ctx: Ctx, id: string) {
  const e = await requireExpense(ctx, id, 'expense.write');
  mustBe(e, 'draft', 'rejected');
  await transact(ctx.db, async (trx) => {
    mustBe((await store.lockExpense(trx, id)) as { status: string }, 'draft', 'rejected');
    await store.deleteExpense(trx, id);
    await recordAudit(trx, ctx, 'expense.delete', { type: 'expense', id }, { reference: e.reference });
  });
}

export async function submitExpense(ctx: Ctx, id: string) {
  const e = await requireExpense(ctx, id, 'expense.write');
  mustBe(e, 'draft', 'rejected');
  // Mileage is the only expense without a receipt of its own.
  if (e.kind !== 'mileage' && !e.receiptContentType) throw refuse('expense.receipt_required', '/receipt');
  const now = ctx.clock().toISOString();
  await transact(ctx.db, async (trx) => {
    mustBe((await store.lockExpense(trx, id)) as { status: string }, 'draft', 'rejected');
    const patch: Parameters<typeof store.updateExpense>[2] = {
      status: 'submitted',
      submittedAt: now,
      updatedAt: now,
      decidedAt: null,
      decidedBy: null,
    };
    if (e.kind === 'mileage') {
      // One submission at a time per member: the year's distance so far cannot change under us.
      await store.lockMember(trx, e.memberId as string);
      const v = {
        vehicleKind: e.vehicleKind as 'car',
        fiscalCv: e.fiscalCv as number,
        electric: e.electric as boolean,
      };
      const { kmBefore, amountCents } = await priceTrip(
        trx,
        e.memberId as string,
        e.expenseDate,
        v,
        e.distanceKm as number,
        id,
      );
      Object.assign(patch, {
        kmBefore,
        amountExclVatCents: amountCents,
        amountInclVatCents: amountCents,
      });
    }
    await store.updateExpense(trx, id, patch);
    await recordAudit(trx, ctx, 'expense.submit', { type: 'expense', id }, { reference: e.reference });
  });
  return reload(ctx, id);
}

export async function approveExpense(
  ctx: Ctx,
  id: string,
  input: { comment: string },
  claim: IdempotencyClaim | null = null,
) {
  const e = await requireExpense(ctx, id, 'expense.decide');
  mustBe(e, 'submitted');
  const now = ctx.clock();
  return transact(ctx.db, async (trx) => {
    mustBe((await store.lockExpense(trx, id)) as { status: string }, 'submitted');
    const category = findExpenseCategory(e.category);
    if (!category) throw refuse('expense.unknown_category', '/category');
    const supplierAuxiliaryId =
      e.kind === 'supplier_invoice'
        ? await supplierAuxiliaryIn(trx, e.entityId, {
            code: supplierCode(e.supplierName as string, e.supplierSiren),
            label: e.supplierName as string,
          })
        : null;
    const entry = expenseEntry(
      {
        kind: e.kind,
        reference: e.reference,
        activityId: e.activityId,
        expenseDate: e.expenseDate,
        category: e.category,
        label: e.label,
        supplierName: e.supplierName,
        supplierInvoiceNumber: e.supplierInvoiceNumber,
        amountExclVatCents: e.amountExclVatCents,
        vatCents: e.vatCents,
        amountInclVatCents: e.amountInclVatCents,
        deductibleVatCents: e.deductibleVatCents,
        memberId: e.memberId,
        supplierAuxiliaryId,
      },
      toIsoDate(now),
    );
    const posted = await postEntry(
      trx,
      ctx.actor,
      { entityId: e.entityId, ...entry, source: { type: 'expense', id } },
      { now },
    );
    await store.updateExpense(trx, id, {
      status: 'approved',
      decidedBy: ctx.actor.userId,
      decidedAt: now.toISOString(),
      decisionComment: input.comment,
      journalEntryId: posted.id,
      updatedAt: now.toISOString(),
    });
    await recordAudit(
      trx,
      ctx,
      'expense.approve',
      { type: 'expense', id },
      { reference: e.reference, entry: posted.reference, amountInclVatCents: e.amountInclVatCents },
    );
    const view = present((await store.findExpense(trx, id)) as store.ExpenseRow);
    await storeIdempotentAnswer(trx, claim, view);
    return view;
  });
}

export async function rejectExpense(ctx: Ctx, id: string, input: { comment: string }) {
  const e = await requireExpense(ctx, id, 'expense.decide');
  mustBe(e, 'submitted');
  const now = ctx.clock().toISOString();
  await transact(ctx.db, async (trx) => {
    mustBe((await store.lockExpense(trx, id)) as { status: string }, 'submitted');
    await store.updateExpense(trx, id, {
      status: 'rejected',
      decidedBy: ctx.actor.userId,
      decidedAt: now,
      decisionComment: input.comment,
      updatedAt: now,
    });
    await recordAudit(trx, ctx, 'expense.reject', { type: 'expense', id }, { comment: input.comment });
  });
  return reload(ctx, id);
}

// ——— Payouts ———

const allowPayouts = (ctx: Ctx) => {
  if (!can(ctx.actor, 'payout.manage')) throw notFound('Payouts');
};

const batchReference = (id: string) => `VIR-${id.slice(0, 8).toUpperCase()}`;

const payeeOf = (i: store.BatchItemRow) =>
  i.kind === 'supplier_invoice' ? (i.supplierName as string) : `${i.firstName} ${i.lastName}`;

async function presentBatch(db: Parameters<typeof store.findBatch>[0], id: string): Promise<PayoutView> {
  const b = await store.findBatch(db, id);
  if (!b) throw notFound('Payout batch');
  const items = await store.batchItems(db, id);
  return {
    id: b.id,
    entity: { id: b.entityId, code: b.entityCode },
    status: b.status,
    executionDate: b.executionDate,
    debtor: { name: b.debtorName, iban: b.debtorIban, bic: b.debtorBic },
    totalCents: b.totalCents,
    createdAt: b.createdAt,
    executedAt: b.executedAt,
    journalEntryId: b.journalEntryId,
    items: items.map((i) => ({
      expenseId: i.expenseId,
      reference: i.reference,
      kind: i.kind,
      payee: payeeOf(i),
      activityName: i.activityName,
      label: i.label,
      amountCents: i.amountCents,
    })),
  };
}

export async function listPayouts(ctx: Ctx, f: { entityId?: string | undefined }, p: ListParams) {
  allowPayouts(ctx);
  const { ids, total } = await store.listBatches(ctx.db, f, p);
  const items = [];
  for (const id of ids) items.push(await presentBatch(ctx.db, id));
  return pageOf(items, total, p);
}

export async function getPayout(ctx: Ctx, id: string) {
  allowPayouts(ctx);
  return presentBatch(ctx.db, id);
}

/** The account transfers left from last time, to fill in the next batch. */
export async function lastDebtor(ctx: Ctx, entityId: string) {
  allowPayouts(ctx);
  const d = await store.lastDebtor(ctx.db, entityId);
  return d ? { name: d.debtorName, iban: d.debtorIban, bic: d.debtorBic } : null;
}

export async function createPayout(ctx: Ctx, input: PayoutInput, claim: IdempotencyClaim | null = null) {
  allowPayouts(ctx);
  const entity = await store.entityName(ctx.db, input.entityId);
  if (!entity) throw refuse('payout.unknown_entity', '/entityId');
  const debtor =
    input.debtor ??
    (await store
      .lastDebtor(ctx.db, input.entityId)
      .then((d) => d && { name: d.debtorName, iban: d.debtorIban, bic: d.debtorBic }));
  if (!debtor) throw refuse('payout.debtor_required', '/debtor');
  const ids = [...new Set(input.expenseIds)];
  return transact(ctx.db, async (trx) => {
    const rows = await store.lockPayable(trx, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const issues = ids.flatMap((id, i) => {
      const r = byId.get(id);
      const code =
        !r || r.entityId !== input.entityId
          ? 'payout.not_payable'
          : r.status !== 'approved' || r.batchId
            ? 'payout.not_payable'
            : null;
      return code ? [{ pointer: `/expenseIds/${i}`, code, message: code }] : [];
    });
    if (issues.length) throw new DomainError('payout.not_payable', 'Not payable', { errors: issues });
    const total = rows.reduce((t, r) => t + r.amountInclVatCents, 0);
    const { id } = await store.insertBatch(trx, {
      entityId: input.entityId,
      debtorName: debtor.name,
      debtorIban: debtor.iban,
      debtorBic: debtor.bic,
      executionDate: input.executionDate,
      totalCents: total,
      createdBy: ctx.actor.userId,
    });
    await store
      .insertItems(
        trx,
        rows.map((r) => ({ batchId: id, expenseId: r.id, amountCents: r.amountInclVatCents })),
      )
      .catch((e: { code?: string }) => {
        // Another batch took one of them between our read and our write (payout_items_expense_key).
        if (e?.code === '23505') throw refuse('payout.not_payable', '/expenseIds');
        throw e;
      });
    // Members paid by transfer must have a valid IBAN on file now, not when the file is downloaded.
    for (const item of await store.batchItems(trx, id))
      if (item.kind !== 'supplier_invoice' && !item.ibanEncrypted)
        throw refuse('payout.missing_iban', `/expenseIds/${ids.indexOf(item.expenseId)}`);
    await recordAudit(
      trx,
      ctx,
      'payout.create',
      { type: 'payout_batch', id },
      { totalCents: total, items: ids.length },
    );
    const view = await presentBatch(trx, id);
    await storeIdempotentAnswer(trx, claim, view);
    return view;
  });
}

/** The pain.001.001.09 file of a batch: members' IBANs unsealed here only, suppliers' as entered. */
export async function payoutSepaFile(ctx: Ctx, id: string) {
  allowPayouts(ctx);
  const b = await store.findBatch(ctx.db, id);
  if (!b) throw notFound('Payout batch');
  const items = await store.batchItems(ctx.db, id);
  const xml = sepaCreditTransfers({
    messageId: batchReference(b.id),
    createdAt: ctx.clock(),
    executionDate: b.executionDate,
    debtor: { name: b.debtorName, iban: b.debtorIban, bic: b.debtorBic },
    transfers: items.map((i) => ({
      endToEndId: i.reference,
      creditorName: payeeOf(i),
      creditorIban:
        i.kind === 'supplier_invoice'
          ? (i.supplierIban as string)
          : ctx.sealer.open(i.ibanEncrypted as string),
      creditorBic: i.kind === 'supplier_invoice' ? i.supplierBic : i.bic,
      amountCents: i.amountCents,
      remittance:
        i.kind === 'supplier_invoice'
          ? `Facture ${i.supplierInvoiceNumber} ${i.label}`
          : `Remboursement ${i.reference} ${i.label}`,
    })),
  });
  return { fileName: `virements-${b.entityCode}-${batchReference(b.id)}.xml`, xml };
}

/** The bank carried the transfers out: 467/401 against 512, each item paid; once per batch. */
export async function executePayout(ctx: Ctx, id: string, claim: IdempotencyClaim | null = null) {
  allowPayouts(ctx);
  const now = ctx.clock();
  return transact(ctx.db, async (trx) => {
    // Two "execute" at once: the second waits here, then finds the batch executed.
    const locked = await store.lockBatch(trx, id);
    if (!locked) throw notFound('Payout batch');
    if (locked.status !== 'open') throw refuse('payout.already_executed');
    const b = (await store.findBatch(trx, id)) as store.BatchRow;
    const items = await store.batchItems(trx, id);
    const supplierIds = new Map<string, string>();
    for (const i of items)
      if (i.kind === 'supplier_invoice')
        supplierIds.set(
          i.expenseId,
          await supplierAuxiliaryIn(trx, i.entityId, {
            code: supplierCode(i.supplierName as string, i.supplierSiren),
            label: i.supplierName as string,
          }),
        );
    const entry = payoutEntry(
      { reference: batchReference(b.id), executionDate: toIsoDate(now) },
      items.map((i) => ({
        kind: i.kind,
        reference: i.reference,
        activityId: i.activityId,
        amountCents: i.amountCents,
        memberId: i.memberId,
        supplierAuxiliaryId: supplierIds.get(i.expenseId) ?? null,
        payee: payeeOf(i),
      })),
    );
    const posted = await postEntry(
      trx,
      ctx.actor,
      { entityId: b.entityId, ...entry, source: { type: 'payout_batch', id } },
      { now },
    );
    await store.markBatchExecuted(trx, id, {
      executedBy: ctx.actor.userId,
      executedAt: now.toISOString(),
      journalEntryId: posted.id,
    });
    await store.markPaid(
      trx,
      items.map((i) => i.expenseId),
      now.toISOString(),
    );
    await recordAudit(
      trx,
      ctx,
      'payout.execute',
      { type: 'payout_batch', id },
      { entry: posted.reference, totalCents: b.totalCents },
    );
    const view = await presentBatch(trx, id);
    await storeIdempotentAnswer(trx, claim, view);
    return view;
  });
}
