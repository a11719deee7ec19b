// Advances (avance de trésorerie) and internal equipment loans to an activity, in pure functions: the
// file fee, the repayment schedule exact to the cent, and what each collected amount repays when the
// activity repays from its revenue. No interest: the cooperative lends from its own treasury at cost,
// and the file fee (basis points of the amount, rounded half-up) pays for the file.

import { addDays } from '../dates.ts';
import { allocate, applyRate, type Cents } from '../money.ts';

export const advanceKinds = ['advance', 'loan'] as const;
export type AdvanceKind = (typeof advanceKinds)[number];
export const repaymentModes = ['schedule', 'revenue'] as const;
export type RepaymentMode = (typeof repaymentModes)[number];

export const advanceLimits = {
  minCents: 10_000,
  maxCents: 5_000_000,
  maxInstalments: 60,
  maxFileFeeBp: 1_000,
  /** A share of each collected amount (excl. VAT), between 1 % and 100 %. */
  minRevenueShareBp: 100,
  maxRevenueShareBp: 10_000,
} as const;

export const fileFeeCents = (amountCents: Cents, feeBp: number): Cents => applyRate(amountCents, feeBp);

/** The same day `months` later, or the month's last day when it has fewer days (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export type Instalment = { seq: number; dueOn: string; amountCents: Cents };

/**
 * Monthly instalments from `firstDueOn` that add up to the principal exactly: equal parts, the odd
 * cents on the first instalments.
 */
export function buildSchedule(principalCents: Cents, count: number, firstDueOn: string): Instalment[] {
  if (!Number.isSafeInteger(principalCents) || principalCents <= 0)
    throw new RangeError(`Bad principal: ${principalCents}`);
  if (!Number.isSafeInteger(count) || count < 1 || count > advanceLimits.maxInstalments)
    throw new RangeError(`Bad number of instalments: ${count}`);
  const amounts = allocate(
    principalCents,
    Array.from({ length: count }, () => 1),
  );
  // allocate puts odd cents by remainder then index: with equal weights, the first ones.
  return amounts.map((amountCents, i) => ({ seq: i + 1, dueOn: addMonths(firstDueOn, i), amountCents }));
}

/** What a collected amount (excl. VAT) repays: a share of it, never more than what is still owed. */
export const revenueDeduction = (collectedCents: Cents, shareBp: number, remainingCents: Cents): Cents =>
  collectedCents <= 0 || remainingCents <= 0
    ? 0
    : Math.min(remainingCents, applyRate(collectedCents, shareBp, 'half-up'));

/** The instalments due by `today` and not repaid yet, in order. */
export const dueInstalments = <T extends { dueOn: string; repaidOn: string | null }>(
  instalments: readonly T[],
  today: string,
): T[] => instalments.filter((i) => i.repaidOn === null && i.dueOn <= today);

/** The first due date a new schedule may take: the first of next month after `today`. */
export const defaultFirstDueOn = (today: string): string => {
  const next = addMonths(`${today.slice(0, 7)}-01`, 1);
  return next <= today ? addDays(today, 1) : next;
};
