// Activities: a member's business line in one legal entity, its fee rate and its members.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, signIn, snapshot, type TestApp } from '../testing.ts';

let t: TestApp;
let lea: Session;
let adviser: Session;
let admin: Session;
let leaMemberId: string;
let entities: { id: string; code: string; feeRateBp: number }[];

beforeAll(async () => {
  t = await createTestApp({ seed: 'demo' });
  lea = await signIn(t.app, 'lea.martin@example.org', 'commune-demo');
  adviser = await signIn(t.app, 'conseil.lille@commune.coop', 'commune-demo');
  admin = await signIn(t.app, 'admin@commune.coop', 'commune-demo');
  leaMemberId = (await lea.get('/api/v1/me')).json().memberId;
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

async function leaActivity(name = 'Atelier son') {
  const res = await lea.post('/api/v1/activities', {
    entityId: entity('SCIC').id,
    name,
    trade: 'technicien·ne son',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('activities', () => {
  it('lets a member open an activity for themself, with the fee rate of the entity', async () => {
    const a = await leaActivity();
    expect(a.members.map((m: { id: string }) => m.id)).toEqual([leaMemberId]);
    expect(a.status).toBe('open');
    expect(a.feeRateBp).toBe(entity('SCIC').feeRateBp);
    expect(a.feeRateOverridden).toBe(false);
    expect((await lea.get('/api/v1/activities')).json().items.map((x: { id: string }) => x.id)).toContain(
      a.id,
    );
  });

  it('lets staff override the fee rate only with a reason, audited, and go back to the entity rate', async () => {
    const a = await leaActivity('Régie');
    const before = await snapshot(t.handle);
    const byMember = await lea.put(`/api/v1/activities/${a.id}/fee`, {
      feeRateBp: 500,
      reason: 'Je le veux',
    });
    expect(byMember.statusCode).toBe(403);
    const noReason = await adviser.put(`/api/v1/activities/${a.id}/fee`, { feeRateBp: 500, reason: null });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].code).toBe('fee.reason_required');
    expect(await snapshot(t.handle)).toBe(before);

    const set = await adviser.put(`/api/v1/activities/${a.id}/fee`, {
      feeRateBp: 650,
      reason: 'Convention avec la région',
    });
    expect(set.json()).toMatchObject({
      feeRateBp: 650,
      feeRateOverridden: true,
      feeOverrideReason: 'Convention avec la région',
    });
    const log = (await admin.get(`/api/v1/audit-log?subjectId=${a.id}`)).json().items;
    expect(log.some((e: { changes: Record<string, unknown> }) => 'feeRateBp' in e.changes)).toBe(true);

    const back = await adviser.put(`/api/v1/activities/${a.id}/fee`, { feeRateBp: null, reason: null });
    expect(back.json()).toMatchObject({ feeRateBp: entity('SCIC').feeRateBp, feeRateOverridden: false });
  });

  it('keeps at least one member on an activity', async () => {
    const a = await leaActivity('Captation');
    const chloe = (await adviser.get('/api/v1/members?q=chloe.lefevre')).json().items[0];
    const added = await adviser.post(`/api/v1/activities/${a.id}/members`, { memberId: chloe.id });
    expect(added.json().members).toHaveLength(2);
    expect((await adviser.delete(`/api/v1/activities/${a.id}/members/${chloe.id}`)).statusCode).toBe(200);
    const before = await snapshot(t.handle);
    const last = await adviser.delete(`/api/v1/activities/${a.id}/members/${leaMemberId}`);
    expect(last.statusCode).toBe(422);
    expect(last.json().code).toBe('activity.last_member');
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('closes an activity; only staff reopen it; a closed activity refuses changes', async () => {
    const a = await leaActivity('Tournée 2026');
    const closed = await lea.patch(`/api/v1/activities/${a.id}`, { status: 'closed' });
    expect(closed.json().status).toBe('closed');
    expect((await lea.patch(`/api/v1/activities/${a.id}`, { status: 'open' })).statusCode).toBe(403);
    const rename = await lea.patch(`/api/v1/activities/${a.id}`, { name: 'Autre nom' });
    expect(rename.statusCode).toBe(422);
    expect(rename.json().code).toBe('activity.closed');
    expect((await adviser.patch(`/api/v1/activities/${a.id}`, { status: 'open' })).json().status).toBe(
      'open',
    );
  });

  it('refuses an unknown entity with a pointer to the field', async () => {
    const res = await lea.post('/api/v1/activities', {
      entityId: '00000000-0000-4000-8000-000000000000',
      name: 'Nulle part',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].pointer).toBe('/entityId');
  });
});
