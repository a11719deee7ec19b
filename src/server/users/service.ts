// Accounts and roles: who may sign in and what they may do. The session itself is the auth library's.
import { hashPassword } from 'better-auth/crypto';
import type { Actor, Role } from '../../domain/access.ts';
import { can } from '../../domain/access.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import type { UserInput, UserPatch } from '../../domain/users/schemas.ts';
import { diff, recordAudit } from '../audit/service.ts';
import type { Ctx, Deps } from '../context.ts';
import { transact } from '../db/transaction.ts';
import { type ListParams, pageOf } from '../http/lists.ts';
import * as store from './store.ts';

export async function resolveActor(deps: Pick<Deps, 'auth' | 'db'>, headers: Headers): Promise<Actor | null> {
  const session = await deps.auth.api.getSession({ headers });
  if (!session) return null;
  const row = await store.findActorRow(deps.db, session.user.id);
  if (!row) return null;
  return {
    userId: row.id,
    email: row.email,
    name: row.name,
    roles: row.roles,
    officeIds: row.officeIds,
    memberId: row.memberId,
  };
}

export async function listUsers(ctx: Ctx, p: ListParams) {
  if (!can(ctx.actor, 'user.manage')) throw notFound('Users');
  const { rows, total } = await store.listUsers(ctx.db, p);
  return pageOf(rows, total, p);
}

async function checkOffices(ctx: Ctx, officeIds: readonly string[]) {
  const found = await store.existingOfficeIds(ctx.db, officeIds);
  const missing = officeIds.findIndex((id) => !found.includes(id));
  if (missing >= 0)
    throw new DomainError('validation.failed', 'Unknown office', {
      errors: [{ pointer: `/officeIds/${missing}`, code: 'office.unknown', message: 'Unknown office' }],
    });
}

export async function createUser(ctx: Ctx, input: UserInput) {
  if (!can(ctx.actor, 'user.manage')) throw notFound('Users');
  await checkOffices(ctx, input.officeIds);
  if (await store.findUserByEmail(ctx.db, input.email))
    throw new DomainError('user.email_taken', 'An account already uses this e-mail', {
      errors: [{ pointer: '/email', code: 'user.email_taken', message: 'Taken' }],
    });
  if (input.memberId && !(await store.memberWithoutAccount(ctx.db, input.memberId)))
    throw new DomainError('validation.failed', 'Unknown member or already has an account', {
      errors: [
        { pointer: '/memberId', code: 'member.unknown', message: 'Unknown member or already has an account' },
      ],
    });
  const id = crypto.randomUUID();
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  await transact(ctx.db, async (trx) => {
    await store.insertUser(trx, {
      id,
      name: input.name,
      email: input.email,
      passwordHash,
      at: ctx.clock().toISOString(),
    });
    await store.replaceRoles(trx, id, input.roles);
    await store.replaceOffices(trx, id, input.officeIds);
    if (input.memberId) await store.linkMember(trx, input.memberId, id);
    await recordAudit(
      trx,
      ctx,
      'user.create',
      { type: 'user', id },
      diff(null, { ...input, password: input.password ? 'set' : null }),
    );
  });
  if (!passwordHash) await inviteUser(ctx, input.email);
  return getUser(ctx, id);
}

/** Sends the "choose your password" e-mail (the auth library's reset flow). */
export async function inviteUser(ctx: Pick<Ctx, 'auth' | 'publicUrl'>, email: string) {
  await ctx.auth.api.requestPasswordReset({ body: { email, redirectTo: `${ctx.publicUrl}/reset-password` } });
}

export async function getUser(ctx: Ctx, id: string) {
  if (!can(ctx.actor, 'user.manage') && ctx.actor.userId !== id) throw notFound('User');
  const row = await store.findActorRow(ctx.db, id);
  if (!row) throw notFound('User');
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    roles: row.roles,
    officeIds: row.officeIds,
    memberId: row.memberId,
  };
}

export async function updateUser(ctx: Ctx, id: string, patch: UserPatch) {
  const before = await getUser(ctx, id);
  // A user sees their own account but only admins change accounts and roles.
  if (!can(ctx.actor, 'user.manage')) throw new DomainError('auth.forbidden', 'Only admins manage accounts');
  if (patch.officeIds) await checkOffices(ctx, patch.officeIds);
  await transact(ctx.db, async (trx) => {
    if (patch.roles && before.roles.includes('admin') && !patch.roles.includes('admin')) {
      const admins = await store.countAdmins(trx);
      if (admins <= 1) throw new DomainError('user.last_admin', 'At least one admin must remain');
    }
    if (patch.name !== undefined) await store.updateUserName(trx, id, patch.name);
    if (patch.roles) await store.replaceRoles(trx, id, patch.roles);
    if (patch.officeIds) await store.replaceOffices(trx, id, patch.officeIds);
    await recordAudit(trx, ctx, 'user.update', { type: 'user', id }, diff(before, { ...before, ...patch }));
  });
  return getUser(ctx, id);
}

/**
 * Inside another use case's transaction: the sign-in account of a person, opened without a
 * password (the invitation lets them choose one), or the existing one, given `role`.
 */
export async function ensureAccount(
  trx: Parameters<typeof store.insertUser>[0],
  ctx: Pick<Ctx, 'clock'>,
  person: { name: string; email: string },
  role: Role,
): Promise<string> {
  const existing = await store.findUserByEmail(trx, person.email);
  const id = existing?.id ?? crypto.randomUUID();
  if (!existing)
    await store.insertUser(trx, {
      id,
      name: person.name,
      email: person.email,
      passwordHash: null,
      at: ctx.clock().toISOString(),
    });
  await store.addRole(trx, id, role);
  return id;
}
