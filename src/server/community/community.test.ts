// Events and spaces through the API: staff create events and series; members register, wait and get
// promoted (e-mails with a calendar file, reminders queued the day before); prospects register from
// the public office page and confirm by the e-mailed link; spaces are booked without overlap, charged
// to the activity through the ledger, cancelled free or not; staff see attendance and occupancy.
import { readFile } from 'node:fs/promises';
import ICAL from 'ical.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { createFileMailer } from '../mail/mailer.ts';
import {
  anonymous,
  createTestApp,
  fixedNow,
  mailText,
  type Session,
  signInDemo,
  snapshot,
  type TestApp,
  testSecrets,
  testUrl,
} from '../testing.ts';
import { settleWaitingLists } from './service.ts';

let t: TestApp;
let lea: Session;
let karim: Session;
let chloe: Session;
let adviser: Session;
let parisAdviser: Session;
let lyonAdviser: Session;
let admin: Session;
let lille: string;
let paris: string;
let leaActivityId: string;

const communityTables = [
  'community_events',
  'community_event_registrations',
  'community_spaces',
  'community_space_bookings',
  'community_calendar_feeds',
  'outbox',
  'journal_entries',
  'journal_entry_lines',
  'audit_log',
];

beforeAll(async () => {
  t = await createTestApp({ seed: 'demo' });
  [lea, karim, chloe, adviser, parisAdviser, lyonAdviser, admin] = await signInDemo(
    t.app,
    'lea',
    'karim',
    'chloe',
    'adviser',
    'parisAdviser',
    'lyonAdviser',
    'admin',
  );
  const offices = (await admin.get('/api/v1/offices')).json().items as { id: string; code: string }[];
  lille = offices.find((o) => o.code === 'lille')!.id;
  paris = offices.find((o) => o.code === 'paris')!.id;
  leaActivityId = (await lea.get('/api/v1/home')).json().activities[0].id;
});

afterAll(async () => {
  await t?.close();
});

/** The decoded attachment of a caught e-mail with this content type. */
function attachment(raw: string, type: string): string | null {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  if (!boundary) return null;
  for (const part of raw.split(`--${boundary}`)) {
    const split = part.search(/\r?\n\r?\n/);
    const head = part.slice(0, split);
    if (!new RegExp(`content-type:\\s*${type}`, 'i').test(head)) continue;
    return mailText(part.replace(/^\r?\n/, ''));
  }
  return null;
}

/** Carries out every queued e-mail (the demo's reminders may be due too). */
const deliverAll = async () => {
  while ((await t.deliver()) > 0);
};

/** The readable text of a caught e-mail (its text part when it has attachments). */
const bodyOf = (raw: string) => attachment(raw, 'text/plain') ?? mailText(raw);

let day = 0;
/** A fresh event of the Lille office some days after the test clock (starting 18:00 Paris). */
async function lilleEvent(over: Record<string, unknown> = {}, by: Session = adviser) {
  day += 1;
  const start = new Date(Date.UTC(2026, 11, 1 + day, 17, 0));
  const res = await by.post('/api/v1/events', {
    officeId: lille,
    kind: 'workshop',
    title: `Faire un devis juste ${day}`,
    description: 'Tarifs, TVA, acomptes; conditions de paiement.',
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
    place: { kind: 'address', address: '5 rue Nationale, 59000 Lille' },
    capacity: 2,
    audience: 'members',
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().items[0] as { id: string; startsAt: string; title: string };
}

describe('events: staff', () => {
  it('advisers create events for their offices only; admins anywhere; members never', async () => {
    const body = {
      officeId: lille,
      kind: 'info_session',
      title: 'Découvrir la coopérative',
      startsAt: '2026-12-03T17:00:00Z',
      endsAt: '2026-12-03T18:30:00Z',
      place: { kind: 'online', url: 'https://visio.example.org/commune' },
      capacity: 20,
      audience: 'prospects',
    };
    const before = await snapshot(t.handle, communityTables);
    for (const s of [lea, karim, lyonAdviser, parisAdviser])
      expect((await s.post('/api/v1/events', body)).statusCode).toBe(403);
    expect(await snapshot(t.handle, communityTables)).toBe(before);
    expect((await admin.post('/api/v1/events', { ...body, officeId: paris })).statusCode).toBe(201);
    const created = await adviser.post('/api/v1/events', body);
    expect(created.statusCode).toBe(201);
    expect(created.json().items[0]).toMatchObject({
      officeCode: 'lille',
      placesLeft: 20,
      manageable: true,
      mine: null,
    });
    expect((await lea.get(`/api/v1/events/${created.json().items[0].id}`)).json().manageable).toBe(false);
  });

  it('refuses bad input with field pointers and changes nothing', async () => {
    const before = await snapshot(t.handle, communityTables);
    const res = await adviser.post(
      '/api/v1/events',
      {
        officeId: lille,
        kind: 'party',
        title: '',
        startsAt: '2026-12-03T19:00:00Z',
        endsAt: '2026-12-03T18:00:00Z',
        place: { kind: 'online', url: 'javascript:alert(1)' },
        capacity: 0,
        audience: 'members',
      },
      { 'accept-language': 'fr' },
    );
    expect(res.statusCode).toBe(400);
    const pointers = res
      .json()
      .errors.map((e: { pointer: string }) => e.pointer)
      .sort();
    expect(pointers).toEqual(expect.arrayContaining(['/capacity', '/kind', '/place/url', '/title']));
    const reversed = await adviser.post(
      '/api/v1/events',
      {
        officeId: lille,
        kind: 'workshop',
        title: 'x',
        startsAt: '2026-12-03T19:00:00Z',
        endsAt: '2026-12-03T18:00:00Z',
        place: { kind: 'address', address: 'Lille' },
        capacity: 3,
        audience: 'members',
      },
      { 'accept-language': 'fr' },
    );
    expect(reversed.json().errors).toEqual([
      { pointer: '/endsAt', code: 'event.ends_before_start', message: 'La fin doit suivre le début.' },
    ]);
    const past = await adviser.post('/api/v1/events', {
      officeId: lille,
      kind: 'workshop',
      title: 'x',
      startsAt: '2026-11-19T19:00:00Z',
      endsAt: '2026-11-19T20:00:00Z',
      place: { kind: 'address', address: 'Lille' },
      capacity: 3,
      audience: 'members',
    });
    expect(past.statusCode).toBe(409);
    expect(past.json().errors[0].code).toBe('event.past');
    expect(await snapshot(t.handle, communityTables)).toBe(before);
  });

  it('generates a weekly series at the same local hour until the end date', async () => {
    const res = await adviser.post('/api/v1/events', {
      officeId: lille,
      kind: 'info_session',
      title: 'Réunion d’information',
      startsAt: '2027-03-16T17:00:00Z', // Tuesday 18:00 in Lille (winter time)
      endsAt: '2027-03-16T18:30:00Z',
      place: { kind: 'address', address: '5 rue Nationale, 59000 Lille' },
      capacity: 15,
      audience: 'public',
      recurrence: { frequency: 'weekly', until: '2027-04-06' },
    });
    expect(res.statusCode).toBe(201);
    const items = res.json().items as { startsAt: string; seriesId: string }[];
    expect(items.map((e) => e.startsAt)).toEqual([
      '2027-03-16T17:00:00.000Z',
      '2027-03-23T17:00:00.000Z',
      '2027-03-30T16:00:00.000Z', // summer time: still 18:00 in Lille
      '2027-04-06T16:00:00.000Z',
    ]);
    expect(new Set(items.map((e) => e.seriesId)).size).toBe(1);
  });
});

describe('events: registration and the waiting list', () => {
  it('registers, waitlists when full, and promotes the first waiting person when someone leaves', async () => {
    const e = await lilleEvent();
    const first = await lea.put(`/api/v1/events/${e.id}/registration`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().mine).toMatchObject({ status: 'registered', waitlistPosition: null });
    expect((await karim.put(`/api/v1/events/${e.id}/registration`)).json().mine.status).toBe('registered');
    const waiting = await chloe.put(`/api/v1/events/${e.id}/registration`);
    expect(waiting.json()).toMatchObject({
      placesLeft: 0,
      registeredCount: 2,
      waitlistCount: 1,
      mine: { status: 'waitlisted', waitlistPosition: 1 },
    });
    // Twice is refused and changes nothing.
    const before = await snapshot(t.handle, communityTables);
    const again = await chloe.put(`/api/v1/events/${e.id}/registration`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code ?? again.json().errors?.[0]?.code ?? again.json().type).toBeTruthy();
    expect(await snapshot(t.handle, communityTables)).toBe(before);

    await deliverAll();
    const confirmation = t.mailbox.findLast(
      (m) => m.to === 'lea.martin@example.org' && m.raw.includes(e.title),
    );
    const ics = attachment(confirmation!.raw, 'text/calendar');
    const vevent = new ICAL.Component(ICAL.parse(ics!)).getFirstSubcomponent('vevent')!;
    const parsed = new ICAL.Event(vevent);
    expect(parsed.summary).toBe(e.title);
    expect(parsed.startDate.toJSDate().toISOString()).toBe(e.startsAt);
    expect(parsed.location).toBe('5 rue Nationale, 59000 Lille');
    expect(parsed.uid).toBe(`${e.id}@commune.test`);
    expect(bodyOf(t.mailbox.findLast((m) => m.to === 'chloe.lefevre@example.org')!.raw)).toContain(
      'position 1',
    );

    // Karim leaves: Chloé gets his place and an e-mail saying so, with the calendar file.
    const left = await karim.delete(`/api/v1/events/${e.id}/registration`);
    expect(left.json()).toMatchObject({ mine: null, registeredCount: 2, waitlistCount: 0 });
    expect((await chloe.get(`/api/v1/events/${e.id}`)).json().mine).toMatchObject({ status: 'registered' });
    await deliverAll();
    const promoted = t.mailbox.findLast((m) => m.to === 'chloe.lefevre@example.org')!;
    expect(bodyOf(promoted.raw)).toContain('Une place s’est libérée');
    expect(attachment(promoted.raw, 'text/calendar')).toContain(`UID:${e.id}@commune.test`);
    expect((await karim.delete(`/api/v1/events/${e.id}/registration`)).statusCode).toBe(409);
  });

  it('queues a reminder for the day before and withdraws it when the person unregisters', async () => {
    const e = await lilleEvent({ capacity: 5 });
    await lea.put(`/api/v1/events/${e.id}/registration`);
    const { rows } = await sql<{ id: number; availableAt: string; payload: { subject: string } }>`
      select o.id, o.available_at, o.done_at, o.payload from outbox o
      join community_event_registrations r on r.reminder_outbox_id = o.id where r.event_id = ${e.id}`.execute(
      t.handle.db,
    );
    expect(rows).toHaveLength(1);
    expect(new Date(rows[0]!.availableAt).toISOString()).toBe(
      new Date(new Date(e.startsAt).getTime() - 86_400_000).toISOString(),
    );
    expect(rows[0]!.payload.subject).toMatch(/^Rappel : demain/);
    await lea.delete(`/api/v1/events/${e.id}/registration`);
    const after = await sql<{
      doneAt: string | null;
      lastError: string;
    }>`select done_at, last_error from outbox where id = ${rows[0]!.id}`.execute(t.handle.db);
    expect(after.rows[0]!.doneAt).not.toBeNull();
    expect(after.rows[0]!.lastError).toMatch(/withdrawn/);
  });

  it('gives the last place to one of two simultaneous registrations, the other waits', async () => {
    const e = await lilleEvent({ capacity: 1 });
    const [a, b] = await Promise.all([
      lea.put(`/api/v1/events/${e.id}/registration`),
      chloe.put(`/api/v1/events/${e.id}/registration`),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect([a.json().mine.status, b.json().mine.status].sort()).toEqual(['registered', 'waitlisted']);
    expect((await adviser.get(`/api/v1/events/${e.id}`)).json()).toMatchObject({
      registeredCount: 1,
      waitlistCount: 1,
    });
  });

  it('a larger capacity lets the waiting list in; a smaller one below the registered is refused', async () => {
    const e = await lilleEvent({ capacity: 1 });
    await lea.put(`/api/v1/events/${e.id}/registration`);
    await chloe.put(`/api/v1/events/${e.id}/registration`);
    expect((await lea.patch(`/api/v1/events/${e.id}`, { capacity: 2 })).statusCode).toBe(403);
    const grown = await adviser.patch(`/api/v1/events/${e.id}`, { capacity: 2 });
    expect(grown.json()).toMatchObject({ registeredCount: 2, waitlistCount: 0 });
    const shrunk = await adviser.patch(`/api/v1/events/${e.id}`, { capacity: 1 });
    expect(shrunk.statusCode).toBe(422);
  });

  it('cancelling an event tells the registered people and frees nobody twice', async () => {
    const e = await lilleEvent({ capacity: 3 });
    await lea.put(`/api/v1/events/${e.id}/registration`);
    const cancelled = await adviser.post(`/api/v1/events/${e.id}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', registeredCount: 0 });
    await deliverAll();
    const mail = t.mailbox.findLast((m) => m.to === 'lea.martin@example.org')!;
    expect(bodyOf(mail.raw)).toContain('est annulé');
    expect(attachment(mail.raw, 'text/calendar')).toContain('STATUS:CANCELLED');
    expect((await lea.put(`/api/v1/events/${e.id}/registration`)).statusCode).toBe(409);
    expect((await adviser.post(`/api/v1/events/${e.id}/cancel`)).statusCode).toBe(409);
  });

  it('lists my events and gives me a calendar feed that a new address replaces', async () => {
    const e = await lilleEvent({ capacity: 4 });
    await lea.put(`/api/v1/events/${e.id}/registration`);
    const mine = (await lea.get('/api/v1/events?mine=true')).json().items as { id: string }[];
    expect(mine.map((x) => x.id)).toContain(e.id);
    const { url } = (await lea.get('/api/v1/calendar-feed')).json();
    expect((await lea.get('/api/v1/calendar-feed')).json().url).toBe(url);
    const path = new URL(url).pathname;
    const ics = await anonymous(t.app).get(path);
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
    const events = new ICAL.Component(ICAL.parse(ics.body))
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v).uid);
    expect(events).toContain(`${e.id}@commune.test`);
    const rotated = (await lea.post('/api/v1/calendar-feed')).json().url;
    expect(rotated).not.toBe(url);
    expect((await anonymous(t.app).get(path)).statusCode).toBe(404);
    expect((await adviser.get('/api/v1/calendar-feed')).statusCode).toBe(404);
  });

  it('keeps members’ events to members: someone who left is refused and does not see them', async () => {
    const internal = await lilleEvent({ audience: 'members', capacity: 5 });
    const open = await lilleEvent({ audience: 'public', capacity: 5 });
    const chloeId = (await chloe.get('/api/v1/me')).json().memberId as string;
    const { rows } = await sql<{ status: string }>`select status from members where id = ${chloeId}`.execute(
      t.handle.db,
    );
    const status = rows[0]!.status;
    await sql`update members set status = 'exited' where id = ${chloeId}`.execute(t.handle.db);
    try {
      const before = await snapshot(t.handle, communityTables);
      const refused = await chloe.put(`/api/v1/events/${internal.id}/registration`);
      expect(refused.statusCode).toBe(403);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json()).toMatchObject({
        code: 'event.members_only',
        detail: 'Cet événement est réservé aux membres de la coopérative.',
      });
      expect(await snapshot(t.handle, communityTables)).toBe(before);
      const listed = (await chloe.get('/api/v1/events')).json().items.map((x: { id: string }) => x.id);
      expect(listed).not.toContain(internal.id);
      expect(listed).toContain(open.id);
      expect((await chloe.put(`/api/v1/events/${open.id}/registration`)).json().mine.status).toBe(
        'registered',
      );
    } finally {
      await sql`update members set status = ${status} where id = ${chloeId}`.execute(t.handle.db);
    }
    // Members and staff still see it.
    expect((await chloe.get('/api/v1/events')).json().items.map((x: { id: string }) => x.id)).toContain(
      internal.id,
    );
    expect((await adviser.get('/api/v1/events')).json().items.map((x: { id: string }) => x.id)).toContain(
      internal.id,
    );
  });
});

describe('attendance', () => {
  it('staff of the office see the registrants, record attendance and print the sheet', async () => {
    const e = await lilleEvent({ capacity: 5 });
    await lea.put(`/api/v1/events/${e.id}/registration`);
    await karim.put(`/api/v1/events/${e.id}/registration`);
    for (const s of [lea, lyonAdviser])
      expect((await s.get(`/api/v1/events/${e.id}/attendance`)).statusCode).toBe(403);
    const sheet = (await adviser.get(`/api/v1/events/${e.id}/attendance`)).json();
    expect(sheet.registrations.map((r: { name: string }) => r.name)).toEqual(['Martin Léa', 'Benali Karim']);
    const leaRow = sheet.registrations[0].id;
    const marked = await adviser.put(`/api/v1/events/${e.id}/attendance`, {
      marks: [{ registrationId: leaRow, attended: true }],
    });
    expect(marked.json().registrations[0].attended).toBe(true);
    const before = await snapshot(t.handle, communityTables);
    const unknown = await adviser.put(`/api/v1/events/${e.id}/attendance`, {
      marks: [
        { registrationId: leaRow, attended: false },
        { registrationId: '00000000-0000-4000-8000-000000000000', attended: true },
      ],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].pointer).toBe('/marks/1/registrationId');
    expect(await snapshot(t.handle, communityTables)).toBe(before);
    const pdf = await adviser.get(`/api/v1/events/${e.id}/attendance.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const { extractText } = await import('unpdf');
    const { text } = await extractText(new Uint8Array(pdf.rawPayload), { mergePages: true });
    expect(text).toContain('Feuille d’émargement');
    expect(text).toContain('Martin Léa');
    expect(text).toContain('présent·e');
  });
});

describe('the public page of an office and prospects', () => {
  it('lists upcoming events open to prospects; a prospect registers and confirms by the e-mailed link', async () => {
    const open = await lilleEvent({
      audience: 'prospects',
      capacity: 1,
      kind: 'info_session',
      title: 'Découvrir la coopérative',
    });
    const internal = await lilleEvent({ audience: 'members' });
    const guest = anonymous(t.app);
    const page = await guest.get('/api/v1/public/offices/lille');
    expect(page.statusCode).toBe(200);
    const ids = page.json().events.map((x: { id: string }) => x.id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(internal.id);
    expect(page.json().events[0]).not.toHaveProperty('registeredCount');
    expect((await guest.get('/api/v1/public/offices/nowhere')).statusCode).toBe(404);

    expect(
      (
        await guest.post(`/api/v1/public/events/${internal.id}/registrations`, {
          name: 'Inès',
          email: 'ines@example.net',
        })
      ).statusCode,
    ).toBe(404);
    const bad = await guest.post(`/api/v1/public/events/${open.id}/registrations`, {
      name: '',
      email: 'not-an-email',
    });
    expect(bad.statusCode).toBe(400);
    const res = await guest.post(`/api/v1/public/events/${open.id}/registrations`, {
      name: 'Inès Roux',
      email: 'Ines.Roux@example.net',
    });
    expect(res.statusCode).toBe(202);
    // The place is held while she confirms.
    expect((await adviser.get(`/api/v1/events/${open.id}`)).json()).toMatchObject({
      registeredCount: 1,
      placesLeft: 0,
    });
    await deliverAll();
    const mail = t.mailbox.findLast((m) => m.to === 'ines.roux@example.net')!;
    const link = /https?:\/\/\S+\/agences\/lille\/confirmation\?token=([\w-]+)/.exec(mailText(mail.raw));
    expect(link).not.toBeNull();
    const confirmed = await guest.post('/api/v1/public/registrations/confirm', { token: link![1] });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'registered', event: { id: open.id } });
    expect((await guest.post('/api/v1/public/registrations/confirm', { token: link![1] })).statusCode).toBe(
      410,
    );
    await deliverAll();
    expect(
      attachment(t.mailbox.findLast((m) => m.to === 'ines.roux@example.net')!.raw, 'text/calendar'),
    ).toContain(`UID:${open.id}`);
    const sheet = (await adviser.get(`/api/v1/events/${open.id}/attendance`)).json();
    expect(sheet.registrations).toEqual([
      expect.objectContaining({ name: 'Inès Roux', email: 'ines.roux@example.net', confirmed: true }),
    ]);
  });

  it('an unconfirmed registration stops holding its place after 24 hours', async () => {
    const e = await lilleEvent({ audience: 'public', capacity: 1 });
    const guest = anonymous(t.app);
    await guest.post(`/api/v1/public/events/${e.id}/registrations`, {
      name: 'Paul Nord',
      email: 'paul@example.net',
    });
    await lea.put(`/api/v1/events/${e.id}/registration`);
    expect((await lea.get(`/api/v1/events/${e.id}`)).json().mine.status).toBe('waitlisted');
    await deliverAll();
    const token = /confirmation\?token=([\w-]+)/.exec(
      mailText(t.mailbox.findLast((m) => m.to === 'paul@example.net')!.raw),
    )![1];
    const clock = t.app.deps.clock;
    t.app.deps.clock = () => new Date(fixedNow.getTime() + 24 * 3_600_000 + 1000);
    try {
      // The next change to the list expires Paul's hold and promotes Léa.
      await chloe.put(`/api/v1/events/${e.id}/registration`);
      expect((await lea.get(`/api/v1/events/${e.id}`)).json().mine).toMatchObject({ status: 'registered' });
      expect((await chloe.get(`/api/v1/events/${e.id}`)).json().mine).toMatchObject({
        status: 'waitlisted',
        waitlistPosition: 1,
      });
      expect((await guest.post('/api/v1/public/registrations/confirm', { token })).statusCode).toBe(410);
    } finally {
      t.app.deps.clock = clock;
    }
  });

  it('a lapsed hold goes to the waiting list on the schedule, without waiting for the next registration', async () => {
    const e = await lilleEvent({ audience: 'public', capacity: 1 });
    const guest = anonymous(t.app);
    await guest.post(`/api/v1/public/events/${e.id}/registrations`, {
      name: 'Zoé Lemaire',
      email: 'zoe.lemaire@example.net',
    });
    await lea.put(`/api/v1/events/${e.id}/registration`);
    expect((await lea.get(`/api/v1/events/${e.id}`)).json().mine.status).toBe('waitlisted');
    // Within the delay the schedule leaves the hold alone.
    await settleWaitingLists(t.app.deps);
    expect((await lea.get(`/api/v1/events/${e.id}`)).json().mine.status).toBe('waitlisted');
    await deliverAll();
    const clock = t.app.deps.clock;
    t.app.deps.clock = () => new Date(fixedNow.getTime() + 24 * 3_600_000 + 1000);
    try {
      expect(await settleWaitingLists(t.app.deps)).toBeGreaterThanOrEqual(1);
      expect((await lea.get(`/api/v1/events/${e.id}`)).json().mine).toMatchObject({ status: 'registered' });
      await deliverAll();
      const promoted = t.mailbox.findLast((m) => m.to === 'lea.martin@example.org')!;
      expect(bodyOf(promoted.raw)).toContain(
        `Une place s’est libérée : vous êtes inscrit·e à « ${e.title} »`,
      );
      // A second run finds nothing more to do for this event.
      const before = await snapshot(t.handle, communityTables);
      await settleWaitingLists(t.app.deps);
      expect(await snapshot(t.handle, communityTables)).toBe(before);
    } finally {
      t.app.deps.clock = clock;
    }
  });

  it('a prospect frees their place by the link of their e-mails; the first person waiting gets it', async () => {
    const e = await lilleEvent({ audience: 'prospects', capacity: 1, kind: 'info_session' });
    const guest = anonymous(t.app);
    const email = 'marc.duval@example.net';
    await guest.post(`/api/v1/public/events/${e.id}/registrations`, { name: 'Marc Duval', email });
    await deliverAll();
    const confirmMail = mailText(t.mailbox.findLast((m) => m.to === email)!.raw);
    const token = /confirmation\?token=([\w-]+)/.exec(confirmMail)![1];
    await guest.post('/api/v1/public/registrations/confirm', { token });
    await chloe.put(`/api/v1/events/${e.id}/registration`);
    expect((await chloe.get(`/api/v1/events/${e.id}`)).json().mine.status).toBe('waitlisted');
    await deliverAll();
    // The confirmation and the invitation both carry the link; members' e-mails do not.
    const invitation = bodyOf(t.mailbox.findLast((m) => m.to === email)!.raw);
    expect(invitation).toContain(`Votre inscription à « ${e.title} » est confirmée.`);
    const link =
      /https?:\/\/\S+\/agences\/lille\/desinscription\?registration=([0-9a-f-]{36})&token=([\w-]+)/.exec(
        invitation,
      );
    expect(link).not.toBeNull();
    expect(confirmMail).toContain(link![0]);
    expect(bodyOf(t.mailbox.findLast((m) => m.to === 'chloe.lefevre@example.org')!.raw)).not.toContain(
      'desinscription',
    );
    const [, registrationId, cancelToken] = link!;

    // A forged or borrowed token changes nothing.
    const before = await snapshot(t.handle, communityTables);
    const forged = await guest.post('/api/v1/public/registrations/cancel', {
      registrationId,
      token: `${cancelToken!.slice(0, -2)}xx`,
    });
    expect(forged.statusCode).toBe(404);
    const chloeRegistration = (await chloe.get(`/api/v1/events/${e.id}`)).json().mine.id;
    const other = await guest.post('/api/v1/public/registrations/cancel', {
      registrationId: chloeRegistration,
      token: cancelToken,
    });
    expect(other.statusCode).toBe(404);
    expect(await snapshot(t.handle, communityTables)).toBe(before);

    const reminders = async () =>
      (
        await sql<{ doneAt: string | null }>`select o.done_at from outbox o
          join community_event_registrations r on r.reminder_outbox_id = o.id where r.id = ${registrationId}`.execute(
          t.handle.db,
        )
      ).rows;
    expect((await reminders())[0]!.doneAt).toBeNull();
    const cancelled = await guest.post('/api/v1/public/registrations/cancel', {
      registrationId,
      token: cancelToken,
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', event: { id: e.id, full: true } });
    // Her reminder is withdrawn, and Chloé has the place.
    expect((await reminders())[0]!.doneAt).not.toBeNull();
    expect((await chloe.get(`/api/v1/events/${e.id}`)).json().mine).toMatchObject({ status: 'registered' });
    await deliverAll();
    expect(bodyOf(t.mailbox.findLast((m) => m.to === 'chloe.lefevre@example.org')!.raw)).toContain(
      'Une place s’est libérée',
    );
    const sheet = (await adviser.get(`/api/v1/events/${e.id}/attendance`)).json();
    expect(sheet.registrations.map((r: { name: string }) => r.name)).toEqual(['Lefèvre Chloé']);
    // Opening the link again says the same and changes nothing.
    const after = await snapshot(t.handle, communityTables);
    const again = await guest.post('/api/v1/public/registrations/cancel', {
      registrationId,
      token: cancelToken,
    });
    expect(again.json()).toMatchObject({ status: 'cancelled' });
    expect(await snapshot(t.handle, communityTables)).toBe(after);
  });
});

describe('public operations', () => {
  it('are rate-limited per address, each operation on its own, with Retry-After', async () => {
    const limited = await buildApp({
      db: t.handle.db,
      mailer: createFileMailer('x', null),
      secrets: testSecrets,
      publicUrl: testUrl,
      clock: () => fixedNow,
      webRoot: null,
      communityLimit: { capacity: 2, refillPerMinute: 1 },
    });
    try {
      const page = () => limited.inject({ method: 'GET', url: '/api/v1/public/offices/lille' });
      expect([(await page()).statusCode, (await page()).statusCode]).toEqual([200, 200]);
      const refused = await page();
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['retry-after']).toBe('60');
      expect(refused.headers['content-type']).toContain('application/problem+json');
      // Another public operation keeps its own bucket.
      const feed = await limited.inject({
        method: 'GET',
        url: `/api/v1/public/calendars/${'x'.repeat(43)}.ics`,
      });
      expect(feed.statusCode).toBe(404);
    } finally {
      await limited.close();
    }
  });
});

// ——— Spaces ———

const weekdays = [
  { open: '08:30', close: '19:00' },
  { open: '08:30', close: '19:00' },
  { open: '08:30', close: '19:00' },
  { open: '08:30', close: '19:00' },
  { open: '08:30', close: '18:00' },
  null,
  null,
];
let spaceSerial = 0;
async function lilleSpace(over: Record<string, unknown> = {}) {
  const res = await adviser.post('/api/v1/spaces', {
    officeId: lille,
    name: `Studio son ${++spaceSerial}`,
    kind: 'studio',
    capacity: 4,
    openingHours: weekdays,
    rules: 'Laisser le studio rangé.',
    pricePerHourCents: 1500,
    freeCancelHours: 24,
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

const balance = async (s: Session, activityId: string) =>
  (await s.get(`/api/v1/activities/${activityId}/account`)).json().figures.availableBalanceCents as number;

describe('spaces and bookings', () => {
  it('staff of the office manage spaces; others may not', async () => {
    const before = await snapshot(t.handle, communityTables);
    const body = {
      officeId: lille,
      name: 'Salle refusée',
      kind: 'meeting_room',
      capacity: 8,
      openingHours: weekdays,
    };
    for (const s of [lea, lyonAdviser, parisAdviser])
      expect((await s.post('/api/v1/spaces', body)).statusCode).toBe(403);
    const hours = await adviser.post('/api/v1/spaces', {
      ...body,
      openingHours: [{ open: '19:00', close: '08:00' }, ...weekdays.slice(1)],
    });
    expect(hours.statusCode).toBe(400);
    expect(hours.json().errors[0]).toMatchObject({
      pointer: '/openingHours/0',
      code: 'space.hours_reversed',
    });
    expect(await snapshot(t.handle, communityTables)).toBe(before);
    const s = await lilleSpace({ name: 'Salle de réunion Nord' });
    const twice = await adviser.post('/api/v1/spaces', { ...body, name: 'Salle de réunion Nord' });
    expect(twice.statusCode).toBe(409);
    expect(
      (await lea.get(`/api/v1/spaces?officeId=${lille}`)).json().items.map((x: { id: string }) => x.id),
    ).toContain(s.id);
  });

  it('books a free slot charged to the activity; an overlapping one is refused; hours are enforced', async () => {
    const s = await lilleSpace();
    const startBalance = await balance(lea, leaActivityId);
    const slot = {
      startsAt: '2026-11-23T09:00:00Z',
      endsAt: '2026-11-23T10:30:00Z',
      activityId: leaActivityId,
    };
    const before = await snapshot(t.handle, communityTables);
    const noActivity = await lea.post(`/api/v1/spaces/${s.id}/bookings`, {
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
    });
    expect(noActivity.statusCode).toBe(422);
    const closed = await lea.post(`/api/v1/spaces/${s.id}/bookings`, {
      ...slot,
      startsAt: '2026-11-23T06:00:00Z',
    });
    expect(closed.statusCode).toBe(400);
    expect(closed.json().errors[0]).toMatchObject({ pointer: '/startsAt', code: 'slot.closed' });
    const other = await lea.post(`/api/v1/spaces/${s.id}/bookings`, {
      ...slot,
      activityId: (await karim.get('/api/v1/home')).json().activities[0].id,
    });
    expect(other.statusCode).toBe(400);
    expect(await snapshot(t.handle, communityTables)).toBe(before);

    const booked = await lea.post(`/api/v1/spaces/${s.id}/bookings`, slot);
    expect(booked.statusCode, booked.body).toBe(201);
    expect(booked.json()).toMatchObject({ mine: true, priceCents: 2250, charged: true, status: 'booked' });
    expect(await balance(lea, leaActivityId)).toBe(startBalance - 2250);

    const afterFirst = await snapshot(t.handle, communityTables);
    const overlap = await chloe.post(`/api/v1/spaces/${s.id}/bookings`, {
      startsAt: '2026-11-23T10:00:00Z',
      endsAt: '2026-11-23T11:00:00Z',
      activityId: (await chloe.get('/api/v1/home')).json().activities[0].id,
    });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().errors[0].code).toBe('booking.overlap');
    expect(await snapshot(t.handle, communityTables)).toBe(afterFirst);
    // Back to back is fine (half-open slots).
    const next = await chloe.post(`/api/v1/spaces/${s.id}/bookings`, {
      startsAt: '2026-11-23T10:30:00Z',
      endsAt: '2026-11-23T11:00:00Z',
      activityId: (await chloe.get('/api/v1/home')).json().activities[0].id,
    });
    expect(next.statusCode).toBe(201);

    // Others see the slot busy, without who or what.
    const week = await karim.get(
      `/api/v1/spaces/${s.id}/bookings?from=2026-11-23T00:00:00Z&to=2026-11-30T00:00:00Z`,
    );
    expect(week.json().items).toEqual([
      expect.objectContaining({ mine: false, memberName: null, priceCents: 0, activityId: null }),
      expect.objectContaining({ mine: false, memberName: null }),
    ]);
    const staffWeek = await adviser.get(
      `/api/v1/spaces/${s.id}/bookings?from=2026-11-23T00:00:00Z&to=2026-11-30T00:00:00Z`,
    );
    expect(staffWeek.json().items[0].memberName).toBe('Léa Martin');
  });

  it('cancels free (charge reversed) before the delay, and keeps the charge after it', async () => {
    const s = await lilleSpace();
    const startBalance = await balance(lea, leaActivityId);
    const early = await lea.post(`/api/v1/spaces/${s.id}/bookings`, {
      startsAt: '2026-11-25T09:00:00Z',
      endsAt: '2026-11-25T10:00:00Z',
      activityId: leaActivityId,
    });
    const late = await lea.post(`/api/v1/spaces/${s.id}/bookings`, {
      startsAt: '2026-11-20T14:00:00Z',
      endsAt: '2026-11-20T15:00:00Z',
      activityId: leaActivityId,
    });
    expect(await balance(lea, leaActivityId)).toBe(startBalance - 3000);
    expect((await karim.post(`/api/v1/space-bookings/${early.json().id}/cancel`)).statusCode).toBe(404);
    const freed = await lea.post(`/api/v1/space-bookings/${early.json().id}/cancel`);
    expect(freed.json()).toMatchObject({ status: 'cancelled', charged: false });
    const kept = await lea.post(`/api/v1/space-bookings/${late.json().id}/cancel`);
    expect(kept.json()).toMatchObject({ status: 'cancelled', charged: true });
    expect(await balance(lea, leaActivityId)).toBe(startBalance - 1500);
    expect((await lea.post(`/api/v1/space-bookings/${early.json().id}/cancel`)).statusCode).toBe(409);
    // The freed slot can be booked again.
    expect(
      (
        await chloe.post(`/api/v1/spaces/${s.id}/bookings`, {
          startsAt: '2026-11-25T09:00:00Z',
          endsAt: '2026-11-25T10:00:00Z',
          activityId: (await chloe.get('/api/v1/home')).json().activities[0].id,
        })
      ).statusCode,
    ).toBe(201);
    const mine = (await lea.get('/api/v1/space-bookings'))
      .json()
      .items.filter((b: { spaceId: string }) => b.spaceId === s.id);
    expect(mine).toHaveLength(2);
  });

  it('fifty simultaneous bookings of the same slot: exactly one wins', async () => {
    const s = await lilleSpace({ pricePerHourCents: null, name: 'Bureau partagé 1', kind: 'desk' });
    const sessions = [lea, chloe, karim];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        sessions[i % 3]!.post(`/api/v1/spaces/${s.id}/bookings`, {
          startsAt: '2026-11-24T13:00:00Z',
          endsAt: '2026-11-24T15:00:00Z',
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(49);
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from community_space_bookings where space_id = ${s.id}`.execute(t.handle.db);
    expect(rows[0]!.n).toBe(1);
  });

  it('a day price caps a long booking; a desk with a day price only charges the day pass', async () => {
    const studio = await lilleSpace({ pricePerHourCents: 1500, pricePerDayCents: 6000 });
    const desk = await lilleSpace({
      name: 'Poste nomade',
      kind: 'desk',
      pricePerHourCents: null,
      pricePerDayCents: 2000,
    });
    const startBalance = await balance(lea, leaActivityId);
    const long = await lea.post(`/api/v1/spaces/${studio.id}/bookings`, {
      startsAt: '2026-11-30T08:00:00Z',
      endsAt: '2026-11-30T14:00:00Z',
      activityId: leaActivityId,
    });
    expect(long.json()).toMatchObject({ priceCents: 6000, charged: true });
    const short = await lea.post(`/api/v1/spaces/${studio.id}/bookings`, {
      startsAt: '2026-12-01T08:00:00Z',
      endsAt: '2026-12-01T09:00:00Z',
      activityId: leaActivityId,
    });
    expect(short.json()).toMatchObject({ priceCents: 1500 });
    // A day-priced space needs the activity too.
    const without = await lea.post(`/api/v1/spaces/${desk.id}/bookings`, {
      startsAt: '2026-11-30T08:00:00Z',
      endsAt: '2026-11-30T08:30:00Z',
    });
    expect(without.statusCode).toBe(422);
    expect(without.json().errors[0].code).toBe('booking.activity_required');
    const pass = await lea.post(`/api/v1/spaces/${desk.id}/bookings`, {
      startsAt: '2026-11-30T08:00:00Z',
      endsAt: '2026-11-30T08:30:00Z',
      activityId: leaActivityId,
    });
    expect(pass.json()).toMatchObject({ priceCents: 2000, charged: true });
    expect(await balance(lea, leaActivityId)).toBe(startBalance - 6000 - 1500 - 2000);
    expect((await lea.get(`/api/v1/spaces/${desk.id}`)).json()).toMatchObject({
      pricePerHourCents: null,
      pricePerDayCents: 2000,
    });
  });

  it('a change to a space or an event leaves out what it does not name', async () => {
    const s = await lilleSpace({ pricePerDayCents: 5000, freeCancelHours: 48 });
    const renamed = await adviser.patch(`/api/v1/spaces/${s.id}`, { name: `Studio renommé ${spaceSerial}` });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({
      rules: 'Laisser le studio rangé.',
      pricePerHourCents: 1500,
      pricePerDayCents: 5000,
      freeCancelHours: 48,
    });
    const e = await lilleEvent({ capacity: 3 });
    const grown = await adviser.patch(`/api/v1/events/${e.id}`, { capacity: 4 });
    expect(grown.json()).toMatchObject({
      capacity: 4,
      description: 'Tarifs, TVA, acomptes; conditions de paiement.',
    });
  });

  it('staff see occupancy per space and month', async () => {
    const s = await lilleSpace({
      name: 'Salle de répétition',
      kind: 'rehearsal_room',
      pricePerHourCents: 1000,
    });
    await lea.post(`/api/v1/spaces/${s.id}/bookings`, {
      startsAt: '2026-11-26T08:00:00Z',
      endsAt: '2026-11-26T12:00:00Z',
      activityId: leaActivityId,
    });
    expect((await lea.get(`/api/v1/offices/${lille}/occupancy?month=2026-11`)).statusCode).toBe(404);
    expect((await lyonAdviser.get(`/api/v1/offices/${lille}/occupancy?month=2026-11`)).statusCode).toBe(404);
    const occ = (await adviser.get(`/api/v1/offices/${lille}/occupancy?month=2026-11`)).json();
    expect(occ.spaces.find((x: { spaceId: string }) => x.spaceId === s.id)).toEqual({
      spaceId: s.id,
      name: 'Salle de répétition',
      bookings: 1,
      events: 0,
      bookedMinutes: 240,
      openMinutes: 17 * 630 + 4 * 570,
      rateBp: Math.round((240 * 10_000) / (17 * 630 + 4 * 570)),
      chargedCents: 4000,
    });
  });
});

describe('events held in a space', () => {
  const homeActivity = async (s: Session) => (await s.get('/api/v1/home')).json().activities[0].id as string;
  const bookingsOf = async (s: Session, spaceId: string, day: string) =>
    (await s.get(`/api/v1/spaces/${spaceId}/bookings?from=${day}T00:00:00Z&to=${day}T23:00:00Z`)).json()
      .items as {
      id: string;
      startsAt: string;
      eventId: string | null;
      eventTitle: string | null;
      memberName: string | null;
      mine: boolean;
      priceCents: number;
    }[];
  const inSpace = (
    spaceId: string,
    startsAt: string,
    endsAt: string,
    over: Record<string, unknown> = {},
  ) => ({
    place: { kind: 'space', spaceId },
    startsAt,
    endsAt,
    ...over,
  });

  it('an event holds its space: members cannot book during it, and it cannot take a booked time', async () => {
    const s = await lilleSpace({ name: 'Studio des ateliers' });
    const lilleBooking = await lea.post(`/api/v1/spaces/${s.id}/bookings`, {
      startsAt: '2026-12-02T09:00:00Z',
      endsAt: '2026-12-02T10:00:00Z',
      activityId: leaActivityId,
    });
    expect(lilleBooking.statusCode, lilleBooking.body).toBe(201);
    // Léa reads the charge on her activity's account, at the time she booked in the office's hours.
    const account = (await lea.get(`/api/v1/activities/${leaActivityId}/account`)).json();
    expect(account.movements).toContainEqual(
      expect.objectContaining({
        label: 'Réservation Studio des ateliers 02/12/2026 10:00–11:00',
        amountCents: -1500,
      }),
    );

    // The workshop cannot take the studio while Léa has it: a field error on the space.
    const before = await snapshot(t.handle, communityTables);
    const clash = await adviser.post('/api/v1/events', {
      officeId: lille,
      kind: 'workshop',
      title: 'Enregistrer sa voix',
      capacity: 4,
      audience: 'members',
      ...inSpace(s.id, '2026-12-02T09:30:00Z', '2026-12-02T11:00:00Z'),
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json()).toMatchObject({
      code: 'event.space_taken',
      errors: [{ pointer: '/place/spaceId', code: 'event.space_taken' }],
    });
    expect(await snapshot(t.handle, communityTables)).toBe(before);

    const workshop = await lilleEvent({
      title: 'Enregistrer sa voix',
      ...inSpace(s.id, '2026-12-02T13:00:00Z', '2026-12-02T15:00:00Z'),
    });
    const day = await bookingsOf(chloe, s.id, '2026-12-02');
    expect(day).toEqual([
      expect.objectContaining({ mine: false, eventId: null, memberName: null }),
      expect.objectContaining({
        eventId: workshop.id,
        eventTitle: 'Enregistrer sa voix',
        memberName: null,
        mine: false,
        priceCents: 0,
      }),
    ]);

    // Chloé cannot book the studio during the workshop; right after it, she can.
    const chloeActivity = await homeActivity(chloe);
    const during = await chloe.post(`/api/v1/spaces/${s.id}/bookings`, {
      startsAt: '2026-12-02T14:30:00Z',
      endsAt: '2026-12-02T15:30:00Z',
      activityId: chloeActivity,
    });
    expect(during.statusCode).toBe(409);
    expect(during.json()).toMatchObject({
      code: 'booking.during_event',
      errors: [{ pointer: '/startsAt', code: 'booking.during_event' }],
    });
    // Another member's booking keeps its own message.
    const overLea = await chloe.post(`/api/v1/spaces/${s.id}/bookings`, {
      startsAt: '2026-12-02T09:30:00Z',
      endsAt: '2026-12-02T10:30:00Z',
      activityId: chloeActivity,
    });
    expect(overLea.json().code).toBe('booking.overlap');
    const after = await chloe.post(`/api/v1/spaces/${s.id}/bookings`, {
      startsAt: '2026-12-02T15:00:00Z',
      endsAt: '2026-12-02T15:30:00Z',
      activityId: chloeActivity,
    });
    expect(after.statusCode, after.body).toBe(201);

    // The hold is nobody's booking: not in a member's list, not cancelled as a booking.
    expect(
      (await lea.get('/api/v1/space-bookings'))
        .json()
        .items.some((b: { eventId: string | null }) => b.eventId),
    ).toBe(false);
    const hold = day[1]!.id;
    expect((await lea.post(`/api/v1/space-bookings/${hold}/cancel`)).statusCode).toBe(404);
    const staffCancel = await adviser.post(`/api/v1/space-bookings/${hold}/cancel`);
    expect(staffCancel.statusCode).toBe(409);
    expect(staffCancel.json().code).toBe('booking.event_hold');

    // Occupancy counts the workshop's time beside the bookings.
    const occ = (await adviser.get(`/api/v1/offices/${lille}/occupancy?month=2026-12`)).json();
    expect(occ.spaces.find((x: { spaceId: string }) => x.spaceId === s.id)).toMatchObject({
      bookings: 2,
      events: 1,
      bookedMinutes: 60 + 120 + 30,
      chargedCents: 1500 + 750,
    });
  });

  it('a members’ event keeps its title from those who may not see it', async () => {
    const s = await lilleSpace({ name: 'Salle des membres' });
    const e = await lilleEvent({
      title: 'Assemblée de préparation',
      audience: 'members',
      ...inSpace(s.id, '2026-12-03T13:00:00Z', '2026-12-03T14:00:00Z'),
    });
    const open = await lilleEvent({
      title: 'Portes ouvertes',
      audience: 'public',
      ...inSpace(s.id, '2026-12-03T15:00:00Z', '2026-12-03T16:00:00Z'),
    });
    const shown = await bookingsOf(lea, s.id, '2026-12-03');
    expect(shown.map((b) => b.eventTitle)).toEqual(['Assemblée de préparation', 'Portes ouvertes']);
    expect(shown.map((b) => b.eventId)).toEqual([e.id, open.id]);
    // Someone who left keeps an account but no longer sees members' events: the time shows busy only.
    const chloeId = (await chloe.get('/api/v1/me')).json().memberId as string;
    const { rows } = await sql<{ status: string }>`select status from members where id = ${chloeId}`.execute(
      t.handle.db,
    );
    await sql`update members set status = 'exited' where id = ${chloeId}`.execute(t.handle.db);
    try {
      const seen = await bookingsOf(chloe, s.id, '2026-12-03');
      expect(seen.map((b) => [b.eventId !== null, b.eventTitle])).toEqual([
        [true, null],
        [true, 'Portes ouvertes'],
      ]);
    } finally {
      await sql`update members set status = ${rows[0]!.status} where id = ${chloeId}`.execute(t.handle.db);
    }
    expect((await bookingsOf(adviser, s.id, '2026-12-03'))[0]!.eventTitle).toBe('Assemblée de préparation');
  });

  it('moving the event moves its hold; cancelling it frees the space', async () => {
    const studio = await lilleSpace({ name: 'Studio A' });
    const room = await lilleSpace({ name: 'Salle B', kind: 'meeting_room', pricePerHourCents: null });
    const e = await lilleEvent({
      title: 'Mixer un podcast',
      ...inSpace(studio.id, '2026-12-04T13:00:00Z', '2026-12-04T15:00:00Z'),
    });
    const chloeActivity = await homeActivity(chloe);
    const slot = {
      startsAt: '2026-12-04T13:00:00Z',
      endsAt: '2026-12-04T14:00:00Z',
      activityId: chloeActivity,
    };

    // To another space: the studio is free, the room is held.
    const moved = await adviser.patch(`/api/v1/events/${e.id}`, {
      place: { kind: 'space', spaceId: room.id },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().place.spaceId).toBe(room.id);
    expect((await bookingsOf(adviser, studio.id, '2026-12-04')).length).toBe(0);
    expect((await bookingsOf(adviser, room.id, '2026-12-04')).map((b) => b.eventId)).toEqual([e.id]);
    const inRoom = await chloe.post(`/api/v1/spaces/${room.id}/bookings`, slot);
    expect(inRoom.json().code).toBe('booking.during_event');

    // Chloé books the studio meanwhile: the event cannot come back to it, and stays where it is.
    expect((await chloe.post(`/api/v1/spaces/${studio.id}/bookings`, slot)).statusCode).toBe(201);
    const before = await snapshot(t.handle, communityTables);
    const back = await adviser.patch(`/api/v1/events/${e.id}`, {
      place: { kind: 'space', spaceId: studio.id },
    });
    expect(back.statusCode).toBe(409);
    expect(back.json().errors[0]).toMatchObject({ pointer: '/place/spaceId', code: 'event.space_taken' });
    expect(await snapshot(t.handle, communityTables)).toBe(before);
    expect((await adviser.get(`/api/v1/events/${e.id}`)).json().place.spaceId).toBe(room.id);

    // Other changes leave the hold as it is.
    expect((await adviser.patch(`/api/v1/events/${e.id}`, { capacity: 3 })).statusCode).toBe(200);
    expect((await bookingsOf(adviser, room.id, '2026-12-04')).map((b) => b.eventId)).toEqual([e.id]);

    // To an address: the room is free again.
    const away = await adviser.patch(`/api/v1/events/${e.id}`, {
      place: { kind: 'address', address: '5 rue Nationale, 59000 Lille' },
    });
    expect(away.statusCode).toBe(200);
    expect((await bookingsOf(adviser, room.id, '2026-12-04')).length).toBe(0);

    // Back in the room, then cancelled: the room is free.
    expect(
      (await adviser.patch(`/api/v1/events/${e.id}`, { place: { kind: 'space', spaceId: room.id } }))
        .statusCode,
    ).toBe(200);
    expect((await chloe.post(`/api/v1/spaces/${room.id}/bookings`, slot)).statusCode).toBe(409);
    expect((await adviser.post(`/api/v1/events/${e.id}/cancel`)).statusCode).toBe(200);
    expect((await bookingsOf(adviser, room.id, '2026-12-04')).length).toBe(0);
    expect((await chloe.post(`/api/v1/spaces/${room.id}/bookings`, slot)).statusCode).toBe(201);
    const { rows } = await sql<{ status: string }>`
      select status from community_space_bookings where event_id = ${e.id} order by created_at, status`.execute(
      t.handle.db,
    );
    expect(rows.map((r) => r.status).sort()).toEqual(['cancelled', 'cancelled', 'cancelled']);
  });

  it('a series holds the space for each session; one taken session refuses the whole series', async () => {
    const s = await lilleSpace({
      name: 'Salle des séries',
      kind: 'meeting_room',
      capacity: 12,
      pricePerHourCents: null,
    });
    // Léa has the room on the third Monday.
    expect(
      (
        await lea.post(`/api/v1/spaces/${s.id}/bookings`, {
          startsAt: '2026-12-21T17:00:00Z',
          endsAt: '2026-12-21T17:30:00Z',
        })
      ).statusCode,
    ).toBe(201);
    const series = {
      officeId: lille,
      kind: 'training',
      title: 'Comptabilité pas à pas',
      capacity: 6,
      audience: 'members',
      place: { kind: 'space', spaceId: s.id },
      startsAt: '2026-12-07T17:00:00Z',
      endsAt: '2026-12-07T18:00:00Z',
      recurrence: { frequency: 'weekly', interval: 1, until: '2026-12-28' },
    };
    const before = await snapshot(t.handle, communityTables);
    const refused = await adviser.post('/api/v1/events', series);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().errors[0].code).toBe('event.space_taken');
    expect(await snapshot(t.handle, communityTables)).toBe(before);

    const held = await adviser.post('/api/v1/events', {
      ...series,
      recurrence: { ...series.recurrence, until: '2026-12-20' },
    });
    expect(held.statusCode, held.body).toBe(201);
    expect(held.json().items).toHaveLength(2);
    const weeks = await adviser.get(
      `/api/v1/spaces/${s.id}/bookings?from=2026-12-01T00:00:00Z&to=2026-12-31T00:00:00Z`,
    );
    expect(
      weeks
        .json()
        .items.map((b: { startsAt: string; eventId: string | null }) => [
          new Date(b.startsAt).toISOString(),
          b.eventId !== null,
        ]),
    ).toEqual([
      ['2026-12-07T17:00:00.000Z', true],
      ['2026-12-14T17:00:00.000Z', true],
      ['2026-12-21T17:00:00.000Z', false],
    ]);
  });

  it('an event must fit its space: within its opening hours on every session, no more places than it seats', async () => {
    // Opening hours of the test spaces: 08:30–19:00 Monday to Thursday, 18:00 on Friday (Paris).
    const room = await lilleSpace({
      name: 'Salle Vauban',
      kind: 'meeting_room',
      capacity: 8,
      pricePerHourCents: null,
    });
    const input = {
      officeId: lille,
      kind: 'workshop',
      title: 'Tenir sa trésorerie',
      capacity: 8,
      audience: 'members',
      place: { kind: 'space', spaceId: room.id },
      // Monday 7 December, 17:30–18:30 in Paris.
      startsAt: '2026-12-07T16:30:00Z',
      endsAt: '2026-12-07T17:30:00Z',
    };
    const before = await snapshot(t.handle, communityTables);
    // Until 20:00 while the room closes at 19:00: refused under the start time, nothing created.
    const late = await adviser.post('/api/v1/events', { ...input, endsAt: '2026-12-07T19:00:00Z' });
    expect(late.statusCode).toBe(422);
    expect(late.json()).toMatchObject({
      code: 'event.space_closed',
      errors: [{ pointer: '/startsAt', code: 'event.space_closed' }],
    });
    // Twelve places in a room for eight, and late: both reasons, each under its field, in French too.
    const both = await adviser.post(
      '/api/v1/events',
      { ...input, capacity: 12, endsAt: '2026-12-07T19:00:00Z' },
      { 'accept-language': 'fr' },
    );
    expect(both.statusCode).toBe(422);
    expect(both.json().errors).toEqual([
      expect.objectContaining({ pointer: '/startsAt', code: 'event.space_closed' }),
      expect.objectContaining({
        pointer: '/capacity',
        code: 'event.space_too_small',
        message: expect.stringContaining('L’espace accueille moins de personnes'),
      }),
    ]);
    // A monthly series whose February session falls on a Sunday: the whole series is refused.
    const monthly = await adviser.post('/api/v1/events', {
      ...input,
      recurrence: { frequency: 'monthly', interval: 1, until: '2027-03-01' },
    });
    expect(monthly.statusCode).toBe(422);
    expect(monthly.json().errors[0]).toMatchObject({ pointer: '/startsAt', code: 'event.space_closed' });
    expect(await snapshot(t.handle, communityTables)).toBe(before);

    // Within the hours and the seats, weekly on Mondays: created, each session holding the room.
    const weekly = await adviser.post('/api/v1/events', {
      ...input,
      recurrence: { frequency: 'weekly', interval: 1, until: '2026-12-21' },
    });
    expect(weekly.statusCode, weekly.body).toBe(201);
    const [first] = weekly.json().items as { id: string }[];

    // Raising the places above the seats is refused; up to them it is not.
    const bigger = await adviser.patch(`/api/v1/events/${first!.id}`, { capacity: 9 });
    expect(bigger.statusCode).toBe(422);
    expect(bigger.json().errors).toEqual([
      expect.objectContaining({ pointer: '/capacity', code: 'event.space_too_small' }),
    ]);
    expect((await adviser.patch(`/api/v1/events/${first!.id}`, { capacity: 6 })).statusCode).toBe(200);

    // An evening event at an address cannot move into the room, which closes before it ends.
    const evening = await lilleEvent({ title: 'Apéro des membres' });
    const moved = await adviser.patch(`/api/v1/events/${evening.id}`, {
      place: { kind: 'space', spaceId: room.id },
    });
    expect(moved.statusCode).toBe(422);
    expect(moved.json().errors[0]).toMatchObject({ pointer: '/startsAt', code: 'event.space_closed' });
    expect((await adviser.get(`/api/v1/events/${evening.id}`)).json().place.kind).toBe('address');
  });

  it('an event and bookings asking for the same time at once: the constraint lets one in', async () => {
    const s = await lilleSpace({ name: 'Studio disputé', pricePerHourCents: null });
    const at = { startsAt: '2026-12-08T13:00:00Z', endsAt: '2026-12-08T14:00:00Z' };
    const results = await Promise.all([
      adviser.post('/api/v1/events', {
        officeId: lille,
        kind: 'workshop',
        title: 'Atelier disputé',
        capacity: 4,
        audience: 'members',
        place: { kind: 'space', spaceId: s.id },
        ...at,
      }),
      ...Array.from({ length: 12 }, (_, i) =>
        [lea, chloe, karim][i % 3]!.post(`/api/v1/spaces/${s.id}/bookings`, at),
      ),
    ]);
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(12);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from community_space_bookings where space_id = ${s.id} and status = 'booked'`.execute(
      t.handle.db,
    );
    expect(rows[0]!.n).toBe(1);
    // Whoever lost is told what holds the space.
    const winner = results.findIndex((r) => r.statusCode === 201);
    for (const [i, r] of results.entries()) {
      if (i === winner) continue;
      const expected =
        i === 0 ? 'event.space_taken' : winner === 0 ? 'booking.during_event' : 'booking.overlap';
      expect(r.json().code).toBe(expected);
    }
  });

  it('migration 0021 gives events already in a space their hold, unless a member booked that time first', async () => {
    const s = await lilleSpace({ name: 'Salle d’avant', kind: 'meeting_room', pricePerHourCents: null });
    const free = await lilleEvent({
      title: 'Déjà là',
      ...inSpace(s.id, '2026-12-09T13:00:00Z', '2026-12-09T14:00:00Z'),
    });
    const clashing = await lilleEvent({
      title: 'Déjà là aussi',
      ...inSpace(s.id, '2026-12-09T15:00:00Z', '2026-12-09T16:00:00Z'),
    });
    // As before the migration: no holds, and a member's booking at the second event's time.
    await sql`delete from community_space_bookings where event_id in (${free.id}, ${clashing.id})`.execute(
      t.handle.db,
    );
    expect(
      (
        await lea.post(`/api/v1/spaces/${s.id}/bookings`, {
          startsAt: '2026-12-09T15:30:00Z',
          endsAt: '2026-12-09T16:00:00Z',
        })
      ).statusCode,
    ).toBe(201);
    const migration = await readFile(
      new URL('../db/migrations/0021_event_space_holds.sql', import.meta.url),
      'utf8',
    );
    const backfill = migration.slice(migration.indexOf('insert into community_space_bookings'));
    await sql.raw(backfill).execute(t.handle.db);
    await sql.raw(backfill).execute(t.handle.db);
    const items = await bookingsOf(adviser, s.id, '2026-12-09');
    expect(items.map((b) => [b.eventId, b.memberName])).toEqual([
      [free.id, null],
      [null, 'Léa Martin'],
    ]);
  });
});
