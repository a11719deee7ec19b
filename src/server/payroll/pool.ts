// A pool of worker threads for payroll runs, each with its own long-lived rules engine: the
// interpreter is single-threaded and costs tens to hundreds of milliseconds a payslip, so a month's
// run spreads over the cores and the server's own thread stays free to answer requests meanwhile.
// Workers start on first use and do not keep the process alive.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DomainError, type ErrorCode } from '../../domain/errors.ts';
import type { ComputedPayslip, computeSalary } from '../../domain/payroll/salary.ts';
import type { RulesMode } from './compiled.ts';

export type SalaryTask = Parameters<typeof computeSalary>[0];

type Reply = {
  id: number;
  result?: ComputedPayslip;
  error?: { domain: boolean; code?: ErrorCode; message: string; details?: DomainError['details'] };
};
type Pending = { resolve: (r: ComputedPayslip) => void; reject: (e: Error) => void };
type Slot = { worker: Worker; pending: number };

/**
 * Payslips sent ahead to a worker before it answers: the compiled rules take a fraction of a
 * millisecond a payslip, less than a message's round trip between threads, so a worker that waited
 * for each task would sit idle most of the time.
 */
const depth = 16;

export type PayrollPool = {
  readonly size: number;
  compute(task: SalaryTask): Promise<ComputedPayslip>;
  /**
   * Computes the task on every worker (all started): each then knows its situation class (the
   * compiled rules' parameters are read once per class and worker). A run or a bench can warm up
   * with one task per class.
   */
  computeOnEach(task: SalaryTask): Promise<ComputedPayslip[]>;
  close(): Promise<void>;
};

/** One worker per core but one, at least one: the main thread keeps a core for the server. */
export const defaultPoolSize = () => Math.max(1, Math.min(8, availableParallelism() - 1));

/** `mode`: the compiled rules with their fallback (the default), or the interpreter alone. */
export function createPayrollPool(size = defaultPoolSize(), mode: RulesMode = 'compiled'): PayrollPool {
  const slots: Slot[] = [];
  const queue: { task: SalaryTask; pending: Pending }[] = [];
  const inFlight = new Map<number, { pending: Pending; slot: Slot }>();
  let nextId = 0;

  const spawn = (): Slot => {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { workerData: { mode } });
    worker.unref();
    const slot: Slot = { worker, pending: 0 };
    worker.on('message', (reply: Reply) => {
      const job = inFlight.get(reply.id);
      if (!job) return;
      inFlight.delete(reply.id);
      slot.pending--;
      if (reply.result) job.pending.resolve(reply.result);
      else if (reply.error?.domain && reply.error.code)
        job.pending.reject(new DomainError(reply.error.code, reply.error.message, reply.error.details ?? {}));
      else job.pending.reject(new Error(reply.error?.message ?? 'Payroll worker failed'));
      pump();
    });
    // A worker that dies fails what it was computing; the next task gets a fresh one.
    worker.on('error', (error) => {
      for (const [id, job] of inFlight)
        if (job.slot === slot) {
          inFlight.delete(id);
          job.pending.reject(error);
        }
      slots.splice(slots.indexOf(slot), 1);
      pump();
    });
    slots.push(slot);
    return slot;
  };

  const pump = () => {
    while (queue.length > 0) {
      // The least busy worker; a new one while the pool is not full and every worker has work.
      let slot = slots.reduce<Slot | undefined>((a, s) => (a && a.pending <= s.pending ? a : s), undefined);
      if ((!slot || slot.pending > 0) && slots.length < size) slot = spawn();
      if (!slot || slot.pending >= depth) return;
      const next = queue.shift();
      if (!next) return;
      const id = nextId++;
      slot.pending++;
      inFlight.set(id, { pending: next.pending, slot });
      slot.worker.postMessage({ id, input: next.task });
    }
  };

  return {
    size,
    compute: (task) =>
      new Promise<ComputedPayslip>((resolve, reject) => {
        queue.push({ task, pending: { resolve, reject } });
        pump();
      }),
    computeOnEach: (task) => {
      while (slots.length < size) spawn();
      return Promise.all(
        slots.map(
          (slot) =>
            new Promise<ComputedPayslip>((resolve, reject) => {
              const id = nextId++;
              slot.pending++;
              inFlight.set(id, { pending: { resolve, reject }, slot });
              slot.worker.postMessage({ id, input: task });
            }),
        ),
      );
    },
    close: async () => {
      await Promise.all(slots.splice(0).map((s) => s.worker.terminate()));
    },
  };
}

let shared: PayrollPool | null = null;
/** The process's pool, started on the first payroll run. */
export const payrollPool = (): PayrollPool => {
  shared ??= createPayrollPool();
  return shared;
};
