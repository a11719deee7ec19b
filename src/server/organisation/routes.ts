import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  entityInput,
  entityPatch,
  entityView,
  officeInput,
  officePatch,
  officeView,
} from '../../domain/organisation/schemas.ts';
import type { Deps } from '../context.ts';
import { contextOf } from '../http/session.ts';
import * as service from './service.ts';

const idParams = z.object({ id: z.uuid() });

export const organisationRoutes = (deps: Deps) => async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['organisation'];

  app.get(
    '/api/v1/entities',
    {
      schema: {
        tags,
        summary: 'Legal entities of the group',
        response: { 200: z.object({ items: z.array(entityView) }) },
      },
    },
    async (req) => ({
      items: await service.listEntities(contextOf(deps, req)),
    }),
  );
  app.get(
    '/api/v1/entities/:id',
    { schema: { tags, params: idParams, response: { 200: entityView } } },
    (req) => service.getEntity(contextOf(deps, req), req.params.id),
  );
  app.post(
    '/api/v1/entities',
    {
      schema: {
        tags,
        summary: 'Create a legal entity (admin)',
        body: entityInput,
        response: { 201: entityView },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createEntity(contextOf(deps, req), req.body)),
  );
  app.patch(
    '/api/v1/entities/:id',
    {
      schema: {
        tags,
        summary: 'Update a legal entity (admin)',
        params: idParams,
        body: entityPatch,
        response: { 200: entityView },
      },
    },
    (req) => service.updateEntity(contextOf(deps, req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/offices',
    {
      schema: { tags, summary: 'Local offices', response: { 200: z.object({ items: z.array(officeView) }) } },
    },
    async (req) => ({
      items: await service.listOffices(contextOf(deps, req)),
    }),
  );
  app.get(
    '/api/v1/offices/:id',
    { schema: { tags, params: idParams, response: { 200: officeView } } },
    (req) => service.getOffice(contextOf(deps, req), req.params.id),
  );
  app.post(
    '/api/v1/offices',
    {
      schema: { tags, summary: 'Create an office (admin)', body: officeInput, response: { 201: officeView } },
    },
    async (req, reply) => reply.code(201).send(await service.createOffice(contextOf(deps, req), req.body)),
  );
  app.patch(
    '/api/v1/offices/:id',
    {
      schema: {
        tags,
        summary: 'Update an office (admin)',
        params: idParams,
        body: officePatch,
        response: { 200: officeView },
      },
    },
    (req) => service.updateOffice(contextOf(deps, req), req.params.id, req.body),
  );
};
