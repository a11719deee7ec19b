// Recurring sessions ("every Tuesday until June", "the first Friday… the 14th of each month"):
// the occurrences of a weekly or monthly rule, at the same local time in the office's time zone.
// Monthly on the 31st skips the months without one (RFC 5545 BYMONTHDAY behaviour), never slides.
import type { IsoDate } from '../dates.ts';
import { daysInMonth, instantOf, officeTimeZone, wallTimeOf } from './time.ts';

export const recurrenceFrequencies = ['weekly', 'monthly'] as const;
export type RecurrenceRule = {
  frequency: (typeof recurrenceFrequencies)[number];
  /** Every `interval` weeks or months (1 by default). */
  interval?: number;
  /** Last local date an occurrence may start on (inclusive). */
  until: IsoDate;
};

/** A series may not generate more sessions than this (a year of weekly sessions). */
export const maxOccurrences = 53;

export type Occurrence = { startsAt: Date; endsAt: Date };

const isoOf = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/**
 * Every occurrence of the rule from the first session (included) to `until`, at most
 * `maxOccurrences`; each lasts as long as the first in local time.
 */
export function occurrences(
  first: Occurrence,
  rule: RecurrenceRule | null,
  timeZone = officeTimeZone,
): Occurrence[] {
  if (!rule) return [first];
  const interval = Math.max(1, Math.trunc(rule.interval ?? 1));
  const start = wallTimeOf(first.startsAt, timeZone);
  const durationMs = first.endsAt.getTime() - first.startsAt.getTime();
  const out: Occurrence[] = [];
  for (let k = 0; out.length < maxOccurrences; k++) {
    let y = start.year;
    let m = start.month;
    let d = start.day;
    if (rule.frequency === 'weekly') {
      const day = new Date(Date.UTC(start.year, start.month - 1, start.day + 7 * interval * k));
      y = day.getUTCFullYear();
      m = day.getUTCMonth() + 1;
      d = day.getUTCDate();
    } else {
      const months = start.month - 1 + interval * k;
      y = start.year + Math.floor(months / 12);
      m = (months % 12) + 1;
      if (start.day > daysInMonth(y, m)) {
        if (isoOf(y, m, 1) > rule.until) break;
        continue;
      }
    }
    if (isoOf(y, m, d) > rule.until) break;
    const startsAt = instantOf(
      { year: y, month: m, day: d, hour: start.hour, minute: start.minute },
      timeZone,
    );
    out.push({ startsAt, endsAt: new Date(startsAt.getTime() + durationMs) });
  }
  return out;
}
