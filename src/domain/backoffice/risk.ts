// Which activities an adviser should look at first: a negative available balance (the activity spent
// more than it collected), large or old overdue receivables, or no revenue for months. The rules are
// pure; the thresholds are parameters with defaults (schemas.ts) that a cockpit may tighten or loosen.
import { addDays, type IsoDate } from '../dates.ts';
import type { RiskReason, RiskThresholds } from './schemas.ts';

export type ActivityRiskInput = {
  /** When the activity was opened: an activity younger than the inactivity window is not inactive. */
  openedOn: IsoDate;
  balanceCents: number;
  /** Last day revenue was booked on the activity (class 7), if ever. */
  lastRevenueOn: IsoDate | null;
  overdue: { cents: number; invoiceCount: number; oldestDaysLate: number };
};

/** The same day `months` months later, clamped to the month's last day (31 January + 1 = 28/29 February). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Whole months from one day to another (0 if `to` is before `from`). */
export function wholeMonthsBetween(from: IsoDate, to: IsoDate): number {
  if (to <= from) return 0;
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  let n = (ty - fy) * 12 + (tm - fm);
  while (n > 0 && addMonths(from, n) > to) n--;
  return n;
}

/** The reasons an activity is at risk today, most pressing first; empty when it is not. */
export function assessRisk(a: ActivityRiskInput, t: RiskThresholds, today: IsoDate): RiskReason[] {
  const reasons: RiskReason[] = [];
  if (a.balanceCents < t.balanceBelowCents)
    reasons.push({ kind: 'negative_balance', balanceCents: a.balanceCents });
  if (a.overdue.cents > 0 && (a.overdue.cents >= t.overdueCents || a.overdue.oldestDaysLate >= t.overdueDays))
    reasons.push({
      kind: 'overdue_receivables',
      overdueCents: a.overdue.cents,
      invoiceCount: a.overdue.invoiceCount,
      oldestDaysLate: a.overdue.oldestDaysLate,
    });
  const since = a.lastRevenueOn ?? a.openedOn;
  if (addMonths(since, t.inactiveMonths) <= today)
    reasons.push({
      kind: 'inactive',
      lastRevenueOn: a.lastRevenueOn,
      months: wholeMonthsBetween(since, today),
    });
  return reasons;
}

/**
 * Order of the at-risk list: more reasons first, then the deepest negative balance, then the largest
 * overdue amount, then the longest inactivity; ties by name so the list is stable.
 */
export function compareRisk(
  a: { reasons: readonly RiskReason[]; balanceCents: number; overdueCents: number; name: string },
  b: { reasons: readonly RiskReason[]; balanceCents: number; overdueCents: number; name: string },
): number {
  const months = (x: typeof a) => {
    const r = x.reasons.find((r) => r.kind === 'inactive');
    return r && r.kind === 'inactive' ? r.months : 0;
  };
  return (
    b.reasons.length - a.reasons.length ||
    Math.min(a.balanceCents, 0) - Math.min(b.balanceCents, 0) ||
    b.overdueCents - a.overdueCents ||
    months(b) - months(a) ||
    a.name.localeCompare(b.name, 'fr')
  );
}

/** The first day of the inactivity window: revenue on or after it keeps an activity off the list. */
export const inactivityCutoff = (today: IsoDate, months: number): IsoDate =>
  addDays(addMonths(today, -months), 1);
