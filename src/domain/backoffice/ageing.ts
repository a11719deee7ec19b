// How long an item has waited in a validation queue, in working days: Monday to Friday, French
// public holidays excluded (C. trav. L3133-1: the eleven public holidays; Easter Monday, Ascension
// and Whit Monday move with Easter). Alsace-Moselle's two extra days are left out: the cooperative's
// offices count with the national calendar.
import { addDays, type IsoDate } from '../dates.ts';

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher"). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const holidayCache = new Map<number, ReadonlySet<string>>();

/** The French public holidays of a year (C. trav. L3133-1). */
export function frenchPublicHolidays(year: number): ReadonlySet<string> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const easter = easterSunday(year);
  const fixed = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'].map(
    (md) => `${year}-${md}`,
  );
  const days = new Set([...fixed, addDays(easter, 1), addDays(easter, 39), addDays(easter, 50)]);
  holidayCache.set(year, days);
  return days;
}

const weekday = (date: IsoDate) => new Date(`${date}T00:00:00Z`).getUTCDay();

export const isWorkingDay = (date: IsoDate): boolean => {
  const w = weekday(date);
  return w !== 0 && w !== 6 && !frenchPublicHolidays(Number(date.slice(0, 4))).has(date);
};

/**
 * Working days elapsed from `since` to `today`: the working days after `since` up to and including
 * `today`. Something that arrived this morning is 0 days old; on Friday, what arrived on Monday is 4.
 * A date in the future counts as 0.
 */
export function workingDaysBetween(since: IsoDate, today: IsoDate): number {
  if (since >= today) return 0;
  // Whole weeks hold five working days each, less their holidays; the remainder is walked.
  let count = 0;
  let day = since;
  const totalDays = Math.round(
    (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${since}T00:00:00Z`)) / 86_400_000,
  );
  const weeks = Math.floor(totalDays / 7);
  if (weeks > 0) {
    const end = addDays(since, weeks * 7);
    count += weeks * 5;
    for (let y = Number(since.slice(0, 4)); y <= Number(end.slice(0, 4)); y++)
      for (const h of frenchPublicHolidays(y)) if (h > since && h <= end && weekday(h) % 6 !== 0) count--;
    day = end;
  }
  while (day < today) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) count++;
  }
  return count;
}
