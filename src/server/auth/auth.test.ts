// Signing in and out, password reset by e-mail, no self-service sign-up, and the sign-in limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  mailText,
  passwordLink,
  sessionFor,
  signIn,
  snapshot,
  type TestApp,
  testUrl,
} from '../testing.ts';
import { createUser } from '../users/service.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ seed: 'demo' });
});

afterAll(async () => {
  await t?.close();
});

const auth = (path: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: payload === undefined ? 'GET' : 'POST',
    url: `/api/auth/${path}`,
    headers: { origin: testUrl, ...headers },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

const cookiesOf = (res: { headers: Record<string, unknown> }): string[] => {
  const raw = res.headers['set-cookie'];
  return Array.isArray(raw) ? raw : raw ? [String(raw)] : [];
};

describe('signing in and out', () => {
  it('opens a session in an httpOnly cookie and closes it on sign-out', async () => {
    const res = await auth('sign-in/email', { email: 'lea.martin@example.org', password: 'commune-demo' });
    expect(res.statusCode).toBe(200);
    const session = cookiesOf(res).find((c) => c.startsWith('better-auth.session_token='));
    expect(session).toBeDefined();
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=Lax/i);
    expect(session).toMatch(/;\s*Path=\//i);
    const lea = sessionFor(t.app, String(session).split(';')[0] as string);
    const me = await lea.get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: 'lea.martin@example.org', roles: ['member'] });
    const current = await t.app.inject({
      method: 'GET',
      url: '/api/auth/get-session',
      headers: { cookie: lea.cookie },
    });
    expect(current.json().user.email).toBe('lea.martin@example.org');

    const out = await auth('sign-out', {}, { cookie: lea.cookie });
    expect(out.statusCode).toBe(200);
    expect((await lea.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('refuses a wrong password or an unknown e-mail alike, in the reader’s language, without a cookie', async () => {
    const wrong = await auth('sign-in/email', { email: 'lea.martin@example.org', password: 'pas-le-bon' });
    const unknown = await auth('sign-in/email', { email: 'personne@example.org', password: 'commune-demo' });
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({
        status: 401,
        code: 'auth.invalid_credentials',
        detail: 'E-mail ou mot de passe incorrect.',
      });
      expect(cookiesOf(res).some((c) => /session_token=[^;]/.test(c))).toBe(false);
    }
    const en = await auth(
      'sign-in/email',
      { email: 'lea.martin@example.org', password: 'pas-le-bon' },
      { 'accept-language': 'en' },
    );
    expect(en.json().detail).toBe('Wrong e-mail or password.');
  });

  it('refuses a sign-in posted from a foreign origin', async () => {
    const res = await auth(
      'sign-in/email',
      { email: 'lea.martin@example.org', password: 'commune-demo' },
      { origin: 'https://evil.example' },
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.invalid_origin');
    expect(cookiesOf(res).some((c) => /session_token=[^;]/.test(c))).toBe(false);
  });

  it('does not let anyone sign up on their own', async () => {
    const before = await snapshot(t.handle);
    const res = await auth('sign-up/email', {
      email: 'intrus@example.org',
      password: 'un-mot-de-passe-long',
      name: 'Intrus',
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(await snapshot(t.handle)).toBe(before);
    await expect(signIn(t.app, 'intrus@example.org', 'un-mot-de-passe-long')).rejects.toThrow(/401/);
  });
});

describe('password reset', () => {
  it('e-mails a link through the outbox, sets the new password, and ends the old sessions', async () => {
    const email = 'karim.benali@example.org';
    const karim = await signIn(t.app, email, 'commune-demo');
    // The demo's own e-mails (the quotes it sent…) leave first.
    await t.deliver();
    const sentBefore = t.mailbox.length;
    const ask = await auth('request-password-reset', { email, redirectTo: `${testUrl}/reset-password` });
    expect(ask.statusCode).toBe(200);
    // Queued in the outbox, sent by the worker.
    expect(t.mailbox.length).toBe(sentBefore);
    expect(await t.deliver()).toBe(1);
    const mail = t.mailbox.at(-1);
    expect(mail?.to).toBe(email);
    expect(mail?.raw).toMatch(/^Subject: .*Commune/m);
    expect(mailText(mail?.raw ?? '')).toContain('Bonjour Karim Benali,');
    const link = passwordLink(t, email);
    expect(link?.origin).toBe(testUrl);

    // The link leads to the app's page with the token.
    const opened = await t.app.inject({ method: 'GET', url: `${link?.pathname}${link?.search}` });
    expect(opened.statusCode).toBe(302);
    const landing = new URL(String(opened.headers.location));
    expect(`${landing.origin}${landing.pathname}`).toBe(`${testUrl}/reset-password`);
    const token = landing.searchParams.get('token');
    expect(token).toBeTruthy();

    const tooShort = await auth('reset-password', { token, newPassword: 'court' });
    expect(tooShort.statusCode).toBe(400);
    const reset = await auth('reset-password', { token, newPassword: 'un-nouveau-mot-de-passe' });
    expect(reset.statusCode).toBe(200);
    expect((await karim.get('/api/v1/me')).statusCode).toBe(401);
    await expect(signIn(t.app, email, 'commune-demo')).rejects.toThrow(/401/);
    const again = await signIn(t.app, email, 'un-nouveau-mot-de-passe');
    expect((await again.get('/api/v1/me')).json().email).toBe(email);

    // A token serves once.
    const reused = await auth('reset-password', { token, newPassword: 'encore-un-autre-mot' });
    expect(reused.statusCode).toBe(400);
    expect(reused.headers['content-type']).toContain('application/problem+json');
    await signIn(t.app, email, 'un-nouveau-mot-de-passe');
  });

  it('answers the same for an unknown address, and sends nothing', async () => {
    const before = await snapshot(t.handle, ['outbox', 'user', 'account']);
    const ask = await auth('request-password-reset', {
      email: 'inconnu@example.org',
      redirectTo: `${testUrl}/reset-password`,
    });
    expect(ask.statusCode).toBe(200);
    expect(await snapshot(t.handle, ['outbox', 'user', 'account'])).toBe(before);
  });

  it('refuses a made-up token', async () => {
    const before = await snapshot(t.handle);
    const res = await auth('reset-password', { token: 'invente', newPassword: 'un-mot-de-passe-long' });
    expect(res.statusCode).toBe(400);
    expect(await snapshot(t.handle)).toBe(before);
  });
});

describe('sign-in limit', () => {
  it('refuses further attempts from an address past the limit, whatever address header it sends', async () => {
    const limited = await createTestApp({ seed: 'none', signInLimit: { window: 60, max: 3 } });
    try {
      await createUser(limited.system, {
        name: 'Camille Essai',
        email: 'camille@example.org',
        roles: ['admin'],
        officeIds: [],
        password: 'le-bon-mot-de-passe',
      });
      const attempt = (password: string, ip: string) =>
        limited.app.inject({
          method: 'POST',
          url: '/api/auth/sign-in/email',
          // The app takes the socket address; a header naming another one changes nothing.
          headers: { origin: testUrl, 'x-commune-client-ip': ip, 'x-forwarded-for': ip },
          payload: { email: 'camille@example.org', password },
        });
      const statuses = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await attempt('mauvais-mot-de-passe', `198.51.100.${i}`)).statusCode);
      expect(statuses).toEqual([401, 401, 401]);
      const refused = await attempt('mauvais-mot-de-passe', '203.0.113.9');
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json()).toMatchObject({
        code: 'auth.rate_limited',
        detail: 'Trop de tentatives. Réessayez dans une minute.',
      });
      // Even the right password waits: guessing stops paying off.
      const right = await attempt('le-bon-mot-de-passe', '203.0.113.10');
      expect(right.statusCode).toBe(429);
      expect(cookiesOf(right).some((c) => /session_token=[^;]/.test(c))).toBe(false);
    } finally {
      await limited.close();
    }
  });
});
