// Cross-cutting behaviour of the API: sessions, problem+json, isolation between members, personal
// data masking, audit, password reset through the outbox.

import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, type Session, signIn, snapshot, type TestApp } from './testing.ts';

const password = 'commune-demo';
let t: TestApp;
let lea: Session;
let karim: Session;
let adviser: Session;
let lyonAdviser: Session;
let admin: Session;
let leaMemberId: string;
let leaActivityId: string;

beforeAll(async () => {
  t = await createTestApp({ seed: 'demo' });
  [lea, karim, adviser, lyonAdviser, admin] = await Promise.all([
    signIn(t.app, 'lea.martin@example.org', password),
    signIn(t.app, 'karim.benali@example.org', password),
    signIn(t.app, 'conseil.lille@commune.coop', password),
    signIn(t.app, 'conseil.lyon@commune.coop', password),
    signIn(t.app, 'admin@commune.coop', password),
  ]);
  const me = (await lea.get('/api/v1/me')).json();
  leaMemberId = me.memberId;
  const home = (await lea.get('/api/v1/home')).json();
  leaActivityId = home.activities[0].id;
});

afterAll(async () => {
  await t?.close();
});

describe('sessions', () => {
  it('answers 401 problem+json on every operation not marked public, and nothing changes', async () => {
    const doc = (await anonymous(t.app).get('/api/openapi.json')).json();
    const before = await snapshot(t.handle);
    let checked = 0;
    for (const [path, ops] of Object.entries<Record<string, { security?: unknown[] }>>(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (Array.isArray(op.security) && op.security.length === 0) continue;
        const url = path.replace(/\{[^}]+\}/g, () => randomUUID());
        const res = await t.app.inject({
          method: method.toUpperCase() as 'GET',
          url,
          headers: { origin: 'http://commune.test' },
          ...(method === 'get' || method === 'delete' ? {} : { payload: {} }),
        });
        expect(res.statusCode, `${method} ${path}`).toBe(401);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().code).toBe('auth.unauthenticated');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('refuses an unsafe request coming from a foreign origin', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/members/${leaMemberId}`,
      headers: { cookie: lea.cookie, origin: 'https://evil.example' },
      payload: { phone: '0600000000' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('serves the health check and the OpenAPI document without a session', async () => {
    expect((await anonymous(t.app).get('/healthz')).json()).toEqual({ status: 'ok' });
    const doc = (await anonymous(t.app).get('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\.1/);
  });
});

describe('problem+json', () => {
  it('points at the invalid field, in French by default and in English on request', async () => {
    const payload = {
      kind: 'company',
      name: 'Studio Test',
      siren: '123456789',
      addressLine: '1 rue de la Paix',
      postalCode: '59000',
      city: 'Lille',
    };
    const before = await snapshot(t.handle);
    const fr = await lea.post('/api/v1/clients', payload);
    expect(fr.statusCode).toBe(400);
    expect(fr.headers['content-type']).toContain('application/problem+json');
    expect(fr.json().errors).toEqual([
      { pointer: '/siren', code: 'siren.invalid', message: expect.stringMatching(/^SIREN invalide/) },
    ]);
    const en = await lea.post('/api/v1/clients', payload, { 'accept-language': 'en' });
    expect(en.json().errors[0].message).toMatch(/SIREN/);
    expect(en.json().errors[0].message).not.toBe(fr.json().errors[0].message);
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('rejects a NIR whose key is wrong', async () => {
    const before = await snapshot(t.handle);
    const res = await lea.patch(`/api/v1/members/${leaMemberId}`, { nir: '2 91 04 59 350 112 82' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].pointer).toBe('/nir');
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('translates the read-only field refusal like every other message', async () => {
    const before = await snapshot(t.handle);
    const lastName = { lastName: 'Autre' };
    const res = await lea.patch(`/api/v1/members/${leaMemberId}`, lastName);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { pointer: '/lastName', code: 'field.read_only', message: expect.stringMatching(/conseill/) },
    ]);
    const en = await lea.patch(`/api/v1/members/${leaMemberId}`, lastName, { 'accept-language': 'en' });
    expect(en.json().errors[0].message).toMatch(/adviser/);
    expect(await snapshot(t.handle)).toBe(before);
  });
});

describe('isolation between members', () => {
  it("hides another member's activity and profile behind a 404, and changes nothing", async () => {
    const before = await snapshot(t.handle);
    for (const res of [
      await karim.get(`/api/v1/activities/${leaActivityId}`),
      await karim.patch(`/api/v1/activities/${leaActivityId}`, { name: 'Pris' }),
      await karim.get(`/api/v1/members/${leaMemberId}`),
      await karim.patch(`/api/v1/members/${leaMemberId}`, { phone: '0600000000' }),
      await lyonAdviser.get(`/api/v1/members/${leaMemberId}`),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('resource.not_found');
    }
    expect(await snapshot(t.handle)).toBe(before);
  });

  it("lists only the member's own activities", async () => {
    const mine = (await lea.get('/api/v1/activities')).json();
    const theirs = (await karim.get('/api/v1/activities')).json();
    const ids = new Set(mine.items.map((a: { id: string }) => a.id));
    expect(ids.size).toBeGreaterThan(0);
    for (const a of theirs.items) expect(ids.has(a.id)).toBe(false);
  });
});

describe('personal data', () => {
  it('shows NIR and IBAN to the member, masked to the adviser, and stores them sealed', async () => {
    const own = (await lea.get(`/api/v1/members/${leaMemberId}`)).json();
    expect(own.sensitiveVisible).toBe(true);
    expect(own.nir.replaceAll(' ', '')).toMatch(/^\d{15}$/);
    const seen = (await adviser.get(`/api/v1/members/${leaMemberId}`)).json();
    expect(seen.sensitiveVisible).toBe(false);
    expect(seen.nir).toContain('•');
    expect(seen.iban).toContain('•');
    const { rows } = await sql<{ nir_encrypted: string; iban_encrypted: string }>`
      select nir_encrypted, iban_encrypted from members where id = ${leaMemberId}`.execute(t.handle.db);
    const stored = JSON.stringify(rows[0]);
    expect(stored).not.toContain(own.nir.replaceAll(' ', ''));
    expect(stored).not.toContain(own.iban.replaceAll(' ', ''));
  });
});

describe('audit', () => {
  it('records who changed what, with personal data masked', async () => {
    const res = await lea.patch(`/api/v1/members/${leaMemberId}`, { phone: '+33 6 00 00 00 01' });
    expect(res.statusCode).toBe(200);
    const log = (await admin.get(`/api/v1/audit-log?subjectId=${leaMemberId}`)).json();
    const entry = log.items.find((e: { changes: Record<string, unknown> }) => 'phone' in e.changes);
    expect(entry).toBeDefined();
    expect(JSON.stringify(entry.changes)).toContain('+33 6 00 00 00 01');
    // Back-office collections do not exist for a member: 404, like any resource they may not see.
    expect((await lea.get('/api/v1/audit-log')).statusCode).toBe(404);
  });
});

describe('password reset', () => {
  it('sends a link through the outbox and lets the user choose a new password', async () => {
    const email = 'karim.benali@example.org';
    const ask = await t.app.inject({
      method: 'POST',
      url: '/api/auth/request-password-reset',
      headers: { origin: 'http://commune.test' },
      payload: { email, redirectTo: '/reinitialiser' },
    });
    expect(ask.statusCode).toBe(200);
    await t.deliver();
    const mail = t.mailbox.findLast((m) => m.to === email);
    expect(mail).toBeDefined();
    const token = /reset-password\/([\w-]+)/.exec(mail?.raw.replace(/=\r?\n/g, '') ?? '')?.[1];
    expect(token).toBeTruthy();
    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/auth/reset-password',
      headers: { origin: 'http://commune.test' },
      payload: { token, newPassword: 'un-nouveau-mot-de-passe' },
    });
    expect(reset.statusCode).toBe(200);
    await expect(signIn(t.app, email, password)).rejects.toThrow();
    await signIn(t.app, email, 'un-nouveau-mot-de-passe');
  });
});
