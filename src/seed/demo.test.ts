// The demo cooperative: what the README promises to someone who starts Commune for the first time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, signIn, type TestApp } from '../server/testing.ts';

let t: TestApp;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp({ seed: 'demo' });
  admin = await signIn(t.app, 'admin@commune.coop', 'commune-demo');
});

afterAll(async () => {
  await t?.close();
});

describe('demo cooperative', () => {
  it('has the three legal entities of the group with valid identifiers and fee rates', async () => {
    const entities = (await admin.get('/api/v1/entities')).json().items;
    expect(entities.map((e: { kind: string }) => e.kind).sort()).toEqual(['cae', 'portage', 'scic']);
    for (const e of entities) {
      expect(e.siren).toMatch(/^\d{9}$/);
      expect(e.vatNumber).toMatch(/^FR\d{2}\d{9}$/);
      expect(e.feeRateBp).toBeGreaterThan(0);
    }
  });

  it('has the fourteen local offices of the seed documents', async () => {
    const offices = (await admin.get('/api/v1/offices')).json().items;
    expect(offices.map((o: { city: string }) => o.city).sort()).toEqual(
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
  });

  it('lets every demo log-in of the README sign in, with its role', async () => {
    const expected: Record<string, string> = {
      'admin@commune.coop': 'admin',
      'compta@commune.coop': 'accountant',
      'paie@commune.coop': 'payroll',
      'conseil.lille@commune.coop': 'adviser',
      'conseil.paris@commune.coop': 'adviser',
      'lea.martin@example.org': 'member',
      'karim.benali@example.org': 'member',
    };
    for (const [email, role] of Object.entries(expected)) {
      const me = (await (await signIn(t.app, email, 'commune-demo')).get('/api/v1/me')).json();
      expect(me.roles, email).toContain(role);
    }
  });

  it('has members with activities and clients', async () => {
    const members = (await admin.get('/api/v1/members?limit=100')).json();
    const activities = (await admin.get('/api/v1/activities?limit=100')).json();
    const clients = (await admin.get('/api/v1/clients?limit=100')).json();
    expect(members.total).toBeGreaterThanOrEqual(20);
    expect(activities.total).toBeGreaterThanOrEqual(20);
    expect(clients.total).toBeGreaterThanOrEqual(20);
    // Members keep the date they joined the cooperative, not the day the demo was loaded.
    const lea = (await admin.get('/api/v1/members?q=lea.martin')).json().items[0];
    expect(lea.joinedOn).toBe('2021-09-06');
    const kinds = new Set(clients.items.map((c: { kind: string }) => c.kind));
    expect([...kinds].sort()).toEqual(['association', 'company', 'individual']);
  });
});
