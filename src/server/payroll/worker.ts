// A payroll worker thread: its own long-lived rules engine (parsed once, on the first payslip), and
// payslips computed one at a time as the main thread sends them. Only the computation happens here;
// the main thread keeps the database, the ledger and the transactions.
import { parentPort } from 'node:worker_threads';
import { DomainError } from '../../domain/errors.ts';
import { computeSalary } from '../../domain/payroll/salary.ts';
import { evaluateRules } from './rules.ts';

type Task = { id: number; input: Parameters<typeof computeSalary>[0] };

parentPort?.on('message', ({ id, input }: Task) => {
  try {
    parentPort?.postMessage({ id, result: computeSalary(input, evaluateRules, 'fr') });
  } catch (e) {
    const error =
      e instanceof DomainError
        ? { domain: true, code: e.code, message: e.message, details: e.details }
        : { domain: false, message: (e as Error)?.message ?? String(e) };
    parentPort?.postMessage({ id, error });
  }
});
