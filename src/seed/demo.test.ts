// The demo cooperative: what the README promises to someone who starts Commune for the first time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidSiren, validateVatNumber } from '../domain/clients/company-ids.ts';
import { validateIban } from '../domain/members/bank.ts';
import { validateNir } from '../domain/members/nir.ts';
import {
  createTestApp,
  demoLogins,
  type Session,
  signIn,
  signInDemo,
  type TestApp,
} from '../server/testing.ts';

let t: TestApp;
let admin: Session;
let payroll: Session;
let offices: { id: string; code: string; city: string }[];

beforeAll(async () => {
  t = await createTestApp({ seed: 'demo' });
  [admin, payroll] = await signInDemo(t.app, 'admin', 'payroll');
  offices = (await admin.get('/api/v1/offices')).json().items;
});

afterAll(async () => {
  await t?.close();
});

const cityOf = (officeId: string) => offices.find((o) => o.id === officeId)?.city;

describe('demo cooperative', () => {
  it('has the three legal entities of the group with valid identifiers and fee rates', async () => {
    const entities = (await admin.get('/api/v1/entities')).json().items;
    expect(entities.map((e: { kind: string }) => e.kind).sort()).toEqual(['cae', 'portage', 'scic']);
    for (const e of entities) {
      expect(isValidSiren(e.siren), e.code).toBe(true);
      expect(validateVatNumber(e.vatNumber, { siren: e.siren }), e.code).toMatchObject({ ok: true });
      expect(e.feeRateBp).toBeGreaterThan(0);
      expect(e.feeRateBp).toBeLessThan(2000);
    }
  });

  it('has the fourteen local offices', async () => {
    expect(offices.map((o) => o.city).sort()).toEqual(
      [
        'Amiens',
        'Arras',
        'Béthune',
        'Bordeaux',
        'Clermont-Ferrand',
        'Lille',
        'Lyon',
        'Marseille',
        'Montpellier',
        'Nantes',
        'Paris',
        'Rennes',
        'Strasbourg',
        'Toulouse',
      ].sort(),
    );
    expect(new Set(offices.map((o) => o.code)).size).toBe(14);
  });

  it('lets every demo log-in of the README sign in with the demo password, with its role and offices', async () => {
    const expected: Record<keyof typeof demoLogins, { role: string; cities: string[] }> = {
      admin: { role: 'admin', cities: [] },
      accountant: { role: 'accountant', cities: [] },
      payroll: { role: 'payroll', cities: [] },
      adviser: { role: 'adviser', cities: ['Arras', 'Béthune', 'Lille'] },
      parisAdviser: { role: 'adviser', cities: ['Paris'] },
      lyonAdviser: { role: 'adviser', cities: ['Clermont-Ferrand', 'Lyon'] },
      lea: { role: 'member', cities: [] },
      karim: { role: 'member', cities: [] },
      chloe: { role: 'member', cities: [] },
    };
    for (const [persona, email] of Object.entries(demoLogins)) {
      const me = (await (await signIn(t.app, email, 'commune-demo')).get('/api/v1/me')).json();
      const want = expected[persona as keyof typeof demoLogins];
      expect(me.roles, email).toEqual([want.role]);
      expect(me.officeIds.map(cityOf).sort(), email).toEqual(want.cities);
      expect(me.memberId !== null, email).toBe(want.role === 'member');
    }
    await expect(signIn(t.app, demoLogins.admin, 'pas-le-mot-de-passe')).rejects.toThrow(/401/);
  });

  it('has accounts of every role, and an adviser for every office', async () => {
    const users = (await admin.get('/api/v1/users?limit=200')).json().items as {
      roles: string[];
      officeIds: string[];
    }[];
    expect(new Set(users.flatMap((u) => u.roles))).toEqual(
      new Set(['admin', 'accountant', 'payroll', 'adviser', 'member']),
    );
    const followed = new Set(users.flatMap((u) => (u.roles.includes('adviser') ? u.officeIds : [])));
    expect(followed.size).toBe(14);
  });

  it('has members of every status with valid NIR and IBAN, spread over the offices', async () => {
    const members = (await payroll.get('/api/v1/members?limit=200')).json();
    expect(members.total).toBeGreaterThanOrEqual(20);
    const statuses = new Set(members.items.map((m: { status: string }) => m.status));
    expect(statuses).toEqual(new Set(['prospect', 'member', 'shareholder']));
    expect(new Set(members.items.map((m: { officeId: string }) => m.officeId)).size).toBeGreaterThanOrEqual(
      10,
    );
    for (const { id } of members.items) {
      const m = (await payroll.get(`/api/v1/members/${id}`)).json();
      expect(validateNir(m.nir, { sex: m.sex, birthDate: m.birthDate }), m.email).toMatchObject({ ok: true });
      expect(validateIban(m.iban), m.email).toMatchObject({ ok: true });
      if (m.status !== 'prospect') expect(m.joinedOn, m.email).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    // Members keep the date they joined the cooperative, not the day the demo is loaded.
    const lea = (await admin.get('/api/v1/members?q=lea.martin')).json().items[0];
    expect(lea.joinedOn).toBe('2021-09-06');
  });

  it('has activities in every entity, shared ones, fee exceptions with their reason, and closed ones', async () => {
    const activities = (await admin.get('/api/v1/activities?limit=200')).json();
    expect(activities.total).toBeGreaterThanOrEqual(20);
    type A = {
      entity: { code: string };
      members: unknown[];
      feeRateOverridden: boolean;
      feeOverrideReason: string | null;
      status: string;
    };
    const items: A[] = activities.items;
    expect(new Set(items.map((a) => a.entity.code))).toEqual(new Set(['SCIC', 'CAE', 'PORTAGE']));
    expect(items.some((a) => a.members.length > 1)).toBe(true);
    const overridden = items.filter((a) => a.feeRateOverridden);
    expect(overridden.length).toBeGreaterThan(0);
    for (const a of overridden) expect(a.feeOverrideReason).toBeTruthy();
    expect(items.some((a) => a.status === 'closed')).toBe(true);
  });

  it('has clients of every kind, with contacts, and gives the demo members their own', async () => {
    const clients = (await admin.get('/api/v1/clients?limit=200')).json();
    expect(clients.total).toBeGreaterThanOrEqual(20);
    expect(new Set(clients.items.map((c: { kind: string }) => c.kind))).toEqual(
      new Set(['association', 'company', 'individual']),
    );
    expect(clients.items.some((c: { publicSector: boolean }) => c.publicSector)).toBe(true);
    for (const c of clients.items.filter((x: { siren: string | null }) => x.siren))
      expect(isValidSiren(c.siren), c.name).toBe(true);
    const [lea, karim] = await signInDemo(t.app, 'lea', 'karim');
    for (const member of [lea, karim]) {
      const home = (await member.get('/api/v1/home')).json();
      expect(home.activities.length).toBeGreaterThan(0);
      expect(home.clientTotal).toBeGreaterThan(0);
      const first = (await member.get(`/api/v1/clients/${home.clients[0].id}`)).json();
      expect(first.activities.length).toBeGreaterThan(0);
    }
    const withContacts = await Promise.all(
      clients.items
        .slice(0, 10)
        .map(async (c: { id: string }) => (await admin.get(`/api/v1/clients/${c.id}`)).json()),
    );
    expect(withContacts.some((c) => c.contacts.length > 0)).toBe(true);
  });
});
