// Mounts the auth library under /api/auth by forwarding a Web Request, and turns its refusals
// into problem+json like the rest of the API.
import type { FastifyInstance } from 'fastify';
import { messageFor } from '../../domain/messages.ts';
import type { Deps } from '../context.ts';
import { languageOf, problem } from '../http/problem.ts';
import { clientIpHeader } from './auth.ts';

const codes: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD: 'auth.invalid_credentials',
  INVALID_ORIGIN: 'auth.invalid_origin',
};

export const authRoutes = (deps: Deps) => async (app: FastifyInstance) => {
  app.route({
    method: ['GET', 'POST'],
    url: '/api/auth/*',
    schema: { hide: true },
    handler: async (request, reply) => {
      const url = new URL(request.url, deps.publicUrl);
      const headers = new Headers();
      for (const [key, value] of Object.entries(request.headers)) {
        if (value === undefined || key === clientIpHeader) continue;
        headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      headers.set(clientIpHeader, request.ip);
      const response = await deps.auth.handler(
        new Request(url, {
          method: request.method,
          headers,
          ...(request.body !== undefined && request.method !== 'GET'
            ? { body: JSON.stringify(request.body) }
            : {}),
        }),
      );
      reply.status(response.status);
      response.headers.forEach((value, key) => {
        if (key !== 'set-cookie' && key !== 'content-length') reply.header(key, value);
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length) reply.header('set-cookie', cookies);
      const text = response.body ? await response.text() : '';
      if (response.status >= 400 && response.status !== 302) {
        let body: { code?: string; message?: string } = {};
        try {
          body = JSON.parse(text);
        } catch {}
        const lang = languageOf(request);
        const code =
          response.status === 429
            ? 'auth.rate_limited'
            : (codes[body.code ?? ''] ?? `auth.${(body.code ?? 'error').toLowerCase()}`);
        const p = problem(response.status, code, lang, { instance: url.pathname });
        return reply
          .type('application/problem+json; charset=utf-8')
          .send({ ...p, detail: messageFor(code, lang, body.message ?? p.detail) });
      }
      return reply.send(text || null);
    },
  });
};
