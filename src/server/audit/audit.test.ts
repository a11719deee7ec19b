// The audit log: every write says who did what to which record and what changed, newest first,
// with personal data (NIR, IBAN, passwords) never written in clear; read by admins only.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, luhnComplete, type Session, signInDemo, snapshot, type TestApp } from '../testing.ts';

let t: TestApp;
let admin: Session;
let adviser: Session;
let accountant: Session;
let lea: Session;
let ids: { admin: string; adviser: string; lea: string; leaMember: string; lille: string; scic: string };

beforeAll(async () => {
  t = await createTestApp({ seed: 'demo' });
  [admin, adviser, accountant, lea] = await signInDemo(t.app, 'admin', 'adviser', 'accountant', 'lea');
  const [a, b, c] = await Promise.all(
    [admin, adviser, lea].map(async (s) => (await s.get('/api/v1/me')).json()),
  );
  const offices = (await admin.get('/api/v1/offices')).json().items;
  const entities = (await admin.get('/api/v1/entities')).json().items;
  ids = {
    admin: a.id,
    adviser: b.id,
    lea: c.id,
    leaMember: c.memberId,
    lille: offices.find((o: { code: string }) => o.code === 'lille').id,
    scic: entities.find((e: { code: string }) => e.code === 'SCIC').id,
  };
});

afterAll(async () => {
  await t?.close();
});

type Entry = {
  id: number;
  at: string;
  userId: string | null;
  userName: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  changes: Record<string, unknown>;
  requestId: string | null;
};

const entriesFor = async (subjectId: string): Promise<Entry[]> =>
  (await admin.get(`/api/v1/audit-log?subjectId=${subjectId}&limit=200`)).json().items;

/** Every audit row as stored, as one string: what a database dump would show. */
const wholeLog = async () => JSON.stringify((await sql`select * from audit_log`.execute(t.handle.db)).rows);

describe('audit log', () => {
  it('records each write with who, what, on which record, when and under which request', async () => {
    const before = (await admin.get('/api/v1/audit-log?limit=1')).json().items[0].id as number;
    const member = (
      await adviser.post('/api/v1/members', {
        firstName: 'Mona',
        lastName: 'Leclercq',
        email: 'mona.leclercq@example.org',
        officeId: ids.lille,
      })
    ).json();
    await adviser.patch(`/api/v1/members/${member.id}`, { city: 'Tourcoing' });
    await adviser.post(`/api/v1/members/${member.id}/status`, { status: 'member', reason: 'Contrat signé' });
    const activity = (
      await adviser.post('/api/v1/activities', {
        entityId: ids.scic,
        name: 'Céramique',
        memberIds: [member.id],
      })
    ).json();
    await adviser.patch(`/api/v1/activities/${activity.id}`, { description: 'Tours et émaux' });
    const client = (
      await lea.post('/api/v1/clients', {
        kind: 'company',
        name: 'Faïencerie du Nord',
        siren: luhnComplete('51234567'),
        addressLine: '2 rue de Tournai',
        postalCode: '59200',
        city: 'Tourcoing',
      })
    ).json();
    await admin.patch(`/api/v1/offices/${ids.lille}`, { phone: '+33 3 20 99 99 99' });

    const created = await entriesFor(member.id);
    expect(created.map((e) => e.action)).toEqual(['member.status', 'member.update', 'member.create']);
    for (const e of created)
      expect(e).toMatchObject({
        userId: ids.adviser,
        userName: 'Aurélie Vasseur',
        subjectType: 'member',
        subjectId: member.id,
        requestId: expect.any(String),
        at: expect.any(String),
      });
    expect(new Set(created.map((e) => e.requestId)).size).toBe(3);
    expect(created[2]?.changes).toMatchObject({
      firstName: { from: null, to: 'Mona' },
      email: { from: null, to: 'mona.leclercq@example.org' },
    });
    expect(created[1]?.changes).toEqual({ city: { from: null, to: 'Tourcoing' } });
    expect(created[0]?.changes).toEqual({
      status: { from: 'prospect', to: 'member' },
      reason: 'Contrat signé',
    });

    const onActivity = await entriesFor(activity.id);
    expect(onActivity.map((e) => e.action)).toEqual(['activity.update', 'activity.create']);
    expect(onActivity[0]?.changes).toEqual({ description: { from: '', to: 'Tours et émaux' } });
    expect((await entriesFor(client.id))[0]).toMatchObject({ action: 'client.create', userId: ids.lea });
    expect((await entriesFor(ids.lille))[0]).toMatchObject({
      action: 'office.update',
      userId: ids.admin,
      changes: { phone: { to: '+33 3 20 99 99 99' } },
    });
    // Newest first, nothing else slipped in between.
    const latest: Entry[] = (await admin.get('/api/v1/audit-log?limit=200')).json().items;
    const since = latest.filter((e) => e.id > before);
    expect(since).toHaveLength(7);
    expect(since.map((e) => e.id)).toEqual([...since.map((e) => e.id)].sort((x, y) => y - x));
  });

  it('never writes a NIR, an IBAN or a password in clear', async () => {
    const nir = '2 85 12 59 350 045 85';
    const iban = 'FR76 1027 8022 0000 0202 8340 176';
    const res = await adviser.post('/api/v1/members', {
      firstName: 'Zoé',
      lastName: 'Deschamps',
      email: 'zoe.deschamps@example.org',
      sex: 'F',
      birthDate: '1985-12-02',
      nir,
      iban,
      officeId: ids.lille,
    });
    expect(res.statusCode, res.body).toBe(201);
    const [created] = await entriesFor(res.json().id);
    expect(created?.changes).toMatchObject({
      nir: { from: null, to: '•••' },
      iban: { from: null, to: '•••' },
    });

    await lea.patch(`/api/v1/members/${ids.leaMember}`, { iban: 'FR76 3000 6000 0112 3456 7890 189' });
    const [changed] = await entriesFor(ids.leaMember);
    expect(changed).toMatchObject({ action: 'member.update', userId: ids.lea });
    expect(changed?.changes).toMatchObject({ iban: { from: '•••', to: '•••' } });

    await admin.post('/api/v1/users', {
      name: 'Hugo Lenoir',
      email: 'hugo.lenoir@commune.coop',
      roles: ['accountant'],
      password: 'secret-tres-long-de-hugo',
    });

    const log = await wholeLog();
    for (const secret of [
      nir.replaceAll(' ', ''),
      iban.replaceAll(' ', ''),
      'FR7630006000011234567890189',
      'FR7642559000412102784530170',
      '291045935011281',
      'secret-tres-long-de-hugo',
    ])
      expect(log).not.toContain(secret);
    // Not even sealed: the log is kept longer than the member file and must not carry it.
    expect(log).not.toMatch(/v1\.[A-Za-z0-9+/=]{16}\.[A-Za-z0-9+/=]{16}/);
  });

  it('writes nothing for a refused change', async () => {
    const activityId = (await lea.get('/api/v1/home')).json().activities[0].id;
    const before = await snapshot(t.handle, ['audit_log']);
    const refusals = [
      await lea.patch(`/api/v1/members/${ids.leaMember}`, { lastName: 'Autre' }),
      await lea.put(`/api/v1/activities/${activityId}/fee`, { feeRateBp: 0, reason: 'Gratuit' }),
      await adviser.post('/api/v1/members', {
        firstName: 'A',
        lastName: 'B',
        email: 'lea.martin@example.org',
        officeId: ids.lille,
      }),
      await accountant.patch(`/api/v1/offices/${ids.lille}`, { name: 'Autre' }),
    ];
    expect(refusals.map((r) => r.statusCode)).toEqual([400, 403, 409, 403]);
    expect(await snapshot(t.handle, ['audit_log'])).toBe(before);
  });

  it('filters by record type and author, and pages back in time', async () => {
    const byAdviser: Entry[] = (await admin.get(`/api/v1/audit-log?userId=${ids.adviser}&limit=200`)).json()
      .items;
    expect(byAdviser.length).toBeGreaterThan(0);
    for (const e of byAdviser) expect(e.userId).toBe(ids.adviser);
    const offices: Entry[] = (await admin.get('/api/v1/audit-log?subjectType=office&limit=200')).json().items;
    expect(offices.length).toBeGreaterThanOrEqual(15);
    for (const e of offices) expect(e.subjectType).toBe('office');
    // The seed itself is recorded as the platform acting alone.
    expect(offices.at(-1)).toMatchObject({ action: 'office.create', userId: 'system', userName: null });

    const first = (await admin.get('/api/v1/audit-log?limit=3')).json();
    expect(first.items).toHaveLength(3);
    const second = (await admin.get(`/api/v1/audit-log?limit=3&cursor=${first.nextCursor}`)).json();
    expect(second.items[0].id).toBeLessThan(first.items[2].id);
    const both = (await admin.get('/api/v1/audit-log?limit=6')).json().items;
    expect([...first.items, ...second.items].map((e: Entry) => e.id)).toEqual(both.map((e: Entry) => e.id));
  });

  it('is read by admins only', async () => {
    for (const who of [lea, adviser, accountant]) {
      const res = await who.get('/api/v1/audit-log');
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('resource.not_found');
    }
  });
});
