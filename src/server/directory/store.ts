// Queries of the directory: profiles and their search, consents, networks, requests and the inbox.
import { type Kysely, sql, type Transaction } from 'kysely';
import { prefixTerm } from '../../domain/directory/search.ts';
import type { Database, DirectoryProfilesTable } from '../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

// ——— Members and profiles ———

export const findMember = (db: Q, id: string) =>
  db
    .selectFrom('members as m')
    .leftJoin('offices as o', 'o.id', 'm.officeId')
    .select([
      'm.id',
      'm.firstName',
      'm.lastName',
      'm.email',
      'm.status',
      'm.officeId',
      'm.userId',
      'm.trades',
      'm.city',
      'o.name as officeName',
    ])
    .where('m.id', '=', id)
    .executeTakeFirst();
export type MemberRow = NonNullable<Awaited<ReturnType<typeof findMember>>>;

const profileColumns = [
  'p.memberId',
  'p.trade',
  'p.skills',
  'p.city',
  'p.presentation',
  'p.portfolioUrl',
  'p.availability',
  'p.published',
  'p.consentAt',
  'p.consentVersion',
  'p.publishedAt',
  'p.withdrawnAt',
] as const;

export const findProfile = (db: Q, memberId: string) =>
  db
    .selectFrom('directoryProfiles as p')
    .select(profileColumns)
    .where('p.memberId', '=', memberId)
    .executeTakeFirst();
export type ProfileRow = NonNullable<Awaited<ReturnType<typeof findProfile>>>;

/** Locks the profile row for a change of publication. */
export const lockProfile = (trx: Transaction<Database>, memberId: string) =>
  trx
    .selectFrom('directoryProfiles as p')
    .select(profileColumns)
    .where('p.memberId', '=', memberId)
    .forUpdate()
    .executeTakeFirst();

type ProfileFields = {
  trade: string;
  skills: string[];
  city: string;
  presentation: string;
  portfolioUrl: string | null;
  availability: 'available' | 'busy' | 'unavailable';
};
export type SearchColumns = {
  searchA: string;
  searchB: string;
  searchC: string;
  searchD: string;
  cityKey: string;
  skillKeys: string[];
};

export async function upsertProfile(
  trx: Transaction<Database>,
  memberId: string,
  fields: ProfileFields & SearchColumns,
  at: string,
) {
  const values = {
    ...fields,
    skills: sql<string[]>`${fields.skills}::text[]`,
    skillKeys: sql<string[]>`${fields.skillKeys}::text[]`,
  };
  await trx
    .insertInto('directoryProfiles')
    .values({ memberId, ...values, createdAt: at, updatedAt: at })
    .onConflict((oc) => oc.column('memberId').doUpdateSet({ ...values, updatedAt: at }))
    .execute();
}

export const updateSearchColumns = (trx: Transaction<Database>, memberId: string, columns: SearchColumns) =>
  trx
    .updateTable('directoryProfiles')
    .set({ ...columns, skillKeys: sql<string[]>`${columns.skillKeys}::text[]` })
    .where('memberId', '=', memberId)
    .execute();

export const setPublication = (
  trx: Transaction<Database>,
  memberId: string,
  set: Partial<
    Pick<DirectoryProfilesTable, 'consentAt' | 'consentVersion' | 'publishedAt' | 'withdrawnAt'> & {
      published: boolean;
    }
  >,
  at: string,
) =>
  trx
    .updateTable('directoryProfiles')
    .set({ ...set, updatedAt: at })
    .where('memberId', '=', memberId)
    .execute();

export const insertConsent = (
  trx: Transaction<Database>,
  row: {
    memberId: string;
    kind: 'granted' | 'withdrawn';
    version: string;
    at: string;
    userId: string;
    requestId: string | null;
  },
) => trx.insertInto('directoryConsents').values(row).execute();

export const consentsOf = (db: Q, memberId: string) =>
  db
    .selectFrom('directoryConsents')
    .select(['kind', 'version', 'at'])
    .where('memberId', '=', memberId)
    .orderBy('id', 'desc')
    .execute();

/** The networks of each member, by name. */
export async function networksOf(db: Q, memberIds: readonly string[]) {
  const byMember = new Map<string, { id: string; slug: string; name: string }[]>();
  if (memberIds.length === 0) return byMember;
  const rows = await db
    .selectFrom('directoryNetworkMembers as nm')
    .innerJoin('directoryNetworks as n', 'n.id', 'nm.networkId')
    .select(['nm.memberId', 'n.id', 'n.slug', 'n.name'])
    .where('nm.memberId', 'in', memberIds)
    .orderBy('n.name')
    .execute();
  for (const r of rows) {
    const list = byMember.get(r.memberId) ?? [];
    list.push({ id: r.id, slug: r.slug, name: r.name });
    byMember.set(r.memberId, list);
  }
  return byMember;
}

// ——— Search ———

export type Visibility =
  | { kind: 'public' }
  /** Published profiles, and unpublished ones of these members or offices (staff and the member themselves). */
  | { kind: 'scoped'; all: boolean; officeIds: readonly string[]; memberIds: readonly string[] };

export type SearchFilter = {
  /** Folded words ([a-z0-9]); all of them or any of them must match. */
  words: { terms: readonly string[]; mode: 'all' | 'any' } | null;
  network?: string;
  skillKey?: string;
  cityKey?: string;
  officeId?: string;
  availableOnly?: boolean;
  visibility: Visibility;
};

const currentMember = ['member', 'shareholder'] as const;

/**
 * Each word matches its French stem or itself as written (a French stop word such as "son" is also a
 * trade word), as a prefix from three letters; words joined by AND or OR.
 */
function tsQueryOf(f: SearchFilter) {
  if (!f.words || f.words.terms.length === 0) return null;
  const parts = f.words.terms.map((t) => {
    const term = prefixTerm(t);
    return sql`(to_tsquery('french', ${term}) || to_tsquery('simple', ${term}))`;
  });
  return sql`(${sql.join(parts, f.words.mode === 'all' ? sql` && ` : sql` || `)})`;
}

function searchBase(db: Q, f: SearchFilter) {
  let q = db
    .selectFrom('directoryProfiles as p')
    .innerJoin('members as m', 'm.id', 'p.memberId')
    .leftJoin('offices as o', 'o.id', 'm.officeId')
    .where('m.status', 'in', currentMember);
  const v = f.visibility;
  if (v.kind === 'public') q = q.where('p.published', '=', true);
  else if (!v.all)
    q = q.where((eb) =>
      eb.or([
        eb('p.published', '=', true),
        ...(v.officeIds.length ? [eb('m.officeId', 'in', v.officeIds)] : []),
        ...(v.memberIds.length ? [eb('m.id', 'in', v.memberIds)] : []),
      ]),
    );
  const query = tsQueryOf(f);
  if (query) q = q.where(sql<boolean>`p.search @@ ${query}`);
  if (f.network) {
    const slug = f.network;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('directoryNetworkMembers as nm')
          .innerJoin('directoryNetworks as n', 'n.id', 'nm.networkId')
          .select(sql`1`.as('one'))
          .where('n.slug', '=', slug)
          .whereRef('nm.memberId', '=', 'p.memberId'),
      ),
    );
  }
  if (f.skillKey)
    q = q.where(
      sql<boolean>`exists (select 1 from unnest(p.skill_keys) k where k like ${`%${f.skillKey.replace(/[\\%_]/g, (c) => `\\${c}`)}%`})`,
    );
  if (f.cityKey) q = q.where('p.cityKey', '=', f.cityKey);
  if (f.officeId) q = q.where('m.officeId', '=', f.officeId);
  if (f.availableOnly) q = q.where('p.availability', '=', 'available');
  return q;
}

export async function searchProfiles(db: Q, f: SearchFilter, page: { limit: number; offset: number }) {
  const base = searchBase(db, f);
  const total = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const query = tsQueryOf(f);
  const rank = query ? sql<number>`ts_rank_cd(p.search, ${query}, 1)` : sql<number>`0`;
  const rows = await base
    .select([...profileColumns, 'm.firstName', 'm.lastName', 'o.name as officeName', rank.as('rank')])
    // Best match first; then those available, then by name (a stable order for the cursor).
    .orderBy('rank', 'desc')
    .orderBy(sql`case p.availability when 'available' then 0 when 'busy' then 1 else 2 end`)
    .orderBy('m.lastName')
    .orderBy('m.firstName')
    .orderBy('p.memberId')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: total.n };
}
export type SearchRow = Awaited<ReturnType<typeof searchProfiles>>['rows'][number];

/** Published profiles of current members among these ids (the recipients a client may write to). */
export const publishedAmong = (db: Q, memberIds: readonly string[]) =>
  db
    .selectFrom('directoryProfiles as p')
    .innerJoin('members as m', 'm.id', 'p.memberId')
    .select(['m.id', 'm.firstName', 'm.lastName', 'm.email', 'p.trade'])
    .where('p.memberId', 'in', memberIds)
    .where('p.published', '=', true)
    .where('m.status', 'in', currentMember)
    .execute();

// ——— Networks ———

const networkColumns = ['n.id', 'n.slug', 'n.name', 'n.description'] as const;
const publishedCount = sql<number>`(select count(*)::int from directory_network_members nm
  join directory_profiles p on p.member_id = nm.member_id and p.published
  join members m on m.id = nm.member_id and m.status in ('member', 'shareholder')
  where nm.network_id = n.id)`;

export const listNetworks = (db: Q, memberId: string | null) =>
  db
    .selectFrom('directoryNetworks as n')
    .select(networkColumns)
    .select(publishedCount.as('profileCount'))
    .select(
      sql<boolean>`exists (select 1 from directory_network_members j where j.network_id = n.id and j.member_id = ${memberId})`.as(
        'joined',
      ),
    )
    .orderBy('n.name')
    .execute();

export const findNetwork = (db: Q, by: { slug: string } | { id: string }, memberId: string | null) =>
  db
    .selectFrom('directoryNetworks as n')
    .select(networkColumns)
    .select(publishedCount.as('profileCount'))
    .select(
      sql<boolean>`exists (select 1 from directory_network_members j where j.network_id = n.id and j.member_id = ${memberId})`.as(
        'joined',
      ),
    )
    .where('slug' in by ? 'n.slug' : 'n.id', '=', 'slug' in by ? by.slug : by.id)
    .executeTakeFirst();
export type NetworkRow = NonNullable<Awaited<ReturnType<typeof findNetwork>>>;

export const insertNetwork = (
  trx: Transaction<Database>,
  row: { slug: string; name: string; description: string; at: string },
) =>
  trx
    .insertInto('directoryNetworks')
    .values({
      slug: row.slug,
      name: row.name,
      description: row.description,
      createdAt: row.at,
      updatedAt: row.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

export const joinNetwork = (trx: Transaction<Database>, networkId: string, memberId: string, at: string) =>
  trx
    .insertInto('directoryNetworkMembers')
    .values({ networkId, memberId, joinedAt: at })
    .onConflict((oc) => oc.columns(['networkId', 'memberId']).doNothing())
    .executeTakeFirst();

export const leaveNetwork = (trx: Transaction<Database>, networkId: string, memberId: string) =>
  trx
    .deleteFrom('directoryNetworkMembers')
    .where('networkId', '=', networkId)
    .where('memberId', '=', memberId)
    .executeTakeFirst();

// ——— Requests ———

export const requestsSince = (db: Q, email: string, since: string) =>
  db
    .selectFrom('directoryRequests')
    .select(sql<number>`count(*)::int`.as('n'))
    .where(sql<string>`lower(requester_email)`, '=', email.toLowerCase())
    .where('createdAt', '>=', since)
    .executeTakeFirstOrThrow();

export const insertRequest = (
  trx: Transaction<Database>,
  row: {
    reference: string;
    requesterName: string;
    requesterEmail: string;
    organisation: string | null;
    phone: string | null;
    city: string | null;
    subject: string;
    message: string;
    createdAt: string;
  },
) => trx.insertInto('directoryRequests').values(row).returning('id').executeTakeFirstOrThrow();

export const insertRecipients = (
  trx: Transaction<Database>,
  requestId: string,
  memberIds: readonly string[],
) =>
  trx
    .insertInto('directoryRequestRecipients')
    .values(
      memberIds.map((memberId) => ({
        requestId,
        memberId,
        readAt: null,
        answeredAt: null,
        clientId: null,
        quoteId: null,
      })),
    )
    .execute();

const inboxColumns = [
  'r.id',
  'r.reference',
  'r.requesterName',
  'r.requesterEmail',
  'r.organisation',
  'r.phone',
  'r.city',
  'r.subject',
  'r.message',
  'r.createdAt',
  'x.status',
  'x.quoteId',
  'x.clientId',
  'x.memberId',
] as const;
const recipientCount = sql<number>`(select count(*)::int from directory_request_recipients c where c.request_id = r.id)`;

export const inbox = (db: Q, memberId: string) =>
  db
    .selectFrom('directoryRequestRecipients as x')
    .innerJoin('directoryRequests as r', 'r.id', 'x.requestId')
    .select(inboxColumns)
    .select(recipientCount.as('recipientCount'))
    .where('x.memberId', '=', memberId)
    .orderBy('r.createdAt', 'desc')
    .orderBy('r.id')
    .limit(200)
    .execute();

export const inboxItem = (db: Q, memberId: string, requestId: string) =>
  db
    .selectFrom('directoryRequestRecipients as x')
    .innerJoin('directoryRequests as r', 'r.id', 'x.requestId')
    .select(inboxColumns)
    .select(recipientCount.as('recipientCount'))
    .where('x.memberId', '=', memberId)
    .where('x.requestId', '=', requestId)
    .executeTakeFirst();
export type InboxRow = NonNullable<Awaited<ReturnType<typeof inboxItem>>>;

export const lockRecipient = (trx: Transaction<Database>, memberId: string, requestId: string) =>
  trx
    .selectFrom('directoryRequestRecipients')
    .selectAll()
    .where('memberId', '=', memberId)
    .where('requestId', '=', requestId)
    .forUpdate()
    .executeTakeFirst();

export const updateRecipient = (
  trx: Transaction<Database>,
  memberId: string,
  requestId: string,
  set: {
    status?: 'new' | 'read' | 'answered' | 'declined';
    readAt?: string;
    answeredAt?: string;
    clientId?: string;
    quoteId?: string;
  },
) =>
  trx
    .updateTable('directoryRequestRecipients')
    .set(set)
    .where('memberId', '=', memberId)
    .where('requestId', '=', requestId)
    .execute();

export const insertReply = (
  trx: Transaction<Database>,
  row: { requestId: string; memberId: string; message: string; createdAt: string },
) => trx.insertInto('directoryRequestReplies').values(row).returning('id').executeTakeFirstOrThrow();

export async function repliesOf(db: Q, memberId: string, requestIds: readonly string[]) {
  const byRequest = new Map<string, { id: string; message: string; createdAt: string }[]>();
  if (requestIds.length === 0) return byRequest;
  const rows = await db
    .selectFrom('directoryRequestReplies')
    .select(['id', 'requestId', 'message', 'createdAt'])
    .where('memberId', '=', memberId)
    .where('requestId', 'in', requestIds)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const list = byRequest.get(r.requestId) ?? [];
    list.push({ id: r.id, message: r.message, createdAt: r.createdAt });
    byRequest.set(r.requestId, list);
  }
  return byRequest;
}

/** A client of the shared directory with this e-mail, the most recent first (to answer with a quote). */
export const clientByEmail = (db: Q, email: string) =>
  db
    .selectFrom('clients')
    .select(['id'])
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .orderBy('createdAt', 'desc')
    .limit(1)
    .executeTakeFirst();
