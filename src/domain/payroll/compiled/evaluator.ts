// A rules evaluator (simulation.ts's RulesEvaluator) that answers from the compiled rules when it
// supports the situation, and hands every other situation to the interpreter, explicitly. It reads
// the situations situation.ts builds, so the simulation, the payslip and the payroll run use it
// unchanged; what it computes is what the interpreter would, to the cent (see the differential
// tests), only some ten thousand times faster.

import type { Cents } from '../../money.ts';
import type { Evaluations } from '../breakdown.ts';
import { eurosToCents } from '../breakdown.ts';
import type { PayrollRuleset } from '../rulesets.ts';
import type { ContractInput } from '../schemas.ts';
import type { RulesEvaluator } from '../simulation.ts';
import { type PayrollSituation, targetRules } from '../situation.ts';
import { solveGross } from '../solve.ts';
import { compiledEvaluations } from './forward.ts';
import { type CompiledParameters, classKeyOf } from './parameters.ts';

/** Why the compiled rules do not compute a contract (null: they do). */
export type UnsupportedReason = 'intermittent' | 'situation';

/**
 * Whether the compiled rules compute a contract of the simulator: every contract but the
 * intermittents of the live-performance agreement (Congés Spectacles, FCAP, the agreement's
 * provident scheme, the artists' abatement and the rules' overlay), which stay on the interpreter.
 */
export const compiledSupport = (contract: ContractInput): UnsupportedReason | null =>
  contract.intermittent ? 'intermittent' : null;

const literal = (text: string) => `'${text}'`;

/** Entries of a situation that only choose a class: their value is part of the class key. */
const classEntries: Readonly<Record<string, (value: string) => boolean>> = {
  date: (v) => /^'\d\d\/\d\d\/\d{4}'$/.test(v),
  'entreprise . salariés . effectif . seuil': (v) => v.startsWith("'"),
  'salarié . contrat': (v) => v === literal('CDI') || v === literal('CDD'),
  'salarié . contrat . statut cadre': (v) => v === 'oui' || v === 'non',
  'salarié . contrat . CDD . motif': (v) => v === literal('classique . usage'),
  'salarié . régimes spécifiques . alsace moselle': (v) => v === 'oui',
};
const partTimeRule = 'salarié . contrat . temps de travail . temps partiel';
const hoursRule = 'salarié . contrat . temps de travail . temps partiel . heures par semaine';
const amountPattern = /^(\d+)\.(\d\d) €\/mois$/;
const hoursPattern = /^(\d+(?:\.\d+)?) heure\/semaine$/;

export type DecodedSituation = {
  /** The entries that choose the parameters (no amount, no hours). */
  classSituation: PayrollSituation;
  classKey: string;
  target: { kind: keyof typeof targetRules; cents: Cents };
  hoursPerWeek: number | null;
};

/**
 * Reads back a situation built by situation.ts, or null when it holds anything the compiled rules do
 * not compute (an intermittent's entries, or any entry they do not know).
 */
export function decodeSituation(situation: PayrollSituation): DecodedSituation | null {
  const classSituation: PayrollSituation = {};
  let target: DecodedSituation['target'] | null = null;
  let partTime = false;
  let hoursPerWeek: number | null = null;
  for (const [key, value] of Object.entries(situation)) {
    const isClass = classEntries[key];
    if (isClass) {
      if (!isClass(value)) return null;
      classSituation[key] = value;
      continue;
    }
    if (key === partTimeRule) {
      if (value !== 'oui') return null;
      partTime = true;
      continue;
    }
    if (key === hoursRule) {
      const m = hoursPattern.exec(value);
      if (!m) return null;
      hoursPerWeek = Number(m[1]);
      continue;
    }
    const kind = (Object.keys(targetRules) as (keyof typeof targetRules)[]).find(
      (k) => targetRules[k] === key,
    );
    if (!kind || target) return null;
    const m = amountPattern.exec(value);
    if (!m) return null;
    target = { kind, cents: Number(m[1]) * 100 + Number(m[2]) };
  }
  if (!target || partTime !== (hoursPerWeek !== null)) return null;
  if (!classSituation.date || !classSituation['salarié . contrat']) return null;
  return { classSituation, classKey: classKeyOf(classSituation), target, hoursPerWeek };
}

/**
 * The compiled evaluator. `parametersFor` gives the parameters of a class (read once from the rules
 * and kept by the caller), or null when the class stays on the interpreter; `fallback` is the
 * interpreter. `onFallback`, if given, hears of every situation handed over.
 */
export function compiledEvaluator(o: {
  parametersFor: (ruleset: PayrollRuleset, decoded: DecodedSituation) => CompiledParameters | null;
  fallback: RulesEvaluator;
  onFallback?: (situation: PayrollSituation) => void;
}): RulesEvaluator {
  return (request) => {
    const decoded = decodeSituation(request.situation);
    const params = decoded ? o.parametersFor(request.ruleset, decoded) : null;
    if (!decoded || !params) {
      o.onFallback?.(request.situation);
      return o.fallback(request);
    }
    const { kind, cents } = decoded.target;
    let all: Evaluations;
    if (kind === 'gross') all = compiledEvaluations(params, cents / 100, decoded.hoursPerWeek);
    else {
      // The engine would solve the gross numerically; here the gross is solved exactly, to the cent,
      // on the compiled forward rules (the simulation settles it again from this starting point).
      const rule = targetRules[kind];
      const valueAt = (g: Cents): Cents => {
        const v = compiledEvaluations(params, g / 100, decoded.hoursPerWeek)[rule];
        return eurosToCents(typeof v === 'number' ? v : 0);
      };
      const gross = solveGross(kind, cents, valueAt);
      all =
        gross === null
          ? { [targetRules.gross]: undefined }
          : compiledEvaluations(params, gross / 100, decoded.hoursPerWeek);
    }
    const out: Record<string, Evaluations[string]> = {};
    for (const rule of [...request.amounts, ...request.conditions]) {
      if (!(rule in all)) {
        // A rule the compiled rules do not compute: the interpreter answers the whole request.
        o.onFallback?.(request.situation);
        return o.fallback(request);
      }
      out[rule] = all[rule];
    }
    return out;
  };
}
