// Latency of `GET /api/v1/home` with 10,000 members and 50,000 clients, on in-memory PGlite and on a
// throwaway PostgreSQL database, through the real app (HTTP injection, a real session cookie).
// It only prints: p50, p99 and mean per database and persona, and PostgreSQL/PGlite ratios, both
// measured in this run. Never a pass/fail on time. Run: `npm run bench`.
//
// The volume is inserted with plain SQL in batches (the per-row services would take many minutes);
// only the signed-in accounts go through `createUser`, so their sessions are the real thing.
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import {
  demoEntities,
  demoOffices,
  generatedCompanies,
  generatedPeople,
  mulberry32,
} from '../src/seed/demo-data.ts';
import { type App, buildApp } from '../src/server/app.ts';
import { systemContext } from '../src/server/context.ts';
import { createDb, type Db, type DbHandle } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { createFileMailer } from '../src/server/mail/mailer.ts';
import { createEntity, createOffice } from '../src/server/organisation/service.ts';
import { type Session, signIn, testSecrets, testUrl } from '../src/server/testing.ts';
import { createUser } from '../src/server/users/service.ts';
import { throwawayDatabase } from './support.ts';

process.env.TZ = 'UTC';

const MEMBERS = 10_000;
const CLIENTS = 50_000;
const WARM_UP = 50;
const TIMED = 500;
const BATCH = 1_000;
const PASSWORD = 'bench-password-0123';
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

type Figures = { p50: number; p99: number; mean: number };
type Persona = { label: string; session: Session; sample: string };
type Run = { seedMs: number; figures: Map<string, Figures>; samples: Map<string, string> };

const people = generatedPeople(MEMBERS, 20261120);
const companies = generatedCompanies(CLIENTS, 20261121);

async function inBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/** Entities and offices through the services; the volume in bulk; two accounts through createUser. */
async function seed(app: App, db: Db) {
  const ctx = systemContext(app.deps);
  const entityIds: string[] = [];
  for (const e of demoEntities) entityIds.push((await createEntity(ctx, e)).id);
  const officeIds: string[] = [];
  for (const o of demoOffices) officeIds.push((await createOffice(ctx, o)).id);

  const rand = mulberry32(42);
  const now = new Date().toISOString();
  const members = people.map((p, i) => {
    const r = rand();
    return {
      id: crypto.randomUUID(),
      number: `M${String(i + 1).padStart(6, '0')}`,
      firstName: p.firstName,
      lastName: p.lastName,
      email: p.email,
      city: p.city,
      trades: [p.trade],
      officeId: officeIds[i % officeIds.length] as string,
      status: r < 0.15 ? ('prospect' as const) : r < 0.3 ? ('shareholder' as const) : ('member' as const),
      joinedOn: r < 0.15 ? null : '2024-01-15',
      updatedAt: now,
    };
  });
  const activities = members.map((m, i) => ({
    id: crypto.randomUUID(),
    entityId: entityIds[i % entityIds.length] as string,
    name: `${people[i]?.trade ?? 'activité'} — ${m.firstName} ${m.lastName}`,
    trade: people[i]?.trade ?? '',
    status: rand() < 0.9 ? ('open' as const) : ('closed' as const),
    feeRateBp: null,
    feeOverrideReason: null,
    updatedAt: now,
  }));
  const clients = companies.map((c) => ({
    id: crypto.randomUUID(),
    kind: 'company' as const,
    name: c.name,
    siren: c.siren,
    addressLine: '1 rue de la République',
    postalCode: c.postalCode,
    city: c.city,
    updatedAt: now,
  }));
  const links: { activityId: string; clientId: string }[] = [];
  for (const a of activities) {
    const count = 2 + Math.floor(rand() * 4); // 2–5 clients per activity
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(Math.floor(rand() * clients.length));
    for (const c of chosen) links.push({ activityId: a.id, clientId: (clients[c] as { id: string }).id });
  }

  await db.transaction().execute(async (trx) => {
    await inBatches(members, (b) => trx.insertInto('members').values(b).execute());
    await sql`select setval('member_number_seq', ${MEMBERS})`.execute(trx);
    await inBatches(activities, (b) => trx.insertInto('activities').values(b).execute());
    await inBatches(
      activities.map((a, i) => ({ activityId: a.id, memberId: (members[i] as { id: string }).id })),
      (b) => trx.insertInto('activityMembers').values(b).execute(),
    );
    await inBatches(clients, (b) => trx.insertInto('clients').values(b).execute());
    await inBatches(links, (b) => trx.insertInto('activityClients').values(b).execute());
  });
  // Fresh statistics, as autovacuum would gather after such a load (PGlite has no autovacuum).
  await sql`analyze`.execute(db);

  // The measured member: the first one whose only activity is open.
  const index = activities.findIndex((a) => a.status === 'open');
  const member = members[index] as (typeof members)[number];
  await createUser(ctx, {
    name: `${member.firstName} ${member.lastName}`,
    email: member.email,
    roles: ['member'],
    officeIds: [],
    password: PASSWORD,
    memberId: member.id,
  });
  await createUser(ctx, {
    name: 'Conseil Bench',
    email: 'conseil.bench@commune.test',
    roles: ['adviser'],
    officeIds: [member.officeId],
    password: PASSWORD,
  });
  return { memberEmail: member.email, adviserEmail: 'conseil.bench@commune.test' };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;

async function measure(session: Session): Promise<Figures> {
  for (let i = 0; i < WARM_UP; i++) {
    const res = await session.get('/api/v1/home');
    if (res.statusCode !== 200) throw new Error(`GET /api/v1/home answered ${res.statusCode}: ${res.body}`);
  }
  const times: number[] = [];
  for (let i = 0; i < TIMED; i++) {
    const start = performance.now();
    const res = await session.get('/api/v1/home');
    times.push(performance.now() - start);
    if (res.statusCode !== 200) throw new Error(`GET /api/v1/home answered ${res.statusCode}`);
  }
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    mean: times.reduce((s, t) => s + t, 0) / times.length,
  };
}

/** What the page shows, to see that both databases answer the same thing. */
function summarise(body: string) {
  const h = JSON.parse(body) as {
    activities: unknown[];
    clients: unknown[];
    clientTotal: number;
    followedMembers: { status: string; total: number }[] | null;
  };
  const followed = h.followedMembers?.map((f) => `${f.status} ${f.total}`).join(', ');
  return `activities ${h.activities.length}, clients ${h.clients.length} of ${h.clientTotal}${followed ? `, followed members: ${followed}` : ''}`;
}

async function run(handle: DbHandle): Promise<Run> {
  await migrate(handle);
  const app = await buildApp({
    db: handle.db,
    mailer: createFileMailer('Commune <no-reply@commune.test>', null),
    secrets: testSecrets,
    publicUrl: testUrl,
    webRoot: null,
    signInLimit: { window: 60, max: 1000 },
  });
  try {
    const started = performance.now();
    const { memberEmail, adviserEmail } = await seed(app, handle.db);
    const seedMs = performance.now() - started;
    const personas: Persona[] = [];
    for (const [label, email] of [
      ['member', memberEmail],
      ['adviser of one office', adviserEmail],
    ] as const) {
      const session = await signIn(app, email, PASSWORD);
      personas.push({ label, session, sample: summarise((await session.get('/api/v1/home')).body) });
    }
    const figures = new Map<string, Figures>();
    const samples = new Map<string, string>();
    for (const p of personas) {
      figures.set(p.label, await measure(p.session));
      samples.set(p.label, p.sample);
    }
    return { seedMs, figures, samples };
  } finally {
    await app.close();
    await handle.close();
  }
}

const ms = (n: number) => `${n.toFixed(2).padStart(8)} ms`;

function print(label: string, r: Run) {
  console.log(`\n${label}: seeded in ${(r.seedMs / 1000).toFixed(1)} s`);
  for (const [persona, f] of r.figures)
    console.log(
      `  ${persona.padEnd(22)} p50 ${ms(f.p50)}   p99 ${ms(f.p99)}   mean ${ms(f.mean)}   (${r.samples.get(persona)})`,
    );
}

console.log(
  `GET /api/v1/home — ${MEMBERS.toLocaleString('en')} members, ${CLIENTS.toLocaleString('en')} clients, ` +
    `one activity per member with 2–5 clients; ${WARM_UP} warm-up then ${TIMED} sequential requests ` +
    `(Node ${process.version})`,
);

const pglite = await run(await createDb({}));
print('PGlite (in memory)', pglite);

const server = await throwawayDatabase(adminUrl);
if (!server) {
  console.log('\nPostgreSQL unreachable: PGlite figures only.');
} else {
  let postgres: Run;
  try {
    postgres = await run(await createDb({ databaseUrl: server.url }));
  } finally {
    await server.drop();
  }
  print(`PostgreSQL (${new URL(adminUrl).host})`, postgres);
  console.log('\nPostgreSQL / PGlite');
  for (const [persona, f] of postgres.figures) {
    const base = pglite.figures.get(persona) as Figures;
    console.log(
      `  ${persona.padEnd(22)} p50 ×${(f.p50 / base.p50).toFixed(2)}   p99 ×${(f.p99 / base.p99).toFixed(2)}`,
    );
  }
}
