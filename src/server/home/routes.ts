import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { activityView } from '../../domain/activities/schemas.ts';
import { clientSummary } from '../../domain/clients/schemas.ts';
import type { Deps } from '../context.ts';
import { contextOf } from '../http/session.ts';
import { getHome } from './service.ts';

const home = z.object({
  activities: z.array(activityView),
  clients: z.array(clientSummary),
  clientTotal: z.number().int(),
  followedMembers: z.array(z.object({ status: z.string(), total: z.number().int() })).nullable(),
  officeIds: z.array(z.string()),
});

export const homeRoutes = (deps: Deps) => async (fastify: FastifyInstance) => {
  fastify.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/home',
    {
      schema: {
        tags: ['home'],
        summary: 'The signed-in person’s home: open activities, clients, followed members',
        response: { 200: home },
      },
    },
    (req) => getHome(contextOf(deps, req)),
  );
};
