// What the salary API takes and answers: salary requests, payroll runs, payslips, contribution
// totals. Shared by the routes (validation, OpenAPI) and the web pages.
import { z } from 'zod';
import { validateBic, validateIban } from '../members/bank.ts';
import { lineFamilies, maxMonthlyCents, payrollPeriod, simulationView } from './schemas.ts';

export const salaryStatuses = ['submitted', 'validated', 'returned', 'cancelled', 'paid'] as const;

export const salaryRequestInput = z.object({
  activityId: z.uuid(),
  period: payrollPeriod,
  amountKind: z
    .enum(['employerCost', 'gross', 'net'])
    .describe('What the amount is: employer budget, gross or net'),
  amountCents: z.number().int().min(1).max(maxMonthlyCents),
});
export type SalaryRequestInput = z.infer<typeof salaryRequestInput>;

export const salaryBalanceView = z.object({
  activityId: z.uuid(),
  balanceCents: z.number().int().describe('Available balance of the activity in the books'),
  pendingSalaryCents: z.number().int().describe('Held by salary requests not yet paid'),
  availableForSalaryCents: z.number().int().describe('What a new request may use: balance − pending'),
});
export type SalaryBalanceView = z.infer<typeof salaryBalanceView>;

export const portageView = z
  .object({
    baseCents: z.number().int(),
    businessAllowanceCents: z.number().int(),
    paidLeaveCents: z.number().int(),
    financialReserveCents: z.number().int(),
  })
  .nullable();

export const salaryPreviewView = z.object({
  contractId: z.uuid(),
  headcount: z.number().int(),
  hoursPerMonth: z.number(),
  reservedCents: z.number().int(),
  portage: portageView,
  balance: salaryBalanceView,
  simulation: simulationView,
});
export type SalaryPreviewView = z.infer<typeof salaryPreviewView>;

const who = z.object({ id: z.uuid(), number: z.string(), firstName: z.string(), lastName: z.string() });

export const salaryRequestView = z.object({
  id: z.uuid(),
  activity: z.object({ id: z.uuid(), name: z.string() }),
  member: who,
  entity: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  contractId: z.uuid(),
  period: z.string(),
  amountKind: z.enum(['employerCost', 'gross', 'net']),
  amountCents: z.number().int(),
  grossCents: z.number().int(),
  netCents: z.number().int(),
  employerCostCents: z.number().int(),
  reservedCents: z.number().int(),
  status: z.enum(salaryStatuses),
  comment: z.string().nullable(),
  decidedAt: z.string().nullable(),
  runId: z.uuid().nullable(),
  payslipId: z.uuid().nullable(),
  payableOn: z
    .string()
    .nullable()
    .describe(
      'When the guarantee fund covers the salary: the day it is promised to be paid by (its cover’s); null when not covered or the cover was cancelled',
    ),
  createdAt: z.string(),
});
export type SalaryRequestView = z.infer<typeof salaryRequestView>;

export const salaryReturnInput = z.object({ comment: z.string().trim().min(1).max(1000) });
export const salaryValidationInput = z.object({ comment: z.string().trim().max(1000).optional() });

export const payrollRunInput = z.object({ entityId: z.uuid(), period: payrollPeriod });

export const payrollRunView = z.object({
  id: z.uuid(),
  entity: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  period: z.string(),
  status: z.enum(['open', 'closed']),
  rulesetId: z.string(),
  total: z.number().int().describe('Requests in the run'),
  done: z.number().int().describe('Payslips computed'),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});
export type PayrollRunView = z.infer<typeof payrollRunView>;

export const payslipLineView = z.object({
  family: z.enum([...lineFamilies, 'pay']),
  code: z.string(),
  body: z.enum(['urssaf', 'retirement', 'other']).nullable(),
  baseCents: z.number().int(),
  employeeRatePpm: z.number().int().nullable(),
  employeeCents: z.number().int(),
  employerRatePpm: z.number().int().nullable(),
  employerCents: z.number().int(),
});

export const payslipView = z.object({
  id: z.uuid(),
  runId: z.uuid(),
  salaryRequestId: z.uuid(),
  member: who,
  activity: z.object({ id: z.uuid(), name: z.string() }),
  entity: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  period: z.string(),
  ruleset: z.object({ id: z.string(), package: z.string(), version: z.string() }),
  hoursPerMonth: z.number(),
  grossCents: z.number().int(),
  grossPayCents: z.number().int(),
  employeeContributionsCents: z.number().int(),
  employerContributionsCents: z.number().int(),
  rgduCents: z.number().int(),
  netBeforeTaxCents: z.number().int(),
  netTaxableCents: z.number().int(),
  withholding: z.object({ rateBp: z.number().int(), amountCents: z.number().int() }),
  netPaidCents: z.number().int(),
  employerCostCents: z.number().int(),
  portageReserveCents: z.number().int(),
  yearToDate: z.object({
    grossCents: z.number().int(),
    netTaxableCents: z.number().int(),
    withholdingCents: z.number().int(),
    netPaidCents: z.number().int(),
    employerCostCents: z.number().int(),
  }),
  journalEntry: z.object({ id: z.uuid(), reference: z.string() }),
  lines: z.array(payslipLineView),
  computedAt: z.string(),
});
export type PayslipView = z.infer<typeof payslipView>;

export const contributionTotalsView = z.object({
  run: payrollRunView,
  bodies: z.array(
    z.object({
      body: z.enum(['urssaf', 'retirement', 'other']),
      employeeCents: z.number().int(),
      employerCents: z.number().int(),
      totalCents: z.number().int(),
      lines: z.array(
        z.object({
          family: z.string(),
          code: z.string(),
          baseCents: z.number().int(),
          employeeCents: z.number().int(),
          employerCents: z.number().int(),
          payslips: z.number().int(),
        }),
      ),
    }),
  ),
  netPaidCents: z.number().int(),
  withholdingCents: z.number().int(),
});
export type ContributionTotalsView = z.infer<typeof contributionTotalsView>;

export const employerInput = z.object({
  siret: z.string().regex(/^[0-9]{14}$/),
  nafCode: z.string().regex(/^[0-9]{2}\.[0-9]{2}[A-Z]$/),
  urssafName: z.string().trim().min(1).max(120),
  urssafAccount: z.string().trim().min(1).max(30),
  collectiveAgreement: z.string().trim().max(200).default(''),
  bankIban: z
    .string()
    .transform((v) => v.replace(/\s/g, '').toUpperCase())
    .refine((v) => validateIban(v).ok, { params: { code: 'iban.invalid' } })
    .describe('Account the net salaries are transferred from'),
  bankBic: z
    .string()
    .transform((v) => v.replace(/\s/g, '').toUpperCase())
    .refine((v) => validateBic(v).ok, { params: { code: 'bic.invalid' } }),
});
export type EmployerInput = z.infer<typeof employerInput>;
export const employerView = z.object({
  entityId: z.uuid(),
  siret: z.string(),
  nafCode: z.string(),
  urssafName: z.string(),
  urssafAccount: z.string(),
  collectiveAgreement: z.string(),
  bankIban: z.string(),
  bankBic: z.string(),
});
