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
  const from = wallTimeOf(slot.startsAt, timeZone);
  const to = wallTimeOf(new Date(end - 1), timeZone);
  if (from.year !== to.year || from.month !== to.month || from.day !== to.day) return 'slot.closed';
  const day = hours[from.weekday];
  if (!day) return 'slot.closed';
  const endMinute = minuteOfDay(to) + 1;
  if (minuteOfDay(from) < parseHhMm(day.open) || endMinute > parseHhMm(day.close)) return 'slot.closed';
  return null;
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
