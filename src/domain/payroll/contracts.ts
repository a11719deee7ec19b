// Employment contracts of members, and what a contract means to the rules: the situation the
// simulator evaluates, the equivalent hours of a CAE's entrepreneur-salarié, the portage overlay
// and the legal minimum of a month's pay. Pure.
import { z } from 'zod';
import type { IsoMonth } from '../dates.ts';
import { issue } from '../messages.ts';
import { applyRate, type Cents, cents, divideRounded } from '../money.ts';
import {
  inForce,
  legalMonthlyCentiHours,
  type PortageLevel,
  passMonthly,
  portageLevels,
  portageRules,
  smicHourly,
} from './parameters.ts';
import { payrollRulesets } from './rulesets.ts';
import { type ContractInput, intermittentKinds } from './schemas.ts';

export const employmentTypes = ['CDI', 'CDD', 'CDD_USAGE', 'PORTAGE'] as const;
export type EmploymentType = (typeof employmentTypes)[number];

const isoDate = z.iso.date();

const hoursPerWeek = z
  .number()
  .min(1)
  .lt(35)
  .refine((h) => Math.abs(h * 100 - Math.round(h * 100)) < 1e-9, {
    params: { code: 'payroll.hours_precision' },
  });

const contractFields = z.object({
  memberId: z.uuid(),
  entityId: z.uuid(),
  type: z.enum(employmentTypes),
  /** CDI of a CAE's entrepreneur-salarié: no working time, equivalent hours for the RGDU. */
  noWorkingTime: z.boolean().default(false),
  cadre: z.boolean().default(false),
  partTimeHoursPerWeek: hoursPerWeek.nullable().default(null),
  alsaceMoselle: z.boolean().default(false),
  intermittent: z.enum(intermittentKinds).nullable().default(null),
  portageLevel: z.enum(portageLevels).nullable().default(null),
  /** Portage salarial on a CDD (C. trav. L1254-10) rather than a CDI (L1254-19). */
  portageFixedTerm: z.boolean().default(false),
  jobTitle: z.string().trim().min(1).max(120),
  startDate: isoDate,
  endDate: isoDate.nullable().default(null),
  withholdingRateBp: z.number().int().min(0).max(10_000).default(0),
  rulesetId: z
    .string()
    .refine((id) => payrollRulesets.some((r) => r.id === id), { params: { code: 'payroll.unknown_ruleset' } })
    .default(payrollRulesets.at(-1)?.id ?? ''),
});

type ContractShape = {
  type: EmploymentType;
  noWorkingTime?: boolean | undefined;
  partTimeHoursPerWeek?: number | null | undefined;
  intermittent?: string | null | undefined;
  portageLevel?: string | null | undefined;
  portageFixedTerm?: boolean | undefined;
  startDate?: string | undefined;
  endDate?: string | null | undefined;
};

/** The rules between fields, shared by creation and edition (on the merged contract). */
export function contractIssues(c: ContractShape): { path: string; code: string }[] {
  const out: { path: string; code: string }[] = [];
  if (c.endDate && c.startDate && c.endDate < c.startDate)
    out.push({ path: 'endDate', code: 'contract.end_before_start' });
  if ((c.type === 'CDD' || c.type === 'CDD_USAGE' || c.portageFixedTerm) && !c.endDate)
    out.push({ path: 'endDate', code: 'contract.fixed_term_needs_end' });
  if (c.portageFixedTerm && c.type !== 'PORTAGE')
    out.push({ path: 'portageFixedTerm', code: 'contract.portage_fixed_term' });
  if ((c.type === 'PORTAGE') !== Boolean(c.portageLevel))
    out.push({ path: 'portageLevel', code: 'contract.portage_level' });
  if (c.intermittent && c.type !== 'CDD_USAGE')
    out.push({ path: 'intermittent', code: 'payroll.intermittent_needs_usage' });
  if (c.noWorkingTime && (c.type !== 'CDI' || c.partTimeHoursPerWeek))
    out.push({ path: 'noWorkingTime', code: 'contract.no_working_time_cdi' });
  return out;
}

export const contractInput = contractFields.superRefine((c, ctx) => {
  for (const i of contractIssues(c)) ctx.addIssue(issue(i.code, [i.path]));
});
export type EmploymentContractInput = z.infer<typeof contractInput>;

// Every field optional and without defaults (zod applies a default even inside an optional, which
// would reset what the patch does not name).
export const contractPatch = z
  .object({
    type: z.enum(employmentTypes),
    noWorkingTime: z.boolean(),
    cadre: z.boolean(),
    partTimeHoursPerWeek: hoursPerWeek.nullable(),
    alsaceMoselle: z.boolean(),
    intermittent: z.enum(intermittentKinds).nullable(),
    portageLevel: z.enum(portageLevels).nullable(),
    portageFixedTerm: z.boolean(),
    jobTitle: z.string().trim().min(1).max(120),
    startDate: isoDate,
    endDate: isoDate.nullable(),
    withholdingRateBp: z.number().int().min(0).max(10_000),
  })
  .partial();
export type EmploymentContractPatch = z.infer<typeof contractPatch>;

export const contractView = z.object({
  id: z.uuid(),
  member: z.object({ id: z.uuid(), number: z.string(), firstName: z.string(), lastName: z.string() }),
  entity: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  type: z.enum(employmentTypes),
  noWorkingTime: z.boolean(),
  cadre: z.boolean(),
  partTimeHoursPerWeek: z.number().nullable(),
  alsaceMoselle: z.boolean(),
  intermittent: z.enum(intermittentKinds).nullable(),
  portageLevel: z.enum(portageLevels).nullable(),
  portageFixedTerm: z.boolean(),
  jobTitle: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  withholdingRateBp: z.number().int(),
  rulesetId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ContractView = z.infer<typeof contractView>;

export type ContractTerms = {
  type: EmploymentType;
  noWorkingTime: boolean;
  cadre: boolean;
  partTimeHoursPerWeek: number | null;
  alsaceMoselle: boolean;
  intermittent: (typeof intermittentKinds)[number] | null;
  portageLevel: PortageLevel | null;
  /** Portage on a CDD (absent: on a CDI). */
  portageFixedTerm?: boolean | undefined;
  startDate: string;
  endDate: string | null;
};

/** Whether a contract covers some day of the month. */
export const coversPeriod = (c: { startDate: string; endDate: string | null }, period: IsoMonth): boolean =>
  c.startDate.slice(0, 7) <= period && (c.endDate === null || c.endDate.slice(0, 7) >= period);

/** Hours a week as the rules take them, with the hundredths they allow. */
const weeklyFromMonthlyCentiHours = (centiHours: number): number =>
  divideRounded(centiHours * 12, 52, 'half-up') / 100;

/**
 * Equivalent hours of a month without working time (CSS D.241-27; ADR 0010): the gross divided by
 * the hourly SMIC, at most the legal monthly hours; in hundredths of an hour, rounded down so that
 * the pay is never below the SMIC of the hours counted.
 */
export function equivalentCentiHours(grossCents: Cents, period: IsoMonth): number {
  const smic = inForce(smicHourly, period)?.value;
  const full = inForce(legalMonthlyCentiHours, period)?.value;
  if (!smic || !full) throw new RangeError(`No SMIC for ${period}`);
  return Math.min(full, divideRounded(grossCents * 100, smic, 'down'));
}

/**
 * The contract as the simulator's input for a month. `equivalentHoursPerWeek` is the CAE's
 * equivalent time when the pay is below a full-time SMIC (null: full time).
 */
export function contractForRules(
  c: ContractTerms,
  equivalentHoursPerWeek: number | null = null,
): ContractInput {
  // Portage is a CDI or a CDD under the general rules (a portage CDD owes the end-of-contract
  // indemnity and the CPF-CDD contribution like any CDD); the overlay splits the gross and checks the
  // branch minimum (portage.ts).
  const type = c.type === 'PORTAGE' ? (c.portageFixedTerm ? 'CDD' : 'CDI') : c.type;
  const hours = c.noWorkingTime ? equivalentHoursPerWeek : c.partTimeHoursPerWeek;
  return {
    type,
    cadre: c.cadre,
    ...(hours !== null && hours < 35 ? { partTimeHoursPerWeek: Math.max(1, hours) } : {}),
    ...(c.alsaceMoselle ? { alsaceMoselle: true } : {}),
    ...(c.intermittent ? { intermittent: c.intermittent } : {}),
  };
}

/** Equivalent hours a week for a gross, or null when it reaches a full-time SMIC. */
export function equivalentHoursPerWeek(grossCents: Cents, period: IsoMonth): number | null {
  const full = inForce(legalMonthlyCentiHours, period)?.value as number;
  const hours = equivalentCentiHours(grossCents, period);
  if (hours >= full) return null;
  return Math.max(1, weeklyFromMonthlyCentiHours(hours));
}

/** Hours of the month the payslip shows. */
export function monthlyHours(c: ContractTerms, grossCents: Cents, period: IsoMonth): number {
  const full = inForce(legalMonthlyCentiHours, period)?.value as number;
  if (c.noWorkingTime) return equivalentCentiHours(grossCents, period) / 100;
  if (c.partTimeHoursPerWeek !== null)
    return divideRounded(Math.round(c.partTimeHoursPerWeek * 100) * 52, 12, 'half-up') / 100;
  return full / 100;
}

// ——— Portage salarial ———

export type PortageSplit = {
  baseCents: Cents;
  businessAllowanceCents: Cents;
  paidLeaveCents: Cents;
  financialReserveCents: Cents;
};

/**
 * Splits the gross of a portage payslip into its parts (IDCC 3219 art. 21): base salary B, business
 * allowance 5 % of B, paid leave 10 % of (B + allowance). B is the largest amount whose parts fit in
 * the gross; the cent or two the rounding leaves goes to the base, so the parts add up to the gross.
 * The financial reserve (10 % of B) is not paid: it stays on the activity account.
 */
export function splitPortage(grossCents: Cents, period: IsoMonth): PortageSplit {
  const rules = inForce(portageRules, period)?.value;
  if (!rules) throw new RangeError(`No portage rules for ${period}`);
  const partsOf = (base: number) => {
    const allowance = applyRate(base, rules.businessAllowanceBp, 'half-up');
    const leave = applyRate(base + allowance, rules.paidLeaveBp, 'half-up');
    return { allowance, leave };
  };
  const factor = (10_000 + rules.businessAllowanceBp) * (10_000 + rules.paidLeaveBp);
  let base = divideRounded(grossCents * 100_000_000, factor, 'down');
  while (base > 0) {
    const { allowance, leave } = partsOf(base);
    if (base + allowance + leave <= grossCents) break;
    base -= 1;
  }
  const { allowance, leave } = partsOf(base);
  return {
    baseCents: cents(grossCents - allowance - leave),
    businessAllowanceCents: allowance,
    paidLeaveCents: leave,
    financialReserveCents: applyRate(grossCents - allowance - leave, rules.financialReserveBp, 'half-up'),
  };
}

/**
 * The least gross of a month (C. trav. L3232-1 SMIC for the hours of the contract; for portage, the
 * branch minimum as a share of the PASS, pro rata of part time). Null where the hours follow the pay
 * (CAE without working time: the equivalent hours are the pay divided by the SMIC, CSS D.241-27).
 */
export function minimumGross(c: ContractTerms, period: IsoMonth): Cents | null {
  if (c.noWorkingTime) return null;
  const smic = inForce(smicHourly, period)?.value as number;
  // The monthly SMIC is the hourly SMIC × the weekly hours × 52 / 12 (1,823.03 € for 35 h from January 2026, 1,867.02 € from June),
  // rounded to the cent.
  const weeklyCentiHours = c.partTimeHoursPerWeek === null ? 3_500 : Math.round(c.partTimeHoursPerWeek * 100);
  const smicMinimum = divideRounded(smic * weeklyCentiHours * 52, 1_200, 'half-up');
  if (c.type !== 'PORTAGE' || !c.portageLevel) return cents(smicMinimum);
  const rules = inForce(portageRules, period)?.value;
  const pass = inForce(passMonthly, period)?.value;
  if (!rules || !pass) throw new RangeError(`No portage rules for ${period}`);
  const fullMinimum = applyRate(pass, rules.minimumShareOfPassBp[c.portageLevel], 'up');
  return cents(Math.max(smicMinimum, divideRounded(fullMinimum * weeklyCentiHours, 3_500, 'up')));
}
