import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contractInput, contractPatch, contractView } from '../../domain/payroll/contracts.ts';
import {
  contributionTotalsView,
  employerInput,
  employerView,
  payrollRunInput,
  payrollRunView,
  payslipView,
  salaryBalanceView,
  salaryPreviewView,
  salaryRequestInput,
  salaryRequestView,
  salaryReturnInput,
  salaryStatuses,
  salaryValidationInput,
} from '../../domain/payroll/requests.ts';
import { payrollPeriod, simulationInput, simulationView } from '../../domain/payroll/schemas.ts';
import type { Deps } from '../context.ts';
import { renderPayslipPdf } from '../documents/payslip-pdf.ts';
import { type ExportColumn, sendExport } from '../http/exports.ts';
import { idempotencyHeaders, idempotent } from '../http/idempotency.ts';
import { listQuery, pageSchema, readListQuery } from '../http/lists.ts';
import { languageOf } from '../http/problem.ts';
import { type RateLimit, rateLimitHook } from '../http/rate-limit.ts';
import { contextOf } from '../http/session.ts';
import * as service from './service.ts';

const idParams = z.object({ id: z.uuid() });
const entityParams = z.object({ entityId: z.uuid() });
const tags = ['payroll'];
const noList = listQuery(['createdAt'] as const).omit({ sort: true, q: true });

type ContributionRow = {
  body: string;
  family: string;
  code: string;
  baseCents: number;
  employeeCents: number;
  employerCents: number;
  payslips: number;
};
const bodyLabels: Record<string, string> = {
  urssaf: 'URSSAF',
  retirement: 'Retraite complémentaire (Agirc-Arrco)',
  other: 'Autres organismes (prévoyance, mutuelle, congés spectacles)',
};
const contributionColumns: ExportColumn<ContributionRow>[] = [
  { header: 'Organisme', value: (r) => bodyLabels[r.body] ?? r.body, width: 36 },
  { header: 'Famille', value: (r) => r.family, width: 18 },
  { header: 'Cotisation', value: (r) => r.code, width: 22 },
  { header: 'Bulletins', kind: 'integer', value: (r) => r.payslips },
  { header: 'Base', kind: 'cents', value: (r) => r.baseCents },
  { header: 'Part salariale', kind: 'cents', value: (r) => r.employeeCents },
  { header: 'Part patronale', kind: 'cents', value: (r) => r.employerCents },
  { header: 'Total', kind: 'cents', value: (r) => r.employeeCents + r.employerCents },
];

export const payrollRoutes =
  (deps: Deps, o: { simulationLimit: RateLimit }) => async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.post(
      '/api/v1/payroll/simulations',
      {
        onRequest: rateLimitHook(o.simulationLimit, deps.clock),
        schema: {
          tags,
          summary: 'Simulate a month of salary with the URSSAF rules (public, rate-limited per address)',
          description: [
            'Start from one amount in `from` and get every other figure, each equal to the published URSSAF rules',
            '(modele-social, named in `ruleset`) rounded to the cent:',
            '',
            '- `grossCents`: the contractual gross salary, computed forward;',
            '- `employerCostCents` or `netCents` (net to pay before income tax): the gross is solved from it;',
            '- `invoicedCents`, with `invoicing.feeRateBp` and `invoicing.expensesCents`: the cooperative fee',
            '  and the expenses are taken from the invoice (excl. VAT), the rest is the employer cost.',
            '',
            'With `invoicing` and any other `from`, `invoicing.invoicedCents` in the answer is the smallest',
            'amount to invoice that pays this salary (target net → what to invoice). `withholdingRateBp` gives',
            '`netAfterTaxCents`. `lines` break the contributions down by family of the simplified payslip,',
            'adding up exactly to their totals; `notices` carry the rules’ warnings and any correction we apply',
            'to them.',
            '',
            'Refusals: 400 (invalid input, with pointers), 422 `payroll.period_not_covered`,',
            '`payroll.no_salary_for_amount`, `payroll.budget_not_positive`, `payroll.rules_incomplete`;',
            '429 `request.rate_limited` with `Retry-After`.',
          ].join('\n'),
          security: [],
          body: simulationInput,
          response: { 200: simulationView },
        },
      },
      (req) => service.simulate(req.body, languageOf(req)),
    );

    // ——— Employment contracts ———
    app.get(
      '/api/v1/employment-contracts',
      {
        schema: {
          tags,
          summary: 'Employment contracts the caller may see (a member: their own)',
          querystring: noList.extend({ memberId: z.uuid().optional(), entityId: z.uuid().optional() }),
          response: { 200: pageSchema(contractView) },
        },
      },
      (req) => {
        const { limit, cursor, memberId, entityId } = req.query;
        return service.listContracts(
          contextOf(deps, req),
          { memberId, entityId },
          readListQuery({ limit, cursor }),
        );
      },
    );
    app.post(
      '/api/v1/employment-contracts',
      {
        schema: {
          tags,
          summary: 'Create a member’s employment contract (payroll team)',
          body: contractInput,
          response: { 201: contractView },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await service.createContract(contextOf(deps, req), req.body)),
    );
    app.get(
      '/api/v1/employment-contracts/:id',
      {
        schema: {
          tags,
          summary: 'One employment contract',
          params: idParams,
          response: { 200: contractView },
        },
      },
      (req) => service.getContract(contextOf(deps, req), req.params.id),
    );
    app.patch(
      '/api/v1/employment-contracts/:id',
      {
        schema: {
          tags,
          summary: 'Change an employment contract (payroll team)',
          params: idParams,
          body: contractPatch,
          response: { 200: contractView },
        },
      },
      (req) => service.updateContract(contextOf(deps, req), req.params.id, req.body),
    );

    // ——— Employer identity on payslips ———
    app.get(
      '/api/v1/payroll/employers/:entityId',
      {
        schema: {
          tags,
          summary: 'What payslips and transfers say of an entity as employer',
          params: entityParams,
          response: { 200: employerView },
        },
      },
      (req) => service.getEmployer(contextOf(deps, req), req.params.entityId),
    );
    app.put(
      '/api/v1/payroll/employers/:entityId',
      {
        schema: {
          tags,
          summary: 'Set the SIRET, NAF code, URSSAF and bank account of an entity as employer',
          params: entityParams,
          body: employerInput,
          response: { 200: employerView },
        },
      },
      (req) => service.setEmployer(contextOf(deps, req), req.params.entityId, req.body),
    );

    // ——— Salary requests ———
    app.get(
      '/api/v1/activities/:id/salary-balance',
      {
        schema: {
          tags,
          summary: 'What an activity can pay in salary: its balance less the requests not yet paid',
          params: idParams,
          response: { 200: salaryBalanceView },
        },
      },
      (req) => service.getSalaryBalance(contextOf(deps, req), req.params.id),
    );
    app.post(
      '/api/v1/salary-requests/preview',
      {
        schema: {
          tags,
          summary: 'The payslip a salary request would give, and the balance it would use (nothing saved)',
          body: salaryRequestInput,
          response: { 200: salaryPreviewView },
        },
      },
      (req) => service.previewSalaryRequest(contextOf(deps, req), req.body),
    );
    app.post(
      '/api/v1/salary-requests',
      {
        schema: {
          tags,
          summary: 'Ask for a salary from an activity’s balance; accepts Idempotency-Key',
          description:
            'Holds the employer cost on the activity until the payslip is posted. Refusals: 422 `salary.insufficient_balance`, `salary.below_minimum`, `salary.no_contract`, `salary.missing_iban`, `salary.missing_nir`, `payroll.period_not_covered`.',
          headers: idempotencyHeaders,
          body: salaryRequestInput,
          response: { 201: salaryRequestView },
        },
      },
      (req, reply) =>
        idempotent(deps, req, reply, 201, (claim) =>
          service.createSalaryRequest(contextOf(deps, req), req.body, claim),
        ),
    );
    app.get(
      '/api/v1/salary-requests',
      {
        schema: {
          tags,
          summary:
            'Salary requests the caller may see (a member: their own), newest first; sort=payableOn: those the guarantee fund covers first, nearest payable-by day first',
          querystring: noList.extend({
            status: z.enum(salaryStatuses).optional(),
            entityId: z.uuid().optional(),
            period: payrollPeriod.optional(),
            activityId: z.uuid().optional(),
            memberId: z.uuid().optional(),
            covered: z
              .enum(['true', 'false'])
              .optional()
              .describe(
                'true: only requests the guarantee fund covers (payableOn set); false: only the others',
              ),
            sort: z.enum(['payableOn']).optional(),
          }),
          response: { 200: pageSchema(salaryRequestView) },
        },
      },
      (req) => {
        const { limit, cursor, sort, covered, ...f } = req.query;
        return service.listSalaryRequests(
          contextOf(deps, req),
          { ...f, ...(covered ? { covered: covered === 'true' } : {}) },
          readListQuery({ limit, cursor, ...(sort ? { sort } : {}) }),
        );
      },
    );
    app.get(
      '/api/v1/salary-requests/:id',
      {
        schema: {
          tags,
          summary: 'One salary request',
          params: idParams,
          response: { 200: salaryRequestView },
        },
      },
      (req) => service.getSalaryRequest(contextOf(deps, req), req.params.id),
    );
    app.post(
      '/api/v1/salary-requests/:id/validation',
      {
        schema: {
          tags,
          summary: 'Validate a salary request (payroll team): the next run of its month pays it',
          params: idParams,
          body: salaryValidationInput,
          response: { 200: salaryRequestView },
        },
      },
      (req) => service.validateSalaryRequest(contextOf(deps, req), req.params.id, req.body.comment),
    );
    app.post(
      '/api/v1/salary-requests/:id/return',
      {
        schema: {
          tags,
          summary: 'Return a salary request to the member with a comment (payroll team); frees the balance',
          params: idParams,
          body: salaryReturnInput,
          response: { 200: salaryRequestView },
        },
      },
      (req) => service.returnSalaryRequest(contextOf(deps, req), req.params.id, req.body.comment),
    );

    // ——— Payroll runs ———
    app.get(
      '/api/v1/payroll/runs',
      {
        schema: {
          tags,
          summary: 'Payroll runs, newest month first',
          querystring: noList.extend({ entityId: z.uuid().optional() }),
          response: { 200: pageSchema(payrollRunView) },
        },
      },
      (req) => {
        const { limit, cursor, entityId } = req.query;
        return service.listRuns(contextOf(deps, req), { entityId }, readListQuery({ limit, cursor }));
      },
    );
    app.post(
      '/api/v1/payroll/runs',
      {
        schema: {
          tags,
          summary:
            'Open the payroll run of an entity and month with its validated requests; accepts Idempotency-Key',
          headers: idempotencyHeaders,
          body: payrollRunInput,
          response: { 201: payrollRunView },
        },
      },
      (req, reply) =>
        idempotent(deps, req, reply, 201, (claim) =>
          service.createRun(contextOf(deps, req), req.body, claim),
        ),
    );
    app.get(
      '/api/v1/payroll/runs/:id',
      {
        schema: {
          tags,
          summary: 'A payroll run and its progress',
          params: idParams,
          response: { 200: payrollRunView },
        },
      },
      (req) => service.getRun(contextOf(deps, req), req.params.id),
    );
    app.post(
      '/api/v1/payroll/runs/:id/computation',
      {
        schema: {
          tags,
          summary: 'Compute and post the payslips of the run still missing one (resumes an interrupted run)',
          description:
            'Payslips are written with their payroll journal entries by batches, each batch in one transaction (a crash loses at most the batch in flight); a request never gets two. A request the rules refuse (no salary for its amount, below the minimum…) is returned to its member, out of the run, with the reason as its comment; the others are paid. 422 `payroll.run_closed` on a closed run.',
          params: idParams,
          response: { 200: payrollRunView },
        },
      },
      (req) => service.computeRun(contextOf(deps, req), req.params.id),
    );
    app.post(
      '/api/v1/payroll/runs/:id/closure',
      {
        schema: {
          tags,
          summary: 'Close a computed run: nothing more is computed in it; its transfers can be downloaded',
          params: idParams,
          response: { 200: payrollRunView },
        },
      },
      (req) => service.closeRun(contextOf(deps, req), req.params.id),
    );
    app.get(
      '/api/v1/payroll/runs/:id/sepa',
      {
        schema: {
          tags,
          summary: 'Net salaries of a closed run as a SEPA credit-transfer file (pain.001.001.09)',
          params: idParams,
          produces: ['application/xml'],
          response: { 200: z.string().describe('pain.001.001.09 XML') },
        },
      },
      async (req, reply) => {
        const { fileName, xml } = await service.runSepaFile(contextOf(deps, req), req.params.id);
        return reply
          .type('application/xml; charset=utf-8')
          .header('content-disposition', `attachment; filename="${fileName}"`)
          .send(xml);
      },
    );
    app.get(
      '/api/v1/payroll/runs/:id/contributions',
      {
        schema: {
          tags,
          summary: 'Contribution totals of a run per body (URSSAF, retirement, others), as JSON, CSV or XLSX',
          params: idParams,
          querystring: z.object({ format: z.enum(['json', 'csv', 'xlsx']).default('json') }),
          response: { 200: contributionTotalsView },
        },
      },
      async (req, reply) => {
        const report = await service.contributionTotals(contextOf(deps, req), req.params.id);
        if (req.query.format === 'json') return report;
        const rows = report.bodies.flatMap((b) => b.lines.map((l) => ({ body: b.body, ...l })));
        return sendExport(
          reply,
          req.query.format,
          `cotisations-${report.run.entity.code}-${report.run.period}`,
          contributionColumns,
          [rows],
        );
      },
    );

    // ——— Payslips ———
    app.get(
      '/api/v1/payslips',
      {
        schema: {
          tags,
          summary: 'Payslips: a member’s own; every payslip for the payroll team',
          querystring: noList.extend({ memberId: z.uuid().optional(), runId: z.uuid().optional() }),
          response: { 200: pageSchema(payslipView) },
        },
      },
      (req) => {
        const { limit, cursor, memberId, runId } = req.query;
        return service.listPayslips(
          contextOf(deps, req),
          { memberId, runId },
          readListQuery({ limit, cursor }),
        );
      },
    );
    app.get(
      '/api/v1/payslips/:id',
      {
        schema: {
          tags,
          summary: 'One payslip with its lines',
          params: idParams,
          response: { 200: payslipView },
        },
      },
      (req) => service.getPayslip(contextOf(deps, req), req.params.id),
    );
    app.get(
      '/api/v1/payslips/:id/pdf',
      {
        schema: {
          tags,
          summary: 'The payslip as a PDF (the NIR in full only for its employee)',
          params: idParams,
          produces: ['application/pdf'],
        },
      },
      async (req, reply) => {
        const ctx = contextOf(deps, req);
        const bytes = await renderPayslipPdf(await service.payslipDocument(ctx, req.params.id), ctx.lang);
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="bulletin-${req.params.id.slice(0, 8)}.pdf"`)
          .send(Buffer.from(bytes));
      },
    );
  };
