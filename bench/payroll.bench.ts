// Salary simulations per second, forward (gross → everything) and solving the gross (from an
// employer cost, from a net), through our adapter and through the HTTP API, each against the raw
// baseline measured in the same run on the same engine: `setSituation` with the rules' own situation
// and `evaluate` of the same rules, with no mapping, no conversion to cents, no HTTP.
// It only prints: rates (median of the rounds, min–max) and ratios. Never a pass/fail on time.
// Run: `npm run bench:payroll` (node --expose-gc is not needed).
import { performance } from 'node:perf_hooks';
import { amountRules, conditionRules } from '../src/domain/payroll/breakdown.ts';
import { payrollRulesets } from '../src/domain/payroll/rulesets.ts';
import { type SimulationInput, simulationInput } from '../src/domain/payroll/schemas.ts';
import { simulateSalary } from '../src/domain/payroll/simulation.ts';
import { type PayrollSituation, situationOf } from '../src/domain/payroll/situation.ts';
import { engineFor, evaluateRules } from '../src/server/payroll/rules.ts';
import { createTestApp } from '../src/server/testing.ts';

process.env.TZ = 'UTC';

const FORWARD = { rounds: 5, perRound: 20 };
const SOLVING = { rounds: 3, perRound: 6 };

/** Deterministic, varied members: gross 1,800–6,000 €, 1 in 3 on a CDD, 1 in 4 cadre, 1 in 5 part time. */
function member(i: number, from: 'gross' | 'employerCost' | 'net'): SimulationInput {
  const r = (Math.imul(i + 1, 2654435761) >>> 0) / 2 ** 32;
  const amount = Math.round(180_000 + r * 420_000);
  return simulationInput.parse({
    period: '2026-11',
    headcount: 40,
    contract: {
      type: i % 3 === 1 ? 'CDD' : 'CDI',
      cadre: i % 4 === 2,
      ...(i % 5 === 3 ? { partTimeHoursPerWeek: 24 } : {}),
    },
    from:
      from === 'gross'
        ? { grossCents: amount }
        : from === 'net'
          ? { netCents: Math.round(amount * 0.78) }
          : { employerCostCents: Math.round(amount * 1.3) },
  });
}

const ruleset = payrollRulesets[0] as (typeof payrollRulesets)[number];
const engine = engineFor(ruleset);

/** The raw baseline: the same situation and the same rules, straight on the engine. */
function raw(situation: PayrollSituation) {
  engine.setSituation(situation as Parameters<typeof engine.setSituation>[0]);
  for (const rule of amountRules) engine.evaluate({ valeur: rule, unité: '€/mois' });
  for (const rule of conditionRules) engine.evaluate(rule);
}

const targetOf = (input: SimulationInput) => {
  const f = input.from;
  if ('grossCents' in f) return { kind: 'gross' as const, amount: f.grossCents };
  if ('netCents' in f) return { kind: 'net' as const, amount: f.netCents };
  if ('employerCostCents' in f) return { kind: 'employerCost' as const, amount: f.employerCostCents };
  throw new Error('not benchmarked');
};

type Variant = { label: string; run: (input: SimulationInput, situation: PayrollSituation) => unknown };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

async function measure(
  title: string,
  from: 'gross' | 'employerCost' | 'net',
  plan: { rounds: number; perRound: number },
  variants: Variant[],
) {
  const rates = new Map<string, number[]>(variants.map((v) => [v.label, []]));
  let offset = 0;
  // One warm-up round, then the counted ones; variants take turns on the same members each round.
  for (let round = -1; round < plan.rounds; round++) {
    const inputs = Array.from({ length: plan.perRound }, (_, i) => member(offset + i, from));
    offset += plan.perRound;
    const situations = inputs.map(
      (input) =>
        situationOf({
          period: input.period,
          contract: input.contract,
          headcount: input.headcount,
          target: targetOf(input),
        }).situation,
    );
    for (const v of variants) {
      const start = performance.now();
      for (let i = 0; i < inputs.length; i++)
        await v.run(inputs[i] as SimulationInput, situations[i] as PayrollSituation);
      const seconds = (performance.now() - start) / 1000;
      if (round >= 0) rates.get(v.label)?.push(plan.perRound / seconds);
    }
  }
  const base = median(rates.get('raw publicodes') ?? [1]);
  console.log(`\n${title} (${plan.rounds} rounds × ${plan.perRound}, after a warm-up round)`);
  for (const v of variants) {
    const r = rates.get(v.label) ?? [];
    console.log(
      `  ${v.label.padEnd(22)} ${median(r).toFixed(1).padStart(6)} /s  (${Math.min(...r).toFixed(1)}–${Math.max(...r).toFixed(1)})  ratio to raw ${(median(r) / base).toFixed(2)}`,
    );
  }
}

const t = await createTestApp({ seed: 'none' });
let address = 0;
const variants: Variant[] = [
  { label: 'raw publicodes', run: (_input, situation) => raw(situation) },
  { label: 'adapter (domain)', run: (input) => simulateSalary(input, evaluateRules, 'fr') },
  {
    label: 'HTTP API',
    run: async (input) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/payroll/simulations',
        payload: input,
        remoteAddress: `10.1.${Math.floor(++address / 250)}.${address % 250}`,
      });
      if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
    },
  },
];

const started = performance.now();
console.log(
  `Salary simulations, modele-social ${ruleset.version}; ${amountRules.length} amounts + ${conditionRules.length} conditions per simulation`,
);
await measure('Forward: gross → everything', 'gross', FORWARD, variants);
await measure('Solving the gross from an employer cost', 'employerCost', SOLVING, variants);
await measure('Solving the gross from a net', 'net', SOLVING, variants);
console.log(`\n(total ${((performance.now() - started) / 1000).toFixed(0)} s)`);
await t.close();
