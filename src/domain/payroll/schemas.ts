// What one asks the salary simulator and what it answers. Shared by the route (validation and
// OpenAPI) and the web form. Amounts are integer cents per month, rates basis points.
import { z } from 'zod';
import { issue } from '../messages.ts';

/** 100,000 € a month: far above any member's pay, low enough to keep the solver in its range. */
export const maxMonthlyCents = 10_000_000;

const monthlyCents = z.number().int().min(1).max(maxMonthlyCents);

const periodPattern = /^\d{4}-(0[1-9]|1[0-2])$/;
// A refinement rather than `.regex()`, so the refusal carries our code; the pattern stays in the
// OpenAPI document through `meta`.
export const payrollPeriod = z
  .string()
  .refine((v) => periodPattern.test(v), { params: { code: 'period.invalid' } })
  .meta({ pattern: periodPattern.source, description: 'Pay period, YYYY-MM' });

export const contractTypes = ['CDI', 'CDD', 'CDD_USAGE'] as const;
export type ContractType = (typeof contractTypes)[number];
export const intermittentKinds = ['artist', 'technician'] as const;
export type IntermittentKind = (typeof intermittentKinds)[number];

export const contractInput = z
  .object({
    type: z.enum(contractTypes),
    cadre: z.boolean(),
    /** Part time, hours a week: below the legal 35 h, at least 1 h, to the hundredth of an hour. */
    partTimeHoursPerWeek: z
      .number()
      .min(1)
      .lt(35)
      .refine((h) => Math.abs(h * 100 - Math.round(h * 100)) < 1e-9, {
        params: { code: 'payroll.hours_precision' },
      })
      .optional(),
    alsaceMoselle: z.boolean().optional(),
    /** Intermittent du spectacle, on a CDD d'usage under the live-performance agreement (SVP). */
    intermittent: z.enum(intermittentKinds).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.intermittent && c.type !== 'CDD_USAGE')
      ctx.addIssue(issue('payroll.intermittent_needs_usage', ['intermittent']));
  });
export type ContractInput = z.infer<typeof contractInput>;

/** Where the simulation starts: one amount, the others are computed from it. */
export const simulationFrom = z.xor([
  z.strictObject({ grossCents: monthlyCents.describe('Contractual gross salary a month') }),
  z.strictObject({ employerCostCents: monthlyCents.describe('Total employer cost a month') }),
  z.strictObject({ netCents: monthlyCents.describe('Net to pay before income tax a month') }),
  z.strictObject({
    invoicedCents: monthlyCents.describe(
      'Invoiced excl. VAT in the month: the fee and the expenses are taken out, the rest is the employer cost',
    ),
  }),
]);
export type SimulationFrom = z.infer<typeof simulationFrom>;

export const invoicingInput = z
  .object({
    feeRateBp: z.number().int().min(0).max(9_999).describe('Cooperative fee on the amount invoiced'),
    expensesCents: z.number().int().min(0).max(maxMonthlyCents).default(0),
  })
  .describe(
    'The activity’s side: with `from.invoicedCents` it turns the invoice into the employer budget; with any other `from`, the answer says what to invoice to pay that salary',
  );
export type InvoicingInput = z.infer<typeof invoicingInput>;

export const simulationInput = z
  .object({
    period: payrollPeriod,
    contract: contractInput,
    headcount: z
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .describe('Employees of the legal entity; mapped to the rules’ thresholds (5, 11, 20, 50, 150, 250)'),
    from: simulationFrom,
    invoicing: invoicingInput.optional(),
    withholdingRateBp: z
      .number()
      .int()
      .min(0)
      .max(10_000)
      .default(0)
      .describe('Personal income-tax withholding rate (prélèvement à la source)'),
  })
  .superRefine((s, ctx) => {
    if ('invoicedCents' in s.from && !s.invoicing)
      ctx.addIssue(issue('payroll.invoicing_required', ['invoicing']));
  });
export type SimulationInput = z.infer<typeof simulationInput>;

/** The families of the simplified French payslip (arrêté du 25 février 2016), plus the pay itself. */
export const lineFamilies = [
  'pay',
  'health',
  'workInjury',
  'retirement',
  'family',
  'unemployment',
  'otherEmployer',
  'collectiveAgreement',
  'csgCrds',
  'reductions',
  'unclassified',
] as const;
export type LineFamily = (typeof lineFamilies)[number];

export const lineSides = ['pay', 'employer', 'employee'] as const;
export type LineSide = (typeof lineSides)[number];

export const simulationLine = z.object({
  side: z.enum(lineSides),
  family: z.enum(lineFamilies),
  /** Stable key of the line, translated by clients (`payroll.lines.<code>`). */
  code: z.string(),
  /** The modele-social rule it comes from, for anyone who wants to check it. */
  rule: z.string(),
  /** Reductions (RGDU) are negative. */
  amountCents: z.number().int(),
});
export type SimulationLine = z.infer<typeof simulationLine>;

export const simulationNotice = z.object({ code: z.string(), message: z.string() });
export type SimulationNotice = z.infer<typeof simulationNotice>;

export const simulationView = z.object({
  period: z.string(),
  ruleset: z.object({ id: z.string(), package: z.string(), version: z.string() }),
  grossCents: z.number().int().describe('Contractual gross salary (salaire brut)'),
  grossPayCents: z.number().int().describe('Gross pay: the salary plus indemnities (CDD end of contract)'),
  netCents: z.number().int().describe('Net to pay before income tax'),
  netTaxableCents: z.number().int(),
  employerCostCents: z.number().int(),
  employerContributionsCents: z.number().int().describe('After reductions (RGDU)'),
  employeeContributionsCents: z.number().int(),
  rgduCents: z
    .number()
    .int()
    .describe('Réduction générale dégressive unique, included in the employer lines'),
  withholding: z.object({ rateBp: z.number().int(), amountCents: z.number().int() }),
  netAfterTaxCents: z.number().int(),
  invoicing: z
    .object({
      invoicedCents: z.number().int(),
      feeRateBp: z.number().int(),
      feeCents: z.number().int(),
      expensesCents: z.number().int(),
      budgetCents: z.number().int().describe('invoiced − fee − expenses: what the employer cost may use'),
      remainderCents: z.number().int().describe('budget − employer cost: stays on the activity'),
    })
    .nullable(),
  lines: z.array(simulationLine),
  notices: z.array(simulationNotice),
});
export type SimulationView = z.infer<typeof simulationView>;
