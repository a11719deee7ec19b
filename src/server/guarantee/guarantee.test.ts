// The guarantee fund through HTTP on the demo cooperative: Léa's salary beyond her balance is covered
// by the fund from an unpaid invoice and the cover is released, once, when the client pays; Karim's
// client defaults after litigation and the fund absorbs the loss; limits that the fund cannot honour
// refuse the salary and change nothing; the fund's page is the direction's and the accountants'.
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../domain/access.ts';
import type { Ctx } from '../context.ts';
import { createInvoice, issueInvoice } from '../invoicing/service.ts';
import { createSalaryRequest } from '../payroll/service.ts';
import { createTestApp, type Session, signInDemo, snapshot, type TestApp } from '../testing.ts';
import { sendToLitigation } from '../treasury/service.ts';

let t: TestApp;
let lea: Session;
let karim: Session;
let adviser: Session;
let compta: Session;
let admin: Session;
let paie: Session;
let scic: string;
let sono: string;
let montage: string;
let theatre: string;
let films: string;
let bank: string;

const ok = (res: LightMyRequestResponse, status = 200) => {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json();
};
const on = (ctx: Ctx, instant: string): Ctx => ({ ...ctx, clock: () => new Date(instant) });

/** An invoice of `cents` excl. VAT (20 %) issued on `day` at 30 days, by the system on the activity. */
async function invoice(activityId: string, clientId: string, cents: number, day: string) {
  const ctx = on(t.system, `${day}T09:00:00Z`);
  const draft = await createInvoice(ctx, {
    activityId,
    clientId,
    subject: 'Prestation',
    serviceDate: null,
    lastServiceDate: null,
    notes: '',
    paymentTerm: 'days',
    paymentDays: 30,
    purchaseOrder: null,
    buyerReference: null,
    language: 'fr',
    lines: [
      {
        designation: 'Prestation',
        quantity: 1,
        unitCode: 'DAY',
        unitPriceCents: cents,
        discountCents: 0,
        vatCategory: 'standard',
      },
    ],
  });
  const issued = await issueInvoice(ctx, draft.id);
  return {
    id: draft.id,
    number: issued.number as string,
    totalInclVatCents: issued.totalInclVatCents as number,
  };
}

const fund = async () => ok(await admin.get(`/api/v1/guarantee/funds/${scic}`));
const salaryBalance = async (who: Session, activityId: string) =>
  ok(await who.get(`/api/v1/activities/${activityId}/salary-balance`)) as {
    balanceCents: number;
    pendingSalaryCents: number;
    availableForSalaryCents: number;
  };
const covers = async (who: Session, activityId: string) =>
  ok(await who.get(`/api/v1/activities/${activityId}/guarantee-covers`)).items as {
    id: string;
    documentId: string;
    amountCents: number;
    releasedCents: number;
    outstandingCents: number;
    status: string;
    salaryRequestId: string;
    reasons: { code: string }[];
  }[];
const ask = (who: Session, activityId: string, amountCents: number) =>
  who.post('/api/v1/salary-requests', {
    activityId,
    period: '2026-11',
    amountKind: 'employerCost',
    amountCents,
  });
const pay = (clientId: string, documentId: string, amountCents: number, key?: string) =>
  compta.post(
    '/api/v1/payments',
    {
      bankAccountId: bank,
      clientId,
      paymentDate: '2026-11-20',
      amountCents,
      method: 'transfer',
      reference: 'Virement',
      allocations: [{ documentId, amountCents }],
    },
    key ? { 'idempotency-key': key } : {},
  );
const rows = async (table: string, where: string) =>
  (await sql.raw(`select * from ${table} where ${where}`).execute(t.handle.db)).rows as Record<
    string,
    unknown
  >[];

/** A new activity of Léa's in the SCIC: no other invoice for the fund to draw on. */
async function freshActivity(name: string) {
  const leaMemberId = (
    await t.handle.db
      .selectFrom('members')
      .select('id')
      .where('email', '=', 'lea.martin@example.org')
      .executeTakeFirstOrThrow()
  ).id;
  return ok(await admin.post('/api/v1/activities', { entityId: scic, name, memberIds: [leaMemberId] }), 201)
    .id as string;
}

beforeAll(async () => {
  t = await createTestApp({ seed: 'demo' });
  [lea, karim, adviser, compta, admin, paie] = await signInDemo(
    t.app,
    'lea',
    'karim',
    'adviser',
    'accountant',
    'admin',
    'payroll',
  );
  const entities = ok(await compta.get('/api/v1/entities'));
  scic = (entities.items ?? entities).find((e: { code: string }) => e.code === 'SCIC').id;
  sono = ok(await lea.get('/api/v1/home')).activities.find(
    (a: { name: string }) => a.name === 'Sonorisation de concerts',
  ).id;
  montage = ok(await karim.get('/api/v1/home')).activities.find(
    (a: { name: string }) => a.name === 'Montage de documentaires',
  ).id;
  theatre = ok(await admin.get('/api/v1/clients?q=Tisserands')).items[0].id;
  films = ok(await admin.get('/api/v1/clients?q=Films%20du%20Canal')).items[0].id;
  bank = ok(await compta.get(`/api/v1/treasury/bank-accounts?entityId=${scic}`)).items[0].id;
  // The direction endows the fund (on top of the fee's share, if any): 20,000 €.
  ok(
    await admin.post(`/api/v1/guarantee/funds/${scic}/endowments`, {
      amountCents: 2_000_000,
      entryDate: '2026-11-02',
      label: 'Dotation initiale du fonds de garantie',
    }),
    201,
  );
});

afterAll(async () => {
  await t?.close();
});

describe('the fund’s limits', () => {
  it('are the direction’s, audited; a policy promising more than the fund holds is refused', async () => {
    const before = await snapshot(t.handle);
    const tooMuch = await admin.put(`/api/v1/guarantee/funds/${scic}/settings`, {
      enabled: true,
      maxPerMemberCents: 500_000,
      maxPerClientCents: 1_000_000,
      maxInvoiceAgeDays: 90,
      maxExposureBp: 12_000,
      delayWorkingDays: 3,
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().errors[0].pointer).toBe('/maxExposureBp');
    expect(
      (
        await compta.put(`/api/v1/guarantee/funds/${scic}/settings`, {
          enabled: true,
          maxPerMemberCents: 500_000,
          maxPerClientCents: 1_000_000,
          maxInvoiceAgeDays: 90,
          maxExposureBp: 5000,
          delayWorkingDays: 3,
        })
      ).statusCode,
    ).toBe(403);
    expect(await snapshot(t.handle)).toBe(before);
    const audited = (await rows('audit_log', `action = 'guarantee.settings' and subject_id = '${scic}'`))
      .length;
    const saved = ok(
      await admin.put(`/api/v1/guarantee/funds/${scic}/settings`, {
        enabled: true,
        maxPerMemberCents: 600_000,
        maxPerClientCents: 1_000_000,
        maxInvoiceAgeDays: 90,
        maxExposureBp: 8_000,
        delayWorkingDays: 3,
      }),
    );
    expect(saved).toMatchObject({ saved: true, maxPerMemberCents: 600_000 });
    const audit = await rows('audit_log', `action = 'guarantee.settings' and subject_id = '${scic}'`);
    expect(audit).toHaveLength(audited + 1);
  });

  it('shows the fund to the direction and accountants only', async () => {
    const before = await snapshot(t.handle);
    for (const s of [lea, karim, adviser, paie])
      expect((await s.get(`/api/v1/guarantee/funds/${scic}`)).statusCode).toBe(404);
    expect((await compta.get(`/api/v1/guarantee/funds/${scic}`)).statusCode).toBe(200);
    expect(
      (
        await compta.post(`/api/v1/guarantee/funds/${scic}/endowments`, {
          amountCents: 1,
          entryDate: '2026-11-20',
          label: 'x',
        })
      ).statusCode,
    ).toBe(403);
    expect(await snapshot(t.handle)).toBe(before);
  });
});

describe('early salary covered by the fund', () => {
  let coveredInvoice: { id: string; number: string; totalInclVatCents: number };
  let requestId: string;

  it('covers a salary beyond the balance from an unpaid invoice, posts the cover and explains it', async () => {
    coveredInvoice = await invoice(sono, theatre, 250_000, '2026-11-18');
    const before = await salaryBalance(lea, sono);
    const fundBefore = await fund();
    const res = await ask(lea, sono, before.availableForSalaryCents + 120_000);
    expect(res.statusCode, res.body).toBe(201);
    requestId = res.json().id;
    const reserved = res.json().reservedCents as number;
    const mine = (await covers(lea, sono)).filter((c) => c.salaryRequestId === requestId);
    const covered = mine.reduce((a, c) => a + c.amountCents, 0);
    expect(covered).toBe(reserved - before.availableForSalaryCents);
    expect(mine[0]?.documentId).toBe(coveredInvoice.id);
    expect(mine[0]?.reasons.map((r) => r.code)).toEqual([
      'invoice',
      'member_exposure',
      'fund_exposure',
      'payable_on',
    ]);
    expect(mine[0]?.reasons[0]).toMatchObject({ number: coveredInvoice.number, ageDays: 2 });
    const after = await salaryBalance(lea, sono);
    expect(after.balanceCents).toBe(before.balanceCents + covered);
    expect(after.availableForSalaryCents).toBe(0);
    const f = await fund();
    expect(f.position.exposureCents).toBe(fundBefore.position.exposureCents + covered);
    const account = ok(await lea.get(`/api/v1/activities/${sono}/account`));
    expect(
      account.movements.some(
        (m: { category: string; amountCents: number }) => m.category === 'cover' && m.amountCents === covered,
      ),
    ).toBe(true);
  });

  it('refuses, explaining why, what the fund cannot cover — changing nothing', async () => {
    const before = await snapshot(t.handle);
    const res = await ask(lea, sono, 5_000_000);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('salary.insufficient_balance');
    const why = ok(
      await lea.post(`/api/v1/activities/${sono}/guarantee-covers/preview`, { neededCents: 5_000_000 }),
    );
    expect(why).toMatchObject({ covered: false, coveredCents: 0 });
    expect(why.reasons.map((r: { code: string }) => r.code)).toContain('short');
    expect(
      (await karim.post(`/api/v1/activities/${sono}/guarantee-covers/preview`, { neededCents: 100 }))
        .statusCode,
    ).toBe(404);
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('refuses a cover the fund could not honour (exposure cap), changing nothing', async () => {
    const settings = ok(await admin.get(`/api/v1/guarantee/funds/${scic}/settings`));
    const { entityId: _e, saved: _s, updatedAt: _u, ...rules } = settings;
    ok(await admin.put(`/api/v1/guarantee/funds/${scic}/settings`, { ...rules, maxExposureBp: 1 }));
    const before = await snapshot(t.handle);
    const { availableForSalaryCents } = await salaryBalance(lea, sono);
    const res = await ask(lea, sono, availableForSalaryCents + 10_000);
    expect(res.statusCode).toBe(422);
    const why = ok(
      await lea.post(`/api/v1/activities/${sono}/guarantee-covers/preview`, { neededCents: 10_000 }),
    );
    expect(why.reasons[0].code).toBe('fund_limit');
    expect(await snapshot(t.handle)).toBe(before);
    ok(await admin.put(`/api/v1/guarantee/funds/${scic}/settings`, rules));
  });

  it('releases the cover when the client pays, exactly once whatever the retries', async () => {
    const cover = (await covers(lea, sono)).find((c) => c.salaryRequestId === requestId);
    if (!cover) throw new Error('no cover');
    const balanceBefore = await salaryBalance(lea, sono);
    const first = ok(
      await pay(theatre, coveredInvoice.id, coveredInvoice.totalInclVatCents, 'pay-covered-1'),
      201,
    );
    const again = ok(
      await pay(theatre, coveredInvoice.id, coveredInvoice.totalInclVatCents, 'pay-covered-1'),
      201,
    );
    expect(again.id).toBe(first.id);
    const released = (await covers(lea, sono)).find((c) => c.id === cover.id);
    expect(released).toMatchObject({
      status: 'released',
      releasedCents: cover.amountCents,
      outstandingCents: 0,
    });
    expect(await rows('guarantee_releases', `cover_id = '${cover.id}'`)).toHaveLength(1);
    // The payment brings 2,500 € excl. VAT; the cover goes back to the fund from it.
    const after = await salaryBalance(lea, sono);
    expect(after.balanceCents - balanceBefore.balanceCents).toBe(250_000 - cover.amountCents);
    // The invoice is paid: a further payment finds nothing to settle and releases nothing.
    expect((await pay(theatre, coveredInvoice.id, 1_000)).statusCode).toBe(422);
    expect(await rows('guarantee_releases', `cover_id = '${cover.id}'`)).toHaveLength(1);
  });

  it('releases in proportion to partial payments, and concurrent payments never release twice', async () => {
    const inv = await invoice(sono, theatre, 300_000, '2026-11-19');
    const before = await salaryBalance(lea, sono);
    const req = ok(await ask(lea, sono, before.availableForSalaryCents + 200_000), 201);
    const cover = (await covers(lea, sono)).find(
      (c) => c.salaryRequestId === req.id && c.documentId === inv.id,
    );
    if (!cover) throw new Error('no cover');
    // 1,200 € incl. VAT = 1,000 € excl. VAT released; then two payments at once for the rest.
    ok(await pay(theatre, inv.id, 120_000), 201);
    expect((await covers(lea, sono)).find((c) => c.id === cover.id)?.releasedCents).toBe(
      Math.min(100_000, cover.amountCents),
    );
    const rest = inv.totalInclVatCents - 120_000;
    const [a, b] = await Promise.all([pay(theatre, inv.id, rest / 2), pay(theatre, inv.id, rest / 2)]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    const final = (await covers(lea, sono)).find((c) => c.id === cover.id);
    expect(final).toMatchObject({ status: 'released', releasedCents: cover.amountCents });
    const releases = await rows('guarantee_releases', `cover_id = '${cover.id}'`);
    expect(releases.reduce((s, r) => s + Number(r.amountCents ?? r.amount_cents), 0)).toBe(cover.amountCents);
  });

  it('never leaves a cover open on an invoice paid at the same moment the salary is asked', async () => {
    for (const round of [1, 2, 3]) {
      const activity = await freshActivity(`Régie concert ${round}`);
      const inv = await invoice(activity, theatre, 200_000, '2026-11-20');
      const { availableForSalaryCents } = await salaryBalance(lea, activity);
      const [payment, request] = await Promise.all([
        pay(theatre, inv.id, inv.totalInclVatCents),
        ask(lea, activity, Math.max(0, availableForSalaryCents) + 50_000),
      ]);
      expect(payment.statusCode, payment.body).toBe(201);
      // Covered before the payment (then released by it), or asked after it (the money is there).
      expect([201, 422]).toContain(request.statusCode);
      for (const c of (await covers(lea, activity)).filter((x) => x.documentId === inv.id))
        expect(c).toMatchObject({ status: 'released', outstandingCents: 0 });
    }
  });

  // Only PostgreSQL runs two transactions at once (the embedded database has one connection).
  it.runIf(Boolean(process.env.DATABASE_URL))(
    'does not draw on an invoice that a payment is settling at this very moment',
    async () => {
      const activity = await freshActivity('Régie festival');
      const inv = await invoice(activity, theatre, 200_000, '2026-11-20');
      const preview = () =>
        lea.post(`/api/v1/activities/${activity}/guarantee-covers/preview`, { neededCents: 50_000 });
      expect(ok(await preview()).parts.map((p: { documentId: string }) => p.documentId)).toEqual([inv.id]);
      // A payment in flight holds the invoice: the fund neither waits for it nor covers from it.
      await t.handle.db.transaction().execute(async (trx) => {
        await sql`select id from sales_documents where id = ${inv.id} for update`.execute(trx);
        const busy = ok(await preview());
        expect(busy).toMatchObject({ covered: false, parts: [] });
        expect(busy.reasons[0].code).toBe('no_invoice');
      });
      expect(ok(await preview()).covered).toBe(true);
    },
  );

  it('cancels the cover of a salary the payroll team sends back', async () => {
    const inv = await invoice(sono, theatre, 150_000, '2026-11-20');
    const before = await salaryBalance(lea, sono);
    const req = ok(await ask(lea, sono, before.availableForSalaryCents + 50_000), 201);
    const cover = (await covers(lea, sono)).find((c) => c.salaryRequestId === req.id);
    expect(cover?.documentId).toBe(inv.id);
    ok(await paie.post(`/api/v1/salary-requests/${req.id}/return`, { comment: 'Période déjà payée' }));
    expect((await covers(lea, sono)).find((c) => c.id === cover?.id)?.status).toBe('cancelled');
    const after = await salaryBalance(lea, sono);
    expect(after.balanceCents).toBe(before.balanceCents);
  });
});

describe('the payable-by day of a covered salary, on the payroll desk and the cockpit', () => {
  type Listed = { id: string; payableOn: string | null; status: string };
  const listed = async (query: string) =>
    ok(await paie.get(`/api/v1/salary-requests?${query}&limit=200`)).items as Listed[];
  /** Léa, acting on another day (the fund dates its promise from the day the salary is asked). */
  async function leaOn(instant: string): Promise<Ctx> {
    const member = await t.handle.db
      .selectFrom('members')
      .select(['id', 'userId'])
      .where('email', '=', 'lea.martin@example.org')
      .executeTakeFirstOrThrow();
    const actor: Actor = {
      userId: member.userId ?? 'lea',
      email: 'lea.martin@example.org',
      name: 'Léa Martin',
      roles: ['member'],
      officeIds: [],
      memberId: member.id,
    };
    return { ...on(t.system, instant), actor };
  }
  const setDelay = async (delayWorkingDays: number) => {
    const {
      entityId: _e,
      saved: _s,
      updatedAt: _u,
      ...rules
    } = ok(await admin.get(`/api/v1/guarantee/funds/${scic}/settings`));
    ok(await admin.put(`/api/v1/guarantee/funds/${scic}/settings`, { ...rules, delayWorkingDays }));
  };
  /** A covered request on a new activity of Léa's: nothing on it but the invoice the fund draws on. */
  async function covered(name: string, invoiceDay: string) {
    const activity = await freshActivity(name);
    const inv = await invoice(activity, theatre, 200_000, invoiceDay);
    const req = ok(await ask(lea, activity, 80_000), 201) as Listed;
    return { activity, inv, req };
  }

  let late: Listed;
  let soon: Listed;
  let later: Listed;
  let plain: Listed;
  let laterInvoice: { id: string; totalInclVatCents: number };

  it('lists each covered request with the day its cover promises it by', async () => {
    // Today is Friday 20 November 2026. Asked on Thursday 12 with three working days: due on the 17th.
    const activity = await freshActivity('Régie des Flandres');
    await invoice(activity, theatre, 200_000, '2026-11-10');
    late = (await createSalaryRequest(await leaOn('2026-11-12T09:00:00Z'), {
      activityId: activity,
      period: '2026-11',
      amountKind: 'employerCost',
      amountCents: 80_000,
    })) as Listed;
    expect(late.payableOn).toBe('2026-11-17');
    await setDelay(1);
    soon = (await covered('Régie du Nord', '2026-11-19')).req;
    expect(soon.payableOn).toBe('2026-11-23');
    await setDelay(5);
    const c = await covered('Régie de l’Escaut', '2026-11-19');
    later = c.req;
    laterInvoice = c.inv;
    expect(later.payableOn).toBe('2026-11-27');
    await setDelay(3);
    // The day is the cover's, as the fund's own list of covers says.
    const cover = (await covers(lea, c.activity)).find((x) => x.salaryRequestId === later.id) as unknown as {
      payableOn: string;
    };
    expect(cover.payableOn).toBe('2026-11-27');
    expect(ok(await paie.get(`/api/v1/salary-requests/${later.id}`)).payableOn).toBe('2026-11-27');
    // The member reads it on their own list too.
    const mine = ok(await lea.get('/api/v1/salary-requests?limit=200')).items as Listed[];
    expect(mine.find((r) => r.id === soon.id)?.payableOn).toBe('2026-11-23');

    // A salary the activity's balance pays alone is not covered: no day.
    const funded = await freshActivity('Régie du Hainaut');
    ok(
      await compta.post('/api/v1/ledger/entries', {
        entityId: scic,
        journalCode: 'BQ',
        entryDate: '2026-11-10',
        label: 'Règlement client',
        lines: [
          { accountNumber: '512', debitCents: 300_000 },
          { accountNumber: '706', activityId: funded, creditCents: 300_000 },
        ],
      }),
      201,
    );
    plain = ok(await ask(lea, funded, 80_000), 201) as Listed;
    expect(plain.payableOn).toBeNull();
  });

  it('keeps the day once the client has paid the fund back, drops it when the salary is sent back', async () => {
    ok(await pay(theatre, laterInvoice.id, laterInvoice.totalInclVatCents), 201);
    expect(ok(await paie.get(`/api/v1/salary-requests/${later.id}`)).payableOn).toBe('2026-11-27');

    const returned = (await covered('Régie de la Lys', '2026-11-19')).req;
    expect(returned.payableOn).toBe('2026-11-25');
    ok(await paie.post(`/api/v1/salary-requests/${returned.id}/return`, { comment: 'Mois déjà payé' }));
    const after = ok(await paie.get(`/api/v1/salary-requests/${returned.id}`));
    expect(after).toMatchObject({ status: 'returned', payableOn: null });
    expect((await listed(`entityId=${scic}&covered=true`)).some((r) => r.id === returned.id)).toBe(false);
    expect((await listed(`entityId=${scic}&covered=false`)).some((r) => r.id === returned.id)).toBe(true);
  });

  it('lists the covered requests first, the nearest payable-by day first, for the payroll desk', async () => {
    const items = await listed(`entityId=${scic}&status=submitted&sort=payableOn`);
    const days = items.map((r) => r.payableOn);
    const firstUncovered = days.indexOf(null);
    expect(firstUncovered).toBeGreaterThan(0);
    expect(days.slice(firstUncovered).every((d) => d === null)).toBe(true);
    const coveredDays = days.slice(0, firstUncovered) as string[];
    expect(coveredDays).toEqual([...coveredDays].sort());
    const at = (r: Listed) => items.findIndex((x) => x.id === r.id);
    expect(at(late)).toBeLessThan(at(soon));
    expect(at(soon)).toBeLessThan(at(later));
    expect(at(later)).toBeLessThan(at(plain));
    // Without the sort, newest first as before.
    const newest = await listed(`entityId=${scic}&status=submitted`);
    expect(newest.map((r) => r.id)).toContain(plain.id);
    expect(newest.findIndex((r) => r.id === plain.id)).toBeLessThan(
      newest.findIndex((r) => r.id === late.id),
    );
    // Covered only: the same covered requests, in the same order.
    expect(
      (await listed(`entityId=${scic}&status=submitted&covered=true&sort=payableOn`)).map((r) => r.id),
    ).toEqual(items.slice(0, firstUncovered).map((r) => r.id));
    expect((await paie.get('/api/v1/salary-requests?sort=createdAt')).statusCode).toBe(400);
  });

  it('counts on the cockpit the covered salaries still to pay, due and past due, with the nearest day', async () => {
    // Validated, a covered salary still waits for a run: it still counts.
    ok(await paie.post(`/api/v1/salary-requests/${soon.id}/validation`, {}));
    const all = [
      ...(await listed('covered=true&status=submitted')),
      ...(await listed('covered=true&status=validated')),
    ];
    const days = all.map((r) => r.payableOn as string);
    const cockpit = ok(await admin.get('/api/v1/backoffice/cockpit'));
    const salaries = cockpit.queues.find((q: { key: string }) => q.key === 'salaries');
    expect(salaries.payable).toEqual({
      coveredCount: all.length,
      dueCount: days.filter((d) => d >= '2026-11-20' && d <= '2026-11-24').length,
      overdueCount: days.filter((d) => d < '2026-11-20').length,
      nearestPayableOn: [...days].sort()[0],
    });
    expect(salaries.payable.overdueCount).toBeGreaterThanOrEqual(1);
    expect(salaries.payable.dueCount).toBeGreaterThanOrEqual(1);
    expect(salaries.payable.nearestPayableOn <= '2026-11-17').toBe(true);
    // Its items carry their day (the demo's oldest requests are covered ones); the other queues have none.
    expect(salaries.items.some((i: { payableOn: string | null }) => i.payableOn !== null)).toBe(true);
    const item = salaries.items.find((i: { id: string }) => i.id === late.id);
    if (item) expect(item.payableOn).toBe('2026-11-17');
    for (const q of cockpit.queues) if (q.key !== 'salaries') expect(q.payable).toBeNull();
    // An adviser sees those of their offices only: never more than the whole cooperative.
    const mine = ok(await adviser.get('/api/v1/backoffice/cockpit')).queues.find(
      (q: { key: string }) => q.key === 'salaries',
    );
    expect(mine.payable.coveredCount).toBeLessThanOrEqual(all.length);
  });
});

describe('a covered invoice of an activity repaying an advance from its revenue', () => {
  it('gives the fund its cover first; the advance takes its share of the rest', async () => {
    const activity = await freshActivity('Régie lumière de tournée');
    const advance = ok(
      await lea.post('/api/v1/advances', {
        activityId: activity,
        kind: 'advance',
        purpose: 'Trésorerie du début de tournée',
        amountCents: 50_000,
        repayment: 'revenue',
        revenueShareBp: 2_500,
      }),
      201,
    );
    ok(await compta.post(`/api/v1/advances/${advance.id}/decision`, { approve: true, fileFeeBp: 0 }));
    const inv = await invoice(activity, theatre, 100_000, '2026-11-18');
    const before = await salaryBalance(lea, activity);
    const res = await ask(lea, activity, before.availableForSalaryCents + 60_000);
    expect(res.statusCode, res.body).toBe(201);
    const cover = (await covers(lea, activity)).find((c) => c.salaryRequestId === res.json().id);
    if (!cover) throw new Error('no cover');
    const balanceBefore = await salaryBalance(lea, activity);

    ok(await pay(theatre, inv.id, inv.totalInclVatCents), 201);
    // The payment brings 1,000 € excl. VAT: the cover goes back to the fund, and the advance takes
    // 25 % of what is left, not of the whole.
    const share = Math.round(((100_000 - cover.amountCents) * 2_500) / 10_000);
    expect((await covers(lea, activity)).find((c) => c.id === cover.id)?.releasedCents).toBe(
      cover.amountCents,
    );
    const repaid = ok(await lea.get(`/api/v1/advances/${advance.id}`));
    expect(repaid.repaidCents).toBe(share);
    const after = await salaryBalance(lea, activity);
    expect(after.balanceCents - balanceBefore.balanceCents).toBe(100_000 - cover.amountCents - share);
  });
});

describe('a credit note on a covered invoice', () => {
  /** The lines the fund's give-back posted for a credit note. */
  const givenBack = async (creditNoteId: string) =>
    (
      await sql<{ number: string; debit: string; credit: string; activity: string | null }>`
        select a.number, l.debit_cents as debit, l.credit_cents as credit, l.activity_id as activity
        from journal_entries e join journal_entry_lines l on l.entry_id = e.id
        join ledger_accounts a on a.id = l.account_id
        where e.source_type = 'sales_document' and e.source_id = ${creditNoteId}
          and a.number in ('962', '972') order by e.seq, l.line_no`.execute(t.handle.db)
    ).rows.map((r) => ({
      account: r.number,
      debit: Number(r.debit),
      credit: Number(r.credit),
      activity: r.activity,
    }));

  it('gives back the part of the cover the invoice can no longer bring; the payment releases the rest', async () => {
    const activity = await freshActivity('Régie plateau');
    const inv = await invoice(activity, theatre, 200_000, '2026-11-19');
    const before = await salaryBalance(lea, activity);
    const req = ok(await ask(lea, activity, Math.max(0, before.availableForSalaryCents) + 100_000), 201);
    const [cover] = (await covers(lea, activity)).filter((c) => c.salaryRequestId === req.id);
    if (!cover) throw new Error('no cover');
    expect(cover.documentId).toBe(inv.id);
    const fundBefore = await fund();

    // A discount granted to the client leaves 300 € less to come than the cover: that part goes back.
    const remaining = cover.amountCents - 30_000;
    const note = ok(
      await admin.post('/api/v1/credit-notes', {
        invoiceId: inv.id,
        reason: 'Remise accordée',
        lines: [
          {
            designation: 'Remise',
            quantity: 1,
            unitCode: 'LS',
            unitPriceCents: 200_000 - remaining,
            vatCategory: 'standard',
          },
        ],
      }),
      201,
    ) as { id: string; totalInclVatCents: number };
    const trimmed = (await covers(lea, activity)).find((c) => c.id === cover.id);
    expect(trimmed).toMatchObject({ status: 'active', outstandingCents: remaining });
    const fundAfter = await fund();
    expect(fundAfter.position.exposureCents).toBe(fundBefore.position.exposureCents - 30_000);
    expect(fundAfter.givenBackByCreditNotesCents).toBe(fundBefore.givenBackByCreditNotesCents + 30_000);
    // The activity gives it back (972 on its axis), the fund takes it back (962).
    expect(await givenBack(note.id)).toEqual([
      { account: '972', debit: 30_000, credit: 0, activity },
      { account: '962', debit: 0, credit: 30_000, activity: null },
    ]);
    expect(
      await rows('audit_log', `action = 'guarantee.cover_reduce' and subject_id = '${cover.id}'`),
    ).toHaveLength(1);

    // The client pays what is left: the cover is released in full and closed.
    ok(await pay(theatre, inv.id, inv.totalInclVatCents - note.totalInclVatCents), 201);
    const closed = (await covers(lea, activity)).find((c) => c.id === cover.id);
    expect(closed).toMatchObject({
      status: 'released',
      releasedCents: cover.amountCents,
      outstandingCents: 0,
    });
    expect((await fund()).position.exposureCents).toBe(fundBefore.position.exposureCents - cover.amountCents);
  });

  it('cancels the whole cover when a credit note cancels the invoice', async () => {
    const activity = await freshActivity('Régie lumière');
    const inv = await invoice(activity, theatre, 180_000, '2026-11-20');
    const before = await salaryBalance(lea, activity);
    const req = ok(await ask(lea, activity, Math.max(0, before.availableForSalaryCents) + 40_000), 201);
    const [cover] = (await covers(lea, activity)).filter((c) => c.salaryRequestId === req.id);
    if (!cover) throw new Error('no cover');
    expect(cover.documentId).toBe(inv.id);
    const fundBefore = await fund();
    const note = ok(
      await admin.post('/api/v1/credit-notes', { invoiceId: inv.id, reason: 'Annulation' }),
      201,
    ) as { id: string };
    expect((await covers(lea, activity)).find((c) => c.id === cover.id)).toMatchObject({
      status: 'cancelled',
      outstandingCents: 0,
    });
    expect(await givenBack(note.id)).toEqual([
      { account: '972', debit: cover.amountCents, credit: 0, activity },
      { account: '962', debit: 0, credit: cover.amountCents, activity: null },
    ]);
    const fundAfter = await fund();
    expect(fundAfter.position.exposureCents).toBe(fundBefore.position.exposureCents - cover.amountCents);
    // Cancelled whole, it is no longer counted as granted (nor as given back).
    expect(fundAfter.coversGrantedCents).toBe(fundBefore.coversGrantedCents - cover.amountCents);
    expect(fundAfter.givenBackByCreditNotesCents).toBe(fundBefore.givenBackByCreditNotesCents);
    expect(await rows('guarantee_releases', `cover_id = '${cover.id}' and kind = 'cancel'`)).toHaveLength(1);
  });
});

describe('a client who never pays', () => {
  it('is absorbed by the fund once declared irrecoverable after litigation; the activity loses nothing', async () => {
    const ht = 800_000;
    const inv = await invoice(montage, films, ht, '2026-09-25');
    const before = await salaryBalance(karim, montage);
    // Beyond what the activity holds (it may be below zero): 1,500 € more than its balance allows.
    const req = ok(await ask(karim, montage, Math.max(0, before.availableForSalaryCents) + 150_000), 201);
    const cover = (await covers(karim, montage)).find((c) => c.salaryRequestId === req.id);
    expect(cover?.documentId).toBe(inv.id);
    const covered = cover?.amountCents ?? 0;

    // Not in litigation yet: refused.
    const early = await compta.post(`/api/v1/collection/invoices/${inv.id}/irrecoverable`, {
      reason: 'Liquidation judiciaire',
    });
    expect(early.statusCode).toBe(422);
    expect(early.json().code).toBe('guarantee.not_irrecoverable');
    await sendToLitigation(t.system, inv.id);

    const refusedBefore = await snapshot(t.handle);
    for (const s of [karim, adviser, paie])
      expect(
        (
          await s.post(`/api/v1/collection/invoices/${inv.id}/irrecoverable`, {
            reason: 'Liquidation judiciaire',
          })
        ).statusCode,
      ).toBeOneOf([403, 404]);
    expect(await snapshot(t.handle)).toBe(refusedBefore);

    const fundBefore = await fund();
    const mid = await salaryBalance(karim, montage);
    const accountBefore = ok(await karim.get(`/api/v1/activities/${montage}/account`));
    const done = ok(
      await compta.post(
        `/api/v1/collection/invoices/${inv.id}/irrecoverable`,
        { reason: 'Liquidation judiciaire du client, créance non admise' },
        { 'idempotency-key': 'wo-1' },
      ),
      201,
    );
    expect(done).toMatchObject({
      outstandingCents: 960_000,
      lossExclVatCents: ht,
      vatCents: 160_000,
      fromCoversCents: covered,
      extraCents: ht - covered,
      activityLossCents: 0,
    });
    // Once only.
    const twice = await compta.post(`/api/v1/collection/invoices/${inv.id}/irrecoverable`, {
      reason: 'Encore',
    });
    expect(twice.statusCode).toBe(409);

    // The books: the loss on 654, the VAT that never fell due cancelled, 416 cleared; the fund's 974.
    const entry = ok(await compta.get(`/api/v1/ledger/entries/${done.lossEntryId}`));
    const line = (n: string) => entry.lines.find((l: { accountNumber: string }) => l.accountNumber === n);
    expect(line('654')).toMatchObject({ debitCents: ht });
    expect(line('44580')).toMatchObject({ debitCents: 160_000 });
    expect(line('416')).toMatchObject({ creditCents: 960_000 });
    const fundEntry = ok(await compta.get(`/api/v1/ledger/entries/${done.fundEntryId}`));
    const debits = fundEntry.lines.reduce((s: number, l: { debitCents: number }) => s + l.debitCents, 0);
    const credits = fundEntry.lines.reduce((s: number, l: { creditCents: number }) => s + l.creditCents, 0);
    expect(debits).toBe(credits);

    // The member's account: made whole as if the client had paid (nothing taken back, the rest paid).
    const after = await salaryBalance(karim, montage);
    expect(after.balanceCents).toBe(mid.balanceCents + ht - covered);
    expect(after.balanceCents).toBeGreaterThanOrEqual(mid.balanceCents);
    const accountAfter = ok(await karim.get(`/api/v1/activities/${montage}/account`));
    expect(accountAfter.figures.outstandingReceivablesCents).toBe(
      accountBefore.figures.outstandingReceivablesCents - 960_000,
    );
    expect((await covers(karim, montage)).find((c) => c.id === cover?.id)?.status).toBe('absorbed');

    const f = await fund();
    expect(f.position.lossesCents).toBe(fundBefore.position.lossesCents + ht);
    expect(f.position.exposureCents).toBe(fundBefore.position.exposureCents - covered);
    expect(f.position.balanceCents).toBeGreaterThanOrEqual(0);
    expect(f.losses[0]).toMatchObject({ invoiceNumber: inv.number, absorbedCents: ht });
    // Paying it now is refused: it is settled in the books.
    expect((await pay(films, inv.id, 1_000)).statusCode).toBe(422);
  });

  it('gives the direction a stress report: the three largest clients default', async () => {
    const f = await fund();
    expect(f.stress.defaulting.length).toBeLessThanOrEqual(3);
    const sorted = [...f.stress.defaulting].sort((a, b) => b.receivableCents - a.receivableCents);
    expect(f.stress.defaulting).toEqual(sorted);
    expect(f.stress.balanceAfterCents).toBe(f.position.balanceCents - f.stress.absorbedCents);
    expect(f.stress.balanceAfterCents).toBeGreaterThanOrEqual(0);
    expect(f.months.length).toBeGreaterThan(0);
  });

  it('reads the same on the direction dashboard: covers outstanding, fund balance, the loss absorbed', async () => {
    // By now the fund has covered salaries, been released by payments, given back by credit notes and
    // absorbed a default: the dashboard, which reads the ledger by account, says what the fund page says.
    // And a cover still outstanding: an invoice of today not paid yet.
    const activity = await freshActivity('Régie son');
    await invoice(activity, theatre, 150_000, '2026-11-20');
    const { availableForSalaryCents } = await salaryBalance(lea, activity);
    ok(await ask(lea, activity, Math.max(0, availableForSalaryCents) + 60_000), 201);
    const f = await fund();
    expect(f.position.lossesCents).toBeGreaterThan(0);
    expect(f.position.exposureCents).toBeGreaterThan(0);
    const d = ok(await admin.get(`/api/v1/backoffice/dashboard?year=2026&entityId=${scic}`));
    expect(d.totals.exposureCents).toBe(f.position.exposureCents);
    expect(d.totals.fundBalanceCents).toBe(f.position.balanceCents);
    const november = d.months.find((m: { month: string }) => m.month === '2026-11');
    expect(november).toMatchObject({
      exposureCents: f.position.exposureCents,
      fundBalanceCents: f.position.balanceCents,
    });
  });
});
