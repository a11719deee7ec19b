// Every /api/v1 operation needs a session unless its OpenAPI description says `security: []`.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../../domain/access.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Ctx, Deps } from '../context.ts';
import { resolveActor } from '../users/service.ts';
import { languageOf, problem, sendProblem } from './problem.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const isPublic = (request: FastifyRequest): boolean => {
  const security = (request.routeOptions.schema as { security?: unknown[] } | undefined)?.security;
  return Array.isArray(security) && security.length === 0;
};

export function installSessionHook(app: FastifyInstance, deps: Deps, trustedOrigins: readonly string[]) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/v1/')) return;
    // Cookies ride along on cross-site requests; a foreign Origin may not change anything.
    const origin = request.headers.origin;
    if (origin && unsafe.has(request.method) && !trustedOrigins.includes(origin))
      return sendProblem(reply, problem(403, 'auth.invalid_origin', languageOf(request)));
    const headers = new Headers();
    if (request.headers.cookie) headers.set('cookie', request.headers.cookie);
    request.actor = headers.has('cookie') ? await resolveActor(deps, headers) : null;
    if (!request.actor && !isPublic(request))
      return sendProblem(reply, problem(401, 'auth.unauthenticated', languageOf(request)));
  });
}

/** The use-case context of an authenticated request. */
export function contextOf(deps: Deps, request: FastifyRequest): Ctx {
  if (!request.actor) throw new DomainError('auth.unauthenticated', 'No session');
  return { ...deps, actor: request.actor, requestId: String(request.id), lang: languageOf(request) };
}
