import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  advanceDecisionInput,
  advanceInput,
  advanceStatus,
  advanceView,
} from '../../domain/advances/schemas.ts';
import type { Deps } from '../context.ts';
import { idempotencyHeaders, idempotent } from '../http/idempotency.ts';
import { contextOf } from '../http/session.ts';
import * as service from './service.ts';

const idParams = z.object({ id: z.uuid() });

export const advanceRoutes = (deps: Deps) => async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['advances'];

  app.get(
    '/api/v1/advances',
    {
      schema: {
        tags,
        summary: 'Advances and loans: one’s own activities, the offices one follows, or all (back office)',
        querystring: z.object({
          status: advanceStatus.optional(),
          activityId: z.uuid().optional(),
          officeId: z.uuid().optional(),
        }),
        response: { 200: z.object({ items: z.array(advanceView) }) },
      },
    },
    (req) => service.listAdvances(contextOf(deps, req), req.query),
  );
  app.post(
    '/api/v1/advances',
    {
      schema: {
        tags,
        summary:
          'Ask for an advance or an equipment loan on one’s activity, repaid by monthly instalments or a share of each client payment; accepts Idempotency-Key',
        headers: idempotencyHeaders,
        body: advanceInput,
        response: { 201: advanceView },
      },
    },
    (req, reply) =>
      idempotent(deps, req, reply, 201, (claim) =>
        service.requestAdvance(contextOf(deps, req), req.body, claim),
      ),
  );
  app.get(
    '/api/v1/advances/:id',
    {
      schema: {
        tags,
        summary: 'An advance with its schedule and repayments',
        params: idParams,
        response: { 200: advanceView },
      },
    },
    (req) => service.getAdvance(contextOf(deps, req), req.params.id),
  );
  app.post(
    '/api/v1/advances/:id/decision',
    {
      schema: {
        tags,
        summary:
          'Approve (posts the money to the activity and the file fee) or refuse a request: the office’s advisers, accountants, admins; accepts Idempotency-Key',
        headers: idempotencyHeaders,
        params: idParams,
        body: advanceDecisionInput,
        response: { 200: advanceView },
      },
    },
    (req, reply) =>
      idempotent(deps, req, reply, 200, (claim) =>
        service.decideAdvance(contextOf(deps, req), req.params.id, req.body, claim),
      ),
  );
  app.post(
    '/api/v1/advances/instalments/run',
    {
      schema: {
        tags,
        summary:
          'Repay the instalments due today (each once; the schedule also runs every hour): accountants, admins',
        response: { 200: z.object({ repaid: z.number().int() }) },
      },
    },
    (req) => service.runInstalments(contextOf(deps, req)),
  );
};
