// The payroll pool: worker threads with the compiled rules answer each payslip as this thread would,
// each answer to its own task though many are in flight, and a refusal comes back as the same
// DomainError.
import { afterAll, describe, expect, it } from 'vitest';
import type { ContractTerms } from '../../domain/payroll/contracts.ts';
import { computePayslip } from '../../domain/payroll/salary.ts';
import { evaluateRulesCompiled } from './compiled.ts';
import { createPayrollPool, type SalaryTask } from './pool.ts';

const contract = (i: number): ContractTerms => ({
  type: i % 2 === 0 ? 'CDI' : 'CDD',
  noWorkingTime: false,
  cadre: i % 3 === 0,
  partTimeHoursPerWeek: i % 5 === 0 ? 28 : null,
  alsaceMoselle: false,
  intermittent: null,
  portageLevel: null,
  startDate: '2026-01-01',
  endDate: i % 2 === 0 ? null : '2026-12-31',
});
const task = (i: number): SalaryTask => ({
  contract: contract(i),
  period: '2026-11',
  headcount: 40,
  amount: { kind: i % 4 === 0 ? 'gross' : 'employerCost', cents: 250_000 + i * 1_013 },
  withholdingRateBp: 300,
});

const pool = createPayrollPool(2, 'compiled');
afterAll(() => pool.close());

describe('payroll pool', () => {
  it('answers every task with its own payslip, many in flight at once', async () => {
    const tasks = Array.from({ length: 60 }, (_, i) => task(i));
    const results = await Promise.all(tasks.map((t) => pool.compute(t)));
    results.forEach((r, i) => {
      expect(r).toEqual(computePayslip(tasks[i] as SalaryTask, evaluateRulesCompiled, 'fr'));
    });
    // Each worker reads the parameters of the four classes from the interpreter first: slow on a busy
    // machine.
  }, 600_000);

  it('computes a task on each worker, and passes refusals back as domain errors', async () => {
    expect(await pool.computeOnEach(task(1))).toHaveLength(2);
    await expect(
      pool.compute({ ...task(2), amount: { kind: 'gross', cents: 100_000 } }),
    ).rejects.toMatchObject({
      code: 'salary.below_minimum',
    });
  }, 600_000);
});
