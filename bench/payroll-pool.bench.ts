// Payslips per second the way a month's run computes them: through the payroll pool (worker threads,
// each with its own long-lived engine and compiled rules), on 1 and on 2 workers, with the compiled
// rules (ADR 0018) and with the Publicodes interpreter alone, against the naive way measured in the
// same run (a new engine for every payslip). Forward (from a gross) and solving the gross from an
// employer budget, the common case of a cooperative's salary requests. Then where the rest of a run's
// time goes: posting payslips one transaction each and by batches (database and ledger), and
// rendering a PDF.
// It only prints; never a pass/fail on time.
// Run: `npm run bench:payroll` (after the simulator bench). Sizes: BENCH_PAYSLIPS (interpreter,
// default 24), BENCH_COMPILED (compiled, default 20,000), BENCH_POSTED (payslips posted one
// transaction each, default 40), BENCH_BATCHED (posted by batches with the server's own pool,
// default 2,000; 75000 measures a month-end run whole, one member each), BENCH_BATCH_SIZE (default 200).
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import rules from 'modele-social';
import Engine from 'publicodes';
import type { ContractTerms } from '../src/domain/payroll/contracts.ts';
import { payrollRulesets } from '../src/domain/payroll/rulesets.ts';
import { computePayslip } from '../src/domain/payroll/salary.ts';
import { renderPayslipPdf } from '../src/server/documents/payslip-pdf.ts';
import { evaluateRulesCompiled } from '../src/server/payroll/compiled.ts';
import { createPayrollPool, defaultPoolSize, type SalaryTask } from '../src/server/payroll/pool.ts';
import { evaluateSituation } from '../src/server/payroll/rules.ts';
import { computeRun, payslipDocument } from '../src/server/payroll/service.ts';
import { createTestApp, signInDemo } from '../src/server/testing.ts';

process.env.TZ = 'UTC';
const N = Number(process.env.BENCH_PAYSLIPS ?? 24);
const NAIVE = Math.max(2, Math.round(N / 6));
const COMPILED = Number(process.env.BENCH_COMPILED ?? 20_000);
const POSTED = Number(process.env.BENCH_POSTED ?? 40);
const BATCHED = Number(process.env.BENCH_BATCHED ?? 2_000);
const BATCH_SIZE = Number(process.env.BENCH_BATCH_SIZE ?? 200);
const MONTH_END = 75_000;

const contract = (i: number): ContractTerms => ({
  type: i % 3 === 1 ? 'CDD' : i % 7 === 5 ? 'PORTAGE' : 'CDI',
  noWorkingTime: i % 3 === 0,
  cadre: i % 4 === 2,
  partTimeHoursPerWeek: i % 5 === 3 && i % 3 !== 0 ? 24 : null,
  alsaceMoselle: i % 11 === 4,
  intermittent: null,
  portageLevel: i % 3 !== 1 && i % 7 === 5 ? 'senior' : null,
  startDate: '2026-01-01',
  endDate: i % 3 === 1 ? '2026-12-31' : null,
});
const task = (i: number, kind: 'gross' | 'employerCost'): SalaryTask => {
  const r = (Math.imul(i + 1, 2654435761) >>> 0) / 2 ** 32;
  const c = contract(i);
  // Portage pays at least 75 % of the PASS (senior): its salaries start above it.
  const amount = Math.round((c.type === 'PORTAGE' ? 350_000 : 300_000) + r * 400_000);
  return {
    contract: c.noWorkingTime ? { ...c, type: 'CDI', portageLevel: null } : c,
    period: '2026-11',
    // One entity's month: one headcount, one period; eight situation classes (CDI or CDD, cadre or
    // not, Alsace-Moselle or not).
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
  return computePayslip(
    t,
    ({ situation, amounts, conditions }) => evaluateSituation(engine, situation, amounts, conditions),
    'fr',
  );
};

const fmt = (r: number) => `${r >= 100 ? Math.round(r).toLocaleString('en') : r.toFixed(2)} payslips/s`;
const duration = (seconds: number) =>
  seconds < 120 ? `${seconds.toFixed(1)} s` : `${(seconds / 60).toFixed(0)} min`;

/** Payslips per second through a pool of `size` workers, after each worker's warm-up. */
async function poolRate(
  size: number,
  mode: 'compiled' | 'interpreter',
  n: number,
  kind: 'gross' | 'employerCost',
) {
  const pool = createPayrollPool(size, mode);
  // Warm-up: each worker parses its rules once, and with the compiled rules reads the parameters of
  // each situation class once (the tasks go round all their classes every 924 tasks: 3 × 7 × 4 × 11),
  // as a long-lived worker of the server does; the payslips measured are other ones.
  const classes = mode === 'compiled' ? 924 : 1;
  for (let i = 0; i < classes; i++) await pool.computeOnEach(task(100_000 + i, kind));
  const start = performance.now();
  await Promise.all(Array.from({ length: n }, (_, i) => pool.compute(task(i, kind))));
  const rate = n / ((performance.now() - start) / 1000);
  await pool.close();
  return rate;
}

console.log(
  `Payroll pool bench: ${N} payslips per interpreter measure (naive: ${NAIVE}), ${COMPILED} compiled, ruleset ${ruleset?.id ?? '?'}\n`,
);
const compiledTwo: Record<string, number> = {};
for (const kind of ['gross', 'employerCost'] as const) {
  const label = kind === 'gross' ? 'forward (from a gross)' : 'solving the gross (from an employer budget)';
  let start = performance.now();
  for (let i = 0; i < NAIVE; i++) naive(task(i, kind));
  const naiveRate = NAIVE / ((performance.now() - start) / 1000);
  const interpreted = {
    1: await poolRate(1, 'interpreter', N, kind),
    2: await poolRate(2, 'interpreter', N, kind),
  };
  const compiled = {
    1: await poolRate(1, 'compiled', COMPILED, kind),
    2: await poolRate(2, 'compiled', COMPILED, kind),
  };
  // The compiled rules in this thread, without the pool's messages: the computation alone.
  for (let i = 0; i < 924; i++) computePayslip(task(100_000 + i, kind), evaluateRulesCompiled, 'fr');
  start = performance.now();
  for (let i = 0; i < COMPILED; i++) computePayslip(task(i, kind), evaluateRulesCompiled, 'fr');
  const inThread = COMPILED / ((performance.now() - start) / 1000);
  compiledTwo[kind] = compiled[2];
  console.log(`${label}:`);
  console.log(`  naive, a new engine per payslip:   ${fmt(naiveRate)}`);
  for (const size of [1, 2] as const)
    console.log(
      `  interpreter, pool of ${size} worker${size > 1 ? 's' : ' '}:   ${fmt(interpreted[size])} (×${(interpreted[size] / naiveRate).toFixed(1)} the naive way)`,
    );
  for (const size of [1, 2] as const)
    console.log(
      `  compiled, pool of ${size} worker${size > 1 ? 's' : ' '}:      ${fmt(compiled[size])} (×${Math.round(compiled[size] / interpreted[size]).toLocaleString('en')} the interpreter, ×${Math.round(compiled[size] / naiveRate).toLocaleString('en')} the naive way)`,
    );
  console.log(`  compiled, in one thread, no pool:  ${fmt(inThread)}`);
  console.log(
    `  ${MONTH_END.toLocaleString('en')} payslips on 2 workers, computing only: interpreter ${duration(MONTH_END / interpreted[2])}, compiled ${duration(MONTH_END / compiled[2])}\n`,
  );
}

// ——— Where the rest of a run goes: posting (one transaction per payslip, then by batches) and the PDF ———
const t = await createTestApp({ seed: 'demo' });
try {
  const [lea, paie, compta] = await signInDemo(t.app, 'lea', 'payroll', 'accountant');
  const home = (await lea.get('/api/v1/home')).json();
  const sono = home.activities.find((a: { name: string }) => a.name === 'Sonorisation de concerts');
  await compta.post('/api/v1/ledger/entries', {
    entityId: sono.entity.id,
    journalCode: 'BQ',
    entryDate: '2026-11-10',
    label: 'Règlement client',
    lines: [
      { accountNumber: '512', debitCents: (POSTED + BATCHED) * 400_000 },
      { accountNumber: '706', activityId: sono.id, creditCents: (POSTED + BATCHED) * 400_000 },
    ],
  });
  const ctx = { ...t.system, actor: { ...t.system.actor, roles: ['payroll' as const] } };
  // One request asked and validated through the API, then copied in SQL to the size wanted, one
  // member each with their own contract, as in a cooperative's month (asking each through the API
  // would solve its budget: a quarter of a second apiece, not what is measured).
  const runOf = async (period: string, count: number) => {
    const r = await lea.post('/api/v1/salary-requests', {
      activityId: sono.id,
      period,
      amountKind: 'employerCost',
      amountCents: 250_000,
    });
    if (r.statusCode !== 201) throw new Error(r.body);
    await paie.post(`/api/v1/salary-requests/${r.json().id}/validation`, {});
    const tag = `B${period.replace('-', '')}-`; // a member number is also their ledger code (17 characters at most)
    await sql`insert into members (number, first_name, last_name, email, country, birth_date, sex,
        nir_encrypted, nir_hint, iban_encrypted, iban_hint, bic, office_id, status, joined_on)
      select ${tag} || g, m.first_name, m.last_name || ' ' || g, lower(${tag}) || g || '@example.org', m.country,
        m.birth_date, m.sex, m.nir_encrypted, m.nir_hint, m.iban_encrypted, m.iban_hint, m.bic,
        m.office_id, m.status, m.joined_on
      from salary_requests r join members m on m.id = r.member_id, generate_series(1, ${count - 1}::int) g
      where r.id = ${r.json().id}`.execute(ctx.db);
    await sql`insert into employment_contracts (member_id, entity_id, type, no_working_time, cadre,
        part_time_hours_per_week, alsace_moselle, intermittent, portage_level, job_title, start_date,
        end_date, withholding_rate_bp, ruleset_id)
      select b.id, c.entity_id, c.type, c.no_working_time, c.cadre, c.part_time_hours_per_week,
        c.alsace_moselle, c.intermittent, c.portage_level, c.job_title, c.start_date, c.end_date,
        c.withholding_rate_bp, c.ruleset_id
      from salary_requests r join employment_contracts c on c.id = r.contract_id, members b
      where r.id = ${r.json().id} and b.number like ${`${tag}%`}`.execute(ctx.db);
    await sql`insert into salary_requests (activity_id, member_id, entity_id, contract_id, period,
        amount_kind, amount_cents, headcount, reserved_cents, gross_cents, net_cents,
        employer_cost_cents, status, decided_at, decided_by, created_by)
      select r.activity_id, c.member_id, r.entity_id, c.id, r.period, r.amount_kind,
        r.amount_cents + (row_number() over ()) * 1000, r.headcount, r.reserved_cents, r.gross_cents,
        r.net_cents, r.employer_cost_cents, r.status, r.decided_at, r.decided_by, r.created_by
      from salary_requests r, employment_contracts c join members b on b.id = c.member_id
      where r.id = ${r.json().id} and b.number like ${`${tag}%`}`.execute(ctx.db);
    const run = (await paie.post('/api/v1/payroll/runs', { entityId: sono.entity.id, period })).json();
    if (run.total !== count) throw new Error(JSON.stringify(run));
    return run.id as string;
  };
  const measure = async (period: string, count: number, batchSize: number) => {
    const id = await runOf(period, count);
    // The server's own pool: one worker per core but one (the database and this thread need the rest).
    const pool = createPayrollPool(defaultPoolSize(), 'compiled');
    let waited = 0;
    let posted = 0;
    const start = performance.now();
    const done = await computeRun(ctx, id, {
      pool,
      batchSize,
      onBatch: (o) => {
        waited += o.waitedMs;
        posted += o.postedMs;
      },
    });
    const total = performance.now() - start;
    await pool.close();
    if (done.done !== count) throw new Error(JSON.stringify(done));
    return { count, total, waited, posted };
  };
  const one = await measure('2026-11', POSTED, 1);
  const batched = await measure('2026-12', BATCHED, BATCH_SIZE);
  const slips = (await paie.get('/api/v1/payslips?limit=5')).json().items as { id: string }[];
  const pdfStart = performance.now();
  let pdfs = 0;
  for (let round = 0; round < 4; round++)
    for (const s of slips) {
      await renderPayslipPdf(await payslipDocument(ctx, s.id), 'fr');
      pdfs++;
    }
  const pdfMs = (performance.now() - pdfStart) / pdfs;
  const perSlip = (ms: number, n: number) => `${(ms / n).toFixed(2)} ms a payslip (${fmt(n / (ms / 1000))})`;
  console.log(
    `Runs posted with the compiled rules on the server's pool (${defaultPoolSize()} worker${defaultPoolSize() > 1 ? 's' : ''}), on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}:`,
  );
  for (const [label, m] of [
    [`one transaction per payslip (${one.count} payslips)`, one],
    [`batches of ${BATCH_SIZE} (${batched.count} payslips)`, batched],
  ] as const) {
    console.log(`  ${label}:`);
    console.log(`    whole run:                       ${perSlip(m.total, m.count)}`);
    console.log(`    posting (transactions, ledger):  ${perSlip(m.posted, m.count)}`);
    console.log(`    waiting for the workers:         ${perSlip(m.waited, m.count)}`);
    console.log(
      m.count >= MONTH_END
        ? `    ${m.count.toLocaleString('en')} payslips, measured: posting ${duration(m.posted / 1000)}, whole run ${duration(m.total / 1000)} (goal: under a minute)`
        : `    ${MONTH_END.toLocaleString('en')} payslips at this rate: posting ${duration((MONTH_END * m.posted) / m.count / 1000)}, whole run ${duration((MONTH_END * m.total) / m.count / 1000)}`,
    );
  }
  console.log(
    `  posting batched: ×${(one.posted / one.count / (batched.posted / batched.count)).toFixed(1)} the payslips/s of one transaction each`,
  );
  console.log(
    `  PDF of a payslip (rendered apart): ${pdfMs.toFixed(1)} ms, ${duration((MONTH_END * pdfMs) / 1000)} for ${MONTH_END.toLocaleString('en')} (one thread, on download)`,
  );
} finally {
  await t.close();
}
