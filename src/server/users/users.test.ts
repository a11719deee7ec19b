// Accounts and roles, managed by admins; sign-in limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, signIn, snapshot, type TestApp, testUrl } from '../testing.ts';

let t: TestApp;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp({ seed: 'demo', signInLimit: { window: 60, max: 3 } });
  admin = await signIn(t.app, 'admin@commune.coop', 'commune-demo');
});

afterAll(async () => {
  await t?.close();
});

describe('users', () => {
  it('opens an adviser account for chosen offices, with an invitation e-mail', async () => {
    const offices: { id: string; code: string }[] = (await admin.get('/api/v1/offices')).json().items;
    const amiens = offices.find((o) => o.code === 'amiens')?.id;
    const res = await admin.post('/api/v1/users', {
      name: 'Yanis Boucher',
      email: 'Yanis.Boucher@commune.coop',
      roles: ['adviser'],
      officeIds: [amiens],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      email: 'yanis.boucher@commune.coop',
      roles: ['adviser'],
      officeIds: [amiens],
    });
    await t.deliver();
    expect(t.mailbox.find((m) => m.to === 'yanis.boucher@commune.coop')?.raw).toContain('reset-password');
    const taken = await admin.post('/api/v1/users', { name: 'Doublon', email: 'yanis.boucher@commune.coop' });
    expect(taken.statusCode).toBe(409);
  });

  it('keeps at least one admin', async () => {
    const me = (await admin.get('/api/v1/me')).json();
    const before = await snapshot(t.handle);
    const res = await admin.patch(`/api/v1/users/${me.id}`, { roles: ['accountant'] });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('user.last_admin');
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('does not let anyone sign up on their own', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up/email',
      headers: { origin: testUrl },
      payload: { email: 'intrus@example.org', password: 'un-mot-de-passe-long', name: 'Intrus' },
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });

  it('limits sign-in attempts and says so in problem+json', async () => {
    const attempt = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in/email',
        headers: { origin: testUrl, 'x-commune-client-ip': '198.51.100.7' },
        payload: { email: 'karim.benali@example.org', password: 'mauvais-mot-de-passe' },
      });
    // The limit is 3 requests a minute per address: wrong passwords first, then a refusal.
    expect((await attempt()).statusCode).toBe(401);
    expect((await attempt()).statusCode).toBe(401);
    let limited = await attempt();
    for (let i = 0; i < 2 && limited.statusCode !== 429; i++) limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json().code).toBe('auth.rate_limited');
  });
});
