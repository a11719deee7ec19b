// From the figures modele-social evaluated (euros a month, floating point) to a breakdown in
// integer cents. This is the one place where euros become cents (DESIGN convention 1).
import { DomainError } from '../errors.ts';
import { type Cents, cents, divideRounded, subtract } from '../money.ts';
import type { LineFamily, LineSide, SimulationLine } from './schemas.ts';

/** The totals read from the rules. */
export const totalRules = {
  gross: 'salarié . contrat . salaire brut',
  grossPay: 'salarié . rémunération . brut',
  employerCost: 'salarié . coût total employeur',
  employerContributions: 'salarié . cotisations . employeur',
  employeeContributions: 'salarié . cotisations . salarié',
  net: 'salarié . rémunération . net . à payer avant impôt',
  netTaxable: 'salarié . rémunération . net . imposable',
  rgdu: 'salarié . cotisations . exonérations . RGDU',
} as const;
export type TotalKey = keyof typeof totalRules;

type LineSpec = { side: LineSide; family: LineFamily; code: string; rule: string; negative?: true };

const c = 'salarié . cotisations . ';

/**
 * Every element the rules add up into the gross pay and the two contribution totals, grouped as on
 * the simplified payslip (arrêté du 25 février 2016). Evaluating each rule by name goes through the
 * rules' replacements (artists' reduced rates, the intermittents' training contribution…), so the
 * lines follow the special schemes. A rule that is not applicable counts as zero.
 */
export const lineCatalogue: readonly LineSpec[] = [
  { side: 'pay', family: 'pay', code: 'salary', rule: 'salarié . contrat . salaire brut' },
  {
    side: 'pay',
    family: 'pay',
    code: 'cddEndOfContract',
    rule: 'salarié . rémunération . indemnités CDD . fin de contrat',
  },
  {
    side: 'pay',
    family: 'pay',
    code: 'cddPaidLeave',
    rule: 'salarié . rémunération . indemnités CDD . congés payés',
  },

  { side: 'employer', family: 'health', code: 'sickness', rule: `${c}maladie . employeur` },
  {
    side: 'employer',
    family: 'health',
    code: 'healthInsurance',
    rule: `${c}prévoyances . santé . employeur`,
  },
  {
    side: 'employer',
    family: 'health',
    code: 'provident',
    rule: `${c}prévoyances . incapacité invalidité décès . employeur`,
  },
  { side: 'employer', family: 'workInjury', code: 'workInjury', rule: `${c}ATMP` },
  {
    side: 'employer',
    family: 'retirement',
    code: 'oldAgeCapped',
    rule: `${c}vieillesse . plafonnée . employeur`,
  },
  {
    side: 'employer',
    family: 'retirement',
    code: 'oldAgeUncapped',
    rule: `${c}vieillesse . déplafonnée . employeur`,
  },
  {
    side: 'employer',
    family: 'retirement',
    code: 'complementary',
    rule: `${c}retraite complémentaire . employeur`,
  },
  { side: 'employer', family: 'retirement', code: 'ceg', rule: `${c}CEG . employeur` },
  { side: 'employer', family: 'retirement', code: 'cet', rule: `${c}CET . employeur` },
  { side: 'employer', family: 'family', code: 'familyAllowance', rule: `${c}allocations familiales` },
  { side: 'employer', family: 'unemployment', code: 'unemployment', rule: `${c}chômage` },
  { side: 'employer', family: 'unemployment', code: 'ags', rule: `${c}AGS` },
  { side: 'employer', family: 'unemployment', code: 'apec', rule: `${c}APEC . employeur` },
  { side: 'employer', family: 'otherEmployer', code: 'mobility', rule: `${c}versement mobilité` },
  { side: 'employer', family: 'otherEmployer', code: 'fnal', rule: `${c}FNAL` },
  { side: 'employer', family: 'otherEmployer', code: 'csa', rule: `${c}CSA` },
  { side: 'employer', family: 'otherEmployer', code: 'forfaitSocial', rule: `${c}forfait social` },
  { side: 'employer', family: 'otherEmployer', code: 'apprenticeshipTax', rule: `${c}taxe d'apprentissage` },
  { side: 'employer', family: 'otherEmployer', code: 'training', rule: `${c}formation professionnelle` },
  { side: 'employer', family: 'otherEmployer', code: 'cpfCdd', rule: `${c}CPF CDD` },
  { side: 'employer', family: 'otherEmployer', code: 'peec', rule: `${c}PEEC` },
  {
    side: 'employer',
    family: 'otherEmployer',
    code: 'socialDialogue',
    rule: `${c}contribution au dialogue social`,
  },
  {
    side: 'employer',
    family: 'collectiveAgreement',
    code: 'congesSpectacles',
    rule: 'salarié . régimes spécifiques . intermittents du spectacle . caisse des congés spectacle',
  },
  {
    side: 'employer',
    family: 'collectiveAgreement',
    code: 'fcap',
    rule: 'salarié . convention collective . SVP . FCAP',
  },
  {
    side: 'employer',
    family: 'health',
    code: 'svpProvident',
    rule: 'salarié . convention collective . SVP . prévoyance',
  },
  // The employer reductions are taken off the total (`abattement`): RGDU, and for other employers
  // Lodeom, JEI or ACRE, of which the rules keep the largest. Only the RGDU applies to us; the line
  // is the whole reduction, so the total adds up whatever the rules chose.
  {
    side: 'employer',
    family: 'reductions',
    code: 'reductions',
    rule: `${c}exonérations . employeur`,
    negative: true,
  },

  { side: 'employee', family: 'health', code: 'sickness', rule: `${c}maladie . salarié` },
  { side: 'employee', family: 'health', code: 'healthInsurance', rule: `${c}prévoyances . santé . salarié` },
  {
    side: 'employee',
    family: 'health',
    code: 'provident',
    rule: `${c}prévoyances . incapacité invalidité décès . salarié`,
  },
  {
    side: 'employee',
    family: 'retirement',
    code: 'oldAgeCapped',
    rule: `${c}vieillesse . plafonnée . salarié`,
  },
  {
    side: 'employee',
    family: 'retirement',
    code: 'oldAgeUncapped',
    rule: `${c}vieillesse . déplafonnée . salarié`,
  },
  {
    side: 'employee',
    family: 'retirement',
    code: 'complementary',
    rule: `${c}retraite complémentaire . salarié`,
  },
  { side: 'employee', family: 'retirement', code: 'ceg', rule: `${c}CEG . salarié` },
  { side: 'employee', family: 'retirement', code: 'cet', rule: `${c}CET . salarié` },
  { side: 'employee', family: 'unemployment', code: 'apec', rule: `${c}APEC . salarié` },
  { side: 'employee', family: 'csgCrds', code: 'csgDeductible', rule: `${c}CSG-CRDS . CSG . déductible` },
  {
    side: 'employee',
    family: 'csgCrds',
    code: 'csgCrdsNonDeductible',
    rule: `${c}CSG-CRDS . sur revenus imposables non déductible`,
  },
  {
    side: 'employee',
    family: 'csgCrds',
    code: 'csgCrdsNonTaxable',
    rule: `${c}CSG-CRDS . sur revenus non imposables`,
  },
  {
    side: 'employee',
    family: 'reductions',
    code: 'reductions',
    rule: `${c}exonérations . salarié`,
    negative: true,
  },
];

/** Warnings of the rules worth showing, mapped to our notice codes. */
export const noticeRules: Readonly<Record<string, string>> = {
  'payroll.below_minimum_wage': 'salarié . rémunération . contrôle minimum . smic',
  'payroll.part_time_below_24_hours':
    'salarié . contrat . temps de travail . temps partiel . contrôle temps min',
};

/** Every amount the adapter evaluates for one simulation (in €/month), and every condition. */
export const amountRules: readonly string[] = [
  ...new Set([...Object.values(totalRules), ...lineCatalogue.map((l) => l.rule)]),
];
export const conditionRules: readonly string[] = Object.values(noticeRules);

/**
 * What the engine answered for a rule: a number (euros a month, or a boolean for a warning), null
 * when the rule does not apply, undefined when the rules could not compute it.
 */
export type Evaluated = number | boolean | null | undefined;
export type Evaluations = Readonly<Record<string, Evaluated>>;

/** Micro-euros: the float from the engine as an integer, below any figure a payslip shows. */
const micros = (euros: number): number => {
  const m = Math.round(euros * 1_000_000);
  if (!Number.isSafeInteger(m)) throw new RangeError(`Amount out of range: ${euros}`);
  return m;
};

/**
 * Euros from the rules to cents, half-up (half away from zero) on the micro-euro value: going
 * through micro-euros first removes the binary noise (2048.865 is 2048.8650000000002 in a double)
 * that would otherwise decide a half-cent.
 */
export const eurosToCents = (euros: number): Cents => cents(divideRounded(micros(euros), 10_000, 'half-up'));

/**
 * Rounds exact amounts (micro-euros) to cents so that they add up to `total`: each is rounded
 * half-up, then the cents still missing (or in excess) go to the amounts the rounding moved most
 * (largest remainder), earlier lines first on ties. No amount moves by more than one cent.
 */
export function roundToTotal(exact: readonly number[], total: Cents): Cents[] {
  const rounded = exact.map((m) => divideRounded(m, 10_000, 'half-up'));
  let missing = total - rounded.reduce((a, b) => a + b, 0);
  if (Math.abs(missing) > exact.length)
    throw new RangeError(`Lines ${rounded.join('+')} cannot add up to ${total}`);
  // What rounding took from each amount (positive: rounded down), in micro-euros.
  const order = exact
    .map((m, i) => ({ i, taken: m - (rounded[i] as number) * 10_000 }))
    .sort((a, b) => (missing > 0 ? b.taken - a.taken : a.taken - b.taken) || a.i - b.i);
  for (const { i } of order) {
    if (missing === 0) break;
    const step = missing > 0 ? 1 : -1;
    rounded[i] = (rounded[i] as number) + step;
    missing -= step;
  }
  return rounded.map((r) => cents(r));
}

export type Breakdown = {
  totals: Record<TotalKey, Cents>;
  lines: SimulationLine[];
  /** Notice codes: the rules' warnings, and `payroll.lines_unreconciled` if lines miss something. */
  notices: string[];
};

/** Below this gap (a tenth of a cent) the lines add up to their total; beyond, something is missing. */
const reconcileTolerance = 1_000;

/**
 * Turns the engine's answers into totals and lines in cents. A total the rules left undefined is a
 * bug of the rules for this situation: it throws rather than show a wrong figure. Each side's lines
 * add up exactly to its total; should the rules ever add an element this catalogue does not know,
 * the gap is shown as an `unclassified` line with a notice, never spread over the other lines.
 */
export function breakdownOf(values: Evaluations): Breakdown {
  const number = (rule: string, required: boolean): number => {
    const v = values[rule];
    if (v === undefined) {
      if (required)
        throw new DomainError('payroll.rules_incomplete', `The payroll rules could not compute ${rule}`, {
          rule,
        });
      return 0;
    }
    if (v === null || v === false) return 0;
    if (v === true) throw new RangeError(`${rule} is a condition, not an amount`);
    return v;
  };
  const totals = Object.fromEntries(
    Object.entries(totalRules).map(([key, rule]) => [key, eurosToCents(number(rule, true))]),
  ) as Record<TotalKey, Cents>;
  // A payslip adds up: net = gross pay − employee contributions, employer cost = gross pay + employer
  // contributions. Rounded one by one, the rules' totals can miss that by a cent (a CDD's gross pay
  // holds fractions of a cent, its 10 % indemnity): the pay, the net and the cost stay the rules' to
  // the cent, and each contributions total takes the cent that makes the payslip add up, within a
  // cent of the rules' own. A gap beyond rounding is left as it is, and refused when posted.
  const exactly = (key: TotalKey) => micros(number(totalRules[key], true));
  if (Math.abs(exactly('grossPay') - exactly('employeeContributions') - exactly('net')) <= reconcileTolerance)
    totals.employeeContributions = subtract(totals.grossPay, totals.net);
  if (
    Math.abs(exactly('grossPay') + exactly('employerContributions') - exactly('employerCost')) <=
    reconcileTolerance
  )
    totals.employerContributions = subtract(totals.employerCost, totals.grossPay);

  const notices: string[] = [];
  const lines: SimulationLine[] = [];
  const sides: { side: LineSide; total: TotalKey }[] = [
    { side: 'pay', total: 'grossPay' },
    { side: 'employer', total: 'employerContributions' },
    { side: 'employee', total: 'employeeContributions' },
  ];
  for (const { side, total } of sides) {
    const specs = lineCatalogue.filter((l) => l.side === side);
    const exact = specs.map((l) => (l.negative ? -1 : 1) * micros(number(l.rule, true)));
    const gap = micros(number(totalRules[total], true)) - exact.reduce((a, b) => a + b, 0);
    const all: { spec: LineSpec; exact: number }[] = specs.map((spec, i) => ({
      spec,
      exact: exact[i] as number,
    }));
    if (Math.abs(gap) > reconcileTolerance) {
      all.push({
        spec: { side, family: 'unclassified', code: 'unclassified', rule: totalRules[total] },
        exact: gap,
      });
      if (!notices.includes('payroll.lines_unreconciled')) notices.push('payroll.lines_unreconciled');
    }
    const rounded = roundToTotal(
      all.map((l) => l.exact),
      totals[total],
    );
    all.forEach((l, i) => {
      const amountCents = rounded[i] as Cents;
      if (amountCents !== 0)
        lines.push({ side, family: l.spec.family, code: l.spec.code, rule: l.spec.rule, amountCents });
    });
  }
  for (const [code, rule] of Object.entries(noticeRules)) if (values[rule] === true) notices.push(code);
  return { totals, lines, notices };
}
