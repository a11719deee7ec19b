import { type Kysely, sql, type Transaction } from 'kysely';
import type { MemberScope } from '../../domain/access.ts';
import type { Database } from '../db/schema.ts';
import { type ListParams, likePattern } from '../http/lists.ts';

type Q = Kysely<Database> | Transaction<Database>;

export type ActivityFilter = { status?: 'open' | 'closed'; entityId?: string; memberId?: string };

const baseColumns = [
  'activities.id',
  'activities.name',
  'activities.description',
  'activities.trade',
  'activities.status',
  'activities.feeRateBp',
  'activities.feeOverrideReason',
  'activities.createdAt',
  'activities.updatedAt',
  'legalEntities.id as entityId',
  'legalEntities.code as entityCode',
  'legalEntities.name as entityName',
  'legalEntities.feeRateBp as entityFeeRateBp',
] as const;

const withDetails = (db: Q) =>
  db
    .selectFrom('activities')
    .innerJoin('legalEntities', 'legalEntities.id', 'activities.entityId')
    .select(baseColumns)
    .select((eb) => [
      sql<
        { id: string; number: string; firstName: string; lastName: string; officeId: string | null }[]
      >`coalesce((
        select json_agg(json_build_object('id', m.id, 'number', m.number, 'firstName', m.first_name,
          'lastName', m.last_name, 'officeId', m.office_id) order by m.last_name, m.first_name)
        from activity_members am join members m on m.id = am.member_id where am.activity_id = activities.id), '[]')`.as(
        'members',
      ),
      eb
        .selectFrom('activityClients')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('activityClients.activityId', '=', 'activities.id')
        .as('clientCount'),
      // The rate of the fee policy in force today for the activity's kind, else the entity's general
      // one (the same choice as the fees module's resolveTerms), so lists show what postings charge.
      sql<number | null>`(
        select v.rate_bp from fee_policy_versions v
        where v.entity_id = activities.entity_id and v.effective_from <= current_date
          and v.activity_kind in (activities.kind, 'general')
        order by (v.activity_kind = activities.kind) desc, v.effective_from desc limit 1)`.as('policyRateBp'),
    ]);

export const findActivity = (db: Q, id: string) =>
  withDetails(db).where('activities.id', '=', id).executeTakeFirst();
export type ActivityRow = NonNullable<Awaited<ReturnType<typeof findActivity>>>;

const sortColumns = {
  name: 'activities.name',
  createdAt: 'activities.createdAt',
  status: 'activities.status',
} as const;
export const activitySortable = Object.keys(sortColumns) as [
  keyof typeof sortColumns,
  ...(keyof typeof sortColumns)[],
];

export async function listActivities(db: Q, scope: MemberScope, f: ActivityFilter, p: ListParams) {
  let q = withDetails(db);
  let count = db.selectFrom('activities');
  const filters: ((qb: any) => any)[] = [];
  if (!scope.all) {
    const { officeIds, memberIds } = scope;
    if (officeIds.length === 0 && memberIds.length === 0) return { rows: [], total: 0 };
    filters.push((qb) =>
      qb.where((eb: any) =>
        eb.exists(
          eb
            .selectFrom('activityMembers as am')
            .innerJoin('members as m', 'm.id', 'am.memberId')
            .select('am.memberId')
            .whereRef('am.activityId', '=', 'activities.id')
            .where((e: any) =>
              e.or([
                ...(officeIds.length ? [e('m.officeId', 'in', officeIds)] : []),
                ...(memberIds.length ? [e('am.memberId', 'in', memberIds)] : []),
              ]),
            ),
        ),
      ),
    );
  }
  if (f.status) filters.push((qb) => qb.where('activities.status', '=', f.status));
  if (f.entityId) filters.push((qb) => qb.where('activities.entityId', '=', f.entityId));
  if (f.memberId)
    filters.push((qb) =>
      qb.where((eb: any) =>
        eb.exists(
          eb
            .selectFrom('activityMembers as fm')
            .select('fm.memberId')
            .whereRef('fm.activityId', '=', 'activities.id')
            .where('fm.memberId', '=', f.memberId),
        ),
      ),
    );
  if (p.q) {
    const like = likePattern(p.q);
    filters.push((qb) =>
      qb.where((eb: any) =>
        eb.or([
          eb(sql`lower(activities.name)`, 'like', like),
          eb(sql`lower(activities.trade)`, 'like', like),
        ]),
      ),
    );
  }
  for (const apply of filters) {
    q = apply(q);
    count = apply(count);
  }
  const column = sortColumns[(p.sort?.column ?? 'name') as keyof typeof sortColumns];
  const [rows, n] = await Promise.all([
    q
      .orderBy(column, p.sort?.direction ?? 'asc')
      .orderBy('activities.id')
      .limit(p.limit)
      .offset(p.offset)
      .execute(),
    count.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(n.n) };
}

export const findEntityRate = (db: Q, entityId: string) =>
  db.selectFrom('legalEntities').select(['id', 'feeRateBp']).where('id', '=', entityId).executeTakeFirst();

export const findMembersForActivity = (db: Q, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom('members').select(['id', 'officeId', 'status']).where('id', 'in', ids).execute();

export const insertActivity = (
  trx: Transaction<Database>,
  a: { entityId: string; name: string; description: string; trade: string },
) => trx.insertInto('activities').values(a).returning('id').executeTakeFirstOrThrow();

export const updateActivity = (
  trx: Transaction<Database>,
  id: string,
  a: {
    name?: string;
    description?: string;
    trade?: string;
    status?: 'open' | 'closed';
    feeRateBp?: number | null;
    feeOverrideReason?: string | null;
    updatedAt: string;
  },
) => trx.updateTable('activities').set(a).where('id', '=', id).execute();

export const addActivityMembers = (
  trx: Transaction<Database>,
  activityId: string,
  memberIds: readonly string[],
) =>
  trx
    .insertInto('activityMembers')
    .values(memberIds.map((memberId) => ({ activityId, memberId })))
    .onConflict((oc) => oc.doNothing())
    .execute();

export const removeActivityMember = (trx: Transaction<Database>, activityId: string, memberId: string) =>
  trx
    .deleteFrom('activityMembers')
    .where('activityId', '=', activityId)
    .where('memberId', '=', memberId)
    .executeTakeFirst();

export const countActivityMembers = async (db: Q, activityId: string) =>
  Number(
    (
      await db
        .selectFrom('activityMembers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('activityId', '=', activityId)
        .executeTakeFirstOrThrow()
    ).n,
  );
