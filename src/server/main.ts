// Starts Commune: reads the configuration, opens and migrates the database, seeds a demo
// cooperative on first start, serves the API and the web app, and runs the outbox worker.
import { join } from 'node:path';
import { sql } from 'kysely';
import { seedDemoIfEmpty } from '../seed/demo.ts';
import { runInstalments } from './advances/service.ts';
import { buildApp } from './app.ts';
import { settleWaitingLists } from './community/service.ts';
import { readConfig } from './config.ts';
import { systemContext } from './context.ts';
import { createDb } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { startWorker } from './jobs/outbox.ts';
import { every } from './jobs/schedule.ts';
import { createFileMailer, createSmtpMailer } from './mail/mailer.ts';
import { loadSecrets } from './secrets.ts';
import { runDunning } from './treasury/service.ts';

process.env.TZ = 'UTC';
const config = readConfig();
const secrets = await loadSecrets(config);
const handle = await createDb({ databaseUrl: config.databaseUrl, dataDir: join(config.dataDir, 'pglite') });
const applied = await migrate(handle);
if (applied.length) console.log(`migrated: ${applied.join(', ')}`);
const mailer = config.smtpUrl
  ? createSmtpMailer(config.smtpUrl, config.mailFrom)
  : createFileMailer(config.mailFrom, join(config.dataDir, 'outbox'));
const app = await buildApp({
  db: handle.db,
  mailer,
  secrets,
  publicUrl: config.publicUrl,
  extraOrigins: config.production ? [] : ['http://localhost:5173'],
  logger: { level: config.logLevel },
});
if (config.seed === 'demo') {
  const seeded = await seedDemoIfEmpty(app.deps);
  if (seeded) console.log('seeded the demo cooperative (see README for the demo log-ins)');
}
const stopWorker = startWorker(
  handle.db,
  { email: async (m) => void (await mailer.send(m)) },
  app.deps.clock,
);
// Overdue invoices get their reminders on the entity's schedule (each step once).
const stopDunning = every(60 * 60_000, 'dunning', () => runDunning(systemContext(app.deps)));
// Scheduled advances and loans take their instalments when due (each once).
const stopInstalments = every(60 * 60_000, 'advance instalments', () =>
  runInstalments(systemContext(app.deps)),
);
// Places held by prospects who did not confirm in time go to the waiting list without waiting for
// the next registration to the event.
const stopWaitingLists = every(5 * 60_000, 'waiting lists', () => settleWaitingLists(app.deps));
// The embedded database has no autovacuum daemon: without fresh statistics the planner picks scans
// that make the ledger's aggregates (dashboard, cockpit) a hundred times slower as the books grow.
const stopStatistics = config.databaseUrl
  ? async () => {}
  : every(6 * 60 * 60_000, 'statistics', () => sql`analyze`.execute(handle.db));
await app.listen({ port: config.port, host: config.host });
console.log(`Commune is ready on ${config.publicUrl}`);

const shutdown = async () => {
  await app.close();
  await stopWorker();
  await stopDunning();
  await stopInstalments();
  await stopWaitingLists();
  await stopStatistics();
  await handle.close();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
