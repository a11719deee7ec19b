import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { activityInput, activityPatch, activityView, feeOverride } from '../../domain/activities/schemas.ts';
import type { Deps } from '../context.ts';
import { listQuery, pageSchema, readListQuery } from '../http/lists.ts';
import { contextOf } from '../http/session.ts';
import * as service from './service.ts';

const idParams = z.object({ id: z.uuid() });
const query = listQuery(service.activitySortable).extend({
  status: z.enum(['open', 'closed']).optional(),
  entityId: z.uuid().optional(),
  memberId: z.uuid().optional(),
});

export const activityRoutes = (deps: Deps) => async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['activities'];
  app.get(
    '/api/v1/activities',
    {
      schema: {
        tags,
        summary: 'Activities the actor may see',
        querystring: query,
        response: { 200: pageSchema(activityView) },
      },
    },
    (req) => {
      const { status, entityId, memberId, ...list } = req.query;
      return service.listActivities(
        contextOf(deps, req),
        { status, entityId, memberId },
        readListQuery(list),
      );
    },
  );
  app.post(
    '/api/v1/activities',
    {
      schema: {
        tags,
        summary: 'Open an activity in a legal entity',
        body: activityInput,
        response: { 201: activityView },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createActivity(contextOf(deps, req), req.body)),
  );
  app.get(
    '/api/v1/activities/:id',
    { schema: { tags, params: idParams, response: { 200: activityView } } },
    (req) => service.getActivity(contextOf(deps, req), req.params.id),
  );
  app.patch(
    '/api/v1/activities/:id',
    {
      schema: {
        tags,
        summary: 'Rename, describe, close or reopen',
        params: idParams,
        body: activityPatch,
        response: { 200: activityView },
      },
    },
    (req) => service.updateActivity(contextOf(deps, req), req.params.id, req.body),
  );
  app.put(
    '/api/v1/activities/:id/fee',
    {
      schema: {
        tags,
        summary: 'Set or remove the activity’s fee-rate exception (staff, with a reason)',
        params: idParams,
        body: feeOverride,
        response: { 200: activityView },
      },
    },
    (req) => service.setActivityFee(contextOf(deps, req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/activities/:id/members',
    {
      schema: {
        tags,
        summary: 'Attach a member (staff)',
        params: idParams,
        body: z.object({ memberId: z.uuid() }),
        response: { 200: activityView },
      },
    },
    (req) => service.addActivityMember(contextOf(deps, req), req.params.id, req.body.memberId),
  );
  app.delete(
    '/api/v1/activities/:id/members/:memberId',
    {
      schema: {
        tags,
        summary: 'Detach a member (staff)',
        params: idParams.extend({ memberId: z.uuid() }),
        response: { 200: activityView },
      },
    },
    (req) => service.removeActivityMember(contextOf(deps, req), req.params.id, req.params.memberId),
  );
};
