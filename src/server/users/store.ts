import type { Kysely, Transaction } from 'kysely';
import type { Role } from '../../domain/access.ts';
import type { Database } from '../db/schema.ts';
import { type ListParams, likePattern } from '../http/lists.ts';

type Q = Kysely<Database> | Transaction<Database>;

export async function findActorRow(db: Q, userId: string) {
  const user = await db
    .selectFrom('user')
    .select(['id', 'name', 'email'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) return null;
  const [roleRows, officeRows, member] = await Promise.all([
    db.selectFrom('userRoles').select('role').where('userId', '=', userId).execute(),
    db.selectFrom('adviserOffices').select('officeId').where('userId', '=', userId).execute(),
    db.selectFrom('members').select('id').where('userId', '=', userId).executeTakeFirst(),
  ]);
  return {
    ...user,
    roles: roleRows.map((r) => r.role as Role),
    officeIds: officeRows.map((o) => o.officeId),
    memberId: member?.id ?? null,
  };
}

export async function listUsers(db: Q, p: ListParams) {
  let q = db.selectFrom('user');
  if (p.q) {
    const like = likePattern(p.q);
    q = q.where((eb) =>
      eb.or([eb(eb.fn('lower', ['user.name']), 'like', like), eb('user.email', 'like', like)]),
    );
  }
  const sortColumn = p.sort?.column === 'email' ? 'user.email' : 'user.name';
  const [rows, count] = await Promise.all([
    q
      .leftJoin('members', 'members.userId', 'user.id')
      .select(['user.id', 'user.name', 'user.email', 'members.id as memberId'])
      .select((eb) => [
        eb
          .selectFrom('userRoles')
          .select((e) => e.fn.agg<string[]>('array_agg', ['role']).as('r'))
          .whereRef('userRoles.userId', '=', 'user.id')
          .as('roles'),
        eb
          .selectFrom('adviserOffices')
          .select((e) => e.fn.agg<string[]>('array_agg', ['officeId']).as('o'))
          .whereRef('adviserOffices.userId', '=', 'user.id')
          .as('officeIds'),
      ])
      .orderBy(sortColumn, p.sort?.direction ?? 'asc')
      .orderBy('user.id')
      .limit(p.limit)
      .offset(p.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, roles: (r.roles ?? []) as Role[], officeIds: r.officeIds ?? [] })),
    total: Number(count.n),
  };
}

export const findUserByEmail = (db: Q, email: string) =>
  db.selectFrom('user').select(['id']).where('email', '=', email).executeTakeFirst();

export async function insertUser(
  trx: Transaction<Database>,
  u: { id: string; name: string; email: string; passwordHash: string | null; at: string },
) {
  // The auth library's tables keep its camelCase column names: written without the case plugin.
  const raw = trx.withoutPlugins() as unknown as Kysely<any>;
  await raw
    .insertInto('user')
    .values({
      id: u.id,
      name: u.name,
      email: u.email,
      emailVerified: false,
      createdAt: u.at,
      updatedAt: u.at,
    })
    .execute();
  if (u.passwordHash)
    await raw
      .insertInto('account')
      .values({
        id: crypto.randomUUID(),
        accountId: u.id,
        providerId: 'credential',
        userId: u.id,
        password: u.passwordHash,
        createdAt: u.at,
        updatedAt: u.at,
      })
      .execute();
}

export const updateUserName = (trx: Transaction<Database>, id: string, name: string) =>
  trx.updateTable('user').set({ name }).where('id', '=', id).execute();

export async function replaceRoles(trx: Transaction<Database>, userId: string, roles: readonly Role[]) {
  await trx.deleteFrom('userRoles').where('userId', '=', userId).execute();
  // A role or office named twice is given once (the pair is the key).
  if (roles.length)
    await trx
      .insertInto('userRoles')
      .values([...new Set(roles)].map((role) => ({ userId, role })))
      .execute();
}

export async function replaceOffices(
  trx: Transaction<Database>,
  userId: string,
  officeIds: readonly string[],
) {
  await trx.deleteFrom('adviserOffices').where('userId', '=', userId).execute();
  if (officeIds.length)
    await trx
      .insertInto('adviserOffices')
      .values([...new Set(officeIds)].map((officeId) => ({ userId, officeId })))
      .execute();
}

export const countAdmins = (db: Q) =>
  db
    .selectFrom('userRoles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));

export const existingOfficeIds = async (db: Q, ids: readonly string[]) =>
  ids.length === 0
    ? []
    : (await db.selectFrom('offices').select('id').where('id', 'in', ids).execute()).map((r) => r.id);

export const addRole = (trx: Transaction<Database>, userId: string, role: Role) =>
  trx
    .insertInto('userRoles')
    .values({ userId, role })
    .onConflict((oc) => oc.doNothing())
    .execute();

export const memberWithoutAccount = (db: Q, memberId: string) =>
  db
    .selectFrom('members')
    .select('id')
    .where('id', '=', memberId)
    .where('userId', 'is', null)
    .executeTakeFirst();

export const linkMember = (trx: Transaction<Database>, memberId: string, userId: string) =>
  trx.updateTable('members').set({ userId }).where('id', '=', memberId).execute();
