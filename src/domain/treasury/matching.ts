// Which open invoices a bank statement line pays, with a confidence the accountant confirms in one
// click. Strongest evidence first: the invoice number quoted in the remittance, then the end-to-end
// id the client echoed, then the amount with the client's name, then the amount alone.
import type { IsoDate } from '../dates.ts';
import type { Cents } from '../money.ts';
import type { StatementLine } from './statements.ts';

export type OpenInvoice = {
  id: string;
  number: string;
  clientName: string;
  issueDate: IsoDate;
  /** What the client still owes on it (incl. VAT). */
  outstandingCents: Cents;
  /** The end-to-end id or structured reference the client was asked to quote, if any. */
  paymentReference?: string;
};

export type MatchReason = 'invoice_number' | 'end_to_end_id' | 'amount_and_name' | 'amount_only';

export type MatchCandidate = {
  reason: MatchReason;
  /** 0–100: 90 and above is safe to confirm in bulk; below 60, look before confirming. */
  confidence: number;
  /** How the line's amount is spread over the invoices; what is left over is client credit. */
  allocations: { invoiceId: string; amountCents: Cents }[];
  unallocatedCents: Cents;
};

const alnum = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');

const legalForms = new Set([
  'SA',
  'SAS',
  'SASU',
  'SARL',
  'EURL',
  'SCOP',
  'SCIC',
  'SNC',
  'ASSOCIATION',
  'ASSO',
  'STE',
  'SOCIETE',
  'CIE',
  'ET',
  'LES',
  'DES',
  'DU',
  'DE',
  'LA',
  'LE',
]);

/** Words of a name, without accents, legal forms and short words. */
export const nameWords = (name: string): Set<string> =>
  new Set(
    name
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toUpperCase()
      .split(/[^A-Z0-9]+/)
      .filter((w) => w.length >= 3 && !legalForms.has(w)),
  );

/** Share of the shorter name's words found in the other (0–1). */
export function nameSimilarity(a: string, b: string): number {
  const wa = nameWords(a);
  const wb = nameWords(b);
  if (wa.size === 0 || wb.size === 0) return 0;
  let common = 0;
  for (const w of wa) if (wb.has(w)) common += 1;
  return common / Math.min(wa.size, wb.size);
}

/** Spreads an amount over invoices in the given order, each up to what it still owes. */
export function allocatePayment(amount: Cents, invoices: readonly OpenInvoice[]) {
  let left = amount;
  const allocations: MatchCandidate['allocations'] = [];
  for (const inv of invoices) {
    if (left <= 0) break;
    const part = Math.min(left, Math.max(0, inv.outstandingCents));
    if (part > 0) allocations.push({ invoiceId: inv.id, amountCents: part });
    left -= part;
  }
  return { allocations, unallocatedCents: left };
}

const candidate = (
  reason: MatchReason,
  confidence: number,
  amount: Cents,
  invoices: readonly OpenInvoice[],
): MatchCandidate => ({
  reason,
  confidence,
  ...allocatePayment(amount, invoices),
});

/**
 * Open invoices indexed once for a whole statement, so that matching a line costs about the same
 * whatever the number of invoices: by number (as its letters and digits), by payment reference, and
 * by amount owed.
 */
export type MatchIndex = {
  byNumber: Map<string, OpenInvoice>;
  byReference: Map<string, OpenInvoice>;
  byAmount: Map<number, OpenInvoice[]>;
};

export function buildMatchIndex(open: readonly OpenInvoice[]): MatchIndex {
  const index: MatchIndex = { byNumber: new Map(), byReference: new Map(), byAmount: new Map() };
  for (const i of open) {
    if (i.outstandingCents <= 0) continue;
    const n = alnum(i.number);
    if (n.length >= 4) index.byNumber.set(n, i);
    const ref = alnum(i.paymentReference ?? '');
    if (ref.length >= 4) index.byReference.set(ref, i);
    const same = index.byAmount.get(i.outstandingCents);
    if (same) same.push(i);
    else index.byAmount.set(i.outstandingCents, [i]);
  }
  return index;
}

/** Every run of 1 to 4 consecutive words of a text, glued ("FA 2026 000042" → FA2026000042). */
function* phrases(text: string): Generator<string> {
  const words = text
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    let glued = '';
    for (let j = i; j < Math.min(words.length, i + 4); j++) {
      glued += words[j];
      yield glued;
    }
  }
}

const byAge = (a: OpenInvoice, b: OpenInvoice) =>
  a.issueDate.localeCompare(b.issueDate) || a.number.localeCompare(b.number);

export function matchStatementLine(
  line: StatementLine,
  open: readonly OpenInvoice[] | MatchIndex,
): MatchCandidate[] {
  const index = Array.isArray(open) ? buildMatchIndex(open) : (open as MatchIndex);
  if (line.amountCents <= 0) return []; // money out is matched to payouts, not to invoices
  const amount = line.amountCents;
  const text = `${line.remittance ?? ''} ${line.label}`;
  const payer = line.counterpartyName ?? line.label;

  // 1. Invoice numbers quoted (oldest first, so a short payment settles the oldest).
  const quoted = new Map<string, OpenInvoice>();
  for (const p of phrases(text)) {
    const hit = index.byNumber.get(p);
    if (hit) quoted.set(hit.id, hit);
  }
  if (quoted.size > 0) {
    const list = [...quoted.values()].sort(byAge);
    const due = list.reduce((s, i) => s + i.outstandingCents, 0);
    return [candidate('invoice_number', amount === due ? 99 : amount < due ? 92 : 88, amount, list)];
  }

  // 2. The end-to-end id or structured reference the client was given.
  const byRef =
    index.byReference.get(alnum(line.endToEndId ?? '')) ??
    [...phrases(text)].map((p) => index.byReference.get(p)).find(Boolean);
  if (byRef) return [candidate('end_to_end_id', 95, amount, [byRef])];

  // 3. Same amount, and the payer's name looks like the client's.
  const sameAmount = index.byAmount.get(amount) ?? [];
  const named = sameAmount
    .map((i) => ({ i, score: nameSimilarity(payer, i.clientName) }))
    .filter((x) => x.score >= 0.5)
    .sort((a, b) => b.score - a.score || byAge(a.i, b.i));
  if (named.length > 0) {
    const ambiguous = named.length > 1;
    return named
      .slice(0, 5)
      .map(({ i, score }) =>
        candidate(
          'amount_and_name',
          Math.round((ambiguous ? 50 : 70) + (ambiguous ? 10 : 20) * score),
          amount,
          [i],
        ),
      );
  }

  // 4. The amount alone, only when a single invoice owes exactly that.
  if (sameAmount.length === 1 && sameAmount[0]) return [candidate('amount_only', 40, amount, sameAmount)];
  return [];
}
