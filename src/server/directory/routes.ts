import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  inboxItemView,
  networkInput,
  networkPageView,
  networkView,
  profileInput,
  profileView,
  publicProfileView,
  publishInput,
  quoteFromRequestInput,
  quoteFromRequestView,
  replyInput,
  requestInput,
  requestReceipt,
  searchQuery,
  searchResultView,
  staffSearchQuery,
} from '../../domain/directory/schemas.ts';
import type { Deps } from '../context.ts';
import { type RateLimit, rateLimitHook } from '../http/rate-limit.ts';
import { contextOf } from '../http/session.ts';
import * as service from './service.ts';

const idParams = z.object({ id: z.uuid() });
const memberParams = z.object({ memberId: z.uuid() });
const slugParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,60}$/) });
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export const directoryRoutes =
  (deps: Deps, o: { publicLimit: RateLimit; requestLimit: RateLimit }) =>
  async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['directory'];
    const publicTags = ['directory (public)'];
    // Public reads and requests need no account: buckets per address and operation; sending a request
    // (which e-mails members) has a much smaller bucket than reading.
    const limited = () => rateLimitHook(o.publicLimit, deps.clock);

    // ——— Public: search, profiles, networks, requests ———
    app.get(
      '/api/v1/public/directory/profiles',
      {
        onRequest: limited(),
        schema: {
          tags: publicTags,
          summary:
            'Search the published profiles by words (trade, skill, city; French stemming, accents ignored), network, skill and city',
          security: [],
          querystring: searchQuery,
          response: { 200: searchResultView },
        },
      },
      (req) => service.searchDirectory(deps, null, req.query),
    );
    app.get(
      '/api/v1/public/directory/profiles/:memberId',
      {
        onRequest: limited(),
        schema: {
          tags: publicTags,
          summary: 'A published profile (404 when not published)',
          security: [],
          params: memberParams,
          response: { 200: publicProfileView },
        },
      },
      (req) => service.publicProfile(deps, req.params.memberId),
    );
    app.get(
      '/api/v1/public/directory/networks',
      {
        onRequest: limited(),
        schema: {
          tags: publicTags,
          summary: 'The trade networks, with how many published profiles each has',
          security: [],
          response: { 200: items(networkView) },
        },
      },
      () => service.listNetworks(deps, null),
    );
    app.get(
      '/api/v1/public/directory/networks/:slug',
      {
        onRequest: limited(),
        schema: {
          tags: publicTags,
          summary: 'A network’s page: its description and its members’ published profiles',
          security: [],
          params: slugParams,
          response: { 200: networkPageView },
        },
      },
      (req) => service.networkPage(deps, null, req.params.slug),
    );
    app.post(
      '/api/v1/public/directory/requests',
      {
        onRequest: rateLimitHook(o.requestLimit, deps.clock),
        schema: {
          tags: publicTags,
          summary:
            'A client writes to one to five published members (mise en relation); they get it in their inbox, the client a receipt by e-mail',
          security: [],
          body: requestInput,
          response: { 202: requestReceipt },
        },
      },
      async (req, reply) => reply.code(202).send(await service.sendRequest(deps, req.body)),
    );

    // ——— Signed in: search, profiles ———
    app.get(
      '/api/v1/directory/profiles',
      {
        schema: {
          tags,
          summary:
            'Search the directory; staff may add the unpublished profiles of the members they follow (includeUnpublished=true)',
          querystring: staffSearchQuery,
          response: { 200: searchResultView },
        },
      },
      (req) => service.searchDirectory(deps, contextOf(deps, req).actor, req.query),
    );
    app.get(
      '/api/v1/directory/profiles/:memberId',
      {
        schema: {
          tags,
          summary: 'A profile: published ones for everyone; unpublished ones for the member and their staff',
          params: memberParams,
          response: { 200: profileView },
        },
      },
      (req) => service.getProfile(contextOf(deps, req), req.params.memberId),
    );
    app.get(
      '/api/v1/directory/profile',
      {
        schema: {
          tags,
          summary: 'My directory profile, published or not, with my consents',
          response: { 200: profileView },
        },
      },
      (req) => service.myProfile(contextOf(deps, req)),
    );
    app.put(
      '/api/v1/directory/profile',
      {
        schema: {
          tags,
          summary: 'Save my profile (a published profile shows the change at once)',
          body: profileInput,
          response: { 200: profileView },
        },
      },
      (req) => service.saveProfile(contextOf(deps, req), req.body),
    );
    app.post(
      '/api/v1/directory/profile/publish',
      {
        schema: {
          tags,
          summary:
            'Publish my profile: needs { consent: true } (422 directory.consent_required otherwise), recorded with its date',
          body: publishInput,
          response: { 200: profileView },
        },
      },
      (req) => service.publishProfile(contextOf(deps, req), req.body.consent),
    );
    app.post(
      '/api/v1/directory/profile/withdraw',
      {
        schema: {
          tags,
          summary: 'Withdraw my profile: it leaves the search and the network pages at once',
          response: { 200: profileView },
        },
      },
      (req) => service.withdrawProfile(contextOf(deps, req)),
    );

    // ——— Networks ———
    app.get(
      '/api/v1/directory/networks',
      {
        schema: {
          tags,
          summary: 'The trade networks (joined: whether I belong to each)',
          response: { 200: items(networkView) },
        },
      },
      (req) => service.listNetworks(deps, contextOf(deps, req).actor),
    );
    app.post(
      '/api/v1/directory/networks',
      {
        schema: {
          tags,
          summary: 'Create a trade network (admin)',
          body: networkInput,
          response: { 201: networkView },
        },
      },
      async (req, reply) => reply.code(201).send(await service.createNetwork(contextOf(deps, req), req.body)),
    );
    app.get(
      '/api/v1/directory/networks/:slug',
      {
        schema: {
          tags,
          summary: 'A network’s page: published profiles of its members',
          params: slugParams,
          response: { 200: networkPageView },
        },
      },
      (req) => service.networkPage(deps, contextOf(deps, req).actor, req.params.slug),
    );
    app.put(
      '/api/v1/directory/networks/:slug/membership',
      {
        schema: { tags, summary: 'Join a network', params: slugParams, response: { 200: networkView } },
      },
      (req) => service.joinNetwork(contextOf(deps, req), req.params.slug),
    );
    app.delete(
      '/api/v1/directory/networks/:slug/membership',
      {
        schema: { tags, summary: 'Leave a network', params: slugParams, response: { 200: networkView } },
      },
      (req) => service.leaveNetwork(contextOf(deps, req), req.params.slug),
    );

    // ——— My inbox of clients' requests ———
    app.get(
      '/api/v1/directory/inbox',
      {
        schema: {
          tags,
          summary: 'Requests clients sent me through the directory',
          response: { 200: z.object({ items: z.array(inboxItemView), unread: z.number().int() }) },
        },
      },
      (req) => service.listInbox(contextOf(deps, req)),
    );
    app.get(
      '/api/v1/directory/inbox/:id',
      {
        schema: {
          tags,
          summary: 'One request (opening it marks it read)',
          params: idParams,
          response: { 200: inboxItemView },
        },
      },
      (req) => service.getInboxItem(contextOf(deps, req), req.params.id),
    );
    app.post(
      '/api/v1/directory/inbox/:id/replies',
      {
        schema: {
          tags,
          summary: 'Answer the client: e-mailed by the cooperative, without my address',
          params: idParams,
          body: replyInput,
          response: { 201: inboxItemView },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(await service.replyToRequest(contextOf(deps, req), req.params.id, req.body.message)),
    );
    app.post(
      '/api/v1/directory/inbox/:id/quote',
      {
        schema: {
          tags,
          summary:
            'Answer with a quote: find or create the client from the request and open a draft quote linked to it (the same draft when asked again)',
          params: idParams,
          body: quoteFromRequestInput,
          response: { 201: quoteFromRequestView },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await service.quoteFromRequest(contextOf(deps, req), req.params.id, req.body)),
    );
  };
