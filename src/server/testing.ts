// Test harness: a real app on a fresh database — in-memory PGlite by default, a throwaway database
// on the PostgreSQL server when DATABASE_URL is set — with a fixed clock and an in-memory mailbox.

import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { frenchIban } from '../domain/members/bank.ts';
import { type App, buildApp } from './app.ts';
import { type Ctx, systemContext } from './context.ts';
import { createDb, type DbHandle, openPglite } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { type Handlers, runDueJobs } from './jobs/outbox.ts';
import { checkLedger } from './ledger/checks.ts';
import { createFileMailer } from './mail/mailer.ts';

export const testUrl = 'http://commune.test';
export const testSecrets = {
  authSecret: 'test-secret-test-secret-test-secret-0123',
  dataKey: '11'.repeat(32),
};

/** Hash of what a template depends on: the migrations, and for the demo every non-test server/seed/domain source. */
async function sourceHash(withCode: boolean): Promise<string> {
  const srcRoot = resolve(import.meta.dirname, '..');
  const walk = async (dir: string): Promise<string[]> =>
    (await readdir(dir, { withFileTypes: true }))
      .flatMap((d) => (d.isDirectory() ? [] : [join(dir, d.name)]))
      .concat(
        ...(await Promise.all(
          (
            await readdir(dir, { withFileTypes: true })
          )
            .filter((d) => d.isDirectory())
            .map((d) => walk(join(dir, d.name))),
        )),
      );
  const dirs = withCode ? ['server', 'seed', 'domain'] : ['server/db/migrations'];
  const files = (await Promise.all(dirs.map((d) => walk(join(srcRoot, d)))))
    .flat()
    .filter((f) => !f.endsWith('.test.ts'))
    .sort();
  const hash = createHash('sha256');
  for (const f of files) hash.update(f.slice(srcRoot.length)).update(await readFile(f));
  return hash.digest('hex').slice(0, 16);
}

/**
 * PGlite data folders kept in .cache, made once per source version: creating PGlite runs initdb and the
 * demo seed hashes passwords (seconds); loading a dump does not. 'demo' is migrated and seeded.
 */
async function pgliteTemplate(kind: 'empty' | 'demo'): Promise<Blob> {
  const file = resolve('.cache', `pglite-${kind}-${await sourceHash(kind === 'demo')}.tar`);
  try {
    return new Blob([await readFile(file)]);
  } catch {
    const pglite =
      kind === 'empty' ? await openPglite() : await openPglite(undefined, await pgliteTemplate('empty'));
    const handle = await createDb({ pglite });
    await migrate(handle);
    if (kind === 'demo') {
      const app = await buildApp({
        db: handle.db,
        mailer: createFileMailer('x', null),
        secrets: testSecrets,
        publicUrl: testUrl,
        clock: () => fixedNow,
        webRoot: null,
      });
      await (await import('../seed/demo.ts')).seedDemo(systemContext(app.deps));
      await app.close();
    }
    const dump = await pglite.dumpDataDir('none');
    await pglite.close();
    await mkdir(dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
    return dump;
  }
}

async function freshDatabase(
  kind: 'empty' | 'demo',
): Promise<{ handle: DbHandle; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const handle = await createDb({ pglite: await openPglite(undefined, await pgliteTemplate(kind)) });
    return { handle, drop: async () => {} };
  }
  const name = `commune_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = await createDb({ databaseUrl: target.toString() });
  return {
    handle,
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export type TestApp = {
  app: App;
  handle: DbHandle;
  mailbox: ReturnType<typeof createFileMailer>['sent'];
  /** Carries out the queued e-mails now. */
  deliver: () => Promise<number>;
  system: Ctx;
  close: () => Promise<void>;
};

export const fixedNow = new Date('2026-11-20T10:00:00Z');

export async function createTestApp(
  options: { seed?: 'demo' | 'none'; signInLimit?: { window: number; max: number } } = {},
): Promise<TestApp> {
  const seeded = options.seed === 'demo';
  const { handle, drop } = await freshDatabase(seeded ? 'demo' : 'empty');
  // On PGlite the template is already migrated (and seeded); on PostgreSQL the database is new.
  const fresh = (await migrate(handle)).length > 0;
  const mailer = createFileMailer('Commune <no-reply@commune.test>', null);
  const app = await buildApp({
    db: handle.db,
    mailer,
    secrets: testSecrets,
    publicUrl: testUrl,
    clock: () => fixedNow,
    webRoot: null,
    signInLimit: options.signInLimit ?? { window: 60, max: 1000 },
  });
  const system = systemContext(app.deps);
  if (seeded && fresh) await (await import('../seed/demo.ts')).seedDemo(system);
  const handlers: Handlers = { email: async (m) => void (await mailer.send(m)) };
  return {
    app,
    handle,
    mailbox: mailer.sent,
    deliver: () => runDueJobs(handle.db, handlers, () => new Date()),
    system,
    close: async () => {
      // Whatever a test did, the books must still hold (ledger/checks.ts).
      const broken = await checkLedger(handle.db).catch((e: Error) => [`checks failed to run: ${e.message}`]);
      await app.close();
      await handle.close();
      await drop();
      if (broken.length) throw new Error(`Ledger invariants broken:\n${broken.join('\n')}`);
    },
  };
}

export type Session = {
  cookie: string;
  get: (url: string, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  post: (url: string, payload?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  patch: (
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ) => Promise<LightMyRequestResponse>;
  put: (url: string, payload?: unknown) => Promise<LightMyRequestResponse>;
  delete: (url: string) => Promise<LightMyRequestResponse>;
};

export function sessionFor(app: App, cookie: string): Session {
  const send = (
    method: InjectOptions['method'],
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    app.inject({
      method,
      url,
      headers: { cookie, origin: testUrl, ...headers },
      ...(payload !== undefined ? { payload: payload as InjectOptions['payload'] } : {}),
    });
  return {
    cookie,
    get: (url, headers) => send('GET', url, undefined, headers),
    post: (url, payload, headers) => send('POST', url, payload ?? {}, headers),
    patch: (url, payload, headers) => send('PATCH', url, payload ?? {}, headers),
    put: (url, payload) => send('PUT', url, payload),
    delete: (url) => send('DELETE', url),
  };
}

export async function signIn(app: App, email: string, password: string): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-in/email',
    headers: { origin: testUrl },
    payload: { email, password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${res.statusCode} ${res.body}`);
  const raw = res.headers['set-cookie'];
  const cookies = (Array.isArray(raw) ? raw : [raw ?? '']).map((c) => c.split(';')[0]).join('; ');
  return sessionFor(app, cookies);
}

export const anonymous = (app: App) => sessionFor(app, '');

/** Tables that a refused request must leave as they were. */
export const guardedTables = [
  'fee_policy_versions',
  'fee_charges',
  'fee_budget_shares',
  'community_events',
  'community_event_registrations',
  'community_spaces',
  'community_space_bookings',
  'community_calendar_feeds',
  'governance_settings',
  'governance_colleges',
  'governance_college_members',
  'governance_share_lines',
  'governance_assemblies',
  'governance_resolutions',
  'governance_documents',
  'governance_electors',
  'governance_proxies',
  'governance_participations',
  'governance_ballots',
  'directory_profiles',
  'directory_consents',
  'directory_networks',
  'directory_network_members',
  'directory_requests',
  'directory_request_recipients',
  'directory_request_replies',
  'members',
  'activities',
  'activity_members',
  'clients',
  'client_contacts',
  'activity_clients',
  'legal_entities',
  'offices',
  'user',
  'account',
  'user_roles',
  'adviser_offices',
  'audit_log',
  'outbox',
  'ledger_accounts',
  'ledger_auxiliary_accounts',
  'ledger_journals',
  'fiscal_years',
  'ledger_period_locks',
  'ledger_counters',
  'journal_entries',
  'journal_entry_lines',
  'idempotency_keys',
  'employment_contracts',
  'payroll_employers',
  'salary_requests',
  'payroll_runs',
  'payslips',
  'payslip_lines',
  'sales_number_series',
  'sales_documents',
  'sales_document_lines',
  'sales_validation_requests',
  'quote_acceptances',
  'bank_accounts',
  'bank_statement_imports',
  'bank_statement_lines',
  'payments',
  'payment_allocations',
  'sales_document_events',
  'guarantee_settings',
  'guarantee_covers',
  'guarantee_releases',
  'guarantee_write_offs',
  'advances',
  'advance_instalments',
  'advance_repayments',
];

/** A digest of each guarded table's rows: equal before and after means nothing changed. */
export async function snapshot(handle: DbHandle, tables: readonly string[] = guardedTables): Promise<string> {
  const digests = await Promise.all(
    tables.map(async (table) => {
      const { rows } = await sql<{ d: string | null }>`
        select md5(string_agg(t::text, '|' order by t::text)) as d from ${sql.table(table)} t`.execute(
        handle.db,
      );
      return `${table}=${rows[0]?.d}`;
    }),
  );
  return digests.join(' ');
}

/** The text of a caught e-mail, its transfer encoding (quoted-printable or base64) undone. */
export function mailText(raw: string): string {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split);
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const encoding = /^content-transfer-encoding:\s*([\w-]+)/im.exec(head)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s/g, ''), 'base64').toString('utf8');
  if (encoding !== 'quoted-printable') return body;
  const bytes = body
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** The "choose your password" link (reset or invitation) of the last e-mail delivered to `to`. */
export function passwordLink(t: Pick<TestApp, 'mailbox'>, to: string): URL | null {
  const mail = t.mailbox.findLast((m) => m.to === to);
  const found = mail && /https?:\/\/\S+\/api\/auth\/reset-password\/\S+/.exec(mailText(mail.raw));
  return found ? new URL(found[0]) : null;
}

/** Does what the web page does with that link: follows it for the token, then sets the password. */
export async function choosePassword(app: App, link: URL, newPassword: string) {
  const opened = await app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });
  const token = new URL(String(opened.headers.location), testUrl).searchParams.get('token');
  if (opened.statusCode !== 302 || !token) throw new Error(`bad link: ${opened.statusCode} ${opened.body}`);
  return app.inject({
    method: 'POST',
    url: '/api/auth/reset-password',
    headers: { origin: testUrl },
    payload: { token, newPassword },
  });
}

/** Appends the Luhn check digit (SIREN, SIRET): `luhnComplete('73282932')` → `'732829320'`. */
export function luhnComplete(digits: string): string {
  const sum = [...digits].reverse().reduce((acc, ch, i) => {
    const d = Number(ch) * (i % 2 === 0 ? 2 : 1);
    return acc + (d > 9 ? d - 9 : d);
  }, 0);
  return `${digits}${(10 - (sum % 10)) % 10}`;
}

/** A French IBAN with a valid RIB key and check digits for an 11-digit account number. */
export const frIban = (account: string): string => frenchIban('30006', '00001', account);

/** The demo log-ins (README), by persona; every one signs in with `commune-demo`. */
export const demoLogins = {
  admin: 'admin@commune.coop',
  accountant: 'compta@commune.coop',
  payroll: 'paie@commune.coop',
  /** Lille, Arras and Béthune. */
  adviser: 'conseil.lille@commune.coop',
  parisAdviser: 'conseil.paris@commune.coop',
  /** Lyon and Clermont-Ferrand. */
  lyonAdviser: 'conseil.lyon@commune.coop',
  /** Member of the Lille office. */
  lea: 'lea.martin@example.org',
  /** Member of the Paris office. */
  karim: 'karim.benali@example.org',
  /** Another member of the Lille office. */
  chloe: 'chloe.lefevre@example.org',
} as const;

/** Signs in several demo personas at once, one session each, in order. */
export const signInDemo = <const Who extends readonly (keyof typeof demoLogins)[]>(app: App, ...who: Who) =>
  Promise.all(who.map((persona) => signIn(app, demoLogins[persona], 'commune-demo'))) as Promise<{
    -readonly [K in keyof Who]: Session;
  }>;
