// The pure half of payroll: situations, euros to cents, lines that add up, the invoice chain.
// The figures of the rules themselves are checked against modele-social in the server's tables.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import {
  amountRules,
  breakdownOf,
  conditionRules,
  type Evaluations,
  eurosToCents,
  lineCatalogue,
  roundToTotal,
  totalRules,
} from './breakdown.ts';
import { budgetFromInvoice, feeOn, invoiceForEmployerCost, withholdingOn } from './invoicing.ts';
import { rulesetFor } from './rulesets.ts';
import { type SimulationInput, simulationInput } from './schemas.ts';
import { type RulesEvaluator, simulateSalary } from './simulation.ts';
import { headcountThreshold, monthlyEuros, periodDate, situationOf } from './situation.ts';
import { solveGross } from './solve.ts';

describe('situation', () => {
  it('maps a headcount to the rules’ thresholds at each boundary', () => {
    const cases: [number, string][] = [
      [1, 'moins de 5'],
      [4, 'moins de 5'],
      [5, 'moins de 11'],
      [10, 'moins de 11'],
      [11, 'moins de 20'],
      [19, 'moins de 20'],
      [20, 'moins de 50'],
      [49, 'moins de 50'],
      [50, 'moins de 150'],
      [149, 'moins de 150'],
      [150, 'moins de 250'],
      [249, 'moins de 250'],
      [250, 'plus de 250'],
      [12_000, 'plus de 250'],
    ];
    for (const [headcount, threshold] of cases) expect(headcountThreshold(headcount)).toBe(threshold);
    expect(() => headcountThreshold(2.5)).toThrow(RangeError);
  });

  it('writes amounts and dates as the rules read them, without float formatting', () => {
    expect(monthlyEuros(250_000)).toBe('2500.00 €/mois');
    expect(monthlyEuros(182_303)).toBe('1823.03 €/mois');
    expect(monthlyEuros(7)).toBe('0.07 €/mois');
    expect(() => monthlyEuros(-1)).toThrow(RangeError);
    expect(periodDate('2026-03')).toBe("'01/03/2026'");
  });

  it('builds the situation of each contract', () => {
    const base = { period: '2026-11', headcount: 30, target: { kind: 'gross' as const, amount: 250_000 } };
    expect(situationOf({ ...base, contract: { type: 'CDI', cadre: true } })).toEqual({
      situation: {
        date: "'01/11/2026'",
        'entreprise . salariés . effectif . seuil': "'moins de 50'",
        'salarié . contrat': "'CDI'",
        'salarié . contrat . statut cadre': 'oui',
        'salarié . contrat . salaire brut': '2500.00 €/mois',
      },
      overlays: [],
    });
    const usage = situationOf({
      ...base,
      target: { kind: 'net', amount: 150_050 },
      contract: { type: 'CDD_USAGE', cadre: false, partTimeHoursPerWeek: 17.5, alsaceMoselle: true },
    }).situation;
    expect(usage).toMatchObject({
      'salarié . contrat': "'CDD'",
      'salarié . contrat . CDD . motif': "'classique . usage'",
      'salarié . contrat . temps de travail . temps partiel': 'oui',
      'salarié . contrat . temps de travail . temps partiel . heures par semaine': '17.5 heure/semaine',
      'salarié . régimes spécifiques . alsace moselle': 'oui',
      'salarié . rémunération . net . à payer avant impôt': '1500.50 €/mois',
    });
    expect(usage).not.toHaveProperty(['salarié . convention collective']);
    // A plain CDD keeps the rules' default reason, which owes the end-of-contract indemnity.
    expect(situationOf({ ...base, contract: { type: 'CDD', cadre: false } }).situation).not.toHaveProperty([
      'salarié . contrat . CDD . motif',
    ]);
  });

  it('states the artists’ family-allowance base rate by naming the rule, and says so', () => {
    const artist = situationOf({
      period: '2026-11',
      headcount: 3,
      target: { kind: 'employerCost', amount: 200_000 },
      contract: { type: 'CDD_USAGE', cadre: false, intermittent: 'artist' },
    });
    expect(artist.overlays).toEqual(['artistFamilyAllowance']);
    expect(artist.situation).toMatchObject({
      'salarié . convention collective': "'SVP'",
      'salarié . régimes spécifiques . intermittents du spectacle': "'artiste'",
      'salarié . cotisations . allocations familiales . taux':
        'salarié . cotisations . allocations familiales . taux plein',
      'salarié . coût total employeur': '2000.00 €/mois',
    });
    const technician = situationOf({
      period: '2026-11',
      headcount: 3,
      target: { kind: 'gross', amount: 100_000 },
      contract: { type: 'CDD_USAGE', cadre: false, intermittent: 'technician' },
    });
    expect(technician.overlays).toEqual([]);
    expect(technician.situation['salarié . régimes spécifiques . intermittents du spectacle']).toBe(
      "'technicien'",
    );
  });

  it('knows which periods its rules cover', () => {
    expect(rulesetFor('2026-01')?.version).toBe('11.1.0');
    expect(rulesetFor('2026-12')?.id).toBe('fr-2026');
    expect(rulesetFor('2025-12')).toBeNull();
    expect(rulesetFor('2027-01')).toBeNull();
  });
});

describe('euros to cents', () => {
  it('rounds half-up on the value the rules meant, not on its binary noise', () => {
    expect(eurosToCents(542.94625)).toBe(54_295);
    expect(eurosToCents(2048.8650000000002)).toBe(204_887);
    expect(eurosToCents(0.285)).toBe(29); // 0.285 * 100 is 28.499999999999996 in a double
    expect(eurosToCents(1957.05375)).toBe(195_705);
    expect(eurosToCents(1225.6702040816326)).toBe(122_567);
    expect(eurosToCents(-429.755)).toBe(-42_976);
    expect(eurosToCents(0)).toBe(0);
  });

  it('rounds lines so that they add up to their total, moving none by more than a cent', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50_000_000_000, max: 50_000_000_000 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: -1, max: 1 }),
        (exact, nudge) => {
          const exactTotal = exact.reduce((a, b) => a + b, 0);
          const total = eurosToCents(exactTotal / 1_000_000) + nudge;
          const rounded = roundToTotal(exact, total);
          expect(rounded.reduce((a, b) => a + b, 0)).toBe(total);
          rounded.forEach((r, i) => {
            expect(Math.abs(r * 10_000 - (exact[i] as number))).toBeLessThan(15_000);
          });
        },
      ),
    );
    // Two lines of half a cent and a total of one cent: both round up, the first gives its cent back.
    expect(roundToTotal([5_000, 5_000], 1)).toEqual([0, 1]);
  });
});

/** Evaluations where every line is `perLine` euros and the totals add up. */
function evaluations(
  perLine: number,
  overrides: Record<string, number | null | undefined> = {},
): Evaluations {
  const values: Record<string, number | boolean | null | undefined> = {};
  for (const l of lineCatalogue) values[l.rule] = l.negative ? 0 : perLine;
  const count = (side: string) => lineCatalogue.filter((l) => l.side === side && !l.negative).length;
  const grossPay = perLine * count('pay');
  const employer = perLine * count('employer');
  const employee = perLine * count('employee');
  values[totalRules.gross] = perLine;
  values[totalRules.grossPay] = grossPay;
  values[totalRules.employerContributions] = employer;
  values[totalRules.employeeContributions] = employee;
  values[totalRules.employerCost] = grossPay + employer;
  values[totalRules.net] = grossPay - employee;
  values[totalRules.netTaxable] = grossPay - employee;
  values[totalRules.rgdu] = 0;
  for (const rule of conditionRules) values[rule] = false;
  return { ...values, ...overrides };
}

describe('breakdown', () => {
  it('evaluates every total and line, and only amounts as amounts', () => {
    for (const rule of Object.values(totalRules)) expect(amountRules).toContain(rule);
    for (const l of lineCatalogue) expect(amountRules).toContain(l.rule);
    for (const rule of conditionRules) expect(amountRules).not.toContain(rule);
  });

  it('gives each side lines that add up exactly to its total', () => {
    const b = breakdownOf(evaluations(0.125));
    for (const [side, total] of [
      ['pay', b.totals.grossPay],
      ['employer', b.totals.employerContributions],
      ['employee', b.totals.employeeContributions],
    ] as const) {
      const lines = b.lines.filter((l) => l.side === side);
      expect(lines.reduce((a, l) => a + l.amountCents, 0)).toBe(total);
      // 0.125 € is 12.5 cents: each line is 12 or 13, as close to the exact value as the total allows.
      for (const l of lines) expect([12, 13]).toContain(l.amountCents);
    }
    expect(b.notices).toEqual([]);
  });

  it('adds up when the rules’ totals, rounded one by one, would miss by a cent', () => {
    // A CDD's gross pay holds fractions of a cent (its 10 % indemnity): 100.006 € of pay, 10.004 € of
    // employee and 20.004 € of employer contributions round to 100.01, 10.00 and 20.00, yet the net
    // (90.002 €) and the cost (120.010 €) round to 90.00 and 120.01.
    const base = evaluations(10);
    const b = breakdownOf({
      ...base,
      [totalRules.grossPay]: 100.006,
      [totalRules.employeeContributions]: 10.004,
      [totalRules.net]: 90.002,
      [totalRules.employerContributions]: 20.004,
      [totalRules.employerCost]: 120.01,
    });
    expect(b.totals).toMatchObject({ grossPay: 10001, net: 9000, employerCost: 12001 });
    expect(b.totals.employeeContributions).toBe(1001);
    expect(b.totals.employerContributions).toBe(2000);
    // The net and the cost stay the rules' to the cent; each total is within a cent of the rules' own.
    expect(Math.abs(b.totals.employeeContributions - 1000.4)).toBeLessThan(1);
    for (const [side, total] of [
      ['employer', b.totals.employerContributions],
      ['employee', b.totals.employeeContributions],
    ] as const)
      expect(b.lines.filter((l) => l.side === side).reduce((a, l) => a + l.amountCents, 0)).toBe(total);
  });

  it('shows what the catalogue does not know as an unclassified line, with a notice', () => {
    const base = evaluations(10);
    const b = breakdownOf({
      ...base,
      [totalRules.employerContributions]: (base[totalRules.employerContributions] as number) + 7.77,
    });
    expect(b.lines).toContainEqual({
      side: 'employer',
      family: 'unclassified',
      code: 'unclassified',
      rule: totalRules.employerContributions,
      amountCents: 777,
    });
    expect(b.notices).toEqual(['payroll.lines_unreconciled']);
  });

  it('refuses to show a figure the rules could not compute', () => {
    const undefinedEmployerSide = evaluations(10, { [totalRules.employerCost]: undefined });
    expect(() => breakdownOf(undefinedEmployerSide)).toThrow(DomainError);
    try {
      breakdownOf(undefinedEmployerSide);
    } catch (e) {
      expect((e as DomainError).code).toBe('payroll.rules_incomplete');
      expect((e as DomainError).details.rule).toBe(totalRules.employerCost);
    }
    // Not applicable is zero, not an error.
    const lines = breakdownOf(evaluations(10, { 'salarié . cotisations . APEC . salarié': null })).lines;
    expect(lines.find((l) => l.side === 'employee' && l.code === 'apec')).toBeUndefined();
  });

  it('passes on the rules’ warnings', () => {
    const b = breakdownOf(
      evaluations(10, { 'salarié . rémunération . contrôle minimum . smic': true } as never),
    );
    expect(b.notices).toEqual(['payroll.below_minimum_wage']);
  });
});

describe('invoice chain', () => {
  it('takes the fee and the expenses from the invoice', () => {
    expect(budgetFromInvoice({ invoicedCents: 500_000, feeRateBp: 1_000, expensesCents: 30_000 })).toEqual({
      feeCents: 50_000,
      budgetCents: 420_000,
    });
    expect(feeOn(12_345, 850)).toBe(1_049);
  });

  it('finds the smallest invoice that pays an employer cost', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 9_999 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (employerCostCents, feeRateBp, expensesCents) => {
          const invoiced = invoiceForEmployerCost({ employerCostCents, feeRateBp, expensesCents });
          const budget = (x: number) =>
            budgetFromInvoice({ invoicedCents: x, feeRateBp, expensesCents }).budgetCents;
          expect(budget(invoiced)).toBeGreaterThanOrEqual(employerCostCents);
          if (invoiced > 0) expect(budget(invoiced - 1)).toBeLessThan(employerCostCents);
        },
      ),
    );
    expect(
      invoiceForEmployerCost({ employerCostCents: 420_000, feeRateBp: 1_000, expensesCents: 30_000 }),
    ).toBe(500_000);
  });

  it('withholds income tax on the net taxable pay at the person’s rate', () => {
    expect(withholdingOn(204_887, 750)).toBe(15_367); // 153.66525 → 153.67
    expect(withholdingOn(204_887, 0)).toBe(0);
  });
});

describe('solving a gross to the cent', () => {
  const jump = (g: number) => (g >= 400_500 ? 1_200 : 0);
  const cost = (g: number) => Math.round(g * 1.4) + 100 + jump(g);
  const net = (x: number) => Math.round(x * 0.78) - jump(x) / 2;

  it('keeps within an employer cost and reaches a net, from any guess or none, whatever the jumps', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_000_000 }),
        fc.option(fc.integer({ min: 0, max: 3_000_000 })),
        (amount, guess) => {
          const g = solveGross('employerCost', amount, cost, guess);
          if (g === null) expect(cost(1)).toBeGreaterThan(amount);
          else {
            expect(cost(g)).toBeLessThanOrEqual(amount);
            expect(cost(g + 1)).toBeGreaterThan(amount); // the cost grows: no larger gross fits
          }
          const h = solveGross('net', amount, net, guess) as number;
          expect(net(h)).toBeGreaterThanOrEqual(amount);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('needs only a few evaluations from a close guess', () => {
    let calls = 0;
    const counted = (g: number) => {
      calls++;
      return cost(g);
    };
    expect(solveGross('employerCost', 300_000, counted, 214_200)).toBe(214_214);
    expect(calls).toBeLessThanOrEqual(4);
  });
});

describe('input', () => {
  const valid = {
    period: '2026-11',
    contract: { type: 'CDI', cadre: false },
    headcount: 12,
    from: { grossCents: 250_000 },
  };
  const issuesOf = (body: unknown) =>
    simulationInput.safeParse(body).error?.issues.map((i) => ({ path: i.path.join('/'), code: i.code })) ??
    [];

  it('accepts the contract of the API and fills the defaults', () => {
    expect(simulationInput.parse(valid)).toEqual({ ...valid, withholdingRateBp: 0 });
  });

  it('refuses what the simulator cannot answer, pointing at the field', () => {
    expect(issuesOf({ ...valid, period: '2026-13' })).toEqual([{ path: 'period', code: 'custom' }]);
    expect(issuesOf({ ...valid, contract: { type: 'CDI', cadre: false, intermittent: 'artist' } })).toEqual([
      { path: 'contract/intermittent', code: 'custom' },
    ]);
    expect(issuesOf({ ...valid, contract: { type: 'CDI', cadre: false, partTimeHoursPerWeek: 35 } })).toEqual(
      [{ path: 'contract/partTimeHoursPerWeek', code: 'too_big' }],
    );
    expect(issuesOf({ ...valid, from: { invoicedCents: 500_000 } })).toEqual([
      { path: 'invoicing', code: 'custom' },
    ]);
    expect(issuesOf({ ...valid, from: { grossCents: 250_000, netCents: 200_000 } })).not.toEqual([]);
    expect(issuesOf({ ...valid, from: {} })).not.toEqual([]);
    expect(issuesOf({ ...valid, headcount: 0 })).toEqual([{ path: 'headcount', code: 'too_small' }]);
  });
});

describe('simulation', () => {
  const input = (over: Partial<SimulationInput> = {}): SimulationInput =>
    simulationInput.parse({
      period: '2026-11',
      contract: { type: 'CDI', cadre: false },
      headcount: 12,
      from: { grossCents: 250_000 },
      ...over,
    });

  it('refuses a period no ruleset covers before evaluating anything', () => {
    const evaluate: RulesEvaluator = () => {
      throw new Error('must not be called');
    };
    expect(() => simulateSalary(input({ period: '2027-01' }), evaluate, 'en')).toThrow(
      expect.objectContaining({ code: 'payroll.period_not_covered' }),
    );
  });

  it('refuses an invoice that does not cover the fee and the expenses', () => {
    const evaluate: RulesEvaluator = () => evaluations(10);
    expect(() =>
      simulateSalary(
        input({ from: { invoicedCents: 10_000 }, invoicing: { feeRateBp: 1_000, expensesCents: 9_000 } }),
        evaluate,
        'en',
      ),
    ).toThrow(expect.objectContaining({ code: 'payroll.budget_not_positive' }));
  });

  /**
   * A model of the rules with a jump: cost = 1.4 × gross + 1 €, net = 0.78 × gross, and 12 € more
   * cost and 5 € less net from a gross of 4,005 € (as a contribution on the whole pay starting at a
   * ceiling). On an amount no gross reaches, its solver does what modele-social's does: gives up
   * (undefined), or stops at the jump and answers its gross while echoing the amount asked.
   */
  const costOf = (g: number) => 1.4 * g + 1 + (g >= 4005 ? 12 : 0);
  const netOf = (g: number) => 0.78 * g - (g >= 4005 ? 5 : 0);
  const jumpyModel =
    (inAGap: 'gives up' | 'stops at the jump'): RulesEvaluator =>
    ({ situation }) => {
      const euros = (rule: string) => Number.parseFloat(situation[rule] ?? 'NaN');
      const askedCost = euros('salarié . coût total employeur');
      const askedNet = euros('salarié . rémunération . net . à payer avant impôt');
      let gross = euros('salarié . contrat . salaire brut');
      if (Number.isNaN(gross)) {
        const candidate = Number.isNaN(askedCost) ? askedNet / 0.78 : (askedCost - 1) / 1.4;
        const reached = Number.isNaN(askedCost) ? netOf(candidate) : costOf(candidate);
        const exact = Math.abs(reached - (Number.isNaN(askedCost) ? askedNet : askedCost)) < 1e-6;
        gross = exact ? candidate : inAGap === 'gives up' ? Number.NaN : 4005;
      }
      if (Number.isNaN(gross)) return { [totalRules.gross]: undefined };
      // Every line zero but the salary, one employer and one employee contribution: the sides add up.
      return evaluations(0, {
        [totalRules.gross]: gross,
        [totalRules.grossPay]: gross,
        [totalRules.employerCost]: Number.isNaN(askedCost) ? costOf(gross) : askedCost,
        [totalRules.employerContributions]: costOf(gross) - gross,
        'salarié . cotisations . maladie . employeur': costOf(gross) - gross,
        [totalRules.net]: Number.isNaN(askedNet) ? netOf(gross) : askedNet,
        [totalRules.employeeContributions]: gross - netOf(gross),
        'salarié . cotisations . maladie . salarié': gross - netOf(gross),
      });
    };
  const jumpy = jumpyModel('gives up');

  it('takes the engine’s gross when it finds one', () => {
    const view = simulateSalary(input({ from: { employerCostCents: 280_100 } }), jumpy, 'en');
    expect(view.grossCents).toBe(200_000);
    expect(view.notices).toEqual([]);
  });

  it.each(['gives up', 'stops at the jump'] as const)(
    'inside a jump, takes the largest gross within the employer cost (the solver %s)',
    (inAGap) => {
      // Costs between 5,607.99 € (gross 4,004.99 €) and 5,620 € (gross 4,005 €) have no gross.
      const cost = simulateSalary(input({ from: { employerCostCents: 561_000 } }), jumpyModel(inAGap), 'en');
      expect(cost.grossCents).toBe(400_499);
      expect(cost.employerCostCents).toBe(560_799);
      expect(cost.notices.map((n) => n.code)).toEqual(['payroll.employer_cost_between_steps']);
    },
  );

  it('refuses an amount no gross fits at all', () => {
    expect(() => simulateSalary(input({ from: { employerCostCents: 1 } }), jumpy, 'en')).toThrow(
      expect.objectContaining({ code: 'payroll.no_salary_for_amount' }),
    );
  });

  it('hands the engine the employer budget left by the invoice, and says what stays on the activity', () => {
    const seen: Record<string, string>[] = [];
    const evaluate: RulesEvaluator = (o) => {
      seen.push(o.situation);
      return jumpy(o);
    };
    const view = simulateSalary(
      input({ from: { invoicedCents: 500_000 }, invoicing: { feeRateBp: 1_000, expensesCents: 30_000 } }),
      evaluate,
      'en',
    );
    expect(seen[0]?.['salarié . coût total employeur']).toBe('4200.00 €/mois');
    expect(view.invoicing).toMatchObject({
      invoicedCents: 500_000,
      feeRateBp: 1_000,
      feeCents: 50_000,
      expensesCents: 30_000,
      budgetCents: 420_000,
    });
    // The largest gross to the cent within the budget: what it leaves is less than a cent of gross costs.
    expect(view.employerCostCents).toBeLessThanOrEqual(420_000);
    expect(view.invoicing?.remainderCents).toBe(420_000 - view.employerCostCents);
    expect(view.invoicing?.remainderCents).toBeLessThan(2);
  });
});
