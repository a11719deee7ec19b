import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  bankAccountInput,
  bankAccountView,
  collectionItemView,
  dunningPolicyInput,
  dunningPolicyView,
  lineListQuery,
  lineStatus,
  matchInput,
  openInvoiceView,
  pauseInput,
  paymentInput,
  paymentView,
  statementImportView,
  statementLineView,
} from '../../domain/treasury/schemas.ts';
import { statementLimits } from '../../domain/treasury/statements.ts';
import type { Deps } from '../context.ts';
import { idempotencyHeaders, idempotent } from '../http/idempotency.ts';
import { contextOf } from '../http/session.ts';
import * as service from './service.ts';

const idParams = z.object({ id: z.uuid() });
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export const treasuryRoutes = (deps: Deps) => async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['treasury'];

  // Statement files are sent as they are (no multipart, no base64): the body is the file.
  app.addContentTypeParser(
    [
      'application/octet-stream',
      'application/xml',
      'text/xml',
      'text/csv',
      'text/plain',
      'application/x-ofx',
    ],
    { parseAs: 'buffer', bodyLimit: statementLimits.maxBytes },
    (_req, body, done) => done(null, body),
  );

  app.get(
    '/api/v1/treasury/bank-accounts',
    {
      schema: {
        tags,
        summary: 'Bank accounts with the bank’s last balance, the ledger’s and the lines left to match',
        querystring: z.object({ entityId: z.uuid().optional() }),
        response: { 200: items(bankAccountView) },
      },
    },
    (req) => service.listBankAccounts(contextOf(deps, req), req.query.entityId),
  );
  app.post(
    '/api/v1/treasury/bank-accounts',
    {
      schema: {
        tags,
        summary: 'Add a bank account of an entity',
        body: bankAccountInput,
        response: { 201: bankAccountView },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.createBankAccount(contextOf(deps, req), req.body)),
  );
  app.get(
    '/api/v1/treasury/bank-accounts/:id/statements',
    {
      schema: {
        tags,
        summary: 'Statements imported for an account',
        params: idParams,
        response: { 200: items(statementImportView) },
      },
    },
    (req) => service.listImports(contextOf(deps, req), req.params.id),
  );
  app.post(
    '/api/v1/treasury/bank-accounts/:id/statements',
    {
      schema: {
        tags,
        summary:
          'Import a statement (CAMT.053, OFX or CSV, sent as the request body): lines already known are not added again; the same file twice adds nothing',
        params: idParams,
        querystring: z.object({ fileName: z.string().trim().min(1).max(200).default('releve') }),
        response: { 201: statementImportView, 200: statementImportView },
      },
    },
    async (req, reply) => {
      const body = req.body;
      const bytes =
        body instanceof Uint8Array ? body : new TextEncoder().encode(typeof body === 'string' ? body : '');
      const result = await service.importStatement(contextOf(deps, req), req.params.id, {
        fileName: req.query.fileName,
        bytes,
      });
      return reply.code(result.alreadyImported ? 200 : 201).send(result);
    },
  );
  app.get(
    '/api/v1/treasury/bank-accounts/:id/lines',
    {
      schema: {
        tags,
        summary: 'Statement lines by status, the unmatched ones with suggested invoices and a confidence',
        params: idParams,
        querystring: lineListQuery,
        response: { 200: items(statementLineView) },
      },
    },
    (req) => service.listLines(contextOf(deps, req), req.params.id, req.query.status),
  );
  app.post(
    '/api/v1/treasury/lines/:id/match',
    {
      schema: {
        tags,
        summary: 'Confirm what a line pays: records and posts the payment; accepts Idempotency-Key',
        headers: idempotencyHeaders,
        params: idParams,
        body: matchInput,
        response: { 201: paymentView },
      },
    },
    (req, reply) =>
      idempotent(deps, req, reply, 201, (claim) =>
        service.matchLine(contextOf(deps, req), req.params.id, req.body, claim),
      ),
  );
  const decided = z.object({ id: z.uuid(), status: lineStatus });
  app.post(
    '/api/v1/treasury/lines/:id/ignore',
    {
      schema: {
        tags,
        summary: 'Set a line aside (bank fee, own transfer…)',
        params: idParams,
        response: { 200: decided },
      },
    },
    (req) => service.setLineAside(contextOf(deps, req), req.params.id, true),
  );
  app.post(
    '/api/v1/treasury/lines/:id/restore',
    {
      schema: {
        tags,
        summary: 'Bring a line set aside back to the queue',
        params: idParams,
        response: { 200: decided },
      },
    },
    (req) => service.setLineAside(contextOf(deps, req), req.params.id, false),
  );
  app.get(
    '/api/v1/treasury/open-invoices',
    {
      schema: {
        tags,
        summary: 'Issued invoices of an entity that still owe something, with what they owe',
        querystring: z.object({ entityId: z.uuid(), clientId: z.uuid().optional() }),
        response: { 200: items(openInvoiceView) },
      },
    },
    (req) => service.openInvoices(contextOf(deps, req), req.query.entityId, req.query.clientId),
  );
  app.get(
    '/api/v1/payments',
    {
      schema: {
        tags,
        summary: 'Client payments and the invoices they settle',
        querystring: z.object({ entityId: z.uuid().optional(), clientId: z.uuid().optional() }),
        response: { 200: items(paymentView) },
      },
    },
    (req) =>
      service.listPayments(contextOf(deps, req), {
        ...(req.query.entityId ? { entityId: req.query.entityId } : {}),
        ...(req.query.clientId ? { clientId: req.query.clientId } : {}),
      }),
  );
  app.post(
    '/api/v1/payments',
    {
      schema: {
        tags,
        summary:
          'Record a client payment by hand against invoices (the rest as client credit); accepts Idempotency-Key',
        headers: idempotencyHeaders,
        body: paymentInput,
        response: { 201: paymentView },
      },
    },
    (req, reply) =>
      idempotent(deps, req, reply, 201, (claim) =>
        service.recordPayment(contextOf(deps, req), req.body, claim),
      ),
  );

  // ——— Collection: overdue invoices, reminders, litigation ———
  const collectionTags = ['collection'];
  app.get(
    '/api/v1/collection/invoices',
    {
      schema: {
        tags: collectionTags,
        summary:
          'Overdue invoices with what is owed, penalties, reminders sent and the next one (advisers: their offices)',
        querystring: z.object({ entityId: z.uuid().optional() }),
        response: { 200: items(collectionItemView) },
      },
    },
    (req) =>
      service.collectionQueue(
        contextOf(deps, req),
        req.query.entityId ? { entityId: req.query.entityId } : {},
      ),
  );
  app.post(
    '/api/v1/collection/run',
    {
      schema: {
        tags: collectionTags,
        summary:
          'Send the reminders due today (each step of each invoice once; the schedule also runs every hour)',
        body: z.object({ entityId: z.uuid().optional() }),
        response: {
          200: z.object({
            sent: z.number().int(),
            withoutEmail: z.number().int(),
            overdue: z.number().int(),
          }),
        },
      },
    },
    (req) =>
      service.runDunning(contextOf(deps, req), req.body.entityId ? { entityId: req.body.entityId } : {}),
  );
  const paused = z.object({ documentId: z.uuid(), paused: z.boolean(), item: collectionItemView.nullable() });
  app.post(
    '/api/v1/collection/invoices/:id/pause',
    {
      schema: {
        tags: collectionTags,
        summary: 'Pause the reminders of an invoice, with the reason',
        params: idParams,
        body: pauseInput,
        response: { 200: paused },
      },
    },
    (req) =>
      service.pauseReminders(contextOf(deps, req), req.params.id, { paused: true, reason: req.body.reason }),
  );
  app.post(
    '/api/v1/collection/invoices/:id/resume',
    {
      schema: {
        tags: collectionTags,
        summary: 'Resume the reminders of an invoice',
        params: idParams,
        response: { 200: paused },
      },
    },
    (req) => service.pauseReminders(contextOf(deps, req), req.params.id, { paused: false, reason: '' }),
  );
  app.post(
    '/api/v1/collection/invoices/:id/litigation',
    {
      schema: {
        tags: collectionTags,
        summary: 'Send an overdue invoice to litigation: 411 → 416, reminders stop; accepts Idempotency-Key',
        headers: idempotencyHeaders,
        params: idParams,
        response: {
          201: z.object({
            documentId: z.uuid(),
            litigationOn: z.string(),
            journalEntryId: z.uuid(),
            outstandingCents: z.number().int(),
          }),
        },
      },
    },
    (req, reply) =>
      idempotent(deps, req, reply, 201, (claim) =>
        service.sendToLitigation(contextOf(deps, req), req.params.id, claim),
      ),
  );
  const entityParams = z.object({ entityId: z.uuid() });
  app.get(
    '/api/v1/collection/policies/:entityId',
    {
      schema: {
        tags: collectionTags,
        summary: 'The reminder schedule of an entity',
        params: entityParams,
        response: { 200: dunningPolicyView },
      },
    },
    (req) => service.getDunningPolicy(contextOf(deps, req), req.params.entityId),
  );
  app.put(
    '/api/v1/collection/policies/:entityId',
    {
      schema: {
        tags: collectionTags,
        summary: 'Set the reminder schedule of an entity (days after the due date)',
        params: entityParams,
        body: dunningPolicyInput,
        response: { 200: dunningPolicyView },
      },
    },
    (req) => service.setDunningPolicy(contextOf(deps, req), req.params.entityId, req.body),
  );
};
