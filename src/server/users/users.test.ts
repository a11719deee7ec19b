// Accounts and roles: opened by admins (with an invitation to choose a password), who is signed in
// (/me), role and office changes taking effect at once, and at least one admin kept.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  choosePassword,
  createTestApp,
  passwordLink,
  type Session,
  signIn,
  signInDemo,
  snapshot,
  type TestApp,
} from '../testing.ts';

let t: TestApp;
let admin: Session;
let adviser: Session;
let lea: Session;
let office: (code: string) => string;

beforeAll(async () => {
  t = await createTestApp({ seed: 'demo' });
  [admin, adviser, lea] = await signInDemo(t.app, 'admin', 'adviser', 'lea');
  const offices: { id: string; code: string }[] = (await admin.get('/api/v1/offices')).json().items;
  office = (code) => offices.find((o) => o.code === code)?.id ?? '';
});

afterAll(async () => {
  await t?.close();
});

type Member = { email: string; officeName: string };

describe('opening accounts', () => {
  it('opens an adviser account for chosen offices; the invitation lets them in, to those offices only', async () => {
    const res = await admin.post('/api/v1/users', {
      name: 'Yanis Boucher',
      email: 'Yanis.Boucher@commune.coop',
      roles: ['adviser'],
      officeIds: [office('amiens')],
    });
    expect(res.statusCode, res.body).toBe(201);
    const user = res.json();
    expect(user).toEqual({
      id: expect.any(String),
      name: 'Yanis Boucher',
      email: 'yanis.boucher@commune.coop',
      roles: ['adviser'],
      officeIds: [office('amiens')],
      memberId: null,
    });
    // No password yet: it cannot sign in until the invitation is used.
    await expect(signIn(t.app, 'yanis.boucher@commune.coop', 'un-mot-de-passe-devine')).rejects.toThrow();
    await t.deliver();
    const link = passwordLink(t, 'yanis.boucher@commune.coop');
    expect(link).not.toBeNull();
    expect((await choosePassword(t.app, link as URL, 'mot-de-passe-de-yanis')).statusCode).toBe(200);
    const yanis = await signIn(t.app, 'yanis.boucher@commune.coop', 'mot-de-passe-de-yanis');
    expect((await yanis.get('/api/v1/me')).json()).toEqual(user);
    const members: Member[] = (await yanis.get('/api/v1/members?limit=200')).json().items;
    expect(members.length).toBeGreaterThan(0);
    for (const m of members) expect(m.officeName).toBe('Commune Amiens');
  });

  it('opens an account with a password at once, without an e-mail', async () => {
    const sent = t.mailbox.length;
    const res = await admin.post('/api/v1/users', {
      name: 'Paul Renard',
      email: 'paul.renard@commune.coop',
      roles: ['accountant', 'payroll'],
      password: 'un-mot-de-passe-solide',
    });
    expect(res.statusCode, res.body).toBe(201);
    await t.deliver();
    expect(t.mailbox.length).toBe(sent);
    const paul = await signIn(t.app, 'paul.renard@commune.coop', 'un-mot-de-passe-solide');
    expect((await paul.get('/api/v1/me')).json().roles.sort()).toEqual(['accountant', 'payroll']);
  });

  it('links an account to a member file that has none', async () => {
    const m = (
      await adviser.post('/api/v1/members', {
        firstName: 'Inès',
        lastName: 'Carpentier',
        email: 'ines.carpentier@example.org',
        officeId: office('lille'),
      })
    ).json();
    const res = await admin.post('/api/v1/users', {
      name: 'Inès Carpentier',
      email: 'ines.carpentier@example.org',
      roles: ['member'],
      memberId: m.id,
      password: 'le-mot-de-passe-d-ines',
    });
    expect(res.json()).toMatchObject({ roles: ['member'], memberId: m.id });
    expect((await adviser.get(`/api/v1/members/${m.id}`)).json().hasAccount).toBe(true);
    const ines = await signIn(t.app, 'ines.carpentier@example.org', 'le-mot-de-passe-d-ines');
    expect((await ines.get(`/api/v1/members/${m.id}`)).json().sensitiveVisible).toBe(true);
  });

  it('gives a role or an office named twice once', async () => {
    const res = await admin.post('/api/v1/users', {
      name: 'Zoé Marchal',
      email: 'zoe.marchal@commune.coop',
      roles: ['adviser', 'adviser'],
      officeIds: [office('nantes'), office('nantes')],
      password: 'mot-de-passe-de-zoe',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ roles: ['adviser'], officeIds: [office('nantes')] });
    const again = await admin.patch(`/api/v1/users/${res.json().id}`, {
      roles: ['adviser', 'payroll', 'payroll'],
      officeIds: [office('rennes'), office('rennes')],
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().roles.sort()).toEqual(['adviser', 'payroll']);
    expect(again.json().officeIds).toEqual([office('rennes')]);
  });

  it('refuses a taken e-mail, an unknown office, a bad role, a short password, a member with an account', async () => {
    const leaMemberId = (await lea.get('/api/v1/me')).json().memberId;
    const before = await snapshot(t.handle);
    const taken = await admin.post('/api/v1/users', { name: 'Doublon', email: 'ADMIN@commune.coop' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'user.email_taken', errors: [{ pointer: '/email' }] });
    for (const [body, pointer, code] of [
      [{ officeIds: [randomUUID()] }, '/officeIds/0', 'office.unknown'],
      [{ roles: ['superuser'] }, '/roles/0', undefined],
      [{ password: 'court' }, '/password', undefined],
      [{ email: 'pas-un-email' }, '/email', 'email.invalid'],
      [{ memberId: leaMemberId }, '/memberId', 'member.unknown'],
    ] as const) {
      const res = await admin.post('/api/v1/users', {
        name: 'Refusé',
        email: 'refuse@commune.coop',
        ...body,
      });
      expect(res.statusCode, pointer).toBe(400);
      expect(res.json().errors[0], pointer).toMatchObject({ pointer, ...(code ? { code } : {}) });
    }
    expect(await snapshot(t.handle)).toBe(before);
  });
});

describe('changing accounts', () => {
  it('changes roles and offices, effective on the next request without signing in again', async () => {
    const id = (await adviser.get('/api/v1/me')).json().id;
    const emails = async () =>
      (await adviser.get('/api/v1/members?limit=200')).json().items.map((m: Member) => m.email);
    expect(await emails()).not.toContain('karim.benali@example.org');
    const res = await admin.patch(`/api/v1/users/${id}`, {
      officeIds: [office('lille'), office('arras'), office('bethune'), office('paris')],
    });
    expect(res.json().officeIds).toHaveLength(4);
    expect(await emails()).toContain('karim.benali@example.org');
    await admin.patch(`/api/v1/users/${id}`, {
      officeIds: [office('lille'), office('arras'), office('bethune')],
    });
    expect(await emails()).not.toContain('karim.benali@example.org');
    // Losing the adviser role closes the members list.
    await admin.patch(`/api/v1/users/${id}`, { roles: [] });
    expect((await adviser.get('/api/v1/members')).statusCode).toBe(404);
    const back = await admin.patch(`/api/v1/users/${id}`, {
      roles: ['adviser'],
      name: 'Aurélie Vasseur-Lemoine',
    });
    expect(back.json()).toMatchObject({ roles: ['adviser'], name: 'Aurélie Vasseur-Lemoine' });
    expect((await adviser.get('/api/v1/members')).statusCode).toBe(200);
  });

  it('keeps at least one admin', async () => {
    const me = (await admin.get('/api/v1/me')).json();
    const before = await snapshot(t.handle);
    for (const roles of [['accountant'], []]) {
      const res = await admin.patch(`/api/v1/users/${me.id}`, { roles });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({
        code: 'user.last_admin',
        detail: 'Il doit rester au moins un administrateur.',
      });
    }
    expect(await snapshot(t.handle)).toBe(before);
    // With a second admin, the first may step down; the second then is the last one.
    const second = (
      await admin.post('/api/v1/users', {
        name: 'Direction adjointe',
        email: 'direction.adjointe@commune.coop',
        roles: ['admin'],
        password: 'mot-de-passe-adjoint',
      })
    ).json();
    expect((await admin.patch(`/api/v1/users/${me.id}`, { roles: ['accountant'] })).json().roles).toEqual([
      'accountant',
    ]);
    const deputy = await signIn(t.app, 'direction.adjointe@commune.coop', 'mot-de-passe-adjoint');
    expect((await deputy.patch(`/api/v1/users/${second.id}`, { roles: ['payroll'] })).statusCode).toBe(422);
    expect((await deputy.patch(`/api/v1/users/${me.id}`, { roles: ['admin'] })).json().roles).toEqual([
      'admin',
    ]);
  });

  it('is for admins: others see their own account only, and may not change it', async () => {
    const me = (await lea.get('/api/v1/me')).json();
    const adminId = (await admin.get('/api/v1/me')).json().id;
    const before = await snapshot(t.handle);
    expect((await lea.get(`/api/v1/users/${me.id}`)).json()).toEqual(me);
    expect((await lea.get(`/api/v1/users/${adminId}`)).statusCode).toBe(404);
    expect((await lea.get('/api/v1/users')).statusCode).toBe(404);
    expect((await adviser.get('/api/v1/users')).statusCode).toBe(404);
    const promote = await lea.patch(`/api/v1/users/${me.id}`, { roles: ['member', 'admin'] });
    expect(promote.statusCode).toBe(403);
    expect((await lea.patch(`/api/v1/users/${adminId}`, { roles: [] })).statusCode).toBe(404);
    expect(
      (await lea.post('/api/v1/users', { name: 'Moi', email: 'moi@example.org', roles: ['admin'] }))
        .statusCode,
    ).toBe(404);
    expect(await snapshot(t.handle)).toBe(before);
    expect((await lea.get('/api/v1/me')).json().roles).toEqual(['member']);
  });
});

describe('who is signed in', () => {
  it('answers /me with roles, offices and member file for each kind of account', async () => {
    const [payroll, karim] = await signInDemo(t.app, 'payroll', 'karim');
    expect((await lea.get('/api/v1/me')).json()).toMatchObject({
      email: 'lea.martin@example.org',
      name: 'Léa Martin',
      roles: ['member'],
      officeIds: [],
      memberId: expect.any(String),
    });
    const mine = (await adviser.get('/api/v1/me')).json();
    expect(mine.roles).toEqual(['adviser']);
    expect(mine.officeIds.sort()).toEqual([office('lille'), office('arras'), office('bethune')].sort());
    expect(mine.memberId).toBeNull();
    expect((await payroll.get('/api/v1/me')).json()).toMatchObject({ roles: ['payroll'], memberId: null });
    const karimMe = (await karim.get('/api/v1/me')).json();
    expect(karimMe.memberId).not.toBe((await lea.get('/api/v1/me')).json().memberId);
  });

  it('lists accounts for admins, searchable and sorted', async () => {
    const all = (await admin.get('/api/v1/users?limit=200&sort=email')).json();
    expect(all.total).toBe(all.items.length);
    const emails = all.items.map((u: { email: string }) => u.email);
    expect(emails).toContain('lea.martin@example.org');
    const found = (await admin.get('/api/v1/users?q=CONSEIL.L')).json().items;
    expect(found.map((u: { email: string }) => u.email).sort()).toEqual([
      'conseil.lille@commune.coop',
      'conseil.lyon@commune.coop',
    ]);
    const lea_ = all.items.find((u: { email: string }) => u.email === 'lea.martin@example.org');
    expect(lea_).toMatchObject({ roles: ['member'], memberId: expect.any(String), officeIds: [] });
  });
});
