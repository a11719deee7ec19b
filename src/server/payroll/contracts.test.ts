// Regression table: a month under each contract we support, computed by the salary module
// (`computeSalary`: contract → situation, equivalent hours, portage overlay, cents) and by
// modele-social itself on a situation written by hand in the rules' terms. Figures equal to the cent.
import { describe, expect, it } from 'vitest';
import { type ContractTerms, contractForRules, contractIssues } from '../../domain/payroll/contracts.ts';
import { inForce, smicHourly } from '../../domain/payroll/parameters.ts';
import { payrollRulesets } from '../../domain/payroll/rulesets.ts';
import { computeSalary } from '../../domain/payroll/salary.ts';
import { engineFor, evaluateRules, evaluateSituation } from './rules.ts';

const ruleset = payrollRulesets[0] as (typeof payrollRulesets)[number];
const terms = (o: Partial<ContractTerms>): ContractTerms => ({
  type: 'CDI',
  noWorkingTime: false,
  cadre: false,
  partTimeHoursPerWeek: null,
  alsaceMoselle: false,
  intermittent: null,
  portageLevel: null,
  startDate: '2026-01-01',
  endDate: null,
  ...o,
});

const base = {
  date: "'01/11/2026'",
  'entreprise . salariés . effectif . seuil': "'moins de 20'", // 12 employees
  'salarié . contrat . statut cadre': 'non',
};
const rules = {
  gross: 'salarié . contrat . salaire brut',
  employerCost: 'salarié . coût total employeur',
  net: 'salarié . rémunération . net . à payer avant impôt',
  netTaxable: 'salarié . rémunération . net . imposable',
  rgdu: 'salarié . cotisations . exonérations . RGDU',
  employer: 'salarié . cotisations . employeur',
  employee: 'salarié . cotisations . salarié',
};

type Case = {
  name: string;
  contract: ContractTerms;
  amount: { kind: 'gross' | 'employerCost' | 'net'; cents: number };
  situation: Record<string, string>;
  hoursPerMonth: number;
  portageBaseCents?: number;
};

const cases: Case[] = [
  {
    name: 'CDI full time, 2,500 € gross',
    contract: terms({}),
    amount: { kind: 'gross', cents: 250_000 },
    situation: { 'salarié . contrat': "'CDI'", 'salarié . contrat . salaire brut': '2500 €/mois' },
    hoursPerMonth: 151.67,
  },
  {
    name: 'CDI without working time (CAE), 1,200 € gross: 99.83 equivalent hours',
    contract: terms({ noWorkingTime: true }),
    amount: { kind: 'gross', cents: 120_000 },
    situation: {
      'salarié . contrat': "'CDI'",
      'salarié . contrat . salaire brut': '1200 €/mois',
      'salarié . contrat . temps de travail . temps partiel': 'oui',
      // 1,200 / 12.31 (the SMIC since June 2026) = 97.48 h a month × 12 / 52 = 22.50 h a week
      'salarié . contrat . temps de travail . temps partiel . heures par semaine': '22.5 heure/semaine',
    },
    hoursPerMonth: 97.48,
  },
  {
    name: 'CDI without working time above a full-time SMIC: full time',
    contract: terms({ noWorkingTime: true }),
    amount: { kind: 'gross', cents: 300_000 },
    situation: { 'salarié . contrat': "'CDI'", 'salarié . contrat . salaire brut': '3000 €/mois' },
    hoursPerMonth: 151.67,
  },
  {
    name: 'CDI part time 24 h, cadre, Alsace-Moselle',
    contract: terms({ partTimeHoursPerWeek: 24, cadre: true, alsaceMoselle: true }),
    amount: { kind: 'gross', cents: 200_000 },
    situation: {
      'salarié . contrat': "'CDI'",
      'salarié . contrat . statut cadre': 'oui',
      'salarié . contrat . salaire brut': '2000 €/mois',
      'salarié . contrat . temps de travail . temps partiel': 'oui',
      'salarié . contrat . temps de travail . temps partiel . heures par semaine': '24 heure/semaine',
      'salarié . régimes spécifiques . alsace moselle': 'oui',
    },
    hoursPerMonth: 104,
  },
  {
    name: 'CDD, 2,000 € gross (10 % end-of-contract indemnity)',
    contract: terms({ type: 'CDD', endDate: '2026-12-31' }),
    amount: { kind: 'gross', cents: 200_000 },
    situation: { 'salarié . contrat': "'CDD'", 'salarié . contrat . salaire brut': '2000 €/mois' },
    hoursPerMonth: 151.67,
  },
  {
    name: 'CDD d’usage, intermittent technician, 1,000 € gross',
    contract: terms({
      type: 'CDD_USAGE',
      intermittent: 'technician',
      endDate: '2026-11-30',
      partTimeHoursPerWeek: 10,
    }),
    amount: { kind: 'gross', cents: 100_000 },
    situation: {
      'salarié . contrat': "'CDD'",
      'salarié . contrat . CDD . motif': "'classique . usage'",
      'salarié . contrat . salaire brut': '1000 €/mois',
      'salarié . contrat . temps de travail . temps partiel': 'oui',
      'salarié . contrat . temps de travail . temps partiel . heures par semaine': '10 heure/semaine',
      'salarié . convention collective': "'SVP'",
      'salarié . régimes spécifiques . intermittents du spectacle': "'technicien'",
    },
    hoursPerMonth: 43.33,
  },
  {
    name: 'Portage (senior), 3,465 € gross: base 3,000 + 150 allowance + 315 paid leave',
    contract: terms({ type: 'PORTAGE', portageLevel: 'senior' }),
    amount: { kind: 'gross', cents: 346_500 },
    situation: { 'salarié . contrat': "'CDI'", 'salarié . contrat . salaire brut': '3465 €/mois' },
    hoursPerMonth: 151.67,
    portageBaseCents: 300_000,
  },
  {
    name: 'Portage (senior) on a CDD: the rules of a CDD, with its end-of-contract indemnity',
    contract: terms({
      type: 'PORTAGE',
      portageLevel: 'senior',
      portageFixedTerm: true,
      endDate: '2027-02-28',
    }),
    amount: { kind: 'gross', cents: 346_500 },
    situation: { 'salarié . contrat': "'CDD'", 'salarié . contrat . salaire brut': '3465 €/mois' },
    hoursPerMonth: 151.67,
    portageBaseCents: 300_000,
  },
];

/** Within half a cent: the rules' figure rounded; `within` 1 for a contributions total, which takes
 * the cent that makes the payslip add up (breakdown.ts). */
const toTheCent = (cents: number, euros: unknown, what: string, within = 0.5) => {
  expect(typeof euros, what).toBe('number');
  expect(Math.abs(cents - (euros as number) * 100), `${what}: ${cents} ¢ vs ${euros} €`).toBeLessThanOrEqual(
    within + 1e-6,
  );
};

describe('a month under each contract, against modele-social', () => {
  it.each(cases)('$name', (c) => {
    const computed = computeSalary(
      { contract: c.contract, period: '2026-11', headcount: 12, amount: c.amount, withholdingRateBp: 500 },
      evaluateRules,
      'fr',
    );
    const v = evaluateSituation(engineFor(ruleset), { ...base, ...c.situation }, Object.values(rules));
    const s = computed.view;
    toTheCent(s.grossCents, v[rules.gross], 'gross');
    toTheCent(s.employerCostCents, v[rules.employerCost], 'employer cost');
    toTheCent(s.netCents, v[rules.net], 'net before tax');
    toTheCent(s.netTaxableCents, v[rules.netTaxable], 'net taxable');
    toTheCent(s.rgduCents, v[rules.rgdu] ?? 0, 'RGDU');
    toTheCent(s.employerContributionsCents, v[rules.employer], 'employer contributions', 1);
    toTheCent(s.employeeContributionsCents, v[rules.employee], 'employee contributions', 1);
    expect(s.grossPayCents - s.employeeContributionsCents).toBe(s.netCents);
    expect(s.grossPayCents + s.employerContributionsCents).toBe(s.employerCostCents);
    expect(s.withholding.amountCents).toBe(Math.round(s.netTaxableCents * 0.05));
    expect(computed.hoursPerMonth).toBe(c.hoursPerMonth);
    if (c.portageBaseCents) expect(computed.portage?.baseCents).toBe(c.portageBaseCents);
    else expect(computed.portage).toBeNull();
  });

  it('solves a budget for a CAE member to a fixed point of the equivalent hours', () => {
    const computed = computeSalary(
      {
        contract: terms({ noWorkingTime: true }),
        period: '2026-11',
        headcount: 12,
        amount: { kind: 'employerCost', cents: 120_000 },
        withholdingRateBp: 0,
      },
      evaluateRules,
      'fr',
    );
    const s = computed.view;
    expect(s.employerCostCents).toBeLessThanOrEqual(120_000);
    expect(s.employerCostCents).toBeGreaterThan(119_990);
    // The hours are those of the gross found.
    expect(computed.hoursPerMonth).toBe(Math.min(151.67, Math.floor((s.grossCents * 100) / 1231) / 100));
  });

  it('refuses a salary below the legal minimum (SMIC pro rata, portage minimum)', () => {
    const run = (contract: ContractTerms, cents: number) => () =>
      computeSalary(
        {
          contract,
          period: '2026-11',
          headcount: 12,
          amount: { kind: 'gross', cents },
          withholdingRateBp: 0,
        },
        evaluateRules,
        'fr',
      );
    expect(run(terms({}), 150_000)).toThrow(expect.objectContaining({ code: 'salary.below_minimum' }));
    expect(run(terms({ type: 'PORTAGE', portageLevel: 'junior' }), 250_000)).toThrow(
      expect.objectContaining({ code: 'salary.below_minimum' }),
    );
    expect(run(terms({ noWorkingTime: true }), 50_000)).not.toThrow();
  });

  it('takes portage on a CDD (with an end date) as well as on a CDI, and only portage', () => {
    const cdd = terms({
      type: 'PORTAGE',
      portageLevel: 'senior',
      portageFixedTerm: true,
      endDate: '2027-02-28',
    });
    expect(contractIssues(cdd)).toEqual([]);
    expect(contractForRules(cdd).type).toBe('CDD');
    expect(contractForRules({ ...cdd, portageFixedTerm: false }).type).toBe('CDI');
    expect(contractIssues({ ...cdd, endDate: null })).toEqual([
      { path: 'endDate', code: 'contract.fixed_term_needs_end' },
    ]);
    expect(contractIssues({ ...cdd, type: 'CDI', portageLevel: null })).toEqual([
      { path: 'portageFixedTerm', code: 'contract.portage_fixed_term' },
    ]);
    const computed = computeSalary(
      {
        contract: cdd,
        period: '2026-11',
        headcount: 12,
        amount: { kind: 'gross', cents: 346_500 },
        withholdingRateBp: 0,
      },
      evaluateRules,
      'fr',
    );
    expect(computed.view.lines.find((l) => l.code === 'cddEndOfContract')?.amountCents).toBe(34_650);
    expect(computed.view.lines.some((l) => l.code === 'cpfCdd')).toBe(true);
  });
});

describe('dated legal values', () => {
  it('hold the hourly SMIC the rules use, month by month', () => {
    const engine = engineFor(payrollRulesets[0] as (typeof payrollRulesets)[number]);
    for (let m = 1; m <= 12; m++) {
      const period = `2026-${String(m).padStart(2, '0')}` as const;
      engine.setSituation({ date: `'01/${String(m).padStart(2, '0')}/2026'` } as never);
      const rules = engine.evaluate({ valeur: 'SMIC . horaire', unité: '€/heure' }).nodeValue as number;
      expect(inForce(smicHourly, period)?.value, period).toBe(Math.round(rules * 100));
    }
  });
});
