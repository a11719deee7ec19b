// Members: created by the advisers of their office, status life cycle, invitations, lists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, signIn, snapshot, type TestApp } from '../testing.ts';

let t: TestApp;
let adviser: Session;
let payroll: Session;
let lilleOfficeId: string;
let parisOfficeId: string;

beforeAll(async () => {
  t = await createTestApp({ seed: 'demo' });
  adviser = await signIn(t.app, 'conseil.lille@commune.coop', 'commune-demo');
  payroll = await signIn(t.app, 'paie@commune.coop', 'commune-demo');
  const offices: { id: string; code: string }[] = (await adviser.get('/api/v1/offices')).json().items;
  lilleOfficeId = offices.find((o) => o.code === 'lille')?.id ?? '';
  parisOfficeId = offices.find((o) => o.code === 'paris')?.id ?? '';
});

afterAll(async () => {
  await t?.close();
});

const newMember = (over: Record<string, unknown> = {}) => ({
  firstName: 'Sacha',
  lastName: 'Vermeulen',
  email: `sacha.${Math.random().toString(36).slice(2, 8)}@example.org`,
  birthDate: '1990-03-14',
  sex: 'M',
  nir: '1 90 03 59 350 123 56',
  iban: 'FR76 3000 6000 0112 3456 7890 189',
  bic: 'AGRIFRPP',
  trades: ['vidéaste'],
  officeId: lilleOfficeId,
  ...over,
});

describe('members', () => {
  it('lets an adviser register a member of their office, numbered in sequence, as a prospect', async () => {
    const res = await adviser.post('/api/v1/members', newMember());
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json();
    expect(m.number).toMatch(/^M\d{6}$/);
    expect(m.status).toBe('prospect');
    expect(m.officeName).toBe('Commune Lille');
    // Advisers see personal data masked, even on a file they just typed.
    expect(m.nir).toContain('•');
    const full = (await payroll.get(`/api/v1/members/${m.id}`)).json();
    expect(full.nir).toBe('1 90 03 59 350 123 56');
    expect(full.iban).toBe('FR76 3000 6000 0112 3456 7890 189');
  });

  it('refuses a NIR that contradicts the declared sex or birth date, and an invalid IBAN', async () => {
    const before = await snapshot(t.handle);
    const wrongSex = await adviser.post('/api/v1/members', newMember({ sex: 'F' }));
    expect(wrongSex.statusCode).toBe(400);
    expect(wrongSex.json().errors.map((e: { pointer: string }) => e.pointer)).toContain('/nir');
    const wrongBirth = await adviser.post('/api/v1/members', newMember({ birthDate: '1991-03-14' }));
    expect(wrongBirth.json().errors.map((e: { code: string }) => e.code)).toContain('nir.birth_mismatch');
    const badIban = await adviser.post(
      '/api/v1/members',
      newMember({ iban: 'FR76 3000 6000 0112 3456 7890 180' }),
    );
    expect(badIban.statusCode).toBe(400);
    expect(badIban.json().errors[0].pointer).toBe('/iban');
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('refuses a member in an office the adviser does not follow, and a duplicate e-mail', async () => {
    const before = await snapshot(t.handle);
    const elsewhere = await adviser.post('/api/v1/members', newMember({ officeId: parisOfficeId }));
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().errors[0].pointer).toBe('/officeId');
    const taken = await adviser.post('/api/v1/members', newMember({ email: 'lea.martin@example.org' }));
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('member.email_taken');
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('follows the status life cycle and refuses impossible transitions', async () => {
    const m = (await adviser.post('/api/v1/members', newMember())).json();
    const to = (status: string) => adviser.post(`/api/v1/members/${m.id}/status`, { status });
    const skip = await to('shareholder');
    expect(skip.statusCode).toBe(422);
    expect(skip.json().code).toBe('member.invalid_status_transition');
    expect((await to('member')).json()).toMatchObject({ status: 'member', joinedOn: '2026-11-20' });
    expect((await to('shareholder')).json().status).toBe('shareholder');
    expect((await to('exited')).json()).toMatchObject({ status: 'exited', exitedOn: '2026-11-20' });
    expect((await to('member')).json().status).toBe('member');
  });

  it('opens the account of a member and e-mails the invitation through the outbox', async () => {
    const m = (await adviser.post('/api/v1/members', newMember())).json();
    expect(m.hasAccount).toBe(false);
    const res = await adviser.post(`/api/v1/members/${m.id}/invitation`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().hasAccount).toBe(true);
    expect(t.mailbox.some((mail) => mail.to === m.email)).toBe(false); // sent by the worker, not inline
    await t.deliver();
    const mail = t.mailbox.find((x) => x.to === m.email);
    expect(mail?.raw).toContain('reset-password');
  });

  it('lists only the members of the adviser’s offices, searchable, sortable and paginated', async () => {
    const page1 = (await adviser.get('/api/v1/members?limit=3&sort=lastName')).json();
    expect(page1.items).toHaveLength(3);
    expect(page1.total).toBeGreaterThan(3);
    const names = page1.items.map((m: { lastName: string }) => m.lastName);
    expect([...names].sort((a, b) => a.localeCompare(b, 'fr'))).toEqual(names);
    const page2 = (
      await adviser.get(`/api/v1/members?limit=3&sort=lastName&cursor=${page1.nextCursor}`)
    ).json();
    expect(page2.items[0].id).not.toBe(page1.items[0].id);
    const all = (await adviser.get('/api/v1/members?limit=100')).json().items;
    for (const m of all)
      expect(['Commune Lille', 'Commune Arras', 'Commune Béthune']).toContain(m.officeName);
    const found = (await adviser.get('/api/v1/members?q=lef%C3%A8vre')).json().items;
    expect(found.map((m: { email: string }) => m.email)).toContain('chloe.lefevre@example.org');
  });
});
