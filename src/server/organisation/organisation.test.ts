// The group's legal entities and local offices: read by everyone signed in, managed by admins only.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, luhnComplete, type Session, signInDemo, snapshot, type TestApp } from '../testing.ts';

let t: TestApp;
let admin: Session;
let lea: Session;
let adviser: Session;
/** Everyone signed in who is not an admin. */
let others: [string, Session][];

beforeAll(async () => {
  t = await createTestApp({ seed: 'demo' });
  let accountant: Session;
  let payroll: Session;
  [admin, lea, adviser, accountant, payroll] = await signInDemo(
    t.app,
    'admin',
    'lea',
    'adviser',
    'accountant',
    'payroll',
  );
  others = Object.entries({ lea, adviser, accountant, payroll });
});

afterAll(async () => {
  await t?.close();
});

const entityInput = (over: Record<string, unknown> = {}) => ({
  code: 'NORD',
  name: 'Commune Nord SCOP SA',
  legalForm: 'SCOP SA à capital variable',
  kind: 'cae',
  siren: luhnComplete('91234567'),
  vatNumber: 'FR00912345670',
  rcsCity: 'Lille',
  shareCapitalCents: 4_000_000,
  addressLine: '10 rue Nationale',
  postalCode: '59000',
  city: 'Lille',
  feeRateBp: 1000,
  ...over,
});

const officeInput = (over: Record<string, unknown> = {}) => ({
  code: 'dunkerque',
  name: 'Commune Dunkerque',
  addressLine: '3 place Jean Bart',
  postalCode: '59140',
  city: 'Dunkerque',
  email: 'dunkerque@commune.coop',
  phone: '+33 3 28 00 00 00',
  ...over,
});

describe('legal entities', () => {
  it('are created, read and changed by an admin, each change audited', async () => {
    const res = await admin.post('/api/v1/entities', entityInput());
    expect(res.statusCode, res.body).toBe(201);
    const e = res.json();
    expect(e).toEqual({ id: expect.any(String), country: 'FR', ...entityInput() });
    expect((await lea.get(`/api/v1/entities/${e.id}`)).json()).toEqual(e);
    expect((await lea.get('/api/v1/entities')).json().items.map((x: { id: string }) => x.id)).toContain(e.id);

    const changed = await admin.patch(`/api/v1/entities/${e.id}`, { feeRateBp: 1100, name: 'Commune Nord' });
    expect(changed.json()).toEqual({ ...e, feeRateBp: 1100, name: 'Commune Nord' });
    const log = (await admin.get(`/api/v1/audit-log?subjectId=${e.id}`)).json().items;
    expect(log.map((x: { action: string }) => x.action)).toEqual(['entity.update', 'entity.create']);
    expect(log[0].changes).toEqual({
      feeRateBp: { from: 1000, to: 1100 },
      name: { from: 'Commune Nord SCOP SA', to: 'Commune Nord' },
    });
  });

  it('refuse an invalid SIREN or code, a duplicate SIREN, and change nothing', async () => {
    const before = await snapshot(t.handle);
    const badSiren = await admin.post('/api/v1/entities', entityInput({ code: 'AUTRE', siren: '912345671' }));
    expect(badSiren.statusCode).toBe(400);
    expect(badSiren.json().errors).toEqual([
      { pointer: '/siren', code: 'siren.invalid', message: 'SIREN invalide (9 chiffres, clé de Luhn).' },
    ]);
    const badCode = await admin.post('/api/v1/entities', entityInput({ code: 'nord minuscule' }));
    expect(badCode.json().errors[0].pointer).toBe('/code');
    const badRate = await admin.post('/api/v1/entities', entityInput({ code: 'AUTRE', feeRateBp: 10_001 }));
    expect(badRate.json().errors[0].pointer).toBe('/feeRateBp');
    const demo = (await admin.get('/api/v1/entities')).json().items[0];
    const dup = await admin.post('/api/v1/entities', entityInput({ code: 'AUTRE', siren: demo.siren }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({
      code: 'entity.duplicate_siren',
      detail: 'Une entité a déjà ce SIREN.',
    });
    const dupByPatch = await admin.patch(`/api/v1/entities/${demo.id}`, {
      siren: (await admin.get('/api/v1/entities')).json().items[1].siren,
    });
    expect(dupByPatch.statusCode).toBe(409);
    for (const res of [
      await admin.post('/api/v1/entities', entityInput({ code: demo.code, siren: luhnComplete('91234569') })),
      await admin.patch(`/api/v1/entities/${demo.id}`, {
        code: (await admin.get('/api/v1/entities')).json().items[1].code,
      }),
    ]) {
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({
        code: 'entity.duplicate_code',
        detail: 'Une entité a déjà ce code.',
      });
    }
    const missing = await admin.patch(`/api/v1/entities/${randomUUID()}`, { name: 'Fantôme' });
    expect(missing.statusCode).toBe(404);
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('are managed by admins only: everyone else reads them and is refused a change', async () => {
    const entity = (await admin.get('/api/v1/entities')).json().items[0];
    const before = await snapshot(t.handle);
    for (const [name, who] of others) {
      expect((await who.get(`/api/v1/entities/${entity.id}`)).statusCode, name).toBe(200);
      const create = await who.post(
        '/api/v1/entities',
        entityInput({ code: 'PIRATE', siren: luhnComplete('91234568') }),
      );
      expect(create.statusCode, name).toBe(403);
      expect(create.json().code).toBe('auth.forbidden');
      expect((await who.patch(`/api/v1/entities/${entity.id}`, { feeRateBp: 0 })).statusCode, name).toBe(403);
    }
    expect(await snapshot(t.handle)).toBe(before);
  });
});

describe('offices', () => {
  it('are created, read and changed by an admin, in name order', async () => {
    const res = await admin.post('/api/v1/offices', officeInput());
    expect(res.statusCode, res.body).toBe(201);
    const o = res.json();
    expect(o).toEqual({ id: expect.any(String), ...officeInput() });
    const list = (await lea.get('/api/v1/offices')).json().items as { id: string; name: string }[];
    expect(list.map((x) => x.id)).toContain(o.id);
    expect(list).toHaveLength(15);
    const names = list.map((x) => x.name);
    expect([...names].sort()).toEqual(names);
    // A change touches only the fields it names.
    const changed = await admin.patch(`/api/v1/offices/${o.id}`, {
      phone: null,
      name: 'Commune Dunkerque-Port',
    });
    expect(changed.json()).toEqual({ ...o, phone: null, name: 'Commune Dunkerque-Port' });
    expect((await adviser.get(`/api/v1/offices/${o.id}`)).json()).toEqual(changed.json());
    const log = (await admin.get(`/api/v1/audit-log?subjectId=${o.id}`)).json().items;
    expect(log[0]).toMatchObject({
      action: 'office.update',
      changes: { phone: { from: '+33 3 28 00 00 00', to: null } },
    });
  });

  it('refuse a duplicate or malformed code and a bad e-mail, and change nothing', async () => {
    const before = await snapshot(t.handle);
    const dup = await admin.post('/api/v1/offices', officeInput({ code: 'lille', name: 'Autre Lille' }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('office.duplicate_code');
    const lille = (await admin.get('/api/v1/offices'))
      .json()
      .items.find((o: { code: string }) => o.code === 'lille');
    expect((await admin.patch(`/api/v1/offices/${lille.id}`, { code: 'paris' })).statusCode).toBe(409);
    const badCode = await admin.post('/api/v1/offices', officeInput({ code: 'Saint Omer' }));
    expect(badCode.json().errors[0].pointer).toBe('/code');
    const badEmail = await admin.post(
      '/api/v1/offices',
      officeInput({ code: 'saint-omer', email: 'saint-omer' }),
    );
    expect(badEmail.json().errors[0]).toMatchObject({ pointer: '/email', code: 'email.invalid' });
    expect((await admin.get(`/api/v1/offices/${randomUUID()}`)).statusCode).toBe(404);
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('are managed by admins only', async () => {
    const office = (await admin.get('/api/v1/offices')).json().items[0];
    const before = await snapshot(t.handle);
    for (const [name, who] of others) {
      const create = await who.post(
        '/api/v1/offices',
        officeInput({ code: 'calais', name: 'Commune Calais' }),
      );
      expect(create.statusCode, name).toBe(403);
      expect((await who.patch(`/api/v1/offices/${office.id}`, { name: 'Renommée' })).statusCode, name).toBe(
        403,
      );
    }
    expect(await snapshot(t.handle)).toBe(before);
  });
});
