// The compiled evaluator reads back every situation situation.ts builds for the contracts it supports,
// and refuses the others (they go to the interpreter). The figures themselves are proven against the
// interpreter in src/server/payroll/compiled.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Evaluations } from '../breakdown.ts';
import type { PayrollRuleset } from '../rulesets.ts';
import type { ContractInput } from '../schemas.ts';
import { situationOf, type TargetKind } from '../situation.ts';
import { compiledEvaluator, compiledSupport, decodeSituation } from './evaluator.ts';

const contract: fc.Arbitrary<ContractInput> = fc
  .record({
    type: fc.constantFrom('CDI', 'CDD', 'CDD_USAGE' as const),
    cadre: fc.boolean(),
    hours: fc.option(fc.integer({ min: 100, max: 3_499 }), { nil: undefined }),
    alsaceMoselle: fc.boolean(),
  })
  .map(({ hours, alsaceMoselle, ...c }) => ({
    ...c,
    ...(hours === undefined ? {} : { partTimeHoursPerWeek: hours / 100 }),
    ...(alsaceMoselle ? { alsaceMoselle } : {}),
  }));

describe('compiled payroll rules: situations', () => {
  it('reads back the amount, the hours and the class of every supported situation', () => {
    fc.assert(
      fc.property(
        contract,
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.constantFrom<TargetKind>('gross', 'employerCost', 'net'),
        (c, headcount, amount, kind) => {
          expect(compiledSupport(c)).toBeNull();
          const { situation } = situationOf({
            period: '2026-11',
            contract: c,
            headcount,
            target: { kind, amount },
          });
          const d = decodeSituation(situation);
          expect(d?.target).toEqual({ kind, cents: amount });
          expect(d?.hoursPerWeek).toBe(c.partTimeHoursPerWeek ?? null);
          // The class holds neither the amount nor the hours: one class for every salary of a contract.
          const other = situationOf({
            period: '2026-11',
            contract: { ...c, partTimeHoursPerWeek: 12.5 },
            headcount,
            target: { kind: 'gross', amount: 1 },
          }).situation;
          expect(decodeSituation(other)?.classKey).toBe(d?.classKey);
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });

  it('leaves intermittents and unknown entries to the interpreter', () => {
    for (const intermittent of ['artist', 'technician'] as const) {
      const c: ContractInput = { type: 'CDD_USAGE', cadre: false, intermittent };
      expect(compiledSupport(c)).toBe('intermittent');
      const { situation } = situationOf({
        period: '2026-11',
        contract: c,
        headcount: 3,
        target: { kind: 'gross', amount: 200_000 },
      });
      expect(decodeSituation(situation)).toBeNull();
    }
    const { situation } = situationOf({
      period: '2026-11',
      contract: { type: 'CDI', cadre: false },
      headcount: 3,
      target: { kind: 'gross', amount: 200_000 },
    });
    expect(
      decodeSituation({ ...situation, 'salarié . rémunération . primes . activité . base': '100 €/mois' }),
    ).toBeNull();
    // The fallback is called, and its answer returned as it is.
    const seen: string[] = [];
    const answer: Evaluations = { 'salarié . contrat . salaire brut': 2000 };
    const evaluate = compiledEvaluator({
      parametersFor: () => null,
      fallback: () => answer,
      onFallback: (s) => seen.push(s['salarié . contrat'] ?? ''),
    });
    const ruleset = { id: 'fr-2026' } as PayrollRuleset;
    expect(
      evaluate({ ruleset, situation, amounts: ['salarié . contrat . salaire brut'], conditions: [] }),
    ).toBe(answer);
    expect(seen).toEqual(["'CDI'"]);
  });
});
