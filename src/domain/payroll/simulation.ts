// The salary simulation as a pure function of its input and of an evaluator of the rules (the
// server's adapter over the Publicodes engine; a test can pass its own).
import type { IsoMonth } from '../dates.ts';
import { DomainError } from '../errors.ts';
import { type Language, messageFor } from '../messages.ts';
import { type Cents, subtract } from '../money.ts';
import { amountRules, breakdownOf, conditionRules, type Evaluations, eurosToCents } from './breakdown.ts';
import {
  assertPositiveBudget,
  budgetFromInvoice,
  invoiceForEmployerCost,
  withholdingOn,
} from './invoicing.ts';
import { type PayrollRuleset, rulesetFor } from './rulesets.ts';
import type { SimulationInput, SimulationView } from './schemas.ts';
import { type PayrollSituation, situationOf, type TargetKind, targetRules } from './situation.ts';
import { solveGross } from './solve.ts';

/**
 * Evaluates `amounts` (euros a month) and `conditions` (booleans) in `situation`; the engine solves
 * the gross when the situation sets another amount.
 */
export type RulesEvaluator = (o: {
  ruleset: PayrollRuleset;
  situation: PayrollSituation;
  amounts: readonly string[];
  conditions: readonly string[];
}) => Evaluations;

/** The ruleset of a period, or a refusal pointing at the period. */
export function rulesetOrRefuse(period: IsoMonth): PayrollRuleset {
  const ruleset = rulesetFor(period);
  if (!ruleset)
    throw new DomainError('payroll.period_not_covered', `No payroll rules for ${period}`, {
      errors: [{ pointer: '/period', code: 'payroll.period_not_covered', message: '' }],
    });
  return ruleset;
}

const overlayNotices = { artistFamilyAllowance: 'payroll.artist_family_allowance_overlay' } as const;

/** Cents between the amount asked and the closest a gross to the cent reaches, below which all is said. */
const stepTolerance = 5;

export function simulateSalary(
  input: SimulationInput,
  evaluate: RulesEvaluator,
  lang: Language,
): SimulationView {
  const ruleset = rulesetOrRefuse(input.period);
  const from = input.from;
  let target: { kind: TargetKind; amount: Cents };
  let fromInvoice: { feeCents: Cents; budgetCents: Cents } | null = null;
  if ('grossCents' in from) target = { kind: 'gross', amount: from.grossCents };
  else if ('employerCostCents' in from) target = { kind: 'employerCost', amount: from.employerCostCents };
  else if ('netCents' in from) target = { kind: 'net', amount: from.netCents };
  else {
    // Checked by the schema: an invoice comes with its fee rate and expenses.
    const invoicing = input.invoicing as NonNullable<SimulationInput['invoicing']>;
    fromInvoice = budgetFromInvoice({ invoicedCents: from.invoicedCents, ...invoicing });
    assertPositiveBudget(fromInvoice.budgetCents);
    target = { kind: 'employerCost', amount: fromInvoice.budgetCents };
  }

  const where = { period: input.period, contract: input.contract, headcount: input.headcount };
  const { situation, overlays } = situationOf({ ...where, target });
  const forwardAt = (grossCents: Cents) =>
    evaluate({
      ruleset,
      situation: situationOf({ ...where, target: { kind: 'gross', amount: grossCents } }).situation,
      amounts: amountRules,
      conditions: conditionRules,
    });
  let values: Evaluations;
  const stepNotices: string[] = [];
  if (target.kind === 'gross') values = forwardAt(target.amount);
  else {
    // The engine's solution is the starting point; the gross is settled to the cent on forward
    // evaluations (see solve.ts), each kept, so the last one is the answer.
    const kind = target.kind;
    const rule = targetRules[kind];
    const solved = evaluate({ ruleset, situation, amounts: [targetRules.gross], conditions: [] })[
      targetRules.gross
    ];
    // When the engine gives up or stops at the floor, aim from a typical ratio of gross to cost or
    // net; only the number of evaluations depends on it, not the answer.
    const guess =
      typeof solved === 'number' && solved >= 0.005
        ? eurosToCents(solved)
        : Math.max(1, Math.round(target.amount / (kind === 'employerCost' ? 1.4 : 0.78)));
    const tried = new Map<Cents, Evaluations>();
    const valueAt = (grossCents: Cents): Cents => {
      const v = tried.get(grossCents) ?? forwardAt(grossCents);
      tried.set(grossCents, v);
      const amount = v[rule];
      if (typeof amount !== 'number')
        throw new DomainError('payroll.rules_incomplete', `The payroll rules could not compute ${rule}`, {
          rule,
        });
      return eurosToCents(amount);
    };
    const gross = solveGross(kind, target.amount, valueAt, guess);
    if (gross === null)
      throw new DomainError('payroll.no_salary_for_amount', 'No gross salary gives this amount', {
        errors: [
          { pointer: `/from/${Object.keys(from)[0]}`, code: 'payroll.no_salary_for_amount', message: '' },
        ],
      });
    values = tried.get(gross) ?? forwardAt(gross);
    // A cent of gross moves the cost by about 1.4 cents: a few cents off is the finest the cent
    // allows; more means the amount sits in a jump of the rules, which the person should know.
    const gap = Math.abs(valueAt(gross) - target.amount);
    if (gap > stepTolerance)
      stepNotices.push(kind === 'net' ? 'payroll.net_between_steps' : 'payroll.employer_cost_between_steps');
  }
  const { totals, lines, notices } = breakdownOf(values);

  const withholdingCents = withholdingOn(totals.netTaxable, input.withholdingRateBp);
  let invoicing: SimulationView['invoicing'] = null;
  if (input.invoicing) {
    const { feeRateBp, expensesCents } = input.invoicing;
    const invoicedCents =
      'invoicedCents' in from
        ? from.invoicedCents
        : invoiceForEmployerCost({ employerCostCents: totals.employerCost, feeRateBp, expensesCents });
    const { feeCents, budgetCents } =
      fromInvoice ?? budgetFromInvoice({ invoicedCents, feeRateBp, expensesCents });
    invoicing = {
      invoicedCents,
      feeRateBp,
      feeCents,
      expensesCents,
      budgetCents,
      remainderCents: subtract(budgetCents, totals.employerCost),
    };
  }
  const codes = [...overlays.map((o) => overlayNotices[o]), ...stepNotices, ...notices];
  return {
    period: input.period,
    ruleset: { id: ruleset.id, package: ruleset.package, version: ruleset.version },
    grossCents: totals.gross,
    grossPayCents: totals.grossPay,
    netCents: totals.net,
    netTaxableCents: totals.netTaxable,
    employerCostCents: totals.employerCost,
    employerContributionsCents: totals.employerContributions,
    employeeContributionsCents: totals.employeeContributions,
    rgduCents: totals.rgdu,
    withholding: { rateBp: input.withholdingRateBp, amountCents: withholdingCents },
    netAfterTaxCents: subtract(totals.net, withholdingCents),
    invoicing,
    lines,
    notices: codes.map((code) => ({ code, message: messageFor(code, lang) })),
  };
}
