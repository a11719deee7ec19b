// The numbers the compiled payroll rules run on, read from modele-social for one situation class
// (a period and the terms that change rates: headcount threshold, CDI or CDD and its reason, cadre,
// Alsace-Moselle). Nothing here is a copy of a legal value: `readParameters` takes them from the
// rules through `read`, the server's evaluator over the Publicodes engine, once per class.
// The formulas' shape (which base, which ceiling multiple) is code in forward.ts; the differential
// tests and the check made when a class is first read prove that shape against the interpreter.
import type { PayrollSituation } from '../situation.ts';

/** Rates as fractions (8.55 % is 0.0855); amounts in euros a month, as the rules give them. */
export type CompiledParameters = {
  /** `plafond sécurité sociale` of the period. */
  pss: number;
  /** `SMIC . horaire` of the period. */
  smicHourly: number;
  /** `période . semaines par mois` and `durée légale du travail` (hours a week). */
  weeksPerMonth: number;
  legalWeeklyHours: number;
  /** Below this a part time gets the rules' warning (`contrôle temps min`). */
  partTimeMinimumWeeklyHours: number;
  /** CDD end-of-contract indemnity on the gross (0 when the reason owes none, or not a CDD). */
  cddEndOfContract: number;
  isCdd: boolean;
  cadre: boolean;
  /** Complementary health, fixed amounts a month (the rules' default scheme). */
  healthEmployer: number;
  healthEmployee: number;
  /** Mandatory provident scheme of cadres, on the gross within the (whole-time) PSS. */
  cadreProvident: number;
  sicknessEmployer: number;
  sicknessEmployee: number;
  workInjury: number;
  oldAgeCappedEmployer: number;
  oldAgeCappedEmployee: number;
  oldAgeUncappedEmployer: number;
  oldAgeUncappedEmployee: number;
  complementaryT1Employer: number;
  complementaryT2Employer: number;
  complementaryT1Employee: number;
  complementaryT2Employee: number;
  cegT1Employer: number;
  cegT2Employer: number;
  cegT1Employee: number;
  cegT2Employee: number;
  cetEmployer: number;
  cetEmployee: number;
  familyAllowance: number;
  unemployment: number;
  ags: number;
  apecEmployer: number;
  apecEmployee: number;
  mobility: number;
  fnal: number;
  /** FNAL within the PSS (under 50 employees) or on the whole pay. */
  fnalCapped: boolean;
  csa: number;
  /** On the employer's provident contributions. */
  forfaitSocial: number;
  apprenticeshipTax: number;
  training: number;
  cpfCdd: number;
  peec: number;
  socialDialogue: number;
  /** Share of the pay (up to 4 PSS) the CSG and CRDS are levied on (98.25 %). */
  csgAbatement: number;
  csgDeductible: number;
  csgNonDeductible: number;
  crds: number;
  rgduTmin: number;
  rgduTdelta: number;
  rgduExponent: number;
};

/** Reads one rule (a number, null when not applicable) in the class situation with this gross. */
export type ParameterReader = (grossEuros: number, rule: string) => number | boolean | null | undefined;

const c = 'salarié . cotisations . ';

/** Rules read as they are: named rates and amounts of the period. */
const named = {
  pss: 'plafond sécurité sociale',
  smicHourly: 'SMIC . horaire',
  weeksPerMonth: 'période . semaines par mois',
  legalWeeklyHours: 'durée légale du travail',
  healthEmployer: `${c}prévoyances . santé . employeur`,
  healthEmployee: `${c}prévoyances . santé . salarié`,
  rgduTmin: `${c}exonérations . Tmin`,
  rgduTdelta: `${c}exonérations . Tdelta`,
  rgduExponent: `${c}exonérations . RGDU . P`,
} as const;

/** Rates the rules name, in percent. */
const namedRates = {
  sicknessEmployer: `${c}maladie . employeur . taux`,
  sicknessEmployee: `${c}maladie . salarié . taux`,
  workInjury: `${c}ATMP . taux`,
  oldAgeCappedEmployer: `${c}vieillesse . employeur . plafonnée . taux`,
  oldAgeCappedEmployee: `${c}vieillesse . salarié . plafonnée . taux`,
  oldAgeUncappedEmployer: `${c}vieillesse . employeur . déplafonnée . taux`,
  oldAgeUncappedEmployee: `${c}vieillesse . salarié . déplafonnée . taux`,
  complementaryT1Employer: `${c}retraite complémentaire . employeur . taux T1`,
  complementaryT2Employer: `${c}retraite complémentaire . employeur . taux T2`,
  complementaryT1Employee: `${c}retraite complémentaire . salarié . taux T1`,
  complementaryT2Employee: `${c}retraite complémentaire . salarié . taux T2`,
  familyAllowance: `${c}allocations familiales . taux`,
  unemployment: `${c}chômage . taux`,
  ags: `${c}AGS . taux`,
  fnal: `${c}FNAL . taux`,
  csa: `${c}CSA . taux`,
  csgDeductible: `${c}CSG-CRDS . CSG . déductible . taux`,
  csgNonDeductible: `${c}CSG-CRDS . CSG . non déductible . taux`,
  crds: `${c}CSG-CRDS . CRDS . taux`,
} as const;

/**
 * Rates the rules write inline in a formula (`produit: [assiette, 0.45%]`): read as the rule's value
 * over its base at a gross where the base is the whole pay (below every ceiling).
 */
const lowRates = {
  cegT1Employer: `${c}CEG . employeur`,
  cegT1Employee: `${c}CEG . salarié`,
  apecEmployer: `${c}APEC . employeur`,
  apecEmployee: `${c}APEC . salarié`,
  mobility: `${c}versement mobilité`,
  apprenticeshipTax: `${c}taxe d'apprentissage`,
  training: `${c}formation professionnelle`,
  cpfCdd: `${c}CPF CDD`,
  peec: `${c}PEEC`,
  socialDialogue: `${c}contribution au dialogue social`,
} as const;

/** Second-tranche rates (between 1 and 8 PSS), read at 3 PSS. */
const secondTranche = {
  cegT2Employer: { rule: `${c}CEG . employeur`, t1: 'cegT1Employer' },
  cegT2Employee: { rule: `${c}CEG . salarié`, t1: 'cegT1Employee' },
} as const;

export const assietteRule = `${c}assiette`;
const grossPayRule = 'salarié . rémunération . brut';

/** The rule that warns about a part time below the legal minimum, read for its threshold. */
export const partTimeMinimumRule =
  'salarié . contrat . temps de travail . temps partiel . contrôle temps min';

/** A rate to nine decimals: what the rules write has at most six; this drops the division's noise. */
const clean = (x: number) => Math.round(x * 1e9) / 1e9;

/**
 * Reads the parameters of a class. `read` evaluates a rule in the class situation at a given gross
 * (full time); `partTimeMinimum` is the threshold the rules write in their warning (read from the
 * rule's text by the caller). Throws when the rules answer something the compiled formulas do not
 * expect (a rate undefined, a reintegration of provident contributions): the class then stays on
 * the interpreter.
 */
export function readParameters(read: ParameterReader, partTimeMinimum: number): CompiledParameters {
  const number = (gross: number, rule: string): number => {
    const v = read(gross, rule);
    if (v === null || v === false) return 0;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`Rule ${rule} has no value`);
    return v;
  };
  const pss = number(1000, named.pss);
  const low = pss / 4;
  const mid = 3 * pss;
  const out: Partial<CompiledParameters> = {};
  for (const [key, rule] of Object.entries(named)) (out as Record<string, number>)[key] = number(low, rule);
  for (const [key, rule] of Object.entries(namedRates))
    (out as Record<string, number>)[key] = clean(number(low, rule) / 100);
  const lowBase = number(low, assietteRule);
  const lowGrossPay = number(low, grossPayRule);
  for (const [key, rule] of Object.entries(lowRates))
    (out as Record<string, number>)[key] = clean(number(low, rule) / lowBase);
  const midBase = number(mid, assietteRule);
  for (const [key, { rule, t1 }] of Object.entries(secondTranche)) {
    const first = (out as Record<string, number>)[t1] as number;
    (out as Record<string, number>)[key] = clean((number(mid, rule) - first * pss) / (midBase - pss));
  }
  out.cetEmployer = clean(number(mid, `${c}CET . employeur`) / midBase);
  out.cetEmployee = clean(number(mid, `${c}CET . salarié`) / midBase);
  out.cddEndOfContract = clean(number(low, 'salarié . rémunération . indemnités CDD . fin de contrat') / low);
  out.isCdd = read(low, 'salarié . contrat . CDD') === true;
  out.cadre = read(low, 'salarié . contrat . statut cadre') === true;
  out.cadreProvident = clean(number(low, `${c}prévoyances . employeur . cadres`) / lowGrossPay);
  const provident = number(low, `${c}prévoyances . employeur`);
  out.forfaitSocial = provident === 0 ? 0 : clean(number(low, `${c}forfait social`) / provident);
  out.fnalCapped = read(low, `${c}FNAL . éligible taux réduit`) === true;
  out.csgAbatement = clean(number(low, `${c}CSG-CRDS . assiette de base . assiette abattue`) / lowGrossPay);
  out.partTimeMinimumWeeklyHours = partTimeMinimum;
  // The compiled formulas take the base of contributions as the gross pay: the employer's provident
  // contributions stay below what is exempt (6 % of the PSS at least), and the employee's part of
  // them below what is deductible. Checked at both ends of the scale.
  for (const gross of [low, 10 * pss]) {
    if (number(gross, `${c}prévoyances . employeur . non déductible socialement`) !== 0)
      throw new Error('Provident contributions reintegrated into the base');
    if (number(gross, `${c}prévoyances . salarié . non déductible`) !== 0)
      throw new Error('Employee provident contributions not deductible');
  }
  if (read(low, 'salarié . rémunération . indemnités CDD . congés payés') ?? null)
    throw new Error('CDD paid-leave indemnity');
  return out as CompiledParameters;
}

/** The situation entries of a class without its amount (see evaluator.ts), as a stable key. */
export const classKeyOf = (classSituation: PayrollSituation): string =>
  Object.keys(classSituation)
    .sort()
    .map((k) => `${k}=${classSituation[k]}`)
    .join('|');
