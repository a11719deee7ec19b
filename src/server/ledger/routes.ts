import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auxiliaryKinds } from '../../domain/ledger/chart.ts';
import {
  accountInput,
  accountPatch,
  accountView,
  activityBalancesView,
  auxiliaryInput,
  auxiliaryView,
  entryListQuery,
  entryView,
  exportFormat,
  fiscalYearInput,
  fiscalYearView,
  generalLedgerQuery,
  isoDate,
  isoMonth,
  journalInput,
  journalLineView,
  journalReportQuery,
  journalView,
  ledgerLineView,
  lockView,
  manualEntryInput,
  periodQuery,
  reversalInput,
  statementView,
  trialBalanceView,
} from '../../domain/ledger/schemas.ts';
import type { Deps } from '../context.ts';
import { type ExportColumn, sendExport } from '../http/exports.ts';
import { idempotencyHeaders, idempotent } from '../http/idempotency.ts';
import { listQuery, pageSchema, readListQuery } from '../http/lists.ts';
import { contextOf } from '../http/session.ts';
import type { JournalLineRow, LedgerLineRow } from './service.ts';
import * as service from './service.ts';

const entityParams = z.object({ entityId: z.uuid() });
const idParams = z.object({ id: z.uuid() });
const monthParams = entityParams.extend({ month: isoMonth });
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
const paged = <T extends z.ZodType>(item: T) =>
  pageSchema(item).extend({ from: z.string().nullable(), to: z.string().nullable() });
const withFormat = periodQuery.extend({ format: exportFormat });

const periodOf = (q: {
  fiscalYearId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}) => ({
  fiscalYearId: q.fiscalYearId,
  from: q.from,
  to: q.to,
});

const ledgerColumns: ExportColumn<LedgerLineRow>[] = [
  { header: 'Compte', value: (r) => r.accountNumber, width: 10 },
  { header: 'Libellé du compte', value: (r) => r.accountLabel, width: 32 },
  { header: 'Compte auxiliaire', value: (r) => r.auxiliaryCode, width: 14 },
  { header: 'Libellé auxiliaire', value: (r) => r.auxiliaryLabel },
  { header: 'Date', kind: 'date', value: (r) => r.entryDate },
  { header: 'Écriture', value: (r) => r.reference, width: 18 },
  { header: 'Journal', value: (r) => r.journalCode, width: 8 },
  { header: 'Pièce', value: (r) => r.pieceRef, width: 18 },
  { header: 'Libellé', value: (r) => r.label, width: 40 },
  { header: 'Activité', value: (r) => r.activityName },
  { header: 'Débit', kind: 'cents', value: (r) => r.debitCents },
  { header: 'Crédit', kind: 'cents', value: (r) => r.creditCents },
  { header: 'Solde', kind: 'cents', value: (r) => r.balanceCents },
];

const journalColumns: ExportColumn<JournalLineRow>[] = [
  { header: 'Journal', value: (r) => r.journalCode, width: 8 },
  { header: 'Écriture', value: (r) => r.reference, width: 18 },
  { header: 'Date', kind: 'date', value: (r) => r.entryDate },
  { header: 'Libellé de l’écriture', value: (r) => r.entryLabel, width: 40 },
  { header: 'Pièce', value: (r) => r.pieceRef, width: 18 },
  { header: 'Ligne', kind: 'integer', value: (r) => r.lineNo, width: 6 },
  { header: 'Compte', value: (r) => r.accountNumber, width: 10 },
  { header: 'Libellé du compte', value: (r) => r.accountLabel, width: 32 },
  { header: 'Compte auxiliaire', value: (r) => r.auxiliaryCode, width: 14 },
  { header: 'Libellé', value: (r) => r.label, width: 40 },
  { header: 'Activité', value: (r) => r.activityName },
  { header: 'Débit', kind: 'cents', value: (r) => r.debitCents },
  { header: 'Crédit', kind: 'cents', value: (r) => r.creditCents },
];

type TrialRow = z.infer<typeof trialBalanceView>['rows'][number];
const trialColumns: ExportColumn<TrialRow>[] = [
  { header: 'Compte', value: (r) => r.accountNumber, width: 10 },
  { header: 'Libellé', value: (r) => r.accountLabel, width: 40 },
  { header: 'Débit', kind: 'cents', value: (r) => r.debitCents },
  { header: 'Crédit', kind: 'cents', value: (r) => r.creditCents },
  { header: 'Solde débiteur', kind: 'cents', value: (r) => r.balanceDebitCents },
  { header: 'Solde créditeur', kind: 'cents', value: (r) => r.balanceCreditCents },
];

type BalanceRow = z.infer<typeof activityBalancesView>['items'][number];
const figureColumns = <T>(figures: (r: T) => BalanceRow['figures']): ExportColumn<T>[] => [
  { header: 'Facturé HT', kind: 'cents', value: (r) => figures(r).invoicedCents },
  { header: 'Encaissé TTC', kind: 'cents', value: (r) => figures(r).collectedCents },
  { header: 'Créances clients TTC', kind: 'cents', value: (r) => figures(r).outstandingReceivablesCents },
  { header: 'Dépenses', kind: 'cents', value: (r) => figures(r).expensesCents },
  { header: 'Salaires et charges', kind: 'cents', value: (r) => figures(r).salaryPaidCents },
  { header: 'Contribution coopérative', kind: 'cents', value: (r) => figures(r).feeCents },
  { header: 'Couverture fonds de garantie', kind: 'cents', value: (r) => figures(r).coverCents },
  { header: 'Virements analytiques', kind: 'cents', value: (r) => figures(r).transfersCents },
  { header: 'Résultat', kind: 'cents', value: (r) => figures(r).resultCents },
  { header: 'Solde disponible', kind: 'cents', value: (r) => figures(r).availableBalanceCents },
];
const balanceColumns: ExportColumn<BalanceRow>[] = [
  { header: 'Activité', value: (r) => r.activity.name, width: 40 },
  { header: 'Membres', value: (r) => r.members.join(', '), width: 30 },
  { header: 'Statut', value: (r) => (r.activity.status === 'open' ? 'ouverte' : 'fermée'), width: 10 },
  ...figureColumns<BalanceRow>((r) => r.figures),
];

type MovementRow = z.infer<typeof statementView>['movements'][number];
const categoryLabels: Record<MovementRow['category'], string> = {
  revenue: 'Facturation',
  collection: 'Encaissement',
  fee: 'Contribution coopérative',
  expense: 'Dépense',
  salary: 'Salaire',
  advance: 'Avance',
  cover: 'Fonds de garantie',
  transfer: 'Virement analytique',
  other: 'Autre',
};
const movementColumns: ExportColumn<MovementRow>[] = [
  { header: 'Date', kind: 'date', value: (r) => r.entryDate },
  { header: 'Écriture', value: (r) => r.reference, width: 18 },
  { header: 'Nature', value: (r) => categoryLabels[r.category], width: 22 },
  { header: 'Libellé', value: (r) => r.label, width: 44 },
  { header: 'Pièce', value: (r) => r.pieceRef, width: 18 },
  { header: 'Montant', kind: 'cents', value: (r) => r.amountCents },
  { header: 'Solde', kind: 'cents', value: (r) => r.balanceCents },
];

export const ledgerRoutes = (deps: Deps) => async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['ledger'];
  const base = '/api/v1/ledger/entities/:entityId';

  // ——— Chart of accounts, auxiliary accounts, journals ———
  app.get(
    `${base}/accounts`,
    {
      schema: {
        tags,
        summary: 'Chart of accounts of an entity (accountants)',
        params: entityParams,
        querystring: z.object({
          q: z.string().trim().max(100).optional(),
          includeInactive: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: items(accountView) },
      },
    },
    (req) =>
      service.listAccounts(contextOf(deps, req), req.params.entityId, {
        includeInactive: req.query.includeInactive === 'true',
        ...(req.query.q ? { q: req.query.q } : {}),
      }),
  );
  app.post(
    `${base}/accounts`,
    {
      schema: {
        tags,
        summary: 'Add an account to the chart',
        params: entityParams,
        body: accountInput,
        response: { 201: accountView },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.createAccount(contextOf(deps, req), req.params.entityId, req.body)),
  );
  app.patch(
    '/api/v1/ledger/accounts/:id',
    {
      schema: {
        tags,
        summary: 'Rename, (de)activate, or change the auxiliary kind of an unused account',
        params: idParams,
        body: accountPatch,
        response: { 200: accountView },
      },
    },
    (req) => service.updateAccount(contextOf(deps, req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/ledger/accounts/:id',
    { schema: { tags, summary: 'Remove an account no line uses', params: idParams } },
    async (req, reply) => {
      await service.deleteAccount(contextOf(deps, req), req.params.id);
      return reply.code(204).send();
    },
  );
  app.get(
    `${base}/auxiliary-accounts`,
    {
      schema: {
        tags,
        summary: 'Auxiliary accounts (clients, members, suppliers) of an entity',
        params: entityParams,
        querystring: listQuery(['code'] as const).extend({ kind: z.enum(auxiliaryKinds).optional() }),
        response: { 200: pageSchema(auxiliaryView) },
      },
    },
    (req) => {
      const { kind, ...list } = req.query;
      return service.listAuxiliaries(
        contextOf(deps, req),
        req.params.entityId,
        kind ? { kind } : {},
        readListQuery(list),
      );
    },
  );
  app.post(
    `${base}/auxiliary-accounts`,
    {
      schema: {
        tags,
        summary: 'Add a supplier auxiliary account (clients’ and members’ are created on first use)',
        params: entityParams,
        body: auxiliaryInput,
        response: { 201: auxiliaryView },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await service.createAuxiliary(contextOf(deps, req), req.params.entityId, req.body)),
  );
  app.get(
    `${base}/journals`,
    {
      schema: {
        tags,
        summary: 'Journals of an entity',
        params: entityParams,
        response: { 200: items(journalView) },
      },
    },
    (req) => service.listJournals(contextOf(deps, req), req.params.entityId),
  );
  app.post(
    `${base}/journals`,
    {
      schema: {
        tags,
        summary: 'Add a journal',
        params: entityParams,
        body: journalInput,
        response: { 201: journalView },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.createJournal(contextOf(deps, req), req.params.entityId, req.body)),
  );
  app.patch(
    '/api/v1/ledger/journals/:id',
    {
      schema: {
        tags,
        summary: 'Rename a journal',
        params: idParams,
        body: z.object({ label: z.string().trim().min(1).max(80) }),
        response: { 200: journalView },
      },
    },
    (req) => service.renameJournal(contextOf(deps, req), req.params.id, req.body.label),
  );

  // ——— Fiscal years and month locks ———
  app.get(
    `${base}/fiscal-years`,
    {
      schema: {
        tags,
        summary: 'Fiscal years of an entity',
        params: entityParams,
        response: { 200: items(fiscalYearView) },
      },
    },
    (req) => service.listFiscalYears(contextOf(deps, req), req.params.entityId),
  );
  app.post(
    `${base}/fiscal-years`,
    {
      schema: {
        tags,
        summary: 'Open a fiscal year (the first one also sets up the chart of accounts and journals)',
        params: entityParams,
        body: fiscalYearInput,
        response: { 201: fiscalYearView },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await service.createFiscalYear(contextOf(deps, req), req.params.entityId, req.body)),
  );
  app.post(
    '/api/v1/ledger/fiscal-years/:id/close',
    {
      schema: {
        tags,
        summary: 'Close a fiscal year (accountants)',
        params: idParams,
        response: { 200: fiscalYearView },
      },
    },
    (req) => service.closeFiscalYear(contextOf(deps, req), req.params.id),
  );
  app.post(
    '/api/v1/ledger/fiscal-years/:id/reopen',
    {
      schema: {
        tags,
        summary: 'Reopen a closed fiscal year (admins, audited)',
        params: idParams,
        response: { 200: fiscalYearView },
      },
    },
    (req) => service.reopenFiscalYear(contextOf(deps, req), req.params.id),
  );
  app.get(
    `${base}/locks`,
    {
      schema: {
        tags,
        summary: 'Locked months of an entity',
        params: entityParams,
        response: { 200: items(lockView) },
      },
    },
    (req) => service.listLocks(contextOf(deps, req), req.params.entityId),
  );
  app.put(
    `${base}/locks/:month`,
    {
      schema: {
        tags,
        summary: 'Lock a month (YYYY-MM): no more entries dated in it',
        params: monthParams,
        response: { 200: lockView },
      },
    },
    (req) => service.lockMonth(contextOf(deps, req), req.params.entityId, req.params.month),
  );
  app.delete(
    `${base}/locks/:month`,
    { schema: { tags, summary: 'Unlock a month (admins, audited)', params: monthParams } },
    async (req, reply) => {
      await service.unlockMonth(contextOf(deps, req), req.params.entityId, req.params.month);
      return reply.code(204).send();
    },
  );

  // ——— Entries ———
  app.get(
    `${base}/entries`,
    {
      schema: {
        tags,
        summary: 'Entries of an entity, newest first, with their lines',
        params: entityParams,
        querystring: entryListQuery,
        response: { 200: pageSchema(entryView) },
      },
    },
    (req) => {
      const { limit, cursor, q, journalCode, accountNumber, activityId, ...period } = req.query;
      return service.listEntries(
        contextOf(deps, req),
        req.params.entityId,
        { ...periodOf(period), journalCode, accountNumber, activityId, q },
        readListQuery({ limit, cursor }),
      );
    },
  );
  app.post(
    '/api/v1/ledger/entries',
    {
      schema: {
        tags,
        summary: 'Post a manual entry (OD unless another journal is named); accepts Idempotency-Key',
        headers: idempotencyHeaders,
        body: manualEntryInput,
        response: { 201: entryView },
      },
    },
    (req, reply) =>
      idempotent(deps, req, reply, 201, (claim) =>
        service.postManualEntry(contextOf(deps, req), req.body, claim),
      ),
  );
  app.get(
    '/api/v1/ledger/entries/:id',
    { schema: { tags, summary: 'One entry with its lines', params: idParams, response: { 200: entryView } } },
    (req) => service.getEntry(contextOf(deps, req), req.params.id),
  );
  app.post(
    '/api/v1/ledger/entries/:id/reversal',
    {
      schema: {
        tags,
        summary: 'Reverse an entry (once); accepts Idempotency-Key',
        headers: idempotencyHeaders,
        params: idParams,
        body: reversalInput,
        response: { 201: entryView },
      },
    },
    (req, reply) =>
      idempotent(deps, req, reply, 201, (claim) =>
        service.reverseEntryById(contextOf(deps, req), req.params.id, req.body, claim),
      ),
  );

  // ——— Reports (JSON, or CSV / XLSX with ?format=) ———
  app.get(
    `${base}/reports/trial-balance`,
    {
      schema: {
        tags,
        summary: 'Trial balance over a period (general ledger, no analytic journal)',
        params: entityParams,
        querystring: withFormat,
        response: { 200: trialBalanceView },
      },
    },
    async (req, reply) => {
      const ctx = contextOf(deps, req);
      const report = await service.getTrialBalance(ctx, req.params.entityId, periodOf(req.query));
      if (req.query.format === 'json') return report;
      const name = `balance-${report.from ?? 'debut'}-${report.to ?? 'fin'}`;
      return sendExport(reply, req.query.format, name, trialColumns, [report.rows]);
    },
  );
  app.get(
    `${base}/reports/general-ledger`,
    {
      schema: {
        tags,
        summary: 'General ledger: lines per account (and auxiliary account) with running balances',
        params: entityParams,
        querystring: generalLedgerQuery,
        response: { 200: paged(ledgerLineView) },
      },
    },
    async (req, reply) => {
      const ctx = contextOf(deps, req);
      const { format, limit, cursor, accountNumber, byAuxiliary, ...period } = req.query;
      const q = { ...periodOf(period), accountNumber, byAuxiliary };
      if (format === 'json')
        return service.getGeneralLedger(ctx, req.params.entityId, q, readListQuery({ limit, cursor }));
      const { fileBase, pages } = await service.exportGeneralLedger(ctx, req.params.entityId, q);
      return sendExport(reply, format, fileBase, ledgerColumns, pages);
    },
  );
  app.get(
    `${base}/reports/journal`,
    {
      schema: {
        tags,
        summary: 'Journal listing: entries by journal and number, with their lines',
        params: entityParams,
        querystring: journalReportQuery,
        response: { 200: paged(journalLineView) },
      },
    },
    async (req, reply) => {
      const ctx = contextOf(deps, req);
      const { format, limit, cursor, journalCode, ...period } = req.query;
      const q = { ...periodOf(period), journalCode };
      if (format === 'json')
        return service.getJournalReport(ctx, req.params.entityId, q, readListQuery({ limit, cursor }));
      const { fileBase, pages } = await service.exportJournalReport(ctx, req.params.entityId, q);
      return sendExport(reply, format, fileBase, journalColumns, pages);
    },
  );
  app.get(
    `${base}/reports/activity-balances`,
    {
      schema: {
        tags,
        summary: 'Figures and available balance of every activity of the entity',
        params: entityParams,
        querystring: withFormat,
        response: { 200: activityBalancesView },
      },
    },
    async (req, reply) => {
      const ctx = contextOf(deps, req);
      const report = await service.getActivityBalances(ctx, req.params.entityId, periodOf(req.query));
      if (req.query.format === 'json') return report;
      const name = `activites-${report.from ?? 'debut'}-${report.to ?? 'fin'}`;
      return sendExport(reply, req.query.format, name, balanceColumns, [report.items]);
    },
  );
  app.get(
    '/api/v1/ledger/fiscal-years/:id/fec',
    {
      schema: {
        tags,
        summary: 'FEC of a fiscal year (LPF art. A47 A-1), streamed as text/plain',
        params: idParams,
      },
    },
    async (req, reply) => {
      const { fileName, chunks } = await service.fecExportFor(contextOf(deps, req), req.params.id);
      return reply
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .type('text/plain; charset=utf-8')
        .send(Readable.from(chunks));
    },
  );

  // ——— The activity account ———
  app.get(
    '/api/v1/activities/:id/account',
    {
      schema: {
        tags: ['activities', 'ledger'],
        summary: 'The activity account: movements, running balance, figures, month by month',
        params: idParams,
        querystring: z.object({ from: isoDate.optional(), to: isoDate.optional(), format: exportFormat }),
        response: { 200: statementView },
      },
    },
    async (req, reply) => {
      const ctx = contextOf(deps, req);
      const statement = await service.getActivityAccount(ctx, req.params.id, req.query);
      if (req.query.format === 'json') return statement;
      const name = `compte-activite-${statement.activity.name}-${statement.to ?? 'aujourdhui'}`;
      return sendExport(reply, req.query.format, name, movementColumns, [statement.movements]);
    },
  );
};
