import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assemblyInput,
  assemblySummary,
  assemblyView,
  ballotChoiceView,
  collegeAssignment,
  entityGovernanceView,
  holderView,
  myHoldingView,
  paymentInput,
  proxyInput,
  refundInput,
  registerLineView,
  registerView,
  resultsView,
  settingsInput,
  subscriptionInput,
  transferInput,
  voteInput,
} from '../../domain/governance/schemas.ts';
import type { Deps } from '../context.ts';
import { idempotencyHeaders, idempotent } from '../http/idempotency.ts';
import { contextOf } from '../http/session.ts';
import * as service from './service.ts';

const idParams = z.object({ id: z.uuid() });
const entityParams = z.object({ entityId: z.uuid() });
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
const lines = z.object({ lines: z.array(registerLineView) });

export const governanceRoutes = (deps: Deps) => async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['governance'];

  // ——— Entities, colleges, the register ———
  app.get(
    '/api/v1/governance/entities',
    {
      schema: {
        tags,
        summary:
          'Each entity’s share rules (nominal value, proxy cap), colleges with their weights, and capital',
        response: { 200: items(entityGovernanceView) },
      },
    },
    (req) => service.listEntities(contextOf(deps, req)),
  );
  app.put(
    '/api/v1/governance/entities/:entityId/settings',
    {
      schema: {
        tags,
        summary:
          'Set the nominal value of a share, the proxy cap and the colleges (10 %–50 % each, 100 % in all)',
        params: entityParams,
        body: settingsInput,
        response: { 200: entityGovernanceView },
      },
    },
    (req) => service.updateSettings(contextOf(deps, req), req.params.entityId, req.body),
  );
  app.get(
    '/api/v1/governance/entities/:entityId/register',
    {
      schema: {
        tags,
        summary: 'The share register: holders and every line with running totals (accountants, admins)',
        params: entityParams,
        response: { 200: registerView },
      },
    },
    (req) => service.getRegister(contextOf(deps, req), req.params.entityId),
  );
  const registerPost = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    run: (
      ctx: ReturnType<typeof contextOf>,
      entityId: string,
      input: z.infer<B>,
      claim: Parameters<typeof service.pay>[3],
    ) => Promise<unknown>,
  ) =>
    app.post(
      `/api/v1/governance/entities/:entityId/${path}`,
      {
        schema: {
          tags,
          summary: `${summary}; accepts Idempotency-Key`,
          params: entityParams,
          headers: idempotencyHeaders,
          body,
          response: { 201: lines },
        },
      },
      (req, reply) =>
        idempotent(deps, req, reply, 201, (claim) =>
          run(contextOf(deps, req), req.params.entityId, req.body as z.infer<B>, claim),
        ),
    );
  registerPost(
    'subscriptions',
    'Subscribe shares for a member (posted 4562 / 1012)',
    subscriptionInput,
    service.subscribe,
  );
  registerPost(
    'payments',
    'Record a payment on subscribed shares (posted 512 / 4562 and 1012 / 1013); a first paid share makes a sociétaire',
    paymentInput,
    service.pay,
  );
  registerPost(
    'transfers',
    'Transfer fully paid shares from one member to another (register only, no cash)',
    transferInput,
    service.transfer,
  );
  registerPost(
    'refunds',
    'Refund fully paid shares at their nominal value (posted 1013 / 4567 / 512); no share left: back to member',
    refundInput,
    service.refund,
  );
  app.put(
    '/api/v1/governance/entities/:entityId/members/:memberId/college',
    {
      schema: {
        tags,
        summary: 'Put a member in one of the entity’s colleges',
        params: z.object({ entityId: z.uuid(), memberId: z.uuid() }),
        body: collegeAssignment,
        response: { 200: holderView },
      },
    },
    (req) =>
      service.assignCollege(
        contextOf(deps, req),
        req.params.entityId,
        req.params.memberId,
        req.body.collegeId,
      ),
  );
  app.get(
    '/api/v1/governance/entities/:entityId/members/:memberId/certificate.pdf',
    {
      schema: {
        tags,
        summary: 'Certificate of a member’s shares, as PDF (the member, accountants, admins)',
        params: z.object({ entityId: z.uuid(), memberId: z.uuid() }),
        produces: ['application/pdf'],
        response: { 200: z.any().describe('PDF') },
      },
    },
    async (req, reply) => {
      const bytes = await service.certificatePdf(
        contextOf(deps, req),
        req.params.entityId,
        req.params.memberId,
      );
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `inline; filename="parts-sociales-${req.params.memberId.slice(0, 8)}.pdf"`,
        )
        .send(Buffer.from(bytes));
    },
  );
  app.get(
    '/api/v1/governance/my-shares',
    {
      schema: {
        tags,
        summary: 'My shares in each entity, with the lines of the register that concern me',
        response: { 200: items(myHoldingView) },
      },
    },
    (req) => service.myShares(contextOf(deps, req)),
  );

  // ——— Assemblies ———
  app.get(
    '/api/v1/governance/assemblies',
    {
      schema: {
        tags,
        summary: 'General assemblies (staff: all; a sociétaire: those they are convened to)',
        response: { 200: items(assemblySummary) },
      },
    },
    (req) => service.listAssemblies(contextOf(deps, req)),
  );
  app.post(
    '/api/v1/governance/assemblies',
    {
      schema: {
        tags,
        summary: 'Prepare a general assembly: agenda, resolutions, documents, voting window, quorum (admins)',
        body: assemblyInput,
        response: { 201: assemblyView },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createAssembly(contextOf(deps, req), req.body)),
  );
  app.get(
    '/api/v1/governance/assemblies/:id',
    {
      schema: {
        tags,
        summary: 'An assembly; for a convened sociétaire, their proxies and their own ballots with receipts',
        params: idParams,
        response: { 200: assemblyView },
      },
    },
    (req) => service.getAssembly(contextOf(deps, req), req.params.id),
  );
  app.post(
    '/api/v1/governance/assemblies/:id/convene',
    {
      schema: {
        tags,
        summary: 'Send the notice to every sociétaire of the entity (by e-mail) and fix the list of electors',
        params: idParams,
        response: { 200: assemblyView },
      },
    },
    (req) => service.conveneAssembly(contextOf(deps, req), req.params.id),
  );
  app.post(
    '/api/v1/governance/assemblies/:id/close',
    {
      schema: {
        tags,
        summary: 'Close the vote now (the results and minutes are published)',
        params: idParams,
        response: { 200: assemblyView },
      },
    },
    (req) => service.closeAssembly(contextOf(deps, req), req.params.id),
  );
  app.put(
    '/api/v1/governance/assemblies/:id/proxy',
    {
      schema: {
        tags,
        summary: 'Give my proxy to another convened sociétaire (within their cap), replacing any I gave',
        params: idParams,
        body: proxyInput,
        response: { 200: assemblyView },
      },
    },
    (req) => service.giveProxy(contextOf(deps, req), req.params.id, req.body.holderMemberId),
  );
  app.delete(
    '/api/v1/governance/assemblies/:id/proxy',
    {
      schema: {
        tags,
        summary: 'Withdraw the proxy I gave',
        params: idParams,
        response: { 200: assemblyView },
      },
    },
    (req) => service.withdrawProxy(contextOf(deps, req), req.params.id),
  );
  app.post(
    '/api/v1/governance/assemblies/:id/votes',
    {
      schema: {
        tags,
        summary:
          'Vote (for, against, abstain) for myself or a sociétaire whose proxy I hold; a new vote replaces the previous one. Answers a receipt per ballot',
        params: idParams,
        body: voteInput,
        response: { 200: z.object({ forMemberId: z.string(), ballots: z.array(ballotChoiceView) }) },
      },
    },
    (req) => service.vote(contextOf(deps, req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/governance/assemblies/:id/results',
    {
      schema: {
        tags,
        summary:
          'Results after the close: per resolution and college, weighted shares, quorum, and every receipt',
        params: idParams,
        response: { 200: resultsView },
      },
    },
    (req) => service.results(contextOf(deps, req), req.params.id),
  );
  app.get(
    '/api/v1/governance/assemblies/:id/minutes.pdf',
    {
      schema: {
        tags,
        summary: 'Minutes of the vote, as PDF (after the close)',
        params: idParams,
        produces: ['application/pdf'],
        response: { 200: z.any().describe('PDF') },
      },
    },
    async (req, reply) => {
      const bytes = await service.minutesPdf(contextOf(deps, req), req.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="pv-ag-${req.params.id.slice(0, 8)}.pdf"`)
        .send(Buffer.from(bytes));
    },
  );
};
