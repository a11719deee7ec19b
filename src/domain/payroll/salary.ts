// A month of salary under a member's contract: the simulation with the contract's terms, the
// equivalent hours of a CAE (solved to a fixed point: the hours follow the gross, which follows the
// hours through the RGDU), the portage overlay, the legal minimum, and the bases the payslip prints.
// Pure given the rules evaluator (the server's adapter over modele-social).
import type { IsoMonth } from '../dates.ts';
import { DomainError } from '../errors.ts';
import type { Language } from '../messages.ts';
import type { BasisPoints, Cents } from '../money.ts';
import { eurosToCents } from './breakdown.ts';
import {
  type ContractTerms,
  contractForRules,
  equivalentHoursPerWeek,
  minimumGross,
  monthlyHours,
  type PortageSplit,
  splitPortage,
} from './contracts.ts';
import { type Bases, baseRules, checkPayslipAddsUp, type PayslipLine, payslipLines } from './payslip.ts';
import type { SimulationView } from './schemas.ts';
import { type RulesEvaluator, rulesetOrRefuse, simulateSalary } from './simulation.ts';
import { situationOf, type TargetKind } from './situation.ts';

export const amountKinds = ['employerCost', 'gross', 'net'] as const satisfies readonly TargetKind[];
export type AmountKind = (typeof amountKinds)[number];

export type ComputedSalary = {
  view: SimulationView;
  bases: Bases;
  portage: PortageSplit | null;
  hoursPerMonth: number;
  /** Held on the activity: the employer cost, plus the portage financial reserve. */
  reservedCents: Cents;
};

const from = (kind: AmountKind, amount: Cents) =>
  kind === 'gross'
    ? { grossCents: amount }
    : kind === 'net'
      ? { netCents: amount }
      : { employerCostCents: amount };

export function computeSalary(
  o: {
    contract: ContractTerms;
    period: IsoMonth;
    headcount: number;
    amount: { kind: AmountKind; cents: Cents };
    withholdingRateBp: BasisPoints;
    /** Where a refusal points in the request. */
    pointer?: string;
  },
  evaluate: RulesEvaluator,
  lang: Language,
): ComputedSalary {
  const ruleset = rulesetOrRefuse(o.period);
  const c = o.contract;
  const simulate = (hours: number | null) =>
    simulateSalary(
      {
        period: o.period,
        contract: contractForRules(c, hours),
        headcount: o.headcount,
        from: from(o.amount.kind, o.amount.cents),
        withholdingRateBp: o.withholdingRateBp,
      },
      evaluate,
      lang,
    );
  let hours =
    c.noWorkingTime && o.amount.kind === 'gross' ? equivalentHoursPerWeek(o.amount.cents, o.period) : null;
  let view = simulate(hours);
  // Without working time the hours follow the gross (D.241-27): settle them. Two rounds are enough in
  // practice (the RGDU moves the gross by cents); four at most.
  for (let round = 0; c.noWorkingTime && round < 4; round++) {
    const next = equivalentHoursPerWeek(view.grossCents, o.period);
    if (next === hours) break;
    hours = next;
    view = simulate(hours);
  }
  const minimum = minimumGross(c, o.period);
  if (minimum !== null && view.grossCents < minimum)
    throw new DomainError(
      'salary.below_minimum',
      `Gross ${view.grossCents} is below the minimum ${minimum}`,
      {
        minimumGrossCents: minimum,
        errors: [{ pointer: o.pointer ?? '/amountCents', code: 'salary.below_minimum', message: '' }],
      },
    );
  const values = evaluate({
    ruleset,
    situation: situationOf({
      period: o.period,
      contract: contractForRules(c, hours),
      headcount: o.headcount,
      target: { kind: 'gross', amount: view.grossCents },
    }).situation,
    amounts: Object.values(baseRules),
    conditions: [],
  });
  const base = (rule: string): Cents => {
    const v = values[rule];
    return typeof v === 'number' ? eurosToCents(v) : 0;
  };
  const bases: Bases = {
    gross: base(baseRules.gross),
    ceiling: base(baseRules.ceiling),
    csg: base(baseRules.csg),
  };
  const portage = c.type === 'PORTAGE' ? splitPortage(view.grossCents, o.period) : null;
  return {
    view,
    bases,
    portage,
    hoursPerMonth: monthlyHours(c, view.grossCents, o.period),
    reservedCents: view.employerCostCents + (portage?.financialReserveCents ?? 0),
  };
}

/**
 * A salary computed for a payslip: its figures and the payslip's lines, checked to add up, without
 * the simulation's detailed lines (the payslip's lines say the same, grouped). This is what a payroll
 * run's worker sends back: the lines are made there rather than in the thread that posts them.
 */
export type ComputedPayslip = Omit<ComputedSalary, 'view'> & {
  view: Omit<SimulationView, 'lines'>;
  lines: PayslipLine[];
};

export function computePayslip(...args: Parameters<typeof computeSalary>): ComputedPayslip {
  const computed = computeSalary(...args);
  checkPayslipAddsUp(computed.view);
  const { lines: _detail, ...view } = computed.view;
  return { ...computed, view, lines: payslipLines(computed.view, computed.bases, computed.portage) };
}
