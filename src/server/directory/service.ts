// The directory of members by trade: profiles published with a recorded consent (and withdrawn at
// once), trade networks, full-text search (French stemming, accents folded), and clients' requests
// (mise en relation) that reach the chosen members without their e-mail, answered by a message
// relayed by the cooperative or by a draft quote in the sales module.
import { randomBytes } from 'node:crypto';
import { type Actor, can, memberScope } from '../../domain/access.ts';
import { addDays, toIsoDate } from '../../domain/dates.ts';
import {
  canAppear,
  consentVersion,
  type MemberStatus,
  publishRefusal,
} from '../../domain/directory/consent.ts';
import type {
  InboxItemView,
  NetworkInput,
  NetworkPageView,
  NetworkView,
  ProfileInput,
  ProfileView,
  PublicProfileView,
  QuoteFromRequestInput,
  RequestInput,
  SearchQuery,
  SearchResultView,
} from '../../domain/directory/schemas.ts';
import { keyOf, searchTerms, searchText } from '../../domain/directory/search.ts';
import { DomainError, type ErrorCode, notFound } from '../../domain/errors.ts';
import { messageFor } from '../../domain/messages.ts';
import { recordAudit } from '../audit/service.ts';
import { createClient, getClient } from '../clients/service.ts';
import type { Ctx, Deps } from '../context.ts';
import { transact } from '../db/transaction.ts';
import { readListQuery } from '../http/lists.ts';
import { createQuote, getDocument } from '../invoicing/service.ts';
import { enqueue } from '../jobs/outbox.ts';
import * as store from './store.ts';

type Trx = Parameters<Parameters<typeof transact>[1]>[0];

const refuse = (code: ErrorCode, pointer?: string) =>
  new DomainError(
    code,
    messageFor(code, 'en'),
    pointer ? { errors: [{ pointer, code, message: messageFor(code, 'en') }] } : {},
  );

/** A requester may send this many requests per e-mail address over 24 hours (besides the per-address limit). */
export const requestsPerDay = 10;

// ——— Presenting ———

type Networks = Map<string, { id: string; slug: string; name: string }[]>;

function presentPublic(
  row: Omit<
    store.ProfileRow,
    'consentAt' | 'consentVersion' | 'publishedAt' | 'withdrawnAt' | 'published'
  > & {
    firstName: string;
    lastName: string;
    officeName: string | null;
  },
  networks: Networks,
): PublicProfileView {
  return {
    memberId: row.memberId,
    name: `${row.firstName} ${row.lastName}`,
    trade: row.trade,
    skills: row.skills,
    city: row.city,
    officeName: row.officeName,
    presentation: row.presentation,
    portfolioUrl: row.portfolioUrl,
    availability: row.availability,
    networks: networks.get(row.memberId) ?? [],
  };
}

/** The folded text of each weight, and the keys of the filters, from the profile and its networks. */
function searchColumns(
  p: { trade: string; skills: readonly string[]; city: string; presentation: string },
  member: { firstName: string; lastName: string },
  networkNames: readonly string[],
): store.SearchColumns {
  return {
    searchA: searchText(p.trade, ...networkNames),
    searchB: searchText(...p.skills),
    searchC: searchText(p.city),
    searchD: searchText(p.presentation, member.firstName, member.lastName),
    cityKey: keyOf(p.city),
    skillKeys: p.skills.map(keyOf),
  };
}

async function reindex(trx: Trx, memberId: string) {
  const [profile, member, networks] = await Promise.all([
    store.findProfile(trx, memberId),
    store.findMember(trx, memberId),
    store.networksOf(trx, [memberId]),
  ]);
  if (!profile || !member) return;
  await store.updateSearchColumns(
    trx,
    memberId,
    searchColumns(
      profile,
      member,
      (networks.get(memberId) ?? []).map((n) => n.name),
    ),
  );
}

// ——— Search ———

/** Searches the directory: the public sees published profiles; staff may add those of members they follow. */
export async function searchDirectory(
  deps: Deps,
  actor: Actor | null,
  query: SearchQuery & { includeUnpublished?: boolean | undefined },
): Promise<SearchResultView> {
  const page = readListQuery({ limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
  const scope = actor && query.includeUnpublished ? memberScope(actor) : null;
  const visibility: store.Visibility = scope
    ? scope.all
      ? { kind: 'scoped', all: true, officeIds: [], memberIds: [] }
      : { kind: 'scoped', all: false, officeIds: scope.officeIds, memberIds: scope.memberIds }
    : { kind: 'public' };
  const terms = searchTerms(query.q ?? '');
  const filter = (mode: 'all' | 'any'): store.SearchFilter => ({
    words: terms.length ? { terms, mode } : null,
    visibility,
    ...(query.network ? { network: query.network } : {}),
    ...(query.skill && keyOf(query.skill) ? { skillKey: keyOf(query.skill) } : {}),
    ...(query.city && keyOf(query.city) ? { cityKey: keyOf(query.city) } : {}),
    ...(query.officeId ? { officeId: query.officeId } : {}),
    ...(query.available ? { availableOnly: true } : {}),
  });
  let relaxed = false;
  let found = await store.searchProfiles(deps.db, filter('all'), page);
  // No profile has every word: show those with some of them, best first, and say so.
  // Every page of such a search takes the same path (the first query still finds nothing).
  if (found.total === 0 && terms.length > 1) {
    found = await store.searchProfiles(deps.db, filter('any'), page);
    relaxed = found.total > 0;
  }
  const networks = await store.networksOf(
    deps.db,
    found.rows.map((r) => r.memberId),
  );
  const next = page.offset + found.rows.length < found.total ? page.offset + found.rows.length : null;
  return {
    items: found.rows.map((r) => ({ ...presentPublic(r, networks), published: r.published })),
    total: found.total,
    nextCursor: next === null ? null : Buffer.from(String(next)).toString('base64url'),
    relaxed,
  };
}

/** A published profile, for anyone. */
export async function publicProfile(deps: Deps, memberId: string): Promise<PublicProfileView> {
  const profile = await store.findProfile(deps.db, memberId);
  const member = await store.findMember(deps.db, memberId);
  if (!profile || !member || !profile.published || !canAppear(member.status as MemberStatus))
    throw notFound('Profile');
  return presentPublic({ ...member, ...profile }, await store.networksOf(deps.db, [memberId]));
}

const emptyProfile = (member: store.MemberRow) => ({
  memberId: member.id,
  trade: member.trades[0] ?? '',
  skills: [] as string[],
  city: member.city ?? '',
  presentation: '',
  portfolioUrl: null,
  availability: 'available' as const,
  published: false,
  consentAt: null,
  consentVersion: null,
  publishedAt: null,
  withdrawnAt: null,
});

async function fullProfile(ctx: Ctx, member: store.MemberRow): Promise<ProfileView> {
  const profile = await store.findProfile(ctx.db, member.id);
  const [networks, consents] = await Promise.all([
    store.networksOf(ctx.db, [member.id]),
    store.consentsOf(ctx.db, member.id),
  ]);
  const p = profile ?? emptyProfile(member);
  return {
    ...presentPublic({ ...member, ...p, memberId: member.id }, networks),
    exists: !!profile,
    published: p.published && canAppear(member.status as MemberStatus),
    consentAt: p.consentAt,
    consentVersion: p.consentVersion,
    publishedAt: p.publishedAt,
    withdrawnAt: p.withdrawnAt,
    consents,
  };
}

const memberResource = (m: store.MemberRow) => ({ kind: 'member' as const, id: m.id, officeId: m.officeId });

/** A profile seen from the app: published ones by everyone signed in; others by the member and their staff. */
export async function getProfile(ctx: Ctx, memberId: string): Promise<ProfileView> {
  if (!can(ctx.actor, 'directory.search')) throw notFound('Profile');
  const member = await store.findMember(ctx.db, memberId);
  if (!member) throw notFound('Profile');
  if (can(ctx.actor, 'directory.readProfile', memberResource(member))) return fullProfile(ctx, member);
  const shown = await publicProfile(ctx, memberId);
  // Others see what the public sees: no consent trail.
  return {
    ...shown,
    exists: true,
    published: true,
    consentAt: null,
    consentVersion: null,
    publishedAt: null,
    withdrawnAt: null,
    consents: [],
  };
}

async function me(ctx: Ctx) {
  if (!can(ctx.actor, 'directory.publish') || !ctx.actor.memberId) throw notFound('Profile');
  const member = await store.findMember(ctx.db, ctx.actor.memberId);
  if (!member) throw notFound('Profile');
  return member;
}

export async function myProfile(ctx: Ctx): Promise<ProfileView> {
  return fullProfile(ctx, await me(ctx));
}

/** Saves the profile's fields; a published profile shows the change at once, an unpublished one stays private. */
export async function saveProfile(ctx: Ctx, input: ProfileInput): Promise<ProfileView> {
  const member = await me(ctx);
  const at = ctx.clock().toISOString();
  await transact(ctx.db, async (trx) => {
    const before = await store.lockProfile(trx, member.id);
    const networks = await store.networksOf(trx, [member.id]);
    const fields = {
      trade: input.trade,
      skills: input.skills,
      city: input.city,
      presentation: input.presentation,
      portfolioUrl: input.portfolioUrl ?? null,
      availability: input.availability,
    };
    await store.upsertProfile(
      trx,
      member.id,
      {
        ...fields,
        ...searchColumns(
          fields,
          member,
          (networks.get(member.id) ?? []).map((n) => n.name),
        ),
      },
      at,
    );
    await recordAudit(
      trx,
      ctx,
      before ? 'directory.profile.update' : 'directory.profile.create',
      {
        type: 'member',
        id: member.id,
      },
      fields,
    );
  });
  return fullProfile(ctx, member);
}

/** Publishes the profile: only with `consent: true`, recorded with its date and the text's version. */
export async function publishProfile(ctx: Ctx, consent: unknown): Promise<ProfileView> {
  const member = await me(ctx);
  const at = ctx.clock().toISOString();
  await transact(ctx.db, async (trx) => {
    const profile = await store.lockProfile(trx, member.id);
    const refusal = publishRefusal(consent, member.status as MemberStatus, profile ?? null);
    if (refusal) throw refuse(refusal.code, 'pointer' in refusal ? refusal.pointer : undefined);
    if (profile?.published) return;
    await store.setPublication(
      trx,
      member.id,
      { published: true, consentAt: at, consentVersion, publishedAt: at, withdrawnAt: null },
      at,
    );
    await store.insertConsent(trx, {
      memberId: member.id,
      kind: 'granted',
      version: consentVersion,
      at,
      userId: ctx.actor.userId,
      requestId: ctx.requestId,
    });
    await recordAudit(
      trx,
      ctx,
      'directory.profile.publish',
      { type: 'member', id: member.id },
      {
        consentVersion,
        consentAt: at,
      },
    );
  });
  return fullProfile(ctx, member);
}

/** Withdraws the profile at once: it leaves the search and the network pages in the same commit. */
export async function withdrawProfile(ctx: Ctx): Promise<ProfileView> {
  const member = await me(ctx);
  const at = ctx.clock().toISOString();
  await transact(ctx.db, async (trx) => {
    const profile = await store.lockProfile(trx, member.id);
    if (!profile?.published) return;
    await store.setPublication(trx, member.id, { published: false, withdrawnAt: at }, at);
    await store.insertConsent(trx, {
      memberId: member.id,
      kind: 'withdrawn',
      version: profile.consentVersion ?? consentVersion,
      at,
      userId: ctx.actor.userId,
      requestId: ctx.requestId,
    });
    await recordAudit(
      trx,
      ctx,
      'directory.profile.withdraw',
      { type: 'member', id: member.id },
      {
        withdrawnAt: at,
      },
    );
  });
  return fullProfile(ctx, member);
}

// ——— Networks ———

const presentNetwork = (n: store.NetworkRow): NetworkView => ({
  id: n.id,
  slug: n.slug,
  name: n.name,
  description: n.description,
  profileCount: n.profileCount,
  joined: n.joined,
});

export async function listNetworks(deps: Deps, actor: Actor | null): Promise<{ items: NetworkView[] }> {
  const rows = await store.listNetworks(deps.db, actor?.memberId ?? null);
  return { items: rows.map(presentNetwork) };
}

/** A network's page: its description and the published profiles of its members (never the others). */
export async function networkPage(deps: Deps, actor: Actor | null, slug: string): Promise<NetworkPageView> {
  const n = await store.findNetwork(deps.db, { slug }, actor?.memberId ?? null);
  if (!n) throw notFound('Network');
  const found = await store.searchProfiles(
    deps.db,
    { words: null, network: slug, visibility: { kind: 'public' } },
    { limit: 500, offset: 0 },
  );
  const networks = await store.networksOf(
    deps.db,
    found.rows.map((r) => r.memberId),
  );
  return { ...presentNetwork(n), profiles: found.rows.map((r) => presentPublic(r, networks)) };
}

export async function createNetwork(ctx: Ctx, input: NetworkInput): Promise<NetworkView> {
  if (!can(ctx.actor, 'network.manage')) throw notFound('Networks');
  const at = ctx.clock().toISOString();
  const id = await transact(ctx.db, async (trx) => {
    const { id } = await store.insertNetwork(trx, { ...input, at }).catch((e: unknown) => {
      // Either unique key (slug or name) taken.
      if ((e as { code?: string })?.code === '23505') throw refuse('network.duplicate');
      throw e;
    });
    await recordAudit(trx, ctx, 'directory.network.create', { type: 'directory_network', id }, input);
    return id;
  });
  return presentNetwork((await store.findNetwork(ctx.db, { id }, ctx.actor.memberId)) as store.NetworkRow);
}

async function changeMembership(ctx: Ctx, slug: string, join: boolean): Promise<NetworkView> {
  if (!can(ctx.actor, 'network.join') || !ctx.actor.memberId) throw notFound('Network');
  const memberId = ctx.actor.memberId;
  const n = await store.findNetwork(ctx.db, { slug }, memberId);
  if (!n) throw notFound('Network');
  const networkId = n.id;
  const at = ctx.clock().toISOString();
  await transact(ctx.db, async (trx) => {
    const changed = join
      ? Number((await store.joinNetwork(trx, networkId, memberId, at)).numInsertedOrUpdatedRows ?? 0)
      : Number((await store.leaveNetwork(trx, networkId, memberId)).numDeletedRows);
    if (changed === 0) return;
    await reindex(trx, memberId);
    await recordAudit(
      trx,
      ctx,
      join ? 'directory.network.join' : 'directory.network.leave',
      { type: 'directory_network', id: networkId },
      { memberId },
    );
  });
  return presentNetwork((await store.findNetwork(ctx.db, { id: networkId }, memberId)) as store.NetworkRow);
}

export const joinNetwork = (ctx: Ctx, slug: string) => changeMembership(ctx, slug, true);
export const leaveNetwork = (ctx: Ctx, slug: string) => changeMembership(ctx, slug, false);

// ——— Clients' requests ———

const referenceAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const newReference = (now: Date) =>
  `MR-${now.toISOString().slice(2, 4)}${[...randomBytes(6)].map((b) => referenceAlphabet[b % 32]).join('')}`;

const signOff = (deps: Deps) =>
  ['—', 'Commune, la coopérative de ses membres', `${deps.publicUrl}/annuaire`].join('\n');

/**
 * A client (no account) writes to one or several published members. Each gets it in their inbox and
 * an e-mail; the client gets a receipt. No member's e-mail address is ever sent to the client.
 */
export async function sendRequest(
  deps: Deps,
  input: RequestInput,
): Promise<{ reference: string; recipients: number }> {
  const now = deps.clock();
  const at = now.toISOString();
  const email = input.email.trim();
  const recent = await store.requestsSince(
    deps.db,
    email,
    new Date(now.getTime() - 86_400_000).toISOString(),
  );
  if (recent.n >= requestsPerDay) throw refuse('directory.too_many_requests');
  const recipients = await store.publishedAmong(deps.db, input.memberIds);
  const published = new Set(recipients.map((r) => r.id));
  const missing = input.memberIds.findIndex((id) => !published.has(id));
  if (missing >= 0) throw refuse('directory.recipient_unavailable', `/memberIds/${missing}`);
  const reference = newReference(now);
  await transact(deps.db, async (trx) => {
    const { id } = await store.insertRequest(trx, {
      reference,
      requesterName: input.name,
      requesterEmail: email,
      organisation: input.organisation || null,
      phone: input.phone || null,
      city: input.city || null,
      subject: input.subject,
      message: input.message,
      createdAt: at,
    });
    await store.insertRecipients(trx, id, input.memberIds);
    const from = input.organisation ? `${input.name} (${input.organisation})` : input.name;
    for (const r of recipients)
      await enqueue(trx, {
        kind: 'email',
        payload: {
          to: r.email,
          subject: `Nouvelle demande par l’annuaire : ${input.subject}`,
          text: [
            `Bonjour ${r.firstName},`,
            '',
            `${from} vous écrit par l’annuaire de la coopérative (demande ${reference}) :`,
            '',
            `« ${input.subject} »`,
            '',
            input.message,
            '',
            `Répondez-lui, ou préparez-lui un devis, depuis votre espace : ${deps.publicUrl}/directory/inbox/${id}`,
            'Votre adresse e-mail ne lui est pas communiquée : vos réponses partent de la coopérative.',
            '',
            signOff(deps),
          ].join('\n'),
        },
      });
    await enqueue(trx, {
      kind: 'email',
      payload: {
        to: email,
        subject: `Votre demande ${reference} a bien été transmise`,
        text: [
          `Bonjour ${input.name},`,
          '',
          `Votre demande « ${input.subject} » a été transmise ${recipients.length > 1 ? 'aux membres' : 'au membre'} de la coopérative que vous avez choisi${recipients.length > 1 ? 's' : ''} :`,
          ...recipients.map((r) => `  • ${r.firstName} ${r.lastName} — ${r.trade}`),
          '',
          'Ils vous répondront par e-mail, par l’intermédiaire de la coopérative, ou vous enverront un devis.',
          `Référence à rappeler : ${reference}.`,
          '',
          'Vous n’êtes pas à l’origine de cette demande ? Ignorez ce message.',
          '',
          signOff(deps),
          '',
          `Hello ${input.name}, your request “${input.subject}” was passed on to the members you chose (reference ${reference}).`,
        ].join('\n'),
      },
    });
    await recordAudit(
      trx,
      { actor: null, requestId: `directory:${reference}` },
      'directory.request.create',
      {
        type: 'directory_request',
        id,
      },
      { recipients: input.memberIds.length },
    );
  });
  return { reference, recipients: recipients.length };
}

// ——— The member's inbox ———

async function presentInbox(ctx: Ctx, memberId: string, rows: store.InboxRow[]): Promise<InboxItemView[]> {
  const replies = await store.repliesOf(
    ctx.db,
    memberId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    requesterName: r.requesterName,
    requesterEmail: r.requesterEmail,
    phone: r.phone,
    organisation: r.organisation,
    city: r.city,
    subject: r.subject,
    message: r.message,
    createdAt: r.createdAt,
    status: r.status,
    recipientCount: r.recipientCount,
    quoteId: r.quoteId,
    clientId: r.clientId,
    replies: replies.get(r.id) ?? [],
  }));
}

function inboxOwner(ctx: Ctx): string {
  if (!can(ctx.actor, 'directory.inbox') || !ctx.actor.memberId) throw notFound('Inbox');
  return ctx.actor.memberId;
}

export async function listInbox(ctx: Ctx): Promise<{ items: InboxItemView[]; unread: number }> {
  const memberId = inboxOwner(ctx);
  const rows = await store.inbox(ctx.db, memberId);
  return {
    items: await presentInbox(ctx, memberId, rows),
    unread: rows.filter((r) => r.status === 'new').length,
  };
}

/** One request of my inbox; opening it marks it read. */
export async function getInboxItem(ctx: Ctx, requestId: string): Promise<InboxItemView> {
  const memberId = inboxOwner(ctx);
  const row = await store.inboxItem(ctx.db, memberId, requestId);
  if (!row) throw notFound('Request');
  if (row.status === 'new')
    await transact(ctx.db, (trx) =>
      store.updateRecipient(trx, memberId, requestId, { status: 'read', readAt: ctx.clock().toISOString() }),
    );
  const [item] = await presentInbox(ctx, memberId, [
    { ...row, status: row.status === 'new' ? 'read' : row.status },
  ]);
  return item as InboxItemView;
}

/** Answers the client: the message leaves from the cooperative, signed with the member's name only. */
export async function replyToRequest(ctx: Ctx, requestId: string, message: string): Promise<InboxItemView> {
  const memberId = inboxOwner(ctx);
  const row = await store.inboxItem(ctx.db, memberId, requestId);
  if (!row) throw notFound('Request');
  const member = (await store.findMember(ctx.db, memberId)) as store.MemberRow;
  const at = ctx.clock().toISOString();
  await transact(ctx.db, async (trx) => {
    await store.lockRecipient(trx, memberId, requestId);
    const { id } = await store.insertReply(trx, { requestId, memberId, message, createdAt: at });
    await store.updateRecipient(trx, memberId, requestId, {
      status: 'answered',
      answeredAt: at,
      ...(row.status === 'new' ? { readAt: at } : {}),
    });
    await enqueue(trx, {
      kind: 'email',
      payload: {
        to: row.requesterEmail,
        subject: `${member.firstName} ${member.lastName} répond à votre demande ${row.reference}`,
        text: [
          `Bonjour ${row.requesterName},`,
          '',
          `${member.firstName} ${member.lastName}, membre de la coopérative, répond à votre demande « ${row.subject} » :`,
          '',
          message,
          '',
          `Ce message vous est transmis par la coopérative : l’adresse de ${member.firstName} n’est pas communiquée.`,
          `Pour lui écrire à nouveau, envoyez une demande depuis son profil : ${ctx.publicUrl}/annuaire/profils/${memberId}`,
          `Référence : ${row.reference}.`,
          '',
          signOff(ctx),
        ].join('\n'),
      },
    });
    await recordAudit(
      trx,
      ctx,
      'directory.request.reply',
      { type: 'directory_request', id: requestId },
      {
        replyId: id,
      },
    );
  });
  return getInboxItem(ctx, requestId);
}

/**
 * "Answer with a quote": finds or makes the client from the request, then opens a draft quote of one
 * of the member's activities, prefilled with the request, linked to it. Asking again gives the same draft.
 */
export async function quoteFromRequest(
  ctx: Ctx,
  requestId: string,
  input: QuoteFromRequestInput,
): Promise<{ quoteId: string; clientId: string }> {
  const memberId = inboxOwner(ctx);
  const row = await store.inboxItem(ctx.db, memberId, requestId);
  if (!row) throw notFound('Request');
  if (row.quoteId && row.clientId) {
    const existing = await getDocument(ctx, row.quoteId).catch(() => null);
    if (existing) return { quoteId: row.quoteId, clientId: row.clientId };
  }
  let clientId = input.clientId ?? row.clientId ?? null;
  if (!clientId) {
    const known = await store.clientByEmail(ctx.db, row.requesterEmail);
    if (known && (await getClient(ctx, known.id).catch(() => null))) clientId = known.id;
  }
  if (clientId) {
    // The client must be one the member sees; a wrong id is a bad field, not a leak.
    const seen = await getClient(ctx, clientId).catch(() => null);
    if (!seen)
      throw new DomainError('validation.failed', 'Unknown client', {
        errors: [{ pointer: '/clientId', code: 'client.unknown', message: 'Unknown client' }],
      });
  } else {
    const c = input.client;
    if (!c)
      throw new DomainError('validation.failed', 'Client required', {
        errors: [{ pointer: '/client', code: 'required', message: messageFor('required', 'en') }],
      });
    const created = await createClient(ctx, {
      kind: c.kind,
      name: c.name,
      publicSector: false,
      email: row.requesterEmail,
      phone: row.phone?.slice(0, 30) ?? null,
      addressLine: c.addressLine,
      postalCode: c.postalCode,
      city: c.city,
      country: c.country,
      notes: `Venu par l’annuaire (demande ${row.reference}).`,
      contacts:
        c.kind === 'individual'
          ? []
          : [
              {
                name: row.requesterName,
                email: row.requesterEmail,
                phone: row.phone?.slice(0, 30) ?? null,
                role: '',
              },
            ],
      activityId: input.activityId,
    });
    clientId = created.id as string;
  }
  const today = toIsoDate(ctx.clock());
  const quote = await createQuote(ctx, {
    activityId: input.activityId,
    clientId,
    validUntil: addDays(today, 30),
    subject: row.subject.slice(0, 200),
    serviceDate: null,
    lastServiceDate: null,
    notes: `Suite à votre demande ${row.reference} du ${row.createdAt.slice(8, 10)}/${row.createdAt.slice(5, 7)}/${row.createdAt.slice(0, 4)}.`,
    paymentTerm: 'days',
    paymentDays: 30,
    purchaseOrder: null,
    buyerReference: row.reference,
    language: 'fr',
    lines: [
      {
        designation: row.subject.slice(0, 200),
        quantity: 1,
        unitCode: 'C62',
        unitPriceCents: 0,
        discountCents: 0,
        vatCategory: 'standard',
      },
    ],
  });
  const quoteId = quote.id as string;
  const at = ctx.clock().toISOString();
  await transact(ctx.db, async (trx) => {
    await store.lockRecipient(trx, memberId, requestId);
    await store.updateRecipient(trx, memberId, requestId, {
      clientId: clientId as string,
      quoteId,
      status: 'answered',
      answeredAt: at,
      ...(row.status === 'new' ? { readAt: at } : {}),
    });
    await recordAudit(
      trx,
      ctx,
      'directory.request.quote',
      { type: 'directory_request', id: requestId },
      {
        quoteId,
        clientId,
      },
    );
  });
  return { quoteId, clientId };
}
