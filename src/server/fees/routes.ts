import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  activityFeeView,
  activityKindInput,
  budgetSharesInput,
  budgetSharesView,
  contributionView,
  minimumRunInput,
  minimumRunView,
  policyVersionInput,
  policyVersionView,
} from '../../domain/fees/schemas.ts';
import type { Deps } from '../context.ts';
import { idempotencyHeaders, idempotent } from '../http/idempotency.ts';
import { contextOf } from '../http/session.ts';
import * as service from './service.ts';

const idParams = z.object({ id: z.uuid() });
const year = z.coerce.number().int().min(2000).max(2100);

export const feeRoutes = (deps: Deps) => async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['fees'];

  app.get(
    '/api/v1/fees/policies',
    {
      schema: {
        tags,
        summary: 'Fee policy versions per entity and activity kind, each past, current or planned',
        querystring: z.object({ entityId: z.uuid().optional() }),
        response: { 200: z.object({ items: z.array(policyVersionView) }) },
      },
    },
    (req) => service.listPolicyVersions(contextOf(deps, req), req.query.entityId),
  );
  app.post(
    '/api/v1/fees/policies',
    {
      schema: {
        tags,
        summary: 'Add a policy version from today or a later date (never retroactive); admins',
        body: policyVersionInput,
        response: { 201: policyVersionView },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.createPolicyVersion(contextOf(deps, req), req.body)),
  );
  app.delete(
    '/api/v1/fees/policies/:id',
    {
      schema: {
        tags,
        summary: 'Withdraw a planned version (one in force stays); admins',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await service.withdrawPolicyVersion(contextOf(deps, req), req.params.id);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/api/v1/fees/activities/:id',
    {
      schema: {
        tags,
        summary: 'An activity’s fee: the terms that apply today and the year’s charges line by line',
        params: idParams,
        querystring: z.object({ year: year.optional() }),
        response: { 200: activityFeeView },
      },
    },
    (req) => service.getActivityFee(contextOf(deps, req), req.params.id, req.query.year),
  );
  app.put(
    '/api/v1/fees/activities/:id/kind',
    {
      schema: {
        tags,
        summary: 'Set the activity’s kind, which chooses its fee policy; its advisers or admins',
        params: idParams,
        body: activityKindInput,
        response: { 200: activityFeeView },
      },
    },
    (req) => service.setActivityKind(contextOf(deps, req), req.params.id, req.body.kind),
  );
  app.get(
    '/api/v1/fees/budget-shares/:id/:year',
    {
      schema: {
        tags,
        summary:
          'How the direction splits an entity’s budget of a year between the services the fees pay for',
        params: z.object({ id: z.uuid(), year }),
        response: { 200: budgetSharesView },
      },
    },
    (req) => service.getBudgetShares(contextOf(deps, req), req.params.id, req.params.year),
  );
  app.put(
    '/api/v1/fees/budget-shares/:id/:year',
    {
      schema: {
        tags,
        summary: 'Set the budget shares of an entity and year (100 % in all); admins',
        params: z.object({ id: z.uuid(), year }),
        body: budgetSharesInput,
        response: { 200: budgetSharesView },
      },
    },
    (req) => service.setBudgetShares(contextOf(deps, req), req.params.id, req.params.year, req.body),
  );
  app.get(
    '/api/v1/fees/contribution',
    {
      schema: {
        tags,
        summary:
          'What a member’s fees amounted to this year, per activity and in all, and what they paid for (one’s own without memberId)',
        querystring: z.object({ memberId: z.uuid().optional(), year: year.optional() }),
        response: { 200: contributionView },
      },
    },
    (req) => service.getContribution(contextOf(deps, req), req.query.memberId, req.query.year),
  );
  app.post(
    '/api/v1/fees/minimum-runs',
    {
      schema: {
        tags,
        summary:
          'Once a year is over, post the yearly minimum top-ups of an entity’s activities (each once); accepts Idempotency-Key',
        headers: idempotencyHeaders,
        body: minimumRunInput,
        response: { 201: minimumRunView },
      },
    },
    (req, reply) =>
      idempotent(deps, req, reply, 201, (claim) =>
        service.runYearMinimum(contextOf(deps, req), req.body, claim),
      ),
  );
};
