import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  convertInput,
  creditNoteInput,
  type DocumentKind,
  invoiceInput,
  invoiceUpdate,
  publicAcceptanceInput,
  publicQuoteView,
  quoteDecisionInput,
  quoteInput,
  quoteUpdate,
  type SalesDocumentSummary,
  salesDocumentSummary,
  salesDocumentView,
  salesTotals,
  sendInput,
  validationDecisionInput,
  validationRequestInput,
} from '../../domain/invoicing/schemas.ts';
import { isoDate } from '../../domain/ledger/schemas.ts';
import type { Deps } from '../context.ts';
import { type ExportColumn, sendExport } from '../http/exports.ts';
import { idempotencyHeaders, idempotent } from '../http/idempotency.ts';
import { listQuery, pageSchema, readListQuery } from '../http/lists.ts';
import { contextOf } from '../http/session.ts';
import * as service from './service.ts';

const idParams = z.object({ id: z.uuid() });
const filters = {
  status: z.string().max(40).optional(),
  clientId: z.uuid().optional(),
  activityId: z.uuid().optional(),
  officeId: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
};
const query = listQuery(service.documentSortable).extend(filters);
const exportQuery = z.object({
  ...filters,
  q: z.string().trim().max(100).optional(),
  format: z.enum(['csv', 'xlsx']).default('csv'),
});
const page = pageSchema(salesDocumentSummary).extend({ totals: salesTotals });

const statusLabels: Record<string, string> = {
  draft: 'brouillon',
  awaiting_validation: 'à valider',
  issued: 'émise',
  sent: 'envoyé',
  partially_paid: 'payée en partie',
  paid: 'payée',
  overdue: 'en retard',
  cancelled: 'annulée',
  accepted: 'accepté',
  refused: 'refusé',
  expired: 'expiré',
};
const exportColumns: ExportColumn<SalesDocumentSummary>[] = [
  { header: 'Numéro', value: (r) => r.number, width: 18 },
  { header: 'Date', kind: 'date', value: (r) => r.issueDate },
  { header: 'Échéance', kind: 'date', value: (r) => r.dueDate ?? r.validUntil },
  { header: 'Statut', value: (r) => statusLabels[r.status] ?? r.status, width: 14 },
  { header: 'Client', value: (r) => r.client.name, width: 32 },
  { header: 'Activité', value: (r) => r.activity.name, width: 32 },
  { header: 'Agence', value: (r) => r.office?.name, width: 16 },
  { header: 'Objet', value: (r) => r.subject, width: 40 },
  { header: 'Total HT', kind: 'cents', value: (r) => r.totalExclVatCents },
  { header: 'TVA', kind: 'cents', value: (r) => r.totalVatCents },
  { header: 'Total TTC', kind: 'cents', value: (r) => r.totalInclVatCents },
];

type Collection = { path: string; tag: string; kinds: readonly DocumentKind[]; file: string; what: string };
const quotes: Collection = {
  path: '/api/v1/quotes',
  tag: 'quotes',
  kinds: ['quote'],
  file: 'devis',
  what: 'quotes',
};
const invoices: Collection = {
  path: '/api/v1/invoices',
  tag: 'invoices',
  kinds: ['invoice', 'deposit_invoice'],
  file: 'factures',
  what: 'invoices (deposit invoices included)',
};
const creditNotes: Collection = {
  path: '/api/v1/credit-notes',
  tag: 'credit-notes',
  kinds: ['credit_note'],
  file: 'avoirs',
  what: 'credit notes',
};

export const invoicingRoutes = (deps: Deps) => async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  // Lists, exports, one document and sending: the same for the three collections.
  for (const c of [quotes, invoices, creditNotes]) {
    const tags = [c.tag];
    app.get(
      c.path,
      {
        schema: {
          tags,
          summary: `List ${c.what} with their totals (status, client, activity, office, period; overdue and expired read from the dates)`,
          querystring: query,
          response: { 200: page },
        },
      },
      (req) => {
        const { status, clientId, activityId, officeId, from, to, ...list } = req.query;
        return service.listDocuments(
          contextOf(deps, req),
          c.kinds,
          { status, clientId, activityId, officeId, from, to },
          readListQuery(list),
        );
      },
    );
    app.get(
      `${c.path}/export`,
      { schema: { tags, summary: `Export the filtered ${c.what} (CSV or XLSX)`, querystring: exportQuery } },
      async (req, reply) => {
        const { format, q, ...filter } = req.query;
        const ctx = contextOf(deps, req);
        // The first page checks access before anything is sent.
        const first = await service.listDocuments(ctx, c.kinds, filter, {
          limit: 1,
          offset: 0,
          ...(q ? { q } : {}),
        });
        void first;
        return sendExport(
          reply,
          format,
          `${c.file}-${ctx.clock().toISOString().slice(0, 10)}`,
          exportColumns,
          service.allDocuments(ctx, c.kinds, filter),
        );
      },
    );
    app.get(
      `${c.path}/:id`,
      {
        schema: {
          tags,
          summary: 'One document with its lines, VAT breakdown, status and history',
          params: idParams,
          response: { 200: salesDocumentView },
        },
      },
      (req) => service.getDocument(contextOf(deps, req), req.params.id, c.kinds),
    );
    const formats = c.kinds.includes('quote') ? (['pdf'] as const) : (['pdf', 'facturx', 'ubl'] as const);
    for (const format of formats)
      app.get(
        `${c.path}/:id/${format}`,
        {
          schema: {
            tags,
            summary: {
              pdf: 'The printed document (a draft as a preview)',
              facturx: 'Factur-X EN 16931: PDF/A-3 with the CII XML inside (issued documents)',
              ubl: 'UBL 2.1 XML, PEPPOL BIS Billing 3.0 (issued documents)',
            }[format],
            params: idParams,
            querystring: z.object({ inline: z.enum(['true', 'false']).optional() }),
          },
        },
        async (req, reply) => {
          const file = await service.documentFile(contextOf(deps, req), req.params.id, c.kinds, format);
          const disposition = req.query.inline === 'true' ? 'inline' : 'attachment';
          return reply
            .type(file.type)
            .header('content-disposition', `${disposition}; filename="${file.name}"`)
            .send(file.bytes);
        },
      );
    app.post(
      `${c.path}/:id/send`,
      {
        schema: {
          tags,
          summary:
            'Send by e-mail to the client (through the outbox); a quote gets its number on first sending',
          params: idParams,
          body: sendInput,
          response: { 200: salesDocumentView },
        },
      },
      (req) => service.sendDocument(contextOf(deps, req), req.params.id, req.body, c.kinds),
    );
  }

  // ——— Quotes ———
  app.post(
    quotes.path,
    {
      schema: {
        tags: ['quotes'],
        summary: 'Draft a quote on one of my activities',
        body: quoteInput,
        response: { 201: salesDocumentView },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createQuote(contextOf(deps, req), req.body)),
  );
  app.put(
    `${quotes.path}/:id`,
    {
      schema: {
        tags: ['quotes'],
        summary: 'Replace a draft quote',
        params: idParams,
        body: quoteUpdate,
        response: { 200: salesDocumentView },
      },
    },
    (req) => service.updateDraft(contextOf(deps, req), req.params.id, req.body, quotes.kinds),
  );
  app.delete(
    `${quotes.path}/:id`,
    {
      schema: {
        tags: ['quotes'],
        summary: 'Delete a draft quote',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await service.deleteDraft(contextOf(deps, req), req.params.id, quotes.kinds);
      return reply.code(204).send(null);
    },
  );
  app.post(
    `${quotes.path}/:id/duplicate`,
    {
      schema: {
        tags: ['quotes'],
        summary: 'A new draft with the same client, lines and terms',
        params: idParams,
        response: { 201: salesDocumentView },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.duplicateQuote(contextOf(deps, req), req.params.id)),
  );
  app.post(
    `${quotes.path}/:id/decision`,
    {
      schema: {
        tags: ['quotes'],
        summary: 'Record the client’s answer given another way (accepted or refused)',
        params: idParams,
        body: quoteDecisionInput,
        response: { 200: salesDocumentView },
      },
    },
    (req) => service.decideQuote(contextOf(deps, req), req.params.id, req.body.decision),
  );
  app.post(
    `${quotes.path}/:id/invoices`,
    {
      schema: {
        tags: ['quotes'],
        summary:
          'Turn an accepted quote into a draft invoice: whole, a deposit (a share of it) or the balance after deposits',
        params: idParams,
        headers: idempotencyHeaders,
        body: convertInput,
        response: { 201: salesDocumentView },
      },
    },
    (req, reply) =>
      idempotent(deps, req, reply, 201, (claim) =>
        service.convertQuote(contextOf(deps, req), req.params.id, req.body, claim),
      ),
  );

  // The client's side of a quote: a signed link, no account.
  const tokenParams = z.object({ token: z.string().min(10).max(200) });
  app.get(
    '/api/v1/public/quotes/:token',
    {
      schema: {
        tags: ['quotes'],
        summary: 'A quote as its client sees it through the signed link (no account)',
        security: [],
        params: tokenParams,
        response: { 200: publicQuoteView },
      },
    },
    (req) => service.publicQuote(deps, req.params.token),
  );
  app.post(
    '/api/v1/public/quotes/:token/answer',
    {
      schema: {
        tags: ['quotes'],
        summary:
          'The client accepts or refuses the quote; name, date and address are recorded; an expired quote cannot be accepted',
        security: [],
        params: tokenParams,
        body: publicAcceptanceInput,
        response: { 200: publicQuoteView },
      },
    },
    (req) => service.answerPublicQuote(deps, req.params.token, req.body, req.ip ?? null),
  );

  // ——— Invoices ———
  app.post(
    invoices.path,
    {
      schema: {
        tags: ['invoices'],
        summary: 'Draft an invoice on one of my activities',
        body: invoiceInput,
        response: { 201: salesDocumentView },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createInvoice(contextOf(deps, req), req.body)),
  );
  app.put(
    `${invoices.path}/:id`,
    {
      schema: {
        tags: ['invoices'],
        summary: 'Replace a draft invoice (issued ones are immutable)',
        params: idParams,
        body: invoiceUpdate,
        response: { 200: salesDocumentView },
      },
    },
    (req) => service.updateDraft(contextOf(deps, req), req.params.id, req.body, invoices.kinds),
  );
  app.delete(
    `${invoices.path}/:id`,
    {
      schema: {
        tags: ['invoices'],
        summary: 'Delete a draft invoice (it has no number yet)',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await service.deleteDraft(contextOf(deps, req), req.params.id, invoices.kinds);
      return reply.code(204).send(null);
    },
  );
  app.post(
    `${invoices.path}/:id/issue`,
    {
      schema: {
        tags: ['invoices'],
        summary:
          'Issue: next number of the entity’s series, frozen, sales entry posted (within the activity’s cap for a member)',
        params: idParams,
        headers: idempotencyHeaders,
        response: { 200: salesDocumentView },
      },
    },
    (req, reply) =>
      idempotent(deps, req, reply, 200, (claim) =>
        service.issueInvoice(contextOf(deps, req), req.params.id, claim),
      ),
  );
  app.post(
    `${invoices.path}/:id/validation-request`,
    {
      schema: {
        tags: ['invoices'],
        summary: 'Ask the advisers of the member’s office to validate (and issue) a draft',
        params: idParams,
        body: validationRequestInput,
        response: { 200: salesDocumentView },
      },
    },
    (req) => service.requestValidation(contextOf(deps, req), req.params.id, req.body.comment),
  );
  app.post(
    `${invoices.path}/:id/validation`,
    {
      schema: {
        tags: ['invoices'],
        summary: 'The adviser approves (the invoice is issued) or refuses (back to draft, with a comment)',
        params: idParams,
        headers: idempotencyHeaders,
        body: validationDecisionInput,
        response: { 200: salesDocumentView },
      },
    },
    (req, reply) =>
      idempotent(deps, req, reply, 200, (claim) =>
        service.decideValidation(contextOf(deps, req), req.params.id, req.body, claim),
      ),
  );

  // ——— Credit notes ———
  app.post(
    creditNotes.path,
    {
      schema: {
        tags: ['credit-notes'],
        summary:
          'Issue a credit note on an invoice: the lines given, or all that remains; never above what remains',
        headers: idempotencyHeaders,
        body: creditNoteInput,
        response: { 201: salesDocumentView },
      },
    },
    (req, reply) =>
      idempotent(deps, req, reply, 201, (claim) =>
        service.createCreditNote(contextOf(deps, req), req.body, claim),
      ),
  );

  // ——— The activity's setting ———
  const settings = z.object({
    /** A member may issue alone up to this amount incl. VAT; null: every invoice is validated by an adviser. */
    selfIssueCapCents: z.number().int().min(0).max(1_000_000_000).nullable(),
  });
  app.get(
    '/api/v1/activities/:id/sales-settings',
    {
      schema: {
        tags: ['invoices'],
        summary: 'Whether the members of an activity may issue invoices alone, up to what amount',
        params: idParams,
        response: { 200: settings },
      },
    },
    (req) => service.getSalesSettings(contextOf(deps, req), req.params.id),
  );
  app.put(
    '/api/v1/activities/:id/sales-settings',
    {
      schema: {
        tags: ['invoices'],
        summary: 'Let the members issue alone up to a cap, or not (advisers, admins)',
        params: idParams,
        body: settings,
        response: { 200: settings },
      },
    },
    (req) => service.setSalesSettings(contextOf(deps, req), req.params.id, req.body.selfIssueCapCents),
  );

  // ——— The member's home ———
  app.get(
    '/api/v1/sales/digest',
    {
      schema: {
        tags: ['invoices'],
        summary: 'Accepted quotes still to invoice and invoices past their due date, within what I may see',
        response: {
          200: z.object({ toInvoice: z.array(salesDocumentSummary), late: z.array(salesDocumentSummary) }),
        },
      },
    },
    (req) => service.salesDigest(contextOf(deps, req)),
  );
};
