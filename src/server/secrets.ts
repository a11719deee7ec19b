// Secrets come from the environment; on a trial install they are generated once and kept in DATA_DIR.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from './config.ts';

export type Secrets = { authSecret: string; dataKey: string };

export async function loadSecrets(config: Config): Promise<Secrets> {
  if (config.authSecret && config.dataKey) return { authSecret: config.authSecret, dataKey: config.dataKey };
  if (config.production) throw new Error('AUTH_SECRET and DATA_KEY must be set in production');
  const file = join(config.dataDir, 'secrets.json');
  let stored: Partial<Secrets> = {};
  try {
    stored = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    stored = { authSecret: randomBytes(32).toString('hex'), dataKey: randomBytes(32).toString('hex') };
    await mkdir(config.dataDir, { recursive: true });
    await writeFile(file, JSON.stringify(stored), { mode: 0o600 });
  }
  return {
    authSecret: config.authSecret ?? (stored.authSecret as string),
    dataKey: config.dataKey ?? (stored.dataKey as string),
  };
}
