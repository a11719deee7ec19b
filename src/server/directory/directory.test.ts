// The directory through the API: full-text search (French stemming, accents folded, ranked, filtered,
// paged) on the demo profiles; nothing public without consent and a withdrawal that takes effect at
// once; networks; clients' requests fanned out to members without exposing their e-mail, answered by
// a relayed message or a draft quote; rate limits and validation of the public operations.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { createFileMailer } from '../mail/mailer.ts';
import {
  anonymous,
  createTestApp,
  fixedNow,
  mailText,
  type Session,
  signInDemo,
  snapshot,
  type TestApp,
  testSecrets,
  testUrl,
} from '../testing.ts';

let t: TestApp;
let anon: Session;
let lea: Session;
let karim: Session;
let chloe: Session;
let adviser: Session;
let lyonAdviser: Session;
let admin: Session;
const ids = new Map<string, string>();
let lilleOffice: string;

const directoryTables = [
  'directory_profiles',
  'directory_consents',
  'directory_networks',
  'directory_network_members',
  'directory_requests',
  'directory_request_recipients',
  'directory_request_replies',
  'outbox',
  'audit_log',
  'clients',
  'sales_documents',
];

type Result = {
  items: { memberId: string; name: string; published: boolean }[];
  total: number;
  nextCursor: string | null;
  relaxed: boolean;
};

// Signed-in searches without includeUnpublished see what the public sees; most tests search that way
// so as not to spend the public operation's per-address bucket (the test clock never refills it).
const search = async (query: string, who: Session = karim) => {
  const base = who === anon ? '/api/v1/public/directory/profiles' : '/api/v1/directory/profiles';
  const res = await who.get(`${base}?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Result;
};
const names = (r: Result) => r.items.map((i) => i.name);

beforeAll(async () => {
  t = await createTestApp({ seed: 'demo' });
  anon = anonymous(t.app);
  [lea, karim, chloe, adviser, lyonAdviser, admin] = await signInDemo(
    t.app,
    'lea',
    'karim',
    'chloe',
    'adviser',
    'lyonAdviser',
    'admin',
  );
  const members = await t.handle.db.selectFrom('members').select(['id', 'email', 'officeId']).execute();
  for (const m of members) ids.set(m.email, m.id);
  lilleOffice = members.find((m) => m.email === 'lea.martin@example.org')?.officeId as string;
});
afterAll(() => t?.close());

describe('search', () => {
  it('finds a photographer in Lille from "photographe lille", and only there', async () => {
    const r = await search('q=photographe%20lille', anon);
    expect(names(r)).toEqual(['Chloé Lefèvre']);
    expect(r.relaxed).toBe(false);
  });

  it('stems French words: "Photographie" finds photographers, the best match first', async () => {
    const r = await search('q=Photographie');
    expect(new Set(names(r))).toEqual(new Set(['Chloé Lefèvre', 'Julien Petit', 'Rachid Mansouri']));
    // Rachid is only in the network of photographers; the two others are photographers by trade or skill.
    expect(names(r).at(-1)).toBe('Rachid Mansouri');
  });

  it('folds accents and case both ways: électricien = electricien = ÉLECTRICIEN', async () => {
    for (const q of ['électricien', 'electricien', 'ELECTRICIEN', 'Électricité']) {
      expect(names(await search(`q=${encodeURIComponent(q)}`)), q).toEqual(['Sébastien Leroy']);
    }
    expect(names(await search('city=bethune'))).toEqual(['Sébastien Leroy']);
  });

  it('"reseau sonore" finds the sound technician; a prefix of three letters is enough', async () => {
    expect(names(await search('q=reseau%20sonore'))[0]).toBe('Léa Martin');
    expect(names(await search('q=sono'))).toContain('Léa Martin');
    expect(names(await search('q=technicienne%20son'))).toEqual(['Léa Martin']);
    // "son" is a French stop word, and a trade word too.
    expect(names(await search('q=son'))).toEqual(['Léa Martin']);
    expect(names(await search('q=Son%20Lille'))).toEqual(['Léa Martin']);
  });

  it('falls back to any word when none has them all, and says so', async () => {
    const r = await search('q=photographe%20tourn%C3%A9es');
    expect(r.relaxed).toBe(true);
    expect(names(r)).toContain('Julien Petit');
    expect(names(r)).not.toContain('Thomas Girard');
  });

  it('filters by network, skill, city and office, and combines them', async () => {
    expect(new Set(names(await search('network=photographie')))).toEqual(
      new Set(['Chloé Lefèvre', 'Julien Petit', 'Rachid Mansouri']),
    );
    expect(names(await search('network=photographie&city=LILLE'))).toEqual(['Chloé Lefèvre']);
    expect(new Set(names(await search('skill=portrait')))).toEqual(
      new Set(['Chloé Lefèvre', 'Julien Petit']),
    );
    expect(new Set(names(await search(`officeId=${lilleOffice}`)))).toEqual(
      new Set(['Chloé Lefèvre', 'Léa Martin']),
    );
    expect(names(await search('available=true&network=formation'))).toEqual(['Antoine Rousseau']);
    expect((await search('network=inconnu')).total).toBe(0);
  });

  it('pages through every published profile once with the cursor', async () => {
    const all = await search('limit=50');
    expect(all.total).toBe(9);
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: Result = await search(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((i) => i.memberId));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all.items.map((i) => i.memberId));
    const bad = await anon.get('/api/v1/public/directory/profiles?cursor=LTU');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].pointer).toBe('/querystring/cursor');
  });

  it('never shows an unpublished or withdrawn profile to the public or to other members', async () => {
    for (const who of [anon, lea, karim]) {
      expect((await search('q=regisseur%20general%20tournees', who)).items.map((i) => i.name)).not.toContain(
        'Thomas Girard',
      );
      expect(names(await search('q=kora', who))).toEqual([]);
      expect(names(await search('q=kora&includeUnpublished=true', who === anon ? lea : who))).toEqual([]);
    }
    const thomas = ids.get('thomas.girard@example.org') as string;
    expect((await anon.get(`/api/v1/public/directory/profiles/${thomas}`)).statusCode).toBe(404);
    expect((await lea.get(`/api/v1/directory/profiles/${thomas}`)).statusCode).toBe(404);
    // The adviser of another office does not see him either; his own office's adviser does.
    expect((await adviser.get(`/api/v1/directory/profiles/${thomas}`)).statusCode).toBe(404);
    const seen = await lyonAdviser.get(`/api/v1/directory/profiles/${thomas}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ published: false, trade: 'Régisseur général' });
    expect(names(await search('q=tournees&includeUnpublished=true', lyonAdviser))).toEqual(['Thomas Girard']);
    expect(names(await search('q=tournees&includeUnpublished=true', adviser))).toEqual([]);
    expect(names(await search('q=kora&includeUnpublished=true', admin))).toEqual(['Mamadou Diallo']);
    // Without includeUnpublished, staff see what everyone sees.
    expect(names(await search('q=tournees', lyonAdviser))).toEqual([]);
  });

  it('shows the public view of a profile: no e-mail, no consent trail', async () => {
    const res = await anon.get(`/api/v1/public/directory/profiles/${ids.get('chloe.lefevre@example.org')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('@example.org');
    expect(res.json()).toMatchObject({
      trade: 'Photographe et illustratrice',
      city: 'Lille',
      officeName: expect.any(String),
    });
    const other = (
      await lea.get(`/api/v1/directory/profiles/${ids.get('chloe.lefevre@example.org')}`)
    ).json();
    expect(other.consents).toEqual([]);
    expect(other.consentAt).toBeNull();
  });
});

describe('consent', () => {
  it('refuses to publish without an explicit consent, with a clear error, and changes nothing', async () => {
    const r = await lea.post('/api/v1/directory/profile/withdraw');
    expect(r.statusCode).toBe(200);
    for (const body of [{}, { consent: false }]) {
      const before = await snapshot(t.handle, directoryTables);
      const res = await lea.post('/api/v1/directory/profile/publish', body);
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({
        code: 'directory.consent_required',
        errors: [{ pointer: '/consent', code: 'directory.consent_required' }],
      });
      expect(await snapshot(t.handle, directoryTables)).toBe(before);
    }
    const french = await lea.post('/api/v1/directory/profile/publish', {}, { 'accept-language': 'fr' });
    expect(french.json().detail).toMatch(/consentement/);
    const truthy = await lea.post('/api/v1/directory/profile/publish', { consent: 'oui' });
    expect(truthy.statusCode).toBe(400);
    expect(truthy.json().errors[0].pointer).toBe('/consent');
    // The database refuses a published profile without a consent whatever the code does.
    await expect(
      sql`update directory_profiles set published = true, consent_at = null where member_id = ${ids.get('lea.martin@example.org')}`.execute(
        t.handle.db,
      ),
    ).rejects.toThrow(/directory_profiles_published_needs_consent/);
  });

  it('withdraws at once from the search and the network pages, and publishes again with a dated consent', async () => {
    const me = (await lea.get('/api/v1/directory/profile')).json();
    expect(me).toMatchObject({ exists: true, published: false, withdrawnAt: fixedNow.toISOString() });
    expect(me.consents[0]).toMatchObject({ kind: 'withdrawn', at: fixedNow.toISOString() });
    expect(names(await search('q=technicienne%20son'))).toEqual([]);
    const son = (await anon.get('/api/v1/public/directory/networks/son')).json();
    expect(son.profiles.map((p: { name: string }) => p.name)).not.toContain('Léa Martin');
    expect(son.profileCount).toBe(0);
    expect(
      (await anon.get(`/api/v1/public/directory/profiles/${ids.get('lea.martin@example.org')}`)).statusCode,
    ).toBe(404);
    // Her own adviser still sees the unpublished profile; the public does not.
    expect(
      (await adviser.get(`/api/v1/directory/profiles/${ids.get('lea.martin@example.org')}`)).statusCode,
    ).toBe(200);

    const again = await lea.post('/api/v1/directory/profile/publish', { consent: true });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({
      published: true,
      consentAt: fixedNow.toISOString(),
      consentVersion: expect.any(String),
      withdrawnAt: null,
    });
    expect(again.json().consents.map((c: { kind: string }) => c.kind)).toEqual([
      'granted',
      'withdrawn',
      'granted',
    ]);
    expect(names(await search('q=technicienne%20son'))).toEqual(['Léa Martin']);
    const audit = await t.handle.db
      .selectFrom('auditLog')
      .select('action')
      .where('subjectId', '=', ids.get('lea.martin@example.org') as string)
      .where('action', 'like', 'directory.%')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['directory.profile.withdraw', 'directory.profile.publish']),
    );
  });

  it('saves a profile with validation; a published profile shows the change at once', async () => {
    const bad = await lea.put('/api/v1/directory/profile', {
      trade: '',
      city: 'Lille',
      portfolioUrl: 'javascript:alert(1)',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual(['/portfolioUrl', '/trade']);
    const ok = await lea.put('/api/v1/directory/profile', {
      trade: 'Technicienne son',
      skills: ['Sonorisation de concerts', 'Prise de son', 'Enregistrement de podcasts', 'prise de son'],
      city: 'Lille',
      presentation: 'Sonorisation, prise de son et podcasts.',
      portfolioUrl: '',
      availability: 'busy',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ published: true, availability: 'busy', portfolioUrl: null });
    expect(ok.json().skills).toEqual([
      'Sonorisation de concerts',
      'Prise de son',
      'Enregistrement de podcasts',
    ]);
    expect(names(await search('q=podcast'))).toEqual(['Léa Martin']);
  });

  it('staff without a member record have no profile of their own', async () => {
    expect((await admin.get('/api/v1/directory/profile')).statusCode).toBe(404);
    expect((await admin.post('/api/v1/directory/profile/publish', { consent: true })).statusCode).toBe(404);
  });
});

describe('networks', () => {
  it('are created by admins, joined and left by members; the page lists published profiles only', async () => {
    const created = await admin.post('/api/v1/directory/networks', {
      slug: 'metiers-d-art',
      name: 'Métiers d’art',
      description: 'Céramistes, ébénistes, costumiers.',
    });
    expect(created.statusCode).toBe(201);
    expect(
      (await admin.post('/api/v1/directory/networks', { slug: 'metiers-d-art', name: 'Autre' })).statusCode,
    ).toBe(409);
    expect(
      (await admin.post('/api/v1/directory/networks', { slug: 'Métiers', name: 'X' })).json().errors[0],
    ).toMatchObject({
      pointer: '/slug',
      code: 'network.slug_invalid',
    });
    expect((await lea.post('/api/v1/directory/networks', { slug: 'x', name: 'X' })).statusCode).toBe(404);

    const joined = await chloe.put('/api/v1/directory/networks/metiers-d-art/membership');
    expect(joined.json()).toMatchObject({ joined: true, profileCount: 1 });
    // Joining twice changes nothing.
    expect((await chloe.put('/api/v1/directory/networks/metiers-d-art/membership')).json().profileCount).toBe(
      1,
    );
    expect(names(await search('q=metiers%20art'))).toEqual(['Chloé Lefèvre']);
    const page = (await karim.get('/api/v1/directory/networks/metiers-d-art')).json();
    expect(page.profiles.map((p: { name: string }) => p.name)).toEqual(['Chloé Lefèvre']);
    expect(page.joined).toBe(false);
    const left = await chloe.delete('/api/v1/directory/networks/metiers-d-art/membership');
    expect(left.json()).toMatchObject({ joined: false, profileCount: 0 });
    expect(names(await search('q=metiers%20art'))).not.toContain('Chloé Lefèvre');
    // A member with no published profile counts nowhere: Thomas is in "spectacle vivant", privately.
    const live = (await anon.get('/api/v1/public/directory/networks/spectacle-vivant')).json();
    expect(live.profiles.map((p: { name: string }) => p.name)).not.toContain('Thomas Girard');
    expect(live.profileCount).toBe(live.profiles.length);
    expect((await anon.get('/api/v1/public/directory/networks/inconnu')).statusCode).toBe(404);
  });
});

describe('requests (mise en relation)', () => {
  const chloeId = () => ids.get('chloe.lefevre@example.org') as string;
  const julienId = () => ids.get('julien.petit@example.org') as string;
  const request = (over: Record<string, unknown> = {}) => ({
    name: 'Camille Roussel',
    email: 'camille.roussel@festival-lumiere.example.net',
    organisation: 'Festival Lumière du Nord',
    phone: '+33 6 01 02 03 04',
    city: 'Lille',
    subject: 'Photographies du festival',
    message:
      'Bonjour, nous cherchons un·e photographe pour couvrir notre festival les 4 et 5 juin 2027 à Lille.',
    memberIds: [chloeId(), julienId()],
    ...over,
  });
  let requestId: string;

  it('reaches each chosen member in their inbox and by e-mail, and the client gets a receipt without their e-mails', async () => {
    await t.deliver();
    t.mailbox.length = 0;
    const res = await anon.post('/api/v1/public/directory/requests', request());
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toEqual({ reference: expect.stringMatching(/^MR-26[A-Z2-9]{6}$/), recipients: 2 });
    expect(res.body).not.toContain('@example.org');
    await t.deliver();
    const to = t.mailbox.map((m) => m.to).sort();
    expect(to).toEqual(
      [
        'camille.roussel@festival-lumiere.example.net',
        'chloe.lefevre@example.org',
        'julien.petit@example.org',
      ].sort(),
    );
    const receipt = t.mailbox.find((m) => m.to.startsWith('camille')) as { raw: string };
    const text = mailText(receipt.raw);
    expect(text).toContain('Chloé Lefèvre');
    expect(text).toContain(res.json().reference);
    expect(receipt.raw).not.toMatch(/chloe\.lefevre|julien\.petit|@example\.org/);
    const notice = mailText(
      (t.mailbox.find((m) => m.to === 'chloe.lefevre@example.org') as { raw: string }).raw,
    );
    expect(notice).toContain('Festival Lumière du Nord');
    expect(notice).toContain('/directory/inbox/');

    const inbox = (await chloe.get('/api/v1/directory/inbox')).json();
    expect(inbox.unread).toBe(1);
    expect(inbox.items[0]).toMatchObject({
      subject: 'Photographies du festival',
      status: 'new',
      recipientCount: 2,
    });
    requestId = inbox.items[0].id;
    const opened = await chloe.get(`/api/v1/directory/inbox/${requestId}`);
    expect(opened.json().status).toBe('read');
    expect((await chloe.get('/api/v1/directory/inbox')).json().unread).toBe(0);
    // Nobody else reads it: not another member, not staff (404, as for what does not exist).
    for (const who of [lea, karim, adviser, admin])
      expect((await who.get(`/api/v1/directory/inbox/${requestId}`)).statusCode).toBe(404);
    expect(
      (await lea.get('/api/v1/directory/inbox')).json().items.map((i: { id: string }) => i.id),
    ).not.toContain(requestId);
  });

  it('validates the request with pointers and refuses unpublished members, changing nothing', async () => {
    const cases: [Record<string, unknown>, string[]][] = [
      [{ email: 'pas-une-adresse', message: 'Trop court' }, ['/email', '/message']],
      [{ memberIds: [] }, ['/memberIds']],
      [{ memberIds: Array.from({ length: 6 }, () => crypto.randomUUID()) }, ['/memberIds']],
      [{ memberIds: [chloeId(), chloeId()] }, ['/memberIds']],
      [{ phone: 'appelez-moi' }, ['/phone']],
    ];
    for (const [over, pointers] of cases) {
      const before = await snapshot(t.handle, directoryTables);
      const res = await anon.post('/api/v1/public/directory/requests', request(over));
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(
        res
          .json()
          .errors.map((e: { pointer: string }) => e.pointer)
          .sort(),
      ).toEqual(pointers);
      expect(await snapshot(t.handle, directoryTables)).toBe(before);
    }
    const before = await snapshot(t.handle, directoryTables);
    const thomas = await anon.post(
      '/api/v1/public/directory/requests',
      request({ memberIds: [chloeId(), ids.get('thomas.girard@example.org')] }),
    );
    expect(thomas.statusCode).toBe(422);
    expect(thomas.json()).toMatchObject({
      code: 'directory.recipient_unavailable',
      errors: [{ pointer: '/memberIds/1' }],
    });
    expect(await snapshot(t.handle, directoryTables)).toBe(before);
  });

  it('caps the requests of one e-mail address over a day', async () => {
    const email = 'insistant@example.net';
    const at = new Date(fixedNow.getTime() - 3_600_000).toISOString();
    for (let i = 0; i < 10; i++)
      await t.handle.db
        .insertInto('directoryRequests')
        .values({
          reference: `MR-TEST${i}`,
          requesterName: 'Insistant',
          requesterEmail: email,
          organisation: null,
          phone: null,
          city: null,
          subject: 'Encore',
          message: 'Encore une demande',
          createdAt: at,
        })
        .execute();
    const res = await anon.post(
      '/api/v1/public/directory/requests',
      request({ email: 'Insistant@Example.net' }),
    );
    expect(res.statusCode).toBe(429);
    expect(res.json().code).toBe('directory.too_many_requests');
  });

  it('relays a reply from the cooperative without the member’s address', async () => {
    await t.deliver();
    t.mailbox.length = 0;
    const res = await chloe.post(`/api/v1/directory/inbox/${requestId}/replies`, {
      message: 'Bonjour, je suis disponible les 4 et 5 juin. Je vous prépare un devis.',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'answered',
      replies: [{ message: expect.stringContaining('disponible') }],
    });
    await t.deliver();
    expect(t.mailbox.map((m) => m.to)).toEqual(['camille.roussel@festival-lumiere.example.net']);
    const raw = (t.mailbox[0] as { raw: string }).raw;
    expect(raw).not.toContain('chloe.lefevre');
    expect(raw).toMatch(/^From: .*no-reply@commune\.test/m);
    expect(raw).not.toMatch(/^Reply-To:/m);
    const text = mailText(raw);
    expect(text).toContain('Chloé Lefèvre');
    expect(text).toContain('je suis disponible');
    expect(text).toContain(`/annuaire/profils/${chloeId()}`);
    expect(
      (await karim.post(`/api/v1/directory/inbox/${requestId}/replies`, { message: 'Moi aussi' })).statusCode,
    ).toBe(404);
  });

  it('answers with a quote: the client is made from the request and a draft quote opens, once', async () => {
    const activities = (await chloe.get('/api/v1/activities?status=open')).json().items as {
      id: string;
      name: string;
    }[];
    const activity = activities.find((a) => a.name === 'Identités visuelles pour associations') as {
      id: string;
    };
    expect(
      (await chloe.post(`/api/v1/directory/inbox/${requestId}/quote`, { activityId: activity.id }))
        .statusCode,
    ).toBe(400);
    const input = {
      activityId: activity.id,
      client: {
        kind: 'association',
        name: 'Festival Lumière du Nord',
        addressLine: '12 rue Gambetta',
        postalCode: '59000',
        city: 'Lille',
      },
    };
    const res = await chloe.post(`/api/v1/directory/inbox/${requestId}/quote`, input);
    expect(res.statusCode, res.body).toBe(201);
    const { quoteId, clientId } = res.json();
    const quote = (await chloe.get(`/api/v1/quotes/${quoteId}`)).json();
    expect(quote).toMatchObject({
      status: 'draft',
      subject: 'Photographies du festival',
      client: { id: clientId, name: 'Festival Lumière du Nord' },
      activity: { id: activity.id },
    });
    expect(quote.buyerReference).toMatch(/^MR-/);
    const client = (await chloe.get(`/api/v1/clients/${clientId}`)).json();
    expect(client).toMatchObject({
      email: 'camille.roussel@festival-lumiere.example.net',
      kind: 'association',
    });
    expect(client.contacts[0]).toMatchObject({ name: 'Camille Roussel' });
    // Asking again opens the same draft, and the inbox links to it.
    expect((await chloe.post(`/api/v1/directory/inbox/${requestId}/quote`, input)).json()).toEqual({
      quoteId,
      clientId,
    });
    expect((await chloe.get(`/api/v1/directory/inbox/${requestId}`)).json()).toMatchObject({
      quoteId,
      clientId,
      status: 'answered',
    });
    // Another member cannot quote on Chloé's request, even with one of his activities.
    const karimActivity = (
      (await karim.get('/api/v1/activities?status=open')).json().items as { id: string }[]
    )[0]?.id;
    expect(
      (
        await karim.post(`/api/v1/directory/inbox/${requestId}/quote`, {
          ...input,
          activityId: karimActivity,
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('public operations', () => {
  it('are rate-limited per address before anything else, requests much more than reads', async () => {
    const limited = await buildApp({
      db: t.handle.db,
      mailer: createFileMailer('x', null),
      secrets: testSecrets,
      publicUrl: testUrl,
      clock: () => fixedNow,
      webRoot: null,
      directoryLimit: { capacity: 3, refillPerMinute: 1 },
      directoryRequestLimit: { capacity: 2, refillPerMinute: 1 / 60 },
    });
    try {
      const post = () =>
        limited.inject({ method: 'POST', url: '/api/v1/public/directory/requests', payload: { name: 'x' } });
      expect([(await post()).statusCode, (await post()).statusCode]).toEqual([400, 400]);
      const refused = await post();
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(3600);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      const read = () => limited.inject({ method: 'GET', url: '/api/v1/public/directory/profiles?q=son' });
      expect([(await read()).statusCode, (await read()).statusCode, (await read()).statusCode]).toEqual([
        200, 200, 200,
      ]);
      expect((await read()).statusCode).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
