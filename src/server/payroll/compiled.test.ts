// Differential tests: the compiled payroll rules against the Publicodes interpreter over modele-social,
// on random situations (seeded, so a failure replays). Forward: every amount of the catalogue, the
// payslip's bases and the warnings, to the micro-euro, and the breakdown in cents (totals and every
// line) equal. Solving: whole payslips (computeSalary) from a gross, an employer budget or a net,
// under every contract the product has, equal field by field. Runs: PAYROLL_DIFF_RUNS (default 1,000
// forward, a twentieth of it solving); a larger run, e.g. PAYROLL_DIFF_RUNS=10000, takes a while.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountRules, breakdownOf, conditionRules } from '../../domain/payroll/breakdown.ts';
import { compiledSupport, decodeSituation } from '../../domain/payroll/compiled/evaluator.ts';
import { compiledEvaluations } from '../../domain/payroll/compiled/forward.ts';
import type { ContractTerms } from '../../domain/payroll/contracts.ts';
import {
  baseRules,
  checkPayslipAddsUp,
  payrollJournalLines,
  payslipLines,
} from '../../domain/payroll/payslip.ts';
import { payrollRulesets } from '../../domain/payroll/rulesets.ts';
import { type AmountKind, computeSalary } from '../../domain/payroll/salary.ts';
import type { ContractInput } from '../../domain/payroll/schemas.ts';
import type { RulesEvaluator } from '../../domain/payroll/simulation.ts';
import { situationOf } from '../../domain/payroll/situation.ts';
import { classParameters, compiledClasses, evaluateRulesCompiled, firstDifference } from './compiled.ts';
import { engineFor, evaluateRules, evaluateSituation } from './rules.ts';

const ruleset = payrollRulesets[0] as (typeof payrollRulesets)[number];
const runs = Number(process.env.PAYROLL_DIFF_RUNS ?? 1_000);
const seed = 20_261_130;
const everyRule = [...amountRules, ...Object.values(baseRules)];

// Every headcount threshold, before and after the SMIC of June 2026. Each class (period, threshold,
// contract, cadre, Alsace-Moselle) met is read from the rules once: its first payslip costs a dozen
// interpreter evaluations, so the periods are kept to two.
const headcounts = [1, 4, 7, 12, 19, 30, 49, 50, 120, 200, 249, 250, 1_000];
const periods = ['2026-01', '2026-11'] as const;

/** Hours a week of a part time, to the hundredth, from 1 h to 34.99 h. */
const hours = fc.integer({ min: 100, max: 3_499 }).map((h) => h / 100);
/** Grosses from 1 € to 60,000 € a month, most of them where payslips are (SMIC to 3 PSS). */
const grossCents = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 150_000, max: 1_300_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 6_000_000 }) },
);

const contractInput: fc.Arbitrary<ContractInput> = fc
  .record({
    type: fc.constantFrom('CDI', 'CDD', 'CDD_USAGE' as const),
    cadre: fc.boolean(),
    partTime: fc.option(hours, { freq: 3 }),
    alsaceMoselle: fc.boolean(),
  })
  .map(({ partTime, alsaceMoselle, ...c }) => ({
    ...c,
    ...(partTime === null ? {} : { partTimeHoursPerWeek: partTime }),
    ...(alsaceMoselle ? { alsaceMoselle } : {}),
  }));

describe('compiled payroll rules against the interpreter', () => {
  it(`compute every figure of ${runs} random forward situations as modele-social does`, () => {
    const engine = engineFor(ruleset);
    fc.assert(
      fc.property(
        contractInput,
        fc.constantFrom(...headcounts),
        fc.constantFrom(...periods),
        grossCents,
        (contract, headcount, period, gross) => {
          const { situation } = situationOf({
            period,
            contract,
            headcount,
            target: { kind: 'gross', amount: gross },
          });
          const decoded = decodeSituation(situation);
          expect(decoded).not.toBeNull();
          const params = classParameters(ruleset, decoded as NonNullable<typeof decoded>);
          expect(params).not.toBeNull();
          const compiled = compiledEvaluations(
            params as NonNullable<typeof params>,
            gross / 100,
            decoded?.hoursPerWeek ?? null,
          );
          const interpreted = evaluateSituation(engine, situation, everyRule, conditionRules);
          expect(firstDifference(compiled, interpreted, [...everyRule, ...conditionRules])).toBeNull();
          expect(breakdownOf(compiled)).toEqual(breakdownOf(interpreted));
        },
      ),
      { seed, numRuns: runs },
    );
    // Every class met was read from the rules and passed its check: none fell back silently.
    for (const [key, entry] of compiledClasses()) expect(entry.reason, key).toBeNull();
  }, 1_800_000);

  const terms: fc.Arbitrary<ContractTerms> = fc
    .record({
      type: fc.constantFrom('CDI', 'CDD', 'CDD_USAGE', 'PORTAGE' as const),
      noWorkingTime: fc.boolean(),
      cadre: fc.boolean(),
      partTime: fc.option(
        fc.integer({ min: 2_400, max: 3_499 }).map((h) => h / 100),
        { freq: 4 },
      ),
      alsaceMoselle: fc.boolean(),
      portageLevel: fc.constantFrom('junior', 'senior', 'dayRate' as const),
    })
    .map(({ type, noWorkingTime, partTime, portageLevel, ...c }) => ({
      ...c,
      type,
      noWorkingTime: type === 'CDI' && partTime === null && noWorkingTime,
      partTimeHoursPerWeek: partTime,
      intermittent: null,
      portageLevel: type === 'PORTAGE' ? portageLevel : null,
      startDate: '2026-01-01',
      endDate: type === 'CDD' || type === 'CDD_USAGE' ? '2026-12-31' : null,
    }));

  /** The payslip, or the refusal's code: both paths must refuse the same amounts alike. */
  const outcome = (input: Parameters<typeof computeSalary>[0], evaluate: RulesEvaluator) => {
    try {
      return computeSalary(input, evaluate, 'fr');
    } catch (e) {
      return { refused: (e as { code?: string }).code ?? String(e) };
    }
  };

  it(`solve the same gross to the cent and give the same payslip on ${Math.max(20, Math.round(runs / 20))} random requests`, () => {
    fc.assert(
      fc.property(
        terms,
        fc.constantFrom(...headcounts),
        fc.constantFrom(...periods),
        fc.constantFrom<AmountKind>('employerCost', 'net', 'gross'),
        fc.integer({ min: 120_000, max: 1_500_000 }),
        (contract, headcount, period, kind, cents) => {
          const input = { contract, period, headcount, amount: { kind, cents }, withholdingRateBp: 450 };
          expect(outcome(input, evaluateRulesCompiled)).toEqual(outcome(input, evaluateRules));
        },
      ),
      { seed, numRuns: Math.max(20, Math.round(runs / 20)) },
    );
  }, 1_800_000);

  // Rounded one by one, the rules' totals missed a CDD's payslip by a cent one time in four.
  it('give payslips that add up to the cent, and entries that balance, on 2,000 random requests', () => {
    fc.assert(
      fc.property(
        terms,
        fc.constantFrom(12, 49, 250),
        fc.constantFrom(...periods),
        fc.constantFrom<AmountKind>('employerCost', 'net', 'gross'),
        fc.integer({ min: 120_000, max: 3_000_000 }),
        (contract, headcount, period, kind, cents) => {
          const input = { contract, period, headcount, amount: { kind, cents }, withholdingRateBp: 450 };
          const computed = outcome(input, evaluateRulesCompiled);
          if ('refused' in computed) return;
          const v = computed.view;
          expect(v.grossPayCents - v.employeeContributionsCents).toBe(v.netCents);
          expect(v.grossPayCents + v.employerContributionsCents).toBe(v.employerCostCents);
          expect(() => checkPayslipAddsUp(v)).not.toThrow();
          const entry = payrollJournalLines({
            lines: payslipLines(v, computed.bases, computed.portage),
            netPaidCents: v.netAfterTaxCents,
            withholdingCents: v.withholding.amountCents,
            activityId: 'activity',
            memberId: 'member',
            label: 'Salaire',
          });
          const side = (k: 'debitCents' | 'creditCents') => entry.reduce((a, l) => a + (l[k] ?? 0), 0);
          expect(side('debitCents')).toBe(side('creditCents'));
        },
      ),
      { seed, numRuns: 2_000 },
    );
  }, 600_000);

  it('hand intermittents to the interpreter, explicitly', () => {
    const artist: ContractInput = { type: 'CDD_USAGE', cadre: false, intermittent: 'artist' };
    expect(compiledSupport(artist)).toBe('intermittent');
    expect(compiledSupport({ type: 'CDD', cadre: true, partTimeHoursPerWeek: 20 })).toBeNull();
    const { situation } = situationOf({
      period: '2026-11',
      contract: artist,
      headcount: 12,
      target: { kind: 'gross', amount: 250_000 },
    });
    expect(decodeSituation(situation)).toBeNull();
    const request = { ruleset, situation, amounts: amountRules, conditions: conditionRules };
    expect(evaluateRulesCompiled(request)).toEqual(evaluateRules(request));
  });
});
