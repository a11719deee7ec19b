import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { admits, audiencesFor, type MemberStatus } from './audience.ts';
import { buildCalendar, escapeText, foldLine } from './ics.ts';
import { maxOccurrences, occurrences } from './recurrence.ts';
import {
  bookingPrice,
  cancelsFree,
  eventFitProblems,
  monthBounds,
  occupancy,
  openMinutesInMonth,
  overlaps,
  type Slot,
  slotProblem,
  type WeekHours,
} from './spaces.ts';
import { instantOf, wallTimeOf } from './time.ts';
import { type LiveRegistration, placeFor, reconcile, waitlistPosition } from './waitlist.ts';

const at = (iso: string) => new Date(iso);

describe('office time (Europe/Paris)', () => {
  it('reads and builds local times on both sides of the daylight-saving changes', () => {
    expect(wallTimeOf(at('2026-03-28T17:00:00Z'))).toMatchObject({ day: 28, hour: 18, weekday: 5 });
    expect(wallTimeOf(at('2026-03-30T16:00:00Z'))).toMatchObject({ day: 30, hour: 18, weekday: 0 });
    expect(instantOf({ year: 2026, month: 3, day: 28, hour: 18, minute: 0 }).toISOString()).toBe(
      '2026-03-28T17:00:00.000Z',
    );
    expect(instantOf({ year: 2026, month: 3, day: 30, hour: 18, minute: 0 }).toISOString()).toBe(
      '2026-03-30T16:00:00.000Z',
    );
    // 02:30 on the spring change does not exist: it moves forward by the gap.
    expect(instantOf({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }).toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    // 02:30 on the autumn change happens twice: the first one.
    expect(instantOf({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }).toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });
  it('round-trips every instant on the minute', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_700_000_000, max: 1_900_000_000 }), (s) => {
        const d = new Date(Math.floor(s / 60) * 60_000);
        const w = wallTimeOf(d);
        const back = instantOf(w);
        expect(wallTimeOf(back)).toEqual(w);
      }),
    );
  });
});

describe('recurring sessions', () => {
  const first = { startsAt: at('2026-10-06T16:00:00Z'), endsAt: at('2026-10-06T18:00:00Z') }; // Tue 18:00 Paris
  it('keeps the local hour across the change to winter time, weekly until the end date included', () => {
    const got = occurrences(first, { frequency: 'weekly', until: '2026-11-03' });
    expect(got.map((o) => o.startsAt.toISOString())).toEqual([
      '2026-10-06T16:00:00.000Z',
      '2026-10-13T16:00:00.000Z',
      '2026-10-20T16:00:00.000Z',
      '2026-10-27T17:00:00.000Z',
      '2026-11-03T17:00:00.000Z',
    ]);
    expect(got.every((o) => o.endsAt.getTime() - o.startsAt.getTime() === 2 * 3_600_000)).toBe(true);
  });
  it('every two weeks', () => {
    expect(occurrences(first, { frequency: 'weekly', interval: 2, until: '2026-11-03' })).toHaveLength(3);
  });
  it('monthly on the 31st skips the months without one', () => {
    const jan31 = { startsAt: at('2027-01-31T09:00:00Z'), endsAt: at('2027-01-31T11:00:00Z') };
    const got = occurrences(jan31, { frequency: 'monthly', until: '2027-06-30' });
    expect(got.map((o) => o.startsAt.toISOString().slice(0, 10))).toEqual([
      '2027-01-31',
      '2027-03-31',
      '2027-05-31',
    ]);
  });
  it('a single session without a rule; never more than the cap; always the first', () => {
    expect(occurrences(first, null)).toEqual([first]);
    fc.assert(
      fc.property(
        fc.constantFrom('weekly' as const, 'monthly' as const),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 2000 }),
        (frequency, interval, days) => {
          const until = new Date(first.startsAt.getTime() + days * 86_400_000).toISOString().slice(0, 10);
          const got = occurrences(first, { frequency, interval, until });
          expect(got.length).toBeGreaterThanOrEqual(1);
          expect(got.length).toBeLessThanOrEqual(maxOccurrences);
          expect(got[0]).toEqual(first);
          for (const o of got) {
            expect(o.startsAt.toISOString().slice(0, 10) <= until).toBe(true);
            expect(wallTimeOf(o.startsAt)).toMatchObject({ hour: 18, minute: 0 });
          }
          for (let i = 1; i < got.length; i++)
            expect(got[i]!.startsAt.getTime()).toBeGreaterThan(got[i - 1]!.startsAt.getTime());
        },
      ),
    );
  });
});

describe('waiting list', () => {
  const now = at('2026-11-20T10:00:00Z');
  const reg = (id: string, seq: number, o: Partial<LiveRegistration> = {}): LiveRegistration => ({
    id,
    seq,
    status: 'registered',
    confirmed: true,
    expiresAt: null,
    ...o,
  });
  it('promotes the earliest confirmed waiting people into freed places', () => {
    const live = [
      reg('a', 1),
      reg('w1', 3, { status: 'waitlisted' }),
      reg('w2', 2, { status: 'waitlisted' }),
    ];
    expect(reconcile(2, live, now)).toEqual({ expire: [], promote: ['w2'], taken: 2 });
  });
  it('expires unconfirmed prospects after their delay and skips unconfirmed waiting ones', () => {
    const live = [
      reg('old', 1, { confirmed: false, expiresAt: '2026-11-20T09:59:59Z' }),
      reg('fresh', 2, { confirmed: false, expiresAt: '2026-11-21T09:00:00Z' }),
      reg('wait-unconfirmed', 3, {
        status: 'waitlisted',
        confirmed: false,
        expiresAt: '2026-11-21T09:00:00Z',
      }),
      reg('wait', 4, { status: 'waitlisted' }),
    ];
    expect(reconcile(2, live, now)).toEqual({ expire: ['old'], promote: ['wait'], taken: 2 });
    expect(waitlistPosition(live, 'wait')).toBe(2);
    expect(waitlistPosition(live, 'fresh')).toBeNull();
  });
  it('never holds more places than the capacity, and serves the waiting list in arrival order', () => {
    // A random run of arrivals, departures, confirmations and time passing, against the rules.
    const step = fc.oneof(
      fc.record({ op: fc.constant('arrive' as const), confirmed: fc.boolean() }),
      fc.record({ op: fc.constant('leave' as const), pick: fc.nat() }),
      fc.record({ op: fc.constant('confirm' as const), pick: fc.nat() }),
      fc.record({ op: fc.constant('wait' as const), hours: fc.integer({ min: 1, max: 30 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(step, { maxLength: 60 }), (capacity, steps) => {
        let clock = now.getTime();
        let seq = 0;
        let live: LiveRegistration[] = [];
        const apply = () => {
          const r = reconcile(capacity, live, new Date(clock));
          const promoted = r.promote;
          // Promotions follow arrival order among the confirmed waiting people.
          const confirmedWaiting = live
            .filter((x) => x.status === 'waitlisted' && x.confirmed && !r.expire.includes(x.id))
            .sort((a, b) => a.seq - b.seq)
            .map((x) => x.id);
          expect(promoted).toEqual(confirmedWaiting.slice(0, promoted.length));
          live = live
            .filter((x) => !r.expire.includes(x.id))
            .map((x) => (promoted.includes(x.id) ? { ...x, status: 'registered' as const } : x));
          expect(live.filter((x) => x.status === 'registered').length).toBe(r.taken);
          expect(r.taken).toBeLessThanOrEqual(capacity);
        };
        for (const s of steps) {
          if (s.op === 'arrive') {
            apply();
            const taken = live.filter((x) => x.status === 'registered').length;
            live.push({
              id: `r${++seq}`,
              seq,
              status: placeFor(capacity, taken),
              confirmed: s.confirmed,
              expiresAt: s.confirmed ? null : new Date(clock + 24 * 3_600_000).toISOString(),
            });
          } else if (s.op === 'leave' && live.length) live.splice(s.pick % live.length, 1);
          else if (s.op === 'confirm' && live.length) {
            const i = s.pick % live.length;
            live[i] = { ...live[i]!, confirmed: true, expiresAt: null };
          } else if (s.op === 'wait') clock += s.hours * 3_600_000;
          apply();
          // Nobody confirmed waits while a place is free.
          const taken = live.filter((x) => x.status === 'registered').length;
          if (taken < capacity)
            expect(live.some((x) => x.status === 'waitlisted' && x.confirmed)).toBe(false);
        }
      }),
    );
  });
});

describe('iCalendar', () => {
  const stamp = at('2026-11-20T10:00:00Z');
  const event = {
    uid: '7c9e6679-7425-40de-944b-e07fc1f90ae7@commune.test',
    startsAt: at('2026-12-01T17:00:00Z'),
    endsAt: at('2026-12-01T19:00:00Z'),
    summary: 'Atelier « Faire un devis juste » ; tarifs, TVA, acomptes',
    description:
      'Apportez un devis récent.\nNous le relirons ensemble, ligne par ligne; questions bienvenues. '.repeat(
        3,
      ),
    location: 'Salle de réunion, 5 rue Nationale, 59000 Lille',
    url: 'https://commune.test/evenements/7c9e6679',
  };
  const text = buildCalendar({ stamp, name: 'Commune — Léa', events: [event] });

  it('writes CRLF line ends, folds lines at 75 octets and escapes text', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n'))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(text).toContain('DTSTART:20261201T170000Z');
    expect(text).toContain('DTSTAMP:20261120T100000Z');
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
  });

  it('never cuts a UTF-8 character when folding', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => {
        const folded = foldLine(`SUMMARY:${s}`);
        for (const line of folded.split('\r\n')) {
          expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
          expect(line).not.toContain('\uFFFD');
        }
        expect(folded.split('\r\n ').join('')).toBe(`SUMMARY:${s}`);
      }),
    );
  });

  it('reads back the same event with an independent parser (ical.js)', () => {
    const component = new ICAL.Component(ICAL.parse(text));
    expect(component.getFirstPropertyValue('version')).toBe('2.0');
    const vevent = component.getFirstSubcomponent('vevent');
    if (!vevent) throw new Error('no VEVENT');
    const e = new ICAL.Event(vevent);
    expect(e.uid).toBe(event.uid);
    expect(e.summary).toBe(event.summary);
    expect(e.description).toBe(event.description);
    expect(e.location).toBe(event.location);
    expect(e.startDate.toJSDate().toISOString()).toBe(event.startsAt.toISOString());
    expect(e.endDate.toJSDate().toISOString()).toBe(event.endsAt.toISOString());
    expect(e.startDate.zone?.tzid).toBe('UTC');
    expect(String(vevent.getFirstPropertyValue('dtstamp'))).toBe('2026-11-20T10:00:00Z');
    expect(component.getFirstPropertyValue('x-wr-calname')).toBe('Commune — Léa');
  });
});

describe('spaces', () => {
  const weekdays: WeekHours = [
    { open: '08:30', close: '19:00' },
    { open: '08:30', close: '19:00' },
    { open: '08:30', close: '19:00' },
    { open: '08:30', close: '19:00' },
    { open: '08:30', close: '18:00' },
    null,
    null,
  ];
  const now = at('2026-11-20T10:00:00Z');
  const slot = (s: string, e: string): Slot => ({ startsAt: at(s), endsAt: at(e) });

  it('accepts a slot within the local opening hours and refuses the others with a reason', () => {
    // Monday 23 November 2026, Paris is UTC+1.
    expect(slotProblem(weekdays, slot('2026-11-23T07:30:00Z', '2026-11-23T09:00:00Z'), now)).toBeNull();
    expect(slotProblem(weekdays, slot('2026-11-23T07:00:00Z', '2026-11-23T09:00:00Z'), now)).toBe(
      'slot.closed',
    );
    expect(slotProblem(weekdays, slot('2026-11-23T17:00:00Z', '2026-11-23T18:30:00Z'), now)).toBe(
      'slot.closed',
    );
    expect(slotProblem(weekdays, slot('2026-11-28T09:00:00Z', '2026-11-28T10:00:00Z'), now)).toBe(
      'slot.closed',
    );
    expect(slotProblem(weekdays, slot('2026-11-23T09:15:00Z', '2026-11-23T10:00:00Z'), now)).toBe(
      'slot.grid',
    );
    expect(slotProblem(weekdays, slot('2026-11-23T10:00:00Z', '2026-11-23T10:00:00Z'), now)).toBe(
      'slot.order',
    );
    expect(slotProblem(weekdays, slot('2026-11-19T09:00:00Z', '2026-11-19T10:00:00Z'), now)).toBe(
      'slot.past',
    );
    // Friday closes at 18:00 local = 17:00 UTC.
    expect(slotProblem(weekdays, slot('2026-11-27T16:00:00Z', '2026-11-27T17:00:00Z'), now)).toBeNull();
    expect(slotProblem(weekdays, slot('2026-11-27T16:00:00Z', '2026-11-27T17:30:00Z'), now)).toBe(
      'slot.closed',
    );
  });

  it('an event fits a space within its hours on every session and within its capacity', () => {
    const room = { openingHours: weekdays, capacity: 12 };
    const evening = slot('2026-11-23T17:00:00Z', '2026-11-23T18:00:00Z');
    expect(eventFitProblems(room, { capacity: 12, sessions: [evening] })).toEqual([]);
    // 18:00 to 19:30 local on a Monday: past the 19:00 closing.
    const late = slot('2026-11-23T17:00:00Z', '2026-11-23T18:30:00Z');
    expect(eventFitProblems(room, { capacity: 15, sessions: [late] })).toEqual([
      'event.space_closed',
      'event.space_too_small',
    ]);
    // Not on the half-hour grid, unlike bookings: an event may start at 18:15.
    expect(
      eventFitProblems(room, {
        capacity: 8,
        sessions: [slot('2026-11-23T17:15:00Z', '2026-11-23T17:45:00Z')],
      }),
    ).toEqual([]);
    // One session of the series on a Saturday is enough to refuse.
    const saturday = slot('2026-11-28T10:00:00Z', '2026-11-28T11:00:00Z');
    expect(eventFitProblems(room, { capacity: 8, sessions: [evening, saturday] })).toEqual([
      'event.space_closed',
    ]);
    // Across midnight never fits, even a space open late.
    const night = slot('2026-11-23T22:30:00Z', '2026-11-23T23:30:00Z');
    const allDay: WeekHours = Array.from({ length: 7 }, () => ({ open: '00:00', close: '24:00' }));
    expect(
      eventFitProblems({ openingHours: allDay, capacity: 12 }, { capacity: 8, sessions: [night] }),
    ).toEqual(['event.space_closed']);
  });

  it("a session fits exactly when its local times lie within the day's opening, whatever the season", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 364 }),
        fc.integer({ min: 6 * 60, max: 22 * 60 }),
        fc.integer({ min: 15, max: 6 * 60 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        (dayOfYear, startMinute, length, capacity, spaceCapacity) => {
          const date = new Date(Date.UTC(2026, 0, 1 + dayOfYear));
          const local = {
            year: date.getUTCFullYear(),
            month: date.getUTCMonth() + 1,
            day: date.getUTCDate(),
          };
          const startsAt = instantOf({
            ...local,
            hour: Math.floor(startMinute / 60),
            minute: startMinute % 60,
          });
          const session = { startsAt, endsAt: new Date(startsAt.getTime() + length * 60_000) };
          const weekday = wallTimeOf(startsAt).weekday;
          const endMinute = startMinute + length;
          const open = weekdays[weekday];
          const fits =
            open !== null &&
            open !== undefined &&
            endMinute <= 24 * 60 &&
            startMinute >= Number(open.open.slice(0, 2)) * 60 + Number(open.open.slice(3)) &&
            endMinute <= Number(open.close.slice(0, 2)) * 60 + Number(open.close.slice(3));
          const problems = eventFitProblems(
            { openingHours: weekdays, capacity: spaceCapacity },
            { capacity, sessions: [session] },
          );
          expect(problems.includes('event.space_closed')).toBe(!fits);
          expect(problems.includes('event.space_too_small')).toBe(capacity > spaceCapacity);
        },
      ),
    );
  });

  it('overlap is half-open and symmetric', () => {
    const a = slot('2026-11-23T09:00:00Z', '2026-11-23T10:00:00Z');
    expect(overlaps(a, slot('2026-11-23T10:00:00Z', '2026-11-23T11:00:00Z'))).toBe(false);
    expect(overlaps(a, slot('2026-11-23T09:30:00Z', '2026-11-23T11:00:00Z'))).toBe(true);
    fc.assert(
      fc.property(
        fc.nat(100),
        fc.integer({ min: 1, max: 20 }),
        fc.nat(100),
        fc.integer({ min: 1, max: 20 }),
        (s1, l1, s2, l2) => {
          const mk = (s: number, l: number): Slot => ({
            startsAt: new Date(s * 1_800_000),
            endsAt: new Date((s + l) * 1_800_000),
          });
          const x = mk(s1, l1);
          const y = mk(s2, l2);
          expect(overlaps(x, y)).toBe(overlaps(y, x));
          // Two slots overlap exactly when they share a half-hour cell.
          const cells = (z: Slot) =>
            new Set(
              Array.from(
                { length: (z.endsAt.getTime() - z.startsAt.getTime()) / 1_800_000 },
                (_, i) => z.startsAt.getTime() + i * 1_800_000,
              ),
            );
          const cx = cells(x);
          expect(overlaps(x, y)).toBe([...cells(y)].some((c) => cx.has(c)));
        },
      ),
    );
  });

  it('prices pro rata of the minutes, half-up; cancels free until the delay', () => {
    expect(bookingPrice(1250, slot('2026-11-23T09:00:00Z', '2026-11-23T10:30:00Z'))).toBe(1875);
    expect(bookingPrice(999, slot('2026-11-23T09:00:00Z', '2026-11-23T09:30:00Z'))).toBe(500);
    expect(bookingPrice(null, slot('2026-11-23T09:00:00Z', '2026-11-23T10:30:00Z'))).toBe(0);
    // A day price caps the hours; alone, it is a day pass whatever the length.
    expect(bookingPrice(1500, slot('2026-11-23T08:00:00Z', '2026-11-23T13:00:00Z'), 6000)).toBe(6000);
    expect(bookingPrice(1500, slot('2026-11-23T08:00:00Z', '2026-11-23T10:00:00Z'), 6000)).toBe(3000);
    expect(bookingPrice(null, slot('2026-11-23T08:00:00Z', '2026-11-23T08:30:00Z'), 2000)).toBe(2000);
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: null }),
        fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: null }),
        fc.integer({ min: 1, max: 28 }),
        (hour, dayPrice, halfHours) => {
          const s = {
            startsAt: at('2026-11-23T07:00:00Z'),
            endsAt: new Date(Date.parse('2026-11-23T07:00:00Z') + halfHours * 1_800_000),
          };
          const p = bookingPrice(hour, s, dayPrice);
          expect(Number.isInteger(p)).toBe(true);
          if (dayPrice !== null) expect(p).toBeLessThanOrEqual(dayPrice);
          if (hour !== null) expect(p).toBeLessThanOrEqual(bookingPrice(hour, s));
          expect(p === 0).toBe(hour === null && dayPrice === null);
        },
      ),
    );
    expect(cancelsFree(at('2026-11-21T10:00:00Z'), now, 24)).toBe(true);
    expect(cancelsFree(at('2026-11-21T09:59:00Z'), now, 24)).toBe(false);
  });

  it('measures occupancy against the open minutes of the local month', () => {
    // November 2026: 21 weekdays of which 4 Fridays (9.5 h) and 17 others (10.5 h).
    expect(openMinutesInMonth(weekdays, 2026, 11)).toBe(17 * 630 + 4 * 570);
    const { from, to } = monthBounds('2026-11');
    expect(from.toISOString()).toBe('2026-10-31T23:00:00.000Z');
    expect(to.toISOString()).toBe('2026-11-30T23:00:00.000Z');
    const o = occupancy(
      [
        slot('2026-10-31T22:00:00Z', '2026-11-01T00:00:00Z'),
        slot('2026-11-23T09:00:00Z', '2026-11-23T11:00:00Z'),
      ],
      from,
      to,
      600,
    );
    expect(o).toEqual({ bookedMinutes: 180, openMinutes: 600, rateBp: 3000 });
  });
});

describe('audiences', () => {
  const statuses: MemberStatus[] = ['prospect', 'member', 'shareholder', 'exited'];
  it('keeps members’ events to the members of the cooperative; the others welcome anyone', () => {
    expect(statuses.filter((s) => admits('members', s))).toEqual(['member', 'shareholder']);
    for (const s of statuses) {
      expect(admits('prospects', s)).toBe(true);
      expect(admits('public', s)).toBe(true);
    }
    expect(audiencesFor('exited')).toEqual(['prospects', 'public']);
    expect(audiencesFor('shareholder')).toEqual(['members', 'prospects', 'public']);
  });
});
