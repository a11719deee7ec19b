// Wall-clock time of an office (Europe/Paris for every French office): recurring sessions keep their
// local hour across daylight-saving changes, opening hours are read in local time. Pure: the time
// zone database of Intl is data, not a clock.

export const officeTimeZone = 'Europe/Paris';

export type WallTime = { year: number; month: number; day: number; hour: number; minute: number };

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string) => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
};

/** The local date and time of an instant in a time zone. */
export function wallTimeOf(instant: Date, timeZone = officeTimeZone): WallTime & { weekday: number } {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    /** 0 = Monday … 6 = Sunday. */
    weekday: weekdays.indexOf(String(parts.weekday)),
  };
}

const asUtc = (w: WallTime) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);

/**
 * The instant at which the clocks of `timeZone` show this wall time. A time skipped by the spring
 * change moves forward by the gap; an hour repeated in autumn takes its first occurrence.
 */
export function instantOf(w: WallTime, timeZone = officeTimeZone): Date {
  const target = asUtc(w);
  const offsetAt = (t: number) => asUtc(wallTimeOf(new Date(t), timeZone)) - t;
  // The offsets in force a day before and a day after: a wall time maps to one of these instants.
  const before = target - offsetAt(target - 86_400_000);
  const after = target - offsetAt(target + 86_400_000);
  const showing = [Math.min(before, after), Math.max(before, after)].filter(
    (t) => asUtc(wallTimeOf(new Date(t), timeZone)) === target,
  );
  // None shows it: the clocks jumped over it, so it happens the gap later (the old offset still applied).
  return new Date(showing[0] ?? before);
}

/** Minutes since local midnight. */
export const minuteOfDay = (w: { hour: number; minute: number }) => w.hour * 60 + w.minute;

/** "08:30" → 510. */
export const parseHhMm = (text: string): number => {
  const [h, m] = text.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

export const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
