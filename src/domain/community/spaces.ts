// Rules of the offices' spaces: opening hours, the slots a booking may take, what it costs, when a
// cancellation is free, and occupancy. Instants are Dates in UTC; hours are local to the office.
import { type Cents, divideRounded } from '../money.ts';
import { daysInMonth, instantOf, minuteOfDay, officeTimeZone, parseHhMm, wallTimeOf } from './time.ts';

export const spaceKinds = ['desk', 'meeting_room', 'studio', 'rehearsal_room'] as const;
export type SpaceKind = (typeof spaceKinds)[number];

/** One day's opening, local "HH:MM"; null: closed. */
export type DayHours = { open: string; close: string } | null;
/** Monday first. */
export type WeekHours = readonly DayHours[];

/** Bookings start and end on the half hour. */
export const slotMinutes = 30;
/** A booking lasts at most one opening day. */
export const maxBookingMinutes = 14 * 60;

export type Slot = { startsAt: Date; endsAt: Date };

/** Half-open intervals [start, end): a booking ending at 10:00 does not overlap one starting at 10:00. */
export const overlaps = (a: Slot, b: Slot): boolean =>
  a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();

export type SlotProblem = 'slot.order' | 'slot.grid' | 'slot.too_long' | 'slot.closed' | 'slot.past';

/** Why a slot cannot be booked, or null when it can (overlaps aside: the database refuses those). */
export function slotProblem(
  hours: WeekHours,
  slot: Slot,
  now: Date,
  timeZone = officeTimeZone,
): SlotProblem | null {
  const start = slot.startsAt.getTime();
  const end = slot.endsAt.getTime();
  if (!(end > start)) return 'slot.order';
  if (start % (slotMinutes * 60_000) !== 0 || end % (slotMinutes * 60_000) !== 0) return 'slot.grid';
  if (end - start > maxBookingMinutes * 60_000) return 'slot.too_long';
  if (start < now.getTime()) return 'slot.past';
  if (!withinOpeningHours(hours, slot, timeZone)) return 'slot.closed';
  return null;
}

/**
 * Whether a slot lies within one local day's opening: same day from start to end, the space open
 * that weekday, from its opening to its closing. Bookings and events in a space share this rule.
 */
export function withinOpeningHours(hours: WeekHours, slot: Slot, timeZone = officeTimeZone): boolean {
  const end = slot.endsAt.getTime();
  if (!(end > slot.startsAt.getTime())) return false;
  const from = wallTimeOf(slot.startsAt, timeZone);
  // The last instant inside the half-open slot: ending at 19:00 sharp fits a space closing at 19:00.
  const to = wallTimeOf(new Date(end - 1), timeZone);
  if (from.year !== to.year || from.month !== to.month || from.day !== to.day) return false;
  const day = hours[from.weekday];
  if (!day) return false;
  return minuteOfDay(from) >= parseHhMm(day.open) && minuteOfDay(to) + 1 <= parseHhMm(day.close);
}

export type EventFitProblem = 'event.space_closed' | 'event.space_too_small';

/**
 * Why an event does not fit the space it is placed in: a session (any of a series) outside the
 * space's opening hours, or more places than the space holds. Empty when it fits.
 */
export function eventFitProblems(
  space: { openingHours: WeekHours; capacity: number },
  event: { capacity: number; sessions: readonly Slot[] },
  timeZone = officeTimeZone,
): EventFitProblem[] {
  const problems: EventFitProblem[] = [];
  if (event.sessions.some((s) => !withinOpeningHours(space.openingHours, s, timeZone)))
    problems.push('event.space_closed');
  if (event.capacity > space.capacity) problems.push('event.space_too_small');
  return problems;
}

/**
 * Price of a booking: the hourly price pro rata of its minutes, rounded half-up to the cent, capped at
 * the day price when the space has one. With a day price only, any booking costs the day price (a
 * day pass: a booking never spans two days). Neither: free.
 */
export function bookingPrice(
  pricePerHourCents: Cents | null,
  slot: Slot,
  pricePerDayCents: Cents | null = null,
): Cents {
  const hourly = pricePerHourCents
    ? divideRounded(
        pricePerHourCents * ((slot.endsAt.getTime() - slot.startsAt.getTime()) / 60_000),
        60,
        'half-up',
      )
    : null;
  if (hourly === null) return pricePerDayCents ?? 0;
  return pricePerDayCents ? Math.min(hourly, pricePerDayCents) : hourly;
}

/** Whether booking the space costs something (and so must name the activity it is charged to). */
export const isPriced = (s: { pricePerHourCents: Cents | null; pricePerDayCents: Cents | null }): boolean =>
  s.pricePerHourCents !== null || s.pricePerDayCents !== null;

/** Free cancellation until `freeCancelHours` before the start; later, the booking stays charged. */
export const cancelsFree = (startsAt: Date, now: Date, freeCancelHours: number): boolean =>
  now.getTime() <= startsAt.getTime() - freeCancelHours * 3_600_000;

/** Minutes the space is open in a month (local days). */
export function openMinutesInMonth(hours: WeekHours, year: number, month: number, timeZone = officeTimeZone) {
  let total = 0;
  for (let d = 1; d <= daysInMonth(year, month); d++) {
    const noon = instantOf({ year, month, day: d, hour: 12, minute: 0 }, timeZone);
    const day = hours[wallTimeOf(noon, timeZone).weekday];
    if (day) total += Math.max(0, parseHhMm(day.close) - parseHhMm(day.open));
  }
  return total;
}

/** Booked minutes within [from, to) and the share of open time they fill, in basis points. */
export function occupancy(bookings: readonly Slot[], from: Date, to: Date, openMinutes: number) {
  const booked = bookings.reduce((sum, b) => {
    const s = Math.max(b.startsAt.getTime(), from.getTime());
    const e = Math.min(b.endsAt.getTime(), to.getTime());
    return sum + Math.max(0, e - s) / 60_000;
  }, 0);
  return {
    bookedMinutes: booked,
    openMinutes,
    rateBp: openMinutes > 0 ? Math.round((booked * 10_000) / openMinutes) : 0,
  };
}

/** The local month's bounds as instants. */
export function monthBounds(month: string, timeZone = officeTimeZone): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? { year: y + 1, month: 1 } : { year: y, month: m + 1 };
  return {
    from: instantOf({ year: y, month: m, day: 1, hour: 0, minute: 0 }, timeZone),
    to: instantOf({ ...next, day: 1, hour: 0, minute: 0 }, timeZone),
  };
}
