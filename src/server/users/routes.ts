import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userInput, userPatch, userView } from '../../domain/users/schemas.ts';
import type { Deps } from '../context.ts';
import { listQuery, pageSchema, readListQuery } from '../http/lists.ts';
import { contextOf } from '../http/session.ts';
import * as service from './service.ts';

const idParams = z.object({ id: z.string().min(1).max(64) });

export const userRoutes = (deps: Deps) => async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];
  app.get(
    '/api/v1/me',
    { schema: { tags, summary: 'Who is signed in, with roles and offices', response: { 200: userView } } },
    (req) => {
      const ctx = contextOf(deps, req);
      return service.getUser(ctx, ctx.actor.userId);
    },
  );
  app.get(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'Sign-in accounts (admin)',
        querystring: listQuery(['name', 'email']),
        response: { 200: pageSchema(userView) },
      },
    },
    (req) => service.listUsers(contextOf(deps, req), readListQuery(req.query)),
  );
  app.post(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'Open an account with roles (admin); without a password, an invitation is e-mailed',
        body: userInput,
        response: { 201: userView },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createUser(contextOf(deps, req), req.body)),
  );
  app.get('/api/v1/users/:id', { schema: { tags, params: idParams, response: { 200: userView } } }, (req) =>
    service.getUser(contextOf(deps, req), req.params.id),
  );
  app.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags,
        summary: 'Change name, roles and adviser offices (admin)',
        params: idParams,
        body: userPatch,
        response: { 200: userView },
      },
    },
    (req) => service.updateUser(contextOf(deps, req), req.params.id, req.body),
  );
};
