// Opens the database: embedded PGlite in a folder by default, a PostgreSQL server when a URL is given.
// Both return int8 as a safe number, date as an ISO string and timestamps as ISO instants.
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import {
  CamelCasePlugin,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  Kysely,
  PGliteDialect,
  PostgresDialect,
} from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

const INT8 = 20;
const DATE = 1082;
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;

const parseInt8 = (value: string): number => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 out of safe range: ${value}`);
  return n;
};
const parseInstant = (value: string): string =>
  new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString();

const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8) return parseInt8;
    if (oid === DATE) return (v: string) => v;
    if (oid === TIMESTAMPTZ || oid === TIMESTAMP) return parseInstant;
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

export type DbOptions = { databaseUrl?: string; dataDir?: string; pglite?: PGlite };

export const openPglite = async (dataDir?: string, loadDataDir?: Blob): Promise<PGlite> =>
  PGlite.create(dataDir, {
    parsers: {
      [pgliteTypes.INT8]: parseInt8,
      [pgliteTypes.DATE]: (v: string) => v,
      [pgliteTypes.TIMESTAMPTZ]: parseInstant,
      [pgliteTypes.TIMESTAMP]: parseInstant,
    },
    ...(loadDataDir ? { loadDataDir } : {}),
    // Exclusion constraints mixing uuid equality and range overlap (space bookings, 0007).
    extensions: { btree_gist },
  });

/**
 * The query builder, plus a way to apply a multi-statement SQL script once and atomically
 * (migrations): Kysely sends one statement at a time, so scripts go to the driver itself.
 */
export type DbHandle = {
  db: Db;
  /** Runs the script unless `name` is already in schema_migrations; true when it ran. */
  applyScript: (name: string, text: string) => Promise<boolean>;
  close: () => Promise<void>;
};

const ensureMigrationsTable =
  'create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())';

export async function createDb(options: DbOptions): Promise<DbHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, types: pgTypes, max: 10 });
    // An idle connection closed by the server (restart, failover, dropped database) is discarded by the
    // pool, which opens a new one on demand; without a listener the error would stop the process.
    pool.on('error', () => {});
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      plugins: [new CamelCasePlugin()],
    });
    const applyScript = async (name: string, text: string) => {
      const client = await pool.connect();
      try {
        await client.query(ensureMigrationsTable);
        await client.query('begin');
        // Several app instances may start together: one applies, the others wait and skip.
        await client.query('select pg_advisory_xact_lock(4242)');
        const seen = await client.query('select 1 from schema_migrations where name = $1', [name]);
        if (seen.rowCount) {
          await client.query('rollback');
          return false;
        }
        await client.query(text);
        await client.query('insert into schema_migrations (name) values ($1)', [name]);
        await client.query('commit');
        return true;
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    };
    return { db, applyScript, close: () => db.destroy() };
  }
  const pglite = options.pglite ?? (await openPglite(options.dataDir));
  const db = new Kysely<Database>({ dialect: serializedPglite(pglite), plugins: [new CamelCasePlugin()] });
  const applyScript = async (name: string, text: string) => {
    await pglite.exec(ensureMigrationsTable);
    return pglite.transaction(async (tx) => {
      const seen = await tx.query('select 1 from schema_migrations where name = $1', [name]);
      if (seen.rows.length > 0) return false;
      await tx.exec(text);
      await tx.query('insert into schema_migrations (name) values ($1)', [name]);
      return true;
    });
  };
  return { db, applyScript, close: () => db.destroy() };
}

/**
 * PGlite has a single connection: without a queue, a query from one request would run inside
 * another request's open transaction. Every acquisition waits for the previous holder to release.
 */
function serializedPglite(pglite: PGlite): Dialect {
  const base = new PGliteDialect({ pglite });
  return {
    createAdapter: () => base.createAdapter(),
    createIntrospector: (db) => base.createIntrospector(db),
    createQueryCompiler: () => base.createQueryCompiler(),
    createDriver: (): Driver => {
      const driver = base.createDriver();
      let tail: Promise<void> = Promise.resolve();
      let release: (() => void) | undefined;
      return {
        init: (o) => driver.init(o),
        destroy: () => driver.destroy(),
        acquireConnection: async (o): Promise<DatabaseConnection> => {
          const previous = tail;
          let done!: () => void;
          tail = new Promise<void>((resolve) => {
            done = resolve;
          });
          await previous;
          release = done;
          return driver.acquireConnection(o);
        },
        releaseConnection: async (connection) => {
          await driver.releaseConnection(connection);
          const done = release;
          release = undefined;
          done?.();
        },
        beginTransaction: (c, s) => driver.beginTransaction(c, s),
        commitTransaction: (c) => driver.commitTransaction(c),
        rollbackTransaction: (c) => driver.rollbackTransaction(c),
        savepoint: driver.savepoint?.bind(driver),
        rollbackToSavepoint: driver.rollbackToSavepoint?.bind(driver),
        releaseSavepoint: driver.releaseSavepoint?.bind(driver),
      };
    },
  };
}
