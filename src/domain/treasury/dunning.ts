// Dunning (relances): which reminder an overdue invoice is due, and what the client owes for paying
// late. Business clients owe penalties from the day after the due date at the rate printed on the
// invoice (C. com. L441-10 II) and the fixed 40 € recovery indemnity (D441-5), once per invoice;
// private persons owe neither unless a contract says so.
import { addDays, type IsoDate } from '../dates.ts';
import { DomainError } from '../errors.ts';
import { type BasisPoints, type Cents, divideRounded } from '../money.ts';

/** Days after the due date when reminders go: a friendly one, a firm one, then a formal notice. */
export const defaultDunningSteps: readonly number[] = [7, 30, 45];
export type ReminderTone = 'reminder' | 'firm' | 'formal_notice';

export const toneOf = (stepIndex: number, steps: readonly number[]): ReminderTone =>
  stepIndex === steps.length - 1 && steps.length > 1
    ? 'formal_notice'
    : stepIndex === 0
      ? 'reminder'
      : 'firm';

/** Validates a schedule typed by a person: 1 to 6 distinct increasing days between 1 and 365. */
export function checkSteps(steps: readonly number[]): number[] {
  const ok =
    steps.length >= 1 &&
    steps.length <= 6 &&
    steps.every((d, i) => Number.isInteger(d) && d >= 1 && d <= 365 && (i === 0 || d > (steps[i - 1] ?? 0)));
  if (!ok)
    throw new DomainError('dunning.invalid_steps', 'Steps are 1 to 6 increasing days between 1 and 365', {
      errors: [{ pointer: '/steps', code: 'dunning.invalid_steps', message: 'Invalid schedule' }],
    });
  return [...steps];
}

/** Whole days from the due date to today (0 when not late). */
export function daysLate(dueDate: IsoDate, today: IsoDate): number {
  const ms = Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dueDate}T00:00:00Z`);
  return Math.max(0, Math.floor(ms / 86_400_000));
}

export type CollectionState = {
  dueDate: IsoDate;
  outstandingCents: Cents;
  paused: boolean;
  inLitigation: boolean;
  /** Indexes of the steps already sent (or skipped). */
  sentSteps: readonly number[];
};

/**
 * The reminder to send today, if any: the latest step reached and not sent. Earlier steps reached
 * at the same time are not sent as well (one letter, the right tone); nothing for a paused invoice,
 * one in litigation, or one paid.
 */
export function reminderDue(s: CollectionState, steps: readonly number[], today: IsoDate): number | null {
  if (s.paused || s.inLitigation || s.outstandingCents <= 0) return null;
  const late = daysLate(s.dueDate, today);
  let due: number | null = null;
  steps.forEach((d, i) => {
    if (late >= d) due = i;
  });
  if (due === null) return null;
  const latestSent = Math.max(-1, ...s.sentSteps);
  return due > latestSent ? due : null;
}

/** Penalties on the amount still owed, per day late, at the annual rate: half-up to the cent. */
export const latePenaltyCents = (outstanding: Cents, rateBp: BasisPoints, days: number): Cents =>
  outstanding <= 0 || days <= 0 ? 0 : divideRounded(outstanding * rateBp * days, 10_000 * 365, 'half-up');

export function lateCharges(
  p: {
    outstandingCents: Cents;
    dueDate: IsoDate;
    business: boolean;
    rateBp: BasisPoints;
    indemnityCents: Cents;
  },
  today: IsoDate,
) {
  const days = daysLate(p.dueDate, today);
  if (!p.business || days === 0) return { daysLate: days, penaltyCents: 0, indemnityCents: 0 };
  return {
    daysLate: days,
    penaltyCents: latePenaltyCents(p.outstandingCents, p.rateBp, days),
    indemnityCents: p.indemnityCents,
  };
}

/** The day a step falls on, for the collection queue ("next reminder on …"). */
export const stepDate = (dueDate: IsoDate, days: number): IsoDate => addDays(dueDate, days);
