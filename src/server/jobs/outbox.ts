// The outbox: work to do after a commit (e-mails now; exports and imports later), written in the
// same transaction as the change that causes it, then carried out by a worker that retries.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Db } from '../db/client.ts';
import type { Database } from '../db/schema.ts';
import type { MailMessage } from '../mail/mailer.ts';

export type OutboxJob = { kind: 'email'; payload: MailMessage };

export type Handlers = {
  [K in OutboxJob['kind']]: (payload: Extract<OutboxJob, { kind: K }>['payload']) => Promise<void>;
};

export async function enqueue(db: Kysely<Database> | Transaction<Database>, job: OutboxJob): Promise<void> {
  await db
    .insertInto('outbox')
    .values({ kind: job.kind, payload: JSON.stringify(job.payload) })
    .execute();
}

const maxAttempts = 8;

/** Runs up to `limit` due jobs, one transaction each; returns how many were tried. */
export async function runDueJobs(db: Db, handlers: Handlers, now: () => Date, limit = 20): Promise<number> {
  let tried = 0;
  for (; tried < limit; tried++) {
    const ran = await db.transaction().execute(async (trx) => {
      // skip locked: several workers can share the queue without taking the same job.
      const row = await sql<{ id: number; kind: OutboxJob['kind']; payload: unknown; attempts: number }>`
        select id, kind, payload, attempts from outbox
        where done_at is null and available_at <= ${now().toISOString()} and attempts < ${maxAttempts}
        order by available_at, id limit 1 for update skip locked`.execute(trx);
      const job = row.rows[0];
      if (!job) return false;
      try {
        await handlers[job.kind](job.payload as MailMessage);
        await trx
          .updateTable('outbox')
          .set({ doneAt: now().toISOString(), attempts: job.attempts + 1 })
          .where('id', '=', job.id)
          .execute();
      } catch (error) {
        // Exponential back-off: 30 s, 1 min, 2 min… the job stays visible for staff with its last error.
        const delaySeconds = 30 * 2 ** job.attempts;
        await trx
          .updateTable('outbox')
          .set({
            attempts: job.attempts + 1,
            lastError: String((error as Error)?.message ?? error).slice(0, 2000),
            availableAt: new Date(now().getTime() + delaySeconds * 1000).toISOString(),
          })
          .where('id', '=', job.id)
          .execute();
      }
      return true;
    });
    if (!ran) break;
  }
  return tried;
}

export function startWorker(
  db: Db,
  handlers: Handlers,
  now: () => Date,
  intervalMs = 1000,
): () => Promise<void> {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    if (stopped) return;
    running = runDueJobs(db, handlers, now).catch((error) => console.error('outbox worker', error));
    await running;
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  let timer = setTimeout(tick, intervalMs);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
