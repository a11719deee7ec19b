import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cockpitQuery, cockpitView, dashboardQuery, dashboardView } from '../../domain/backoffice/schemas.ts';
import type { Deps } from '../context.ts';
import { sendExport } from '../http/exports.ts';
import { contextOf } from '../http/session.ts';
import * as service from './service.ts';

export const backofficeRoutes = (deps: Deps) => async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['backoffice'];

  app.get(
    '/api/v1/backoffice/cockpit',
    {
      schema: {
        tags,
        summary:
          'The cockpit: validation queues (count, oldest age in working days, oldest items) and activities at risk, for the adviser’s offices or one office',
        querystring: cockpitQuery,
        response: { 200: cockpitView },
      },
    },
    (req) => service.getCockpit(contextOf(deps, req), req.query),
  );
  app.get(
    '/api/v1/backoffice/dashboard',
    {
      schema: {
        tags,
        summary:
          'The direction dashboard: turnover invoiced and collected, fee, salaries, active members and fund exposure per month of a year, per entity and office',
        querystring: dashboardQuery,
        response: { 200: dashboardView },
      },
    },
    (req) => service.getDashboard(contextOf(deps, req), req.query),
  );
  app.get(
    '/api/v1/backoffice/dashboard/export',
    {
      schema: {
        tags,
        summary: 'The dashboard’s figures per month, entity and office as CSV or XLSX',
        querystring: dashboardQuery.extend({ format: z.enum(['csv', 'xlsx']).default('csv') }),
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      const file = await service.exportDashboard(contextOf(deps, req), q);
      return sendExport(reply, format, file.fileBase, file.columns, [file.rows]);
    },
  );
};
