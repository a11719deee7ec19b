// Payslips per second through the payroll pool (worker threads, each with a long-lived engine), the
// way a month's run computes them, on 1 and on 2 workers, against the naive way measured in the same
// run: a new engine for every payslip. Forward (from a gross) and solving the gross from an employer
// budget, the common case of a cooperative's salary requests. It only prints.
// Run: `npm run bench:payroll` (after the simulator bench). Sizes: BENCH_PAYSLIPS (default 24).
import { performance } from 'node:perf_hooks';
import rules from 'modele-social';
import Engine from 'publicodes';
import type { ContractTerms } from '../src/domain/payroll/contracts.ts';
import { payrollRulesets } from '../src/domain/payroll/rulesets.ts';
import { computeSalary } from '../src/domain/payroll/salary.ts';
import { createPayrollPool, type SalaryTask } from '../src/server/payroll/pool.ts';
import { evaluateSituation } from '../src/server/payroll/rules.ts';

process.env.TZ = 'UTC';
const N = Number(process.env.BENCH_PAYSLIPS ?? 24);
const NAIVE = Math.max(2, Math.round(N / 6));

const contract = (i: number): ContractTerms => ({
  type: i % 3 === 1 ? 'CDD' : 'CDI',
  noWorkingTime: i % 3 === 0,
  cadre: i % 4 === 2,
  partTimeHoursPerWeek: i % 5 === 3 ? 24 : null,
  alsaceMoselle: false,
  intermittent: null,
  portageLevel: null,
  startDate: '2026-01-01',
  endDate: i % 3 === 1 ? '2026-12-31' : null,
});
const task = (i: number, kind: 'gross' | 'employerCost'): SalaryTask => {
  const r = (Math.imul(i + 1, 2654435761) >>> 0) / 2 ** 32;
  const amount = Math.round(200_000 + r * 400_000);
  return {
    contract: contract(i),
    period: '2026-11',
    headcount: 40,
    amount: { kind, cents: kind === 'gross' ? amount : Math.round(amount * 1.35) },
    withholdingRateBp: 450,
  };
};

const silent = { log() {}, warn() {}, error() {} };
const ruleset = payrollRulesets.at(-1);
/** The naive way: a fresh engine (the 656 rules parsed again) for every payslip. */
const naive = (t: SalaryTask) => {
  const engine = new Engine(rules, { logger: silent, warn: false });
  return computeSalary(
    t,
    ({ situation, amounts, conditions }) => evaluateSituation(engine, situation, amounts, conditions),
    'fr',
  );
};

const rate = (n: number, seconds: number) => n / seconds;
const fmt = (r: number) => `${r.toFixed(2)} payslips/s`;

console.log(
  `Payroll pool bench: ${N} payslips per measure (naive: ${NAIVE}), ruleset ${ruleset?.id ?? '?'}\n`,
);
for (const kind of ['gross', 'employerCost'] as const) {
  const label = kind === 'gross' ? 'forward (from a gross)' : 'solving the gross (from an employer budget)';
  let start = performance.now();
  for (let i = 0; i < NAIVE; i++) naive(task(i, kind));
  const naiveRate = rate(NAIVE, (performance.now() - start) / 1000);
  const rates: Record<number, number> = {};
  for (const size of [1, 2]) {
    const pool = createPayrollPool(size);
    // Warm-up: each worker parses its rules once, as a long-lived worker of the server does.
    await Promise.all(Array.from({ length: size }, (_, i) => pool.compute(task(1000 + i, kind))));
    start = performance.now();
    await Promise.all(Array.from({ length: N }, (_, i) => pool.compute(task(i, kind))));
    rates[size] = rate(N, (performance.now() - start) / 1000);
    await pool.close();
  }
  const one = rates[1] ?? 0;
  const two = rates[2] ?? 0;
  console.log(`${label}:`);
  console.log(`  naive, a new engine per payslip: ${fmt(naiveRate)}`);
  console.log(`  pool of 1 worker:  ${fmt(one)} (×${(one / naiveRate).toFixed(1)} the naive way)`);
  console.log(
    `  pool of 2 workers: ${fmt(two)} (×${(two / naiveRate).toFixed(1)} the naive way, ×${(two / one).toFixed(2)} one worker)`,
  );
  console.log(`  75,000 payslips at this rate on 2 workers: ${Math.round(75_000 / two / 60)} min\n`);
}
