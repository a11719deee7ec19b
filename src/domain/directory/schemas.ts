// What the directory API takes and gives (profiles, networks, clients' requests, the member's inbox):
// shared by the routes (validation, OpenAPI) and the web pages.
import { z } from 'zod';
import { issue } from '../messages.ts';
import { keyOf } from './search.ts';

export const availabilities = ['available', 'busy', 'unavailable'] as const;
export type Availability = (typeof availabilities)[number];
export const recipientStatuses = ['new', 'read', 'answered', 'declined'] as const;
export type RecipientStatus = (typeof recipientStatuses)[number];

/** A client writes to at most this many members at once. */
export const maxRecipients = 5;

const text = (max: number) => z.string().trim().max(max);

export const profileInput = z.object({
  trade: text(80).min(1),
  skills: z
    .array(text(40).min(1))
    .max(15)
    .default([])
    .transform((skills) => skills.filter((s, i) => skills.findIndex((o) => keyOf(o) === keyOf(s)) === i)),
  city: text(80).min(1),
  presentation: text(1200).default(''),
  portfolioUrl: z
    .url({ protocol: /^https?$/ })
    .max(300)
    .nullish()
    .or(z.literal('').transform(() => null)),
  availability: z.enum(availabilities).default('available'),
});
export type ProfileInput = z.infer<typeof profileInput>;

/** Publishing needs `consent: true`; anything else is refused by the service with `directory.consent_required`. */
export const publishInput = z.object({ consent: z.boolean().optional() });

const networkRef = z.object({ id: z.uuid(), slug: z.string(), name: z.string() });

export const publicProfileView = z.object({
  memberId: z.uuid(),
  name: z.string(),
  trade: z.string(),
  skills: z.array(z.string()),
  city: z.string(),
  officeName: z.string().nullable(),
  presentation: z.string(),
  portfolioUrl: z.string().nullable(),
  availability: z.enum(availabilities),
  networks: z.array(networkRef),
});
export type PublicProfileView = z.infer<typeof publicProfileView>;

export const consentEventView = z.object({
  kind: z.enum(['granted', 'withdrawn']),
  version: z.string(),
  at: z.string(),
});

/** A profile as its member (or staff who follow them) see it: published or not, with the consent trail. */
export const profileView = publicProfileView.extend({
  exists: z.boolean(),
  published: z.boolean(),
  consentAt: z.string().nullable(),
  consentVersion: z.string().nullable(),
  publishedAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  consents: z.array(consentEventView),
});
export type ProfileView = z.infer<typeof profileView>;

const boolParam = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

export const searchQuery = z.object({
  q: z.string().trim().max(200).optional(),
  network: z
    .string()
    .regex(/^[a-z0-9-]{1,60}$/)
    .optional(),
  skill: z.string().trim().max(40).optional(),
  city: z.string().trim().max(80).optional(),
  officeId: z.uuid().optional(),
  available: boolParam,
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z.string().max(64).optional(),
});
export type SearchQuery = z.infer<typeof searchQuery>;

/** Staff may include the unpublished profiles of the members they follow (never shown to the public). */
export const staffSearchQuery = searchQuery.extend({ includeUnpublished: boolParam });

export const searchResultView = z.object({
  items: z.array(publicProfileView.extend({ published: z.boolean() })),
  total: z.number().int(),
  nextCursor: z.string().nullable(),
  /** True when no profile matched every word, and these match some of them. */
  relaxed: z.boolean(),
});
export type SearchResultView = z.infer<typeof searchResultView>;

export const networkInput = z.object({
  slug: z
    .string()
    .max(60)
    .refine((s) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(s), { params: { code: 'network.slug_invalid' } }),
  name: text(80).min(1),
  description: text(2000).default(''),
});
export type NetworkInput = z.infer<typeof networkInput>;

export const networkView = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  /** Published profiles in the network. */
  profileCount: z.number().int(),
  /** Whether the signed-in member belongs to it (false for the public and staff). */
  joined: z.boolean(),
});
export type NetworkView = z.infer<typeof networkView>;

export const networkPageView = networkView.extend({ profiles: z.array(publicProfileView) });
export type NetworkPageView = z.infer<typeof networkPageView>;

const phone = z
  .string()
  .trim()
  .max(40)
  .refine((s) => /^[+0-9 ().-]{6,40}$/.test(s), { params: { code: 'phone.invalid' } });

export const requestInput = z
  .object({
    name: text(120).min(1),
    email: z.email().max(254),
    organisation: text(160).nullish(),
    phone: phone.nullish().or(z.literal('').transform(() => null)),
    city: text(80).nullish(),
    subject: text(160).min(1),
    message: text(4000).min(20),
    memberIds: z.array(z.uuid()).min(1).max(maxRecipients),
  })
  .superRefine((v, ctx) => {
    if (new Set(v.memberIds).size !== v.memberIds.length)
      ctx.addIssue(issue('directory.duplicate_recipient', ['memberIds']));
  });
export type RequestInput = z.infer<typeof requestInput>;

export const requestReceipt = z.object({ reference: z.string(), recipients: z.number().int() });

export const replyInput = z.object({ message: text(4000).min(1) });

export const replyView = z.object({ id: z.uuid(), message: z.string(), createdAt: z.string() });

export const inboxItemView = z.object({
  id: z.uuid(),
  reference: z.string(),
  requesterName: z.string(),
  /** The client's own contact details, given to be answered by the members they chose. */
  requesterEmail: z.string(),
  phone: z.string().nullable(),
  organisation: z.string().nullable(),
  city: z.string().nullable(),
  subject: z.string(),
  message: z.string(),
  createdAt: z.string(),
  status: z.enum(recipientStatuses),
  /** How many members the client wrote to (names are not shown). */
  recipientCount: z.number().int(),
  quoteId: z.uuid().nullable(),
  clientId: z.uuid().nullable(),
  replies: z.array(replyView),
});
export type InboxItemView = z.infer<typeof inboxItemView>;

/**
 * "Answer with a quote": the activity that quotes, and the client — one already in the directory of
 * clients, or one made from the request with the address a quote needs.
 */
export const quoteFromRequestInput = z
  .object({
    activityId: z.uuid(),
    clientId: z.uuid().nullish(),
    client: z
      .object({
        kind: z.enum(['company', 'association', 'individual']),
        name: text(200).min(1),
        addressLine: text(200).min(1),
        postalCode: text(12).min(1),
        city: text(80).min(1),
        country: z.string().length(2).toUpperCase().default('FR'),
      })
      .nullish(),
  })
  .superRefine((v, ctx) => {
    if (!v.clientId && !v.client) ctx.addIssue(issue('required', ['client']));
  });
export type QuoteFromRequestInput = z.infer<typeof quoteFromRequestInput>;

export const quoteFromRequestView = z.object({ quoteId: z.uuid(), clientId: z.uuid() });
