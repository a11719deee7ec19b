// Idempotency-Key on money-moving POSTs: the same key with the same request gets the first answer
// again (nothing is written twice); the same key with another request is refused with 409.
// The answer is stored by the service in the very transaction that moves the money, so a request
// either took effect and left its answer, or did neither. Keys are per signed-in user.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.ts';
import type { Deps } from '../context.ts';
import type { Database } from '../db/schema.ts';

export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .optional()
    .describe('Repeat a request safely: the same key and body give back the first answer'),
});

export type IdempotencyClaim = { userId: string; key: string; requestHash: string; statusCode: number };

const hashRequest = (request: FastifyRequest) =>
  createHash('sha256')
    .update(`${request.method} ${request.routeOptions.url}\n`)
    .update(JSON.stringify(request.params ?? {}))
    .update('\n')
    .update(JSON.stringify(request.body ?? null))
    .digest('hex');

async function replay(deps: Deps, claim: IdempotencyClaim, reply: FastifyReply): Promise<boolean> {
  const stored = await deps.db
    .selectFrom('idempotencyKeys')
    .select(['requestHash', 'statusCode', 'responseBody'])
    .where('userId', '=', claim.userId)
    .where('key', '=', claim.key)
    .executeTakeFirst();
  if (!stored) return false;
  if (stored.requestHash !== claim.requestHash)
    throw new DomainError('idempotency.key_reused', 'Idempotency-Key already used for another request');
  await reply
    .code(stored.statusCode ?? 200)
    .header('idempotent-replayed', 'true')
    .type('application/json; charset=utf-8')
    .send(stored.responseBody ?? 'null');
  return true;
}

const isKeyRace = (error: unknown) => {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e?.code === '23505' && `${e.constraint ?? ''} ${e.message ?? ''}`.includes('idempotency_keys_pkey');
};

/**
 * Runs a money-moving handler under the request's Idempotency-Key, if it has one. `run` receives the
 * claim to hand to the service (null without a key) and returns the body to send with `statusCode`.
 */
export async function idempotent<T>(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  statusCode: number,
  run: (claim: IdempotencyClaim | null) => Promise<T>,
) {
  const header = request.headers['idempotency-key'];
  const key = Array.isArray(header) ? header[0] : header;
  if (!key || !request.actor) return reply.code(statusCode).send(await run(null));
  const claim = { userId: request.actor.userId, key, requestHash: hashRequest(request), statusCode };
  if (await replay(deps, claim, reply)) return reply;
  try {
    return reply.code(statusCode).send(await run(claim));
  } catch (error) {
    // The same key sent twice at once: the second transaction lost the race and wrote nothing.
    if (isKeyRace(error) && (await replay(deps, claim, reply))) return reply;
    throw error;
  }
}

/** Called by the service inside its transaction, with the body it is about to return. */
export async function storeIdempotentAnswer(
  trx: Transaction<Database>,
  claim: IdempotencyClaim | null,
  body: unknown,
): Promise<void> {
  if (!claim) return;
  await trx
    .insertInto('idempotencyKeys')
    .values({
      userId: claim.userId,
      key: claim.key,
      requestHash: claim.requestHash,
      statusCode: claim.statusCode,
      responseBody: JSON.stringify(body),
    })
    .execute();
}
