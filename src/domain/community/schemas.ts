// What the community API takes and gives (events, registrations, spaces, bookings): shared by the
// routes (validation, OpenAPI) and the web pages.
import { z } from 'zod';
import { isIsoDate } from '../dates.ts';
import { issue } from '../messages.ts';
import { recurrenceFrequencies } from './recurrence.ts';
import { spaceKinds } from './spaces.ts';

export const eventKinds = ['info_session', 'workshop', 'training', 'social'] as const;
export type EventKind = (typeof eventKinds)[number];
export const audiences = ['members', 'prospects', 'public'] as const;
export type Audience = (typeof audiences)[number];
export const placeKinds = ['space', 'address', 'online'] as const;

const instant = z.iso.datetime({ offset: true });
const isoDate = z.string().refine(isIsoDate, { params: { code: 'date.invalid' }, message: 'Invalid date' });
const text = (max: number) => z.string().trim().max(max);

export const place = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('space'), spaceId: z.uuid() }),
  z.object({ kind: z.literal('address'), address: text(300).min(1) }),
  z.object({ kind: z.literal('online'), url: z.url({ protocol: /^https?$/ }).max(500) }),
]);
export type Place = z.infer<typeof place>;

// Without defaults: a patch leaves out what it does not change (a default would overwrite it).
const eventFields = {
  kind: z.enum(eventKinds),
  title: text(160).min(1),
  description: text(5000),
  place,
  capacity: z.number().int().min(1).max(10000),
  audience: z.enum(audiences),
};

export const eventInput = z
  .object({
    officeId: z.uuid(),
    ...eventFields,
    description: eventFields.description.default(''),
    startsAt: instant,
    endsAt: instant,
    recurrence: z
      .object({
        frequency: z.enum(recurrenceFrequencies),
        interval: z.number().int().min(1).max(12).default(1),
        until: isoDate,
      })
      .nullish(),
  })
  .superRefine((v, ctx) => {
    if (new Date(v.endsAt) <= new Date(v.startsAt))
      ctx.addIssue(issue('event.ends_before_start', ['endsAt']));
    else if (new Date(v.endsAt).getTime() - new Date(v.startsAt).getTime() > 7 * 86_400_000)
      ctx.addIssue(issue('event.too_long', ['endsAt']));
    if (v.recurrence && v.recurrence.until < v.startsAt.slice(0, 10))
      ctx.addIssue(issue('event.until_before_start', ['recurrence', 'until']));
  });
export type EventInput = z.infer<typeof eventInput>;

export const eventPatch = z
  .object({
    title: eventFields.title,
    description: eventFields.description,
    place: eventFields.place,
    capacity: eventFields.capacity,
    audience: eventFields.audience,
  })
  .partial();
export type EventPatch = z.infer<typeof eventPatch>;

export const registrationStatuses = ['registered', 'waitlisted', 'cancelled', 'expired'] as const;

export const myRegistration = z.object({
  id: z.uuid(),
  status: z.enum(registrationStatuses),
  /** Rank in the waiting list (1 = next to get a place). */
  waitlistPosition: z.number().int().nullable(),
});

export const eventView = z.object({
  id: z.uuid(),
  officeId: z.uuid(),
  officeCode: z.string(),
  officeName: z.string(),
  seriesId: z.uuid().nullable(),
  kind: z.enum(eventKinds),
  title: z.string(),
  description: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.object({
    kind: z.enum(placeKinds),
    spaceId: z.uuid().nullable(),
    label: z.string(),
    url: z.string().nullable(),
  }),
  capacity: z.number().int(),
  audience: z.enum(audiences),
  status: z.enum(['scheduled', 'cancelled']),
  registeredCount: z.number().int(),
  waitlistCount: z.number().int(),
  placesLeft: z.number().int(),
  /** The caller's registration (members), null otherwise. */
  mine: myRegistration.nullable(),
  /** Whether the caller may edit it and see its registrants. */
  manageable: z.boolean(),
});
export type EventView = z.infer<typeof eventView>;

/** What a prospect sees on an office's public page: no counts of people, just whether places remain. */
export const publicEventView = eventView
  .pick({
    id: true,
    kind: true,
    title: true,
    description: true,
    startsAt: true,
    endsAt: true,
    audience: true,
  })
  .extend({
    place: z.object({ kind: z.enum(placeKinds), label: z.string() }),
    full: z.boolean(),
  });
export type PublicEventView = z.infer<typeof publicEventView>;

export const publicOfficeView = z.object({
  code: z.string(),
  name: z.string(),
  addressLine: z.string(),
  postalCode: z.string(),
  city: z.string(),
  events: z.array(publicEventView),
});

export const prospectInput = z.object({
  name: text(120).min(1),
  email: z.email().max(254),
});
export type ProspectInput = z.infer<typeof prospectInput>;

export const confirmInput = z.object({ token: z.string().min(20).max(200) });

/** The link of a prospect's e-mails to give up their place: the registration and its token. */
export const prospectCancelInput = z.object({
  registrationId: z.uuid(),
  token: z.string().min(20).max(200),
});

export const registrationRow = z.object({
  id: z.uuid(),
  memberId: z.uuid().nullable(),
  name: z.string(),
  email: z.string().nullable(),
  status: z.enum(registrationStatuses),
  confirmed: z.boolean(),
  waitlistPosition: z.number().int().nullable(),
  attended: z.boolean().nullable(),
  createdAt: z.string(),
});
export const attendanceView = z.object({ event: eventView, registrations: z.array(registrationRow) });
export const attendanceInput = z.object({
  marks: z
    .array(z.object({ registrationId: z.uuid(), attended: z.boolean().nullable() }))
    .min(1)
    .max(10000),
});

// ——— Spaces ———

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/);
const dayHours = z
  .object({ open: hhmm, close: hhmm })
  .refine((d) => d.open < d.close, {
    params: { code: 'space.hours_reversed' },
    message: 'Closes before it opens',
  })
  .nullable();

// Without defaults, for the same reason as the events' fields.
const spaceFields = {
  name: text(80).min(1),
  kind: z.enum(spaceKinds),
  capacity: z.number().int().min(1).max(500),
  openingHours: z.array(dayHours).length(7),
  rules: text(2000),
  pricePerHourCents: z.number().int().min(1).max(100_000_000).nullable(),
  /** A day's price: the most a booking costs (a day pass when there is no hourly price). */
  pricePerDayCents: z.number().int().min(1).max(100_000_000).nullable(),
  freeCancelHours: z.number().int().min(0).max(720),
};

export const spaceInput = z.object({
  officeId: z.uuid(),
  ...spaceFields,
  rules: spaceFields.rules.default(''),
  pricePerHourCents: spaceFields.pricePerHourCents.default(null),
  pricePerDayCents: spaceFields.pricePerDayCents.default(null),
  freeCancelHours: spaceFields.freeCancelHours.default(24),
});
export type SpaceInput = z.infer<typeof spaceInput>;
/** What a patch leaves out stays as it is. */
export const spacePatch = z.object(spaceFields).partial().extend({ active: z.boolean().optional() });
export type SpacePatch = z.infer<typeof spacePatch>;

export const spaceView = z.object({
  id: z.uuid(),
  officeId: z.uuid(),
  officeName: z.string(),
  name: z.string(),
  kind: z.enum(spaceKinds),
  capacity: z.number().int(),
  openingHours: z.array(z.object({ open: z.string(), close: z.string() }).nullable()),
  rules: z.string(),
  pricePerHourCents: z.number().int().nullable(),
  pricePerDayCents: z.number().int().nullable(),
  freeCancelHours: z.number().int(),
  active: z.boolean(),
  manageable: z.boolean(),
});
export type SpaceView = z.infer<typeof spaceView>;

export const bookingInput = z.object({
  startsAt: instant,
  endsAt: instant,
  /** The activity charged (required when the space has a price). */
  activityId: z.uuid().nullish(),
  note: text(500).default(''),
});
export type BookingInput = z.infer<typeof bookingInput>;

export const bookingView = z.object({
  id: z.uuid(),
  spaceId: z.uuid(),
  spaceName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(['booked', 'cancelled']),
  /** Whether the caller made it (others' bookings show as busy only). */
  mine: z.boolean(),
  memberName: z.string().nullable(),
  /** The event holding the space at that time (its hold is not a member's booking). */
  eventId: z.uuid().nullable(),
  /** The event's title, for those who may see the event. */
  eventTitle: z.string().nullable(),
  activityId: z.uuid().nullable(),
  priceCents: z.number().int(),
  charged: z.boolean(),
  note: z.string(),
});
export type BookingView = z.infer<typeof bookingView>;

export const occupancyView = z.object({
  month: z.string(),
  spaces: z.array(
    z.object({
      spaceId: z.uuid(),
      name: z.string(),
      bookings: z.number().int(),
      /** Events held in the space; their time counts in the booked minutes. */
      events: z.number().int(),
      bookedMinutes: z.number().int(),
      openMinutes: z.number().int(),
      rateBp: z.number().int(),
      chargedCents: z.number().int(),
    }),
  ),
});
