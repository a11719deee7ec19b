import type { Insertable, Updateable } from 'kysely';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { MemberScope } from '../../domain/access.ts';
import type { ContactInput } from '../../domain/clients/schemas.ts';
import type { ClientsTable, Database } from '../db/schema.ts';
import { type ListParams, likePattern } from '../http/lists.ts';

type Q = Kysely<Database> | Transaction<Database>;

export type ClientFilter = {
  kind?: 'company' | 'association' | 'individual';
  publicSector?: boolean;
  activityId?: string;
  mine?: boolean;
};

const summaryColumns = [
  'clients.id',
  'clients.kind',
  'clients.name',
  'clients.siren',
  'clients.vatNumber',
  'clients.publicSector',
  'clients.city',
  'clients.postalCode',
  'clients.country',
] as const;
const fullColumns = [
  ...summaryColumns,
  'clients.siret',
  'clients.email',
  'clients.phone',
  'clients.addressLine',
  'clients.notes',
  'clients.createdAt',
  'clients.updatedAt',
] as const;

const sortColumns = { name: 'clients.name', city: 'clients.city', createdAt: 'clients.createdAt' } as const;
export const clientSortable = Object.keys(sortColumns) as [
  keyof typeof sortColumns,
  ...(keyof typeof sortColumns)[],
];

/** Activities linked to a client, with who works on them (for the access policies). */
export const findClientLinks = (db: Q, clientId: string) =>
  db
    .selectFrom('activityClients as ac')
    .innerJoin('activities as a', 'a.id', 'ac.activityId')
    .leftJoin('activityMembers as am', 'am.activityId', 'a.id')
    .leftJoin('members as m', 'm.id', 'am.memberId')
    .select(['a.id as activityId', 'a.name as activityName', 'am.memberId', 'm.officeId'])
    .where('ac.clientId', '=', clientId)
    .execute();

export const findClient = (db: Q, id: string) =>
  db.selectFrom('clients').select(fullColumns).where('clients.id', '=', id).executeTakeFirst();
export type ClientRow = NonNullable<Awaited<ReturnType<typeof findClient>>>;

export const listContacts = (db: Q, clientId: string) =>
  db
    .selectFrom('clientContacts')
    .select(['id', 'name', 'email', 'phone', 'role'])
    .where('clientId', '=', clientId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();

const linkedTo = (scope: {
  officeIds: readonly string[];
  memberIds: readonly string[];
}) => sql<boolean>`exists (
  select 1 from activity_clients ac join activity_members am on am.activity_id = ac.activity_id
  join members m on m.id = am.member_id
  where ac.client_id = clients.id and (${
    scope.memberIds.length ? sql`am.member_id in (${sql.join(scope.memberIds)})` : sql`false`
  } or ${scope.officeIds.length ? sql`m.office_id in (${sql.join(scope.officeIds)})` : sql`false`}))`;

export async function listClients(db: Q, scope: MemberScope, f: ClientFilter, p: ListParams) {
  let q = db.selectFrom('clients');
  if (!scope.all) q = q.where((eb) => eb.or([eb('clients.kind', '<>', 'individual'), linkedTo(scope)]));
  if (f.mine) q = q.where(linkedTo({ officeIds: [], memberIds: scope.all ? [] : scope.memberIds }));
  if (f.kind) q = q.where('clients.kind', '=', f.kind);
  if (f.publicSector !== undefined) q = q.where('clients.publicSector', '=', f.publicSector);
  if (f.activityId) {
    const activityId = f.activityId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('activityClients as fa')
          .select('fa.clientId')
          .whereRef('fa.clientId', '=', 'clients.id')
          .where('fa.activityId', '=', activityId),
      ),
    );
  }
  if (p.q) {
    const like = likePattern(p.q);
    const compact = p.q.replace(/\s/g, '');
    q = q.where((eb) =>
      eb.or([
        eb(sql`lower(clients.name)`, 'like', like),
        eb(sql`lower(clients.city)`, 'like', like),
        eb('clients.siren', '=', compact),
        eb('clients.siret', '=', compact),
        eb('clients.vatNumber', '=', compact.toUpperCase()),
      ]),
    );
  }
  const column = sortColumns[(p.sort?.column ?? 'name') as keyof typeof sortColumns];
  const [rows, n] = await Promise.all([
    q
      .select(summaryColumns)
      .orderBy(column, p.sort?.direction ?? 'asc')
      .orderBy('clients.id')
      .limit(p.limit)
      .offset(p.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(n.n) };
}

export const insertClient = (trx: Transaction<Database>, row: Insertable<ClientsTable>) =>
  trx.insertInto('clients').values(row).returning('id').executeTakeFirstOrThrow();
export const updateClient = (trx: Transaction<Database>, id: string, row: Updateable<ClientsTable>) =>
  trx.updateTable('clients').set(row).where('id', '=', id).execute();

export const insertContacts = (
  trx: Transaction<Database>,
  clientId: string,
  contacts: readonly ContactInput[],
) =>
  contacts.length === 0
    ? Promise.resolve([])
    : trx
        .insertInto('clientContacts')
        .values(
          contacts.map((c) => ({
            clientId,
            name: c.name,
            email: c.email ?? null,
            phone: c.phone ?? null,
            role: c.role,
          })),
        )
        .returning('id')
        .execute();
export const updateContact = (
  trx: Transaction<Database>,
  clientId: string,
  id: string,
  c: Partial<ContactInput>,
) =>
  trx
    .updateTable('clientContacts')
    .set(c)
    .where('id', '=', id)
    .where('clientId', '=', clientId)
    .executeTakeFirst();
export const deleteContact = (trx: Transaction<Database>, clientId: string, id: string) =>
  trx.deleteFrom('clientContacts').where('id', '=', id).where('clientId', '=', clientId).executeTakeFirst();

export const linkClient = (trx: Transaction<Database>, activityId: string, clientId: string) =>
  trx
    .insertInto('activityClients')
    .values({ activityId, clientId })
    .onConflict((oc) => oc.doNothing())
    .execute();
export const unlinkClient = (trx: Transaction<Database>, activityId: string, clientId: string) =>
  trx
    .deleteFrom('activityClients')
    .where('activityId', '=', activityId)
    .where('clientId', '=', clientId)
    .executeTakeFirst();
