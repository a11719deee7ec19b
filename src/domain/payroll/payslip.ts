// A payslip from a computed salary: the lines as a French payslip prints them (one row per
// contribution with its base, the employee's and the employer's rate and amount), who collects each
// one, the year-to-date totals, and the payroll journal entry. Pure.
import { type Cents, cents, divideRounded, subtract } from '../money.ts';
import { lineCatalogue } from './breakdown.ts';
import type { PortageSplit } from './contracts.ts';
import type { LineFamily, SimulationView } from './schemas.ts';

/** Bases the payslip prints, read from the rules at the payslip's gross (euros a month). */
export const baseRules = {
  gross: 'salarié . cotisations . assiette',
  ceiling: 'plafond sécurité sociale',
  csg: 'salarié . cotisations . CSG-CRDS . assiette de base',
} as const;
export type Bases = Record<keyof typeof baseRules, Cents>;

export const bodies = ['urssaf', 'retirement', 'other'] as const;
export type Body = (typeof bodies)[number];

/** Who collects each contribution (the code of its line in breakdown.ts). */
export const bodyOf = (code: string): Body => {
  if (['complementary', 'ceg', 'cet', 'apec'].includes(code)) return 'retirement';
  if (['healthInsurance', 'provident', 'svpProvident', 'congesSpectacles', 'fcap'].includes(code))
    return 'other';
  // URSSAF collects the social security contributions, CSG-CRDS, unemployment insurance and AGS
  // (since 2011), the taxes on pay and the RGDU that reduces them.
  return 'urssaf';
};

/** The base a contribution's rate applies to: the gross, capped at the ceiling, or the CSG base. */
const baseOf = (code: string, bases: Bases): Cents =>
  code === 'oldAgeCapped'
    ? Math.min(bases.gross, bases.ceiling)
    : code.startsWith('csg')
      ? bases.csg
      : bases.gross;

export type PayslipLine = {
  family: LineFamily;
  code: string;
  body: Body | null;
  baseCents: Cents;
  employeeRatePpm: number | null;
  employeeCents: Cents;
  employerRatePpm: number | null;
  employerCents: Cents;
};

const ratePpm = (amount: Cents, base: Cents): number | null =>
  amount === 0 || base === 0 ? null : divideRounded(Math.abs(amount) * 1_000_000, base, 'half-up');

const contributionOrder = [
  ...new Set(lineCatalogue.filter((l) => l.side !== 'pay').map((l) => `${l.family}/${l.code}`)),
];

/**
 * The lines of the payslip: pay lines first (the portage gross split into base, business allowance
 * and paid leave), then one row per contribution, employee and employer side by side, in the order
 * of the simplified payslip. Each side adds up to its total in the simulation.
 */
export function payslipLines(
  view: SimulationView,
  bases: Bases,
  portage: PortageSplit | null,
): PayslipLine[] {
  const lines: PayslipLine[] = [];
  const pay = (code: string, amount: Cents) => {
    if (amount !== 0)
      lines.push({
        family: 'pay',
        code,
        body: null,
        baseCents: amount,
        employeeRatePpm: null,
        employeeCents: amount,
        employerRatePpm: null,
        employerCents: 0,
      });
  };
  for (const l of view.lines.filter((x) => x.side === 'pay')) {
    if (l.code === 'salary' && portage) {
      pay('portageBase', portage.baseCents);
      pay('portageBusinessAllowance', portage.businessAllowanceCents);
      pay('portagePaidLeave', portage.paidLeaveCents);
    } else pay(l.code, l.amountCents);
  }
  // Each contribution's two sides summed in one pass, then printed in the simplified payslip's order
  // (the catalogue's), any line the catalogue does not know after.
  const sums = new Map<string, { family: LineFamily; code: string; employee: number; employer: number }>();
  for (const l of view.lines) {
    if (l.side === 'pay') continue;
    const key = `${l.family}/${l.code}`;
    let sum = sums.get(key);
    if (!sum) {
      sum = { family: l.family, code: l.code, employee: 0, employer: 0 };
      sums.set(key, sum);
    }
    sum[l.side] += l.amountCents;
  }
  for (const key of [...contributionOrder, ...sums.keys()]) {
    const sum = sums.get(key);
    if (!sum) continue;
    sums.delete(key); // printed once
    const employeeCents = cents(sum.employee);
    const employerCents = cents(sum.employer);
    if (employeeCents === 0 && employerCents === 0) continue;
    const baseCents = baseOf(sum.code, bases);
    lines.push({
      family: sum.family,
      code: sum.code,
      body: bodyOf(sum.code),
      baseCents,
      employeeRatePpm: ratePpm(employeeCents, baseCents),
      employeeCents,
      employerRatePpm: ratePpm(employerCents, baseCents),
      employerCents,
    });
  }
  return lines;
}

export type YearToDate = {
  grossCents: Cents;
  netTaxableCents: Cents;
  withholdingCents: Cents;
  netPaidCents: Cents;
  employerCostCents: Cents;
};

export const addYearToDate = (
  before: YearToDate,
  view: Pick<
    SimulationView,
    'grossPayCents' | 'netTaxableCents' | 'withholding' | 'netAfterTaxCents' | 'employerCostCents'
  >,
): YearToDate => ({
  grossCents: before.grossCents + view.grossPayCents,
  netTaxableCents: before.netTaxableCents + view.netTaxableCents,
  withholdingCents: before.withholdingCents + view.withholding.amountCents,
  netPaidCents: before.netPaidCents + view.netAfterTaxCents,
  employerCostCents: before.employerCostCents + view.employerCostCents,
});

/** Contribution totals per body, each side. */
export function totalsByBody(
  lines: readonly PayslipLine[],
): Record<Body, { employeeCents: Cents; employerCents: Cents }> {
  const out = Object.fromEntries(bodies.map((b) => [b, { employeeCents: 0, employerCents: 0 }])) as Record<
    Body,
    { employeeCents: Cents; employerCents: Cents }
  >;
  for (const l of lines)
    if (l.body) {
      out[l.body].employeeCents += l.employeeCents;
      out[l.body].employerCents += l.employerCents;
    }
  return out;
}

// ——— Payroll journal ———

/** The expense account of a pay line. */
const payAccount = (code: string): string =>
  code === 'portagePaidLeave' || code === 'cddPaidLeave'
    ? '6412'
    : code === 'salary' || code === 'portageBase'
      ? '6411'
      : '6414';

/** The expense account of an employer contribution. */
const employerAccount = (l: PayslipLine): string => {
  if (l.body === 'retirement') return '6453';
  if (l.body === 'other') return l.code === 'healthInsurance' ? '6452' : '6458';
  if (l.code === 'unemployment' || l.code === 'ags') return '6454';
  if (['training', 'apprenticeshipTax', 'cpfCdd', 'peec'].includes(l.code)) return '633';
  return '6451';
};

const payableAccount = (body: Body): string => (body === 'urssaf' ? '431' : '437');

export type JournalLine = {
  accountNumber: string;
  activityId?: string;
  memberId?: string;
  label: string;
  debitCents?: number;
  creditCents?: number;
};

/**
 * The payroll entry of one payslip (journal SAL): gross pay (641x) and employer contributions
 * (645x, 633) on the activity, against the net due to the member (421), URSSAF (431), the other
 * bodies (437) and the income tax withheld (4421). Amounts are netted per account; a negative net
 * (the RGDU above the contributions it reduces) goes to the other side. Debits = credits = gross
 * pay + employer contributions, which is what the activity pays.
 */
export function payrollJournalLines(o: {
  lines: readonly PayslipLine[];
  netPaidCents: Cents;
  withholdingCents: Cents;
  activityId: string;
  memberId: string;
  label: string;
}): JournalLine[] {
  const debits = new Map<string, number>();
  const credits = new Map<string, number>();
  const addTo = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  for (const l of o.lines) {
    if (l.family === 'pay') addTo(debits, payAccount(l.code), l.employeeCents);
    else {
      const body = l.body as Body;
      addTo(debits, employerAccount(l), l.employerCents);
      addTo(credits, payableAccount(body), l.employerCents + l.employeeCents);
    }
  }
  addTo(credits, '4421', o.withholdingCents);
  addTo(credits, '421', o.netPaidCents);
  const out: JournalLine[] = [];
  const side = (amount: number, debit: boolean) =>
    amount >= 0 === debit ? { debitCents: Math.abs(amount) } : { creditCents: Math.abs(amount) };
  for (const [account, amount] of [...debits].sort(([a], [b]) => a.localeCompare(b)))
    if (amount !== 0)
      out.push({ accountNumber: account, activityId: o.activityId, label: o.label, ...side(amount, true) });
  for (const [account, amount] of [...credits].sort(([a], [b]) => a.localeCompare(b)))
    if (amount !== 0)
      out.push({
        accountNumber: account,
        ...(account === '421' ? { memberId: o.memberId } : {}),
        label: o.label,
        ...side(amount, false),
      });
  return out;
}

/** The net paid must be the gross pay less employee contributions and tax: else the entry would not balance. */
export function checkPayslipAddsUp(view: SimulationView): void {
  const net = subtract(view.grossPayCents, view.employeeContributionsCents);
  if (net !== view.netCents)
    throw new RangeError(
      `Net ${view.netCents} is not gross pay ${view.grossPayCents} less contributions ${view.employeeContributionsCents}`,
    );
}
