// A journal entry before it is posted: the rules that make it acceptable in the books, whoever
// builds it (the manual OD screen, invoicing, payroll…), and the reversal that corrects a posted one.
// The database checks balance again (deferred constraint trigger); this is the first line of defence
// and the one that explains itself.
import type { ErrorCode } from '../errors.ts';
import { allocate, type Cents } from '../money.ts';
import { type AuxiliaryKind, isAnalyticAccount, type JournalKind } from './chart.ts';

/** Above this a line is refused: 500 lines of it still add up far below 2^53. */
export const maxLineCents = 10_000_000_000_000;
export const maxLines = 500;

export type LineAmounts = { debitCents: number; creditCents: number };

export type LineDraft = LineAmounts & {
  accountNumber: string;
  label?: string | null;
  activityId?: string | null;
};

export type EntryDraft = {
  entryDate: string;
  label: string;
  lines: readonly LineDraft[];
};

/** The ledger's refusal codes (listed with their messages in errors.ts and messages.ts). */
export type LedgerIssueCode = Extract<ErrorCode, `ledger.${string}`>;

export type EntryIssue = { pointer: string; code: LedgerIssueCode };

const lineIssue = (l: LineAmounts): LedgerIssueCode | null => {
  const { debitCents: d, creditCents: c } = l;
  if (!Number.isSafeInteger(d) || !Number.isSafeInteger(c)) return 'ledger.amount_not_cents';
  if (d < 0 || c < 0) return 'ledger.negative_amount';
  if (d > maxLineCents || c > maxLineCents) return 'ledger.amount_too_large';
  if (d > 0 && c > 0) return 'ledger.line_both_sides';
  if (d === 0 && c === 0) return 'ledger.line_zero';
  return null;
};

/**
 * The arithmetic rules of an entry: at least two lines, each a whole, positive number of cents on
 * exactly one side, and as much debit as credit. Returns every issue, with JSON pointers.
 */
export function checkEntryAmounts(lines: readonly LineAmounts[]): EntryIssue[] {
  const issues: EntryIssue[] = [];
  if (lines.length < 2) issues.push({ pointer: '/lines', code: 'ledger.too_few_lines' });
  if (lines.length > maxLines) issues.push({ pointer: '/lines', code: 'ledger.too_many_lines' });
  lines.forEach((l, i) => {
    const code = lineIssue(l);
    if (code) issues.push({ pointer: `/lines/${i}`, code });
  });
  if (issues.length === 0 && !isBalanced(lines))
    issues.push({ pointer: '/lines', code: 'ledger.unbalanced' });
  return issues;
}

export const totals = (lines: readonly LineAmounts[]) =>
  lines.reduce(
    (t, l) => ({ debitCents: t.debitCents + l.debitCents, creditCents: t.creditCents + l.creditCents }),
    { debitCents: 0, creditCents: 0 },
  );

export const isBalanced = (lines: readonly LineAmounts[]): boolean => {
  const t = totals(lines);
  return t.debitCents === t.creditCents;
};

/** What the chart says about an account, as the checks below need it. */
export type AccountFacts = { auxiliaryKind: AuxiliaryKind | null; active: boolean };

/**
 * The rules that need the chart: every account exists and is in use; a line names an auxiliary
 * account exactly when its account asks for one, of the right kind; class 9 (analytic) accounts
 * only in the analytic journal, and nothing else there.
 */
export function checkEntryAccounts(
  lines: readonly (LineDraft & { auxiliaryKind: AuxiliaryKind | null })[],
  accountOf: (number: string) => AccountFacts | undefined,
  journalKind: JournalKind,
): EntryIssue[] {
  const issues: EntryIssue[] = [];
  for (const [i, l] of lines.entries()) {
    const account = accountOf(l.accountNumber);
    const at = `/lines/${i}`;
    if (!account) {
      issues.push({ pointer: `${at}/accountNumber`, code: 'ledger.unknown_account' });
      continue;
    }
    if (!account.active) issues.push({ pointer: `${at}/accountNumber`, code: 'ledger.inactive_account' });
    if ((journalKind === 'analytic') !== isAnalyticAccount(l.accountNumber))
      issues.push({ pointer: `${at}/accountNumber`, code: 'ledger.analytic_mismatch' });
    if (account.auxiliaryKind && !l.auxiliaryKind)
      issues.push({ pointer: at, code: 'ledger.auxiliary_required' });
    else if (!account.auxiliaryKind && l.auxiliaryKind)
      issues.push({ pointer: at, code: 'ledger.auxiliary_not_allowed' });
    else if (account.auxiliaryKind && l.auxiliaryKind !== account.auxiliaryKind)
      issues.push({ pointer: at, code: 'ledger.auxiliary_mismatch' });
  }
  return issues;
}

/** The number people and the FEC read: `VE-2026-000042` (journal, fiscal year, number in both). */
export const entryReference = (journalCode: string, fiscalYearCode: string, number: number): string =>
  `${journalCode}-${fiscalYearCode}-${String(number).padStart(6, '0')}`;

export type PostedLine = LineDraft & { auxiliaryAccountId?: string | null; label: string };
export type PostedEntry = {
  id: string;
  reference: string;
  entryDate: string;
  label: string;
  lines: readonly PostedLine[];
};

export type ReversalDraft = {
  reversesEntryId: string;
  entryDate: string;
  label: string;
  lines: PostedLine[];
};

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * The entry that cancels a posted one: the same accounts, auxiliary accounts and activities with
 * debit and credit swapped, linked to the original (which can be reversed only once).
 */
export function reverseEntry(entry: PostedEntry, options: { entryDate?: string; label?: string } = {}) {
  return {
    reversesEntryId: entry.id,
    entryDate: options.entryDate ?? entry.entryDate,
    label: clip(options.label ?? `Extourne ${entry.reference} – ${entry.label}`, 200),
    lines: entry.lines.map((l) => ({
      ...l,
      // The FEC shows line labels only: say there too that this cancels another entry.
      label: clip(`Extourne ${entry.reference} – ${l.label}`, 200),
      debitCents: l.creditCents,
      creditCents: l.debitCents,
    })),
  } satisfies ReversalDraft;
}

/**
 * Lines that split one amount between activities in proportion to weights (e.g. a shared expense):
 * `allocate` hands out the odd cents, so the parts add up exactly to the amount.
 */
export function splitLine(
  line: Omit<LineDraft, 'activityId'>,
  shares: readonly { activityId: string | null; weight: number }[],
): LineDraft[] {
  const side = line.debitCents > 0 ? 'debitCents' : 'creditCents';
  const amount: Cents = line[side];
  const parts = allocate(
    amount,
    shares.map((s) => s.weight),
  );
  return shares
    .map((s, i) => ({
      ...line,
      activityId: s.activityId,
      debitCents: side === 'debitCents' ? (parts[i] as number) : 0,
      creditCents: side === 'creditCents' ? (parts[i] as number) : 0,
    }))
    .filter((l) => l.debitCents + l.creditCents > 0);
}
