// Advances and equipment loans through HTTP on the demo cooperative: Léa asks, her Lille adviser
// approves with a file fee, the money reaches her activity's account; a scheduled loan takes its
// instalments when due (each once), an advance repaid from revenue takes its share of a client
// payment (once, whatever the retries); who may see and decide what.
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../context.ts';
import { createInvoice, issueInvoice } from '../invoicing/service.ts';
import { createTestApp, type Session, signInDemo, snapshot, type TestApp } from '../testing.ts';
import { pendingAdvancesByOffice, runInstalments } from './service.ts';

let t: TestApp;
let lea: Session;
let karim: Session;
let adviser: Session;
let lyonAdviser: Session;
let compta: Session;
let paie: Session;
let sono: string;
let theatre: string;
let bank: string;

const ok = (res: LightMyRequestResponse, status = 200) => {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json();
};
const balance = async (activityId: string) =>
  ok(await lea.get(`/api/v1/activities/${activityId}/salary-balance`)).balanceCents as number;

beforeAll(async () => {
  t = await createTestApp({ seed: 'demo' });
  [lea, karim, adviser, lyonAdviser, compta, paie] = await signInDemo(
    t.app,
    'lea',
    'karim',
    'adviser',
    'lyonAdviser',
    'accountant',
    'payroll',
  );
  sono = ok(await lea.get('/api/v1/home')).activities.find(
    (a: { name: string }) => a.name === 'Sonorisation de concerts',
  ).id;
  theatre = ok(await compta.get('/api/v1/clients?q=Tisserands')).items[0].id;
  const entities = ok(await compta.get('/api/v1/entities'));
  const scic = (entities.items ?? entities).find((e: { code: string }) => e.code === 'SCIC').id;
  bank = ok(await compta.get(`/api/v1/treasury/bank-accounts?entityId=${scic}`)).items[0].id;
});

afterAll(async () => {
  await t?.close();
});

describe('an equipment loan repaid by instalments', () => {
  let loan: { id: string };

  it('is asked by a member of the activity only, and refused when malformed, changing nothing', async () => {
    const before = await snapshot(t.handle);
    const body = {
      activityId: sono,
      kind: 'loan',
      purpose: 'Console de mixage numérique 32 voies',
      amountCents: 300_000,
      repayment: 'schedule',
      instalments: 3,
      firstDueOn: '2026-11-15',
    };
    expect((await karim.post('/api/v1/advances', body)).statusCode).toBe(404);
    expect((await adviser.post('/api/v1/advances', body)).statusCode).toBe(403);
    const noSchedule = await lea.post('/api/v1/advances', { ...body, instalments: null });
    expect(noSchedule.statusCode).toBe(400);
    expect(noSchedule.json().errors[0].pointer).toBe('/instalments');
    expect((await lea.post('/api/v1/advances', { ...body, amountCents: 50 })).statusCode).toBe(400);
    expect(await snapshot(t.handle)).toBe(before);
    loan = ok(await lea.post('/api/v1/advances', body, { 'idempotency-key': 'loan-1' }), 201);
    const again = ok(await lea.post('/api/v1/advances', body, { 'idempotency-key': 'loan-1' }), 201);
    expect(again.id).toBe(loan.id);
    expect(again).toMatchObject({ status: 'requested', remainingCents: 0, schedule: [] });
  });

  it('shows in the pending queue of Lille, is hidden from others, and is decided by the office', async () => {
    const pending = await pendingAdvancesByOffice(t.handle.db);
    expect(pending.reduce((s, p) => s + p.count, 0)).toBeGreaterThanOrEqual(1);
    const before = await snapshot(t.handle);
    expect((await karim.get(`/api/v1/advances/${loan.id}`)).statusCode).toBe(404);
    expect((await lyonAdviser.get(`/api/v1/advances/${loan.id}`)).statusCode).toBe(404);
    expect(ok(await karim.get('/api/v1/advances')).items.some((a: { id: string }) => a.id === loan.id)).toBe(
      false,
    );
    expect(
      (await lyonAdviser.post(`/api/v1/advances/${loan.id}/decision`, { approve: true })).statusCode,
    ).toBe(404);
    expect((await lea.post(`/api/v1/advances/${loan.id}/decision`, { approve: true })).statusCode).toBe(403);
    expect((await paie.post(`/api/v1/advances/${loan.id}/decision`, { approve: true })).statusCode).toBe(403);
    expect(await snapshot(t.handle)).toBe(before);

    const was = await balance(sono);
    const approved = ok(
      await adviser.post(`/api/v1/advances/${loan.id}/decision`, {
        approve: true,
        fileFeeBp: 150,
        comment: 'OK',
      }),
    );
    expect(approved).toMatchObject({ status: 'active', fileFeeCents: 4_500, remainingCents: 300_000 });
    expect(approved.schedule.map((i: { amountCents: number }) => i.amountCents)).toEqual([
      100_000, 100_000, 100_000,
    ]);
    expect(approved.schedule.map((i: { dueOn: string }) => i.dueOn)).toEqual([
      '2026-11-15',
      '2026-12-15',
      '2027-01-15',
    ]);
    // The money reaches the activity, less the file fee.
    expect(await balance(sono)).toBe(was + 300_000 - 4_500);
    const account = ok(await lea.get(`/api/v1/activities/${sono}/account`));
    expect(
      account.movements.some(
        (m: { category: string; amountCents: number }) =>
          m.category === 'advance' && m.amountCents === 295_500,
      ),
    ).toBe(true);
    // Once.
    const twice = await adviser.post(`/api/v1/advances/${loan.id}/decision`, { approve: false });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('advance.invalid_status');
  });

  it('takes each instalment when due, once, however many runs', async () => {
    const was = await balance(sono);
    const first = await runInstalments(t.system);
    const second = await runInstalments(t.system);
    expect(first.repaid).toBeGreaterThanOrEqual(1);
    expect(second.repaid).toBe(0);
    const view = ok(await lea.get(`/api/v1/advances/${loan.id}`));
    expect(view.schedule[0].repaidOn).toBe('2026-11-15');
    expect(view.schedule[1].repaidOn).toBeNull();
    expect(view).toMatchObject({ repaidCents: 100_000, remainingCents: 200_000, status: 'active' });
    expect(await balance(sono)).toBe(was - 100_000);
    // Members and advisers do not run the books.
    expect((await lea.post('/api/v1/advances/instalments/run')).statusCode).toBe(404);
  });
});

describe('an advance repaid from revenue', () => {
  it('takes its share of each client payment, never twice for one payment', async () => {
    const advance = ok(
      await lea.post('/api/v1/advances', {
        activityId: sono,
        kind: 'advance',
        purpose: 'Trésorerie en attendant le solde du festival',
        amountCents: 100_000,
        repayment: 'revenue',
        revenueShareBp: 2_500,
      }),
      201,
    );
    ok(await compta.post(`/api/v1/advances/${advance.id}/decision`, { approve: true, fileFeeBp: 0 }));
    const ctx: Ctx = { ...t.system, clock: () => new Date('2026-11-18T09:00:00Z') };
    const draft = await createInvoice(ctx, {
      activityId: sono,
      clientId: theatre,
      subject: 'Sonorisation',
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
          designation: 'Régie',
          quantity: 1,
          unitCode: 'DAY',
          unitPriceCents: 200_000,
          discountCents: 0,
          vatCategory: 'standard',
        },
      ],
    });
    await issueInvoice(ctx, draft.id);
    const pay = () =>
      compta.post(
        '/api/v1/payments',
        {
          bankAccountId: bank,
          clientId: theatre,
          paymentDate: '2026-11-20',
          amountCents: 240_000,
          method: 'transfer',
          reference: 'VIR',
          allocations: [{ documentId: draft.id, amountCents: 240_000 }],
        },
        { 'idempotency-key': 'advance-pay-1' },
      );
    ok(await pay(), 201);
    ok(await pay(), 201);
    const view = ok(await lea.get(`/api/v1/advances/${advance.id}`));
    // 25 % of the 2,000 € excl. VAT the payment brings: 500 €.
    expect(view).toMatchObject({ repaidCents: 50_000, remainingCents: 50_000 });
    expect(view.repayments).toHaveLength(1);
    expect(view.repayments[0]).toMatchObject({ source: 'revenue', amountCents: 50_000 });
    const rows = (
      await sql`select count(*)::int as n from advance_repayments where advance_id = ${advance.id}`.execute(
        t.handle.db,
      )
    ).rows as { n: number }[];
    expect(rows[0]?.n).toBe(1);
  });
});
