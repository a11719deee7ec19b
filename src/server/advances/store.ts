// The advances' queries: requests and their decisions, instalments, repayments, and the pending
// requests per office for the advisers' cockpit.
import { type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import type { MemberScope } from '../../domain/access.ts';
import type { Database } from '../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;

const advances = (db: Q) =>
  db
    .selectFrom('advances as v')
    .innerJoin('activities as a', 'a.id', 'v.activityId')
    .innerJoin('members as m', 'm.id', 'v.memberId')
    .select([
      'v.id',
      'v.entityId',
      'v.activityId',
      'a.name as activityName',
      'm.officeId',
      'v.memberId',
      sql<string>`m.first_name || ' ' || m.last_name`.as('memberName'),
      'v.kind',
      'v.purpose',
      'v.amountCents',
      'v.repayment',
      'v.instalments',
      'v.firstDueOn',
      'v.revenueShareBp',
      'v.fileFeeBp',
      'v.fileFeeCents',
      'v.status',
      'v.comment',
      'v.requestedAt',
      'v.decidedAt',
      'v.disbursementEntryId',
      'v.repaidCents',
    ]);

export type AdvanceRow = NonNullable<Awaited<ReturnType<typeof findAdvance>>>;

export const findAdvance = (db: Q, id: string) => advances(db).where('v.id', '=', id).executeTakeFirst();

export const lockAdvance = (trx: Trx, id: string) =>
  trx
    .selectFrom('advances')
    .select(['id', 'status', 'repaidCents', 'amountCents'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();

export function listAdvances(
  db: Q,
  scope: MemberScope,
  f: { status?: string; activityId?: string; officeId?: string },
) {
  let q = advances(db);
  if (!scope.all) {
    const { officeIds, memberIds } = scope;
    q = q.where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('activityMembers as am')
            .select('am.memberId')
            .whereRef('am.activityId', '=', 'v.activityId')
            .where(
              'am.memberId',
              'in',
              memberIds.length ? [...memberIds] : ['00000000-0000-0000-0000-000000000000'],
            ),
        ),
        eb.exists(
          eb
            .selectFrom('activityMembers as am')
            .innerJoin('members as om', 'om.id', 'am.memberId')
            .select('am.memberId')
            .whereRef('am.activityId', '=', 'v.activityId')
            .where(
              'om.officeId',
              'in',
              officeIds.length ? [...officeIds] : ['00000000-0000-0000-0000-000000000000'],
            ),
        ),
      ]),
    );
  }
  if (f.status) q = q.where('v.status', '=', f.status as 'requested');
  if (f.activityId) q = q.where('v.activityId', '=', f.activityId);
  if (f.officeId) q = q.where('m.officeId', '=', f.officeId);
  return q.orderBy('v.requestedAt', 'desc').limit(500).execute();
}

export const insertAdvance = (trx: Trx, row: Insertable<Database['advances']>) =>
  trx.insertInto('advances').values(row).returning('id').executeTakeFirstOrThrow();

export const updateAdvance = (
  trx: Trx,
  id: string,
  set: Partial<{
    status: 'requested' | 'refused' | 'active' | 'repaid';
    fileFeeBp: number;
    fileFeeCents: number;
    comment: string;
    decidedBy: string;
    decidedAt: string;
    disbursementEntryId: string;
    repaidCents: number;
  }>,
) => trx.updateTable('advances').set(set).where('id', '=', id).execute();

export const insertInstalments = (trx: Trx, rows: Insertable<Database['advanceInstalments']>[]) =>
  rows.length ? trx.insertInto('advanceInstalments').values(rows).execute() : Promise.resolve([]);

export const instalmentsOf = (db: Q, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('advanceInstalments')
        .selectAll()
        .where('advanceId', 'in', [...ids])
        .orderBy('seq')
        .execute();

export const repaymentsOf = (db: Q, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('advanceRepayments')
        .selectAll()
        .where('advanceId', 'in', [...ids])
        .orderBy('repaidOn')
        .orderBy('createdAt')
        .execute();

/** Active advances repaid from revenue on these activities, locked, oldest first. */
export const lockRevenueAdvances = (trx: Trx, activityIds: readonly string[]) =>
  activityIds.length === 0
    ? Promise.resolve([])
    : trx
        .selectFrom('advances')
        .select(['id', 'entityId', 'activityId', 'amountCents', 'repaidCents', 'revenueShareBp', 'kind'])
        .where('activityId', 'in', [...activityIds])
        .where('status', '=', 'active')
        .where('repayment', '=', 'revenue')
        .orderBy('decidedAt')
        .orderBy('id')
        .forUpdate()
        .execute();

export const repaidByPayment = (trx: Trx, paymentId: string) =>
  trx.selectFrom('advanceRepayments').select('advanceId').where('paymentId', '=', paymentId).execute();

export async function insertRepayment(trx: Trx, row: Insertable<Database['advanceRepayments']>) {
  const r = await trx
    .insertInto('advanceRepayments')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

/** Instalments due by `today` and not repaid, of active scheduled advances. */
export const dueInstalments = (db: Q, today: string) =>
  db
    .selectFrom('advanceInstalments as i')
    .innerJoin('advances as v', 'v.id', 'i.advanceId')
    .select(['i.advanceId', 'i.seq', 'i.dueOn', 'i.amountCents', 'v.entityId', 'v.activityId', 'v.kind'])
    .where('i.repaidOn', 'is', null)
    .where('i.dueOn', '<=', today)
    .where('v.status', '=', 'active')
    .orderBy('i.dueOn')
    .orderBy('i.advanceId')
    .orderBy('i.seq')
    .limit(1000)
    .execute();

export const lockInstalment = (trx: Trx, advanceId: string, seq: number) =>
  trx
    .selectFrom('advanceInstalments')
    .selectAll()
    .where('advanceId', '=', advanceId)
    .where('seq', '=', seq)
    .forUpdate()
    .executeTakeFirst();

export const markInstalment = (trx: Trx, advanceId: string, seq: number, on: string) =>
  trx
    .updateTable('advanceInstalments')
    .set({ repaidOn: on })
    .where('advanceId', '=', advanceId)
    .where('seq', '=', seq)
    .execute();

/** Requests waiting for a decision, per office of the requesting member, with the oldest's date. */
export const pendingByOffice = (db: Q, officeIds?: readonly string[]) => {
  let q = db
    .selectFrom('advances as v')
    .innerJoin('members as m', 'm.id', 'v.memberId')
    .select(['m.officeId', sql<string>`count(*)`.as('count'), sql<string>`min(v.requested_at)`.as('oldest')])
    .where('v.status', '=', 'requested')
    .groupBy('m.officeId');
  if (officeIds)
    q = q.where(
      'm.officeId',
      'in',
      officeIds.length ? [...officeIds] : ['00000000-0000-0000-0000-000000000000'],
    );
  return q.execute();
};
