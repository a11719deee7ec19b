import type { Insertable, Updateable } from 'kysely';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { MemberScope } from '../../domain/access.ts';
import type { Database, MemberStatus, MembersTable } from '../db/schema.ts';
import { type ListParams, likePattern } from '../http/lists.ts';

type Q = Kysely<Database> | Transaction<Database>;

export type MemberFilter = { status?: MemberStatus; officeId?: string; trade?: string };

const fullColumns = [
  'members.id',
  'members.number',
  'members.userId',
  'members.firstName',
  'members.lastName',
  'members.email',
  'members.phone',
  'members.addressLine',
  'members.postalCode',
  'members.city',
  'members.country',
  'members.birthDate',
  'members.sex',
  'members.nirEncrypted',
  'members.nirHint',
  'members.ibanEncrypted',
  'members.ibanHint',
  'members.bic',
  'members.trades',
  'members.officeId',
  'offices.name as officeName',
  'members.status',
  'members.joinedOn',
  'members.exitedOn',
  'members.createdAt',
  'members.updatedAt',
] as const;

export const findMember = (db: Q, id: string) =>
  db
    .selectFrom('members')
    .leftJoin('offices', 'offices.id', 'members.officeId')
    .select(fullColumns)
    .where('members.id', '=', id)
    .executeTakeFirst();
export type MemberRow = NonNullable<Awaited<ReturnType<typeof findMember>>>;

const sortColumns = {
  lastName: 'members.lastName',
  number: 'members.number',
  status: 'members.status',
  joinedOn: 'members.joinedOn',
  createdAt: 'members.createdAt',
  city: 'members.city',
} as const;
export const memberSortable = Object.keys(sortColumns) as [
  keyof typeof sortColumns,
  ...(keyof typeof sortColumns)[],
];

export async function listMembers(db: Q, scope: MemberScope, f: MemberFilter, p: ListParams) {
  let q = db.selectFrom('members').leftJoin('offices', 'offices.id', 'members.officeId');
  if (!scope.all) {
    const { officeIds, memberIds } = scope;
    if (officeIds.length === 0 && memberIds.length === 0) return { rows: [], total: 0 };
    q = q.where((eb) =>
      eb.or([
        ...(officeIds.length ? [eb('members.officeId', 'in', officeIds)] : []),
        ...(memberIds.length ? [eb('members.id', 'in', memberIds)] : []),
      ]),
    );
  }
  if (f.status) q = q.where('members.status', '=', f.status);
  if (f.officeId) q = q.where('members.officeId', '=', f.officeId);
  if (f.trade) q = q.where(sql<boolean>`${f.trade} = any(members.trades)`);
  if (p.q) {
    const like = likePattern(p.q);
    q = q.where((eb) =>
      eb.or([
        eb(sql`lower(members.first_name || ' ' || members.last_name)`, 'like', like),
        eb(sql`lower(members.last_name || ' ' || members.first_name)`, 'like', like),
        eb(sql`lower(members.email)`, 'like', like),
        eb('members.number', 'ilike', like),
      ]),
    );
  }
  const column = sortColumns[(p.sort?.column ?? 'lastName') as keyof typeof sortColumns];
  const direction = p.sort?.direction ?? 'asc';
  const [rows, count] = await Promise.all([
    q
      .select([
        'members.id',
        'members.number',
        'members.firstName',
        'members.lastName',
        'members.email',
        'members.city',
        'members.trades',
        'members.officeId',
        'offices.name as officeName',
        'members.status',
        'members.joinedOn',
        // Since when a prospect waits (the back office's queue of new members).
        'members.createdAt',
      ])
      .orderBy(column, direction)
      .orderBy('members.lastName')
      .orderBy('members.firstName')
      .orderBy('members.id')
      .limit(p.limit)
      .offset(p.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export const nextMemberNumber = async (trx: Transaction<Database>) => {
  const r = await sql<{ n: number }>`select nextval('member_number_seq') as n`.execute(trx);
  return `M${String(r.rows[0]!.n).padStart(6, '0')}`;
};

export const emailTaken = async (db: Q, email: string, exceptId?: string) => {
  let q = db.selectFrom('members').select('id').where(sql`lower(email)`, '=', email.toLowerCase());
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
};

export const insertMember = (trx: Transaction<Database>, row: Insertable<MembersTable>) =>
  trx.insertInto('members').values(row).returning('id').executeTakeFirstOrThrow();

export const updateMember = (trx: Transaction<Database>, id: string, row: Updateable<MembersTable>) =>
  trx.updateTable('members').set(row).where('id', '=', id).execute();

/** Open activities where this member is the only one left. */
export const soleOpenActivities = (db: Q, memberId: string) =>
  db
    .selectFrom('activityMembers as am')
    .innerJoin('activities as a', 'a.id', 'am.activityId')
    .select('a.id')
    .where('am.memberId', '=', memberId)
    .where('a.status', '=', 'open')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('activityMembers as other')
            .select('other.memberId')
            .whereRef('other.activityId', '=', 'am.activityId')
            .whereRef('other.memberId', '<>', 'am.memberId'),
        ),
      ),
    )
    .execute();

export const officeExists = async (db: Q, id: string) =>
  (await db.selectFrom('offices').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
