// Salary requests, payroll runs, payslips, the payroll journal and the SEPA file, through HTTP on the
// demo cooperative: Léa (member, Lille) asks for a salary from her sound activity; the payroll team
// validates it, runs and closes November; the books, the payslip and the transfer file must agree.
import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { formatCents } from '../../domain/money.ts';
import { payrollRulesets } from '../../domain/payroll/rulesets.ts';
import { pdfPages } from '../documents/pdf-text.ts';
import { createTestApp, type Session, signInDemo, snapshot, type TestApp } from '../testing.ts';
import { engineFor, evaluateSituation } from './rules.ts';
import { computeRun } from './service.ts';

let t: TestApp;
let lea: Session;
let karim: Session;
let paie: Session;
let compta: Session;
let adviser: Session;
let sono: { id: string; entity: { id: string } };
let montage: { id: string; entity: { id: string } };

beforeAll(async () => {
  t = await createTestApp({ seed: 'demo' });
  [lea, karim, paie, compta, adviser] = await signInDemo(
    t.app,
    'lea',
    'karim',
    'payroll',
    'accountant',
    'adviser',
  );
  const leaHome = (await lea.get('/api/v1/home')).json();
  const karimHome = (await karim.get('/api/v1/home')).json();
  sono = leaHome.activities.find((a: { name: string }) => a.name === 'Sonorisation de concerts');
  montage = karimHome.activities.find((a: { name: string }) => a.name === 'Montage de documentaires');
  expect(sono?.id).toBeTruthy();
  expect(montage?.id).toBeTruthy();
  // Paid concerts and documentaries: enough on both activities for a month's salary or two.
  for (const a of [sono, montage]) await fund(a, 500_000);
});

/** A client's payment of work done, booked by the accountant on the activity. */
async function fund(a: { id: string; entity: { id: string } }, cents: number) {
  const res = await compta.post('/api/v1/ledger/entries', {
    entityId: a.entity.id,
    journalCode: 'BQ',
    entryDate: '2026-11-10',
    label: 'Règlement client',
    lines: [
      { accountNumber: '512', debitCents: cents },
      { accountNumber: '706', activityId: a.id, creditCents: cents },
    ],
  });
  expect(res.statusCode, res.body).toBe(201);
}
afterAll(async () => {
  await t?.close();
});

const ask = (who: Session, payload: object, key?: string) =>
  who.post('/api/v1/salary-requests', payload, key ? { 'idempotency-key': key } : {});

const balance = async (who: Session, activityId: string) =>
  (await who.get(`/api/v1/activities/${activityId}/salary-balance`)).json() as {
    balanceCents: number;
    pendingSalaryCents: number;
    availableForSalaryCents: number;
  };

describe('salary requests', () => {
  it('previews the payslip of a request without saving anything', async () => {
    const before = await snapshot(t.handle);
    const res = await lea.post('/api/v1/salary-requests/preview', {
      activityId: sono.id,
      period: '2026-11',
      amountKind: 'employerCost',
      amountCents: 150_000,
    });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.simulation.employerCostCents).toBeLessThanOrEqual(150_000);
    expect(p.simulation.employerCostCents).toBeGreaterThan(149_990);
    expect(p.reservedCents).toBe(p.simulation.employerCostCents);
    // Without working time, the hours are the gross at the SMIC (12.31 €/h since June 2026), at most 151.67.
    expect(p.hoursPerMonth).toBeCloseTo(
      Math.min(151.67, Math.floor((p.simulation.grossCents * 100) / 1231) / 100),
      2,
    );
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('refuses what the balance cannot pay, and bad input, changing nothing', async () => {
    const { availableForSalaryCents } = await balance(lea, sono.id);
    const before = await snapshot(t.handle);
    const tooMuch = await ask(lea, {
      activityId: sono.id,
      period: '2026-11',
      amountKind: 'employerCost',
      amountCents: availableForSalaryCents + 100_000,
    });
    expect(tooMuch.statusCode, tooMuch.body).toBe(422);
    expect(tooMuch.json().code).toBe('salary.insufficient_balance');
    expect(tooMuch.json().errors[0].pointer).toBe('/amountCents');
    const bad = await ask(lea, {
      activityId: sono.id,
      period: '2026-13',
      amountKind: 'gross',
      amountCents: -5,
    });
    expect(bad.statusCode).toBe(400);
    const noRules = await ask(lea, {
      activityId: sono.id,
      period: '2031-01',
      amountKind: 'gross',
      amountCents: 200_000,
    });
    expect(noRules.statusCode).toBe(422);
    expect(['payroll.period_not_covered', 'salary.no_contract']).toContain(noRules.json().code);
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('is asked only by a member of the activity', async () => {
    const before = await snapshot(t.handle);
    const payload = { activityId: sono.id, period: '2026-11', amountKind: 'gross', amountCents: 200_000 };
    expect((await ask(karim, payload)).statusCode).toBe(404);
    expect((await ask(adviser, payload)).statusCode).toBe(403);
    expect((await ask(paie, payload)).statusCode).toBe(403);
    expect(await snapshot(t.handle)).toBe(before);
  });
});

describe('a month of payroll', () => {
  let requestId: string;
  let runId: string;
  let payslipId: string;

  it('holds the employer cost on the activity as pending (same key, same answer)', async () => {
    const before = await balance(lea, sono.id);
    const payload = { activityId: sono.id, period: '2026-11', amountKind: 'gross', amountCents: 180_000 };
    const res = await ask(lea, payload, 'lea-nov-1');
    expect(res.statusCode, res.body).toBe(201);
    const again = await ask(lea, payload, 'lea-nov-1');
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(res.json().id);
    const r = res.json();
    requestId = r.id;
    expect(r.status).toBe('submitted');
    expect(r.grossCents).toBe(180_000);
    const after = await balance(lea, sono.id);
    expect(after.balanceCents).toBe(before.balanceCents);
    expect(after.pendingSalaryCents).toBe(before.pendingSalaryCents + r.employerCostCents);
  });

  it('a member sees only their own requests', async () => {
    expect((await karim.get(`/api/v1/salary-requests/${requestId}`)).statusCode).toBe(404);
    const mine = (await karim.get('/api/v1/salary-requests')).json();
    expect(mine.items.every((r: { member: { id: string } }) => r.member.id !== undefined)).toBe(true);
    expect(mine.items.some((r: { id: string }) => r.id === requestId)).toBe(false);
    expect((await lea.get(`/api/v1/salary-requests/${requestId}`)).statusCode).toBe(200);
    expect((await adviser.get(`/api/v1/salary-requests/${requestId}`)).statusCode).toBe(200);
  });

  it('the payroll team validates; a member cannot', async () => {
    expect((await lea.post(`/api/v1/salary-requests/${requestId}/validation`, {})).statusCode).toBe(403);
    const res = await paie.post(`/api/v1/salary-requests/${requestId}/validation`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('validated');
    const twice = await paie.post(`/api/v1/salary-requests/${requestId}/validation`, {});
    expect(twice.statusCode).toBe(422);
    expect(twice.json().code).toBe('salary.invalid_status');
  });

  it('runs the month: a payslip per request, posted to the payroll journal', async () => {
    const res = await paie.post('/api/v1/payroll/runs', { entityId: sono.entity.id, period: '2026-11' });
    expect(res.statusCode, res.body).toBe(201);
    runId = res.json().id;
    expect(res.json()).toMatchObject({ status: 'open', total: 1, done: 0 });
    const computed = await paie.post(`/api/v1/payroll/runs/${runId}/computation`);
    expect(computed.statusCode, computed.body).toBe(200);
    expect(computed.json()).toMatchObject({ total: 1, done: 1 });
    const slips = (await lea.get('/api/v1/payslips')).json();
    expect(slips.items).toHaveLength(1);
    const slip = slips.items[0];
    payslipId = slip.id;
    expect(slip.grossCents).toBe(180_000);
    expect(slip.netPaidCents).toBe(slip.netBeforeTaxCents - slip.withholding.amountCents);
    expect(slip.withholding.rateBp).toBe(450);
    expect(slip.ruleset).toEqual({
      id: 'fr-2026',
      package: 'modele-social',
      version: payrollRulesets[0]?.version,
    });
    // Each side of the lines adds up to its total.
    const sum = (k: 'employeeCents' | 'employerCents', pay: boolean) =>
      slip.lines
        .filter((l: { family: string }) => (l.family === 'pay') === pay)
        .reduce((a: number, l: Record<string, number>) => a + (l[k] as number), 0);
    expect(sum('employeeCents', true)).toBe(slip.grossPayCents);
    expect(sum('employeeCents', false)).toBe(slip.employeeContributionsCents);
    expect(sum('employerCents', false)).toBe(slip.employerContributionsCents);
    expect(slip.yearToDate.grossCents).toBe(slip.grossPayCents);

    // The entry: balanced, on the activity for the employer cost, net due to Léa.
    const entry = (await compta.get(`/api/v1/ledger/entries/${slip.journalEntry.id}`)).json();
    expect(entry.journal.code).toBe('SAL');
    expect(entry.entryDate).toBe('2026-11-30');
    const debit = entry.lines.reduce((a: number, l: { debitCents: number }) => a + l.debitCents, 0);
    const credit = entry.lines.reduce((a: number, l: { creditCents: number }) => a + l.creditCents, 0);
    expect(debit).toBe(credit);
    const onActivity = entry.lines
      .filter((l: { activity: { id: string } | null }) => l.activity?.id === sono.id)
      .reduce(
        (a: number, l: { debitCents: number; creditCents: number }) => a + l.debitCents - l.creditCents,
        0,
      );
    expect(onActivity).toBe(slip.grossPayCents + slip.employerContributionsCents);
    const net = entry.lines.find((l: { accountNumber: string }) => l.accountNumber === '421');
    expect(net.creditCents).toBe(slip.netPaidCents);
    const tax = entry.lines.find((l: { accountNumber: string }) => l.accountNumber === '4421');
    expect(tax.creditCents).toBe(slip.withholding.amountCents);

    // The request is paid: nothing pending any more, the activity was debited instead.
    const after = await balance(lea, sono.id);
    expect(after.pendingSalaryCents).toBe(0);
  });

  it('runs and closes: a closed run is neither computed again nor closed twice', async () => {
    const before = await snapshot(t.handle);
    const sepaEarly = await paie.get(`/api/v1/payroll/runs/${runId}/sepa`);
    expect(sepaEarly.statusCode).toBe(422);
    expect(sepaEarly.json().code).toBe('payroll.run_not_closed');
    expect(await snapshot(t.handle)).toBe(before);
    const closed = await paie.post(`/api/v1/payroll/runs/${runId}/closure`);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().status).toBe('closed');
    const after = await snapshot(t.handle);
    for (const call of [
      () => paie.post(`/api/v1/payroll/runs/${runId}/computation`),
      () => paie.post(`/api/v1/payroll/runs/${runId}/closure`),
    ]) {
      const res = await call();
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('payroll.run_closed');
    }
    expect(await snapshot(t.handle)).toBe(after);
  });

  it('keeps payslips as they were computed: the database refuses to change or remove one, or a line without its payslip', async () => {
    const before = await snapshot(t.handle);
    const slip = await t.handle.db.selectFrom('payslips').select('id').executeTakeFirstOrThrow();
    for (const statement of [
      sql`update payslips set net_paid_cents = net_paid_cents + 1 where id = ${slip.id}`,
      sql`delete from payslip_lines where payslip_id = ${slip.id}`,
      sql`delete from payslips where id = ${slip.id}`,
      sql`update payslip_lines set employee_cents = 0 where payslip_id = ${slip.id}`,
    ])
      await expect(statement.execute(t.handle.db)).rejects.toMatchObject({ code: 'CP001' });
    await expect(
      sql`insert into payslip_lines (payslip_id, line_no, family, code, base_cents)
        values (${slip.id}, 99, 'pay', 'salary', 100), (${crypto.randomUUID()}, 1, 'pay', 'salary', 100)`.execute(
        t.handle.db,
      ),
    ).rejects.toMatchObject({ code: '23503' });
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('downloads the net salaries as a pain.001.001.09 file valid against the XSD', async () => {
    const res = await paie.get(`/api/v1/payroll/runs/${runId}/sepa`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/xml');
    const slip = (await lea.get(`/api/v1/payslips/${payslipId}`)).json();
    const xml = res.body;
    const schema = await readFile(
      new URL('../documents/schemas/pain.001.001.09.xsd', import.meta.url),
      'utf8',
    );
    const result = await validateXML({
      xml: [{ fileName: 'salaries.xml', contents: xml }],
      schema: [schema],
    });
    expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(xml).toContain(`<InstdAmt Ccy="EUR">${(slip.netPaidCents / 100).toFixed(2)}</InstdAmt>`);
    expect(xml).toContain('<Nm>Lea Martin</Nm>');
    expect(xml).not.toContain('<Purp>');
    expect((await lea.get(`/api/v1/payroll/runs/${runId}/sepa`)).statusCode).toBe(404);
  });

  it('the contribution totals per body add up to the payslips, in JSON and CSV', async () => {
    const slip = (await paie.get(`/api/v1/payslips/${payslipId}`)).json();
    const report = (await compta.get(`/api/v1/payroll/runs/${runId}/contributions`)).json();
    const employee = report.bodies.reduce(
      (a: number, b: { employeeCents: number }) => a + b.employeeCents,
      0,
    );
    const employer = report.bodies.reduce(
      (a: number, b: { employerCents: number }) => a + b.employerCents,
      0,
    );
    expect(employee).toBe(slip.employeeContributionsCents);
    expect(employer).toBe(slip.employerContributionsCents);
    expect(report.netPaidCents).toBe(slip.netPaidCents);
    const csv = await paie.get(`/api/v1/payroll/runs/${runId}/contributions?format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Organisme;Famille;Cotisation');
    expect(csv.body).toContain('URSSAF');
  });

  it('the payslip is its employee’s and the payroll team’s only (404 for others)', async () => {
    expect((await karim.get(`/api/v1/payslips/${payslipId}`)).statusCode).toBe(404);
    expect((await karim.get(`/api/v1/payslips/${payslipId}/pdf`)).statusCode).toBe(404);
    expect((await adviser.get(`/api/v1/payslips/${payslipId}`)).statusCode).toBe(404);
    expect((await karim.get('/api/v1/payslips')).json().items).toEqual([]);
    const pdf = await lea.get(`/api/v1/payslips/${payslipId}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await pdfPages(pdf.rawPayload)).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Bulletin de paie — novembre 2026');
    expect(text).toContain('SIRET 84219375700015');
    expect(text).toContain('Code NAF 90.02Z');
    expect(text).toContain('conservez ce bulletin de paie sans limitation de durée');
    expect(text).toContain('Réduction générale (RGDU)');
    expect(text).toContain('Net payé');
    const slip = (await lea.get(`/api/v1/payslips/${payslipId}`)).json();
    expect(text).toContain(formatCents(slip.netPaidCents).replace(/[\u00a0\u202f]/g, ' '));
    // The NIR in full for Léa only; masked on the payroll officer's copy.
    const me = (await lea.get('/api/v1/me')).json();
    const member = (await lea.get(`/api/v1/members/${me.memberId}`)).json();
    expect(text).toContain(member.nir);
    const officerCopy = (await pdfPages((await paie.get(`/api/v1/payslips/${payslipId}/pdf`)).rawPayload))
      .join('\n')
      .replace(/\s+/g, ' ');
    expect(officerCopy).not.toContain(member.nir);
    expect(officerCopy).toContain('Net payé');
  });
});

describe('figures of a payslip against modele-social', () => {
  it('computes the same figures as the rules for the same situation', async () => {
    const slip = (await lea.get('/api/v1/payslips')).json().items[0];
    const ruleset = payrollRulesets[0] as (typeof payrollRulesets)[number];
    // 180,000 ¢ gross without working time: 146.22 equivalent hours (18 00000 / 1231 rounded down).
    const weekly = Math.round((14_622 * 12) / 52) / 100;
    const v = evaluateSituation(
      engineFor(ruleset),
      {
        date: "'01/11/2026'",
        'entreprise . salariés . effectif . seuil': "'moins de 5'",
        'salarié . contrat': "'CDI'",
        'salarié . contrat . statut cadre': 'non',
        'salarié . contrat . salaire brut': '1800 €/mois',
        'salarié . contrat . temps de travail . temps partiel': 'oui',
        'salarié . contrat . temps de travail . temps partiel . heures par semaine': `${weekly} heure/semaine`,
      },
      [
        'salarié . coût total employeur',
        'salarié . rémunération . net . à payer avant impôt',
        'salarié . cotisations . exonérations . RGDU',
      ],
    );
    expect(slip.hoursPerMonth).toBe(146.22);
    expect(
      Math.abs(slip.employerCostCents - (v['salarié . coût total employeur'] as number) * 100),
    ).toBeLessThanOrEqual(0.5);
    expect(
      Math.abs(
        slip.netBeforeTaxCents - (v['salarié . rémunération . net . à payer avant impôt'] as number) * 100,
      ),
    ).toBeLessThanOrEqual(0.5);
    expect(
      Math.abs(slip.rgduCents - (v['salarié . cotisations . exonérations . RGDU'] as number) * 100),
    ).toBeLessThanOrEqual(0.5);
  });
});

describe('a run that stops midway', () => {
  it('resumes without computing or posting anything twice', async () => {
    // Two members ask in December, the payroll team validates both.
    const leaReq = (
      await ask(lea, { activityId: sono.id, period: '2026-12', amountKind: 'gross', amountCents: 120_000 })
    ).json();
    const karimReq = (
      await ask(karim, { activityId: montage.id, period: '2026-12', amountKind: 'net', amountCents: 90_000 })
    ).json();
    for (const r of [leaReq, karimReq])
      expect((await paie.post(`/api/v1/salary-requests/${r.id}/validation`, {})).statusCode).toBe(200);
    const run = (
      await paie.post('/api/v1/payroll/runs', { entityId: sono.entity.id, period: '2026-12' })
    ).json();
    expect(run.total).toBe(2);
    const ctx = { ...t.system, actor: { ...t.system.actor, roles: ['payroll' as const] } };
    const salEntries = async () =>
      (
        await compta.get(
          `/api/v1/ledger/entities/${sono.entity.id}/entries?journalCode=SAL&from=2026-01-01&to=2026-12-31&limit=200`,
        )
      ).json().items as { number: number; fiscalYear: { id: string }; source: { type: string } | null }[];
    const before = await salEntries();
    // A crash inside a batch's transaction, after its writes: the whole batch is lost, nothing of it
    // stays (no payslip, no entry, no journal number used, the requests still to pay).
    await expect(computeRun(ctx, run.id, { failAfter: 1, batchSize: 2 })).rejects.toThrow(
      /stopped at payslip 1 of a batch of 2, rolled back/,
    );
    expect((await paie.get(`/api/v1/payroll/runs/${run.id}`)).json()).toMatchObject({ total: 2, done: 0 });
    expect((await paie.get(`/api/v1/payslips?runId=${run.id}`)).json().items).toHaveLength(0);
    expect(await salEntries()).toHaveLength(before.length);
    for (const r of [leaReq, karimReq])
      expect((await paie.get(`/api/v1/salary-requests/${r.id}`)).json().status).toBe('validated');
    // A crash between two batches: the first batch stays.
    await expect(computeRun(ctx, run.id, { failAfter: 1, batchSize: 1 })).rejects.toThrow(/stopped after 1/);
    const half = (await paie.get(`/api/v1/payroll/runs/${run.id}`)).json();
    expect(half).toMatchObject({ total: 2, done: 1 });
    expect((await paie.post(`/api/v1/payroll/runs/${run.id}/closure`)).json().code).toBe(
      'payroll.run_incomplete',
    );
    const resumed = (await paie.post(`/api/v1/payroll/runs/${run.id}/computation`)).json();
    expect(resumed).toMatchObject({ total: 2, done: 2 });
    const again = (await paie.post(`/api/v1/payroll/runs/${run.id}/computation`)).json();
    expect(again).toMatchObject({ total: 2, done: 2 });
    const slips = (await paie.get(`/api/v1/payslips?runId=${run.id}`)).json().items;
    expect(slips).toHaveLength(2);
    const entries = (
      await compta.get(
        `/api/v1/ledger/entities/${sono.entity.id}/entries?journalCode=SAL&from=2026-12-01&to=2026-12-31`,
      )
    ).json();
    expect(
      entries.items.filter((e: { source: { type: string } | null }) => e.source?.type === 'payslip'),
    ).toHaveLength(2);
    // The journal's numbers stay gapless across the rolled-back batch: each year's SAL numbers run on.
    const after = await salEntries();
    expect(after).toHaveLength(before.length + 2);
    for (const year of new Set(after.map((e) => e.fiscalYear.id))) {
      const numbers = after
        .filter((e) => e.fiscalYear.id === year)
        .map((e) => e.number)
        .sort((a, b) => a - b);
      expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    }
    // Léa's December payslip adds up her year: November's and December's.
    const leaDec = slips.find((s: { member: { id: string } }) => s.member.id === leaReq.member.id);
    const leaNov = (await lea.get('/api/v1/payslips'))
      .json()
      .items.find((s: { period: string }) => s.period === '2026-11');
    expect(leaDec.yearToDate.grossCents).toBe(leaDec.grossPayCents + leaNov.grossPayCents);
  });
});

describe('employment contracts: portage on a CDD, edited by the payroll team', () => {
  it('creates a portage CDD, turns it into a CDI, and refuses what does not hold together', async () => {
    const existing = (await paie.get(`/api/v1/employment-contracts?entityId=${sono.entity.id}`)).json();
    const memberId = existing.items[0].member.id as string;
    const created = await paie.post('/api/v1/employment-contracts', {
      memberId,
      entityId: sono.entity.id,
      type: 'PORTAGE',
      portageLevel: 'senior',
      portageFixedTerm: true,
      jobTitle: 'Consultante en ingénierie du son',
      startDate: '2026-12-01',
      endDate: '2027-05-31',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect(created.json()).toMatchObject({ type: 'PORTAGE', portageFixedTerm: true, endDate: '2027-05-31' });

    const before = await snapshot(t.handle);
    const noEnd = await paie.patch(`/api/v1/employment-contracts/${id}`, { endDate: null });
    expect(noEnd.statusCode).toBe(400);
    expect(noEnd.json().errors).toEqual([
      expect.objectContaining({ pointer: '/endDate', code: 'contract.fixed_term_needs_end' }),
    ]);
    const notPortage = await paie.post('/api/v1/employment-contracts', {
      memberId,
      entityId: sono.entity.id,
      type: 'CDI',
      portageFixedTerm: true,
      jobTitle: 'Technicienne',
      startDate: '2026-12-01',
      endDate: '2027-05-31',
    });
    expect(notPortage.statusCode).toBe(400);
    expect(notPortage.json().errors).toEqual([
      expect.objectContaining({ pointer: '/portageFixedTerm', code: 'contract.portage_fixed_term' }),
    ]);
    expect(await snapshot(t.handle)).toBe(before);

    const cdi = await paie.patch(`/api/v1/employment-contracts/${id}`, {
      portageFixedTerm: false,
      endDate: null,
    });
    expect(cdi.statusCode, cdi.body).toBe(200);
    expect(cdi.json()).toMatchObject({ type: 'PORTAGE', portageFixedTerm: false, endDate: null });
    // A member changes no contract (403 on their own, 404 on another's).
    const byMember = await lea.patch(`/api/v1/employment-contracts/${id}`, { portageFixedTerm: true });
    expect([403, 404]).toContain(byMember.statusCode);
  });
});

describe('a request the run cannot compute', () => {
  it('goes back to its member with the reason; the others are paid and the month closes', async () => {
    for (const a of [sono, montage]) await fund(a, 300_000);
    const leaReq = (
      await ask(lea, { activityId: sono.id, period: '2026-10', amountKind: 'gross', amountCents: 150_000 })
    ).json();
    const karimReq = (
      await ask(karim, {
        activityId: montage.id,
        period: '2026-10',
        amountKind: 'gross',
        amountCents: 150_000,
      })
    ).json();
    for (const r of [leaReq, karimReq])
      expect((await paie.post(`/api/v1/salary-requests/${r.id}/validation`, {})).statusCode).toBe(200);
    // The rules refuse Karim's request when the run computes it (in life, a minimum risen since it was
    // validated; here, a budget of one cent, which no gross salary fits).
    await sql`update salary_requests set amount_kind = 'employerCost', amount_cents = 1
      where id = ${karimReq.id}`.execute(t.handle.db);
    const pendingBefore = (await balance(karim, montage.id)).pendingSalaryCents;
    const run = (
      await paie.post('/api/v1/payroll/runs', { entityId: sono.entity.id, period: '2026-10' })
    ).json();
    expect(run.total).toBe(2);

    const computed = await paie.post(`/api/v1/payroll/runs/${run.id}/computation`);
    expect(computed.statusCode, computed.body).toBe(200);
    expect(computed.json()).toMatchObject({ total: 1, done: 1 });
    const returned = (await karim.get(`/api/v1/salary-requests/${karimReq.id}`)).json();
    expect(returned).toMatchObject({ status: 'returned', runId: null });
    expect(returned.comment).toMatch(/^Renvoyée par le calcul de la paie : /);
    expect((await paie.get(`/api/v1/salary-requests/${leaReq.id}`)).json().status).toBe('paid');
    // What Karim's request held on his activity is free again; nothing of it was posted.
    expect((await balance(karim, montage.id)).pendingSalaryCents).toBe(
      pendingBefore - karimReq.reservedCents,
    );
    const slips = (await paie.get(`/api/v1/payslips?runId=${run.id}`)).json().items;
    expect(slips.map((x: { salaryRequestId: string }) => x.salaryRequestId)).toEqual([leaReq.id]);
    expect((await paie.post(`/api/v1/payroll/runs/${run.id}/closure`)).statusCode).toBe(200);
  });
});
