// The demo cooperative, built through the same use cases as the app (so it obeys every rule):
// three legal entities, fourteen offices, staff of every role, members, activities and clients,
// and the books of 2026 (demo-ledger.ts).
import {
  addActivityMember,
  createActivity,
  setActivityFee,
  updateActivity,
} from '../server/activities/service.ts';
import { createClient, linkClient } from '../server/clients/service.ts';
import { type Ctx, type Deps, systemContext } from '../server/context.ts';
import { changeMemberStatus, createMember } from '../server/members/service.ts';
import { createEntity, createOffice, listEntities } from '../server/organisation/service.ts';
import { createUser } from '../server/users/service.ts';
import { seedDemoCommunity } from './demo-community.ts';
import {
  demoActivities,
  demoClients,
  demoEntities,
  demoMembers,
  demoOffices,
  demoStaff,
} from './demo-data.ts';
import { seedDemoDirectory } from './demo-directory.ts';
import { seedDemoExpenses } from './demo-expenses.ts';
import { seedDemoFeePolicies, seedDemoFees } from './demo-fees.ts';
import { seedDemoGovernance } from './demo-governance.ts';
import { seedDemoGuarantee } from './demo-guarantee.ts';
import { seedDemoLedger } from './demo-ledger.ts';
import { seedDemoPayroll } from './demo-payroll.ts';
import { seedDemoSales } from './demo-sales.ts';
import { seedDemoTreasury } from './demo-treasury.ts';

/** Every demo account signs in with this password. */
export const demoPassword = 'commune-demo';

export async function seedDemoIfEmpty(deps: Deps): Promise<boolean> {
  const ctx = systemContext(deps);
  if ((await listEntities(ctx)).length > 0) return false;
  await seedDemo(ctx);
  return true;
}

export async function seedDemo(ctx: Ctx) {
  const entities = new Map<string, string>();
  for (const e of demoEntities) entities.set(e.code, (await createEntity(ctx, e)).id);
  // The fee policies in force from 1 January, before any invoice of the demo year is issued.
  await seedDemoFeePolicies(ctx, { entities });
  const offices = new Map<string, string>();
  for (const o of demoOffices) offices.set(o.code, (await createOffice(ctx, o)).id);

  for (const s of demoStaff)
    await createUser(ctx, {
      name: s.name,
      email: s.email,
      roles: s.roles,
      officeIds: s.officeCodes.map((c) => offices.get(c) as string),
      password: demoPassword,
    });

  const members = new Map<string, string>();
  for (const m of demoMembers) {
    // Each member joins on their own date: the service dates the entry from the clock.
    const joined = m.joinedOn ? { ...ctx, clock: () => new Date(`${m.joinedOn}T09:00:00Z`) } : ctx;
    const created = await createMember(joined, {
      firstName: m.firstName,
      lastName: m.lastName,
      email: m.email,
      phone: m.phone,
      addressLine: m.addressLine,
      postalCode: m.postalCode,
      city: m.city,
      country: 'FR',
      birthDate: m.birthDate,
      sex: m.sex,
      nir: m.nir,
      iban: m.iban,
      bic: m.bic,
      trades: m.trades,
      officeId: offices.get(m.officeCode) as string,
      status: m.status === 'prospect' ? 'prospect' : 'member',
      invite: false,
    });
    if (m.status === 'shareholder') await changeMemberStatus(joined, created.id, 'shareholder');
    if (m.hasAccount)
      await createUser(ctx, {
        name: `${m.firstName} ${m.lastName}`,
        email: m.email,
        roles: ['member'],
        officeIds: [],
        password: demoPassword,
        memberId: created.id,
      });
    members.set(m.email, created.id);
  }

  const activities = new Map<string, string>();
  for (const a of demoActivities) {
    const [first, ...others] = a.memberEmails.map((e) => members.get(e) as string);
    const created = await createActivity(ctx, {
      entityId: entities.get(a.entityCode) as string,
      name: a.name,
      description: a.description,
      trade: a.trade,
      memberIds: [first as string],
    });
    for (const other of others) await addActivityMember(ctx, created.id, other);
    if (a.feeOverride)
      await setActivityFee(ctx, created.id, {
        feeRateBp: a.feeOverride.feeRateBp,
        reason: a.feeOverride.reason,
      });
    activities.set(a.name, created.id);
  }

  const clients = new Map<string, string>();
  for (const c of demoClients) {
    const [first, ...others] = c.activityNames.map((n) => activities.get(n) as string);
    const created = await createClient(ctx, {
      kind: c.kind,
      name: c.name,
      siren: c.siren ?? null,
      siret: c.siret ?? null,
      vatNumber: c.vatNumber ?? null,
      publicSector: c.publicSector,
      email: c.email ?? null,
      phone: c.phone ?? null,
      addressLine: c.addressLine,
      postalCode: c.postalCode,
      city: c.city,
      country: c.country,
      notes: '',
      contacts: c.contacts.map((k) => ({
        name: k.name,
        email: k.email ?? null,
        phone: k.phone ?? null,
        role: k.role,
      })),
      ...(first ? { activityId: first } : {}),
    });
    for (const other of others) await linkClient(ctx, other, created.id);
    clients.set(c.name, created.id);
  }

  const rates = new Map(demoEntities.map((e) => [e.code, e.feeRateBp]));
  await seedDemoLedger(ctx, {
    entities,
    activities,
    clients,
    members,
    feeRateBp: (name) => {
      const a = demoActivities.find((x) => x.name === name);
      return a?.feeOverride?.feeRateBp ?? (rates.get(a?.entityCode ?? '') as number);
    },
  });
  await seedDemoSales(ctx, { entities, activities, clients });

  await seedDemoPayroll(ctx, { entities, members });

  await seedDemoTreasury(ctx, { entities });

  await seedDemoExpenses(ctx, { entities, activities, members });

  await seedDemoCommunity(ctx, { offices, members, activities });

  await seedDemoDirectory(ctx, { members });

  await seedDemoFees(ctx, { entities, activities });

  await seedDemoGovernance(ctx, { entities, members });

  await seedDemoGuarantee(ctx, { entities, activities, clients, members });

  // Closed activities last: their links and members were set while they were open.
  for (const a of demoActivities)
    if (a.status === 'closed')
      await updateActivity(ctx, activities.get(a.name) as string, { status: 'closed' });
}
