// Forward-only plain-SQL migrations, applied in name order, each in its own transaction.
import { readdir, readFile } from 'node:fs/promises';
import type { DbHandle } from './client.ts';

const folder = new URL('./migrations/', import.meta.url);

export async function migrate(handle: DbHandle): Promise<string[]> {
  const files = (await readdir(folder)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  const applied: string[] = [];
  for (const file of files) {
    if (await handle.applyScript(file, await readFile(new URL(file, folder), 'utf8'))) applied.push(file);
  }
  return applied;
}
