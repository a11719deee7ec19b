// The cooperative fee end to end: policy versions (never retroactive), the fee charged by an issued
// invoice or by a payment (invoiced or collected base), the tier, the exception, credit notes, the
// yearly minimum posted once, retries that never charge twice, and what a member sees of it.
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, frIban, type Session, signInDemo, snapshot, type TestApp } from '../testing.ts';
import { chargeIssuedDocument, runYearMinimum } from './service.ts';

let t: TestApp;
let lea: Session;
let karim: Session;
let adviser: Session;
let lyon: Session;
let compta: Session;
let admin: Session;
let entities: Record<'SCIC' | 'CAE' | 'PORTAGE', string>;
let leaMemberId: string;
let theatre: string;

const ok = (res: LightMyRequestResponse, status = 200) => {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json();
};
const problem = (res: LightMyRequestResponse, status: number) => {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  return res.json() as { code: string; errors?: { pointer: string; code: string }[] };
};

const guarded = [
  'fee_policy_versions',
  'fee_charges',
  'fee_budget_shares',
  'journal_entries',
  'activities',
  'audit_log',
];

/** A new activity of Léa's in an entity, so each test starts from a year with nothing charged. */
async function activityIn(entity: keyof typeof entities, name: string) {
  return ok(
    await admin.post('/api/v1/activities', {
      entityId: entities[entity],
      name: `${name} ${Math.random()}`,
      memberIds: [leaMemberId],
    }),
    201,
  ).id as string;
}

async function issue(activityId: string, unitPriceCents: number, headers: Record<string, string> = {}) {
  const draft = ok(
    await admin.post('/api/v1/invoices', {
      activityId,
      clientId: theatre,
      subject: 'Prestation',
      lines: [
        { designation: 'Prestation', quantity: 1, unitCode: 'DAY', unitPriceCents, vatCategory: 'standard' },
      ],
    }),
    201,
  );
  return ok(await admin.post(`/api/v1/invoices/${draft.id}/issue`, {}, headers)) as {
    id: string;
    number: string;
    totalInclVatCents: number;
    totalVatCents: number;
    totalExclVatCents: number;
  };
}

/** The lines of the ANA entries posted for a source, by account. */
async function feeLines(sourceId: string) {
  const rows = await sql<{ number: string; debit: string; credit: string; activity: string | null }>`
    select a.number, l.debit_cents as debit, l.credit_cents as credit, l.activity_id as activity
    from journal_entries e join ledger_journals j on j.id = e.journal_id and j.code = 'ANA'
    join journal_entry_lines l on l.entry_id = e.id join ledger_accounts a on a.id = l.account_id
    where e.source_id = ${sourceId} order by e.seq, l.line_no`.execute(t.handle.db);
  return rows.rows.map((r) => ({
    account: r.number,
    debit: Number(r.debit),
    credit: Number(r.credit),
    activity: r.activity,
  }));
}

const charges = async (activityId: string) =>
  (
    ok(await lea.get(`/api/v1/fees/activities/${activityId}`)) as {
      charges: { kind: string; feeCents: number; baseCents: number; fundCents: number }[];
    }
  ).charges;

beforeAll(async () => {
  t = await createTestApp({ seed: 'demo' });
  [lea, karim, adviser, lyon, compta, admin] = await signInDemo(
    t.app,
    'lea',
    'karim',
    'adviser',
    'lyonAdviser',
    'accountant',
    'admin',
  );
  const list = ok(await admin.get('/api/v1/entities'));
  entities = Object.fromEntries(
    (list.items ?? list).map((e: { code: string; id: string }) => [e.code, e.id]),
  ) as typeof entities;
  leaMemberId = (
    await t.handle.db
      .selectFrom('members')
      .select('id')
      .where('email', '=', 'lea.martin@example.org')
      .executeTakeFirstOrThrow()
  ).id;
  theatre = ok(await admin.get('/api/v1/clients?q=Tisserands')).items[0].id;
});

afterAll(async () => {
  await t?.close();
});

describe('policy versions', () => {
  it('show each entity’s timeline: from the start, in force, planned', async () => {
    const { items } = ok(await lea.get(`/api/v1/fees/policies?entityId=${entities.SCIC}`));
    const general = items.filter((v: { activityKind: string }) => v.activityKind === 'general');
    expect(
      general.map((v: { effectiveFrom: string; rateBp: number; status: string }) => [
        v.effectiveFrom,
        v.rateBp,
        v.status,
      ]),
    ).toEqual([
      ['2000-01-01', 850, 'past'],
      ['2026-01-01', 850, 'current'],
      ['2027-01-01', 800, 'planned'],
    ]);
    expect(general[1]).toMatchObject({
      base: 'invoiced',
      fundShareBp: 2000,
      tierThresholdCents: 8_000_000,
      reducedRateBp: 600,
    });
  });

  it('refuse a retroactive date, a day already taken, a half tier and non-admins, changing nothing', async () => {
    const before = await snapshot(t.handle, guarded);
    const body = { entityId: entities.CAE, effectiveFrom: '2026-11-19', rateBp: 900, base: 'invoiced' };
    const back = problem(await admin.post('/api/v1/fees/policies', body), 422);
    expect(back.code).toBe('fee.retroactive_version');
    expect(back.errors?.[0]).toMatchObject({ pointer: '/effectiveFrom', code: 'fee.retroactive_version' });
    expect(
      problem(
        await admin.post('/api/v1/fees/policies', {
          ...body,
          entityId: entities.SCIC,
          effectiveFrom: '2027-01-01',
        }),
        409,
      ).code,
    ).toBe('fee.version_exists');
    const half = problem(
      await admin.post('/api/v1/fees/policies', {
        ...body,
        effectiveFrom: '2027-02-01',
        tierThresholdCents: 100,
      }),
      400,
    );
    expect(half.errors?.[0]).toMatchObject({ pointer: '/reducedRateBp', code: 'fee.tier_incomplete' });
    for (const who of [lea, adviser, compta])
      expect(
        (await who.post('/api/v1/fees/policies', { ...body, effectiveFrom: '2027-02-01' })).statusCode,
      ).toBe(403);
    // A version in force cannot be withdrawn, nor changed in the database itself.
    const { items } = ok(await admin.get(`/api/v1/fees/policies?entityId=${entities.CAE}`));
    const current = items.find((v: { status: string }) => v.status === 'current');
    expect(problem(await admin.delete(`/api/v1/fees/policies/${current.id}`), 409).code).toBe(
      'fee.version_in_force',
    );
    await expect(
      sql`update fee_policy_versions set rate_bp = 1 where id = ${current.id}`.execute(t.handle.db),
    ).rejects.toThrow(/never changed/);
    expect(await snapshot(t.handle, guarded)).toBe(before);
  });

  it('take a version from today, audited, and let a planned one be withdrawn', async () => {
    const created = ok(
      await admin.post('/api/v1/fees/policies', {
        entityId: entities.PORTAGE,
        activityKind: 'training',
        effectiveFrom: '2027-03-01',
        rateBp: 700,
        base: 'collected',
        note: 'Essai',
      }),
      201,
    );
    expect(created).toMatchObject({ status: 'planned', rateBp: 700, fundShareBp: 0 });
    const audit = ok(await admin.get(`/api/v1/audit-log?subjectId=${created.id}`)).items;
    expect(audit[0]).toMatchObject({ action: 'fee.policy_version_create' });
    expect((await admin.delete(`/api/v1/fees/policies/${created.id}`)).statusCode).toBe(204);
    expect(ok(await admin.get(`/api/v1/audit-log?subjectId=${created.id}`)).items[0].action).toBe(
      'fee.policy_version_withdraw',
    );
  });

  it('follow the entity’s headline rate: changing it adds a general version from today', async () => {
    ok(await admin.patch(`/api/v1/entities/${entities.CAE}`, { feeRateBp: 1050 }));
    const { items } = ok(await admin.get(`/api/v1/fees/policies?entityId=${entities.CAE}`));
    const today = items.find(
      (v: { effectiveFrom: string; activityKind: string }) =>
        v.effectiveFrom === '2026-11-20' && v.activityKind === 'general',
    );
    // The other terms are kept: base, minimum, fund share.
    expect(today).toMatchObject({
      rateBp: 1050,
      status: 'current',
      minimumYearCents: 60_000,
      fundShareBp: 1500,
    });
  });
});

describe('the fee charged on issue (base invoiced)', () => {
  it('posts 961 on the activity against 971 and the fund’s share on 973, recorded once', async () => {
    const activity = await activityIn('SCIC', 'Régie');
    const key = { 'idempotency-key': `fee-${Math.random()}` };
    const invoice = await issue(activity, 100_000, key);
    // The same request again gives the same answer and charges nothing more.
    ok(await admin.post(`/api/v1/invoices/${invoice.id}/issue`, {}, key));
    expect(await feeLines(invoice.id)).toEqual([
      { account: '961', debit: 8500, credit: 0, activity },
      { account: '971', debit: 0, credit: 6800, activity: null },
      { account: '973', debit: 0, credit: 1700, activity: null },
    ]);
    expect(await charges(activity)).toEqual([
      expect.objectContaining({
        kind: 'invoice',
        baseCents: 100_000,
        feeCents: 8500,
        fundCents: 1700,
        rateBp: 850,
        documentNumber: invoice.number,
      }),
    ]);
    // A retry of the charge itself (the same source) charges nothing and posts nothing.
    const again = await t.handle.db.transaction().execute((trx) =>
      chargeIssuedDocument(
        trx,
        t.system.actor,
        {
          id: invoice.id,
          kind: 'invoice',
          activityId: activity,
          number: invoice.number,
          date: '2026-11-20',
          baseCents: 100_000,
        },
        { now: new Date() },
      ),
    );
    expect(again).toBeNull();
    expect(await feeLines(invoice.id)).toHaveLength(3);
    // The activity account shows the fee line by line.
    const account = ok(await lea.get(`/api/v1/activities/${activity}/account`));
    expect(account.figures.feeCents).toBe(8500);
  });

  it('takes the reduced rate above the year’s tier, and a staff exception flat', async () => {
    const activity = await activityIn('SCIC', 'Tournée');
    await issue(activity, 7_000_000); // 70,000 €: all at 8.5 %
    const big = await issue(activity, 2_000_000); // 10,000 € at 8.5 %, 10,000 € above the tier at 6 %
    const lines = await feeLines(big.id);
    expect(lines[0]).toMatchObject({ account: '961', debit: 85_000 + 60_000 });
    expect((await charges(activity))[0]).toMatchObject({
      baseCents: 2_000_000,
      reducedBaseCents: 1_000_000,
      reducedRateBp: 600,
    });

    ok(
      await adviser.put(`/api/v1/activities/${activity}/fee`, {
        feeRateBp: 650,
        reason: 'Convention avec la Ville',
      }),
    );
    const after = await issue(activity, 100_000);
    expect((await feeLines(after.id))[0]).toMatchObject({ debit: 6500 });
    const view = ok(await lea.get(`/api/v1/fees/activities/${activity}`));
    expect(view.terms).toMatchObject({
      rateBp: 650,
      exception: true,
      exceptionReason: 'Convention avec la Ville',
      tierThresholdCents: null,
    });
  });

  it('gives the fee back with credit notes, exactly, at the rate first charged', async () => {
    const activity = await activityIn('SCIC', 'Sonorisation');
    const invoice = await issue(activity, 33_333); // fee 2,833.31 → 2833 ¢ (half up of 2833.305)
    const fee = (await feeLines(invoice.id))[0]?.debit as number;
    expect(fee).toBe(2833);
    // The rate changes for the activity afterwards: the credit notes still give back what was charged.
    ok(await adviser.put(`/api/v1/activities/${activity}/fee`, { feeRateBp: 100, reason: 'Essai' }));
    const credit = (cents: number) =>
      admin.post('/api/v1/credit-notes', {
        invoiceId: invoice.id,
        reason: 'Remise',
        lines: [
          {
            designation: 'Remise',
            quantity: 1,
            unitCode: 'LS',
            unitPriceCents: cents,
            vatCategory: 'standard',
          },
        ],
      });
    const notes = [ok(await credit(10_000), 201), ok(await credit(10_000), 201)];
    notes.push(
      ok(await admin.post('/api/v1/credit-notes', { invoiceId: invoice.id, reason: 'Annulation' }), 201),
    );
    let back = 0;
    for (const n of notes) {
      const lines = await feeLines(n.id);
      expect(lines[0]).toMatchObject({ account: '961', debit: 0, activity });
      back += lines[0]?.credit ?? 0;
    }
    expect(back).toBe(fee);
    const rows = await charges(activity);
    expect(rows.reduce((s, r) => s + r.feeCents, 0)).toBe(0);
    expect(rows.reduce((s, r) => s + r.fundCents, 0)).toBe(0);
  });
});

describe('the fee charged on payment (base collected)', () => {
  it('charges what is paid excl. VAT, part by part, adding up to the whole rate × base', async () => {
    const activity = await activityIn('PORTAGE', 'Accessibilité');
    const invoice = await issue(activity, 123_457); // 1,234.57 € HT, 1,481.48 € TTC
    expect(await feeLines(invoice.id)).toEqual([]); // nothing when issued
    const account = ok(
      await compta.post('/api/v1/treasury/bank-accounts', {
        entityId: entities.PORTAGE,
        label: 'Compte portage',
        iban: frIban('00077700011'),
      }),
      201,
    );
    const pay = (amountCents: number, key: string) =>
      compta.post(
        '/api/v1/payments',
        {
          bankAccountId: account.id,
          clientId: theatre,
          paymentDate: '2026-11-20',
          amountCents,
          method: 'transfer',
          reference: 'Virement',
          allocations: [{ documentId: invoice.id, amountCents }],
        },
        { 'idempotency-key': key },
      );
    const first = ok(await pay(50_001, 'p1'), 201);
    ok(await pay(50_001, 'p1'), 201); // the same request again: one payment, one fee
    const second = ok(await pay(invoice.totalInclVatCents - 50_001, 'p2'), 201);
    const rows = await charges(activity);
    expect(rows.map((r) => r.kind)).toEqual(['payment', 'payment']);
    expect(rows.reduce((s, r) => s + r.baseCents, 0)).toBe(123_457);
    // 8 % of 1,234.57 € = 98.7656 → 98.77 €, whatever the split.
    expect(rows.reduce((s, r) => s + r.feeCents, 0)).toBe(9877);
    expect((await feeLines(first.id)).map((l) => l.account)).toEqual(['961', '971', '973']);
    expect(await feeLines(second.id)).toHaveLength(3);
    // A credit note on the paid invoice gives back the fee of what was collected beyond it.
    const note = ok(
      await admin.post('/api/v1/credit-notes', { invoiceId: invoice.id, reason: 'Annulation' }),
      201,
    );
    expect((await feeLines(note.id))[0]).toMatchObject({ account: '961', credit: 9877 });
  });
});

describe('the yearly minimum', () => {
  it('waits for the year’s end, then tops up each activity once', async () => {
    const before = await snapshot(t.handle, guarded);
    const early = problem(
      await compta.post('/api/v1/fees/minimum-runs', { entityId: entities.CAE, year: 2026 }),
      422,
    );
    expect(early.code).toBe('fee.year_not_ended');
    expect(
      (await lea.post('/api/v1/fees/minimum-runs', { entityId: entities.CAE, year: 2026 })).statusCode,
    ).toBe(404);
    expect(await snapshot(t.handle, guarded)).toBe(before);

    const january = { ...t.system, clock: () => new Date('2027-01-05T09:00:00Z') };
    const run = await runYearMinimum(january, { entityId: entities.CAE, year: 2026 });
    expect(run.posted.length).toBeGreaterThan(0);
    for (const p of run.posted) expect(p.topUpCents).toBeGreaterThan(0);
    // Every CAE activity now reaches its (pro rata) minimum for 2026.
    const again = await runYearMinimum(january, { entityId: entities.CAE, year: 2026 });
    expect(again).toMatchObject({ posted: [], alreadyPosted: run.posted.length, totalCents: 0 });
    const top = run.posted[0] as { activityId: string; topUpCents: number };
    const lines = await feeLines(`${top.activityId}:2026`);
    expect(lines[0]).toMatchObject({ account: '961', debit: top.topUpCents, activity: top.activityId });
  });
});

describe('transparency', () => {
  it('shows a member her year’s fees per activity, the rates, and what they paid for', async () => {
    const mine = ok(await lea.get('/api/v1/fees/contribution'));
    expect(mine.memberId).toBe(leaMemberId);
    expect(mine.totalFeeCents).toBe(
      mine.activities.reduce((s: number, a: { feeCents: number }) => s + a.feeCents, 0),
    );
    expect(mine.breakdown.reduce((s: number, l: { cents: number }) => s + l.cents, 0)).toBe(
      mine.totalFeeCents,
    );
    const sono = mine.activities.find(
      (a: { activityName: string }) => a.activityName === 'Sonorisation de concerts',
    );
    expect(sono.terms).toMatchObject({ rateBp: 850, base: 'invoiced', policyKind: 'general' });
    expect(sono.feeCents).toBeGreaterThan(0);
    expect(mine.breakdown.map((l: { service: string }) => l.service)).toContain('advisers');
    // Her adviser sees it; another member and another office's adviser do not.
    ok(await adviser.get(`/api/v1/fees/contribution?memberId=${leaMemberId}`));
    expect((await karim.get(`/api/v1/fees/contribution?memberId=${leaMemberId}`)).statusCode).toBe(404);
    expect((await lyon.get(`/api/v1/fees/contribution?memberId=${leaMemberId}`)).statusCode).toBe(404);
  });

  it('takes budget shares from the direction only, adding up to 100 %', async () => {
    const url = `/api/v1/fees/budget-shares/${entities.SCIC}/2027`;
    const shares = [
      { service: 'advisers', shareBp: 5000 },
      { service: 'accounting_payroll', shareBp: 3000 },
      { service: 'tools', shareBp: 2000 },
    ];
    const before = await snapshot(t.handle, guarded);
    expect(problem(await admin.put(url, { shares: shares.slice(1) }), 422).code).toBe('fee.shares_not_100');
    expect((await lea.put(url, { shares })).statusCode).toBe(403);
    expect(await snapshot(t.handle, guarded)).toBe(before);
    expect(ok(await admin.put(url, { shares })).shares).toHaveLength(3);
    expect(ok(await lea.get(url)).shares).toEqual(expect.arrayContaining(shares));
  });

  it('lets advisers set an activity’s kind, not its member', async () => {
    const activity = await activityIn('CAE', 'Cours');
    expect((await lea.put(`/api/v1/fees/activities/${activity}/kind`, { kind: 'training' })).statusCode).toBe(
      403,
    );
    const view = ok(await adviser.put(`/api/v1/fees/activities/${activity}/kind`, { kind: 'training' }));
    expect(view.terms).toMatchObject({ policyKind: 'training', rateBp: 800 });
    // The activity itself, and the list, show the rate its postings are charged at.
    expect(ok(await adviser.get(`/api/v1/activities/${activity}`)).feeRateBp).toBe(800);
  });
});
