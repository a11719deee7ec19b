import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  bankAccountInput,
  bankAccountView,
  lineListQuery,
  lineStatus,
  matchInput,
  openInvoiceView,
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
};
