// Working days in France: Monday to Friday, less the public holidays of C. trav. L3133-1 (Easter
// Monday, Ascension and Whit Monday move with Easter). The guarantee fund promises a covered salary
// within a number of working days: this is how that day is found.
import { addDays, type IsoDate } from '../dates.ts';

/** Easter Sunday of a Gregorian year (Meeus/Jones/Butcher). */
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

/** The eleven French public holidays of a year (C. trav. L3133-1). */
export function frenchHolidays(year: number): Set<string> {
  const easter = easterSunday(year);
  return new Set([
    `${year}-01-01`,
    addDays(easter, 1), // lundi de Pâques
    `${year}-05-01`,
    `${year}-05-08`,
    addDays(easter, 39), // Ascension
    addDays(easter, 50), // lundi de Pentecôte
    `${year}-07-14`,
    `${year}-08-15`,
    `${year}-11-01`,
    `${year}-11-11`,
    `${year}-12-25`,
  ]);
}

const weekday = (date: IsoDate) => new Date(`${date}T00:00:00Z`).getUTCDay();

export const isWorkingDay = (date: IsoDate): boolean => {
  const d = weekday(date);
  return d !== 0 && d !== 6 && !frenchHolidays(Number(date.slice(0, 4))).has(date);
};

/** The day `days` working days after `from` (0: `from` itself if it is a working day, else the next one). */
export function addWorkingDays(from: IsoDate, days: number): IsoDate {
  if (!Number.isSafeInteger(days) || days < 0) throw new RangeError(`Bad number of days: ${days}`);
  let date = from;
  while (!isWorkingDay(date)) date = addDays(date, 1);
  for (let left = days; left > 0; ) {
    date = addDays(date, 1);
    if (isWorkingDay(date)) left -= 1;
  }
  return date;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: IsoDate, to: IsoDate): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
