import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  clientInput,
  clientKinds,
  clientPatch,
  clientSummary,
  clientView,
  contactInput,
  contactPatch,
} from '../../domain/clients/schemas.ts';
import type { Deps } from '../context.ts';
import { listQuery, pageSchema, readListQuery } from '../http/lists.ts';
import { contextOf } from '../http/session.ts';
import * as service from './service.ts';

const idParams = z.object({ id: z.uuid() });
const query = listQuery(service.clientSortable).extend({
  kind: z.enum(clientKinds).optional(),
  publicSector: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  activityId: z.uuid().optional(),
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const clientRoutes = (deps: Deps) => async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['clients'];
  app.get(
    '/api/v1/clients',
    {
      schema: {
        tags,
        summary: 'Search the shared client directory (mine=true: clients of my activities)',
        querystring: query,
        response: { 200: pageSchema(clientSummary) },
      },
    },
    (req) => {
      const { kind, publicSector, activityId, mine, ...list } = req.query;
      return service.listClients(
        contextOf(deps, req),
        { kind, publicSector, activityId, mine },
        readListQuery(list),
      );
    },
  );
  app.post(
    '/api/v1/clients',
    {
      schema: {
        tags,
        summary: 'Add a client (optionally linked to one of my activities)',
        body: clientInput,
        response: { 201: clientView },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createClient(contextOf(deps, req), req.body)),
  );
  app.get(
    '/api/v1/clients/:id',
    { schema: { tags, params: idParams, response: { 200: clientView } } },
    (req) => service.getClient(contextOf(deps, req), req.params.id),
  );
  app.patch(
    '/api/v1/clients/:id',
    { schema: { tags, params: idParams, body: clientPatch, response: { 200: clientView } } },
    (req) => service.updateClient(contextOf(deps, req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/clients/:id/contacts',
    { schema: { tags, params: idParams, body: contactInput, response: { 201: clientView } } },
    async (req, reply) =>
      reply.code(201).send(await service.addContact(contextOf(deps, req), req.params.id, req.body)),
  );
  const contactParams = idParams.extend({ contactId: z.uuid() });
  app.patch(
    '/api/v1/clients/:id/contacts/:contactId',
    { schema: { tags, params: contactParams, body: contactPatch, response: { 200: clientView } } },
    (req) => service.updateContact(contextOf(deps, req), req.params.id, req.params.contactId, req.body),
  );
  app.delete(
    '/api/v1/clients/:id/contacts/:contactId',
    { schema: { tags, params: contactParams, response: { 200: clientView } } },
    (req) => service.removeContact(contextOf(deps, req), req.params.id, req.params.contactId),
  );
  const linkParams = z.object({ id: z.uuid(), clientId: z.uuid() });
  app.put(
    '/api/v1/activities/:id/clients/:clientId',
    {
      schema: {
        tags,
        summary: 'Link a client to an activity',
        params: linkParams,
        response: { 200: clientView },
      },
    },
    (req) => service.linkClient(contextOf(deps, req), req.params.id, req.params.clientId),
  );
  app.delete(
    '/api/v1/activities/:id/clients/:clientId',
    {
      schema: {
        tags,
        summary: 'Unlink a client from an activity',
        params: linkParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await service.unlinkClient(contextOf(deps, req), req.params.id, req.params.clientId);
      return reply.code(204).send(null);
    },
  );
};
