// What the benchmarks share: a throwaway database on the PostgreSQL server named by the caller.
import pg from 'pg';

/** A new database on the server (dropped by `drop`), or null when the server does not answer. */
export async function throwawayDatabase(
  adminUrl: string,
): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    console.log(`PostgreSQL did not answer at ${adminUrl}: ${(error as Error).message}`);
    return null;
  }
  const name = `commune_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(adminUrl);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
