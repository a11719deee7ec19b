// Activities: a member's business line inside one legal entity. Its fee rate is the entity's unless
// staff set an exception with a reason; several members may share one activity.
import { type ActivityResource, can, memberScope } from '../../domain/access.ts';
import {
  type ActivityInput,
  type ActivityPatch,
  type ActivityView,
  effectiveFeeRateBp,
  type FeeOverride,
} from '../../domain/activities/schemas.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import { diff, recordAudit } from '../audit/service.ts';
import type { Ctx } from '../context.ts';
import { transact } from '../db/transaction.ts';
import { type ListParams, pageOf } from '../http/lists.ts';
import * as store from './store.ts';

export { activitySortable } from './store.ts';

export const activityResource = (a: store.ActivityRow): ActivityResource => ({
  kind: 'activity',
  id: a.id,
  memberIds: a.members.map((m) => m.id),
  officeIds: a.members.map((m) => m.officeId),
});

const present = (a: store.ActivityRow): ActivityView => ({
  id: a.id,
  name: a.name,
  description: a.description,
  trade: a.trade,
  status: a.status,
  entity: { id: a.entityId, code: a.entityCode, name: a.entityName, feeRateBp: a.entityFeeRateBp },
  feeRateBp: effectiveFeeRateBp(a, { feeRateBp: a.policyRateBp ?? a.entityFeeRateBp }),
  feeRateOverridden: a.feeRateBp !== null,
  feeOverrideReason: a.feeOverrideReason,
  members: a.members.map(({ id, number, firstName, lastName }) => ({ id, number, firstName, lastName })),
  clientCount: Number(a.clientCount ?? 0),
  createdAt: a.createdAt,
  updatedAt: a.updatedAt,
});

type ActivityAction = 'activity.read' | 'activity.update' | 'activity.setFee' | 'activity.manageMembers';

/** An activity the actor may see (else "not found") and act on (else "forbidden"). */
export async function requireActivity(ctx: Ctx, id: string, action: ActivityAction = 'activity.read') {
  const a = await store.findActivity(ctx.db, id);
  if (!a || !can(ctx.actor, 'activity.read', activityResource(a))) throw notFound('Activity');
  if (!can(ctx.actor, action, activityResource(a)))
    throw new DomainError('auth.forbidden', 'Not allowed on this activity');
  return a;
}

export async function listActivities(ctx: Ctx, filter: store.ActivityFilter, p: ListParams) {
  const { rows, total } = await store.listActivities(ctx.db, memberScope(ctx.actor), filter, p);
  return pageOf(rows.map(present), total, p);
}

export const getActivity = async (ctx: Ctx, id: string) => present(await requireActivity(ctx, id));

const invalid = (pointer: string, code: string) =>
  new DomainError('validation.failed', code, { errors: [{ pointer, code, message: code }] });

export async function createActivity(ctx: Ctx, input: ActivityInput) {
  if (!can(ctx.actor, 'activity.create')) throw notFound('Activities');
  const memberIds = input.memberIds.length
    ? [...new Set(input.memberIds)]
    : ctx.actor.memberId
      ? [ctx.actor.memberId]
      : [];
  if (memberIds.length === 0) throw invalid('/memberIds', 'required');
  const members = await store.findMembersForActivity(ctx.db, memberIds);
  for (const [index, id] of memberIds.entries()) {
    const m = members.find((x) => x.id === id);
    // A member the actor cannot act for is reported like an unknown one.
    if (!m || !can(ctx.actor, 'activity.create', { kind: 'member', id, officeId: m.officeId }))
      throw invalid(`/memberIds/${index}`, 'member.unknown');
    if (m.status === 'exited') throw invalid(`/memberIds/${index}`, 'member.exited');
  }
  if (!(await store.findEntityRate(ctx.db, input.entityId))) throw invalid('/entityId', 'entity.unknown');
  const id = await transact(ctx.db, async (trx) => {
    const { id } = await store.insertActivity(trx, {
      entityId: input.entityId,
      name: input.name,
      description: input.description,
      trade: input.trade,
    });
    await store.addActivityMembers(trx, id, memberIds);
    await recordAudit(
      trx,
      ctx,
      'activity.create',
      { type: 'activity', id },
      diff(null, { ...input, memberIds }),
    );
    return id;
  });
  return getActivity(ctx, id);
}

export async function updateActivity(ctx: Ctx, id: string, patch: ActivityPatch) {
  const before = await requireActivity(ctx, id, 'activity.update');
  if (before.status === 'closed' && patch.status !== 'open' && Object.keys(patch).some((k) => k !== 'status'))
    throw new DomainError('activity.closed', 'Reopen the activity first');
  // Reopening is a staff decision: a closed activity's account may already be settled.
  if (
    before.status === 'closed' &&
    patch.status === 'open' &&
    !can(ctx.actor, 'activity.manageMembers', activityResource(before))
  )
    throw new DomainError('auth.forbidden', 'Only staff reopen an activity');
  await transact(ctx.db, async (trx) => {
    await store.updateActivity(trx, id, { ...patch, updatedAt: ctx.clock().toISOString() });
    await recordAudit(
      trx,
      ctx,
      'activity.update',
      { type: 'activity', id },
      diff(before, { ...before, ...patch }),
    );
  });
  return getActivity(ctx, id);
}

export async function setActivityFee(ctx: Ctx, id: string, fee: FeeOverride) {
  const before = await requireActivity(ctx, id, 'activity.setFee');
  await transact(ctx.db, async (trx) => {
    await store.updateActivity(trx, id, {
      feeRateBp: fee.feeRateBp,
      feeOverrideReason: fee.feeRateBp === null ? null : fee.reason,
      updatedAt: ctx.clock().toISOString(),
    });
    await recordAudit(
      trx,
      ctx,
      'activity.fee',
      { type: 'activity', id },
      {
        feeRateBp: { from: before.feeRateBp, to: fee.feeRateBp },
        reason: fee.reason,
      },
    );
  });
  return getActivity(ctx, id);
}

export async function addActivityMember(ctx: Ctx, id: string, memberId: string) {
  const before = await requireActivity(ctx, id, 'activity.manageMembers');
  const [m] = await store.findMembersForActivity(ctx.db, [memberId]);
  if (!m || !can(ctx.actor, 'member.read', { kind: 'member', id: memberId, officeId: m.officeId }))
    throw invalid('/memberId', 'member.unknown');
  if (m.status === 'exited') throw invalid('/memberId', 'member.exited');
  if (before.status === 'closed') throw new DomainError('activity.closed', 'Closed activity');
  await transact(ctx.db, async (trx) => {
    await store.addActivityMembers(trx, id, [memberId]);
    await recordAudit(trx, ctx, 'activity.member_add', { type: 'activity', id }, { memberId });
  });
  return getActivity(ctx, id);
}

export async function removeActivityMember(ctx: Ctx, id: string, memberId: string) {
  await requireActivity(ctx, id, 'activity.manageMembers');
  await transact(ctx.db, async (trx) => {
    const removed = await store.removeActivityMember(trx, id, memberId);
    if (!removed.numDeletedRows) throw notFound('Activity member');
    if ((await store.countActivityMembers(trx, id)) === 0)
      throw new DomainError('activity.last_member', 'Keep one member');
    await recordAudit(trx, ctx, 'activity.member_remove', { type: 'activity', id }, { memberId });
  });
  return getActivity(ctx, id);
}
