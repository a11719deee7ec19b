import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  decisionInput,
  expenseInput,
  expenseKinds,
  expenseStatuses,
  expenseView,
  mileageEstimateInput,
  mileageEstimateView,
  payoutInput,
  payoutView,
  receiptUpload,
  rejectionInput,
} from '../../domain/expenses/schemas.ts';
import type { Deps } from '../context.ts';
import { idempotencyHeaders, idempotent } from '../http/idempotency.ts';
import { listQuery, pageSchema, readListQuery } from '../http/lists.ts';
import { contextOf } from '../http/session.ts';
import * as service from './service.ts';

const idParams = z.object({ id: z.uuid() });
// A receipt of 10 MB is about 13.4 MB in base64.
const uploadLimit = 15 * 1024 * 1024;

export const expenseRoutes = (deps: Deps) => async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['expenses'];

  app.get(
    '/api/v1/expenses',
    {
      schema: {
        tags,
        summary:
          'Expense claims and supplier invoices I may see (mine, my offices’, or all); payable=true: approved and not in a batch (accountants)',
        querystring: listQuery(['expenseDate'] as const).extend({
          activityId: z.uuid().optional(),
          entityId: z.uuid().optional(),
          status: z.enum(expenseStatuses).optional(),
          kind: z.enum(expenseKinds).optional(),
          payable: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: pageSchema(expenseView) },
      },
    },
    (req) => {
      const { activityId, entityId, status, kind, payable, ...list } = req.query;
      return service.listExpenses(
        contextOf(deps, req),
        { activityId, entityId, status, kind, payable: payable === 'true' },
        readListQuery(list),
      );
    },
  );
  app.post(
    '/api/v1/expenses',
    {
      bodyLimit: uploadLimit,
      schema: {
        tags,
        summary:
          'Record a draft expense on one of my activities: a receipt, a trip (mileage scale) or a supplier invoice; the receipt in base64, recognised by its content',
        body: expenseInput,
        response: { 201: expenseView },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createExpense(contextOf(deps, req), req.body)),
  );
  app.post(
    '/api/v1/expenses/mileage-estimate',
    {
      schema: {
        tags,
        summary:
          'What a trip would be paid, given the kilometres I already claimed this year with that vehicle',
        body: mileageEstimateInput,
        response: { 200: mileageEstimateView },
      },
    },
    (req) => service.estimateMileage(contextOf(deps, req), req.body),
  );
  app.get(
    '/api/v1/expenses/:id',
    { schema: { tags, summary: 'One expense', params: idParams, response: { 200: expenseView } } },
    (req) => service.getExpense(contextOf(deps, req), req.params.id),
  );
  app.delete(
    '/api/v1/expenses/:id',
    { schema: { tags, summary: 'Remove a draft or rejected expense', params: idParams } },
    async (req, reply) => {
      await service.deleteExpense(contextOf(deps, req), req.params.id);
      return reply.code(204).send();
    },
  );
  app.put(
    '/api/v1/expenses/:id/receipt',
    {
      bodyLimit: uploadLimit,
      schema: {
        tags,
        summary: 'Attach or replace the receipt of a draft (image or PDF, recognised by its content)',
        params: idParams,
        body: receiptUpload,
        response: { 200: expenseView },
      },
    },
    (req) => service.attachReceipt(contextOf(deps, req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/expenses/:id/receipt',
    {
      schema: {
        tags,
        summary: 'The receipt, as an attachment of the type found in its bytes',
        params: idParams,
        produces: ['application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'image/heic'],
      },
    },
    async (req, reply) => {
      const r = await service.getReceipt(contextOf(deps, req), req.params.id);
      return reply
        .type(r.contentType)
        .header('content-disposition', `attachment; filename="${r.fileName.replace(/[^\x20-\x7e]|"/g, '_')}"`)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'")
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(r.content));
    },
  );
  app.post(
    '/api/v1/expenses/:id/submit',
    {
      schema: {
        tags,
        summary: 'Send a draft to the adviser (a receipt is required except for mileage)',
        params: idParams,
        response: { 200: expenseView },
      },
    },
    (req) => service.submitExpense(contextOf(deps, req), req.params.id),
  );
  app.post(
    '/api/v1/expenses/:id/approve',
    {
      schema: {
        tags,
        summary:
          'Approve and post to the ledger (advisers of the office, accountants); accepts Idempotency-Key',
        headers: idempotencyHeaders,
        params: idParams,
        body: decisionInput,
        response: { 200: expenseView },
      },
    },
    (req, reply) =>
      idempotent(deps, req, reply, 200, (claim) =>
        service.approveExpense(contextOf(deps, req), req.params.id, req.body, claim),
      ),
  );
  app.post(
    '/api/v1/expenses/:id/reject',
    {
      schema: {
        tags,
        summary: 'Send back with a comment',
        params: idParams,
        body: rejectionInput,
        response: { 200: expenseView },
      },
    },
    (req) => service.rejectExpense(contextOf(deps, req), req.params.id, req.body),
  );

  // ——— Payouts ———
  const payoutTags = ['payouts'];
  app.get(
    '/api/v1/payouts',
    {
      schema: {
        tags: payoutTags,
        summary: 'Payout batches (accountants)',
        querystring: listQuery(['createdAt'] as const).extend({ entityId: z.uuid().optional() }),
        response: { 200: pageSchema(payoutView) },
      },
    },
    (req) => {
      const { entityId, ...list } = req.query;
      return service.listPayouts(contextOf(deps, req), { entityId }, readListQuery(list));
    },
  );
  app.get(
    '/api/v1/payouts/debtor',
    {
      schema: {
        tags: payoutTags,
        summary: 'The bank account the last batch of an entity left from',
        querystring: z.object({ entityId: z.uuid() }),
        response: {
          200: z.object({
            debtor: z.object({ name: z.string(), iban: z.string(), bic: z.string() }).nullable(),
          }),
        },
      },
    },
    async (req) => ({ debtor: await service.lastDebtor(contextOf(deps, req), req.query.entityId) }),
  );
  app.post(
    '/api/v1/payouts',
    {
      schema: {
        tags: payoutTags,
        summary:
          'Put approved reimbursements and supplier invoices in a payout batch; accepts Idempotency-Key',
        headers: idempotencyHeaders,
        body: payoutInput,
        response: { 201: payoutView },
      },
    },
    (req, reply) =>
      idempotent(deps, req, reply, 201, (claim) =>
        service.createPayout(contextOf(deps, req), req.body, claim),
      ),
  );
  app.get(
    '/api/v1/payouts/:id',
    {
      schema: {
        tags: payoutTags,
        summary: 'One payout batch',
        params: idParams,
        response: { 200: payoutView },
      },
    },
    (req) => service.getPayout(contextOf(deps, req), req.params.id),
  );
  app.get(
    '/api/v1/payouts/:id/sepa',
    {
      schema: {
        tags: payoutTags,
        summary: 'The SEPA credit-transfer file of a batch (pain.001.001.09)',
        params: idParams,
        produces: ['application/xml'],
      },
    },
    async (req, reply) => {
      const { fileName, xml } = await service.payoutSepaFile(contextOf(deps, req), req.params.id);
      return reply
        .type('application/xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'private, no-store')
        .send(xml);
    },
  );
  app.post(
    '/api/v1/payouts/:id/execute',
    {
      schema: {
        tags: payoutTags,
        summary: 'The bank executed the transfers: post 467/401 against 512 and mark each item paid (once)',
        headers: idempotencyHeaders,
        params: idParams,
        response: { 200: payoutView },
      },
    },
    (req, reply) =>
      idempotent(deps, req, reply, 200, (claim) =>
        service.executePayout(contextOf(deps, req), req.params.id, claim),
      ),
  );
};
