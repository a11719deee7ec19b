// Clients: a shared directory of companies and associations, private persons seen only by those
// who work with them; identifiers checked; contacts; links to activities.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, signIn, snapshot, type TestApp } from '../testing.ts';

let t: TestApp;
let lea: Session;
let karim: Session;
let leaActivityId: string;

beforeAll(async () => {
  t = await createTestApp({ seed: 'demo' });
  lea = await signIn(t.app, 'lea.martin@example.org', 'commune-demo');
  karim = await signIn(t.app, 'karim.benali@example.org', 'commune-demo');
  leaActivityId = (await lea.get('/api/v1/home')).json().activities[0].id;
});

afterAll(async () => {
  await t?.close();
});

const address = { addressLine: '5 rue Esquermoise', postalCode: '59000', city: 'Lille' };

describe('clients', () => {
  it('checks SIREN, SIRET and the intra-EU VAT number, pointing at each field', async () => {
    const before = await snapshot(t.handle);
    const badSiret = await lea.post('/api/v1/clients', {
      kind: 'company',
      name: 'Atelier Nord',
      siret: '73282932000075',
      ...address,
    });
    expect(badSiret.statusCode).toBe(400);
    expect(badSiret.json().errors[0].pointer).toBe('/siret');
    const badVat = await lea.post('/api/v1/clients', {
      kind: 'company',
      name: 'Atelier Nord',
      siren: '732829320',
      vatNumber: 'FR00732829320',
      ...address,
    });
    expect(badVat.statusCode).toBe(400);
    expect(badVat.json().errors[0].pointer).toBe('/vatNumber');
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('creates a company with its VAT number, then refuses a duplicate SIREN', async () => {
    const res = await lea.post('/api/v1/clients', {
      kind: 'company',
      name: 'Atelier Nord',
      siren: '732829320',
      vatNumber: 'FR44 732 829 320',
      publicSector: false,
      activityId: leaActivityId,
      contacts: [{ name: 'Anne Caron', email: 'anne.caron@example.org', role: 'Production' }],
      ...address,
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c.vatNumber).toBe('FR44732829320');
    expect(c.activities.map((a: { id: string }) => a.id)).toEqual([leaActivityId]);
    const again = await karim.post('/api/v1/clients', {
      kind: 'company',
      name: 'Doublon',
      siren: '732829320',
      ...address,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('client.duplicate_siren');
    // The shared directory lets another member find the company.
    const found = (await karim.get('/api/v1/clients?q=atelier%20nord')).json().items;
    expect(found.map((x: { id: string }) => x.id)).toContain(c.id);
  });

  it('keeps a private person visible only to the members who work with them', async () => {
    const res = await lea.post('/api/v1/clients', {
      kind: 'individual',
      name: 'Jeanne Delporte',
      activityId: leaActivityId,
      ...address,
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    expect((await karim.get(`/api/v1/clients/${id}`)).statusCode).toBe(404);
    const directory = (await karim.get('/api/v1/clients?q=delporte')).json().items;
    expect(directory).toEqual([]);
    const noLink = await lea.post('/api/v1/clients', { kind: 'individual', name: 'Sans lien', ...address });
    expect(noLink.statusCode).toBe(400);
    expect(noLink.json().errors[0].pointer).toBe('/activityId');
  });

  it('manages contacts and the link to an activity', async () => {
    const c = (
      await lea.post('/api/v1/clients', { kind: 'association', name: 'Les Amis du Son', ...address })
    ).json();
    // Only those who work with a client change it: first the link, then the contacts.
    expect((await lea.post(`/api/v1/clients/${c.id}/contacts`, { name: 'Marc Petit' })).statusCode).toBe(403);
    expect((await lea.put(`/api/v1/activities/${leaActivityId}/clients/${c.id}`)).statusCode).toBe(200);
    const withContact = (await lea.post(`/api/v1/clients/${c.id}/contacts`, { name: 'Marc Petit' })).json();
    const contactId = withContact.contacts[0].id;
    const renamed = await lea.patch(`/api/v1/clients/${c.id}/contacts/${contactId}`, { role: 'Trésorier' });
    expect(renamed.json().contacts[0]).toMatchObject({ name: 'Marc Petit', role: 'Trésorier' });
    expect((await lea.delete(`/api/v1/clients/${c.id}/contacts/${contactId}`)).json().contacts).toEqual([]);
    const mine = (await lea.get('/api/v1/clients?mine=true')).json().items.map((x: { id: string }) => x.id);
    expect(mine).toContain(c.id);
    expect((await lea.delete(`/api/v1/activities/${leaActivityId}/clients/${c.id}`)).statusCode).toBe(204);
    const after = (await lea.get('/api/v1/clients?mine=true')).json().items.map((x: { id: string }) => x.id);
    expect(after).not.toContain(c.id);
  });
});
