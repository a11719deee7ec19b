// The salary simulation as a pure function of its input and of an evaluator of the rules (the
// server's adapter over the Publicodes engine; a test can pass its own).
import type { IsoMonth } from '../dates.ts';
import { DomainError } from '../errors.ts';
import { type Language, messageFor } from '../messages.ts';
import { type Cents, subtract } from '../money.ts';
import { amountRules, breakdownOf, conditionRules, type Evaluations } from './breakdown.ts';
import {
  assertPositiveBudget,
  budgetFromInvoice,
  invoiceForEmployerCost,
  withholdingOn,
} from './invoicing.ts';
import { type PayrollRuleset, rulesetFor } from './rulesets.ts';
import type { SimulationInput, SimulationView } from './schemas.ts';
import { type PayrollSituation, situationOf, type TargetKind, targetRules } from './situation.ts';

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

  const { situation, overlays } = situationOf({
    period: input.period,
    contract: input.contract,
    headcount: input.headcount,
    target,
  });
  const values = evaluate({ ruleset, situation, amounts: amountRules, conditions: conditionRules });
  // The engine solves the gross numerically; when no gross gives the amount asked (too small to
  // carry its own contributions, say), it answers undefined, or a gross of zero held up by the
  // rules' floor while the other figures stay those asked for.
  const solved = values[targetRules.gross];
  if (target.kind !== 'gross' && !(typeof solved === 'number' && solved >= 0.005))
    throw new DomainError('payroll.no_salary_for_amount', 'No gross salary gives this amount', {
      errors: [
        { pointer: `/from/${Object.keys(from)[0]}`, code: 'payroll.no_salary_for_amount', message: '' },
      ],
    });
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
  const codes = [...overlays.map((o) => overlayNotices[o]), ...notices];
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
