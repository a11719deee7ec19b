// What the sales API takes and gives: shared by the routes (validation, OpenAPI) and the web pages.
import { z } from 'zod';
import { isoDate } from '../ledger/schemas.ts';
import { issue } from '../messages.ts';
import { invoiceStatuses, paymentTerms, quoteStatuses } from './rules.ts';
import { quantityMilli } from './totals.ts';
import { vatCategoryKeys } from './vat.ts';

export const unitCodes = ['C62', 'HUR', 'DAY', 'MON', 'LS', 'KMT'] as const;
export const documentKinds = ['quote', 'invoice', 'deposit_invoice', 'credit_note'] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** 10 million euros: far above any invoice of a member, far below where cents stop being safe. */
const maxCents = 1_000_000_000;

export const salesLineInput = z
  .object({
    designation: z.string().trim().min(1).max(200),
    description: z.string().trim().max(1000).optional(),
    quantity: z
      .number()
      .positive()
      .max(1_000_000)
      .refine((q) => Math.abs(quantityMilli(q) - q * 1000) < 1e-6, {
        params: { code: 'invoice.quantity_decimals' },
        message: 'At most three decimals',
      }),
    unitCode: z.enum(unitCodes).default('C62'),
    unitPriceCents: z.number().int().min(0).max(maxCents),
    discountCents: z.number().int().min(0).max(maxCents).default(0),
    vatCategory: z.enum(vatCategoryKeys),
  })
  .superRefine((l, ctx) => {
    if (l.discountCents > Math.round((quantityMilli(l.quantity) * l.unitPriceCents) / 1000))
      ctx.addIssue(issue('invoice.discount_above_price', ['discountCents']));
  });
export type SalesLineInput = z.infer<typeof salesLineInput>;

const common = {
  clientId: z.uuid(),
  subject: z.string().trim().max(200).default(''),
  serviceDate: isoDate.nullish(),
  lastServiceDate: isoDate.nullish(),
  notes: z.string().trim().max(2000).default(''),
  paymentTerm: z.enum(paymentTerms).default('days'),
  /** With paymentTerm 'days': at most 60 (C. com. L441-10). */
  paymentDays: z.number().int().min(0).max(60).default(30),
  purchaseOrder: z.string().trim().max(60).nullish(),
  buyerReference: z.string().trim().max(60).nullish(),
  language: z.enum(['fr', 'en']).default('fr'),
  lines: z.array(salesLineInput).min(1).max(200),
};

const periodCheck = (
  d: { serviceDate?: string | null; lastServiceDate?: string | null },
  ctx: z.RefinementCtx,
) => {
  if (d.serviceDate && d.lastServiceDate && d.lastServiceDate < d.serviceDate)
    ctx.addIssue(issue('invoice.period_reversed', ['lastServiceDate']));
};

export const quoteInput = z
  .object({ activityId: z.uuid(), validUntil: isoDate, ...common })
  .superRefine(periodCheck);
export type QuoteInput = z.infer<typeof quoteInput>;

export const invoiceInput = z.object({ activityId: z.uuid(), ...common }).superRefine(periodCheck);
export type InvoiceInput = z.infer<typeof invoiceInput>;

/** A draft is replaced whole (the editor sends the full document). */
export const quoteUpdate = z.object({ validUntil: isoDate, ...common }).superRefine(periodCheck);
export type QuoteUpdate = z.infer<typeof quoteUpdate>;
export const invoiceUpdate = z.object(common).superRefine(periodCheck);
export type InvoiceUpdate = z.infer<typeof invoiceUpdate>;

export const convertInput = z
  .object({
    mode: z.enum(['whole', 'deposit', 'balance']),
    /** Deposit invoices only: share of the quote, in basis points (3000 = 30 %). */
    depositRateBp: z.number().int().min(1).max(9999).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.mode === 'deposit' && c.depositRateBp === undefined)
      ctx.addIssue(issue('invoice.deposit_rate_required', ['depositRateBp']));
  });
export type ConvertInput = z.infer<typeof convertInput>;

export const creditNoteInput = z.object({
  invoiceId: z.uuid(),
  reason: z.string().trim().min(1).max(200),
  /** Omitted: the credit note cancels all that remains of the invoice. */
  lines: z.array(salesLineInput).min(1).max(200).optional(),
});
export type CreditNoteInput = z.infer<typeof creditNoteInput>;

export const validationRequestInput = z.object({ comment: z.string().trim().max(1000).default('') });
export const validationDecisionInput = z.object({
  decision: z.enum(['approve', 'refuse']),
  comment: z.string().trim().max(1000).default(''),
});
export type ValidationDecision = z.infer<typeof validationDecisionInput>;

export const quoteDecisionInput = z.object({ decision: z.enum(['accepted', 'refused']) });

export const publicAcceptanceInput = z.object({
  name: z.string().trim().min(2).max(120),
  decision: z.enum(['accept', 'refuse']),
});
export type PublicAcceptance = z.infer<typeof publicAcceptanceInput>;

export const sendInput = z.object({
  /** Defaults to the client's e-mail. */
  to: z.email().max(254).optional(),
  message: z.string().trim().max(2000).default(''),
});
export type SendInput = z.infer<typeof sendInput>;

// ——— Views ———

const lineView = z.object({
  position: z.number().int(),
  designation: z.string(),
  description: z.string().optional(),
  quantity: z.number(),
  unitCode: z.string(),
  unitPriceCents: z.number().int(),
  discountCents: z.number().int(),
  netCents: z.number().int(),
  vatCategory: z.enum(vatCategoryKeys),
  vatRateBp: z.number().int(),
});

const vatGroupView = z.object({
  key: z.enum(vatCategoryKeys),
  code: z.string(),
  rateBp: z.number().int(),
  baseCents: z.number().int(),
  vatCents: z.number().int(),
  exemptionReason: z.string().optional(),
});

const eventView = z.object({
  at: z.string(),
  kind: z.string(),
  by: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});

export const salesDocumentSummary = z.object({
  id: z.uuid(),
  kind: z.enum(documentKinds),
  number: z.string().nullable(),
  status: z.enum([...new Set([...invoiceStatuses, ...quoteStatuses])] as [string, ...string[]]),
  activity: z.object({ id: z.uuid(), name: z.string() }),
  client: z.object({ id: z.uuid(), name: z.string() }),
  office: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  subject: z.string(),
  issueDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  validUntil: z.string().nullable(),
  totalExclVatCents: z.number().int(),
  totalVatCents: z.number().int(),
  totalInclVatCents: z.number().int(),
  createdAt: z.string(),
});
export type SalesDocumentSummary = z.infer<typeof salesDocumentSummary>;

export const salesDocumentView = salesDocumentSummary.extend({
  entity: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  serviceDate: z.string().nullable(),
  lastServiceDate: z.string().nullable(),
  notes: z.string(),
  paymentTerm: z.enum(paymentTerms),
  paymentDays: z.number().int(),
  purchaseOrder: z.string().nullable(),
  buyerReference: z.string().nullable(),
  language: z.enum(['fr', 'en']),
  lines: z.array(lineView),
  vatBreakdown: z.array(vatGroupView),
  prepaidCents: z.number().int(),
  dueCents: z.number().int(),
  depositRateBp: z.number().int().nullable(),
  /** The quote an invoice comes from; the invoice a credit note corrects. */
  quote: z.object({ id: z.uuid(), number: z.string().nullable() }).nullable(),
  invoice: z
    .object({ id: z.uuid(), number: z.string().nullable(), issueDate: z.string().nullable() })
    .nullable(),
  /** Invoices: what credit notes already cancelled (incl. VAT), and the documents derived from a quote or an invoice. */
  creditedCents: z.number().int(),
  related: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(documentKinds),
      number: z.string().nullable(),
      status: z.string(),
      totalInclVatCents: z.number().int(),
    }),
  ),
  journalEntryId: z.uuid().nullable(),
  acceptance: z
    .object({
      decision: z.enum(['accept', 'refuse']),
      name: z.string(),
      at: z.string(),
      ip: z.string().nullable(),
      via: z.string(),
    })
    .nullable(),
  validation: z
    .object({
      requestedAt: z.string(),
      requestedBy: z.string(),
      comment: z.string(),
      decision: z.enum(['approved', 'refused']).nullable(),
      decidedAt: z.string().nullable(),
      decidedBy: z.string().nullable(),
      decisionComment: z.string(),
    })
    .nullable(),
  events: z.array(eventView),
  /** What the signed-in person may do now. */
  actions: z.array(z.string()),
});
export type SalesDocumentView = z.infer<typeof salesDocumentView>;

export const salesTotals = z.object({
  count: z.number().int(),
  totalExclVatCents: z.number().int(),
  totalVatCents: z.number().int(),
  totalInclVatCents: z.number().int(),
});

export const publicQuoteView = z.object({
  number: z.string().nullable(),
  status: z.string(),
  seller: z.string(),
  client: z.string(),
  activity: z.string(),
  subject: z.string(),
  issueDate: z.string().nullable(),
  validUntil: z.string().nullable(),
  lines: z.array(lineView),
  vatBreakdown: z.array(vatGroupView),
  totalExclVatCents: z.number().int(),
  totalVatCents: z.number().int(),
  totalInclVatCents: z.number().int(),
  acceptance: z
    .object({ decision: z.enum(['accept', 'refuse']), name: z.string(), at: z.string() })
    .nullable(),
});
export type PublicQuoteView = z.infer<typeof publicQuoteView>;
