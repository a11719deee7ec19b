// Clients: a directory of companies and associations shared by the whole cooperative, private
// persons seen only by those who work with them; identifiers checked; contacts; links to activities.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frenchVatNumber } from '../../domain/clients/company-ids.ts';
import { createTestApp, luhnComplete, type Session, signInDemo, snapshot, type TestApp } from '../testing.ts';

let t: TestApp;
let lea: Session;
let karim: Session;
let adviser: Session;
let lyonAdviser: Session;
let accountant: Session;
let leaActivityId: string;
let karimActivityId: string;

beforeAll(async () => {
  t = await createTestApp({ seed: 'demo' });
  [lea, karim, adviser, lyonAdviser, accountant] = await signInDemo(
    t.app,
    'lea',
    'karim',
    'adviser',
    'lyonAdviser',
    'accountant',
  );
  leaActivityId = (await lea.get('/api/v1/home')).json().activities[0].id;
  karimActivityId = (await karim.get('/api/v1/home')).json().activities[0].id;
});

afterAll(async () => {
  await t?.close();
});

const address = { addressLine: '5 rue Esquermoise', postalCode: '59000', city: 'Lille' };
let serial = 10_000_000;
/** A valid SIREN no one else uses. */
const freshSiren = () => luhnComplete(String(serial++ + 40_000_000));

type Client = { id: string; activities: { id: string }[]; contacts: { id: string; name: string }[] };
const ids = (items: { id: string }[]) => items.map((x) => x.id);
const company = (over: Record<string, unknown> = {}) => ({
  kind: 'company',
  name: 'Atelier Nord',
  ...address,
  ...over,
});

describe('company identifiers', () => {
  const refusal = async (body: Record<string, unknown>, lang = 'fr') => {
    const res = await lea.post('/api/v1/clients', company(body), { 'accept-language': lang });
    expect(res.statusCode).toBe(400);
    return res.json().errors;
  };

  it('checks the SIREN and SIRET Luhn keys, and that the SIRET belongs to the SIREN', async () => {
    const before = await snapshot(t.handle);
    expect(await refusal({ siren: '732829321' })).toEqual([
      { pointer: '/siren', code: 'siren.invalid', message: 'SIREN invalide (9 chiffres, clé de Luhn).' },
    ]);
    expect(await refusal({ siren: '732829321' }, 'en')).toEqual([
      { pointer: '/siren', code: 'siren.invalid', message: 'Invalid SIREN (9 digits, Luhn key).' },
    ]);
    expect((await refusal({ siret: '73282932000075' }))[0]).toMatchObject({
      pointer: '/siret',
      code: 'siret.invalid',
    });
    const otherSiret = luhnComplete(`${freshSiren()}0001`);
    expect((await refusal({ siren: '732829320', siret: otherSiret }))[0]).toMatchObject({
      pointer: '/siret',
      code: 'siret.siren_mismatch',
    });
    expect((await refusal({ siren: '12345678' }))[0]).toMatchObject({ pointer: '/siren' });
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('checks the intra-EU VAT number: format, key, and that it carries the SIREN', async () => {
    const before = await snapshot(t.handle);
    expect((await refusal({ siren: '732829320', vatNumber: 'FR00732829320' }))[0]).toMatchObject({
      pointer: '/vatNumber',
      code: 'vat.key',
      message: 'La clé du numéro de TVA ne correspond pas.',
    });
    expect((await refusal({ siren: freshSiren(), vatNumber: 'FR44732829320' }))[0]).toMatchObject({
      pointer: '/vatNumber',
      code: 'vat.siren_mismatch',
    });
    expect((await refusal({ vatNumber: 'XX123' }))[0]).toMatchObject({
      pointer: '/vatNumber',
      code: 'vat.format',
    });
    expect((await refusal({ vatNumber: 'BE0123456788' }))[0]).toMatchObject({ code: 'vat.key' });
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('creates a company from its SIRET, with its VAT number compacted, and refuses a duplicate', async () => {
    const siren = freshSiren();
    const siret = luhnComplete(`${siren}0001`);
    const res = await lea.post(
      '/api/v1/clients',
      company({
        name: 'Studio Canal Saint-Martin',
        siret: `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}`,
        vatNumber: frenchVatNumber(siren).replace(/^(..)(..)/, '$1 $2 '),
        email: 'contact@studio.example',
        activityId: leaActivityId,
        contacts: [{ name: 'Anne Caron', email: 'anne.caron@example.org', role: 'Production' }],
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      kind: 'company',
      siren,
      siret,
      vatNumber: frenchVatNumber(siren),
      publicSector: false,
      country: 'FR',
      contacts: [{ name: 'Anne Caron', email: 'anne.caron@example.org', role: 'Production', phone: null }],
      activities: [{ id: leaActivityId }],
    });
    // One client per establishment (SIRET), and one per company known only by its SIREN.
    const head = await karim.post('/api/v1/clients', company({ name: 'Studio Canal (siège)', siren }));
    expect(head.statusCode).toBe(201);
    const branch = await karim.post(
      '/api/v1/clients',
      company({ name: 'Studio Canal Lyon', siret: luhnComplete(`${siren}0002`) }),
    );
    expect(branch.statusCode).toBe(201);
    const before = await snapshot(t.handle);
    for (const dup of [{ siren }, { siret }, { siren, siret }]) {
      const again = await karim.post('/api/v1/clients', company({ name: 'Doublon', ...dup }));
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({
        code: 'client.duplicate_siren',
        detail: 'Ce client existe déjà (même SIREN/SIRET).',
      });
    }
    expect(await snapshot(t.handle)).toBe(before);
    // The shared directory lets another member find it by name or SIREN.
    expect(ids((await karim.get('/api/v1/clients?q=canal%20saint')).json().items)).toContain(c.id);
    const bySiren = await karim.get(`/api/v1/clients?q=${siren.slice(0, 3)}%20${siren.slice(3)}`);
    expect(ids(bySiren.json().items).sort()).toEqual([c.id, head.json().id, branch.json().id].sort());
  });

  it('accepts a company of another member state and an association without identifiers', async () => {
    const belgian = await lea.post(
      '/api/v1/clients',
      company({
        name: 'Atelier Bruxellois',
        vatNumber: 'be 0403.170.701',
        country: 'be',
        postalCode: '1000',
        city: 'Bruxelles',
      }),
    );
    expect(belgian.statusCode, belgian.body).toBe(201);
    expect(belgian.json()).toMatchObject({ vatNumber: 'BE0403170701', country: 'BE', siren: null });
    const association = await lea.post('/api/v1/clients', {
      kind: 'association',
      name: 'Les Amis du Son',
      ...address,
    });
    expect(association.statusCode).toBe(201);
    expect(association.json()).toMatchObject({ kind: 'association', siren: null, vatNumber: null });
  });
});

describe('private persons', () => {
  let jeanneId: string;

  beforeAll(async () => {
    const res = await lea.post('/api/v1/clients', {
      kind: 'individual',
      name: 'Jeanne Delporte',
      email: 'jeanne.delporte@example.net',
      activityId: leaActivityId,
      ...address,
    });
    expect(res.statusCode, res.body).toBe(201);
    jeanneId = res.json().id;
  });

  it('are seen by the member who works with them, their adviser and the accountant', async () => {
    for (const who of [lea, adviser, accountant]) {
      const res = await who.get(`/api/v1/clients/${jeanneId}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().email).toBe('jeanne.delporte@example.net');
    }
    expect(ids((await lea.get('/api/v1/clients?q=delporte')).json().items)).toEqual([jeanneId]);
    expect(ids((await adviser.get('/api/v1/clients?q=delporte')).json().items)).toEqual([jeanneId]);
  });

  it('are hidden from other members and advisers: not found, not listed, not changeable', async () => {
    const before = await snapshot(t.handle);
    for (const who of [karim, lyonAdviser]) {
      expect((await who.get(`/api/v1/clients/${jeanneId}`)).statusCode).toBe(404);
      expect((await who.patch(`/api/v1/clients/${jeanneId}`, { name: 'Autre' })).statusCode).toBe(404);
      expect((await who.post(`/api/v1/clients/${jeanneId}/contacts`, { name: 'X' })).statusCode).toBe(404);
      expect((await who.get('/api/v1/clients?q=delporte')).json()).toMatchObject({ items: [], total: 0 });
      expect(
        (await who.get('/api/v1/clients?kind=individual&limit=200')).json().items.map((c: Client) => c.id),
      ).not.toContain(jeanneId);
    }
    expect((await karim.put(`/api/v1/activities/${karimActivityId}/clients/${jeanneId}`)).statusCode).toBe(
      404,
    );
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('must be linked to an activity when a member enters them, and carry no company identifier', async () => {
    const before = await snapshot(t.handle);
    const noLink = await lea.post('/api/v1/clients', { kind: 'individual', name: 'Sans lien', ...address });
    expect(noLink.statusCode).toBe(400);
    expect(noLink.json().errors[0]).toMatchObject({ pointer: '/activityId', code: 'required' });
    const withSiren = await lea.post('/api/v1/clients', {
      kind: 'individual',
      name: 'Avec SIREN',
      siren: '732829320',
      activityId: leaActivityId,
      ...address,
    });
    expect(withSiren.statusCode).toBe(400);
    expect(withSiren.json().errors[0]).toMatchObject({
      pointer: '/kind',
      code: 'client.individual_no_company_ids',
    });
    const notMine = await lea.post('/api/v1/clients', {
      kind: 'individual',
      name: 'Chez Karim',
      activityId: karimActivityId,
      ...address,
    });
    expect(notMine.statusCode).toBe(404);
    expect(await snapshot(t.handle)).toBe(before);
  });
});

describe('changing a client', () => {
  it('is for those who work with it: others may read a shared company but not change it', async () => {
    const c = (
      await lea.post('/api/v1/clients', company({ name: 'Bureau Ouest', siren: freshSiren() }))
    ).json();
    const before = await snapshot(t.handle);
    expect((await karim.get(`/api/v1/clients/${c.id}`)).statusCode).toBe(200);
    const res = await karim.patch(`/api/v1/clients/${c.id}`, { name: 'Pris' });
    expect(res.statusCode).toBe(403);
    expect((await karim.post(`/api/v1/clients/${c.id}/contacts`, { name: 'Marc Petit' })).statusCode).toBe(
      403,
    );
    // Not linked yet, not even its author changes it.
    expect((await lea.patch(`/api/v1/clients/${c.id}`, { name: 'Pris' })).statusCode).toBe(403);
    expect(await snapshot(t.handle)).toBe(before);
    await lea.put(`/api/v1/activities/${leaActivityId}/clients/${c.id}`);
    const renamed = await lea.patch(`/api/v1/clients/${c.id}`, {
      name: 'Bureau Ouest SARL',
      publicSector: true,
    });
    expect(renamed.json()).toMatchObject({ name: 'Bureau Ouest SARL', publicSector: true, siren: c.siren });
  });

  it('checks identifiers changed alone against those already on file', async () => {
    const siren = freshSiren();
    const c = (
      await lea.post(
        '/api/v1/clients',
        company({ name: 'Imprimerie du Vieux-Lille', siren, activityId: leaActivityId }),
      )
    ).json();
    const before = await snapshot(t.handle);
    const mismatch = await lea.patch(`/api/v1/clients/${c.id}`, {
      siret: luhnComplete(`${freshSiren()}0001`),
    });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().errors[0]).toMatchObject({ pointer: '/siret', code: 'siret.siren_mismatch' });
    const vat = await lea.patch(`/api/v1/clients/${c.id}`, { vatNumber: frenchVatNumber(freshSiren()) });
    expect(vat.json().errors[0]).toMatchObject({ pointer: '/vatNumber', code: 'vat.siren_mismatch' });
    const toPerson = await lea.patch(`/api/v1/clients/${c.id}`, { kind: 'individual' });
    expect(toPerson.json().errors[0]).toMatchObject({ code: 'client.individual_no_company_ids' });
    expect(await snapshot(t.handle)).toBe(before);
    const siret = luhnComplete(`${siren}0002`);
    const ok = await lea.patch(`/api/v1/clients/${c.id}`, { siret, vatNumber: frenchVatNumber(siren) });
    expect(ok.json()).toMatchObject({ siren, siret, vatNumber: frenchVatNumber(siren) });
  });
});

describe('contacts', () => {
  const leaAssociation = async (name: string) =>
    (
      await lea.post('/api/v1/clients', { kind: 'association', name, ...address, activityId: leaActivityId })
    ).json();

  it('are added, changed and removed by those who work with the client', async () => {
    const c = await leaAssociation('Chorale du Beffroi');
    const added = await lea.post(`/api/v1/clients/${c.id}/contacts`, {
      name: 'Marc Petit',
      email: 'marc.petit@example.org',
      phone: '+33 3 20 11 22 33',
    });
    expect(added.statusCode).toBe(201);
    const [marc] = added.json().contacts;
    expect(marc).toMatchObject({ name: 'Marc Petit', role: '', phone: '+33 3 20 11 22 33' });
    const second = (
      await lea.post(`/api/v1/clients/${c.id}/contacts`, { name: 'Julie Roux', role: 'Présidente' })
    ).json();
    expect(second.contacts.map((k: { name: string }) => k.name)).toEqual(['Marc Petit', 'Julie Roux']);
    const changed = await lea.patch(`/api/v1/clients/${c.id}/contacts/${marc.id}`, { role: 'Trésorier' });
    expect(changed.json().contacts[0]).toMatchObject({
      name: 'Marc Petit',
      email: 'marc.petit@example.org',
      role: 'Trésorier',
    });

    const before = await snapshot(t.handle);
    const badEmail = await lea.post(`/api/v1/clients/${c.id}/contacts`, { name: 'X', email: 'pas-un-email' });
    expect(badEmail.json().errors[0]).toMatchObject({ pointer: '/email', code: 'email.invalid' });
    const unknown = await lea.patch(`/api/v1/clients/${c.id}/contacts/${randomUUID()}`, { role: 'X' });
    expect(unknown.statusCode).toBe(404);
    expect(await snapshot(t.handle)).toBe(before);
    // A contact is reached only through its own client.
    const other = await leaAssociation('Autre chorale');
    const snap = await snapshot(t.handle);
    expect((await lea.delete(`/api/v1/clients/${other.id}/contacts/${marc.id}`)).statusCode).toBe(404);
    expect(await snapshot(t.handle)).toBe(snap);

    const removed = await lea.delete(`/api/v1/clients/${c.id}/contacts/${marc.id}`);
    expect(removed.json().contacts.map((k: { name: string }) => k.name)).toEqual(['Julie Roux']);
  });
});

describe('links to activities', () => {
  it('link a client the member sees to their activity, and unlink it', async () => {
    const c = (
      await karim.post('/api/v1/clients', company({ name: 'Galerie Wazemmes', siren: freshSiren() }))
    ).json();
    const countBefore = (await lea.get(`/api/v1/activities/${leaActivityId}`)).json().clientCount;
    const linked = await lea.put(`/api/v1/activities/${leaActivityId}/clients/${c.id}`);
    expect(linked.statusCode).toBe(200);
    expect(ids(linked.json().activities)).toEqual([leaActivityId]);
    expect((await lea.get(`/api/v1/activities/${leaActivityId}`)).json().clientCount).toBe(countBefore + 1);
    // Linking twice changes nothing.
    await lea.put(`/api/v1/activities/${leaActivityId}/clients/${c.id}`);
    expect((await lea.get(`/api/v1/activities/${leaActivityId}`)).json().clientCount).toBe(countBefore + 1);
    expect(ids((await lea.get('/api/v1/clients?mine=true&limit=200')).json().items)).toContain(c.id);
    expect(
      ids((await lea.get(`/api/v1/clients?activityId=${leaActivityId}&limit=200`)).json().items),
    ).toContain(c.id);
    // Another member sees the client, not Léa's activity.
    expect((await karim.get(`/api/v1/clients/${c.id}`)).json().activities).toEqual([]);

    expect((await lea.delete(`/api/v1/activities/${leaActivityId}/clients/${c.id}`)).statusCode).toBe(204);
    expect(ids((await lea.get('/api/v1/clients?mine=true&limit=200')).json().items)).not.toContain(c.id);
    const before = await snapshot(t.handle);
    expect((await lea.delete(`/api/v1/activities/${leaActivityId}/clients/${c.id}`)).statusCode).toBe(404);
    expect(await snapshot(t.handle)).toBe(before);
  });

  it("are refused on someone else's activity, and changes nothing", async () => {
    const c = (
      await lea.post('/api/v1/clients', company({ name: 'Brasserie du Nord', siren: freshSiren() }))
    ).json();
    const before = await snapshot(t.handle);
    expect((await lea.put(`/api/v1/activities/${karimActivityId}/clients/${c.id}`)).statusCode).toBe(404);
    expect((await lea.get(`/api/v1/clients?activityId=${karimActivityId}`)).statusCode).toBe(404);
    expect((await lea.put(`/api/v1/activities/${leaActivityId}/clients/${randomUUID()}`)).statusCode).toBe(
      404,
    );
    expect(await snapshot(t.handle)).toBe(before);
  });
});

describe('searching the directory', () => {
  it('finds by name, city, SIREN or VAT number; filters by kind and public sector; sorts and pages', async () => {
    const byCity = (await lea.get('/api/v1/clients?q=ROUBAIX&limit=200')).json().items;
    expect(byCity.length).toBeGreaterThan(0);
    for (const c of byCity) expect(`${c.name} ${c.city}`.toLowerCase()).toContain('roubaix');
    const publicBodies = (await lea.get('/api/v1/clients?publicSector=true&limit=200')).json();
    expect(publicBodies.total).toBeGreaterThan(0);
    for (const c of publicBodies.items) expect(c.publicSector).toBe(true);
    const associations = (await lea.get('/api/v1/clients?kind=association&limit=200')).json().items;
    for (const c of associations) expect(c.kind).toBe('association');
    const siren = freshSiren();
    const vat = (
      await karim.post(
        '/api/v1/clients',
        company({ name: 'Société Vat', siren, vatNumber: frenchVatNumber(siren) }),
      )
    ).json();
    const byVat = await lea.get(
      `/api/v1/clients?q=${encodeURIComponent(frenchVatNumber(siren).toLowerCase().replace(/^(..)/, '$1 '))}`,
    );
    expect(ids(byVat.json().items)).toEqual([vat.id]);

    const asc = (await lea.get('/api/v1/clients?sort=city&limit=200')).json();
    const desc = (await lea.get('/api/v1/clients?sort=-city&limit=200')).json();
    expect(desc.items.map((c: { city: string }) => c.city)).toEqual(
      asc.items.map((c: { city: string }) => c.city).reverse(),
    );
    const page = (await lea.get('/api/v1/clients?limit=5')).json();
    expect(page.items).toHaveLength(5);
    expect(page.total).toBe(asc.total);
    const next = (await lea.get(`/api/v1/clients?limit=5&cursor=${page.nextCursor}`)).json();
    expect(ids(next.items).some((id) => ids(page.items).includes(id))).toBe(false);
  });
});
