import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  coverDecisionView,
  coverStatus,
  coverView,
  endowmentInput,
  fundView,
  guaranteeSettingsInput,
  guaranteeSettingsView,
  irrecoverableInput,
  writeOffView,
} from '../../domain/guarantee/schemas.ts';
import type { Deps } from '../context.ts';
import { idempotencyHeaders, idempotent } from '../http/idempotency.ts';
import { contextOf } from '../http/session.ts';
import * as service from './service.ts';

const entityParams = z.object({ entityId: z.uuid() });
const idParams = z.object({ id: z.uuid() });
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export const guaranteeRoutes = (deps: Deps) => async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['guarantee'];

  app.get(
    '/api/v1/guarantee/entities',
    {
      schema: {
        tags,
        summary: 'The entities whose guarantee fund the direction follows',
        response: { 200: items(z.object({ id: z.uuid(), code: z.string(), name: z.string() })) },
      },
    },
    (req) => service.listEntities(contextOf(deps, req)),
  );
  app.get(
    '/api/v1/guarantee/funds/:entityId',
    {
      schema: {
        tags,
        summary:
          'The fund of an entity: balance, inflows, covers outstanding, releases, losses, month by month, and the stress report (the 3 largest clients default)',
        params: entityParams,
        response: { 200: fundView },
      },
    },
    (req) => service.getFund(contextOf(deps, req), req.params.entityId),
  );
  app.get(
    '/api/v1/guarantee/funds/:entityId/covers',
    {
      schema: {
        tags,
        summary: 'The covers granted by the fund of an entity, with why each was granted',
        params: entityParams,
        querystring: z.object({ status: coverStatus.optional() }),
        response: { 200: items(coverView) },
      },
    },
    (req) => service.listFundCovers(contextOf(deps, req), req.params.entityId, req.query.status),
  );
  app.get(
    '/api/v1/guarantee/funds/:entityId/settings',
    {
      schema: {
        tags,
        summary: 'The fund’s limits in an entity',
        params: entityParams,
        response: { 200: guaranteeSettingsView },
      },
    },
    (req) => service.getSettings(contextOf(deps, req), req.params.entityId),
  );
  app.put(
    '/api/v1/guarantee/funds/:entityId/settings',
    {
      schema: {
        tags,
        summary:
          'Set the fund’s limits (per member, per client, invoice age, exposure ≤ 100 % of the balance, delay in working days); audited',
        params: entityParams,
        body: guaranteeSettingsInput,
        response: { 200: guaranteeSettingsView },
      },
    },
    (req) => service.setSettings(contextOf(deps, req), req.params.entityId, req.body),
  );
  app.post(
    '/api/v1/guarantee/funds/:entityId/endowments',
    {
      schema: {
        tags,
        summary: 'Endow the fund from the cooperative’s share (ANA: 971 → 973); accepts Idempotency-Key',
        headers: idempotencyHeaders,
        params: entityParams,
        body: endowmentInput,
        response: {
          201: z.object({ entityId: z.uuid(), journalEntryId: z.uuid(), amountCents: z.number().int() }),
        },
      },
    },
    (req, reply) =>
      idempotent(deps, req, reply, 201, (claim) =>
        service.endowFund(contextOf(deps, req), req.params.entityId, req.body, claim),
      ),
  );
  app.get(
    '/api/v1/activities/:id/guarantee-covers',
    {
      schema: {
        tags,
        summary: 'The guarantee-fund covers of an activity (its members and staff who read its account)',
        params: idParams,
        response: { 200: items(coverView) },
      },
    },
    (req) => service.activityCovers(contextOf(deps, req), req.params.id),
  );
  app.post(
    '/api/v1/activities/:id/guarantee-covers/preview',
    {
      schema: {
        tags,
        summary:
          'What the fund would cover of a salary needing this much beyond the balance, and why (nothing is saved)',
        params: idParams,
        body: z.object({ neededCents: z.number().int().min(1).max(1_000_000_000_00) }),
        response: { 200: coverDecisionView },
      },
    },
    (req) => service.previewCover(contextOf(deps, req), req.params.id, req.body.neededCents),
  );
  app.post(
    '/api/v1/collection/invoices/:id/irrecoverable',
    {
      schema: {
        tags: ['collection', ...tags],
        summary:
          'Declare an invoice irrecoverable (in litigation or after the last reminder), once: the loss is booked and the guarantee fund absorbs it; accepts Idempotency-Key',
        headers: idempotencyHeaders,
        params: idParams,
        body: irrecoverableInput,
        response: { 201: writeOffView },
      },
    },
    (req, reply) =>
      idempotent(deps, req, reply, 201, (claim) =>
        service.declareIrrecoverable(contextOf(deps, req), req.params.id, req.body, claim),
      ),
  );
};
