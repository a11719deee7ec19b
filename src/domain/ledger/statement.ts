// The activity account (compte d'activité): every ledger line tagged with an activity, read as the
// money of that activity. Later modules post through the ledger and tag the lines of an activity with
// its id; this file is the one definition of what those lines mean to the member.
//
// What counts toward the AVAILABLE BALANCE — each line on these accounts moves it by credit − debit:
//   - class 7 (revenue, excl. VAT) and class 6 (expenses, salaries and social charges): the activity's result;
//   - class 9 (analytic allocations): the cooperative fee (961, a charge to the activity), guarantee-fund
//     cover (972, received), transfers between activities (969). The fee is an internal allocation,
//     not a second revenue entry: a balanced analytic entry (debit 961 on the activity, credit 971 on
//     the cooperative itself) that never reaches the general ledger's reports or the FEC;
//   - client receivables 411, 416, 418 (debit: not collected yet) and VAT awaiting collection 44580
//     (credit): together they take back the part of the revenue not yet collected, so an invoice is
//     available once paid. With VAT on collection (services, CGI art. 269-2-c) the invoice credits
//     44580 and the payment moves it to 44571, which makes this exact; VAT booked straight to 44571
//     would hold back the VAT too, erring on the safe side;
//   - staff advances 425: an advance paid to the member is spent until payroll deducts it.
// Everything else (VAT due to the State, payables 401/421/431/467, the bank itself) does not move the
// balance: the cost or the revenue was already counted when it arose.
// Opening entries (journal kind 'opening') are left out: the activity account runs across fiscal years.
//
// The FIGURES over a period: invoiced = net credit of class 7; collected = net credit of client accounts
// (411, 416) in entries that also touch a treasury account (class 5), VAT included; expenses = net debit
// of class 6 except payroll; salary paid = net debit of 64x, 631, 633 (gross pay, employer
// contributions, taxes on pay); fee = net debit of 961; cover = net credit of 972; transfers = net
// credit of 969; result = net credit of classes 6, 7 and 9. At the end of the period:
// outstanding receivables = net debit of 411, 416, 418 (VAT included); available balance as above.
import { accountClass, hasRole, type JournalKind } from './chart.ts';

export type StatementLineInput = {
  entryId: string;
  /** Posting order, to sort entries of the same day. */
  seq: number;
  reference: string;
  journalCode: string;
  journalKind: JournalKind;
  entryDate: string;
  entryLabel: string;
  pieceRef: string;
  reversesEntryId: string | null;
  /** Whether any line of the entry (tagged or not) is on a treasury account. */
  entryTouchesTreasury: boolean;
  accountNumber: string;
  accountLabel: string;
  label: string;
  debitCents: number;
  creditCents: number;
};

export const movementCategories = [
  'revenue',
  'collection',
  'fee',
  'expense',
  'salary',
  'advance',
  'cover',
  'transfer',
  'other',
] as const;
export type MovementCategory = (typeof movementCategories)[number];

/** Whether a line on this account moves the available balance. */
export const countsTowardBalance = (accountNumber: string): boolean => {
  const c = accountClass(accountNumber);
  return (
    c === 6 ||
    c === 7 ||
    c === 9 ||
    hasRole(accountNumber, 'receivable') ||
    hasRole(accountNumber, 'vatPending') ||
    hasRole(accountNumber, 'staffAdvance')
  );
};

/** How much a line moves the available balance (positive: more money for the activity). */
export const lineEffect = (l: { accountNumber: string; debitCents: number; creditCents: number }): number =>
  countsTowardBalance(l.accountNumber) ? l.creditCents - l.debitCents : 0;

const isPayroll = (n: string) => hasRole(n, 'payroll');

/** What a movement is, from the accounts of its lines on the activity (first rule that matches). */
export function categorize(
  lines: readonly { accountNumber: string }[],
  touchesTreasury: boolean,
): MovementCategory {
  const any = (test: (n: string) => boolean) => lines.some((l) => test(l.accountNumber));
  if (any((n) => hasRole(n, 'fee') || n.startsWith('971'))) return 'fee';
  if (any((n) => hasRole(n, 'cover') || n.startsWith('962'))) return 'cover';
  // Advances and loans from the cooperative (976) and their file fee (967): see ADR 0016.
  if (any((n) => hasRole(n, 'activityAdvance'))) return 'advance';
  if (any((n) => n.startsWith('967'))) return 'fee';
  if (any((n) => hasRole(n, 'analyticTransfer'))) return 'transfer';
  if (any((n) => accountClass(n) === 7)) return 'revenue';
  if (any(isPayroll)) return 'salary';
  if (any((n) => accountClass(n) === 6)) return 'expense';
  if (touchesTreasury && any((n) => hasRole(n, 'client'))) return 'collection';
  if (any((n) => hasRole(n, 'staffAdvance'))) return 'advance';
  return 'other';
}

export type StatementFigures = {
  invoicedCents: number;
  collectedCents: number;
  expensesCents: number;
  salaryPaidCents: number;
  feeCents: number;
  coverCents: number;
  transfersCents: number;
  resultCents: number;
  outstandingReceivablesCents: number;
  availableBalanceCents: number;
};

export const emptyFigures = (): StatementFigures => ({
  invoicedCents: 0,
  collectedCents: 0,
  expensesCents: 0,
  salaryPaidCents: 0,
  feeCents: 0,
  coverCents: 0,
  transfersCents: 0,
  resultCents: 0,
  outstandingReceivablesCents: 0,
  availableBalanceCents: 0,
});

export type Movement = {
  entryId: string;
  reference: string;
  journalCode: string;
  entryDate: string;
  label: string;
  pieceRef: string;
  category: MovementCategory;
  reversesEntryId: string | null;
  amountCents: number;
  balanceCents: number;
  lines: {
    accountNumber: string;
    accountLabel: string;
    label: string;
    debitCents: number;
    creditCents: number;
  }[];
};

export type MonthPoint = { month: string; inCents: number; outCents: number; balanceCents: number };

export type Statement = {
  openingBalanceCents: number;
  closingBalanceCents: number;
  figures: StatementFigures;
  movements: Movement[];
  monthly: MonthPoint[];
};

export type Period = { from?: string | null; to?: string | null };

const inPeriod = (date: string, p: Period) => (!p.from || date >= p.from) && (!p.to || date <= p.to);

const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/** Reads an activity's lines (any order) as its account over a period. */
export function buildStatement(input: readonly StatementLineInput[], period: Period = {}): Statement {
  const lines = input
    .filter((l) => l.journalKind !== 'opening' && (!period.to || l.entryDate <= period.to))
    .slice()
    .sort((a, b) => (a.entryDate === b.entryDate ? a.seq - b.seq : a.entryDate < b.entryDate ? -1 : 1));

  const figures = emptyFigures();
  let opening = 0;
  const movements: Movement[] = [];
  const byEntry = new Map<string, Movement>();
  for (const l of lines) {
    const effect = lineEffect(l);
    const net = l.creditCents - l.debitCents;
    const n = l.accountNumber;
    figures.availableBalanceCents += effect;
    if (hasRole(n, 'receivable')) figures.outstandingReceivablesCents -= net;
    if (!inPeriod(l.entryDate, period)) {
      opening += effect;
      continue;
    }
    const cls = accountClass(n);
    if (cls === 7) figures.invoicedCents += net;
    if (cls === 6 && isPayroll(n)) figures.salaryPaidCents -= net;
    else if (cls === 6) figures.expensesCents -= net;
    if (cls === 6 || cls === 7 || cls === 9) figures.resultCents += net;
    if (hasRole(n, 'fee')) figures.feeCents -= net;
    if (hasRole(n, 'cover')) figures.coverCents += net;
    if (hasRole(n, 'analyticTransfer')) figures.transfersCents += net;
    if (l.entryTouchesTreasury && hasRole(n, 'client')) figures.collectedCents += net;

    let m = byEntry.get(l.entryId);
    if (!m) {
      m = {
        entryId: l.entryId,
        reference: l.reference,
        journalCode: l.journalCode,
        entryDate: l.entryDate,
        label: l.entryLabel,
        pieceRef: l.pieceRef,
        category: 'other',
        reversesEntryId: l.reversesEntryId,
        amountCents: 0,
        balanceCents: 0,
        lines: [],
      };
      byEntry.set(l.entryId, m);
      movements.push(m);
    }
    m.amountCents += effect;
    m.lines.push({
      accountNumber: n,
      accountLabel: l.accountLabel,
      label: l.label,
      debitCents: l.debitCents,
      creditCents: l.creditCents,
    });
  }

  const touches = new Map(lines.map((l) => [l.entryId, l.entryTouchesTreasury]));
  let balance = opening;
  for (const m of movements) {
    m.category = categorize(m.lines, touches.get(m.entryId) ?? false);
    balance += m.amountCents;
    m.balanceCents = balance;
  }

  return {
    openingBalanceCents: opening,
    closingBalanceCents: balance,
    figures,
    movements,
    monthly: monthlySeries(movements, opening, period),
  };
}

/** Month by month: money in, money out, and the balance at the end of the month. */
function monthlySeries(movements: readonly Movement[], opening: number, period: Period): MonthPoint[] {
  const first = period.from?.slice(0, 7) ?? movements[0]?.entryDate.slice(0, 7);
  const last = period.to?.slice(0, 7) ?? movements.at(-1)?.entryDate.slice(0, 7);
  if (!first || !last || first > last) return [];
  const points: MonthPoint[] = [];
  let balance = opening;
  let i = 0;
  for (let month = first; month <= last; month = nextMonth(month)) {
    const point = { month, inCents: 0, outCents: 0, balanceCents: 0 };
    for (; i < movements.length && (movements[i] as Movement).entryDate.slice(0, 7) <= month; i++) {
      const amount = (movements[i] as Movement).amountCents;
      if (amount >= 0) point.inCents += amount;
      else point.outCents -= amount;
      balance += amount;
    }
    point.balanceCents = balance;
    points.push(point);
  }
  return points;
}
