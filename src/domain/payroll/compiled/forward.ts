// modele-social's salary rules for the situations of compiled/support.ts, as plain arithmetic over
// the parameters read from the rules (parameters.ts). It answers what the interpreter answers for a
// gross: every amount of breakdown.ts's catalogue and totals, the payslip's bases and the two
// warnings, in euros a month, unrounded, as the rules leave them (the rules round nothing on the
// salary side but the RGDU coefficient, to four decimals; breakdown.ts turns euros into cents).
// Each line names the rule it stands for; the order of operations follows the rules' own, so that
// the floating-point results agree to far below the micro-euro.
import type { Evaluations } from '../breakdown.ts';
import type { CompiledParameters } from './parameters.ts';

const c = 'salarié . cotisations . ';

/** Publicodes' `arrondi` (roundWithPrecision): to `digits` decimals, ties away from zero. */
const roundTo = (n: number, digits: number) => Math.round((n + Number.EPSILON) * 10 ** digits) / 10 ** digits;

/** A two-tranche scale (`barème`) on `base`: `t1` up to one `ceiling`, `t2` up to `upTo` ceilings. */
const scale = (base: number, ceiling: number, t1: number, t2: number, upTo: number) => {
  if (base === 0) return 0;
  const first = (Math.min(base, ceiling) - 0) * t1;
  if (base < ceiling) return first;
  const second = (Math.min(base, upTo * ceiling) - ceiling) * t2;
  return first + second;
};

/**
 * Every rule the simulation, the payslip's bases and the notices read, for a contractual gross
 * (euros a month) and the part-time hours a week (null: full time).
 */
export function compiledEvaluations(
  p: CompiledParameters,
  grossEuros: number,
  hoursPerWeek: number | null,
): Evaluations {
  // Working time: `contrat . temps de travail`, its quotité, the prorated PSS (floor 1 €) and SMIC.
  const weeklyHours = hoursPerWeek ?? p.legalWeeklyHours;
  const monthlyHours = weeklyHours * p.weeksPerMonth;
  const legalMonthlyHours = p.legalWeeklyHours * p.weeksPerMonth;
  const quotite = monthlyHours / legalMonthlyHours;
  const pss = Math.max(p.pss * quotite, 1);
  const smicWorked = monthlyHours * p.smicHourly;
  const smicContract = legalMonthlyHours * p.smicHourly * quotite;

  const gross = grossEuros;
  const endOfContract = p.isCdd ? gross * p.cddEndOfContract : null;
  const grossPay = gross + (endOfContract ?? 0);
  // No reintegration of provident contributions (checked when the parameters are read).
  const base = grossPay;

  const providentCadre = p.cadre ? Math.min(base, p.pss) * p.cadreProvident : null;
  const providentEmployer = p.healthEmployer + (providentCadre ?? 0);

  const sicknessEmployer = base * p.sicknessEmployer;
  const sicknessEmployee = p.sicknessEmployee === 0 ? null : base * p.sicknessEmployee;
  const workInjury = base * p.workInjury;
  const oldAgeCappedEmployer = Math.min(base, pss) * p.oldAgeCappedEmployer;
  const oldAgeCappedEmployee = Math.min(base, pss) * p.oldAgeCappedEmployee;
  const oldAgeUncappedEmployer = base * p.oldAgeUncappedEmployer;
  const oldAgeUncappedEmployee = base * p.oldAgeUncappedEmployee;
  const complementaryEmployer = scale(base, pss, p.complementaryT1Employer, p.complementaryT2Employer, 8);
  const complementaryEmployee = scale(base, pss, p.complementaryT1Employee, p.complementaryT2Employee, 8);
  const cegEmployer = scale(base, pss, p.cegT1Employer, p.cegT2Employer, 8);
  const cegEmployee = scale(base, pss, p.cegT1Employee, p.cegT2Employee, 8);
  const cetApplies = base > pss;
  const cetEmployer = cetApplies ? Math.min(base, 8 * pss) * p.cetEmployer : null;
  const cetEmployee = cetApplies ? Math.min(base, 8 * pss) * p.cetEmployee : null;
  const familyAllowance = base * p.familyAllowance;
  const unemployment = Math.min(base, 4 * pss) * p.unemployment;
  const ags = Math.min(base, 4 * pss) * p.ags;
  const apecEmployer = p.cadre ? Math.min(base, 4 * pss) * p.apecEmployer : null;
  const apecEmployee = p.cadre ? Math.min(base, 4 * pss) * p.apecEmployee : null;
  const mobility = base * p.mobility;
  const fnal = (p.fnalCapped ? Math.min(base, pss) : base) * p.fnal;
  const csa = base * p.csa;
  const forfaitSocial = providentEmployer * p.forfaitSocial;
  const apprenticeshipTax = base * p.apprenticeshipTax;
  const training = base * p.training;
  const cpfCdd = base * p.cpfCdd;
  const peec = base * p.peec;
  const socialDialogue = base * p.socialDialogue;

  // RGDU (CSS D.241-7): none from 3 SMIC of the hours worked; the coefficient, capped at
  // Tmin + Tdelta, is rounded to four decimals.
  let rgdu: number | null = null;
  if (base !== 0 && base < 3 * smicWorked) {
    const raw = p.rgduTmin + p.rgduTdelta * (0.5 * ((3 * smicWorked) / base - 1)) ** p.rgduExponent;
    const coefficient = roundTo(Math.min(raw, p.rgduTmin + p.rgduTdelta), 4);
    rgdu = base * coefficient;
  }

  // CSG and CRDS: 98.25 % of the pay up to 4 PSS, all of it beyond, plus the employer's provident
  // contributions.
  const abated = Math.min(grossPay, 4 * pss) * p.csgAbatement + Math.max(0, grossPay - 4 * pss);
  const csgBase = abated + providentEmployer;
  const csgDeductible = csgBase * p.csgDeductible;
  const csgNonDeductible = csgBase * p.csgNonDeductible;
  const crds = csgBase * p.crds;

  const otherEmployer =
    mobility + fnal + csa + forfaitSocial + apprenticeshipTax + training + cpfCdd + peec + socialDialogue;
  const employerReductions = rgdu ?? 0;
  const employerBefore =
    sicknessEmployer +
    p.healthEmployer +
    workInjury +
    oldAgeCappedEmployer +
    oldAgeUncappedEmployer +
    (complementaryEmployer + cegEmployer + (cetEmployer ?? 0)) +
    familyAllowance +
    (ags + unemployment) +
    (apecEmployer ?? 0) +
    otherEmployer +
    (providentCadre ?? 0);
  const employerContributions = Math.max(0, employerBefore - employerReductions);
  const employeeContributions =
    (sicknessEmployee ?? 0) +
    p.healthEmployee +
    oldAgeCappedEmployee +
    oldAgeUncappedEmployee +
    (complementaryEmployee + cegEmployee + (cetEmployee ?? 0)) +
    (apecEmployee ?? 0) +
    csgDeductible +
    (csgNonDeductible + crds);
  const net = Math.max(0, grossPay - employeeContributions);
  const netTaxable = net + (csgNonDeductible + crds) + providentEmployer;
  const employerCost = Math.max(0, grossPay + employerContributions);

  return {
    'salarié . contrat . salaire brut': gross,
    'salarié . rémunération . brut': grossPay,
    'salarié . coût total employeur': employerCost,
    [`${c}employeur`]: employerContributions,
    [`${c}salarié`]: employeeContributions,
    'salarié . rémunération . net . à payer avant impôt': net,
    'salarié . rémunération . net . imposable': netTaxable,
    [`${c}exonérations . RGDU`]: rgdu,
    'salarié . rémunération . indemnités CDD . fin de contrat': endOfContract,
    'salarié . rémunération . indemnités CDD . congés payés': null,
    [`${c}maladie . employeur`]: sicknessEmployer,
    [`${c}prévoyances . santé . employeur`]: p.healthEmployer,
    [`${c}prévoyances . incapacité invalidité décès . employeur`]: providentCadre,
    [`${c}ATMP`]: workInjury,
    [`${c}vieillesse . plafonnée . employeur`]: oldAgeCappedEmployer,
    [`${c}vieillesse . déplafonnée . employeur`]: oldAgeUncappedEmployer,
    [`${c}retraite complémentaire . employeur`]: complementaryEmployer,
    [`${c}CEG . employeur`]: cegEmployer,
    [`${c}CET . employeur`]: cetEmployer,
    [`${c}allocations familiales`]: familyAllowance,
    [`${c}chômage`]: unemployment,
    [`${c}AGS`]: ags,
    [`${c}APEC . employeur`]: apecEmployer,
    [`${c}versement mobilité`]: mobility,
    [`${c}FNAL`]: fnal,
    [`${c}CSA`]: csa,
    [`${c}forfait social`]: forfaitSocial,
    [`${c}taxe d'apprentissage`]: apprenticeshipTax,
    [`${c}formation professionnelle`]: training,
    [`${c}CPF CDD`]: p.isCdd ? cpfCdd : null,
    [`${c}PEEC`]: peec,
    [`${c}contribution au dialogue social`]: socialDialogue,
    'salarié . régimes spécifiques . intermittents du spectacle . caisse des congés spectacle': null,
    'salarié . convention collective . SVP . FCAP': null,
    'salarié . convention collective . SVP . prévoyance': null,
    [`${c}exonérations . employeur`]: employerReductions,
    [`${c}maladie . salarié`]: sicknessEmployee,
    [`${c}prévoyances . santé . salarié`]: p.healthEmployee,
    [`${c}prévoyances . incapacité invalidité décès . salarié`]: null,
    [`${c}vieillesse . plafonnée . salarié`]: oldAgeCappedEmployee,
    [`${c}vieillesse . déplafonnée . salarié`]: oldAgeUncappedEmployee,
    [`${c}retraite complémentaire . salarié`]: complementaryEmployee,
    [`${c}CEG . salarié`]: cegEmployee,
    [`${c}CET . salarié`]: cetEmployee,
    [`${c}APEC . salarié`]: apecEmployee,
    [`${c}CSG-CRDS . CSG . déductible`]: csgDeductible,
    [`${c}CSG-CRDS . sur revenus imposables non déductible`]: csgNonDeductible + crds,
    [`${c}CSG-CRDS . sur revenus non imposables`]: null,
    [`${c}exonérations . salarié`]: 0,
    // The payslip's bases (payslip.ts).
    [`${c}assiette`]: base,
    'plafond sécurité sociale': p.pss,
    [`${c}CSG-CRDS . assiette de base`]: csgBase,
    // The warnings (breakdown.ts's noticeRules).
    'salarié . rémunération . contrôle minimum . smic': gross < smicContract,
    'salarié . contrat . temps de travail . temps partiel . contrôle temps min':
      hoursPerWeek === null ? null : hoursPerWeek < p.partTimeMinimumWeeklyHours,
  };
}
