// The life of the cooperative: events run by the offices (registrations, waiting list, reminders,
// attendance, the public page of each office, calendar files and feeds) and the offices' spaces
// (bookings that cannot overlap, charged to the member's activity through the ledger).
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Actor, can, canInOffice } from '../../domain/access.ts';
import { admits, audiencesFor, publicAudiences } from '../../domain/community/audience.ts';
import { buildCalendar, type CalendarEvent } from '../../domain/community/ics.ts';
import { occurrences } from '../../domain/community/recurrence.ts';
import type {
  BookingInput,
  BookingView,
  EventInput,
  EventPatch,
  EventView,
  ProspectInput,
  PublicEventView,
  SpaceInput,
  SpacePatch,
  SpaceView,
} from '../../domain/community/schemas.ts';
import {
  bookingPrice,
  cancelsFree,
  type EventFitProblem,
  eventFitProblems,
  monthBounds,
  occupancy as occupancyOf,
  openMinutesInMonth,
  slotProblem,
} from '../../domain/community/spaces.ts';
import { officeTimeZone } from '../../domain/community/time.ts';
import {
  confirmationDelayMs,
  type LiveRegistration,
  placeFor,
  reconcile,
  waitlistPosition,
} from '../../domain/community/waitlist.ts';
import { DomainError, type ErrorCode, notFound } from '../../domain/errors.ts';
import { type Language, messageFor } from '../../domain/messages.ts';
import { recordAudit } from '../audit/service.ts';
import type { Ctx, Deps } from '../context.ts';
import { transact } from '../db/transaction.ts';
import { createPdf } from '../documents/pdf.ts';
import { enqueue } from '../jobs/outbox.ts';
import { postEntry, reverseEntryIn } from '../ledger/service.ts';
import type { MailMessage } from '../mail/mailer.ts';
import * as store from './store.ts';

type Trx = Parameters<Parameters<typeof transact>[1]>[0];

const refuse = (code: ErrorCode, pointer?: string) =>
  new DomainError(
    code,
    messageFor(code, 'en'),
    pointer ? { errors: [{ pointer, code, message: messageFor(code, 'en') }] } : {},
  );

const invalidField = (pointer: string, code: string) =>
  new DomainError('validation.failed', code, {
    errors: [{ pointer, code, message: messageFor(code, 'en', code) }],
  });

// ——— Presenting ———

const placeLabel = (e: store.EventRow) =>
  e.placeKind === 'space'
    ? `${e.spaceName ?? ''} — ${e.officeAddress}, ${e.officePostalCode} ${e.officeCity}`.replace(/^ — /, '')
    : e.placeKind === 'address'
      ? (e.address ?? '')
      : (e.onlineUrl ?? '');

function toLive(
  rows: readonly {
    id: string;
    status: string;
    seq: number;
    confirmedAt: string | null;
    expiresAt: string | null;
  }[],
) {
  return rows
    .filter((r) => r.status === 'registered' || r.status === 'waitlisted')
    .map(
      (r): LiveRegistration => ({
        id: r.id,
        status: r.status as LiveRegistration['status'],
        confirmed: r.confirmedAt !== null,
        expiresAt: r.expiresAt,
        seq: r.seq,
      }),
    );
}

async function present(ctx: Ctx, e: store.EventRow, now: Date): Promise<EventView> {
  let mine: EventView['mine'] = null;
  if (ctx.actor.memberId) {
    const live = await store.liveRegistrations(ctx.db, e.id);
    const own = live.find((r) => r.memberId === ctx.actor.memberId);
    if (own)
      mine = { id: own.id, status: own.status, waitlistPosition: waitlistPosition(toLive(live), own.id) };
  }
  return presentRow(ctx.actor, e, mine, now);
}

const presentRow = (actor: Actor, e: store.EventRow, mine: EventView['mine'], _now: Date): EventView => ({
  id: e.id,
  officeId: e.officeId,
  officeCode: e.officeCode,
  officeName: e.officeName,
  seriesId: e.seriesId,
  kind: e.kind,
  title: e.title,
  description: e.description,
  startsAt: e.startsAt,
  endsAt: e.endsAt,
  place: {
    kind: e.placeKind,
    spaceId: e.spaceId,
    label: placeLabel(e),
    url: e.placeKind === 'online' ? e.onlineUrl : null,
  },
  capacity: e.capacity,
  audience: e.audience,
  status: e.status,
  registeredCount: e.registeredCount,
  waitlistCount: e.waitlistCount,
  placesLeft: Math.max(0, e.capacity - e.registeredCount),
  mine,
  manageable: canInOffice(actor, 'event.manage', e.officeId),
});

async function loadEvent(ctx: Ctx, id: string) {
  const e = await store.findEvent(ctx.db, id, ctx.clock().toISOString());
  if (!e) throw notFound('Event');
  return e;
}

async function loadManaged(ctx: Ctx, id: string) {
  const e = await loadEvent(ctx, id);
  if (!canInOffice(ctx.actor, 'event.manage', e.officeId))
    throw new DomainError('auth.forbidden', 'Not your office');
  return e;
}

// ——— Dates and e-mails ———

const when = (e: { startsAt: string; endsAt: string }, lang: Language) => {
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  const day = new Intl.DateTimeFormat(locale, { timeZone: officeTimeZone, dateStyle: 'full' }).format(
    new Date(e.startsAt),
  );
  const time = new Intl.DateTimeFormat(locale, { timeZone: officeTimeZone, timeStyle: 'short' });
  return `${day}, ${time.format(new Date(e.startsAt))}–${time.format(new Date(e.endsAt))}`;
};

const uidOf = (deps: Deps, eventId: string) => `${eventId}@${new URL(deps.publicUrl).hostname}`;

const calendarEvent = (deps: Deps, e: store.EventRow): CalendarEvent => ({
  uid: uidOf(deps, e.id),
  startsAt: new Date(e.startsAt),
  endsAt: new Date(e.endsAt),
  summary: e.title,
  description: e.description,
  location: placeLabel(e),
  url: `${deps.publicUrl}/events/${e.id}`,
  status: e.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
  // Each change of the event bumps its revision: seconds since creation of the row's last update.
  sequence: Math.floor(new Date(e.updatedAt).getTime() / 1000) % 2_000_000_000,
});

const icsAttachment = (
  deps: Deps,
  e: store.EventRow,
  now: Date,
  method: 'PUBLISH' | 'CANCEL' = 'PUBLISH',
) => ({
  filename: 'evenement.ics',
  contentType: `text/calendar; charset=utf-8; method=${method}`,
  content: buildCalendar({ stamp: now, method, events: [calendarEvent(deps, e)] }),
});

type Recipient = { name: string; email: string };

/**
 * The secret of a prospect's link to unregister: an HMAC of the registration under a key derived from
 * the server's secret, so nothing is stored and the link works as long as the registration lives.
 */
const cancelToken = (deps: Pick<Deps, 'signingKey'>, registrationId: string) =>
  createHmac('sha256', createHmac('sha256', deps.signingKey).update('commune/event-unregister').digest())
    .update(registrationId)
    .digest('base64url');

const cancelLink = (deps: Deps, officeCode: string, registrationId: string) =>
  `${deps.publicUrl}/agences/${encodeURIComponent(officeCode)}/desinscription?registration=${registrationId}&token=${cancelToken(deps, registrationId)}`;

/** What a prospect's e-mails carry besides the text: their link to unregister (members use the app). */
const prospectLinks = (r: { id: string; memberId: string | null }) =>
  r.memberId ? {} : { registrationId: r.id };

function eventMail(
  deps: Deps,
  kind: 'registered' | 'waitlisted' | 'promoted' | 'confirm' | 'reminder' | 'cancelled' | 'already',
  to: Recipient,
  e: store.EventRow,
  now: Date,
  extra: { link?: string; position?: number | null; registrationId?: string } = {},
): MailMessage {
  const fr = when(e, 'fr');
  const en = when(e, 'en');
  const place = placeLabel(e);
  const texts: Record<typeof kind, { subject: string; fr: string[]; en: string[] }> = {
    registered: {
      subject: `Inscription confirmée — ${e.title}`,
      fr: [
        `Votre inscription à « ${e.title} » est confirmée.`,
        `${fr}`,
        `Lieu : ${place}`,
        'L’invitation est jointe (fichier .ics) pour votre agenda.',
      ],
      en: [`You are registered for “${e.title}”, ${en}. The calendar file is attached.`],
    },
    waitlisted: {
      subject: `Liste d’attente — ${e.title}`,
      fr: [
        `« ${e.title} » est complet : vous êtes en liste d’attente (position ${extra.position ?? '?'}).`,
        `${fr}`,
        'Si une place se libère, elle vous est attribuée automatiquement et vous recevez un e-mail.',
      ],
      en: [
        `“${e.title}” is full: you are on the waiting list (position ${extra.position ?? '?'}). A freed place goes to you automatically.`,
      ],
    },
    promoted: {
      subject: `Une place s’est libérée — ${e.title}`,
      fr: [
        `Une place s’est libérée : vous êtes inscrit·e à « ${e.title} ».`,
        `${fr}`,
        `Lieu : ${place}`,
        'L’invitation est jointe (fichier .ics).',
      ],
      en: [`A place was freed: you are now registered for “${e.title}”, ${en}.`],
    },
    confirm: {
      subject: `Confirmez votre inscription — ${e.title}`,
      fr: [
        `Pour confirmer votre inscription à « ${e.title} » (${fr}), ouvrez ce lien dans les 24 heures :`,
        extra.link ?? '',
        'Sans confirmation, la place est libérée. Si vous n’avez rien demandé, ignorez ce message.',
      ],
      en: [`To confirm your registration for “${e.title}” (${en}), open the link above within 24 hours.`],
    },
    reminder: {
      subject: `Rappel : demain — ${e.title}`,
      fr: [
        `Rappel : « ${e.title} » a lieu demain.`,
        `${fr}`,
        `Lieu : ${place}`,
        'Empêché·e ? Désinscrivez-vous pour laisser la place.',
      ],
      en: [`Reminder: “${e.title}” is tomorrow, ${en}. Can’t come? Unregister to free the place.`],
    },
    cancelled: {
      subject: `Annulé — ${e.title}`,
      fr: [`« ${e.title} » (${fr}) est annulé. Nous sommes désolés.`],
      en: [`“${e.title}” (${en}) is cancelled. We are sorry.`],
    },
    already: {
      subject: `Déjà inscrit·e — ${e.title}`,
      fr: [`Vous êtes déjà inscrit·e à « ${e.title} » (${fr}). Rien de plus à faire.`],
      en: [`You are already registered for “${e.title}” (${en}). Nothing more to do.`],
    },
  };
  const t = texts[kind];
  // A prospect has no account: the link to give up their place (or their rank) comes in each e-mail.
  const unregister =
    extra.registrationId && kind !== 'cancelled' && kind !== 'already'
      ? cancelLink(deps, e.officeCode, extra.registrationId)
      : null;
  const frLines = unregister
    ? [...t.fr, '', `Vous ne pourrez pas venir ? Libérez votre place : ${unregister}`]
    : t.fr;
  const enLines = unregister ? [...t.en, `Can’t come? Free your place: ${unregister}`] : t.en;
  const attach = kind === 'registered' || kind === 'promoted' || kind === 'reminder' || kind === 'cancelled';
  return {
    to: to.email,
    subject: `${t.subject} · ${e.officeName}`,
    text: [`Bonjour ${to.name},`, '', ...frLines, '', '—', ...enLines, '', `Commune · ${e.officeName}`].join(
      '\n',
    ),
    ...(attach
      ? { attachments: [icsAttachment(deps, e, now, kind === 'cancelled' ? 'CANCEL' : 'PUBLISH')] }
      : {}),
  };
}

const recipientOf = (r: store.RegistrationRow): Recipient => ({
  name: r.memberId ? `${r.firstName ?? ''} ${r.lastName ?? ''}`.trim() : (r.name ?? ''),
  email: (r.memberId ? r.memberEmail : r.email) ?? '',
});

/** Queues the reminder for the day before (none when the event is less than a day away). */
async function scheduleReminder(
  trx: Trx,
  deps: Deps,
  r: store.RegistrationRow,
  e: store.EventRow,
  now: Date,
) {
  const at = new Date(new Date(e.startsAt).getTime() - 24 * 3_600_000);
  if (at.getTime() <= now.getTime()) return;
  const { id } = await store.enqueueAt(
    trx,
    eventMail(deps, 'reminder', recipientOf(r), e, now, prospectLinks(r)),
    at.toISOString(),
  );
  await store.setReminder(trx, r.id, id);
}

/**
 * Brings the event's list up to date inside the caller's transaction (the event row locked):
 * unconfirmed registrations past their delay expire, freed places go to the waiting list in order,
 * and each promoted person is told by e-mail with the calendar file.
 */
async function settle(trx: Trx, deps: Deps, eventId: string, capacity: number, now: Date) {
  const live = await store.liveRegistrations(trx, eventId);
  const r = reconcile(capacity, toLive(live), now);
  const at = now.toISOString();
  await store.setRegistrations(trx, r.expire, { status: 'expired', updatedAt: at });
  await store.withdrawQueued(
    trx,
    live
      .filter((x) => r.expire.includes(x.id) && x.reminderOutboxId)
      .map((x) => x.reminderOutboxId as number),
    at,
  );
  if (r.promote.length) {
    await store.setRegistrations(trx, r.promote, { status: 'registered', updatedAt: at });
    const e = await store.findEvent(trx, eventId, at);
    if (!e) throw notFound('Event');
    for (const id of r.promote) {
      const row = live.find((x) => x.id === id) as store.RegistrationRow;
      await enqueue(trx, {
        kind: 'email',
        payload: eventMail(deps, 'promoted', recipientOf(row), e, now, prospectLinks(row)),
      });
      await scheduleReminder(trx, deps, row, e, now);
    }
  }
  return r;
}

// ——— Events: staff ———

export async function listEvents(
  ctx: Ctx,
  f: { officeId?: string; from?: string; to?: string; mine?: boolean; includeCancelled?: boolean },
) {
  if (!can(ctx.actor, 'event.list')) throw notFound('Events');
  const now = ctx.clock();
  if (f.mine && !ctx.actor.memberId) return { items: [] };
  const rows = await store.listEvents(
    ctx.db,
    {
      officeId: f.officeId,
      from: f.from ?? now.toISOString(),
      to: f.to,
      includeCancelled: f.includeCancelled,
      memberId: f.mine ? (ctx.actor.memberId ?? undefined) : undefined,
      audiences: await audiencesShown(ctx),
    },
    now.toISOString(),
    300,
  );
  return { items: await Promise.all(rows.map((e) => present(ctx, e, now))) };
}

/** Staff see every event; a person with only a member's account, the events meant for them. */
async function audiencesShown(ctx: Ctx) {
  if (ctx.actor.roles.some((r) => r !== 'member') || !ctx.actor.memberId) return undefined;
  const member = await store.memberContact(ctx.db, ctx.actor.memberId);
  return member ? audiencesFor(member.status) : undefined;
}

export async function getEvent(ctx: Ctx, id: string) {
  if (!can(ctx.actor, 'event.list')) throw notFound('Event');
  return present(ctx, await loadEvent(ctx, id), ctx.clock());
}

/** The space an event is placed in, when it is one of the event's office. */
async function checkPlace(trx: Trx, officeId: string, place: EventInput['place']) {
  if (place.kind !== 'space') return null;
  const space = await store.findSpace(trx, place.spaceId);
  if (!space || space.officeId !== officeId) throw refuse('event.space_elsewhere', '/place/spaceId');
  return space;
}

// Where the editor shows each refusal: times under the date, places under the capacity.
const fitPointers: Record<EventFitProblem, string> = {
  'event.space_closed': '/startsAt',
  'event.space_too_small': '/capacity',
};

/** Refuses an event that does not fit its space, every reason under its own field. */
function checkFit(
  space: store.SpaceRow,
  event: { capacity: number; sessions: readonly { startsAt: Date; endsAt: Date }[] },
) {
  const problems = eventFitProblems(space, event);
  const first = problems[0];
  if (!first) return;
  throw new DomainError(first, messageFor(first, 'en'), {
    errors: problems.map((code) => ({ pointer: fitPointers[code], code, message: messageFor(code, 'en') })),
  });
}

const placeColumns = (place: EventInput['place']) => ({
  placeKind: place.kind,
  spaceId: place.kind === 'space' ? place.spaceId : null,
  address: place.kind === 'address' ? place.address : null,
  onlineUrl: place.kind === 'online' ? place.url : null,
});

const isOverlap = (e: unknown) => {
  const err = e as { code?: string; constraint?: string; message?: string };
  return err?.code === '23P01' || String(err?.message).includes('community_space_bookings_no_overlap');
};

/**
 * An event in a space holds it for its time: a booking row of the event, kept apart from members'
 * bookings by the same exclusion constraint. What already holds the space is looked up first for a
 * clear refusal; the constraint still decides against a booking made meanwhile.
 */
async function holdSpace(
  trx: Trx,
  spaceId: string,
  sessions: readonly { eventId: string; startsAt: string; endsAt: string }[],
  now: Date,
) {
  const taken = () => refuse('event.space_taken', '/place/spaceId');
  if ((await store.bookedDuring(trx, spaceId, sessions)).length) throw taken();
  await store
    .insertHolds(
      trx,
      sessions.map((s) => ({ ...s, spaceId, createdAt: now.toISOString() })),
    )
    .catch((e: unknown) => {
      if (isOverlap(e)) throw taken();
      throw e;
    });
}

/** Brings an event's hold in line with its place and time: the old one freed, a new one taken. */
async function syncHold(
  trx: Trx,
  e: { id: string; spaceId: string | null; startsAt: string; endsAt: string },
  now: Date,
) {
  const hold = await store.liveHold(trx, e.id);
  const same = (a: string, b: string) => new Date(a).getTime() === new Date(b).getTime();
  if (hold && hold.spaceId === e.spaceId && same(hold.startsAt, e.startsAt) && same(hold.endsAt, e.endsAt))
    return;
  if (hold) await store.releaseHold(trx, e.id, now.toISOString());
  if (e.spaceId)
    await holdSpace(trx, e.spaceId, [{ eventId: e.id, startsAt: e.startsAt, endsAt: e.endsAt }], now);
}

export async function createEvents(ctx: Ctx, input: EventInput) {
  if (!(await store.officeExists(ctx.db, input.officeId))) throw invalidField('/officeId', 'office.unknown');
  if (!canInOffice(ctx.actor, 'event.manage', input.officeId))
    throw new DomainError('auth.forbidden', 'Not your office');
  const now = ctx.clock();
  if (new Date(input.startsAt) <= now) throw refuse('event.past', '/startsAt');
  const sessions = occurrences(
    { startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt) },
    input.recurrence
      ? {
          frequency: input.recurrence.frequency,
          interval: input.recurrence.interval,
          until: input.recurrence.until,
        }
      : null,
  );
  const seriesId = sessions.length > 1 ? crypto.randomUUID() : null;
  const ids = await transact(ctx.db, async (trx) => {
    const space = await checkPlace(trx, input.officeId, input.place);
    if (space) checkFit(space, { capacity: input.capacity, sessions });
    const rows = await store.insertEvents(
      trx,
      sessions.map((s) => ({
        officeId: input.officeId,
        seriesId,
        kind: input.kind,
        title: input.title,
        description: input.description,
        startsAt: s.startsAt.toISOString(),
        endsAt: s.endsAt.toISOString(),
        ...placeColumns(input.place),
        capacity: input.capacity,
        audience: input.audience,
        createdBy: ctx.actor.userId,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      })),
    );
    if (input.place.kind === 'space')
      await holdSpace(
        trx,
        input.place.spaceId,
        rows.map((r, i) => {
          const session = sessions[i] as (typeof sessions)[number];
          return {
            eventId: r.id,
            startsAt: session.startsAt.toISOString(),
            endsAt: session.endsAt.toISOString(),
          };
        }),
        now,
      );
    await recordAudit(
      trx,
      ctx,
      'event.create',
      { type: 'event', id: rows[0]?.id ?? '' },
      {
        title: input.title,
        officeId: input.officeId,
        sessions: rows.length,
        seriesId,
      },
    );
    return rows.map((r) => r.id);
  });
  return { items: await Promise.all(ids.map((id) => getEvent(ctx, id))) };
}

export async function updateEvent(ctx: Ctx, id: string, patch: EventPatch) {
  const before = await loadManaged(ctx, id);
  if (before.status === 'cancelled') throw refuse('event.cancelled');
  const now = ctx.clock();
  await transact(ctx.db, async (trx) => {
    const locked = await store.lockEvent(trx, id);
    if (!locked) throw notFound('Event');
    const capacity = patch.capacity ?? locked.capacity;
    const times = { startsAt: new Date(before.startsAt), endsAt: new Date(before.endsAt) };
    if (patch.place) {
      const space = await checkPlace(trx, before.officeId, patch.place);
      if (space) checkFit(space, { capacity, sessions: [times] });
    } else if (patch.capacity !== undefined && before.placeKind === 'space' && before.spaceId) {
      // Staying in its space, only the places are checked: a change of capacity never fails on
      // hours set before events had to fit them.
      const space = await store.findSpace(trx, before.spaceId);
      if (space) checkFit(space, { capacity, sessions: [] });
    }
    if (patch.capacity !== undefined) {
      const holding = reconcile(locked.capacity, toLive(await store.liveRegistrations(trx, id)), now).taken;
      if (patch.capacity < holding) throw refuse('event.capacity_below_registered', '/capacity');
    }
    const { place, ...rest } = patch;
    await store.updateEvent(trx, id, {
      ...rest,
      ...(place ? placeColumns(place) : {}),
      updatedAt: now.toISOString(),
    });
    // Only a change of place touches the hold: other edits never fail on a member's booking made
    // before events held their space (migration 0021).
    if (place)
      await syncHold(
        trx,
        {
          id,
          spaceId: place.kind === 'space' ? place.spaceId : null,
          startsAt: before.startsAt,
          endsAt: before.endsAt,
        },
        now,
      );
    // A larger room lets the waiting list in.
    await settle(trx, ctx, id, patch.capacity ?? locked.capacity, now);
    await recordAudit(trx, ctx, 'event.update', { type: 'event', id }, patch);
  });
  return getEvent(ctx, id);
}

export async function cancelEvent(ctx: Ctx, id: string) {
  const e = await loadManaged(ctx, id);
  if (e.status === 'cancelled') throw refuse('event.cancelled');
  const now = ctx.clock();
  await transact(ctx.db, async (trx) => {
    await store.lockEvent(trx, id);
    const live = await store.liveRegistrations(trx, id);
    await store.updateEvent(trx, id, { status: 'cancelled', updatedAt: now.toISOString() });
    // The space it held is free again for members' bookings.
    await store.releaseHold(trx, id, now.toISOString());
    const cancelled = { ...e, status: 'cancelled' as const, updatedAt: now.toISOString() };
    await store.setRegistrations(
      trx,
      live.map((r) => r.id),
      { status: 'cancelled', updatedAt: now.toISOString() },
    );
    await store.withdrawQueued(
      trx,
      live.flatMap((r) => (r.reminderOutboxId ? [r.reminderOutboxId] : [])),
      now.toISOString(),
    );
    for (const r of live)
      if (r.confirmedAt)
        await enqueue(trx, {
          kind: 'email',
          payload: eventMail(ctx, 'cancelled', recipientOf(r), cancelled, now),
        });
    await recordAudit(trx, ctx, 'event.cancel', { type: 'event', id }, { registrations: live.length });
  });
  return getEvent(ctx, id);
}

// ——— Events: members ———

function checkOpen(e: { status: string; startsAt: string }, now: Date) {
  if (e.status === 'cancelled') throw refuse('event.cancelled');
  if (new Date(e.startsAt) <= now) throw refuse('event.past');
}

export async function register(ctx: Ctx, eventId: string) {
  const e = await loadEvent(ctx, eventId);
  const memberId = ctx.actor.memberId;
  if (!can(ctx.actor, 'event.register') || !memberId)
    throw new DomainError('auth.forbidden', 'Members register');
  const now = ctx.clock();
  checkOpen(e, now);
  const member = await store.memberContact(ctx.db, memberId);
  if (!member) throw notFound('Member');
  if (!admits(e.audience, member.status)) throw refuse('event.members_only');
  await transact(ctx.db, async (trx) => {
    // The event row lock queues concurrent registrations: the last place goes to one of them only.
    const locked = await store.lockEvent(trx, eventId);
    if (!locked) throw notFound('Event');
    checkOpen(locked, now);
    const r = await settle(trx, ctx, eventId, locked.capacity, now);
    const live = await store.liveRegistrations(trx, eventId);
    if (live.some((x) => x.memberId === memberId)) throw refuse('event.already_registered');
    const status = placeFor(locked.capacity, r.taken);
    const at = now.toISOString();
    const { id } = await store.insertRegistration(trx, {
      eventId,
      memberId,
      name: null,
      email: null,
      status,
      confirmedAt: at,
      expiresAt: null,
      confirmTokenHash: null,
      createdAt: at,
      updatedAt: at,
    });
    const fresh = await store.findEvent(trx, eventId, at);
    if (!fresh) throw notFound('Event');
    const after = await store.liveRegistrations(trx, eventId);
    const row = after.find((x) => x.id === id) as store.RegistrationRow;
    const who = { name: `${member.firstName} ${member.lastName}`, email: member.email };
    await enqueue(trx, {
      kind: 'email',
      payload: eventMail(ctx, status, who, fresh, now, { position: waitlistPosition(toLive(after), id) }),
    });
    if (status === 'registered') await scheduleReminder(trx, ctx, row, fresh, now);
    await recordAudit(trx, ctx, 'event.register', { type: 'event', id: eventId }, { memberId, status });
  });
  return getEvent(ctx, eventId);
}

export async function unregister(ctx: Ctx, eventId: string) {
  const e = await loadEvent(ctx, eventId);
  const memberId = ctx.actor.memberId;
  if (!memberId) throw new DomainError('auth.forbidden', 'Members register');
  const now = ctx.clock();
  if (new Date(e.startsAt) <= now) throw refuse('event.past');
  await transact(ctx.db, async (trx) => {
    const locked = await store.lockEvent(trx, eventId);
    if (!locked) throw notFound('Event');
    const live = await store.liveRegistrations(trx, eventId);
    const own = live.find((x) => x.memberId === memberId);
    if (!own) throw refuse('event.not_registered');
    await store.setRegistrations(trx, [own.id], { status: 'cancelled', updatedAt: now.toISOString() });
    if (own.reminderOutboxId) await store.withdrawQueued(trx, [own.reminderOutboxId], now.toISOString());
    // The freed place goes to the first person waiting.
    if (locked.status === 'scheduled') await settle(trx, ctx, eventId, locked.capacity, now);
    await recordAudit(
      trx,
      ctx,
      'event.unregister',
      { type: 'event', id: eventId },
      { memberId, was: own.status },
    );
  });
  return getEvent(ctx, eventId);
}

// ——— Attendance ———

const displayName = (r: {
  memberId: string | null;
  firstName: string | null;
  lastName: string | null;
  name: string | null;
}) => (r.memberId ? `${r.lastName ?? ''} ${r.firstName ?? ''}`.trim() : (r.name ?? ''));

export async function attendance(ctx: Ctx, eventId: string) {
  const e = await loadManaged(ctx, eventId);
  const rows = await store.liveRegistrations(ctx.db, eventId);
  const live = toLive(rows);
  const now = ctx.clock();
  return {
    event: presentRow(ctx.actor, e, null, now),
    registrations: rows
      .filter((r) => r.confirmedAt !== null || (r.expiresAt !== null && new Date(r.expiresAt) > now))
      .map((r) => ({
        id: r.id,
        memberId: r.memberId,
        name: displayName(r),
        email: r.memberId ? r.memberEmail : r.email,
        status: r.status,
        confirmed: r.confirmedAt !== null,
        waitlistPosition: waitlistPosition(live, r.id),
        attended: r.attended,
        createdAt: r.createdAt,
      })),
  };
}

export async function recordAttendance(
  ctx: Ctx,
  eventId: string,
  marks: readonly { registrationId: string; attended: boolean | null }[],
) {
  await loadManaged(ctx, eventId);
  const now = ctx.clock().toISOString();
  await transact(ctx.db, async (trx) => {
    for (const [i, m] of marks.entries()) {
      const r = await store.markAttendance(trx, eventId, m.registrationId, m.attended, now);
      if (!r.numUpdatedRows) throw invalidField(`/marks/${i}/registrationId`, 'registration.unknown');
    }
    await recordAudit(trx, ctx, 'event.attendance', { type: 'event', id: eventId }, { marks: marks.length });
  });
  return attendance(ctx, eventId);
}

/** The sheet staff print for the session: one line per registered person, a column to sign. */
export async function attendancePdf(ctx: Ctx, eventId: string): Promise<Uint8Array> {
  const { event, registrations } = await attendance(ctx, eventId);
  const lang = ctx.lang;
  const present = registrations.filter((r) => r.status === 'registered');
  const t =
    lang === 'fr'
      ? {
          title: 'Feuille d’émargement',
          name: 'Nom',
          contact: 'E-mail',
          kind: 'Statut',
          sign: 'Signature',
          member: 'membre',
          prospect: 'prospect',
          here: 'présent·e',
          count: 'inscrit·es',
        }
      : {
          title: 'Attendance sheet',
          name: 'Name',
          contact: 'E-mail',
          kind: 'Status',
          sign: 'Signature',
          member: 'member',
          prospect: 'prospect',
          here: 'present',
          count: 'registered',
        };
  const pdf = createPdf({
    title: `${t.title} — ${event.title}`,
    language: lang,
    createdAt: new Date(event.startsAt),
    footer: `Commune · ${event.officeName}`,
  });
  pdf.header(
    { title: t.title, lines: [event.title, when(event, lang)] },
    {
      align: 'right',
      title: event.officeName,
      lines: [event.place.label, `${present.length} ${t.count} / ${event.capacity}`],
    },
  );
  pdf.space(12);
  pdf.table(
    [
      { header: '#', width: 0.06, align: 'right' },
      { header: t.name, width: 0.3 },
      { header: t.contact, width: 0.3 },
      { header: t.kind, width: 0.12 },
      { header: t.sign, width: 0.22 },
    ],
    present.map((r, i) => [
      String(i + 1),
      r.name,
      r.email ?? '',
      r.memberId ? t.member : t.prospect,
      r.attended ? t.here : '',
    ]),
  );
  return pdf.toBytes();
}

// ——— Public page and prospects ———

const toPublic = (e: store.EventRow): PublicEventView => ({
  id: e.id,
  kind: e.kind,
  title: e.title,
  description: e.description,
  startsAt: e.startsAt,
  endsAt: e.endsAt,
  audience: e.audience,
  place: { kind: e.placeKind, label: e.placeKind === 'online' ? 'En ligne / online' : placeLabel(e) },
  full: e.registeredCount >= e.capacity,
});

export async function publicOffice(deps: Deps, code: string) {
  const office = await store.findOfficeByCode(deps.db, code);
  if (!office) throw notFound('Office');
  const now = deps.clock().toISOString();
  const rows = await store.listEvents(
    deps.db,
    { officeId: office.id, from: now, audiences: publicAudiences },
    now,
    100,
  );
  return { ...office, events: rows.filter((e) => e.startsAt > now).map(toPublic) };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * A prospect registers with a name and an e-mail: the place is held for 24 hours and a link to
 * confirm is e-mailed. The answer is the same whether or not the address was already registered.
 */
export async function registerProspect(deps: Deps, eventId: string, input: ProspectInput) {
  const now = deps.clock();
  const at = now.toISOString();
  const e = await store.findEvent(deps.db, eventId, at);
  if (!e || !(publicAudiences as readonly string[]).includes(e.audience)) throw notFound('Event');
  checkOpen(e, now);
  const email = input.email.trim().toLowerCase();
  await transact(deps.db, async (trx) => {
    const locked = await store.lockEvent(trx, eventId);
    if (!locked) throw notFound('Event');
    const r = await settle(trx, deps, eventId, locked.capacity, now);
    const live = await store.liveRegistrations(trx, eventId);
    const fresh = (await store.findEvent(trx, eventId, at)) as store.EventRow;
    const token = randomBytes(32).toString('base64url');
    const link = `${deps.publicUrl}/agences/${encodeURIComponent(e.officeCode)}/confirmation?token=${token}`;
    const already = live.find((x) => !x.memberId && x.email?.toLowerCase() === email);
    if (already?.confirmedAt) {
      await enqueue(trx, {
        kind: 'email',
        payload: eventMail(deps, 'already', { name: input.name, email }, fresh, now),
      });
      return;
    }
    let registrationId: string;
    if (already) {
      // A new link replaces the old one; the place stays held from the first request.
      await trx
        .updateTable('communityEventRegistrations')
        .set({ confirmTokenHash: sha256(token), updatedAt: at })
        .where('id', '=', already.id)
        .execute();
      registrationId = already.id;
    } else {
      ({ id: registrationId } = await store.insertRegistration(trx, {
        eventId,
        memberId: null,
        name: input.name,
        email,
        status: placeFor(locked.capacity, r.taken),
        confirmedAt: null,
        expiresAt: new Date(now.getTime() + confirmationDelayMs).toISOString(),
        confirmTokenHash: sha256(token),
        createdAt: at,
        updatedAt: at,
      }));
    }
    await enqueue(trx, {
      kind: 'email',
      payload: eventMail(deps, 'confirm', { name: input.name, email }, fresh, now, { link, registrationId }),
    });
  });
  return { status: 'pending' as const };
}

export async function confirmProspect(deps: Deps, token: string) {
  const now = deps.clock();
  const at = now.toISOString();
  return transact(deps.db, async (trx) => {
    const found = await store.findByTokenHash(trx, sha256(token));
    const expired =
      !found ||
      found.status === 'expired' ||
      found.status === 'cancelled' ||
      (found.expiresAt !== null && new Date(found.expiresAt) <= now);
    if (!found || expired) throw refuse('registration.link_invalid');
    const locked = await store.lockEvent(trx, found.eventId);
    if (!locked) throw notFound('Event');
    checkOpen(locked, now);
    await store.confirmRegistration(trx, found.id, at);
    // A waiting prospect who confirms may get a free place at once.
    await settle(trx, deps, found.eventId, locked.capacity, now);
    const live = await store.liveRegistrations(trx, found.eventId);
    const row = live.find((x) => x.id === found.id) as store.RegistrationRow;
    const e = (await store.findEvent(trx, found.eventId, at)) as store.EventRow;
    const who = { name: found.name ?? '', email: found.email ?? '' };
    if (row.status === 'registered') {
      await enqueue(trx, {
        kind: 'email',
        payload: eventMail(deps, 'registered', who, e, now, prospectLinks(row)),
      });
      if (!row.reminderOutboxId) await scheduleReminder(trx, deps, row, e, now);
    } else {
      await enqueue(trx, {
        kind: 'email',
        payload: eventMail(deps, 'waitlisted', who, e, now, {
          position: waitlistPosition(toLive(live), row.id),
          ...prospectLinks(row),
        }),
      });
    }
    await recordAudit(
      trx,
      { actor: null },
      'event.prospect_confirm',
      { type: 'event', id: found.eventId },
      { registrationId: found.id },
    );
    return {
      status: row.status as 'registered' | 'waitlisted',
      waitlistPosition: waitlistPosition(toLive(live), row.id),
      event: toPublic(e),
    };
  });
}

/** Whether a link's token is the one this registration's link carries (compared in constant time). */
const tokenMatches = (deps: Deps, registrationId: string, token: string) => {
  const expected = Buffer.from(cancelToken(deps, registrationId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
};

/**
 * A prospect gives up their place (or their rank on the waiting list) by the link of their e-mails;
 * the freed place goes to the first person waiting. Opening the link again changes nothing.
 */
export async function cancelProspect(deps: Deps, registrationId: string, token: string) {
  // A link that was not ours answers as an unknown registration: nothing to learn by trying ids.
  if (!tokenMatches(deps, registrationId, token)) throw notFound('Registration');
  const now = deps.clock();
  const at = now.toISOString();
  return transact(deps.db, async (trx) => {
    const found = await store.findRegistration(trx, registrationId);
    if (!found || found.memberId) throw notFound('Registration');
    const locked = await store.lockEvent(trx, found.eventId);
    if (!locked) throw notFound('Event');
    if (found.status === 'registered' || found.status === 'waitlisted') {
      if (new Date(locked.startsAt) <= now) throw refuse('event.past');
      await store.setRegistrations(trx, [found.id], { status: 'cancelled', updatedAt: at });
      if (found.reminderOutboxId) await store.withdrawQueued(trx, [found.reminderOutboxId], at);
      if (locked.status === 'scheduled') await settle(trx, deps, found.eventId, locked.capacity, now);
      await recordAudit(
        trx,
        { actor: null },
        'event.prospect_unregister',
        { type: 'event', id: found.eventId },
        { registrationId: found.id, was: found.status },
      );
    }
    const e = (await store.findEvent(trx, found.eventId, at)) as store.EventRow;
    return { status: 'cancelled' as const, event: toPublic(e) };
  });
}

/**
 * Places held by prospects who did not confirm within their delay go to the waiting list without
 * waiting for the next registration: run on a schedule, each event settled under its lock (running
 * twice changes nothing more).
 */
export async function settleWaitingLists(deps: Deps): Promise<number> {
  const now = deps.clock();
  const ids = await store.eventsWithLapsedHolds(deps.db, now.toISOString());
  for (const { id } of ids)
    await transact(deps.db, async (trx) => {
      const locked = await store.lockEvent(trx, id);
      if (locked?.status !== 'scheduled' || new Date(locked.startsAt) <= now) return;
      await settle(trx, deps, id, locked.capacity, now);
    });
  return ids.length;
}

// ——— Calendar feed ———

const feedUrl = (deps: Deps, token: string) => `${deps.publicUrl}/api/v1/public/calendars/${token}.ics`;

export async function myFeed(ctx: Ctx, rotate = false) {
  const memberId = ctx.actor.memberId;
  if (!memberId) throw notFound('Calendar feed');
  const existing = await store.feedOf(ctx.db, memberId);
  if (existing && !rotate) return { url: feedUrl(ctx, existing.token) };
  const token = randomBytes(32).toString('base64url');
  await transact(ctx.db, async (trx) => {
    await store.saveFeed(trx, memberId, token);
    await recordAudit(
      trx,
      ctx,
      rotate ? 'calendar.rotate' : 'calendar.create',
      { type: 'member', id: memberId },
      {},
    );
  });
  return { url: feedUrl(ctx, token) };
}

export async function feedCalendar(deps: Deps, token: string) {
  const feed = await store.feedByToken(deps.db, token);
  if (!feed) throw notFound('Calendar');
  const now = deps.clock();
  const rows = await store.memberCalendar(
    deps.db,
    feed.memberId,
    new Date(now.getTime() - 31 * 86_400_000).toISOString(),
    now.toISOString(),
  );
  return buildCalendar({ stamp: now, name: 'Commune', events: rows.map((e) => calendarEvent(deps, e)) });
}

// ——— Spaces ———

const presentSpace = (actor: Actor, s: store.SpaceRow): SpaceView => ({
  ...s,
  openingHours: s.openingHours,
  manageable: canInOffice(actor, 'space.manage', s.officeId),
});

export async function listSpaces(ctx: Ctx, f: { officeId?: string; includeInactive?: boolean }) {
  if (!can(ctx.actor, 'space.list')) throw notFound('Spaces');
  const rows = await store.listSpaces(ctx.db, f);
  return { items: rows.map((s) => presentSpace(ctx.actor, s)) };
}

async function loadSpace(ctx: Ctx, id: string) {
  const s = await store.findSpace(ctx.db, id);
  if (!s) throw notFound('Space');
  return s;
}

export const getSpace = async (ctx: Ctx, id: string) => presentSpace(ctx.actor, await loadSpace(ctx, id));

const duplicateName = (e: unknown): never => {
  const err = e as { code?: string; constraint?: string; message?: string };
  if (err?.code === '23505' && `${err.constraint} ${err.message}`.includes('community_spaces_name_key'))
    throw refuse('space.duplicate_name', '/name');
  throw e;
};

export async function createSpace(ctx: Ctx, input: SpaceInput) {
  if (!(await store.officeExists(ctx.db, input.officeId))) throw invalidField('/officeId', 'office.unknown');
  if (!canInOffice(ctx.actor, 'space.manage', input.officeId))
    throw new DomainError('auth.forbidden', 'Not your office');
  const id = await transact(ctx.db, async (trx) => {
    const { id } = await store
      .insertSpace(trx, {
        ...input,
        openingHours: JSON.stringify(input.openingHours),
        updatedAt: ctx.clock().toISOString(),
      })
      .catch(duplicateName);
    await recordAudit(trx, ctx, 'space.create', { type: 'space', id }, { ...input });
    return id;
  });
  return getSpace(ctx, id);
}

export async function updateSpace(ctx: Ctx, id: string, patch: SpacePatch) {
  const s = await loadSpace(ctx, id);
  if (!canInOffice(ctx.actor, 'space.manage', s.officeId))
    throw new DomainError('auth.forbidden', 'Not your office');
  await transact(ctx.db, async (trx) => {
    const { openingHours, ...rest } = patch;
    await store
      .updateSpace(trx, id, {
        ...rest,
        ...(openingHours ? { openingHours: JSON.stringify(openingHours) } : {}),
        updatedAt: ctx.clock().toISOString(),
      })
      .catch(duplicateName);
    await recordAudit(trx, ctx, 'space.update', { type: 'space', id }, { ...patch });
  });
  return getSpace(ctx, id);
}

const presentBooking = (actor: Actor, b: store.BookingRow, audiences?: readonly string[]): BookingView => {
  const mine = b.memberId !== null && actor.memberId === b.memberId;
  const staff = canInOffice(actor, 'space.manage', b.officeId);
  // An event's title goes to those who may see the event (a members' event stays among members).
  const eventShown = b.eventAudience !== null && (!audiences || audiences.includes(b.eventAudience));
  return {
    id: b.id,
    spaceId: b.spaceId,
    spaceName: b.spaceName,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    status: b.status,
    mine,
    // Others' bookings show as busy: the name only to the person and the office's staff.
    memberName: (mine || staff) && b.memberId ? `${b.firstName ?? ''} ${b.lastName ?? ''}`.trim() : null,
    eventId: b.eventId,
    eventTitle: eventShown ? b.eventTitle : null,
    activityId: mine || staff ? b.activityId : null,
    priceCents: mine || staff ? b.priceCents : 0,
    charged: mine || staff ? b.chargeEntryId !== null && b.refundEntryId === null : false,
    note: mine || staff ? b.note : '',
  };
};

export async function spaceBookings(ctx: Ctx, spaceId: string, from: string, to: string) {
  const s = await loadSpace(ctx, spaceId);
  if (new Date(to).getTime() - new Date(from).getTime() > 62 * 86_400_000 || to <= from)
    throw invalidField('/querystring/to', 'range.invalid');
  const rows = await store.listBookings(ctx.db, { spaceId: s.id, from, to });
  const audiences = await audiencesShown(ctx);
  return { items: rows.map((b) => presentBooking(ctx.actor, b, audiences)) };
}

export async function myBookings(ctx: Ctx) {
  const memberId = ctx.actor.memberId;
  if (!memberId) return { items: [] };
  const now = ctx.clock();
  const rows = await store.listBookings(ctx.db, {
    memberId,
    from: new Date(now.getTime() - 31 * 86_400_000).toISOString(),
    to: new Date(now.getTime() + 400 * 86_400_000).toISOString(),
    includeCancelled: true,
  });
  return { items: rows.map((b) => presentBooking(ctx.actor, b)) };
}

/** "08/12/2026 10:00–11:00": the booked time as the member chose it, in the office's time. */
function bookedTime(startsAt: string, endsAt: string) {
  const zone = { timeZone: officeTimeZone } as const;
  const day = new Intl.DateTimeFormat('fr-FR', { ...zone, dateStyle: 'short' }).format(new Date(startsAt));
  const time = new Intl.DateTimeFormat('fr-FR', { ...zone, timeStyle: 'short' });
  return `${day} ${time.format(new Date(startsAt))}–${time.format(new Date(endsAt))}`;
}

/** Internal charge of a space to an activity: an analytic entry, like the cooperative fee. */
const chargeEntry = (
  b: {
    entityId: string;
    activityId: string;
    priceCents: number;
    spaceName: string;
    startsAt: string;
    endsAt: string;
    memberId: string;
  },
  today: string,
  bookingId: string,
) => ({
  entityId: b.entityId,
  journalCode: 'ANA',
  entryDate: today,
  // Read on the member's activity account: the space and the time in the office's hours.
  label: `Réservation ${b.spaceName} ${bookedTime(b.startsAt, b.endsAt)}`.slice(0, 200),
  pieceRef: `RES-${bookingId.slice(0, 8).toUpperCase()}`,
  lines: [
    // The activity pays (969 moves its available balance), the cooperative receives (971).
    { accountNumber: '969', activityId: b.activityId, debitCents: b.priceCents },
    { accountNumber: '971', creditCents: b.priceCents },
  ],
  source: { type: 'space_booking', id: bookingId },
});

export async function book(ctx: Ctx, spaceId: string, input: BookingInput) {
  const s = await loadSpace(ctx, spaceId);
  const memberId = ctx.actor.memberId;
  if (!can(ctx.actor, 'space.book') || !memberId) throw new DomainError('auth.forbidden', 'Members book');
  if (!s.active) throw refuse('space.inactive');
  const now = ctx.clock();
  const slot = { startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt) };
  const problem = slotProblem(s.openingHours, slot, now);
  if (problem) throw invalidField(problem === 'slot.order' ? '/endsAt' : '/startsAt', problem);
  const priceCents = bookingPrice(s.pricePerHourCents, slot, s.pricePerDayCents);
  let activity: Awaited<ReturnType<typeof store.activityOf>> | undefined;
  if (input.activityId) {
    activity = await store.activityOf(ctx.db, input.activityId);
    if (!activity || !(activity.memberIds ?? []).includes(memberId))
      throw invalidField('/activityId', 'activity.unknown');
    if (activity.status !== 'open') throw invalidField('/activityId', 'activity.closed');
  } else if (priceCents > 0) throw refuse('booking.activity_required', '/activityId');
  const id = await transact(ctx.db, async (trx) => {
    const { id } = await store
      .insertBooking(trx, {
        spaceId,
        memberId,
        activityId: activity?.id ?? null,
        startsAt: slot.startsAt.toISOString(),
        endsAt: slot.endsAt.toISOString(),
        priceCents,
        note: input.note,
        createdAt: now.toISOString(),
      })
      .catch((e: unknown) => {
        // The exclusion constraint decides between simultaneous bookings of the same time.
        if (isOverlap(e)) throw refuse('booking.overlap', '/startsAt');
        throw e;
      });
    if (priceCents > 0 && activity) {
      const entry = await postEntry(
        trx,
        ctx.actor,
        chargeEntry(
          {
            entityId: activity.entityId,
            activityId: activity.id,
            priceCents,
            spaceName: s.name,
            startsAt: slot.startsAt.toISOString(),
            endsAt: slot.endsAt.toISOString(),
            memberId,
          },
          now.toISOString().slice(0, 10),
          id,
        ),
        { now },
      );
      await store.setBookingCharge(trx, id, entry.id);
    }
    await recordAudit(
      trx,
      ctx,
      'space.book',
      { type: 'space', id: spaceId },
      { bookingId: id, startsAt: input.startsAt, endsAt: input.endsAt, priceCents },
    );
    return id;
  }).catch(async (e: unknown) => {
    // Refused by the constraint: say whether an event holds the space, or another member booked it.
    if (e instanceof DomainError && e.code === 'booking.overlap') {
      const there = await store.bookedDuring(ctx.db, spaceId, [
        { startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString() },
      ]);
      if (there.some((b) => b.eventId !== null)) throw refuse('booking.during_event', '/startsAt');
    }
    throw e;
  });
  return presentBooking(ctx.actor, (await store.findBooking(ctx.db, id)) as store.BookingRow);
}

export async function cancelBooking(ctx: Ctx, bookingId: string) {
  const b = await store.findBooking(ctx.db, bookingId);
  const staff = b ? canInOffice(ctx.actor, 'space.manage', b.officeId) : false;
  const own = b?.memberId != null && b.memberId === ctx.actor.memberId;
  if (!b || (!own && !staff)) throw notFound('Booking');
  // An event's hold follows the event: it goes when the event is cancelled or moved.
  if (b.eventId) throw refuse('booking.event_hold');
  const now = ctx.clock();
  if (new Date(b.startsAt) <= now) throw refuse('booking.past');
  await transact(ctx.db, async (trx) => {
    const locked = await store.lockBooking(trx, bookingId);
    if (!locked || locked.status === 'cancelled') throw refuse('booking.cancelled');
    // Free until the space's delay before the start; later the charge stays.
    const free = cancelsFree(new Date(b.startsAt), now, b.freeCancelHours);
    let refund: string | null = null;
    if (free && b.chargeEntryId) {
      const reversal = await reverseEntryIn(
        trx,
        ctx.actor,
        b.chargeEntryId,
        {
          entryDate: now.toISOString().slice(0, 10),
          label: `Annulation réservation ${b.spaceName}`.slice(0, 200),
        },
        { now },
      );
      refund = reversal.id;
    }
    await store.cancelBooking(trx, bookingId, now.toISOString(), refund);
    await recordAudit(
      trx,
      ctx,
      'space.cancel',
      { type: 'space', id: b.spaceId },
      { bookingId, free, refunded: refund !== null },
    );
  });
  return presentBooking(ctx.actor, (await store.findBooking(ctx.db, bookingId)) as store.BookingRow);
}

export async function officeOccupancy(ctx: Ctx, officeId: string, month: string) {
  if (!canInOffice(ctx.actor, 'space.manage', officeId)) throw notFound('Occupancy');
  const { from, to } = monthBounds(month);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const spaces = await store.listSpaces(ctx.db, { officeId, includeInactive: true });
  const bookings = await store.listBookings(ctx.db, { from: from.toISOString(), to: to.toISOString() });
  return {
    month,
    spaces: spaces.map((s) => {
      // Events held in the space take its time as bookings do.
      const mine = bookings.filter((b) => b.spaceId === s.id);
      const members = mine.filter((b) => b.eventId === null);
      const o = occupancyOf(
        mine.map((b) => ({ startsAt: new Date(b.startsAt), endsAt: new Date(b.endsAt) })),
        from,
        to,
        openMinutesInMonth(s.openingHours, y, m),
      );
      return {
        spaceId: s.id,
        name: s.name,
        bookings: members.length,
        events: mine.length - members.length,
        bookedMinutes: Math.round(o.bookedMinutes),
        openMinutes: o.openMinutes,
        rateBp: o.rateBp,
        chargedCents: mine.reduce((sum, b) => sum + (b.chargeEntryId ? b.priceCents : 0), 0),
      };
    }),
  };
}
