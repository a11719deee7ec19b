// buildApp wires every dependency once; main.ts and every test call it.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { activityRoutes } from './activities/routes.ts';
import { advanceRoutes } from './advances/routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { createAuth } from './auth/auth.ts';
import { authRoutes } from './auth/routes.ts';
import { backofficeRoutes } from './backoffice/routes.ts';
import { clientRoutes } from './clients/routes.ts';
import { communityRoutes } from './community/routes.ts';
import type { Deps } from './context.ts';
import type { Db } from './db/client.ts';
import { directoryRoutes } from './directory/routes.ts';
import { expenseRoutes } from './expenses/routes.ts';
import { feeRoutes } from './fees/routes.ts';
import { governanceRoutes } from './governance/routes.ts';
import { guaranteeRoutes } from './guarantee/routes.ts';
import { homeRoutes } from './home/routes.ts';
import { installNulGuard } from './http/nul-guard.ts';
import { handleError, languageOf, problem, sendProblem } from './http/problem.ts';
import type { RateLimit } from './http/rate-limit.ts';
import { installSessionHook } from './http/session.ts';
import { invoicingRoutes } from './invoicing/routes.ts';
import { enqueue } from './jobs/outbox.ts';
import { ledgerRoutes } from './ledger/routes.ts';
import type { Mailer } from './mail/mailer.ts';
import { memberRoutes } from './members/routes.ts';
import { organisationRoutes } from './organisation/routes.ts';
import { payrollRoutes } from './payroll/routes.ts';
import { createSealer } from './sealing.ts';
import type { Secrets } from './secrets.ts';
import { treasuryRoutes } from './treasury/routes.ts';
import { userRoutes } from './users/routes.ts';

export type AppOptions = {
  db: Db;
  mailer: Mailer;
  secrets: Secrets;
  publicUrl: string;
  clock?: () => Date;
  /** Extra origins allowed to call the API with cookies (the Vite dev server). */
  extraOrigins?: string[];
  signInLimit?: { window: number; max: number };
  /** Salary simulations per client address (public, CPU-bound): burst and refill per minute. */
  simulationLimit?: RateLimit;
  /** Public community operations (office pages, prospects' registrations, calendar feeds) per client address. */
  communityLimit?: RateLimit;
  /** Public directory reads (search, profiles, networks) per client address. */
  directoryLimit?: RateLimit;
  /** Clients' requests to members (each e-mails members) per client address. */
  directoryRequestLimit?: RateLimit;
  /** Folder of the built web app; null to serve the API only. */
  webRoot?: string | null;
  logger?: boolean | { level: string };
};

export type App = FastifyInstance & { deps: Deps };

export async function buildApp(o: AppOptions): Promise<App> {
  const trustedOrigins = [new URL(o.publicUrl).origin, ...(o.extraOrigins ?? [])];
  const clock = o.clock ?? (() => new Date());
  const auth = createAuth({
    db: o.db,
    secret: o.secrets.authSecret,
    publicUrl: o.publicUrl,
    trustedOrigins,
    signInLimit: o.signInLimit ?? { window: 60, max: 10 },
    sendResetLink: async (to, url) =>
      enqueue(o.db, {
        kind: 'email',
        payload: {
          to: to.email,
          subject: 'Commune — choisir votre mot de passe / choose your password',
          text: [
            `Bonjour ${to.name},`,
            '',
            'Pour choisir un nouveau mot de passe Commune, ouvrez ce lien (valable une heure) :',
            url,
            '',
            'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.',
            '',
            '—',
            `Hello ${to.name}, to choose a new Commune password, open the link above (valid for one hour).`,
          ].join('\n'),
        },
      }),
  });
  const deps: Deps = {
    db: o.db,
    clock,
    sealer: createSealer(o.secrets.dataKey),
    mailer: o.mailer,
    auth,
    publicUrl: o.publicUrl,
    signingKey: o.secrets.authSecret,
  };

  const app = Fastify({
    logger: o.logger ?? false,
    genReqId: () => crypto.randomUUID(),
    bodyLimit: 1024 * 1024,
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Commune API',
        version: '1',
        description:
          'The API of Commune, the platform of a shared enterprise. Amounts are integer cents (`*Cents`), rates basis points (`*Bp`), dates ISO 8601. Errors are RFC 9457 problem+json.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'better-auth.session_token' } },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  app.get(
    '/healthz',
    { schema: { security: [], tags: ['system'], response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => {
      await sql`select 1`.execute(o.db);
      return { status: 'ok' as const };
    },
  );

  installSessionHook(app, deps, trustedOrigins);
  installNulGuard(app);
  await app.register(authRoutes(deps));
  await app.register(organisationRoutes(deps));
  await app.register(userRoutes(deps));
  await app.register(memberRoutes(deps));
  await app.register(activityRoutes(deps));
  await app.register(clientRoutes(deps));
  await app.register(auditRoutes(deps));
  await app.register(homeRoutes(deps));
  await app.register(
    payrollRoutes(deps, { simulationLimit: o.simulationLimit ?? { capacity: 20, refillPerMinute: 20 } }),
  );
  await app.register(ledgerRoutes(deps));
  await app.register(
    communityRoutes(deps, { publicLimit: o.communityLimit ?? { capacity: 30, refillPerMinute: 30 } }),
  );
  await app.register(
    directoryRoutes(deps, {
      publicLimit: o.directoryLimit ?? { capacity: 60, refillPerMinute: 60 },
      requestLimit: o.directoryRequestLimit ?? { capacity: 10, refillPerMinute: 10 / 60 },
    }),
  );
  await app.register(treasuryRoutes(deps));
  await app.register(governanceRoutes(deps));
  await app.register(guaranteeRoutes(deps));
  await app.register(advanceRoutes(deps));
  await app.register(invoicingRoutes(deps));
  await app.register(expenseRoutes(deps));
  await app.register(feeRoutes(deps));
  await app.register(backofficeRoutes(deps));

  const webRoot = o.webRoot === undefined ? resolve('dist/web') : o.webRoot;
  if (webRoot && existsSync(join(webRoot, 'index.html'))) {
    const index = await readFile(join(webRoot, 'index.html'), 'utf8');
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: false });
    // The web app owns every other path (client-side routing).
    app.setNotFoundHandler((request, reply) =>
      request.method === 'GET' && !request.url.startsWith('/api/')
        ? reply.type('text/html; charset=utf-8').send(index)
        : sendProblem(reply, problem(404, 'resource.not_found', languageOf(request))),
    );
  } else {
    app.setNotFoundHandler((request, reply) =>
      sendProblem(reply, problem(404, 'resource.not_found', languageOf(request))),
    );
  }
  return Object.assign(app, { deps }) as unknown as App;
}
