// Members: the people who run activities in the cooperative. Their NIR and IBAN are sealed at rest
// and shown in clear only to themselves and to the staff who need them.

import type { Transaction } from 'kysely';
import { can, memberScope } from '../../domain/access.ts';
import { toIsoDate } from '../../domain/dates.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import { formatIban, maskIban } from '../../domain/members/bank.ts';
import { formatNir, maskNir } from '../../domain/members/nir.ts';
import {
  canChangeStatus,
  checkIdentity,
  type MemberInput,
  type MemberPatch,
  type MemberStatus,
  type MemberView,
} from '../../domain/members/schemas.ts';
import { diff, recordAudit } from '../audit/service.ts';
import type { Ctx } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { transact } from '../db/transaction.ts';
import { type ListParams, pageOf } from '../http/lists.ts';
import { ensureAccount, inviteUser } from '../users/service.ts';
import * as store from './store.ts';

export { memberSortable } from './store.ts';

const resourceOf = (m: { id: string; officeId: string | null }) => ({
  kind: 'member' as const,
  id: m.id,
  officeId: m.officeId,
});

function present(ctx: Ctx, m: store.MemberRow): MemberView {
  const clear = can(ctx.actor, 'member.readSensitive', resourceOf(m));
  return {
    id: m.id,
    number: m.number,
    firstName: m.firstName,
    lastName: m.lastName,
    email: m.email,
    phone: m.phone,
    addressLine: m.addressLine,
    postalCode: m.postalCode,
    city: m.city,
    country: m.country,
    birthDate: m.birthDate,
    sex: m.sex,
    nir: m.nirEncrypted ? (clear ? formatNir(ctx.sealer.open(m.nirEncrypted)) : m.nirHint) : null,
    iban: m.ibanEncrypted ? (clear ? formatIban(ctx.sealer.open(m.ibanEncrypted)) : m.ibanHint) : null,
    bic: m.bic,
    sensitiveVisible: clear,
    trades: m.trades,
    officeId: m.officeId,
    officeName: m.officeName,
    status: m.status,
    joinedOn: m.joinedOn,
    exitedOn: m.exitedOn,
    hasAccount: m.userId !== null,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
  };
}

/** Loads a member the actor may see, or answers "not found" as if it did not exist. */
async function load(
  ctx: Ctx,
  id: string,
  action: 'member.read' | 'member.update' | 'member.updateStatus' = 'member.read',
) {
  const m = await store.findMember(ctx.db, id);
  if (!m || !can(ctx.actor, 'member.read', resourceOf(m))) throw notFound('Member');
  if (!can(ctx.actor, action, resourceOf(m)))
    throw new DomainError('auth.forbidden', 'Not allowed on this member');
  return m;
}

export async function listMembers(ctx: Ctx, filter: store.MemberFilter, p: ListParams) {
  if (!can(ctx.actor, 'member.list')) throw notFound('Members');
  const { rows, total } = await store.listMembers(ctx.db, memberScope(ctx.actor), filter, p);
  return pageOf(rows, total, p);
}

export async function getMember(ctx: Ctx, id: string) {
  return present(ctx, await load(ctx, id));
}

const invalid = (pointer: string, code: string) =>
  new DomainError('validation.failed', code, { errors: [{ pointer, code, message: code }] });

const sealed = (ctx: Ctx, values: { nir?: string | null; iban?: string | null }) => ({
  ...(values.nir !== undefined
    ? { nirEncrypted: values.nir && ctx.sealer.seal(values.nir), nirHint: values.nir && maskNir(values.nir) }
    : {}),
  ...(values.iban !== undefined
    ? {
        ibanEncrypted: values.iban && ctx.sealer.seal(values.iban),
        ibanHint: values.iban && maskIban(values.iban),
      }
    : {}),
});

async function checkOffice(ctx: Ctx, officeId: string | null | undefined) {
  if (!officeId) return;
  if (!(await store.officeExists(ctx.db, officeId))) throw invalid('/officeId', 'office.unknown');
  // An adviser files members only into the offices they are in charge of.
  if (!ctx.actor.roles.includes('admin') && !ctx.actor.officeIds.includes(officeId))
    throw invalid('/officeId', 'office.not_yours');
}

export async function createMember(ctx: Ctx, input: MemberInput) {
  if (!can(ctx.actor, 'member.create')) throw notFound('Members');
  if (!ctx.actor.roles.includes('admin') && !input.officeId) throw invalid('/officeId', 'required');
  await checkOffice(ctx, input.officeId);
  if (await store.emailTaken(ctx.db, input.email))
    throw new DomainError('member.email_taken', 'Taken', {
      errors: [{ pointer: '/email', code: 'member.email_taken', message: 'Taken' }],
    });
  const { values } = checkIdentity(input);
  const today = toIsoDate(ctx.clock());
  const id = await transact(ctx.db, async (trx) => {
    const userId = input.invite
      ? await ensureAccount(
          trx,
          ctx,
          { name: `${input.firstName} ${input.lastName}`, email: input.email },
          'member',
        )
      : null;
    const { id } = await store.insertMember(trx, {
      number: await store.nextMemberNumber(trx),
      userId,
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email,
      phone: input.phone ?? null,
      addressLine: input.addressLine ?? null,
      postalCode: input.postalCode ?? null,
      city: input.city ?? null,
      country: input.country,
      birthDate: input.birthDate ?? null,
      sex: input.sex ?? null,
      ...sealed(ctx, values),
      bic: values.bic ?? null,
      trades: input.trades,
      officeId: input.officeId ?? null,
      status: input.status,
      joinedOn: input.status === 'member' ? today : null,
    });
    const { invite: _invite, ...audited } = input;
    await recordAudit(
      trx,
      ctx,
      'member.create',
      { type: 'member', id },
      diff(null, { ...audited, ...values }),
    );
    return id;
  });
  if (input.invite) await inviteUser(ctx, input.email);
  return getMember(ctx, id);
}

/**
 * A member row as the audit log may show it: without the sealed NIR and IBAN, which the log would
 * otherwise keep after the file is corrected or erased, nor their hints (a change is logged masked).
 */
const auditable = ({
  nirEncrypted: _nir,
  nirHint: _nirHint,
  ibanEncrypted: _iban,
  ibanHint: _ibanHint,
  ...rest
}: store.MemberRow) => rest;

/** What a member may change on their own file; the civil identity and office are checked by staff. */
const selfEditable = new Set([
  'phone',
  'addressLine',
  'postalCode',
  'city',
  'country',
  'iban',
  'bic',
  'trades',
]);

export async function updateMember(ctx: Ctx, id: string, patch: MemberPatch) {
  const before = await load(ctx, id, 'member.update');
  const staff = can(ctx.actor, 'member.updateStatus', resourceOf(before));
  if (!staff) {
    const locked = Object.keys(patch).filter((k) => !selfEditable.has(k));
    if (locked.length)
      throw new DomainError('validation.failed', 'Read-only fields', {
        errors: locked.map((k) => ({
          pointer: `/${k}`,
          code: 'field.read_only',
          message: 'Ask your adviser to change this',
        })),
      });
  }
  if (patch.officeId !== undefined && patch.officeId !== before.officeId)
    await checkOffice(ctx, patch.officeId);
  if (patch.email && (await store.emailTaken(ctx.db, patch.email, id)))
    throw new DomainError('member.email_taken', 'Taken', {
      errors: [{ pointer: '/email', code: 'member.email_taken', message: 'Taken' }],
    });
  // The NIR is checked against the sex and birth date the file will have after the change.
  const merged = {
    sex: patch.sex !== undefined ? patch.sex : before.sex,
    birthDate: patch.birthDate !== undefined ? patch.birthDate : before.birthDate,
    nir:
      patch.nir !== undefined ? patch.nir : before.nirEncrypted ? ctx.sealer.open(before.nirEncrypted) : null,
  };
  const identity = checkIdentity({
    ...merged,
    ...(patch.iban !== undefined ? { iban: patch.iban } : {}),
    ...(patch.bic !== undefined ? { bic: patch.bic } : {}),
  });
  if (identity.issues.length)
    throw new DomainError('validation.failed', 'Invalid identity', {
      errors: identity.issues.map((i) => ({
        pointer: `/${i.path.join('/')}`,
        code: i.params.code,
        message: i.message,
      })),
    });
  const { nir: _nir, iban: _iban, bic: _bic, ...plain } = patch;
  await transact(ctx.db, async (trx) => {
    await store.updateMember(trx, id, {
      ...plain,
      ...sealed(ctx, {
        ...(patch.nir !== undefined ? { nir: identity.values.nir ?? null } : {}),
        ...(patch.iban !== undefined ? { iban: identity.values.iban ?? null } : {}),
      }),
      ...(patch.bic !== undefined ? { bic: identity.values.bic ?? null } : {}),
      updatedAt: ctx.clock().toISOString(),
    });
    const after = await store.findMember(trx, id);
    await recordAudit(
      trx,
      ctx,
      'member.update',
      { type: 'member', id },
      {
        ...diff(auditable(before), after ? auditable(after) : null),
        ...(patch.nir !== undefined ? { nir: { from: '•••', to: '•••' } } : {}),
        ...(patch.iban !== undefined ? { iban: { from: '•••', to: '•••' } } : {}),
      },
    );
  });
  return getMember(ctx, id);
}

export async function changeMemberStatus(ctx: Ctx, id: string, to: MemberStatus, reason?: string) {
  const before = await load(ctx, id, 'member.updateStatus');
  if (!canChangeStatus(before.status, to))
    throw new DomainError('member.invalid_status_transition', `${before.status} → ${to}`, {
      from: before.status,
      to,
    });
  if (to === 'exited' && (await store.soleOpenActivities(ctx.db, id)).length > 0)
    throw new DomainError('member.has_open_activities', 'Close the activities first');
  const today = toIsoDate(ctx.clock());
  await transact(ctx.db, async (trx) => {
    await store.updateMember(trx, id, {
      status: to,
      ...(to === 'member' && (before.joinedOn === null || before.status === 'exited')
        ? { joinedOn: today, exitedOn: null }
        : {}),
      ...(to === 'exited' ? { exitedOn: today } : {}),
      updatedAt: ctx.clock().toISOString(),
    });
    await recordAudit(
      trx,
      ctx,
      'member.status',
      { type: 'member', id },
      { status: { from: before.status, to }, ...(reason ? { reason } : {}) },
    );
  });
  return getMember(ctx, id);
}

/**
 * The same status transition, inside the caller's transaction, for rules that move a member on their
 * own (the share register: a first paid share makes a sociétaire, the last refunded one a member
 * again). Checked against the same transitions and audited the same way; does nothing when the
 * member already has that status.
 */
export async function changeMemberStatusIn(
  trx: Transaction<Database>,
  ctx: Ctx,
  id: string,
  to: MemberStatus,
  reason: string,
): Promise<boolean> {
  const before = await store.findMember(trx, id);
  if (!before) throw notFound('Member');
  if (before.status === to) return false;
  if (!canChangeStatus(before.status, to))
    throw new DomainError('member.invalid_status_transition', `${before.status} → ${to}`, {
      from: before.status,
      to,
    });
  await store.updateMember(trx, id, { status: to, updatedAt: ctx.clock().toISOString() });
  await recordAudit(
    trx,
    ctx,
    'member.status',
    { type: 'member', id },
    { status: { from: before.status, to }, reason },
  );
  return true;
}

/** Opens the member's sign-in account (or sends the invitation again). */
export async function inviteMember(ctx: Ctx, id: string) {
  const m = await load(ctx, id, 'member.updateStatus');
  await transact(ctx.db, async (trx) => {
    const userId = await ensureAccount(
      trx,
      ctx,
      { name: `${m.firstName} ${m.lastName}`, email: m.email },
      'member',
    );
    if (m.userId !== userId)
      await store.updateMember(trx, id, { userId, updatedAt: ctx.clock().toISOString() });
    await recordAudit(trx, ctx, 'member.invite', { type: 'member', id }, { email: m.email });
  });
  await inviteUser(ctx, m.email);
  return getMember(ctx, id);
}
