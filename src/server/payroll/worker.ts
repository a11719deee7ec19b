// A payroll worker thread: its own long-lived rules engine (parsed once, on the first payslip) and
// compiled rules (their parameters read from it once per situation class), and payslips computed
// one at a time as the main thread sends them, each with its payslip lines. `workerData.mode` can pin
// the interpreter (the bench compares the two). Only the computation happens here; the main thread
// keeps the database, the ledger and the transactions.
import { parentPort, workerData } from 'node:worker_threads';
import { DomainError } from '../../domain/errors.ts';
import { computePayslip } from '../../domain/payroll/salary.ts';
import { type RulesMode, rulesEvaluator } from './compiled.ts';

const evaluate = rulesEvaluator((workerData as { mode?: RulesMode } | null)?.mode ?? 'compiled');

type Task = { id: number; input: Parameters<typeof computePayslip>[0] };

parentPort?.on('message', ({ id, input }: Task) => {
  try {
    parentPort?.postMessage({ id, result: computePayslip(input, evaluate, 'fr') });
  } catch (e) {
    const error =
      e instanceof DomainError
        ? { domain: true, code: e.code, message: e.message, details: e.details }
        : { domain: false, message: (e as Error)?.message ?? String(e) };
    parentPort?.postMessage({ id, error });
  }
});
