// What the ledger API takes and gives: shared by the routes (validation, OpenAPI) and the web pages.
import { z } from 'zod';
import { isIsoDate } from '../dates.ts';
import { accountNumberPattern, auxiliaryKinds, journalCodePattern, journalKinds } from './chart.ts';
import { maxLineCents, maxLines } from './entry.ts';
import { movementCategories } from './statement.ts';

export const isoDate = z
  .string()
  .refine(isIsoDate, { params: { code: 'date.invalid' }, message: 'Invalid date' });
export const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const accountNumber = z.string().regex(accountNumberPattern);
const journalCode = z.string().regex(journalCodePattern);
const amount = z.number().int().min(0).max(maxLineCents).default(0);

/** A line as a person or a module writes it. The auxiliary account is named by what it stands for. */
export const lineInput = z.object({
  accountNumber,
  /** Client auxiliary account (411, 416, 4191): created on first use in the entity. */
  clientId: z.uuid().nullish(),
  /** Member auxiliary account (421, 425, 4286, 467): created on first use in the entity. */
  memberId: z.uuid().nullish(),
  /** Any existing auxiliary account of the entity (e.g. a supplier under 401). */
  auxiliaryAccountId: z.uuid().nullish(),
  /** The activity this line concerns (analytic axis; see the activity account). */
  activityId: z.uuid().nullish(),
  /** Defaults to the entry's label. */
  label: z.string().trim().max(200).nullish(),
  debitCents: amount,
  creditCents: amount,
});
export type LineInput = z.input<typeof lineInput>;

const entryFields = {
  entryDate: isoDate,
  label: z.string().trim().min(1).max(200),
  /** The supporting document's reference; defaults to the entry's own reference. */
  pieceRef: z.string().trim().min(1).max(60).nullish(),
  /** Defaults to the entry date. */
  pieceDate: isoDate.nullish(),
  lines: z.array(lineInput).max(maxLines),
};

/** A manual entry typed by an accountant (OD by default). Balance and the chart are checked by the ledger. */
export const manualEntryInput = z.object({
  entityId: z.uuid(),
  journalCode: journalCode.default('OD'),
  ...entryFields,
});
export type ManualEntryInput = z.infer<typeof manualEntryInput>;

/** What later modules hand to `postEntry`, inside their own transaction. */
export type EntryInput = {
  entityId: string;
  journalCode: string;
  entryDate: string;
  label: string;
  pieceRef?: string | null;
  pieceDate?: string | null;
  lines: readonly LineInput[];
  /** The document this entry records (`invoice`, `payslip`…), for tracing both ways. */
  source?: { type: string; id: string } | null;
};

export const reversalInput = z.object({
  /** Defaults to the original's date (give one in an open period when that one is locked). */
  entryDate: isoDate.nullish(),
  label: z.string().trim().min(1).max(200).nullish(),
});
export type ReversalInput = z.infer<typeof reversalInput>;

export const accountInput = z.object({
  number: accountNumber,
  label: z.string().trim().min(1).max(120),
  auxiliaryKind: z.enum(auxiliaryKinds).nullable().default(null),
});
export type AccountInput = z.infer<typeof accountInput>;

export const accountPatch = z.object({
  label: z.string().trim().min(1).max(120).optional(),
  auxiliaryKind: z.enum(auxiliaryKinds).nullable().optional(),
  active: z.boolean().optional(),
});
export type AccountPatch = z.infer<typeof accountPatch>;

export const accountView = z.object({
  id: z.string(),
  entityId: z.string(),
  number: z.string(),
  label: z.string(),
  auxiliaryKind: z.enum(auxiliaryKinds).nullable(),
  active: z.boolean(),
  /** Class 9: analytic allocations only. */
  analytic: z.boolean(),
  /** Lines were posted on it: its number and auxiliary kind can no longer change. */
  inUse: z.boolean(),
});
export type AccountView = z.infer<typeof accountView>;

export const auxiliaryInput = z.object({
  kind: z.literal('supplier'),
  /** F… for fournisseur: clients' codes are C000001…, members' their member number M000001…. */
  code: z.string().regex(/^F[A-Z0-9._-]{1,16}$/),
  label: z.string().trim().min(1).max(120),
});
export type AuxiliaryInput = z.infer<typeof auxiliaryInput>;

export const auxiliaryView = z.object({
  id: z.string(),
  entityId: z.string(),
  kind: z.enum(auxiliaryKinds),
  code: z.string(),
  label: z.string(),
  clientId: z.string().nullable(),
  memberId: z.string().nullable(),
});
export type AuxiliaryView = z.infer<typeof auxiliaryView>;

export const journalInput = z.object({
  code: journalCode,
  label: z.string().trim().min(1).max(80),
  kind: z.enum(journalKinds),
});
export type JournalInput = z.infer<typeof journalInput>;

export const journalView = z.object({
  id: z.string(),
  entityId: z.string(),
  code: z.string(),
  label: z.string(),
  kind: z.enum(journalKinds),
});
export type JournalView = z.infer<typeof journalView>;

export const fiscalYearInput = z
  .object({
    startDate: isoDate,
    endDate: isoDate,
    /** Defaults to the year of the closing date. */
    code: z
      .string()
      .regex(/^\d{4}[A-Z0-9-]{0,8}$/)
      .nullish(),
  })
  .refine((f) => f.startDate <= f.endDate, {
    params: { code: 'ledger.fiscal_year_invalid' },
    message: 'The year ends before it starts',
    path: ['endDate'],
  });
export type FiscalYearInput = z.infer<typeof fiscalYearInput>;

export const fiscalYearView = z.object({
  id: z.string(),
  entityId: z.string(),
  code: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  status: z.enum(['open', 'closed']),
  closedAt: z.string().nullable(),
  entryCount: z.number().int(),
});
export type FiscalYearView = z.infer<typeof fiscalYearView>;

export const lockView = z.object({
  entityId: z.string(),
  month: z.string(),
  lockedAt: z.string(),
  lockedBy: z.string(),
});
export type LockView = z.infer<typeof lockView>;

export const entryLineView = z.object({
  lineNo: z.number().int(),
  accountNumber: z.string(),
  accountLabel: z.string(),
  auxiliary: z
    .object({ id: z.string(), kind: z.enum(auxiliaryKinds), code: z.string(), label: z.string() })
    .nullable(),
  activity: z.object({ id: z.string(), name: z.string() }).nullable(),
  label: z.string(),
  debitCents: z.number().int(),
  creditCents: z.number().int(),
});

export const entryView = z.object({
  id: z.string(),
  entityId: z.string(),
  journal: z.object({ code: z.string(), label: z.string(), kind: z.enum(journalKinds) }),
  fiscalYear: z.object({ id: z.string(), code: z.string() }),
  number: z.number().int(),
  reference: z.string(),
  entryDate: z.string(),
  label: z.string(),
  pieceRef: z.string(),
  pieceDate: z.string(),
  reversesEntryId: z.string().nullable(),
  reversedByEntryId: z.string().nullable(),
  source: z.object({ type: z.string(), id: z.string() }).nullable(),
  postedAt: z.string(),
  postedBy: z.string(),
  totalCents: z.number().int(),
  lines: z.array(entryLineView),
});
export type EntryView = z.infer<typeof entryView>;

export const exportFormat = z.enum(['json', 'csv', 'xlsx']).default('json');
export type ExportFormat = z.infer<typeof exportFormat>;

/** A period: a fiscal year, or dates (both ends included), or everything when neither is given. */
export const periodQuery = z.object({
  fiscalYearId: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export const entryListQuery = periodQuery.extend({
  journalCode: journalCode.optional(),
  accountNumber: z
    .string()
    .regex(/^\d{1,10}$/)
    .optional(),
  activityId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(64).optional(),
});

export const trialBalanceView = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  rows: z.array(
    z.object({
      accountNumber: z.string(),
      accountLabel: z.string(),
      debitCents: z.number().int(),
      creditCents: z.number().int(),
      balanceDebitCents: z.number().int(),
      balanceCreditCents: z.number().int(),
    }),
  ),
  totals: z.object({
    debitCents: z.number().int(),
    creditCents: z.number().int(),
    balanceDebitCents: z.number().int(),
    balanceCreditCents: z.number().int(),
  }),
});
export type TrialBalanceView = z.infer<typeof trialBalanceView>;

export const generalLedgerQuery = periodQuery.extend({
  format: exportFormat,
  /** Account number or prefix (`6` for every expense account). */
  accountNumber: z
    .string()
    .regex(/^\d{1,10}$/)
    .optional(),
  /** Subtotals and running balances per auxiliary account inside each account. */
  byAuxiliary: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  cursor: z.string().max(64).optional(),
});

export const ledgerLineView = z.object({
  accountNumber: z.string(),
  accountLabel: z.string(),
  auxiliaryCode: z.string().nullable(),
  auxiliaryLabel: z.string().nullable(),
  entryId: z.string(),
  reference: z.string(),
  journalCode: z.string(),
  entryDate: z.string(),
  pieceRef: z.string(),
  label: z.string(),
  activityId: z.string().nullable(),
  activityName: z.string().nullable(),
  debitCents: z.number().int(),
  creditCents: z.number().int(),
  /** Debit − credit from the start of the period, per account (and auxiliary account when asked). */
  balanceCents: z.number().int(),
});
export type LedgerLineView = z.infer<typeof ledgerLineView>;

export const journalReportQuery = periodQuery.extend({
  format: exportFormat,
  journalCode: journalCode.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  cursor: z.string().max(64).optional(),
});

export const journalLineView = z.object({
  journalCode: z.string(),
  reference: z.string(),
  entryId: z.string(),
  entryDate: z.string(),
  entryLabel: z.string(),
  pieceRef: z.string(),
  lineNo: z.number().int(),
  accountNumber: z.string(),
  accountLabel: z.string(),
  auxiliaryCode: z.string().nullable(),
  label: z.string(),
  activityName: z.string().nullable(),
  debitCents: z.number().int(),
  creditCents: z.number().int(),
});
export type JournalLineView = z.infer<typeof journalLineView>;

export const statementFigures = z.object({
  invoicedCents: z.number().int(),
  collectedCents: z.number().int(),
  expensesCents: z.number().int(),
  salaryPaidCents: z.number().int(),
  feeCents: z.number().int(),
  coverCents: z.number().int(),
  transfersCents: z.number().int(),
  resultCents: z.number().int(),
  outstandingReceivablesCents: z.number().int(),
  availableBalanceCents: z.number().int(),
});

export const activityBalancesView = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  items: z.array(
    z.object({
      activity: z.object({ id: z.string(), name: z.string(), status: z.enum(['open', 'closed']) }),
      members: z.array(z.string()),
      figures: statementFigures,
    }),
  ),
  totals: statementFigures,
});
export type ActivityBalancesView = z.infer<typeof activityBalancesView>;

export const statementView = z.object({
  activity: z.object({
    id: z.string(),
    name: z.string(),
    entity: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  }),
  from: z.string().nullable(),
  to: z.string().nullable(),
  openingBalanceCents: z.number().int(),
  closingBalanceCents: z.number().int(),
  figures: statementFigures,
  movements: z.array(
    z.object({
      entryId: z.string(),
      reference: z.string(),
      journalCode: z.string(),
      entryDate: z.string(),
      label: z.string(),
      pieceRef: z.string(),
      category: z.enum(movementCategories),
      reversesEntryId: z.string().nullable(),
      amountCents: z.number().int(),
      balanceCents: z.number().int(),
      lines: z.array(
        z.object({
          accountNumber: z.string(),
          accountLabel: z.string(),
          label: z.string(),
          debitCents: z.number().int(),
          creditCents: z.number().int(),
        }),
      ),
    }),
  ),
  monthly: z.array(
    z.object({
      month: z.string(),
      inCents: z.number().int(),
      outCents: z.number().int(),
      balanceCents: z.number().int(),
    }),
  ),
});
export type StatementView = z.infer<typeof statementView>;
