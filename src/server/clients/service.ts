// Clients are shared across the cooperative (one record per company, found by name or SIREN);
// a private person is visible only to the members who work with them and their staff.
import { type Actor, type ClientResource, can, memberScope } from '../../domain/access.ts';
import type { ClientInput, ClientPatch, ClientView, ContactInput } from '../../domain/clients/schemas.ts';
import { checkCompanyIds } from '../../domain/clients/schemas.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import { requireActivity } from '../activities/service.ts';
import { diff, recordAudit } from '../audit/service.ts';
import type { Ctx } from '../context.ts';
import { onUnique, transact } from '../db/transaction.ts';
import { type ListParams, pageOf } from '../http/lists.ts';
import * as store from './store.ts';

export { clientSortable } from './store.ts';

type Links = Awaited<ReturnType<typeof store.findClientLinks>>;

const resourceOf = (c: store.ClientRow, links: Links): ClientResource => ({
  kind: 'client',
  id: c.id,
  clientKind: c.kind,
  linkedMemberIds: links.flatMap((l) => (l.memberId ? [l.memberId] : [])),
  linkedOfficeIds: links.map((l) => l.officeId),
});

/** The linked activities this actor may see (a member sees their own, staff those they follow). */
const visibleActivities = (actor: Actor, links: Links) => {
  const byActivity = new Map<
    string,
    { id: string; name: string; memberIds: string[]; officeIds: (string | null)[] }
  >();
  for (const l of links) {
    const a = byActivity.get(l.activityId) ?? {
      id: l.activityId,
      name: l.activityName,
      memberIds: [],
      officeIds: [],
    };
    if (l.memberId) a.memberIds.push(l.memberId);
    a.officeIds.push(l.officeId);
    byActivity.set(l.activityId, a);
  }
  return [...byActivity.values()]
    .filter((a) =>
      can(actor, 'activity.read', {
        kind: 'activity',
        id: a.id,
        memberIds: a.memberIds,
        officeIds: a.officeIds,
      }),
    )
    .map(({ id, name }) => ({ id, name }))
    .sort((x, y) => x.name.localeCompare(y.name));
};

async function load(ctx: Ctx, id: string, action: 'client.read' | 'client.update' = 'client.read') {
  const c = await store.findClient(ctx.db, id);
  if (!c) throw notFound('Client');
  const links = await store.findClientLinks(ctx.db, id);
  const resource = resourceOf(c, links);
  if (!can(ctx.actor, 'client.read', resource)) throw notFound('Client');
  if (!can(ctx.actor, action, resource))
    throw new DomainError('auth.forbidden', 'Not allowed on this client');
  return { client: c, links };
}

async function present(ctx: Ctx, id: string): Promise<ClientView> {
  const { client, links } = await load(ctx, id);
  return {
    ...client,
    contacts: await store.listContacts(ctx.db, id),
    activities: visibleActivities(ctx.actor, links),
  };
}

export const getClient = (ctx: Ctx, id: string) => present(ctx, id);

export async function listClients(ctx: Ctx, filter: store.ClientFilter, p: ListParams) {
  if (filter.activityId) await requireActivity(ctx, filter.activityId);
  const { rows, total } = await store.listClients(ctx.db, memberScope(ctx.actor), filter, p);
  return pageOf(rows, total, p);
}

const duplicate = (e: unknown) => {
  for (const constraint of ['clients_siren_key', 'clients_siret_key'])
    if (
      (e as { constraint?: string })?.constraint === constraint ||
      String((e as Error)?.message).includes(constraint)
    )
      onUnique(e, constraint, 'client.duplicate_siren', 'This client already exists');
  throw e;
};

export async function createClient(ctx: Ctx, input: ClientInput) {
  if (!can(ctx.actor, 'client.create')) throw notFound('Clients');
  // The new client is linked at once, so a member keeps seeing the private person they just entered.
  if (input.activityId) await requireActivity(ctx, input.activityId, 'activity.update');
  else if (
    input.kind === 'individual' &&
    !can(ctx.actor, 'client.update', {
      kind: 'client',
      id: '',
      clientKind: 'individual',
      linkedMemberIds: [],
      linkedOfficeIds: [],
    })
  )
    throw new DomainError('validation.failed', 'Link to an activity', {
      errors: [{ pointer: '/activityId', code: 'required', message: 'Required for a private person' }],
    });
  const siren = input.siren ?? input.siret?.slice(0, 9) ?? null;
  const id = await transact(ctx.db, async (trx) => {
    const { id } = await store
      .insertClient(trx, {
        kind: input.kind,
        name: input.name,
        siren,
        siret: input.siret ?? null,
        vatNumber: input.vatNumber ?? null,
        publicSector: input.publicSector,
        email: input.email ?? null,
        phone: input.phone ?? null,
        addressLine: input.addressLine,
        postalCode: input.postalCode,
        city: input.city,
        country: input.country,
        notes: input.notes,
      })
      .catch(duplicate);
    await store.insertContacts(trx, id, input.contacts);
    if (input.activityId) await store.linkClient(trx, input.activityId, id);
    const { contacts, ...audited } = input;
    await recordAudit(
      trx,
      ctx,
      'client.create',
      { type: 'client', id },
      diff(null, { ...audited, contactCount: contacts.length }),
    );
    return id;
  });
  return present(ctx, id);
}

export async function updateClient(ctx: Ctx, id: string, patch: ClientPatch) {
  const { client: before } = await load(ctx, id, 'client.update');
  const merged = { ...before, ...patch };
  const issues = checkCompanyIds(merged);
  if (issues.length)
    throw new DomainError('validation.failed', 'Invalid identifiers', {
      errors: issues.map((i) => ({
        pointer: `/${i.path.join('/')}`,
        code: i.params.code,
        message: i.message,
      })),
    });
  await transact(ctx.db, async (trx) => {
    await store
      .updateClient(trx, id, {
        ...patch,
        ...(patch.siret && !patch.siren ? { siren: patch.siret.slice(0, 9) } : {}),
        updatedAt: ctx.clock().toISOString(),
      })
      .catch(duplicate);
    await recordAudit(trx, ctx, 'client.update', { type: 'client', id }, diff(before, merged));
  });
  return present(ctx, id);
}

export async function addContact(ctx: Ctx, clientId: string, contact: ContactInput) {
  await load(ctx, clientId, 'client.update');
  await transact(ctx.db, async (trx) => {
    const [row] = await store.insertContacts(trx, clientId, [contact]);
    await recordAudit(
      trx,
      ctx,
      'client.contact_add',
      { type: 'client', id: clientId },
      { contactId: row?.id, name: contact.name },
    );
  });
  return present(ctx, clientId);
}

export async function updateContact(
  ctx: Ctx,
  clientId: string,
  contactId: string,
  contact: Partial<ContactInput>,
) {
  await load(ctx, clientId, 'client.update');
  await transact(ctx.db, async (trx) => {
    const r = await store.updateContact(trx, clientId, contactId, contact);
    if (!r.numUpdatedRows) throw notFound('Contact');
    await recordAudit(
      trx,
      ctx,
      'client.contact_update',
      { type: 'client', id: clientId },
      { contactId, ...contact },
    );
  });
  return present(ctx, clientId);
}

export async function removeContact(ctx: Ctx, clientId: string, contactId: string) {
  await load(ctx, clientId, 'client.update');
  await transact(ctx.db, async (trx) => {
    const r = await store.deleteContact(trx, clientId, contactId);
    if (!r.numDeletedRows) throw notFound('Contact');
    await recordAudit(trx, ctx, 'client.contact_remove', { type: 'client', id: clientId }, { contactId });
  });
  return present(ctx, clientId);
}

/** Links a client the actor can see to an activity they work on. */
export async function linkClient(ctx: Ctx, activityId: string, clientId: string) {
  await requireActivity(ctx, activityId, 'activity.update');
  await load(ctx, clientId);
  await transact(ctx.db, async (trx) => {
    await store.linkClient(trx, activityId, clientId);
    await recordAudit(trx, ctx, 'activity.client_link', { type: 'activity', id: activityId }, { clientId });
  });
  return present(ctx, clientId);
}

export async function unlinkClient(ctx: Ctx, activityId: string, clientId: string) {
  await requireActivity(ctx, activityId, 'activity.update');
  await transact(ctx.db, async (trx) => {
    const r = await store.unlinkClient(trx, activityId, clientId);
    if (!r.numDeletedRows) throw notFound('Client link');
    await recordAudit(trx, ctx, 'activity.client_unlink', { type: 'activity', id: activityId }, { clientId });
  });
}
