import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.ts';
import { easterSunday, frenchPublicHolidays, isWorkingDay, workingDaysBetween } from './ageing.ts';
import {
  buildDashboard,
  dashboardCells,
  dashboardExportRows,
  flowsOf,
  type LedgerAggregateRow,
} from './dashboard.ts';
import { summarizeQueue } from './queues.ts';
import { addMonths, assessRisk, compareRisk, wholeMonthsBetween } from './risk.ts';
import { defaultRiskThresholds } from './schemas.ts';

describe('working days', () => {
  it('knows Easter and the French public holidays', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2038)).toBe('2038-04-25');
    const h2026 = [...frenchPublicHolidays(2026)].sort();
    expect(h2026).toEqual([
      '2026-01-01',
      '2026-04-06', // Easter Monday
      '2026-05-01',
      '2026-05-08',
      '2026-05-14', // Ascension
      '2026-05-25', // Whit Monday
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
    expect(isWorkingDay('2026-11-11')).toBe(false);
    expect(isWorkingDay('2026-11-21')).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-20')).toBe(true);
  });

  it('counts the working days after the day something arrived', () => {
    expect(workingDaysBetween('2026-11-20', '2026-11-20')).toBe(0);
    expect(workingDaysBetween('2026-11-16', '2026-11-20')).toBe(4); // Monday → Friday
    expect(workingDaysBetween('2026-11-13', '2026-11-16')).toBe(1); // Friday → Monday
    expect(workingDaysBetween('2026-11-10', '2026-11-12')).toBe(1); // the 11th is a holiday
    expect(workingDaysBetween('2026-12-24', '2027-01-04')).toBe(5); // 25 Dec and 1 Jan off
    expect(workingDaysBetween('2026-11-25', '2026-11-20')).toBe(0);
  });

  it('the fast count equals walking day by day', () => {
    const day = fc.integer({ min: 0, max: 3 * 365 }).map((n) => addDays('2025-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 400 }), (since, span) => {
        const today = addDays(since, span);
        let walked = 0;
        for (let d = since; d < today; ) {
          d = addDays(d, 1);
          if (isWorkingDay(d)) walked++;
        }
        expect(workingDaysBetween(since, today)).toBe(walked);
      }),
    );
  });
});

describe('activities at risk', () => {
  const quiet = {
    openedOn: '2025-01-10',
    balanceCents: 120_000,
    lastRevenueOn: '2026-10-30',
    overdue: { cents: 0, invoiceCount: 0, oldestDaysLate: 0 },
  };
  const today = '2026-11-20';

  it('leaves a healthy activity alone', () => {
    expect(assessRisk(quiet, defaultRiskThresholds, today)).toEqual([]);
  });

  it('flags a negative balance, large or old overdue receivables, and months without revenue', () => {
    expect(assessRisk({ ...quiet, balanceCents: -1 }, defaultRiskThresholds, today)).toEqual([
      { kind: 'negative_balance', balanceCents: -1 },
    ]);
    const small = { cents: 50_000, invoiceCount: 1, oldestDaysLate: 20 };
    expect(assessRisk({ ...quiet, overdue: small }, defaultRiskThresholds, today)).toEqual([]);
    expect(
      assessRisk({ ...quiet, overdue: { ...small, oldestDaysLate: 60 } }, defaultRiskThresholds, today),
    ).toEqual([{ kind: 'overdue_receivables', overdueCents: 50_000, invoiceCount: 1, oldestDaysLate: 60 }]);
    expect(
      assessRisk({ ...quiet, overdue: { ...small, cents: 300_000 } }, defaultRiskThresholds, today),
    ).toHaveLength(1);
    expect(assessRisk({ ...quiet, lastRevenueOn: '2026-08-20' }, defaultRiskThresholds, today)).toEqual([
      { kind: 'inactive', lastRevenueOn: '2026-08-20', months: 3 },
    ]);
    expect(assessRisk({ ...quiet, lastRevenueOn: '2026-08-21' }, defaultRiskThresholds, today)).toEqual([]);
    // Never invoiced: counted from the opening; a new activity is not inactive.
    expect(
      assessRisk({ ...quiet, lastRevenueOn: null, openedOn: '2026-10-01' }, defaultRiskThresholds, today),
    ).toEqual([]);
    expect(
      assessRisk({ ...quiet, lastRevenueOn: null, openedOn: '2026-01-01' }, defaultRiskThresholds, today),
    ).toEqual([{ kind: 'inactive', lastRevenueOn: null, months: 10 }]);
  });

  it('takes thresholds as parameters', () => {
    const t = { ...defaultRiskThresholds, balanceBelowCents: 200_000, inactiveMonths: 1 };
    expect(assessRisk(quiet, t, today).map((r) => r.kind)).toEqual(['negative_balance']);
    expect(assessRisk(quiet, { ...t, balanceBelowCents: 0 }, '2026-12-01')).toEqual([
      { kind: 'inactive', lastRevenueOn: '2026-10-30', months: 1 },
    ]);
  });

  it('counts months as a calendar does', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-20', -3)).toBe('2026-08-20');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(wholeMonthsBetween('2026-01-31', '2026-02-28')).toBe(1);
    expect(wholeMonthsBetween('2026-08-21', '2026-11-20')).toBe(2);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 48 }), (n, k) => {
        const from = addDays('2024-01-01', n);
        expect(wholeMonthsBetween(from, addMonths(from, k))).toBe(k);
      }),
    );
  });

  it('puts the most pressing first', () => {
    const item = (name: string, reasons: number, balanceCents: number, overdueCents = 0) => ({
      name,
      balanceCents,
      overdueCents,
      reasons: Array.from({ length: reasons }, () => ({ kind: 'negative_balance' as const, balanceCents })),
    });
    const sorted = [item('b', 1, -100), item('a', 2, -10), item('c', 1, -500), item('d', 1, 0, 900)].sort(
      compareRisk,
    );
    expect(sorted.map((s) => s.name)).toEqual(['a', 'c', 'b', 'd']);
  });
});

describe('validation queues', () => {
  it('counts, ages in working days and shows the oldest first', () => {
    const item = (id: string, since: string) => ({
      id,
      title: id,
      detail: '',
      amountCents: null,
      since,
      href: `/x/${id}`,
      accountHref: null,
    });
    const q = summarizeQueue(
      'expenses',
      'adviser',
      '/expenses',
      { total: 9, items: [item('new', '2026-11-19'), item('old', '2026-11-02'), item('mid', '2026-11-12')] },
      '2026-11-20',
      2,
    );
    expect(q).toMatchObject({
      count: 9,
      oldestSince: '2026-11-02',
      oldestAgeWorkingDays: 13,
      available: true,
    });
    expect(q.items.map((i) => [i.id, i.ageWorkingDays])).toEqual([
      ['old', 13],
      ['mid', 6],
    ]);
    expect(summarizeQueue('advances', 'staff', '/advances', null, '2026-11-20')).toMatchObject({
      available: false,
      count: 0,
      items: [],
    });
  });
});

describe('direction dashboard', () => {
  const row = (over: Partial<LedgerAggregateRow>): LedgerAggregateRow => ({
    entityId: 'e1',
    officeId: 'lille',
    month: '2026-03',
    accountNumber: '706',
    tagged: true,
    touchesTreasury: false,
    debitCents: 0,
    creditCents: 0,
    ...over,
  });

  it('reads each account as the activity account does', () => {
    expect(flowsOf(row({ creditCents: 100_000, debitCents: 10_000 })).invoicedCents).toBe(90_000);
    expect(flowsOf(row({ accountNumber: '411', creditCents: 120_000 })).collectedCents).toBe(0);
    expect(
      flowsOf(row({ accountNumber: '411', creditCents: 120_000, touchesTreasury: true })).collectedCents,
    ).toBe(120_000);
    expect(flowsOf(row({ accountNumber: '961', debitCents: 8_500 })).feeCents).toBe(8_500);
    const pay = flowsOf(row({ accountNumber: '6411', debitCents: 200_000 }));
    expect([pay.grossSalariesCents, pay.payrollCostCents]).toEqual([200_000, 200_000]);
    expect(flowsOf(row({ accountNumber: '6451', debitCents: 80_000 })).grossSalariesCents).toBe(0);
    // The cooperative's own revenue (no activity) is not members' turnover.
    expect(flowsOf(row({ tagged: false, creditCents: 5_000 })).invoicedCents).toBe(0);
  });

  it('carries the fund exposure from month to month and sums the breakdown into the totals', () => {
    const rows = [
      row({ month: null, accountNumber: '962', debitCents: 50_000 }),
      row({ month: '2026-02', accountNumber: '962', debitCents: 30_000 }),
      row({ month: '2026-05', accountNumber: '962', creditCents: 50_000 }),
      row({ month: '2026-02', creditCents: 400_000 }),
      row({ officeId: null, month: '2026-02', creditCents: 100_000 }),
      row({ entityId: 'e2', month: '2026-07', accountNumber: '961', debitCents: 3_400 }),
      row({ month: null, accountNumber: '973', creditCents: 90_000, tagged: false, officeId: null }),
      row({ month: '2026-06', accountNumber: '974', debitCents: 20_000, tagged: false, officeId: null }),
    ];
    const active = [
      { entityId: 'e1', officeId: 'lille', whole: false, month: '2026-02', members: 2 },
      { entityId: 'e1', officeId: 'lille', whole: false, month: null, members: 3 },
      { entityId: null, officeId: null, whole: true, month: '2026-02', members: 2 },
      { entityId: null, officeId: null, whole: true, month: null, members: 4 },
    ];
    const names = {
      entities: new Map([
        ['e1', { id: 'e1', code: 'SCIC', name: 'Commune SCIC' }],
        ['e2', { id: 'e2', code: 'CAE', name: 'Commune CAE' }],
      ]),
      offices: new Map([['lille', { id: 'lille', name: 'Lille' }]]),
    };
    const d = buildDashboard({ year: 2026, entityId: null, officeId: null }, rows, active, true, names);
    expect(d.months.map((m) => m.exposureCents)).toEqual([
      50_000, 80_000, 80_000, 80_000, 30_000, 30_000, 30_000, 30_000, 30_000, 30_000, 30_000, 30_000,
    ]);
    expect(d.months.map((m) => m.fundBalanceCents).slice(4, 7)).toEqual([90_000, 70_000, 70_000]);
    expect(d.months[1]).toMatchObject({ invoicedCents: 500_000, activeMembers: 2 });
    expect(d.totals).toMatchObject({
      invoicedCents: 500_000,
      feeCents: 3_400,
      exposureCents: 30_000,
      activeMembers: 4,
    });
    expect(d.rows.map((r) => [r.entity.code, r.office?.name ?? null, r.invoicedCents])).toEqual([
      ['CAE', 'Lille', 0],
      ['SCIC', 'Lille', 400_000],
      ['SCIC', null, 100_000],
    ]);
    expect(
      buildDashboard({ year: 2026, entityId: null, officeId: null }, rows, active, false, names).totals
        .fundBalanceCents,
    ).toBeNull();
    const exported = dashboardExportRows(2026, dashboardCells(2026, rows, active), names, '—');
    expect(exported).toHaveLength(36);
    expect(
      exported.find((r) => r.month === '2026-02' && r.entityCode === 'SCIC' && r.officeName === 'Lille'),
    ).toMatchObject({
      invoicedCents: 400_000,
      exposureCents: 80_000,
      activeMembers: 2,
    });
  });

  it('totals equal the sum of months and of the breakdown, whatever the rows', () => {
    const accounts = ['706', '411', '416', '961', '6411', '6451', '631', '962', '512', '44571'];
    const arbRow = fc.record({
      entityId: fc.constantFrom('e1', 'e2'),
      officeId: fc.constantFrom('a', 'b', null),
      month: fc.constantFrom(null, '2026-01', '2026-06', '2026-12'),
      accountNumber: fc.constantFrom(...accounts),
      tagged: fc.boolean(),
      touchesTreasury: fc.boolean(),
      debitCents: fc.integer({ min: 0, max: 1e7 }),
      creditCents: fc.integer({ min: 0, max: 1e7 }),
    });
    const names = {
      entities: new Map([
        ['e1', { id: 'e1', code: 'A', name: 'A' }],
        ['e2', { id: 'e2', code: 'B', name: 'B' }],
      ]),
      offices: new Map([
        ['a', { id: 'a', name: 'a' }],
        ['b', { id: 'b', name: 'b' }],
      ]),
    };
    fc.assert(
      fc.property(fc.array(arbRow, { maxLength: 40 }), (rows) => {
        const d = buildDashboard({ year: 2026, entityId: null, officeId: null }, rows, [], false, names);
        for (const k of [
          'invoicedCents',
          'collectedCents',
          'feeCents',
          'grossSalariesCents',
          'payrollCostCents',
        ] as const) {
          expect(d.months.reduce((s, m) => s + m[k], 0)).toBe(d.totals[k]);
          expect(d.rows.reduce((s, r) => s + r[k], 0)).toBe(d.totals[k]);
        }
        expect(d.rows.reduce((s, r) => s + r.exposureCents, 0)).toBe(d.totals.exposureCents);
        expect(d.months[11]?.exposureCents).toBe(d.totals.exposureCents);
      }),
    );
  });
});
