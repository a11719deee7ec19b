// What the expenses API takes and gives (expense claims, mileage, supplier invoices, payouts): shared
// by the routes (validation, OpenAPI) and the web forms.
import { z } from 'zod';
import { isValidSiren } from '../clients/company-ids.ts';
import { isoDate } from '../ledger/schemas.ts';
import { validateBic, validateIban } from '../members/bank.ts';
import { issue } from '../messages.ts';
import { findExpenseCategory } from './categories.ts';
import { receiptLimits } from './receipts.ts';

export const expenseKinds = ['receipt', 'mileage', 'supplier_invoice'] as const;
export type ExpenseKind = (typeof expenseKinds)[number];
export const expenseStatuses = ['draft', 'submitted', 'rejected', 'approved', 'paid'] as const;
export type ExpenseStatus = (typeof expenseStatuses)[number];

const maxCents = 100_000_000; // 1 000 000 €: above this, a claim is surely a typing error.
const cents = z.number().int().min(0).max(maxCents);

/** A receipt sent as base64 in JSON: its name is only kept for the download, never trusted for its type. */
export const receiptUpload = z.object({
  fileName: z.string().trim().min(1).max(120),
  contentBase64: z
    .string()
    .refine((v) => v.length <= Math.ceil((receiptLimits.maxBytes * 4) / 3) + 4, {
      params: { code: 'receipt.too_large' },
    })
    .refine((v) => /^[A-Za-z0-9+/]*={0,2}$/.test(v), { params: { code: 'receipt.unreadable' } }),
});
export type ReceiptUpload = z.infer<typeof receiptUpload>;

/** excl. VAT + VAT = incl. VAT, and a category a receipt may use. */
function checkAmounts(
  e: { category: string; amountExclVatCents: number; vatCents: number; amountInclVatCents: number },
  ctx: z.RefinementCtx,
) {
  const category = findExpenseCategory(e.category);
  if (!category || category.mileage) ctx.addIssue(issue('expense.unknown_category', ['category']));
  if (e.amountExclVatCents + e.vatCents !== e.amountInclVatCents)
    ctx.addIssue(issue('expense.amounts_inconsistent', ['amountInclVatCents']));
  if (e.amountInclVatCents <= 0) ctx.addIssue(issue('expense.amount_zero', ['amountInclVatCents']));
}

const common = {
  activityId: z.uuid(),
  expenseDate: isoDate,
  label: z.string().trim().min(1).max(200),
  receipt: receiptUpload.optional(),
};

const amounts = {
  category: z.string().max(30),
  amountExclVatCents: cents,
  vatCents: cents,
  amountInclVatCents: cents,
};

export const receiptExpenseInput = z
  .object({
    kind: z.literal('receipt'),
    ...common,
    ...amounts,
    supplierName: z.string().trim().min(1).max(120),
    /** Only an invoice made out to the cooperative (its name and VAT number) lets it deduct the VAT. */
    invoiceToCoop: z.boolean().default(false),
  })
  .superRefine(checkAmounts);

export const vehicleKinds = ['car', 'motorcycle'] as const;
export const vehicle = z.object({
  vehicleKind: z.enum(vehicleKinds),
  fiscalCv: z.number().int().min(1).max(50),
  electric: z.boolean().default(false),
});

export const mileageExpenseInput = z.object({
  kind: z.literal('mileage'),
  ...common,
  ...vehicle.shape,
  distanceKm: z.number().int().min(1).max(5000),
  tripFrom: z.string().trim().min(1).max(120),
  tripTo: z.string().trim().min(1).max(120),
});

const ibanField = z.string().transform((v, ctx) => {
  const r = validateIban(v);
  if (!r.ok) {
    ctx.addIssue(issue('iban.invalid'));
    return z.NEVER;
  }
  return r.iban;
});
const bicField = z.string().transform((v, ctx) => {
  const r = validateBic(v);
  if (!r.ok) {
    ctx.addIssue(issue('bic.invalid'));
    return z.NEVER;
  }
  return r.bic;
});

export const supplierInvoiceInput = z
  .object({
    kind: z.literal('supplier_invoice'),
    ...common,
    ...amounts,
    supplierName: z.string().trim().min(1).max(120),
    supplierSiren: z
      .string()
      .trim()
      .refine(isValidSiren, { params: { code: 'siren.invalid' } })
      .nullish(),
    supplierInvoiceNumber: z.string().trim().min(1).max(40),
    dueDate: isoDate,
    supplierIban: ibanField,
    supplierBic: bicField.nullish(),
  })
  .superRefine((e, ctx) => {
    checkAmounts(e, ctx);
    if (e.dueDate < e.expenseDate) ctx.addIssue(issue('expense.due_before_date', ['dueDate']));
  });

export const expenseInput = z.discriminatedUnion('kind', [
  receiptExpenseInput,
  mileageExpenseInput,
  supplierInvoiceInput,
]);
export type ExpenseInput = z.infer<typeof expenseInput>;

export const mileageEstimateInput = z.object({
  activityId: z.uuid(),
  expenseDate: isoDate,
  ...vehicle.shape,
  distanceKm: z.number().int().min(1).max(5000),
});
export const mileageEstimateView = z.object({
  kmBefore: z.number().int(),
  amountCents: z.number().int(),
  scaleSource: z.string(),
});

export const decisionInput = z.object({ comment: z.string().trim().max(1000).default('') });
export const rejectionInput = z.object({ comment: z.string().trim().min(1).max(1000) });

export const expenseView = z.object({
  id: z.string(),
  reference: z.string(),
  kind: z.enum(expenseKinds),
  status: z.enum(expenseStatuses),
  activity: z.object({ id: z.string(), name: z.string() }),
  entity: z.object({ id: z.string(), code: z.string() }),
  member: z.object({ id: z.string(), firstName: z.string(), lastName: z.string() }).nullable(),
  expenseDate: z.string(),
  category: z.string(),
  label: z.string(),
  supplierName: z.string().nullable(),
  amountExclVatCents: z.number().int(),
  vatCents: z.number().int(),
  amountInclVatCents: z.number().int(),
  invoiceToCoop: z.boolean(),
  deductibleVatCents: z.number().int(),
  mileage: z
    .object({
      vehicleKind: z.enum(vehicleKinds),
      fiscalCv: z.number().int(),
      electric: z.boolean(),
      distanceKm: z.number().int(),
      kmBefore: z.number().int().nullable(),
      tripFrom: z.string(),
      tripTo: z.string(),
    })
    .nullable(),
  supplierInvoice: z
    .object({
      siren: z.string().nullable(),
      number: z.string(),
      dueDate: z.string(),
      iban: z.string(),
      bic: z.string().nullable(),
    })
    .nullable(),
  receipt: z
    .object({ contentType: z.string(), fileName: z.string(), sizeBytes: z.number().int() })
    .nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionComment: z.string(),
  journalEntryId: z.string().nullable(),
  paidAt: z.string().nullable(),
  payoutBatchId: z.string().nullable(),
  createdAt: z.string(),
});
export type ExpenseView = z.infer<typeof expenseView>;

export const payoutInput = z.object({
  entityId: z.uuid(),
  expenseIds: z.array(z.uuid()).min(1).max(500),
  executionDate: isoDate,
  /** The account the transfers leave from; the entity's last one when left out. */
  debtor: z.object({ name: z.string().trim().min(1).max(70), iban: ibanField, bic: bicField }).optional(),
});
export type PayoutInput = z.infer<typeof payoutInput>;

export const payoutView = z.object({
  id: z.string(),
  entity: z.object({ id: z.string(), code: z.string() }),
  status: z.enum(['open', 'executed']),
  executionDate: z.string(),
  debtor: z.object({ name: z.string(), iban: z.string(), bic: z.string() }),
  totalCents: z.number().int(),
  createdAt: z.string(),
  executedAt: z.string().nullable(),
  journalEntryId: z.string().nullable(),
  items: z.array(
    z.object({
      expenseId: z.string(),
      reference: z.string(),
      kind: z.enum(expenseKinds),
      payee: z.string(),
      activityName: z.string(),
      label: z.string(),
      amountCents: z.number().int(),
    }),
  ),
});
export type PayoutView = z.infer<typeof payoutView>;
