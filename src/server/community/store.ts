// Queries of the community module: events, registrations, calendar feeds, spaces and bookings.
import { type Insertable, type Kysely, sql, type Transaction, type Updateable } from 'kysely';
import type { CommunityEventsTable, CommunitySpacesTable, Database } from '../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

// ——— Events ———

const eventColumns = [
  'e.id',
  'e.officeId',
  'o.code as officeCode',
  'o.name as officeName',
  'o.addressLine as officeAddress',
  'o.postalCode as officePostalCode',
  'o.city as officeCity',
  'e.seriesId',
  'e.kind',
  'e.title',
  'e.description',
  'e.startsAt',
  'e.endsAt',
  'e.placeKind',
  'e.spaceId',
  's.name as spaceName',
  'e.address',
  'e.onlineUrl',
  'e.capacity',
  'e.audience',
  'e.status',
  'e.updatedAt',
] as const;

/** Registrations holding a place now, and those waiting. */
const counts = (now: string) =>
  [
    sql<number>`(select count(*)::int from community_event_registrations r where r.event_id = e.id
      and r.status = 'registered' and (r.confirmed_at is not null or r.expires_at > ${now}))`.as(
      'registeredCount',
    ),
    sql<number>`(select count(*)::int from community_event_registrations r where r.event_id = e.id
      and r.status = 'waitlisted' and (r.confirmed_at is not null or r.expires_at > ${now}))`.as(
      'waitlistCount',
    ),
  ] as const;

const eventsFrom = (db: Q) =>
  db
    .selectFrom('communityEvents as e')
    .innerJoin('offices as o', 'o.id', 'e.officeId')
    .leftJoin('communitySpaces as s', 's.id', 'e.spaceId');

export const findEvent = (db: Q, id: string, now: string) =>
  eventsFrom(db).select(eventColumns).select(counts(now)).where('e.id', '=', id).executeTakeFirst();
export type EventRow = NonNullable<Awaited<ReturnType<typeof findEvent>>>;

export type EventFilter = {
  officeId?: string;
  officeCode?: string;
  from: string;
  to?: string;
  audiences?: readonly ('members' | 'prospects' | 'public')[];
  includeCancelled?: boolean;
  /** Only events this member is registered to or waiting for. */
  memberId?: string;
};

export function listEvents(db: Q, f: EventFilter, now: string, limit: number) {
  let q = eventsFrom(db).select(eventColumns).select(counts(now)).where('e.endsAt', '>', f.from);
  if (f.to) q = q.where('e.startsAt', '<', f.to);
  if (f.officeId) q = q.where('e.officeId', '=', f.officeId);
  if (f.officeCode) q = q.where('o.code', '=', f.officeCode);
  if (f.audiences) q = q.where('e.audience', 'in', f.audiences);
  if (!f.includeCancelled) q = q.where('e.status', '=', 'scheduled');
  if (f.memberId) {
    const memberId = f.memberId;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('communityEventRegistrations as r')
          .select('r.id')
          .whereRef('r.eventId', '=', 'e.id')
          .where('r.memberId', '=', memberId)
          .where('r.status', 'in', ['registered', 'waitlisted']),
      ),
    );
  }
  return q.orderBy('e.startsAt').orderBy('e.id').limit(limit).execute();
}

export const insertEvents = (trx: Q, rows: Insertable<CommunityEventsTable>[]) =>
  trx.insertInto('communityEvents').values(rows).returning('id').execute();

export const updateEvent = (trx: Q, id: string, patch: Updateable<CommunityEventsTable>) =>
  trx.updateTable('communityEvents').set(patch).where('id', '=', id).execute();

/** Takes the event's row lock: registrations to one event queue behind each other. */
export const lockEvent = (trx: Q, id: string) =>
  trx
    .selectFrom('communityEvents')
    .select(['id', 'capacity', 'status', 'startsAt', 'officeId'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();

export const liveRegistrations = (db: Q, eventId: string) =>
  db
    .selectFrom('communityEventRegistrations as r')
    .leftJoin('members as m', 'm.id', 'r.memberId')
    .select([
      'r.id',
      'r.memberId',
      'r.name',
      'r.email',
      'm.firstName',
      'm.lastName',
      'm.email as memberEmail',
      'r.status',
      'r.seq',
      'r.confirmedAt',
      'r.expiresAt',
      'r.attended',
      'r.reminderOutboxId',
      'r.createdAt',
    ])
    .where('r.eventId', '=', eventId)
    .where('r.status', 'in', ['registered', 'waitlisted'])
    .orderBy('r.seq')
    .execute();
export type RegistrationRow = Awaited<ReturnType<typeof liveRegistrations>>[number];

export const insertRegistration = (
  trx: Q,
  row: {
    eventId: string;
    memberId: string | null;
    name: string | null;
    email: string | null;
    status: 'registered' | 'waitlisted';
    confirmedAt: string | null;
    expiresAt: string | null;
    confirmTokenHash: string | null;
    createdAt: string;
    updatedAt: string;
  },
) =>
  trx
    .insertInto('communityEventRegistrations')
    .values(row)
    .returning(['id', 'seq'])
    .executeTakeFirstOrThrow();

export const setRegistrations = (
  trx: Q,
  ids: readonly string[],
  patch: Partial<
    Pick<Database['communityEventRegistrations'], 'status' | 'reminderOutboxId' | 'attended'>
  > & {
    updatedAt: string;
  },
) =>
  ids.length
    ? trx.updateTable('communityEventRegistrations').set(patch).where('id', 'in', ids).execute()
    : Promise.resolve([]);

export const setReminder = (trx: Q, id: string, outboxId: number | null) =>
  trx
    .updateTable('communityEventRegistrations')
    .set({ reminderOutboxId: outboxId })
    .where('id', '=', id)
    .execute();

export const findByTokenHash = (trx: Q, hash: string) =>
  trx
    .selectFrom('communityEventRegistrations')
    .select(['id', 'eventId', 'status', 'confirmedAt', 'expiresAt', 'name', 'email'])
    .where('confirmTokenHash', '=', hash)
    .forUpdate()
    .executeTakeFirst();

export const findRegistration = (trx: Q, id: string) =>
  trx
    .selectFrom('communityEventRegistrations')
    .select(['id', 'eventId', 'memberId', 'status', 'reminderOutboxId'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();

/** Upcoming events where an unconfirmed registration has outlived its delay and still counts as live. */
export const eventsWithLapsedHolds = (db: Q, now: string) =>
  db
    .selectFrom('communityEvents as e')
    .select('e.id')
    .where('e.status', '=', 'scheduled')
    .where('e.startsAt', '>', now)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('communityEventRegistrations as r')
          .select('r.id')
          .whereRef('r.eventId', '=', 'e.id')
          .where('r.status', 'in', ['registered', 'waitlisted'])
          .where('r.confirmedAt', 'is', null)
          .where('r.expiresAt', '<=', now),
      ),
    )
    .orderBy('e.startsAt')
    .limit(500)
    .execute();

export const confirmRegistration = (trx: Q, id: string, now: string) =>
  trx
    .updateTable('communityEventRegistrations')
    .set({ confirmedAt: now, expiresAt: null, confirmTokenHash: null, updatedAt: now })
    .where('id', '=', id)
    .execute();

export const markAttendance = (trx: Q, eventId: string, id: string, attended: boolean | null, now: string) =>
  trx
    .updateTable('communityEventRegistrations')
    .set({ attended, updatedAt: now })
    .where('id', '=', id)
    .where('eventId', '=', eventId)
    .where('status', '=', 'registered')
    .executeTakeFirst();

/** An e-mail waiting in the outbox, sent at `availableAt` (reminders the day before). */
export const enqueueAt = (trx: Q, payload: unknown, availableAt: string) =>
  trx
    .insertInto('outbox')
    .values({ kind: 'email', payload: JSON.stringify(payload), availableAt })
    .returning('id')
    .executeTakeFirstOrThrow();

/** Withdraws a queued e-mail that has not gone yet. */
export const withdrawQueued = (trx: Q, ids: readonly number[], now: string) =>
  ids.length
    ? trx
        .updateTable('outbox')
        .set({ doneAt: now, lastError: 'withdrawn: registration ended' })
        .where('id', 'in', ids)
        .where('doneAt', 'is', null)
        .execute()
    : Promise.resolve([]);

export const memberContact = (db: Q, memberId: string) =>
  db
    .selectFrom('members')
    .select(['id', 'firstName', 'lastName', 'email', 'officeId', 'status'])
    .where('id', '=', memberId)
    .executeTakeFirst();

export const findOfficeByCode = (db: Q, code: string) =>
  db
    .selectFrom('offices')
    .select(['id', 'code', 'name', 'addressLine', 'postalCode', 'city'])
    .where('code', '=', code)
    .executeTakeFirst();

export const officeExists = (db: Q, id: string) =>
  db.selectFrom('offices').select('id').where('id', '=', id).executeTakeFirst();

/** Events a member is registered to (feed): from a month back to a year ahead. */
export const memberCalendar = (db: Q, memberId: string, from: string, now: string) =>
  eventsFrom(db)
    .innerJoin('communityEventRegistrations as r', 'r.eventId', 'e.id')
    .select(eventColumns)
    .select(counts(now))
    .where('r.memberId', '=', memberId)
    .where('r.status', '=', 'registered')
    .where('e.endsAt', '>', from)
    .orderBy('e.startsAt')
    .limit(500)
    .execute();

export const feedOf = (db: Q, memberId: string) =>
  db
    .selectFrom('communityCalendarFeeds')
    .select(['token'])
    .where('memberId', '=', memberId)
    .executeTakeFirst();
export const feedByToken = (db: Q, token: string) =>
  db.selectFrom('communityCalendarFeeds').select(['memberId']).where('token', '=', token).executeTakeFirst();
export const saveFeed = (trx: Q, memberId: string, token: string) =>
  trx
    .insertInto('communityCalendarFeeds')
    .values({ memberId, token })
    .onConflict((oc) => oc.column('memberId').doUpdateSet({ token }))
    .execute();

// ——— Spaces ———

const spaceColumns = [
  'sp.id',
  'sp.officeId',
  'o.name as officeName',
  'sp.name',
  'sp.kind',
  'sp.capacity',
  'sp.openingHours',
  'sp.rules',
  'sp.pricePerHourCents',
  'sp.pricePerDayCents',
  'sp.freeCancelHours',
  'sp.active',
] as const;

const spacesFrom = (db: Q) =>
  db.selectFrom('communitySpaces as sp').innerJoin('offices as o', 'o.id', 'sp.officeId');

export const findSpace = (db: Q, id: string) =>
  spacesFrom(db).select(spaceColumns).where('sp.id', '=', id).executeTakeFirst();
export type SpaceRow = NonNullable<Awaited<ReturnType<typeof findSpace>>>;

export function listSpaces(db: Q, f: { officeId?: string; includeInactive?: boolean }) {
  let q = spacesFrom(db).select(spaceColumns);
  if (f.officeId) q = q.where('sp.officeId', '=', f.officeId);
  if (!f.includeInactive) q = q.where('sp.active', '=', true);
  return q.orderBy('o.name').orderBy('sp.name').limit(500).execute();
}

export const insertSpace = (trx: Q, row: Insertable<CommunitySpacesTable>) =>
  trx.insertInto('communitySpaces').values(row).returning('id').executeTakeFirstOrThrow();

export const updateSpace = (trx: Q, id: string, patch: Updateable<CommunitySpacesTable>) =>
  trx.updateTable('communitySpaces').set(patch).where('id', '=', id).execute();

/** Locks the space row: bookings of one space queue behind each other before the constraint decides. */
export const lockSpace = (trx: Q, id: string) =>
  trx.selectFrom('communitySpaces').select('id').where('id', '=', id).forUpdate().executeTakeFirst();

const bookingColumns = [
  'b.id',
  'b.spaceId',
  'sp.name as spaceName',
  'sp.officeId',
  'sp.freeCancelHours',
  'b.memberId',
  'm.firstName',
  'm.lastName',
  'b.eventId',
  'ev.title as eventTitle',
  'ev.audience as eventAudience',
  'b.activityId',
  'a.entityId',
  'b.startsAt',
  'b.endsAt',
  'b.status',
  'b.priceCents',
  'b.chargeEntryId',
  'b.refundEntryId',
  'b.note',
] as const;

const bookingsFrom = (db: Q) =>
  db
    .selectFrom('communitySpaceBookings as b')
    .innerJoin('communitySpaces as sp', 'sp.id', 'b.spaceId')
    // A member's booking, or an event's hold of the space (migration 0021).
    .leftJoin('members as m', 'm.id', 'b.memberId')
    .leftJoin('communityEvents as ev', 'ev.id', 'b.eventId')
    .leftJoin('activities as a', 'a.id', 'b.activityId');

export const findBooking = (db: Q, id: string) =>
  bookingsFrom(db).select(bookingColumns).where('b.id', '=', id).executeTakeFirst();
export type BookingRow = NonNullable<Awaited<ReturnType<typeof findBooking>>>;

export const lockBooking = (trx: Q, id: string) =>
  trx
    .selectFrom('communitySpaceBookings')
    .select(['id', 'status'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();

export function listBookings(
  db: Q,
  f: { spaceId?: string; memberId?: string; from: string; to: string; includeCancelled?: boolean },
) {
  let q = bookingsFrom(db)
    .select(bookingColumns)
    .where('b.endsAt', '>', f.from)
    .where('b.startsAt', '<', f.to);
  if (f.spaceId) q = q.where('b.spaceId', '=', f.spaceId);
  if (f.memberId) q = q.where('b.memberId', '=', f.memberId);
  if (!f.includeCancelled) q = q.where('b.status', '=', 'booked');
  return q.orderBy('b.startsAt').limit(2000).execute();
}

export const insertBooking = (
  trx: Q,
  row: {
    spaceId: string;
    memberId: string;
    activityId: string | null;
    startsAt: string;
    endsAt: string;
    priceCents: number;
    note: string;
    createdAt: string;
  },
) => trx.insertInto('communitySpaceBookings').values(row).returning('id').executeTakeFirstOrThrow();

/** What holds a space during any of these slots: members' bookings and events' holds. */
export const bookedDuring = (
  db: Q,
  spaceId: string,
  slots: readonly { startsAt: string; endsAt: string }[],
) =>
  slots.length
    ? bookingsFrom(db)
        .select(bookingColumns)
        .where('b.spaceId', '=', spaceId)
        .where('b.status', '=', 'booked')
        .where((eb) =>
          eb.or(slots.map((s) => eb.and([eb('b.startsAt', '<', s.endsAt), eb('b.endsAt', '>', s.startsAt)]))),
        )
        .orderBy('b.startsAt')
        .limit(50)
        .execute()
    : Promise.resolve([]);

/** The event's hold of its space, while it has one. */
export const liveHold = (db: Q, eventId: string) =>
  db
    .selectFrom('communitySpaceBookings')
    .select(['id', 'spaceId', 'startsAt', 'endsAt'])
    .where('eventId', '=', eventId)
    .where('status', '=', 'booked')
    .executeTakeFirst();

export const insertHolds = (
  trx: Q,
  rows: readonly { spaceId: string; eventId: string; startsAt: string; endsAt: string; createdAt: string }[],
) =>
  rows.length
    ? trx
        .insertInto('communitySpaceBookings')
        .values(rows.map((r) => ({ ...r, memberId: null })))
        .execute()
    : Promise.resolve([]);

/** Frees the space an event held (the event cancelled, or moved elsewhere). */
export const releaseHold = (trx: Q, eventId: string, now: string) =>
  trx
    .updateTable('communitySpaceBookings')
    .set({ status: 'cancelled', cancelledAt: now })
    .where('eventId', '=', eventId)
    .where('status', '=', 'booked')
    .execute();

export const setBookingCharge = (trx: Q, id: string, entryId: string) =>
  trx.updateTable('communitySpaceBookings').set({ chargeEntryId: entryId }).where('id', '=', id).execute();

export const cancelBooking = (trx: Q, id: string, now: string, refundEntryId: string | null) =>
  trx
    .updateTable('communitySpaceBookings')
    .set({ status: 'cancelled', cancelledAt: now, refundEntryId })
    .where('id', '=', id)
    .execute();

export const activityOf = (db: Q, id: string) =>
  db
    .selectFrom('activities as a')
    .select(['a.id', 'a.entityId', 'a.name', 'a.status'])
    .select((eb) =>
      eb
        .selectFrom('activityMembers as am')
        .select(sql<string[]>`coalesce(array_agg(am.member_id::text), '{}')`.as('ids'))
        .whereRef('am.activityId', '=', 'a.id')
        .as('memberIds'),
    )
    .where('a.id', '=', id)
    .executeTakeFirst();
