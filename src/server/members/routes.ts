import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  memberInput,
  memberPatch,
  memberStatuses,
  memberSummary,
  memberView,
  statusChange,
} from '../../domain/members/schemas.ts';
import type { Deps } from '../context.ts';
import { listQuery, pageSchema, readListQuery } from '../http/lists.ts';
import { contextOf } from '../http/session.ts';
import * as service from './service.ts';

const idParams = z.object({ id: z.uuid() });
const query = listQuery(service.memberSortable).extend({
  status: z.enum(memberStatuses).optional(),
  officeId: z.uuid().optional(),
  trade: z.string().trim().max(60).optional(),
});

export const memberRoutes = (deps: Deps) => async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['members'];
  app.get(
    '/api/v1/members',
    {
      schema: {
        tags,
        summary: 'Members the actor follows (advisers: their offices)',
        querystring: query,
        response: { 200: pageSchema(memberSummary) },
      },
    },
    (req) => {
      const { status, officeId, trade, ...list } = req.query;
      return service.listMembers(contextOf(deps, req), { status, officeId, trade }, readListQuery(list));
    },
  );
  app.post(
    '/api/v1/members',
    {
      schema: {
        tags,
        summary: 'File a new member (staff)',
        body: memberInput,
        response: { 201: memberView },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createMember(contextOf(deps, req), req.body)),
  );
  app.get(
    '/api/v1/members/:id',
    { schema: { tags, params: idParams, response: { 200: memberView } } },
    (req) => service.getMember(contextOf(deps, req), req.params.id),
  );
  app.patch(
    '/api/v1/members/:id',
    {
      schema: {
        tags,
        summary: 'Update a member file (members: contact and bank details only)',
        params: idParams,
        body: memberPatch,
        response: { 200: memberView },
      },
    },
    (req) => service.updateMember(contextOf(deps, req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/members/:id/status',
    {
      schema: {
        tags,
        summary: 'Change the status: prospect → member → shareholder, exit',
        params: idParams,
        body: statusChange,
        response: { 200: memberView },
      },
    },
    (req) =>
      service.changeMemberStatus(contextOf(deps, req), req.params.id, req.body.status, req.body.reason),
  );
  app.post(
    '/api/v1/members/:id/invitation',
    {
      schema: {
        tags,
        summary: 'Open the member’s sign-in account and e-mail an invitation',
        params: idParams,
        response: { 200: memberView },
      },
    },
    (req) => service.inviteMember(contextOf(deps, req), req.params.id),
  );
};
