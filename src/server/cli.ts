// Command line: `npm run cli -- <command>`. migrate | seed
import { join } from 'node:path';
import { seedDemoIfEmpty } from '../seed/demo.ts';
import { buildApp } from './app.ts';
import { readConfig } from './config.ts';
import { createDb } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { createFileMailer } from './mail/mailer.ts';
import { loadSecrets } from './secrets.ts';

process.env.TZ = 'UTC';
const [command] = process.argv.slice(2);
const config = readConfig();
const handle = await createDb({ databaseUrl: config.databaseUrl, dataDir: join(config.dataDir, 'pglite') });
try {
  switch (command) {
    case 'migrate': {
      const applied = await migrate(handle);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'up to date');
      break;
    }
    case 'seed': {
      await migrate(handle);
      const app = await buildApp({
        db: handle.db,
        mailer: createFileMailer(config.mailFrom, join(config.dataDir, 'outbox')),
        secrets: await loadSecrets(config),
        publicUrl: config.publicUrl,
        webRoot: null,
      });
      console.log(
        (await seedDemoIfEmpty(app.deps)) ? 'seeded the demo cooperative' : 'not empty: nothing seeded',
      );
      await app.close();
      break;
    }
    default:
      console.error('usage: npm run cli -- migrate | seed');
      process.exitCode = 2;
  }
} finally {
  await handle.close();
}
