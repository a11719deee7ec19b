// A token bucket per client address, kept in memory by each process. The public operations that
// cost CPU (the salary simulator: 50–300 ms of rule evaluation each) take a token per request; an
// empty bucket answers 429 problem+json with Retry-After.
//
// In memory, not in the database: the limit protects this process's CPU, a refusal must cost nothing
// (no query), and a restart forgetting the buckets is harmless. With several instances each keeps
// its own buckets, so the effective limit is per instance. The address is the socket's (the app does
// not trust proxy headers); behind a reverse proxy, every client shares the proxy's bucket.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { languageOf, problem, sendProblem } from './problem.ts';

export type RateLimit = {
  /** Requests allowed in a burst. */
  capacity: number;
  /** Tokens given back per minute. */
  refillPerMinute: number;
};

type Bucket = { tokens: number; at: number };

/** Beyond this many addresses, buckets that are full again are forgotten. */
const maxBuckets = 10_000;

export function createTokenBuckets(limit: RateLimit, clock: () => Date) {
  const buckets = new Map<string, Bucket>();
  const perMs = limit.refillPerMinute / 60_000;
  const refill = (b: Bucket, now: number): Bucket => ({
    tokens: Math.min(limit.capacity, b.tokens + Math.max(0, now - b.at) * perMs),
    at: now,
  });

  /** Takes a token for `key`; when there is none, says how many seconds until there is. */
  function take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = clock().getTime();
    const bucket = refill(buckets.get(key) ?? { tokens: limit.capacity, at: now }, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      buckets.set(key, bucket);
      if (buckets.size > maxBuckets) forgetFull(now);
      return { ok: true };
    }
    buckets.set(key, bucket);
    return { ok: false, retryAfterSeconds: perMs > 0 ? Math.ceil((1 - bucket.tokens) / perMs / 1000) : 60 };
  }

  function forgetFull(now: number) {
    for (const [key, b] of buckets) if (refill(b, now).tokens >= limit.capacity) buckets.delete(key);
  }

  return { take, size: () => buckets.size };
}

/** A Fastify `onRequest` hook taking one token per request from the caller's address. */
export function rateLimitHook(limit: RateLimit, clock: () => Date) {
  const buckets = createTokenBuckets(limit, clock);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const taken = buckets.take(request.ip);
    if (taken.ok) return;
    reply.header('retry-after', String(taken.retryAfterSeconds));
    return sendProblem(
      reply,
      problem(429, 'request.rate_limited', languageOf(request), { instance: request.url.split('?')[0] }),
    );
  };
}
