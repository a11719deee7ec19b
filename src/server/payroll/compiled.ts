// The compiled payroll rules on the server: their parameters read from the installed modele-social
// through the Publicodes engine, once per ruleset and situation class, then checked against the
// interpreter on a few salaries before the class is trusted. A class whose check fails, and every
// situation the compiled rules do not support, is computed by the interpreter (rules.ts).
import type { Evaluations } from '../../domain/payroll/breakdown.ts';
import { amountRules } from '../../domain/payroll/breakdown.ts';
import { compiledEvaluator, type DecodedSituation } from '../../domain/payroll/compiled/evaluator.ts';
import { compiledEvaluations } from '../../domain/payroll/compiled/forward.ts';
import {
  type CompiledParameters,
  partTimeMinimumRule,
  readParameters,
} from '../../domain/payroll/compiled/parameters.ts';
import { baseRules } from '../../domain/payroll/payslip.ts';
import type { PayrollRuleset } from '../../domain/payroll/rulesets.ts';
import type { RulesEvaluator } from '../../domain/payroll/simulation.ts';
import { monthlyEuros, type PayrollSituation, targetRules } from '../../domain/payroll/situation.ts';
import { engineFor, evaluateRules, evaluateSituation } from './rules.ts';

type Engine = ReturnType<typeof engineFor>;

/** The threshold the rules write in their part-time warning (`heures par semaine < 24 heure/semaine`). */
function partTimeMinimum(engine: Engine): number {
  const raw = JSON.stringify(engine.getRule(partTimeMinimumRule as never).rawNode);
  const m = /<\s*(\d+(?:\.\d+)?)\s*heure\s*\/\s*semaine/.exec(raw);
  if (!m) throw new Error(`Cannot read the part-time minimum from ${partTimeMinimumRule}`);
  return Number(m[1]);
}

/** Reads the parameters of a class from the engine (see compiled/parameters.ts). */
export function readClassParameters(engine: Engine, classSituation: PayrollSituation): CompiledParameters {
  let current: number | null = null;
  const read = (grossEuros: number, rule: string) => {
    if (current !== grossEuros) {
      engine.setSituation(
        {
          ...classSituation,
          [targetRules.gross]: monthlyEuros(Math.round(grossEuros * 100)),
        } as Parameters<Engine['setSituation']>[0],
        { strict: true },
      );
      current = grossEuros;
    }
    const raw = engine.evaluate(rule);
    if (raw.unit?.numerators.includes('€'))
      return engine.evaluate({ valeur: rule, unité: '€/mois' }).nodeValue as number | null | undefined;
    return raw.nodeValue as number | boolean | null | undefined;
  };
  return readParameters(read, partTimeMinimum(engine));
}

/** Amounts the check compares: every line and total, and the payslip's bases. */
const checkedRules = [...amountRules, ...Object.values(baseRules)];

/** A condition the rules did not evaluate (null) says no, as an amount that does not apply is 0. */
const normal = (v: Evaluations[string]) => (v === null || v === false ? 0 : v);

/** Where two evaluations of the same rule differ by more than a micro-euro, if anywhere. */
export function firstDifference(a: Evaluations, b: Evaluations, rules: readonly string[]): string | null {
  for (const rule of rules) {
    const x = normal(a[rule]);
    const y = normal(b[rule]);
    const same =
      typeof x === 'number' && typeof y === 'number' ? Math.abs(x - y) <= 1e-6 : x === y && x !== undefined;
    if (!same) return `${rule}: ${String(a[rule])} ≠ ${String(b[rule])}`;
  }
  return null;
}

/**
 * Checks the compiled rules of a class against the interpreter at salaries on both sides of every
 * threshold (the RGDU's, the PSS and its multiples), full time. Null when they agree.
 */
export function checkClass(
  engine: Engine,
  params: CompiledParameters,
  classSituation: PayrollSituation,
): string | null {
  const smic = params.smicHourly * params.legalWeeklyHours * params.weeksPerMonth;
  // Below the SMIC, inside the RGDU, past its end (3 SMIC, below 1.5 PSS), between 4 and 8 PSS, beyond.
  const points = [0.3 * smic, 2.2 * smic, 1.5 * params.pss, 5 * params.pss, 9 * params.pss];
  for (const euros of points) {
    const cents = Math.round(euros * 100);
    const situation = { ...classSituation, [targetRules.gross]: monthlyEuros(cents) };
    const expected = evaluateSituation(engine, situation, checkedRules);
    const got = compiledEvaluations(params, cents / 100, null);
    const diff = firstDifference(got, expected, checkedRules);
    if (diff) return `at ${cents} cents: ${diff}`;
  }
  return null;
}

type ClassEntry = { params: CompiledParameters | null; reason: string | null };
const classes = new Map<string, ClassEntry>();

/** The parameters of a class, read and checked on first use; null keeps it on the interpreter. */
export function classParameters(
  ruleset: PayrollRuleset,
  decoded: DecodedSituation,
): CompiledParameters | null {
  const key = `${ruleset.id}|${decoded.classKey}`;
  let entry = classes.get(key);
  if (!entry) {
    const engine = engineFor(ruleset);
    try {
      const params = readClassParameters(engine, decoded.classSituation);
      const reason = checkClass(engine, params, decoded.classSituation);
      entry = reason ? { params: null, reason } : { params, reason: null };
    } catch (e) {
      entry = { params: null, reason: (e as Error).message };
    }
    classes.set(key, entry);
  }
  return entry.params;
}

/** Classes read so far, and why any of them stays on the interpreter (for tests and the bench). */
export const compiledClasses = (): ReadonlyMap<string, ClassEntry> => classes;

/** The compiled evaluator over the installed rules, falling back to the interpreter. */
export const evaluateRulesCompiled: RulesEvaluator = compiledEvaluator({
  parametersFor: classParameters,
  fallback: evaluateRules,
});

export type RulesMode = 'compiled' | 'interpreter';

/** The evaluator of a mode: the compiled rules (with their fallback) or the interpreter alone. */
export const rulesEvaluator = (mode: RulesMode): RulesEvaluator =>
  mode === 'compiled' ? evaluateRulesCompiled : evaluateRules;
