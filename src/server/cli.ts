// Command line: `npm run cli -- <command>`.
//   migrate | seed | export-fec --entity <id|code> --year <yyyy> --out <file>
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { seedDemoIfEmpty } from '../seed/demo.ts';
import { buildApp } from './app.ts';
import { readConfig } from './config.ts';
import { createDb } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { fecExport, findFiscalYearFor } from './ledger/service.ts';
import { createFileMailer } from './mail/mailer.ts';
import { loadSecrets } from './secrets.ts';

process.env.TZ = 'UTC';
const [command, ...rest] = process.argv.slice(2);
const usage =
  'usage: npm run cli -- migrate | seed | export-fec --entity <id|code> --year <yyyy> --out <file>';
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
    case 'export-fec': {
      // The FEC of a fiscal year (by its code, the year it closes), streamed to a file.
      const { values } = parseArgs({
        args: rest,
        options: { entity: { type: 'string' }, year: { type: 'string' }, out: { type: 'string' } },
      });
      if (!values.entity || !values.year) {
        console.error(usage);
        process.exitCode = 2;
        break;
      }
      const found = await findFiscalYearFor(handle.db, values.entity, values.year).catch((error: Error) => {
        console.error(`${error.message}: entity ${values.entity}, fiscal year ${values.year}`);
        process.exitCode = 1;
        return null;
      });
      if (!found) break;
      const { entity, year } = found;
      const { fileName, chunks } = await fecExport(handle.db, entity.id, year.id);
      const out = values.out ?? fileName;
      await pipeline(Readable.from(chunks), createWriteStream(out));
      console.log(
        `${out} (FEC ${entity.code} ${year.code}, closing ${year.endDate}; legal name ${fileName})`,
      );
      break;
    }
    default:
      console.error(usage);
      process.exitCode = 2;
  }
} finally {
  await handle.close();
}
