// Salary rules around the URSSAF engine, without it: the balance a request may hold, equivalent
// hours, the legal minimum, the portage overlay, payslip lines and the payroll journal entry.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ContractTerms,
  contractForRules,
  contractInput,
  equivalentCentiHours,
  equivalentHoursPerWeek,
  minimumGross,
  splitPortage,
} from './contracts.ts';
import { inForce, passMonthly, portageRules, smicHourly } from './parameters.ts';
import { bodyOf, type PayslipLine, payrollJournalLines, payslipLines } from './payslip.ts';
import { decideReservation } from './reservation.ts';
import type { SimulationView } from './schemas.ts';

const cdi: ContractTerms = {
  type: 'CDI',
  noWorkingTime: false,
  cadre: false,
  partTimeHoursPerWeek: null,
  alsaceMoselle: false,
  intermittent: null,
  portageLevel: null,
  startDate: '2026-01-01',
  endDate: null,
};

describe('what a request may hold on an activity', () => {
  it('no sequence of requests holds more than the balance and its cover', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 5_000_000 }),
        fc.integer({ min: 0, max: 500_000 }),
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 40 }),
        (balance, cover, asks) => {
          let pending = 0;
          for (const amount of asks) {
            const d = decideReservation({
              balanceCents: balance,
              pendingCents: pending,
              coverCents: cover,
              amountCents: amount,
            });
            if (d.ok) {
              pending += amount;
              expect(d.remainingCents).toBe(balance + cover - pending);
            } else expect(pending + amount).toBeGreaterThan(balance + cover);
            expect(pending).toBeLessThanOrEqual(Math.max(0, balance + cover));
          }
        },
      ),
    );
  });

  it('says how much is missing', () => {
    expect(decideReservation({ balanceCents: 100_000, pendingCents: 60_000, amountCents: 50_000 })).toEqual({
      ok: false,
      availableCents: 40_000,
      shortCents: 10_000,
    });
    expect(decideReservation({ balanceCents: -5_000, pendingCents: 0, amountCents: 1 })).toMatchObject({
      ok: false,
      shortCents: 1,
    });
    expect(() => decideReservation({ balanceCents: 1, pendingCents: 0, amountCents: 0 })).toThrow(RangeError);
  });
});

describe('hours of a CAE entrepreneur-salarié (CSS D.241-27)', () => {
  it('counts the gross at the hourly SMIC, rounded down, at most 151.67 h', () => {
    expect(equivalentCentiHours(180_000, '2026-03')).toBe(14_975); // 1,800 € / 12.02 €/h = 149.75 h
    expect(equivalentCentiHours(182_303, '2026-03')).toBe(15_166); // the monthly SMIC: 151.666… h
    expect(equivalentCentiHours(182_400, '2026-03')).toBe(15_167);
    // From June 2026 the SMIC is 12.31 €/h (as in the rules): 1,800 € is 146.22 h.
    expect(equivalentCentiHours(180_000, '2026-11')).toBe(14_622);
    expect(equivalentCentiHours(186_702, '2026-11')).toBe(15_166);
    expect(equivalentCentiHours(500_000, '2026-11')).toBe(15_167);
    expect(equivalentCentiHours(60_000, '2025-06')).toBe(5_050); // 600 € / 11.88 €/h
    expect(equivalentHoursPerWeek(500_000, '2026-11')).toBeNull();
    expect(equivalentHoursPerWeek(180_000, '2026-03')).toBe(34.56); // 149.75 h × 12 / 52
    expect(equivalentHoursPerWeek(180_000, '2026-11')).toBe(33.74); // 146.22 h × 12 / 52
  });

  it('never counts more hours than the SMIC pays for', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (gross) => {
        const hours = equivalentCentiHours(gross, '2026-11');
        expect(hours * 1231).toBeLessThanOrEqual(gross * 100);
        expect(hours).toBeLessThanOrEqual(15_167);
      }),
    );
  });

  it('gives the rules part-time hours below a full-time SMIC, none above', () => {
    const caeTerms = { ...cdi, noWorkingTime: true };
    expect(contractForRules(caeTerms, 20)).toEqual({ type: 'CDI', cadre: false, partTimeHoursPerWeek: 20 });
    expect(contractForRules(caeTerms, null)).toEqual({ type: 'CDI', cadre: false });
    expect(contractForRules({ ...cdi, type: 'PORTAGE', portageLevel: 'senior' })).toEqual({
      type: 'CDI',
      cadre: false,
    });
  });
});

describe('legal minimum of a month', () => {
  it('is the SMIC for the contract’s hours (1,823.03 € for 35 h from January 2026, 1,867.02 € from June)', () => {
    expect(minimumGross(cdi, '2026-03')).toBe(182_303);
    expect(minimumGross({ ...cdi, partTimeHoursPerWeek: 24 }, '2026-03')).toBe(125_008); // 12.02 × 24 × 52 / 12
    expect(minimumGross(cdi, '2026-11')).toBe(186_702); // 12.31 × 35 × 52 / 12
    expect(minimumGross({ ...cdi, partTimeHoursPerWeek: 24 }, '2026-11')).toBe(128_024);
    expect(minimumGross({ ...cdi, noWorkingTime: true }, '2026-11')).toBeNull();
  });

  it('is for portage the branch share of the PASS (IDCC 3219 art. 21), pro rata of the hours', () => {
    const rules = inForce(portageRules, '2026-11')?.value;
    const pass = inForce(passMonthly, '2026-11')?.value;
    expect(rules?.minimumShareOfPassBp).toEqual({ junior: 7_000, senior: 7_500, dayRate: 8_500 });
    expect(pass).toBe(400_500);
    const portage = { ...cdi, type: 'PORTAGE' as const, portageLevel: 'junior' as const };
    expect(minimumGross(portage, '2026-11')).toBe(280_350); // 70 % of 4,005 €
    expect(minimumGross({ ...portage, portageLevel: 'senior' }, '2026-11')).toBe(300_375);
    expect(minimumGross({ ...portage, portageLevel: 'dayRate' }, '2026-11')).toBe(340_425);
    expect(minimumGross({ ...portage, partTimeHoursPerWeek: 17.5 }, '2026-11')).toBe(140_175);
  });

  it('has dated sources', () => {
    for (const rows of [smicHourly, passMonthly, portageRules])
      for (const r of rows) expect(r.source.length).toBeGreaterThan(10);
    expect(inForce(smicHourly, '2024-12')).toBeNull();
  });
});

describe('portage overlay', () => {
  it('splits the gross into base, 5 % business allowance and 10 % paid leave, to the cent', () => {
    expect(splitPortage(346_500, '2026-11')).toEqual({
      baseCents: 300_000,
      businessAllowanceCents: 15_000,
      paidLeaveCents: 31_500,
      financialReserveCents: 30_000,
    });
  });

  it('adds up to the gross whatever the gross, with the largest base that fits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 200, max: 10_000_000 }), (gross) => {
        const s = splitPortage(gross, '2026-11');
        expect(s.baseCents + s.businessAllowanceCents + s.paidLeaveCents).toBe(gross);
        // The parts are computed on the largest base that fits; the cent or two left goes to the base.
        expect(Math.abs(s.businessAllowanceCents - (s.baseCents * 5) / 100)).toBeLessThanOrEqual(1);
        expect(
          Math.abs(s.paidLeaveCents - (s.baseCents + s.businessAllowanceCents) / 10),
        ).toBeLessThanOrEqual(2);
        expect(Math.abs(s.financialReserveCents - s.baseCents / 10)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('contracts', () => {
  const base = {
    memberId: '00000000-0000-4000-8000-000000000001',
    entityId: '00000000-0000-4000-8000-000000000002',
    jobTitle: 'Régisseuse',
    startDate: '2026-01-01',
  };
  const codes = (input: object) => {
    const r = contractInput.safeParse({ ...base, ...input });
    return r.success
      ? []
      : r.error.issues.map((i) => (i as { params?: { code?: string } }).params?.code ?? i.code);
  };
  it('refuses inconsistent terms with a code per field', () => {
    expect(codes({ type: 'CDI' })).toEqual([]);
    expect(codes({ type: 'CDD' })).toEqual(['contract.fixed_term_needs_end']);
    expect(codes({ type: 'CDI', endDate: '2025-12-31' })).toEqual(['contract.end_before_start']);
    expect(codes({ type: 'PORTAGE' })).toEqual(['contract.portage_level']);
    expect(codes({ type: 'CDI', portageLevel: 'junior' })).toEqual(['contract.portage_level']);
    expect(codes({ type: 'CDI', intermittent: 'artist' })).toEqual(['payroll.intermittent_needs_usage']);
    expect(codes({ type: 'CDI', noWorkingTime: true, partTimeHoursPerWeek: 20 })).toEqual([
      'contract.no_working_time_cdi',
    ]);
    expect(codes({ type: 'CDD_USAGE', intermittent: 'technician', endDate: '2026-01-31' })).toEqual([]);
    expect(codes({ type: 'CDI', rulesetId: 'fr-1999' })).toEqual(['payroll.unknown_ruleset']);
  });
});

// A small simulation as the adapter would answer it, to check the payslip and journal shapes.
const view = (o: {
  gross: number;
  employee: [string, string, number][];
  employer: [string, string, number][];
}) => {
  const employeeTotal = o.employee.reduce((a, l) => a + l[2], 0);
  const employerTotal = o.employer.reduce((a, l) => a + l[2], 0);
  return {
    grossCents: o.gross,
    grossPayCents: o.gross,
    netCents: o.gross - employeeTotal,
    employeeContributionsCents: employeeTotal,
    employerContributionsCents: employerTotal,
    employerCostCents: o.gross + employerTotal,
    lines: [
      { side: 'pay', family: 'pay', code: 'salary', rule: 'x', amountCents: o.gross },
      ...o.employee.map(([family, code, amountCents]) => ({
        side: 'employee',
        family,
        code,
        rule: 'x',
        amountCents,
      })),
      ...o.employer.map(([family, code, amountCents]) => ({
        side: 'employer',
        family,
        code,
        rule: 'x',
        amountCents,
      })),
    ],
  } as unknown as SimulationView;
};

describe('payslip lines and the payroll entry', () => {
  const v = view({
    gross: 180_000,
    employee: [
      ['retirement', 'oldAgeCapped', 12_420],
      ['retirement', 'complementary', 5_670],
      ['csgCrds', 'csgDeductible', 12_167],
    ],
    employer: [
      ['health', 'sickness', 12_600],
      ['retirement', 'oldAgeCapped', 15_210],
      ['retirement', 'complementary', 8_514],
      ['unemployment', 'unemployment', 7_299],
      ['reductions', 'reductions', -40_000],
    ],
  });
  const lines = payslipLines(v, { gross: 180_000, ceiling: 400_500, csg: 176_850 }, null);

  it('puts both sides of a contribution on one row with its base and rates', () => {
    const capped = lines.find((l) => l.code === 'oldAgeCapped') as PayslipLine;
    expect(capped).toMatchObject({
      baseCents: 180_000,
      employeeCents: 12_420,
      employerCents: 15_210,
      body: 'urssaf',
    });
    expect(capped.employeeRatePpm).toBe(69_000); // 6.90 %
    const csg = lines.find((l) => l.code === 'csgDeductible') as PayslipLine;
    expect(csg.baseCents).toBe(176_850);
    expect(csg.employeeRatePpm).toBe(68_798); // 12,167 / 176,850
    expect(lines[0]).toMatchObject({ family: 'pay', code: 'salary', employeeCents: 180_000 });
    expect(bodyOf('complementary')).toBe('retirement');
    expect(bodyOf('congesSpectacles')).toBe('other');
  });

  it('posts a balanced entry: the activity pays gross and employer contributions; net, bodies and tax are owed', () => {
    const entry = payrollJournalLines({
      lines,
      netPaidCents: v.netCents - 1_800,
      withholdingCents: 1_800,
      activityId: 'a',
      memberId: 'm',
      label: 'Salaire',
    });
    const debit = entry.reduce((a, l) => a + (l.debitCents ?? 0), 0);
    const credit = entry.reduce((a, l) => a + (l.creditCents ?? 0), 0);
    expect(debit).toBe(credit);
    const onActivity = entry
      .filter((l) => l.activityId === 'a')
      .reduce((a, l) => a + (l.debitCents ?? 0) - (l.creditCents ?? 0), 0);
    expect(onActivity).toBe(v.employerCostCents);
    expect(entry.find((l) => l.accountNumber === '421')).toMatchObject({
      memberId: 'm',
      creditCents: v.netCents - 1_800,
    });
    expect(entry.find((l) => l.accountNumber === '4421')).toMatchObject({ creditCents: 1_800 });
    expect(entry.find((l) => l.accountNumber === '437')).toMatchObject({ creditCents: 5_670 + 8_514 });
    // The RGDU above the URSSAF employer contributions on 6451 turns that line into a credit.
    expect(entry.find((l) => l.accountNumber === '6451')).toMatchObject({
      creditCents: 40_000 - 12_600 - 15_210,
    });
  });

  it('balances for any amounts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000_000 }),
        fc.array(
          fc.tuple(
            fc.constantFrom(
              'sickness',
              'complementary',
              'unemployment',
              'training',
              'healthInsurance',
              'reductions',
            ),
            fc.integer({ min: -100_000, max: 200_000 }),
            fc.integer({ min: 0, max: 200_000 }),
          ),
          { maxLength: 12 },
        ),
        fc.integer({ min: 0, max: 10_000 }),
        (gross, rows, taxBp) => {
          const v2 = view({
            gross,
            employee: rows.map(([code, , employee]) => ['health', code, employee]),
            employer: rows.map(([code, employer]) => ['health', code, employer]),
          });
          const tax = Math.round((v2.netCents * taxBp) / 10_000);
          const entry = payrollJournalLines({
            lines: payslipLines(v2, { gross, ceiling: 400_500, csg: gross }, null),
            netPaidCents: v2.netCents - tax,
            withholdingCents: tax,
            activityId: 'a',
            memberId: 'm',
            label: 'Salaire',
          });
          const debit = entry.reduce((a, l) => a + (l.debitCents ?? 0), 0);
          const credit = entry.reduce((a, l) => a + (l.creditCents ?? 0), 0);
          expect(debit).toBe(credit);
          for (const l of entry) expect((l.debitCents ?? 0) > 0 !== (l.creditCents ?? 0) > 0).toBe(true);
        },
      ),
    );
  });
});
