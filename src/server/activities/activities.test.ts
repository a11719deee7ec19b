// Activities: a member's business line in one legal entity, its fee rate (the entity's unless staff
// set an exception with a reason), its members, and who sees it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  luhnComplete,
  type Session,
  signIn,
  signInDemo,
  snapshot,
  type TestApp,
} from '../testing.ts';

let t: TestApp;
let lea: Session;
let karim: Session;
let adviser: Session;
let lyonAdviser: Session;
let accountant: Session;
let admin: Session;
let leaMemberId: string;
let chloeMemberId: string;
let karimMemberId: string;
let entities: { id: string; code: string; feeRateBp: number }[];

beforeAll(async () => {
  t = await createTestApp({ seed: 'demo' });
  [lea, karim, adviser, lyonAdviser, accountant, admin] = await signInDemo(
    t.app,
    'lea',
    'karim',
    'adviser',
    'lyonAdviser',
    'accountant',
    'admin',
  );
  leaMemberId = (await lea.get('/api/v1/me')).json().memberId;
  karimMemberId = (await karim.get('/api/v1/me')).json().memberId;
  chloeMemberId = (await adviser.get('/api/v1/members?q=chloe.lefevre')).json().items[0].id;
  entities = (await lea.get('/api/v1/entities')).json().items;
});

afterAll(async () => {
  await t?.close();
});

const entity = (code: string) => {
  const e = entities.find((x) => x.code === code);
  if (!e) throw new Error(`no entity ${code}`);
  return e;
};

async function leaActivity(name = 'Atelier son', entityCode = 'SCIC') {
  const res = await lea.post('/api/v1/activities', {
    entityId: entity(entityCode).id,
    name,
    description: 'Sonorisation de petites salles',
    trade: 'technicien·ne son',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

type Activity = { id: string; members: { id: string }[]; status: string };
const ids = (items: { id: string }[]) => items.map((x) => x.id);

describe('opening an activity', () => {
  it('lets a member open one for themself, with the fee rate of its entity', async () => {
    const a = await leaActivity();
    expect(a).toMatchObject({
      name: 'Atelier son',
      description: 'Sonorisation de petites salles',
      trade: 'technicien·ne son',
      status: 'open',
      entity: { id: entity('SCIC').id, code: 'SCIC', feeRateBp: entity('SCIC').feeRateBp },
      feeRateBp: entity('SCIC').feeRateBp,
      feeRateOverridden: false,
      feeOverrideReason: null,
      clientCount: 0,
    });
    expect(ids(a.members)).toEqual([leaMemberId]);
    expect((await lea.get(`/api/v1/activities/${a.id}`)).json()).toEqual(a);
    // Each entity has its own rate.
    const cae = await leaActivity('Cours de son', 'CAE');
    expect(cae.feeRateBp).toBe(entity('CAE').feeRateBp);
  });

  it('lets an adviser open one for members of their office only', async () => {
    const res = await adviser.post('/api/v1/activities', {
      entityId: entity('CAE').id,
      name: 'Fresques à quatre mains',
      memberIds: [chloeMemberId, leaMemberId],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(ids(res.json().members).sort()).toEqual([chloeMemberId, leaMemberId].sort());
    const before = await snapshot(t.handle);
    const elsewhere = await adviser.post('/api/v1/activities', {
      entityId: entity('CAE').id,
      name: 'Montage',
      memberIds: [leaMemberId, karimMemberId],
    });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().errors).toEqual([
      expect.objectContaining({ pointer: '/memberIds/1', code: 'member.unknown' }),
    ]);
    // Staff name the members: an adviser is no member.
    const nobody = await adviser.post('/api/v1/activities', {
      entityId: entity('CAE').id,
      name: 'Sans membre',
    });
    expect(nobody.json().errors[0]).toMatchObject({ pointer: '/memberIds', code: 'required' });
    // A member opens activities for themself only.
    const forOther = await lea.post('/api/v1/activities', {
      entityId: entity('CAE').id,
      name: 'Pour Karim',
      memberIds: [karimMemberId],
    });
    expect(forOther.json().errors[0]).toMatchObject({ pointer: '/memberIds/0', code: 'member.unknown' });
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('refuses an unknown entity, a missing name, and a member who left', async () => {
    const before = await snapshot(t.handle);
    const unknown = await lea.post('/api/v1/activities', { entityId: randomUUID(), name: 'Nulle part' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0]).toMatchObject({ pointer: '/entityId', code: 'entity.unknown' });
    const unnamed = await lea.post('/api/v1/activities', { entityId: entity('SCIC').id, name: '  ' });
    expect(unnamed.json().errors[0]).toMatchObject({ pointer: '/name', code: 'required' });
    expect(await snapshot(t.handle)).toBe(before);

    const offices = (await adviser.get('/api/v1/offices')).json().items;
    const gone = (
      await adviser.post('/api/v1/members', {
        firstName: 'Noé',
        lastName: 'Parti',
        email: `noe.${randomUUID().slice(0, 8)}@example.org`,
        officeId: offices.find((o: { code: string }) => o.code === 'lille').id,
      })
    ).json();
    await adviser.post(`/api/v1/members/${gone.id}/status`, { status: 'exited' });
    const snap = await snapshot(t.handle);
    const res = await adviser.post('/api/v1/activities', {
      entityId: entity('SCIC').id,
      name: 'Trop tard',
      memberIds: [gone.id],
    });
    expect(res.json().errors[0]).toMatchObject({ pointer: '/memberIds/0', code: 'member.exited' });
    expect(await snapshot(t.handle)).toBe(snap);
  });
});

describe('changing and closing', () => {
  it('lets its member rename and describe it, leaving other fields as they were', async () => {
    const a = await leaActivity('Captation');
    const res = await lea.patch(`/api/v1/activities/${a.id}`, { name: 'Captation live' });
    expect(res.json()).toMatchObject({
      name: 'Captation live',
      description: 'Sonorisation de petites salles',
      trade: 'technicien·ne son',
    });
    const described = await lea.patch(`/api/v1/activities/${a.id}`, { description: 'Concerts enregistrés' });
    expect(described.json()).toMatchObject({ name: 'Captation live', description: 'Concerts enregistrés' });
    const before = await snapshot(t.handle);
    const empty = await lea.patch(`/api/v1/activities/${a.id}`, { name: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0]).toMatchObject({ pointer: '/name', code: 'required' });
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('closes; only staff reopen; a closed activity refuses changes and new members', async () => {
    const a = await leaActivity('Tournée 2026');
    expect((await lea.patch(`/api/v1/activities/${a.id}`, { status: 'closed' })).json().status).toBe(
      'closed',
    );
    const before = await snapshot(t.handle);
    const reopen = await lea.patch(`/api/v1/activities/${a.id}`, { status: 'open' });
    expect(reopen.statusCode).toBe(403);
    const rename = await lea.patch(`/api/v1/activities/${a.id}`, { name: 'Autre nom' });
    expect(rename.statusCode).toBe(422);
    expect(rename.json()).toMatchObject({ code: 'activity.closed', detail: 'Cette activité est fermée.' });
    const join = await adviser.post(`/api/v1/activities/${a.id}/members`, { memberId: chloeMemberId });
    expect(join.statusCode).toBe(422);
    expect(join.json().code).toBe('activity.closed');
    expect(await snapshot(t.handle)).toBe(before);
    // Closed activities leave the default list of open ones but stay readable.
    const open = (await lea.get('/api/v1/activities?status=open&limit=200')).json().items;
    expect(ids(open)).not.toContain(a.id);
    expect((await lea.get(`/api/v1/activities/${a.id}`)).json().status).toBe('closed');
    const back = await adviser.patch(`/api/v1/activities/${a.id}`, { status: 'open', name: 'Tournée 2027' });
    expect(back.json()).toMatchObject({ status: 'open', name: 'Tournée 2027' });
  });
});

describe('fee rate', () => {
  it('is set by staff only, with a reason, audited, and can go back to the entity rate', async () => {
    const a = await leaActivity('Régie');
    const before = await snapshot(t.handle);
    const byMember = await lea.put(`/api/v1/activities/${a.id}/fee`, {
      feeRateBp: 500,
      reason: 'Je le veux',
    });
    expect(byMember.statusCode).toBe(403);
    const byAccountant = await accountant.put(`/api/v1/activities/${a.id}/fee`, {
      feeRateBp: 500,
      reason: 'Pourquoi pas',
    });
    expect(byAccountant.statusCode).toBe(403);
    for (const reason of [null, '', '   ']) {
      const res = await adviser.put(`/api/v1/activities/${a.id}/fee`, { feeRateBp: 500, reason });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([
        {
          pointer: '/reason',
          code: 'fee.reason_required',
          message: 'Indiquez la raison du taux particulier.',
        },
      ]);
    }
    const tooHigh = await adviser.put(`/api/v1/activities/${a.id}/fee`, { feeRateBp: 10_001, reason: 'x' });
    expect(tooHigh.json().errors[0].pointer).toBe('/feeRateBp');
    expect(await snapshot(t.handle)).toBe(before);

    const set = await adviser.put(`/api/v1/activities/${a.id}/fee`, {
      feeRateBp: 650,
      reason: 'Convention avec la région',
    });
    expect(set.json()).toMatchObject({
      feeRateBp: 650,
      feeRateOverridden: true,
      feeOverrideReason: 'Convention avec la région',
      entity: { feeRateBp: entity('SCIC').feeRateBp },
    });
    const adviserId = (await adviser.get('/api/v1/me')).json().id;
    const log = (await admin.get(`/api/v1/audit-log?subjectId=${a.id}`)).json().items;
    expect(log.find((e: { action: string }) => e.action === 'activity.fee')).toMatchObject({
      userId: adviserId,
      changes: { feeRateBp: { from: null, to: 650 }, reason: 'Convention avec la région' },
    });

    const back = await adviser.put(`/api/v1/activities/${a.id}/fee`, { feeRateBp: null, reason: null });
    expect(back.json()).toMatchObject({
      feeRateBp: entity('SCIC').feeRateBp,
      feeRateOverridden: false,
      feeOverrideReason: null,
    });
  });

  it('follows its entity when the entity rate changes, unless an exception is set', async () => {
    const created = await admin.post('/api/v1/entities', {
      code: 'ESSAI',
      name: 'Commune Essai SAS',
      legalForm: 'SAS coopérative',
      kind: 'other',
      siren: luhnComplete('81234567'),
      vatNumber: 'FR00000000000',
      rcsCity: 'Lille',
      shareCapitalCents: 100_000,
      addressLine: '1 rue Faidherbe',
      postalCode: '59000',
      city: 'Lille',
      feeRateBp: 900,
    });
    expect(created.statusCode, created.body).toBe(201);
    const entityId = created.json().id;
    const plain = (await lea.post('/api/v1/activities', { entityId, name: 'Suit le taux' })).json();
    const special = (await lea.post('/api/v1/activities', { entityId, name: 'Taux propre' })).json();
    await adviser.put(`/api/v1/activities/${special.id}/fee`, { feeRateBp: 700, reason: 'Démarrage' });
    await admin.patch(`/api/v1/entities/${entityId}`, { feeRateBp: 1000 });
    expect((await lea.get(`/api/v1/activities/${plain.id}`)).json()).toMatchObject({
      feeRateBp: 1000,
      feeRateOverridden: false,
    });
    expect((await lea.get(`/api/v1/activities/${special.id}`)).json()).toMatchObject({
      feeRateBp: 700,
      feeRateOverridden: true,
    });
  });
});

describe('members of an activity', () => {
  it('are attached and detached by staff; the co-member then sees it, and no longer after', async () => {
    const a = await leaActivity('Duo');
    const chloe = await signIn(t.app, 'chloe.lefevre@example.org', 'commune-demo');
    expect((await chloe.get(`/api/v1/activities/${a.id}`)).statusCode).toBe(404);
    const before = await snapshot(t.handle);
    const byMember = await lea.post(`/api/v1/activities/${a.id}/members`, { memberId: chloeMemberId });
    expect(byMember.statusCode).toBe(403);
    const outside = await adviser.post(`/api/v1/activities/${a.id}/members`, { memberId: karimMemberId });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors[0]).toMatchObject({ pointer: '/memberId', code: 'member.unknown' });
    expect(await snapshot(t.handle)).toBe(before);

    const added = await adviser.post(`/api/v1/activities/${a.id}/members`, { memberId: chloeMemberId });
    expect(ids(added.json().members).sort()).toEqual([chloeMemberId, leaMemberId].sort());
    expect((await chloe.get(`/api/v1/activities/${a.id}`)).statusCode).toBe(200);
    expect(ids((await chloe.get('/api/v1/activities?limit=200')).json().items)).toContain(a.id);
    // Attaching twice changes nothing.
    const twice = await adviser.post(`/api/v1/activities/${a.id}/members`, { memberId: chloeMemberId });
    expect(twice.json().members).toHaveLength(2);

    const removed = await adviser.delete(`/api/v1/activities/${a.id}/members/${leaMemberId}`);
    expect(ids(removed.json().members)).toEqual([chloeMemberId]);
    expect((await lea.get(`/api/v1/activities/${a.id}`)).statusCode).toBe(404);
  });

  it('keep at least one; detaching someone not on it is not found; nothing changes', async () => {
    const a = await leaActivity('Solo');
    const before = await snapshot(t.handle);
    const last = await adviser.delete(`/api/v1/activities/${a.id}/members/${leaMemberId}`);
    expect(last.statusCode).toBe(422);
    expect(last.json()).toMatchObject({
      code: 'activity.last_member',
      detail: 'Une activité garde au moins un membre.',
    });
    const absent = await adviser.delete(`/api/v1/activities/${a.id}/members/${chloeMemberId}`);
    expect(absent.statusCode).toBe(404);
    expect(await snapshot(t.handle)).toBe(before);
  });
});

describe('who sees what', () => {
  it('shows a member only the activities they are on', async () => {
    const mine = (await lea.get('/api/v1/activities?limit=200')).json();
    expect(mine.total).toBeGreaterThan(0);
    for (const a of mine.items as Activity[]) expect(ids(a.members)).toContain(leaMemberId);
    const theirs = (await karim.get('/api/v1/activities?limit=200')).json().items as Activity[];
    for (const a of theirs) expect(ids(a.members)).toContain(karimMemberId);
    const leaIds = new Set(ids(mine.items));
    expect(theirs.some((a) => leaIds.has(a.id))).toBe(false);
    // Asking for another member's activities by filter gives nothing either.
    expect((await karim.get(`/api/v1/activities?memberId=${leaMemberId}`)).json().total).toBe(0);
  });

  it("hides another member's activity behind a 404 and changes nothing", async () => {
    const a = await leaActivity('Privée');
    const before = await snapshot(t.handle);
    for (const res of [
      await karim.get(`/api/v1/activities/${a.id}`),
      await karim.patch(`/api/v1/activities/${a.id}`, { name: 'Prise' }),
      await karim.put(`/api/v1/activities/${a.id}/fee`, { feeRateBp: 0, reason: 'Gratuit' }),
      await lyonAdviser.get(`/api/v1/activities/${a.id}`),
      await lyonAdviser.patch(`/api/v1/activities/${a.id}`, { status: 'closed' }),
      await lyonAdviser.delete(`/api/v1/activities/${a.id}/members/${leaMemberId}`),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('resource.not_found');
    }
    expect(await snapshot(t.handle)).toBe(before);
  });

  it("shows advisers their offices' activities, and the accountant every one, read-only", async () => {
    const a = await leaActivity('Pour le cabinet');
    const advised = (await adviser.get('/api/v1/activities?limit=200')).json().items as Activity[];
    expect(ids(advised)).toContain(a.id);
    expect(
      (await lyonAdviser.get('/api/v1/activities?limit=200')).json().items.map((x: Activity) => x.id),
    ).not.toContain(a.id);
    expect((await accountant.get(`/api/v1/activities/${a.id}`)).statusCode).toBe(200);
    const before = await snapshot(t.handle);
    expect((await accountant.patch(`/api/v1/activities/${a.id}`, { name: 'Compta' })).statusCode).toBe(403);
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('filters by entity, status and search, and sorts', async () => {
    const cae = (await lea.get(`/api/v1/activities?entityId=${entity('CAE').id}&limit=200`)).json().items;
    expect(cae.length).toBeGreaterThan(0);
    for (const a of cae) expect(a.entity.code).toBe('CAE');
    const found = (await lea.get('/api/v1/activities?q=SONORISATION')).json().items;
    expect(found.map((a: { name: string }) => a.name)).toContain('Sonorisation de concerts');
    const byTrade = (await lea.get(`/api/v1/activities?q=${encodeURIComponent('technicien·ne')}`)).json();
    expect(byTrade.total).toBeGreaterThan(0);
    // The database's collation decides the order; both directions must agree with each other.
    const asc = (await lea.get('/api/v1/activities?sort=name&limit=200')).json().items;
    const desc = (await lea.get('/api/v1/activities?sort=-name&limit=200')).json().items;
    expect(desc.map((a: { name: string }) => a.name)).toEqual(
      asc.map((a: { name: string }) => a.name).reverse(),
    );
  });
});
