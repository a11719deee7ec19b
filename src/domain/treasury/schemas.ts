// What the treasury API takes and gives: bank accounts, statement imports and lines, payments.
import { z } from 'zod';
import { isoDate } from '../ledger/schemas.ts';
import { validateBic, validateIban } from '../members/bank.ts';
import { issue } from '../messages.ts';

const maxCents = 1_000_000_000_00;
const cents = z.number().int().min(1).max(maxCents);

const iban = z
  .string()
  .trim()
  .min(1)
  .transform((v, ctx) => {
    const r = validateIban(v);
    if (r.ok) return r.iban;
    ctx.addIssue(issue('iban.invalid'));
    return z.NEVER;
  });
const bic = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const r = validateBic(v);
    if (r.ok) return r.bic;
    ctx.addIssue(issue('bic.invalid'));
    return z.NEVER;
  });

export const bankAccountInput = z.object({
  entityId: z.uuid(),
  label: z.string().trim().min(1).max(120),
  iban,
  bic: bic.nullish(),
  ledgerAccount: z
    .string()
    .regex(/^5[0-9]{2,7}$/)
    .default('512'),
  forInvoices: z.boolean().default(false),
});
export type BankAccountInput = z.infer<typeof bankAccountInput>;

export const bankAccountView = z.object({
  id: z.uuid(),
  entityId: z.uuid(),
  entityName: z.string(),
  label: z.string(),
  iban: z.string(),
  bic: z.string().nullable(),
  ledgerAccount: z.string(),
  forInvoices: z.boolean(),
  /** The bank's own closing balance on the last statement imported, and its date. */
  statementBalanceCents: z.number().int().nullable(),
  statementBalanceDate: z.string().nullable(),
  /** Debit − credit of the ledger account for this entity, to the same date (or today). */
  ledgerBalanceCents: z.number().int(),
  unmatchedCount: z.number().int(),
});
export type BankAccountView = z.infer<typeof bankAccountView>;

export const statementImportView = z.object({
  id: z.uuid(),
  format: z.enum(['camt053', 'ofx', 'csv']),
  fileName: z.string(),
  fromDate: z.string().nullable(),
  toDate: z.string().nullable(),
  lineCount: z.number().int(),
  newLineCount: z.number().int(),
  importedAt: z.string(),
  /** True when this very file had been imported before (nothing new was added). */
  alreadyImported: z.boolean(),
});
export type StatementImportView = z.infer<typeof statementImportView>;

export const lineStatus = z.enum(['unmatched', 'matched', 'ignored']);

export const matchSuggestion = z.object({
  reason: z.enum(['invoice_number', 'end_to_end_id', 'amount_and_name', 'amount_only']),
  confidence: z.number().int(),
  clientId: z.uuid(),
  clientName: z.string(),
  allocations: z.array(
    z.object({
      documentId: z.uuid(),
      number: z.string(),
      amountCents: z.number().int(),
      outstandingCents: z.number().int(),
    }),
  ),
  unallocatedCents: z.number().int(),
});
export type MatchSuggestion = z.infer<typeof matchSuggestion>;

export const statementLineView = z.object({
  id: z.uuid(),
  bookingDate: z.string(),
  valueDate: z.string().nullable(),
  amountCents: z.number().int(),
  label: z.string(),
  counterpartyName: z.string().nullable(),
  counterpartyIban: z.string().nullable(),
  remittance: z.string().nullable(),
  endToEndId: z.string().nullable(),
  status: lineStatus,
  paymentId: z.uuid().nullable(),
  suggestions: z.array(matchSuggestion),
});
export type StatementLineView = z.infer<typeof statementLineView>;

export const lineListQuery = z.object({ status: lineStatus.default('unmatched') });

export const allocationInput = z.object({ documentId: z.uuid(), amountCents: cents });

export const matchInput = z.object({
  clientId: z.uuid(),
  allocations: z.array(allocationInput).max(50).default([]),
});
export type MatchInput = z.infer<typeof matchInput>;

export const paymentMethods = ['transfer', 'cheque', 'card', 'cash', 'direct_debit'] as const;

export const paymentInput = z.object({
  bankAccountId: z.uuid(),
  clientId: z.uuid(),
  paymentDate: isoDate,
  amountCents: cents,
  method: z.enum(paymentMethods),
  reference: z.string().trim().max(140).default(''),
  allocations: z.array(allocationInput).max(50).default([]),
});
export type PaymentInput = z.infer<typeof paymentInput>;

export const paymentView = z.object({
  id: z.uuid(),
  entityId: z.uuid(),
  clientId: z.uuid(),
  clientName: z.string(),
  bankAccountId: z.uuid(),
  paymentDate: z.string(),
  amountCents: z.number().int(),
  method: z.enum(paymentMethods),
  reference: z.string(),
  unallocatedCents: z.number().int(),
  statementLineId: z.uuid().nullable(),
  journalEntryId: z.uuid(),
  allocations: z.array(
    z.object({
      documentId: z.uuid(),
      number: z.string(),
      amountCents: z.number().int(),
      vatCents: z.number().int(),
    }),
  ),
});
export type PaymentView = z.infer<typeof paymentView>;

export const openInvoiceView = z.object({
  documentId: z.uuid(),
  number: z.string(),
  clientId: z.uuid(),
  clientName: z.string(),
  activityId: z.uuid(),
  issueDate: z.string(),
  dueDate: z.string().nullable(),
  totalInclVatCents: z.number().int(),
  outstandingCents: z.number().int(),
});
export type OpenInvoiceView = z.infer<typeof openInvoiceView>;

export const collectionItemView = z.object({
  documentId: z.uuid(),
  entityName: z.string(),
  number: z.string(),
  clientId: z.uuid(),
  clientName: z.string(),
  clientEmail: z.string().nullable(),
  business: z.boolean(),
  activityId: z.uuid(),
  activityName: z.string(),
  issueDate: z.string(),
  dueDate: z.string(),
  outstandingCents: z.number().int(),
  daysLate: z.number().int(),
  /** Business clients: penalties at the invoice's rate to today, and the 40 € indemnity. */
  penaltyCents: z.number().int(),
  indemnityCents: z.number().int(),
  paused: z.boolean(),
  pauseReason: z.string(),
  litigationOn: z.string().nullable(),
  reminders: z.array(
    z.object({
      step: z.number().int(),
      tone: z.enum(['reminder', 'firm', 'formal_notice']),
      sentOn: z.string(),
      recipient: z.string(),
    }),
  ),
  nextReminderOn: z.string().nullable(),
});
export type CollectionItem = z.infer<typeof collectionItemView>;

export const pauseInput = z.object({ reason: z.string().trim().min(1).max(300) });

export const dunningPolicyInput = z.object({
  steps: z.array(z.number().int().min(1).max(365)).min(1).max(6),
  enabled: z.boolean().default(true),
});
export const dunningPolicyView = z.object({
  entityId: z.uuid(),
  steps: z.array(z.number().int()),
  enabled: z.boolean(),
});
