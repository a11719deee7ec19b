// The HTTP layer every module shares: sessions and origins, problem+json answers in the reader's
// language, and paginated lists.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anonymous,
  createTestApp,
  type Session,
  signInDemo,
  snapshot,
  type TestApp,
  testUrl,
} from '../testing.ts';

let t: TestApp;
let lea: Session;
let adviser: Session;
let admin: Session;
let leaMemberId: string;

type Operation = { security?: unknown[]; tags?: string[]; responses?: Record<string, unknown> };
let operations: { method: string; path: string; op: Operation }[];

beforeAll(async () => {
  t = await createTestApp({ seed: 'demo' });
  [lea, adviser, admin] = await signInDemo(t.app, 'lea', 'adviser', 'admin');
  leaMemberId = (await lea.get('/api/v1/me')).json().memberId;
  const doc = (await anonymous(t.app).get('/api/openapi.json')).json();
  operations = Object.entries<Record<string, Operation>>(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method, path, op })),
  );
});

afterAll(async () => {
  await t?.close();
});

const isPublic = (op: Operation) => Array.isArray(op.security) && op.security.length === 0;
const withIds = (path: string) => path.replace(/\{[^}]+\}/g, () => randomUUID());
const expectProblem = (res: { headers: Record<string, unknown>; json: () => unknown }, status: number) => {
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  const body = res.json() as { status: number; type: string; title: string; detail: string };
  expect(body.status).toBe(status);
  expect(body.type).toMatch(/^https:\/\//);
  expect(body.title).toBeTruthy();
  expect(body.detail).toBeTruthy();
  return body;
};

describe('sessions', () => {
  it('answers 401 problem+json on every operation not marked public, and nothing changes', async () => {
    const before = await snapshot(t.handle);
    const private_ = operations.filter((o) => !isPublic(o.op));
    expect(private_.length).toBeGreaterThan(40);
    for (const { method, path } of private_) {
      const res = await t.app.inject({
        method: method.toUpperCase() as 'GET',
        url: withIds(path),
        headers: { origin: testUrl },
        ...(method === 'get' || method === 'delete' ? {} : { payload: {} }),
      });
      expect(res.statusCode, `${method} ${path}`).toBe(401);
      expect(expectProblem(res, 401)).toMatchObject({ code: 'auth.unauthenticated' });
    }
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('serves the public operations without a session', async () => {
    const public_ = operations.filter((o) => isPublic(o.op));
    expect(public_.map((o) => o.path)).toContain('/healthz');
    for (const { method, path } of public_) {
      const res = await t.app.inject({
        method: method.toUpperCase() as 'GET',
        url: withIds(path),
        ...(method === 'get' ? {} : { payload: {} }),
      });
      expect(res.statusCode, `${method} ${path}`).not.toBe(401);
    }
    expect((await anonymous(t.app).get('/healthz')).json()).toEqual({ status: 'ok' });
  });

  it('describes every operation in OpenAPI 3.1, with a tag and its answers', async () => {
    const doc = (await anonymous(t.app).get('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\.1/);
    expect(doc.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie' });
    for (const { method, path, op } of operations) {
      expect(op.tags?.length, `${method} ${path}`).toBeGreaterThan(0);
      expect(Object.keys(op.responses ?? {}).length, `${method} ${path}`).toBeGreaterThan(0);
    }
    const docs = await anonymous(t.app).get('/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('treats a forged session cookie as no session', async () => {
    const forged = { cookie: 'better-auth.session_token=forged.c2lnbmF0dXJl' };
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: forged });
    expect(me.statusCode).toBe(401);
    const before = await snapshot(t.handle);
    const write = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/members/${leaMemberId}`,
      headers: { ...forged, origin: testUrl },
      payload: { phone: '0600000000' },
    });
    expect(write.statusCode).toBe(401);
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('refuses a change coming from a foreign origin, even with a valid session, and changes nothing', async () => {
    const before = await snapshot(t.handle);
    const foreign = (origin: string, method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string) =>
      t.app.inject({
        method,
        url,
        headers: { cookie: adviser.cookie, origin },
        ...(method === 'DELETE' ? {} : { payload: { phone: '0600000000', name: 'Pris' } }),
      });
    for (const origin of ['https://evil.example', 'null', 'http://commune.test.evil.example']) {
      for (const [method, url] of [
        ['PATCH', `/api/v1/members/${leaMemberId}`],
        ['POST', '/api/v1/clients'],
        ['PUT', `/api/v1/activities/${randomUUID()}/fee`],
        ['DELETE', `/api/v1/activities/${randomUUID()}/members/${leaMemberId}`],
      ] as const) {
        const res = await foreign(origin, method, url);
        expect(res.statusCode, `${origin} ${method} ${url}`).toBe(403);
        expect(expectProblem(res, 403)).toMatchObject({ code: 'auth.invalid_origin' });
      }
    }
    expect(await snapshot(t.handle)).toBe(before);
    // Reading is harmless from anywhere; the same change from the app's own origin goes through.
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/v1/members/${leaMemberId}`,
      headers: { cookie: adviser.cookie, origin: 'https://evil.example' },
    });
    expect(read.statusCode).toBe(200);
    const own = await adviser.patch(`/api/v1/members/${leaMemberId}`, { phone: '+33 6 12 48 73 05' });
    expect(own.statusCode).toBe(200);
  });
});

describe('problem+json', () => {
  const badClient = {
    kind: 'company',
    name: 'Studio Test',
    siren: '123456789',
    addressLine: '1 rue de la Paix',
    postalCode: '59000',
    city: 'Lille',
  };

  it('points at the invalid field, in French by default and in English on request', async () => {
    const before = await snapshot(t.handle);
    const fr = await lea.post('/api/v1/clients', badClient);
    expect(fr.statusCode).toBe(400);
    expect(expectProblem(fr, 400)).toMatchObject({
      code: 'validation.failed',
      title: 'Bad Request',
      detail: 'Certaines informations sont invalides.',
      instance: '/api/v1/clients',
    });
    expect(fr.json().errors).toEqual([
      { pointer: '/siren', code: 'siren.invalid', message: 'SIREN invalide (9 chiffres, clé de Luhn).' },
    ]);
    for (const language of ['en', 'en-GB,en;q=0.9,fr;q=0.8']) {
      const en = await lea.post('/api/v1/clients', badClient, { 'accept-language': language });
      expect(en.json().detail).toBe('Some information is invalid.');
      expect(en.json().errors[0].message).toBe('Invalid SIREN (9 digits, Luhn key).');
    }
    // A language the app does not speak falls back to French.
    const de = await lea.post('/api/v1/clients', badClient, { 'accept-language': 'de-DE' });
    expect(de.json().errors[0].message).toMatch(/^SIREN invalide/);
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('reports every missing field as required, and malformed values by their kind', async () => {
    const res = await lea.post('/api/v1/clients', { kind: 'company', email: 'pas-un-email' });
    expect(res.statusCode).toBe(400);
    const byPointer = Object.fromEntries(
      res.json().errors.map((e: { pointer: string; code: string; message: string }) => [e.pointer, e]),
    );
    for (const field of ['/name', '/addressLine', '/postalCode', '/city'])
      expect(byPointer[field], field).toMatchObject({
        code: 'required',
        message: 'Ce champ est obligatoire.',
      });
    expect(byPointer['/email']).toMatchObject({ code: 'email.invalid', message: 'Adresse e-mail invalide.' });
    const en = await lea.post('/api/v1/clients', { kind: 'company' }, { 'accept-language': 'en' });
    expect(en.json().errors.find((e: { pointer: string }) => e.pointer === '/name').message).toBe(
      'This field is required.',
    );
  });

  it('points into the query string and the path', async () => {
    const limit = await adviser.get('/api/v1/members?limit=0');
    expect(limit.statusCode).toBe(400);
    expect(limit.json().errors[0].pointer).toBe('/querystring/limit');
    const id = await adviser.get('/api/v1/members/pas-un-uuid');
    expect(id.statusCode).toBe(400);
    expect(id.json().errors[0].pointer).toBe('/params/id');
  });

  it('answers the refusals of the HTTP layer itself in problem+json', async () => {
    const raw = (contentType: string, payload: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/clients',
        headers: { cookie: lea.cookie, origin: testUrl, 'content-type': contentType },
        payload,
      });
    const malformed = await raw('application/json', '{"kind": "company",');
    expect(malformed.statusCode).toBe(400);
    expect(expectProblem(malformed, 400)).toMatchObject({ code: 'request.malformed' });
    const media = await raw('text/csv', 'kind,name');
    expect(media.statusCode).toBe(415);
    expect(expectProblem(media, 415)).toMatchObject({ code: 'request.unsupported_media_type' });

    const large = await lea.post('/api/v1/clients', { ...badClient, notes: 'x'.repeat(1_100_000) });
    expect(large.statusCode).toBe(413);
    expect(expectProblem(large, 413)).toMatchObject({ code: 'request.too_large' });

    for (const url of ['/api/v1/nothing-here', '/api/nothing-here', '/nothing-here']) {
      const missing = await lea.get(url, { 'accept-language': 'en' });
      expect(missing.statusCode, url).toBe(404);
      expect(expectProblem(missing, 404)).toMatchObject({ code: 'resource.not_found', detail: 'Not found.' });
    }
  });

  it('refuses a NUL character anywhere in a request before it reaches the database', async () => {
    const before = await snapshot(t.handle);
    const body = await lea.patch(`/api/v1/members/${leaMemberId}`, {
      city: 'Li\u0000lle',
      trades: ['a', 'b\u0000'],
    });
    expect(body.statusCode).toBe(400);
    expect(body.json().errors).toEqual([
      { pointer: '/city', code: 'text.nul', message: 'Caractère nul (U+0000) non admis.' },
      { pointer: '/trades/1', code: 'text.nul', message: 'Caractère nul (U+0000) non admis.' },
    ]);
    const query = await admin.get('/api/v1/members?q=a%00b', { 'accept-language': 'en' });
    expect(query.statusCode).toBe(400);
    expect(query.json().errors).toEqual([
      { pointer: '/querystring/q', code: 'text.nul', message: 'The null character (U+0000) is not allowed.' },
    ]);
    expect((await admin.get('/api/v1/users/a%00b')).json().errors[0].pointer).toBe('/params/id');
    const signInNul = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      headers: { origin: testUrl },
      payload: { email: 'lea.martin@example.org\u0000', password: 'commune-demo' },
    });
    expect(signInNul.statusCode).toBe(400);
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('gives each business refusal its status and a translated detail', async () => {
    const offices: { id: string; code: string }[] = (await adviser.get('/api/v1/offices')).json().items;
    const officeId = offices.find((o) => o.code === 'lille')?.id;
    const before = await snapshot(t.handle);
    const taken = await adviser.post(
      '/api/v1/members',
      { firstName: 'Léa', lastName: 'Martin', email: 'LEA.MARTIN@example.org', officeId },
      { 'accept-language': 'en' },
    );
    expect(taken.statusCode).toBe(409);
    expect(expectProblem(taken, 409)).toMatchObject({
      code: 'member.email_taken',
      title: 'Conflict',
      detail: 'A member already uses this e-mail.',
    });
    const gone = await adviser.get(`/api/v1/members/${randomUUID()}`);
    expect(gone.statusCode).toBe(404);
    expect(expectProblem(gone, 404)).toMatchObject({ code: 'resource.not_found', detail: 'Introuvable.' });
    expect(await snapshot(t.handle)).toBe(before);
  });
});

describe('lists', () => {
  type Page = { items: { id: string; lastName: string }[]; total: number; nextCursor: string | null };

  it('walks every item once through the cursor, in the same order as one big page', async () => {
    const whole: Page = (await admin.get('/api/v1/members?limit=200&sort=lastName')).json();
    expect(whole.nextCursor).toBeNull();
    expect(whole.items).toHaveLength(whole.total);
    const walked: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const page: Page = (
        await admin.get(`/api/v1/members?limit=7&sort=lastName${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      expect(page.total).toBe(whole.total);
      expect(page.items.length).toBeLessThanOrEqual(7);
      walked.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor;
      pages++;
    }
    expect(pages).toBe(Math.ceil(whole.total / 7));
    expect(walked).toEqual(whole.items.map((m) => m.id));
  });

  it('sorts both ways and filters', async () => {
    const asc: Page = (await admin.get('/api/v1/members?limit=200&sort=lastName')).json();
    const desc: Page = (await admin.get('/api/v1/members?limit=200&sort=-lastName')).json();
    const names = asc.items.map((m) => m.lastName);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'fr')));
    expect(desc.items.map((m) => m.lastName)).toEqual([...names].reverse());
    const prospects = (await admin.get('/api/v1/members?status=prospect&limit=200')).json();
    expect(prospects.total).toBeGreaterThan(0);
    expect(prospects.total).toBeLessThan(asc.total);
    for (const m of prospects.items) expect(m.status).toBe('prospect');
  });

  it('refuses a bad cursor, limit or sort with a pointer to the parameter', async () => {
    const before = await snapshot(t.handle);
    for (const [query, pointer] of [
      ['cursor=bm90LWEtbnVtYmVy', '/querystring/cursor'],
      ['cursor=LTU', '/querystring/cursor'],
      ['limit=201', '/querystring/limit'],
      ['limit=deux', '/querystring/limit'],
      ['sort=password', '/querystring/sort'],
    ] as const) {
      const res = await admin.get(`/api/v1/members?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().errors[0].pointer, query).toBe(pointer);
    }
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('searches what people type, wildcards included, literally', async () => {
    const all = (await admin.get('/api/v1/members?limit=200')).json().total;
    expect((await admin.get('/api/v1/members?q=%25')).json().total).toBe(0);
    expect((await admin.get('/api/v1/members?q=_')).json().total).toBe(0);
    expect((await admin.get('/api/v1/members?q=%20%20')).json().total).toBe(all);
    const found = (await admin.get('/api/v1/members?q=MARTIN')).json().items;
    expect(found.map((m: { email: string }) => m.email)).toContain('lea.martin@example.org');
  });
});
