// Sign-in, sign-out and password reset are delegated to better-auth (scrypt hashes, signed httpOnly
// session cookies, rate-limited sign-in). It writes its own tables through the shared connection.
import { betterAuth } from 'better-auth';
import type { Db } from '../db/client.ts';

export type AuthOptions = {
  db: Db;
  secret: string;
  publicUrl: string;
  trustedOrigins: string[];
  /** Called with the link to put in the reset e-mail. */
  sendResetLink: (to: { email: string; name: string }, url: string) => Promise<void>;
  signInLimit: { window: number; max: number };
};

/** Set by the HTTP layer from the socket address, replacing anything the client sent. */
export const clientIpHeader = 'x-commune-client-ip';

export const createAuth = (o: AuthOptions) =>
  betterAuth({
    // Kysely without the camelCase plugin: the auth tables keep the library's own column names.
    database: { db: o.db.withoutPlugins() as never, type: 'postgres' },
    baseURL: o.publicUrl,
    basePath: '/api/auth',
    secret: o.secret,
    trustedOrigins: o.trustedOrigins,
    telemetry: { enabled: false },
    logger: { level: 'error' },
    emailAndPassword: {
      enabled: true,
      // Accounts are opened by the cooperative's staff, never by self-service sign-up.
      disableSignUp: true,
      minPasswordLength: 10,
      maxPasswordLength: 128,
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: 60 * 60,
      sendResetPassword: async ({ user, url }) =>
        o.sendResetLink({ email: user.email, name: user.name }, url),
    },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: 60,
      max: 300,
      customRules: {
        '/sign-in/email': o.signInLimit,
        '/request-password-reset': { window: 60, max: 5 },
        '/reset-password': { window: 60, max: 10 },
      },
    },
    advanced: {
      // The library skips its origin and CSRF checks when NODE_ENV=test or TEST is set: pinned on,
      // so tests exercise what production does and a stray variable cannot turn them off.
      disableOriginCheck: false,
      ipAddress: { ipAddressHeaders: [clientIpHeader] },
      useSecureCookies: o.publicUrl.startsWith('https://'),
    },
  });

export type Auth = ReturnType<typeof createAuth>;
