// Services open transactions through this: serialization failures and deadlocks are retried a few
// times (the whole use case re-runs), unique violations become domain errors.
import type { Transaction } from 'kysely';
import { DomainError, type ErrorCode } from '../../domain/errors.ts';
import type { Db } from './client.ts';
import type { Database } from './schema.ts';

const retryable = new Set(['40001', '40P01']);

export async function transact<T>(
  db: Db,
  work: (trx: Transaction<Database>) => Promise<T>,
  attempts = 4,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      const code = (error as { code?: string })?.code;
      if (code && retryable.has(code) && attempt < attempts) continue;
      throw error;
    }
  }
}

/** Turns a unique-constraint violation on a named index into the given domain error. */
export function onUnique(error: unknown, constraint: string, code: ErrorCode, message: string): never {
  const e = error as { code?: string; constraint?: string; detail?: string; message?: string };
  if (e?.code === '23505' && (e.constraint === constraint || e.message?.includes(constraint))) {
    throw new DomainError(code, message);
  }
  throw error;
}
