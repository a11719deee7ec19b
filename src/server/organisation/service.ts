// The group's legal entities and local offices: read by everyone signed in, managed by admins.
import { can } from '../../domain/access.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import type { EntityInput, OfficeInput } from '../../domain/organisation/schemas.ts';
import { diff, recordAudit } from '../audit/service.ts';
import type { Ctx } from '../context.ts';
import { onUnique, transact } from '../db/transaction.ts';
import { followEntityRateIn } from '../fees/service.ts';
import * as store from './store.ts';

// Entities and offices are visible to everyone signed in, so a refused change is "forbidden", not "not found".
const managedByAdmins = (ctx: Ctx, action: 'entity.manage' | 'office.manage') => {
  if (!can(ctx.actor, action)) throw new DomainError('auth.forbidden', 'Only admins manage this');
};

/** An entity's SIREN and its code are each unique: a clash is a 409 naming which one. */
const entityDuplicate = (e: unknown): never => {
  const clash = (['code', 'siren'] as const).find((key) => {
    const error = e as { constraint?: string; message?: string };
    const constraint = `legal_entities_${key}_key`;
    return error?.constraint === constraint || String(error?.message).includes(constraint);
  });
  if (!clash) throw e;
  return onUnique(e, `legal_entities_${clash}_key`, `entity.duplicate_${clash}`, `Duplicate ${clash}`);
};

export const listEntities = (ctx: Ctx) => store.listEntities(ctx.db);
export const listOffices = (ctx: Ctx) => store.listOffices(ctx.db);

export async function getEntity(ctx: Ctx, id: string) {
  const entity = await store.findEntity(ctx.db, id);
  if (!entity) throw notFound('Entity');
  return entity;
}

export async function createEntity(ctx: Ctx, input: EntityInput) {
  managedByAdmins(ctx, 'entity.manage');
  return transact(ctx.db, async (trx) => {
    const entity = await store.insertEntity(trx, input).catch(entityDuplicate);
    await recordAudit(trx, ctx, 'entity.create', { type: 'entity', id: entity.id }, diff(null, entity));
    return entity;
  });
}

export async function updateEntity(ctx: Ctx, id: string, patch: Partial<EntityInput>) {
  const before = await getEntity(ctx, id);
  managedByAdmins(ctx, 'entity.manage');
  return transact(ctx.db, async (trx) => {
    const entity = await store.updateEntity(trx, id, patch, ctx.clock().toISOString()).catch(entityDuplicate);
    // The headline rate is the general fee policy's: a change is a new version from today.
    if (patch.feeRateBp !== undefined && patch.feeRateBp !== before.feeRateBp)
      await followEntityRateIn(trx, ctx, id, patch.feeRateBp);
    await recordAudit(trx, ctx, 'entity.update', { type: 'entity', id }, diff(before, entity));
    return entity;
  });
}

export async function getOffice(ctx: Ctx, id: string) {
  const office = await store.findOffice(ctx.db, id);
  if (!office) throw notFound('Office');
  return office;
}

export async function createOffice(ctx: Ctx, input: OfficeInput) {
  managedByAdmins(ctx, 'office.manage');
  return transact(ctx.db, async (trx) => {
    const office = await store
      .insertOffice(trx, input)
      .catch((e) => onUnique(e, 'offices_code_key', 'office.duplicate_code', 'Duplicate office code'));
    await recordAudit(trx, ctx, 'office.create', { type: 'office', id: office.id }, diff(null, office));
    return office;
  });
}

export async function updateOffice(ctx: Ctx, id: string, patch: Partial<OfficeInput>) {
  const before = await getOffice(ctx, id);
  managedByAdmins(ctx, 'office.manage');
  return transact(ctx.db, async (trx) => {
    const office = await store
      .updateOffice(trx, id, patch, ctx.clock().toISOString())
      .catch((e) => onUnique(e, 'offices_code_key', 'office.duplicate_code', 'Duplicate office code'));
    await recordAudit(trx, ctx, 'office.update', { type: 'office', id }, diff(before, office));
    return office;
  });
}
