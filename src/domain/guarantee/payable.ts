// The day a covered salary must be paid by: the fund promised the member their salary within a set
// number of working days (the cover's payable_on). The payroll desk and the advisers' cockpit flag a
// salary not yet paid as that day comes near and once it has passed, so that it is paid in time by
// an extra run of its month (ADR 0016).
import { addDays, type IsoDate } from '../dates.ts';
import { isWorkingDay } from './working-days.ts';

/** A covered salary is due from this many working days before its payable-by day. */
export const dueWithinWorkingDays = 2;

/** `overdue`: the day has passed; `due`: it is within the next two working days (or today); `later`. */
export type PayableUrgency = 'overdue' | 'due' | 'later';

/** The last day that is within `days` working days after `today` (today itself not counted). */
export function dueUntil(today: IsoDate, days = dueWithinWorkingDays): IsoDate {
  let day = today;
  for (let left = days; left > 0; ) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) left -= 1;
  }
  return day;
}

export function payableUrgency(payableOn: IsoDate, today: IsoDate): PayableUrgency {
  if (payableOn < today) return 'overdue';
  return payableOn <= dueUntil(today) ? 'due' : 'later';
}

/** A request is still to be paid while the payroll team has not decided it or no run has paid it. */
export const awaitsPayment = (status: string): boolean => status === 'submitted' || status === 'validated';

/** The flag of a request: none when it is not covered or no longer waits for its pay. */
export const requestUrgency = (
  r: { payableOn: IsoDate | null; status: string },
  today: IsoDate,
): PayableUrgency | null =>
  r.payableOn && awaitsPayment(r.status) ? payableUrgency(r.payableOn, today) : null;

export type PayableSummary = {
  /** Covered requests still to pay. */
  coveredCount: number;
  /** Of those, the ones whose day is today or within the next two working days. */
  dueCount: number;
  /** Of those, the ones whose day has passed. */
  overdueCount: number;
  /** The earliest payable-by day among them (a past one when some are overdue). */
  nearestPayableOn: IsoDate | null;
};

/** What the cockpit says of the covered salaries still to pay: how many, how many due or late, the nearest day. */
export function summarizePayable(payableOn: readonly IsoDate[], today: IsoDate): PayableSummary {
  let dueCount = 0;
  let overdueCount = 0;
  let nearest: IsoDate | null = null;
  for (const day of payableOn) {
    const u = payableUrgency(day, today);
    if (u === 'overdue') overdueCount += 1;
    else if (u === 'due') dueCount += 1;
    if (nearest === null || day < nearest) nearest = day;
  }
  return { coveredCount: payableOn.length, dueCount, overdueCount, nearestPayableOn: nearest };
}
