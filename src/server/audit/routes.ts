import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../context.ts';
import { contextOf } from '../http/session.ts';
import { readAuditLog } from './service.ts';

const entry = z.object({
  id: z.number().int(),
  at: z.string(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  changes: z.unknown(),
  requestId: z.string().nullable(),
});

export const auditRoutes = (deps: Deps) => async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/audit-log',
    {
      schema: {
        tags: ['audit'],
        summary: 'Who changed what, newest first (admin)',
        querystring: z.object({
          subjectType: z.string().max(40).optional(),
          subjectId: z.string().max(64).optional(),
          userId: z.string().max(64).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.coerce.number().int().positive().optional(),
        }),
        response: { 200: z.object({ items: z.array(entry), nextCursor: z.string().nullable() }) },
      },
    },
    (req) => {
      const { cursor, ...rest } = req.query;
      return readAuditLog(contextOf(deps, req), { ...rest, ...(cursor ? { cursor } : {}) });
    },
  );
};
