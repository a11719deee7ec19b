// The back office on the demo cooperative: who sees the cockpit and the dashboard, the queues equal
// the modules' own lists, the at-risk figures and the dashboard equal the activity accounts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CockpitView, DashboardView } from '../../domain/backoffice/schemas.ts';
import { createTestApp, type Session, signInDemo, snapshot, type TestApp } from '../testing.ts';

let t: TestApp;
let lea: Session;
let adviser: Session;
let lyon: Session;
let payroll: Session;
let accountant: Session;
let admin: Session;

const ok = async <T>(p: Promise<{ statusCode: number; json: () => unknown; body: string }>): Promise<T> => {
  const res = await p;
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as T;
};

type Office = { id: string; code: string; name: string };
let offices: Office[];
const officeId = (code: string) => (offices.find((o) => o.code === code) as Office).id;

beforeAll(async () => {
  t = await createTestApp({ seed: 'demo' });
  [lea, adviser, lyon, payroll, accountant, admin] = await signInDemo(
    t.app,
    'lea',
    'adviser',
    'lyonAdviser',
    'payroll',
    'accountant',
    'admin',
  );
  offices = (await ok<{ items: Office[] }>(admin.get('/api/v1/offices'))).items;
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const cockpitOf = (who: Session, query = '') =>
  ok<CockpitView>(who.get(`/api/v1/backoffice/cockpit${query}`));
const queue = (c: CockpitView, key: string) =>
  c.queues.find((q) => q.key === key) as CockpitView['queues'][number];

describe('access', () => {
  it('refuses members and the outside, keeps the dashboard to admins and accountants, changes nothing', async () => {
    const before = await snapshot(t.handle);
    for (const url of [
      '/api/v1/backoffice/cockpit',
      '/api/v1/backoffice/dashboard?year=2026',
      '/api/v1/backoffice/dashboard/export?year=2026',
    ])
      expect((await lea.get(url)).statusCode).toBe(404);
    for (const who of [adviser, payroll])
      expect((await who.get('/api/v1/backoffice/dashboard?year=2026')).statusCode).toBe(404);
    expect((await accountant.get('/api/v1/backoffice/dashboard?year=2026')).statusCode).toBe(200);
    // An adviser cannot look at an office that is not theirs.
    expect((await adviser.get(`/api/v1/backoffice/cockpit?officeId=${officeId('lyon')}`)).statusCode).toBe(
      404,
    );
    const bad = await admin.get('/api/v1/backoffice/dashboard?year=deux-mille');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].pointer).toBe('/querystring/year');
    expect(await snapshot(t.handle)).toBe(before);
  });
});

describe('cockpit', () => {
  it('shows an adviser the queues of their offices only, equal to the modules’ own lists', async () => {
    const c = await cockpitOf(adviser);
    const mine = ['lille', 'arras', 'bethune'].map(officeId).sort();
    expect([...c.officeIds].sort()).toEqual(mine);
    expect(c.offices.map((o) => o.id).sort()).toEqual(mine);
    expect(c.allOffices).toBe(false);

    const invoices = await ok<{ total: number }>(
      adviser.get('/api/v1/invoices?status=awaiting_validation&limit=1'),
    );
    const quotes = await ok<{ total: number }>(
      adviser.get('/api/v1/quotes?status=awaiting_validation&limit=1'),
    );
    expect(queue(c, 'sales').count).toBe(invoices.total + quotes.total);
    const expenses = await ok<{ total: number }>(adviser.get('/api/v1/expenses?status=submitted&limit=1'));
    expect(queue(c, 'expenses').count).toBe(expenses.total);
    const prospects = await ok<{ total: number; items: { officeId: string }[] }>(
      adviser.get('/api/v1/members?status=prospect&limit=100'),
    );
    expect(queue(c, 'members').count).toBe(prospects.total);
    expect(prospects.items.every((m) => mine.includes(m.officeId))).toBe(true);
    for (const q of c.queues) {
      expect(q.items.length).toBeLessThanOrEqual(Math.min(5, q.count));
      // Oldest first, and the card's age is its first item's.
      expect(q.items.map((i) => i.since)).toEqual(q.items.map((i) => i.since).sort());
      if (q.items.length) expect(q.oldestAgeWorkingDays).toBe(q.items[0]?.ageWorkingDays);
      for (const i of q.items)
        if (i.accountHref) expect(i.accountHref).toMatch(/^\/activities\/[0-9a-f-]{36}\/account$/);
    }
    expect(c.queues.map((q) => q.key)).toEqual(['sales', 'expenses', 'salaries', 'advances', 'members']);
    const advances = await ok<{ items: unknown[] }>(adviser.get('/api/v1/advances?status=requested'));
    expect(queue(c, 'advances')).toMatchObject({ available: true, count: advances.items.length });

    // Nothing of Lille reaches the Lyon adviser, and the other way round.
    const l = await cockpitOf(lyon);
    const ids = (x: CockpitView) => new Set(x.queues.flatMap((q) => q.items.map((i) => i.id)));
    const lilleIds = ids(c);
    for (const id of ids(l)) expect(lilleIds.has(id)).toBe(false);
    const lilleActivities = new Set(c.atRisk.map((a) => a.activity.id));
    for (const a of l.atRisk) expect(lilleActivities.has(a.activity.id)).toBe(false);
  });

  it('lets staff see every office or narrow to one', async () => {
    const all = await cockpitOf(payroll);
    expect(all.allOffices).toBe(true);
    expect(all.offices).toHaveLength(offices.length);
    const lille = await cockpitOf(admin, `?officeId=${officeId('lille')}`);
    expect(lille.officeIds).toEqual([officeId('lille')]);
    for (const q of lille.queues) expect(q.count).toBeLessThanOrEqual(queue(all, q.key).count);
    for (const a of lille.atRisk)
      expect(a.office?.id === officeId('lille') || a.office === null).toBeTruthy();
  });

  it('puts an activity that spent more than it has at the top, with the balance of its account', async () => {
    const me = await ok<{ memberId: string }>(lea.get('/api/v1/me'));
    const activities = await ok<{ items: { id: string; entity: { id: string } }[] }>(
      lea.get(`/api/v1/activities?memberId=${me.memberId}&status=open`),
    );
    const activity = activities.items[0] as { id: string; entity: { id: string } };
    const posted = await admin.post('/api/v1/ledger/entries', {
      entityId: activity.entity.id,
      journalCode: 'OD',
      entryDate: '2026-11-18',
      label: 'Achat de matériel son',
      lines: [
        { accountNumber: '6063', activityId: activity.id, debitCents: 5_000_000 },
        { accountNumber: '512', creditCents: 5_000_000 },
      ],
    });
    expect(posted.statusCode).toBe(201);
    const c = await cockpitOf(adviser);
    const account = await ok<{ closingBalanceCents: number }>(
      lea.get(`/api/v1/activities/${activity.id}/account`),
    );
    const row = c.atRisk.find((a) => a.activity.id === activity.id);
    expect(row).toBeDefined();
    expect(row?.balanceCents).toBe(account.closingBalanceCents);
    expect(row?.reasons[0]).toEqual({ kind: 'negative_balance', balanceCents: account.closingBalanceCents });
    expect(c.atRisk[0]?.balanceCents).toBeLessThanOrEqual(account.closingBalanceCents);
    // Every at-risk balance is the activity account's.
    for (const a of c.atRisk.slice(0, 5)) {
      const acc = await ok<{ closingBalanceCents: number }>(
        admin.get(`/api/v1/activities/${a.activity.id}/account`),
      );
      expect(a.balanceCents).toBe(acc.closingBalanceCents);
    }
    // Thresholds are parameters: below −60,000 € it is no longer at risk for its balance.
    const loose = await cockpitOf(adviser, '?balanceBelowCents=-6000000');
    expect(
      loose.atRisk
        .find((a) => a.activity.id === activity.id)
        ?.reasons.some((r) => r.kind === 'negative_balance') ?? false,
    ).toBe(false);
  });
});

describe('direction dashboard', () => {
  type Balances = {
    totals: { invoicedCents: number; collectedCents: number; feeCents: number; salaryPaidCents: number };
  };

  it('equals the sum of the activity accounts of each entity over the year', async () => {
    const entities = (await ok<{ items: { id: string; code: string }[] }>(admin.get('/api/v1/entities')))
      .items;
    const all = await ok<DashboardView>(admin.get('/api/v1/backoffice/dashboard?year=2026'));
    let invoiced = 0;
    for (const e of entities) {
      const d = await ok<DashboardView>(admin.get(`/api/v1/backoffice/dashboard?year=2026&entityId=${e.id}`));
      const b = await ok<Balances>(
        admin.get(`/api/v1/ledger/entities/${e.id}/reports/activity-balances?from=2026-01-01&to=2026-12-31`),
      );
      expect(d.totals.invoicedCents).toBe(b.totals.invoicedCents);
      expect(d.totals.collectedCents).toBe(b.totals.collectedCents);
      expect(d.totals.feeCents).toBe(b.totals.feeCents);
      expect(d.totals.payrollCostCents).toBe(b.totals.salaryPaidCents);
      invoiced += d.totals.invoicedCents;
    }
    expect(all.totals.invoicedCents).toBe(invoiced);
    expect(all.totals.invoicedCents).toBeGreaterThan(0);
    expect(all.totals.grossSalariesCents).toBeGreaterThan(0);
    expect(all.totals.grossSalariesCents).toBeLessThanOrEqual(all.totals.payrollCostCents);
    expect(all.months).toHaveLength(12);
    expect(all.months.reduce((s, m) => s + m.invoicedCents, 0)).toBe(all.totals.invoicedCents);
    expect(all.rows.reduce((s, r) => s + r.invoicedCents, 0)).toBe(all.totals.invoicedCents);
    expect(all.totals.activeMembers).toBeGreaterThan(0);
  });

  it('narrows to an office: its figures are its row of the whole dashboard', async () => {
    const all = await ok<DashboardView>(admin.get('/api/v1/backoffice/dashboard?year=2026'));
    const lilleRows = all.rows.filter((r) => r.office?.id === officeId('lille'));
    expect(lilleRows.length).toBeGreaterThan(0);
    const lille = await ok<DashboardView>(
      admin.get(`/api/v1/backoffice/dashboard?year=2026&officeId=${officeId('lille')}`),
    );
    for (const k of ['invoicedCents', 'collectedCents', 'feeCents', 'grossSalariesCents'] as const)
      expect(lille.totals[k]).toBe(lilleRows.reduce((s, r) => s + r[k], 0));
    expect(lille.rows.every((r) => r.office?.id === officeId('lille'))).toBe(true);
    // The fund is the entity's: an office shows the same balance.
    expect(lille.totals.fundBalanceCents).toBe(all.totals.fundBalanceCents);
  });

  it('carries the guarantee fund’s covers from month to month (net debit of 962)', async () => {
    const entity = (await ok<{ items: { id: string; code: string }[] }>(admin.get('/api/v1/entities')))
      .items[0] as {
      id: string;
    };
    const before = await ok<DashboardView>(
      admin.get(`/api/v1/backoffice/dashboard?year=2026&entityId=${entity.id}`),
    );
    const activity = (
      await ok<{ items: { id: string }[] }>(
        admin.get(`/api/v1/activities?entityId=${entity.id}&status=open&limit=1`),
      )
    ).items[0] as { id: string };
    const posted = await admin.post('/api/v1/ledger/entries', {
      entityId: entity.id,
      journalCode: 'ANA',
      entryDate: '2026-09-15',
      label: 'Couverture du fonds de garantie',
      lines: [
        // As the guarantee fund posts a cover: its own side names no activity.
        { accountNumber: '962', debitCents: 120_000 },
        { accountNumber: '972', activityId: activity.id, creditCents: 120_000 },
      ],
    });
    expect(posted.statusCode).toBe(201);
    const after = await ok<DashboardView>(
      admin.get(`/api/v1/backoffice/dashboard?year=2026&entityId=${entity.id}`),
    );
    const delta = after.months.map((m, i) => m.exposureCents - (before.months[i]?.exposureCents ?? 0));
    expect(delta).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 120_000, 120_000, 120_000, 120_000]);
    expect(after.totals.exposureCents - before.totals.exposureCents).toBe(120_000);
    // Counted in the office of the covered activity, not in "no office".
    const rowDelta = (r: DashboardView['rows'][number]) =>
      r.exposureCents -
      (before.rows.find((b) => b.entity.id === r.entity.id && b.office?.id === r.office?.id)?.exposureCents ??
        0);
    const moved = after.rows.filter((r) => rowDelta(r) !== 0);
    expect(moved).toHaveLength(1);
    expect(moved[0]?.office).not.toBeNull();
    expect(rowDelta(moved[0] as DashboardView['rows'][number])).toBe(120_000);
    // The year after starts with it.
    const next = await ok<DashboardView>(
      admin.get(`/api/v1/backoffice/dashboard?year=2027&entityId=${entity.id}`),
    );
    expect(next.months[0]?.exposureCents).toBe(after.totals.exposureCents);
  });

  it('exports the figures per month, entity and office as CSV and XLSX', async () => {
    const d = await ok<DashboardView>(admin.get('/api/v1/backoffice/dashboard?year=2026'));
    const csv = await accountant.get('/api/v1/backoffice/dashboard/export?year=2026&format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toContain('tableau-de-bord-2026.csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const header = (lines[0] as string).split(';');
    expect(header.slice(0, 5)).toEqual([
      'Mois',
      'Entité',
      'Nom de l’entité',
      'Agence',
      'Chiffre d’affaires facturé HT',
    ]);
    const body = lines.slice(1).map((l) => l.split(';'));
    expect(body.length).toBe(d.rows.length * 12);
    const cents = (v: string) => Math.round(Number(v.replace(',', '.')) * 100);
    expect(body.reduce((s, r) => s + cents(r[4] as string), 0)).toBe(d.totals.invoicedCents);
    expect(body.reduce((s, r) => s + cents(r[6] as string), 0)).toBe(d.totals.feeCents);
    const english = await admin.get('/api/v1/backoffice/dashboard/export?year=2026&format=csv', {
      'accept-language': 'en',
    });
    expect(english.body).toContain('Turnover invoiced excl. VAT');
    const xlsx = await admin.get('/api/v1/backoffice/dashboard/export?year=2026&format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
