// What a use case receives: its dependencies (wired once in buildApp) and who is asking.
import type { Actor } from '../domain/access.ts';
import type { Language } from '../domain/messages.ts';
import type { Auth } from './auth/auth.ts';
import type { Db } from './db/client.ts';
import type { Mailer } from './mail/mailer.ts';
import type { Sealer } from './sealing.ts';

export type Deps = {
  db: Db;
  clock: () => Date;
  sealer: Sealer;
  mailer: Mailer;
  auth: Auth;
  publicUrl: string;
  /** Signs links that work without an account (a quote's acceptance link); derived per use. */
  signingKey: string;
};

export type Ctx = Deps & { actor: Actor; requestId: string; lang: Language };

/** The platform acting on its own (seeding, jobs): an admin's rights, audited as "system". */
export const systemActor: Actor = {
  userId: 'system',
  email: 'system@commune.localhost',
  name: 'Commune',
  roles: ['admin'],
  officeIds: [],
  memberId: null,
};

export const systemContext = (deps: Deps): Ctx => ({
  ...deps,
  actor: systemActor,
  requestId: 'system',
  lang: 'fr',
});
