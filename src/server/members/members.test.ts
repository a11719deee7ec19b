// Members: filed by the advisers of their office, NIR and IBAN checked, masked and sealed, the
// member's own edits limited to contact and bank details, the status life cycle, invitations, lists.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSealer } from '../sealing.ts';
import {
  choosePassword,
  createTestApp,
  passwordLink,
  type Session,
  signIn,
  signInDemo,
  snapshot,
  type TestApp,
  testSecrets,
} from '../testing.ts';

let t: TestApp;
let adviser: Session;
let lyonAdviser: Session;
let payroll: Session;
let accountant: Session;
let admin: Session;
let lea: Session;
let karim: Session;
let leaMemberId: string;
let office: (code: string) => string;

beforeAll(async () => {
  t = await createTestApp({ seed: 'demo' });
  [adviser, lyonAdviser, payroll, accountant, admin, lea, karim] = await signInDemo(
    t.app,
    'adviser',
    'lyonAdviser',
    'payroll',
    'accountant',
    'admin',
    'lea',
    'karim',
  );
  leaMemberId = (await lea.get('/api/v1/me')).json().memberId;
  const offices: { id: string; code: string }[] = (await adviser.get('/api/v1/offices')).json().items;
  office = (code) => offices.find((o) => o.code === code)?.id ?? '';
});

afterAll(async () => {
  await t?.close();
});

const nir = '1 90 03 59 350 123 56';
const iban = 'FR76 3000 6000 0112 3456 7890 189';
let counter = 0;
const newMember = (over: Record<string, unknown> = {}) => ({
  firstName: 'Sacha',
  lastName: 'Vermeulen',
  email: `sacha.${counter++}.${Math.random().toString(36).slice(2, 8)}@example.org`,
  phone: '+33 6 11 22 33 44',
  addressLine: '12 rue Gambetta',
  postalCode: '59800',
  city: 'Lille',
  birthDate: '1990-03-14',
  sex: 'M',
  nir,
  iban,
  bic: 'agrifrpp',
  trades: ['vidéaste'],
  officeId: office('lille'),
  ...over,
});

async function created(over: Record<string, unknown> = {}) {
  const res = await adviser.post('/api/v1/members', newMember(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

type FieldError = { pointer: string; code: string; message: string };
const errorsOf = (res: { json: () => { errors: FieldError[] } }) => res.json().errors;

describe('filing a member', () => {
  it('lets an adviser file a member of their office: numbered, a prospect, with their profile', async () => {
    const m = await created({ lastName: 'Dumont', phone: '+33 3 20 00 00 00' });
    expect(m).toMatchObject({
      number: expect.stringMatching(/^M\d{6}$/),
      status: 'prospect',
      firstName: 'Sacha',
      lastName: 'Dumont',
      phone: '+33 3 20 00 00 00',
      addressLine: '12 rue Gambetta',
      postalCode: '59800',
      city: 'Lille',
      country: 'FR',
      birthDate: '1990-03-14',
      sex: 'M',
      bic: 'AGRIFRPP',
      trades: ['vidéaste'],
      officeId: office('lille'),
      officeName: 'Commune Lille',
      joinedOn: null,
      exitedOn: null,
      hasAccount: false,
    });
    const next = await created();
    expect(Number(next.number.slice(1))).toBe(Number(m.number.slice(1)) + 1);
    expect((await adviser.get(`/api/v1/members/${m.id}`)).json()).toEqual(m);
  });

  it('files a member straight in as "member" from today, the country code in capitals', async () => {
    const m = await created({ status: 'member', country: 'be', postalCode: '7500', city: 'Tournai' });
    expect(m).toMatchObject({ status: 'member', joinedOn: '2026-11-20', country: 'BE' });
    expect((await adviser.patch(`/api/v1/members/${m.id}`, { country: 'fr' })).json().country).toBe('FR');
  });

  it('refuses an office the adviser does not follow, an unknown one, or none, and changes nothing', async () => {
    const before = await snapshot(t.handle);
    for (const [officeId, code] of [
      [office('paris'), 'office.not_yours'],
      ['00000000-0000-4000-8000-000000000000', 'office.unknown'],
      [null, 'required'],
    ] as const) {
      const res = await adviser.post('/api/v1/members', newMember({ officeId }));
      expect(res.statusCode, code).toBe(400);
      expect(errorsOf(res)).toEqual([expect.objectContaining({ pointer: '/officeId', code })]);
    }
    expect(await snapshot(t.handle)).toBe(before);
    // An admin files into any office.
    const res = await admin.post('/api/v1/members', newMember({ officeId: office('paris') }));
    expect(res.json().officeName).toBe('Commune Paris');
  });

  it('refuses an e-mail another member uses, whatever its case', async () => {
    const before = await snapshot(t.handle);
    const res = await adviser.post('/api/v1/members', newMember({ email: 'Lea.Martin@Example.org' }));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('member.email_taken');
    expect(errorsOf(res)[0]?.pointer).toBe('/email');
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('is for staff: members and the payroll officer cannot file anyone', async () => {
    const before = await snapshot(t.handle);
    for (const who of [lea, payroll])
      expect((await who.post('/api/v1/members', newMember())).statusCode).toBe(404);
    expect(await snapshot(t.handle)).toBe(before);
  });
});

describe('NIR, IBAN and BIC checks', () => {
  const refused = async (over: Record<string, unknown>, lang?: string) => {
    const res = await adviser.post(
      '/api/v1/members',
      newMember(over),
      lang ? { 'accept-language': lang } : undefined,
    );
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    return errorsOf(res);
  };

  it('checks the NIR key, its format, and that it agrees with the sex and birth date', async () => {
    const before = await snapshot(t.handle);
    expect(await refused({ nir: '1 90 03 59 350 123 57' })).toEqual([
      {
        pointer: '/nir',
        code: 'nir.key',
        message: 'La clé du numéro de sécurité sociale ne correspond pas.',
      },
    ]);
    expect(await refused({ nir: '1 90 03 59 350 123 57' }, 'en')).toEqual([
      { pointer: '/nir', code: 'nir.key', message: 'The social security number key does not match.' },
    ]);
    expect((await refused({ nir: '3 90 03 59 350 123' }))[0]?.code).toBe('nir.format');
    expect((await refused({ sex: 'F' }))[0]).toMatchObject({ pointer: '/nir', code: 'nir.sex_mismatch' });
    expect((await refused({ birthDate: '1991-03-14' }))[0]).toMatchObject({
      pointer: '/nir',
      code: 'nir.birth_mismatch',
    });
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('checks the IBAN key and the BIC, reporting every invalid field at once', async () => {
    const before = await snapshot(t.handle);
    expect(await refused({ iban: 'FR76 3000 6000 0112 3456 7890 180' })).toEqual([
      { pointer: '/iban', code: 'iban.invalid', message: 'IBAN invalide (vérifiez la clé).' },
    ]);
    expect(await refused({ iban: 'FR76 3000 6000 0112 3456 7890 180' }, 'en')).toEqual([
      { pointer: '/iban', code: 'iban.invalid', message: 'Invalid IBAN (check digits).' },
    ]);
    expect(await refused({ bic: 'AGRI' })).toEqual([
      { pointer: '/bic', code: 'bic.invalid', message: 'BIC invalide.' },
    ]);
    const all = await refused({ nir: '1 90 03 59 350 123 57', iban: 'FR00', bic: '12345678' });
    expect(all.map((e) => e.pointer).sort()).toEqual(['/bic', '/iban', '/nir']);
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('checks a changed NIR against the sex and birth date already on file', async () => {
    const m = await created();
    const before = await snapshot(t.handle);
    const res = await adviser.patch(`/api/v1/members/${m.id}`, { nir: '2 90 03 59 350 123 06' });
    expect(res.statusCode).toBe(400);
    expect(errorsOf(res)[0]).toMatchObject({ pointer: '/nir', code: 'nir.sex_mismatch' });
    expect(await snapshot(t.handle)).toBe(before);
    const both = await adviser.patch(`/api/v1/members/${m.id}`, { sex: 'F', nir: '2 90 03 59 350 123 06' });
    expect(both.statusCode, both.body).toBe(200);
    expect(both.json()).toMatchObject({ sex: 'F', nir: '2 •• •• •• ••• ••• 06' });
  });
});

describe('personal data', () => {
  it('masks NIR and IBAN for the adviser, shows them to the member, payroll, accounting and admins', async () => {
    const m = await created();
    const masked = (await adviser.get(`/api/v1/members/${m.id}`)).json();
    expect(masked).toMatchObject({ sensitiveVisible: false, nir: '1 •• •• •• ••• ••• 56' });
    expect(masked.iban).toMatch(/^FR76 •/);
    expect(masked.iban).toMatch(/189$/);
    expect(masked.iban).not.toContain('3000 6000');
    for (const who of [payroll, accountant, admin]) {
      const clear = (await who.get(`/api/v1/members/${m.id}`)).json();
      expect(clear).toMatchObject({ sensitiveVisible: true, nir, iban });
    }
    const own = (await lea.get(`/api/v1/members/${leaMemberId}`)).json();
    expect(own).toMatchObject({ sensitiveVisible: true, nir: '2 91 04 59 350 112 81' });
    expect(own.iban.replaceAll(' ', '')).toBe('FR7642559000412102784530170');
    // And the lists never carry them.
    const listed = (await payroll.get(`/api/v1/members?q=${m.email}`)).json().items[0];
    expect(listed).not.toHaveProperty('nir');
    expect(listed).not.toHaveProperty('iban');
  });

  it('keeps NIR and IBAN sealed at rest: the row never holds them in clear', async () => {
    const m = await created();
    const { rows } = await sql<Record<string, unknown>>`select * from members where id = ${m.id}`.execute(
      t.handle.db,
    );
    const row = rows[0] as Record<string, string>;
    const stored = JSON.stringify(row);
    for (const secret of [
      '190035935012356',
      '9003593501235',
      'FR7630006000011234567890189',
      '300060000112345',
    ])
      expect(stored).not.toContain(secret);
    // Sealed, not lost: the data key opens them.
    const sealer = createSealer(testSecrets.dataKey);
    expect(sealer.open(row.nirEncrypted as string)).toBe('190035935012356');
    expect(sealer.open(row.ibanEncrypted as string)).toBe('FR7630006000011234567890189');
    // The same value sealed twice reads differently (a fresh nonce each time).
    const twin = await created();
    const other = await sql<{ nirEncrypted: string }>`
      select nir_encrypted from members where id = ${twin.id}`.execute(t.handle.db);
    expect(other.rows[0]?.nirEncrypted).not.toBe(row.nirEncrypted);
  });

  it("hides a member's file from other members and from advisers of other offices", async () => {
    const before = await snapshot(t.handle);
    for (const res of [
      await karim.get(`/api/v1/members/${leaMemberId}`),
      await karim.patch(`/api/v1/members/${leaMemberId}`, { phone: '0600000000' }),
      await lyonAdviser.get(`/api/v1/members/${leaMemberId}`),
      await lyonAdviser.patch(`/api/v1/members/${leaMemberId}`, { phone: '0600000000' }),
      await lyonAdviser.post(`/api/v1/members/${leaMemberId}/status`, { status: 'exited' }),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('resource.not_found');
    }
    expect(await snapshot(t.handle)).toBe(before);
  });
});

describe("a member's own edits", () => {
  it('lets the member change their contact and bank details', async () => {
    const patch = {
      phone: '+33 6 99 88 77 66',
      addressLine: '4 place du Concert',
      postalCode: '59800',
      city: 'Lille',
      iban: 'FR76 3000 6000 0112 3456 7890 189',
      bic: 'AGRIFRPP',
      trades: ['technicien·ne son', 'régisseur·euse'],
    };
    const res = await lea.patch(`/api/v1/members/${leaMemberId}`, patch);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ...patch, iban, lastName: 'Martin', status: 'shareholder' });
    expect((await adviser.get(`/api/v1/members/${leaMemberId}`)).json().iban).toMatch(/^FR76 •.*189$/);
    // A field left out stays as it was.
    const again = await lea.patch(`/api/v1/members/${leaMemberId}`, { phone: '+33 6 12 48 73 05' });
    expect(again.json()).toMatchObject({ trades: patch.trades, city: 'Lille', country: 'FR' });
  });

  it('refuses the fields only staff change, each under its pointer, in both languages', async () => {
    const before = await snapshot(t.handle);
    for (const [field, value] of [
      ['firstName', 'Lucie'],
      ['lastName', 'Autre'],
      ['email', 'autre@example.org'],
      ['birthDate', '1991-04-18'],
      ['sex', 'M'],
      ['nir', '2 91 04 59 350 112 81'],
      ['officeId', office('paris')],
    ] as const) {
      const res = await lea.patch(`/api/v1/members/${leaMemberId}`, { [field]: value });
      expect(res.statusCode, field).toBe(400);
      expect(errorsOf(res), field).toEqual([
        {
          pointer: `/${field}`,
          code: 'field.read_only',
          message: 'Ce champ ne peut être modifié que par votre conseiller·ère.',
        },
      ]);
    }
    // Mixed with an allowed field, the whole change is refused.
    const mixed = await lea.patch(
      `/api/v1/members/${leaMemberId}`,
      { phone: '0600000000', lastName: 'Autre' },
      { 'accept-language': 'en' },
    );
    expect(errorsOf(mixed)).toEqual([
      { pointer: '/lastName', code: 'field.read_only', message: 'Only your adviser can change this field.' },
    ]);
    const invalid = await lea.patch(`/api/v1/members/${leaMemberId}`, { iban: 'FR76 0000' });
    expect(errorsOf(invalid)[0]).toMatchObject({ pointer: '/iban', code: 'iban.invalid' });
    expect(await snapshot(t.handle)).toBe(before);
    // A status slipped into a profile change is ignored: statuses change through their own operation.
    const status = await lea.patch(`/api/v1/members/${leaMemberId}`, { status: 'exited' });
    expect(status.json().status).toBe('shareholder');
    const row = (await admin.get(`/api/v1/members/${leaMemberId}`)).json();
    expect(row).toMatchObject({ firstName: 'Léa', lastName: 'Martin', status: 'shareholder', sex: 'F' });
  });

  it('lets the adviser correct the civil identity, but not move the member to an office they do not follow', async () => {
    const m = await created();
    const res = await adviser.patch(`/api/v1/members/${m.id}`, {
      firstName: 'Sasha',
      officeId: office('arras'),
    });
    expect(res.json()).toMatchObject({ firstName: 'Sasha', officeName: 'Commune Arras' });
    const before = await snapshot(t.handle);
    const away = await adviser.patch(`/api/v1/members/${m.id}`, { officeId: office('lyon') });
    expect(away.statusCode).toBe(400);
    expect(errorsOf(away)[0]).toMatchObject({ pointer: '/officeId', code: 'office.not_yours' });
    const taken = await adviser.patch(`/api/v1/members/${m.id}`, { email: 'lea.martin@example.org' });
    expect(taken.statusCode).toBe(409);
    expect(await snapshot(t.handle)).toBe(before);
  });
});

describe('status life cycle', () => {
  const to = (id: string, status: string, who = adviser) =>
    who.post(`/api/v1/members/${id}/status`, { status, reason: 'Comité du 20 novembre' });

  it('goes prospect → member → shareholder → exited, and back to member on return', async () => {
    const m = await created();
    expect((await to(m.id, 'member')).json()).toMatchObject({ status: 'member', joinedOn: '2026-11-20' });
    expect((await to(m.id, 'shareholder')).json()).toMatchObject({ status: 'shareholder' });
    expect((await to(m.id, 'exited')).json()).toMatchObject({ status: 'exited', exitedOn: '2026-11-20' });
    expect((await to(m.id, 'member')).json()).toMatchObject({
      status: 'member',
      joinedOn: '2026-11-20',
      exitedOn: null,
    });
    // A prospect who never joins simply leaves.
    const other = await created();
    expect((await to(other.id, 'exited')).json().status).toBe('exited');
  });

  it('refuses the transitions that skip or reverse a step, and changes nothing', async () => {
    const m = await created();
    const member = await created({ status: 'member' });
    const before = await snapshot(t.handle);
    for (const [id, status] of [
      [m.id, 'shareholder'],
      [m.id, 'prospect'],
      [member.id, 'prospect'],
      [member.id, 'member'],
    ]) {
      const res = await to(id as string, status as string);
      expect(res.statusCode, `→ ${status}`).toBe(422);
      expect(res.json()).toMatchObject({
        code: 'member.invalid_status_transition',
        detail: 'Ce changement de statut n’est pas possible.',
      });
    }
    const unknown = await to(m.id, 'retired');
    expect(unknown.statusCode).toBe(400);
    expect(errorsOf(unknown)[0]?.pointer).toBe('/status');
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('keeps a member who alone runs an open activity until it is closed', async () => {
    const m = await created({ status: 'member' });
    const entity = (await adviser.get('/api/v1/entities')).json().items[0];
    const activity = (
      await adviser.post('/api/v1/activities', { entityId: entity.id, name: 'Reportages', memberIds: [m.id] })
    ).json();
    const before = await snapshot(t.handle);
    const refused = await to(m.id, 'exited');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('member.has_open_activities');
    expect(await snapshot(t.handle)).toBe(before);
    await adviser.patch(`/api/v1/activities/${activity.id}`, { status: 'closed' });
    expect((await to(m.id, 'exited')).json().status).toBe('exited');
  });

  it('is decided by staff: the member sees their file but may not change its status', async () => {
    const before = await snapshot(t.handle);
    const res = await to(leaMemberId, 'shareholder', lea);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.forbidden');
    expect(await snapshot(t.handle)).toBe(before);
  });
});

describe('invitations', () => {
  it('opens the account and e-mails the invitation through the outbox; the member then signs in', async () => {
    const m = await created();
    expect(m.hasAccount).toBe(false);
    const res = await adviser.post(`/api/v1/members/${m.id}/invitation`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().hasAccount).toBe(true);
    // Sent by the worker after the commit, not inline.
    expect(t.mailbox.some((mail) => mail.to === m.email)).toBe(false);
    await t.deliver();
    const link = passwordLink(t, m.email);
    expect(link).not.toBeNull();
    expect((await choosePassword(t.app, link as URL, 'mon-mot-de-passe-a-moi')).statusCode).toBe(200);
    const sacha = await signIn(t.app, m.email, 'mon-mot-de-passe-a-moi');
    expect((await sacha.get('/api/v1/me')).json()).toMatchObject({ roles: ['member'], memberId: m.id });
    const own = (await sacha.get(`/api/v1/members/${m.id}`)).json();
    expect(own).toMatchObject({ sensitiveVisible: true, nir });
    // Inviting again sends a new e-mail to the same account.
    const count = t.mailbox.filter((mail) => mail.to === m.email).length;
    expect((await adviser.post(`/api/v1/members/${m.id}/invitation`)).json().hasAccount).toBe(true);
    await t.deliver();
    expect(t.mailbox.filter((mail) => mail.to === m.email)).toHaveLength(count + 1);
  });

  it('invites at once when the file is created with invite: true', async () => {
    const m = await created({ invite: true });
    expect(m.hasAccount).toBe(true);
    await t.deliver();
    expect(passwordLink(t, m.email)).not.toBeNull();
  });
});

describe('lists', () => {
  type Summary = { id: string; email: string; lastName: string; officeName: string; status: string };
  const all = async (who: Session, query = '') =>
    (await who.get(`/api/v1/members?limit=200${query}`)).json() as { items: Summary[]; total: number };

  it("scopes an adviser's list to their offices; back office sees everyone; members have no list", async () => {
    const mine = await all(adviser);
    expect(mine.total).toBe(mine.items.length);
    for (const m of mine.items)
      expect(['Commune Lille', 'Commune Arras', 'Commune Béthune']).toContain(m.officeName);
    const everyone = await all(payroll);
    const expected = everyone.items.filter((m) =>
      ['Commune Lille', 'Commune Arras', 'Commune Béthune'].includes(m.officeName),
    );
    expect(mine.items.map((m) => m.id).sort()).toEqual(expected.map((m) => m.id).sort());
    expect(everyone.items.map((m) => m.email)).toContain('karim.benali@example.org');
    expect(mine.items.map((m) => m.email)).not.toContain('karim.benali@example.org');
    expect((await lea.get('/api/v1/members')).statusCode).toBe(404);
  });

  it('searches by name, e-mail or number; filters by status, office and trade', async () => {
    const byName = await all(adviser, '&q=lef%C3%A8vre');
    expect(byName.items.map((m) => m.email)).toEqual(['chloe.lefevre@example.org']);
    const byFullName = await all(adviser, '&q=chlo%C3%A9%20lef%C3%A8vre');
    expect(byFullName.items.map((m) => m.email)).toEqual(['chloe.lefevre@example.org']);
    const lea_ = (await adviser.get(`/api/v1/members/${leaMemberId}`)).json();
    expect((await all(adviser, `&q=${lea_.number}`)).items.map((m) => m.id)).toEqual([leaMemberId]);
    // Outside the adviser's offices, search finds nothing.
    expect((await all(adviser, '&q=benali')).total).toBe(0);
    const shareholders = await all(adviser, '&status=shareholder');
    for (const m of shareholders.items) expect(m.status).toBe('shareholder');
    const arras = await all(adviser, `&officeId=${office('arras')}`);
    expect(arras.total).toBeGreaterThan(0);
    for (const m of arras.items) expect(m.officeName).toBe('Commune Arras');
    const sound = await all(adviser, `&trade=${encodeURIComponent('technicien·ne son')}`);
    expect(sound.items.map((m) => m.id)).toContain(leaMemberId);
  });

  it('sorts and pages within the scope', async () => {
    const byName = await all(adviser, '&sort=-lastName');
    const names = byName.items.map((m) => m.lastName);
    expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a, 'fr')));
    const first = (await adviser.get('/api/v1/members?limit=3&sort=-lastName')).json();
    const second = (
      await adviser.get(`/api/v1/members?limit=3&sort=-lastName&cursor=${first.nextCursor}`)
    ).json();
    expect([...first.items, ...second.items].map((m: Summary) => m.id)).toEqual(
      byName.items.slice(0, 6).map((m) => m.id),
    );
  });
});
