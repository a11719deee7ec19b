// The adapter over the URSSAF rules: the only code that imports modele-social and publicodes.
// It evaluates a situation the domain built and hands back the raw answers; the domain turns them
// into cents.
//
// One engine per process, built on first use: parsing the 656 rules costs about 0.6 s and 15 MiB of
// heap, while a new situation on a warm engine costs 30–60 ms forward (a few hundred to solve a gross).
// Building one per request would be several times slower. Sharing it is safe because
// `setSituation` and every `evaluate` after it run synchronously in one turn of the event loop:
// no other request can change the situation in between. Salary requests and payroll runs reuse this
// adapter; a month-end run will give each worker thread its own engine.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import rules from 'modele-social';
import Engine from 'publicodes';
import type { Evaluations } from '../../domain/payroll/breakdown.ts';
import type { PayrollRuleset } from '../../domain/payroll/rulesets.ts';
import type { RulesEvaluator } from '../../domain/payroll/simulation.ts';
import type { PayrollSituation } from '../../domain/payroll/situation.ts';

const require = createRequire(import.meta.url);

/** The installed versions, read from the packages themselves. */
export function installedVersions(): { rules: string; engine: string } {
  const rulesPkg = require('modele-social/package.json') as { version: string };
  const enginePkg = JSON.parse(
    readFileSync(new URL('../package.json', import.meta.resolve('publicodes')), 'utf8'),
  ) as { version: string };
  return { rules: rulesPkg.version, engine: enginePkg.version };
}

// The rules log cycle and experimental-rule warnings on every evaluation; what matters to us is
// checked on the answers (undefined values, failed solving), not read from a log.
const silent = { log() {}, warn() {}, error() {} };

const engines = new Map<string, Engine>();

/** The engine of a ruleset, built once. Refuses a ruleset whose version is not the one installed. */
export function engineFor(ruleset: PayrollRuleset): Engine {
  let engine = engines.get(ruleset.id);
  if (!engine) {
    const installed = installedVersions();
    if (installed.rules !== ruleset.version || installed.engine !== ruleset.engineVersion)
      throw new Error(
        `Ruleset ${ruleset.id} needs ${ruleset.package}@${ruleset.version} on ${ruleset.engine}@${ruleset.engineVersion}; installed: ${installed.rules} on ${installed.engine}`,
      );
    engine = new Engine(rules, { logger: silent, warn: false });
    engines.set(ruleset.id, engine);
  }
  return engine;
}

/**
 * Sets the situation (strictly: a rule name or value the rules do not know throws instead of being
 * dropped) and evaluates each amount in €/month and each condition as is. Amounts are all undefined
 * when the engine failed to solve the gross.
 */
export function evaluateSituation(
  engine: Engine,
  situation: PayrollSituation,
  amounts: readonly string[],
  conditions: readonly string[] = [],
): Evaluations {
  engine.setSituation(situation as Parameters<Engine['setSituation']>[0], { strict: true });
  const values: Record<string, number | boolean | null | undefined> = {};
  let solvingFailed = false;
  for (const rule of amounts) {
    const v = engine.evaluate({ valeur: rule, unité: '€/mois' }).nodeValue;
    solvingFailed ||= engine.inversionFail();
    values[rule] = typeof v === 'number' ? (Number.isFinite(v) ? v : undefined) : (v as null | undefined);
  }
  // When the engine could not solve the gross from the amount given, every figure hangs on a
  // gross it did not find: none of them is an answer.
  if (solvingFailed) for (const rule of amounts) values[rule] = undefined;
  for (const rule of conditions) {
    const v = engine.evaluate(rule).nodeValue;
    values[rule] = typeof v === 'boolean' || v === null ? v : undefined;
  }
  return values;
}

/** The evaluator the domain's simulation takes, over the shared engine. */
export const evaluateRules: RulesEvaluator = ({ ruleset, situation, amounts, conditions }) =>
  evaluateSituation(engineFor(ruleset), situation, amounts, conditions);
