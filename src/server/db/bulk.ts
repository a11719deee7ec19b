// Many rows in one statement: `insert … select from unnest(…)`, one array parameter per column
// whatever the number of rows. A multi-row VALUES binds one parameter per cell, and building,
// sending and parsing tens of thousands of them was most of the cost of posting a payroll run's
// batch (ADR 0018).
import { type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** The column types the bulk inserts use (the array's element type, as PostgreSQL spells it). */
export type ColumnType =
  | 'uuid'
  | 'text'
  | 'bigint'
  | 'integer'
  | 'smallint'
  | 'numeric'
  | 'date'
  | 'timestamptz'
  | 'boolean';

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const quoted = (text: string) =>
  `"${text.includes('"') || text.includes('\\') ? text.replace(/[\\"]/g, '\\$&') : text}"`;

/** An element of the array: numbers as they are, everything else quoted (a payroll batch writes tens of thousands). */
const element = (v: unknown): string => {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'string') return quoted(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return quoted(v instanceof Date ? v.toISOString() : String(v));
};

/**
 * A one-dimensional array in PostgreSQL's text format: every element but numbers quoted (so commas,
 * braces, quotes, backslashes and the word NULL in a text stay text), null and undefined as NULL.
 */
export const arrayLiteral = (values: readonly unknown[]): string => `{${elements(values)}}`;

/** The elements of an array literal, without its braces: what serializeRows keeps per column. */
const elements = (values: readonly unknown[]) => values.map(element).join(',');

type Columns<T extends keyof Database> = Partial<Record<keyof Insertable<Database[T]> & string, ColumnType>>;

/**
 * Rows already turned into array elements, one comma-separated run per column (in the columns'
 * order): made ahead, where the rows are known, and written later together with others.
 */
export type SerializedRows = { readonly count: number; readonly columns: readonly string[] };

export function serializeRows<T extends keyof Database & string>(
  columns: Columns<T>,
  rows: readonly Insertable<Database[T]>[],
): SerializedRows {
  return {
    count: rows.length,
    columns: Object.keys(columns).map((name) =>
      elements(rows.map((r) => (r as Record<string, unknown>)[name])),
    ),
  };
}

/**
 * Inserts the rows into the table, in one statement, with the columns named (in the Kysely
 * schema's camelCase) and typed; a column left out takes its default. Constraints and triggers
 * apply as to any insert.
 */
export const insertRows = <T extends keyof Database & string>(
  db: Kysely<Database> | Transaction<Database>,
  table: T,
  columns: Columns<T>,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> => insertSerialized(db, table, columns, [serializeRows(columns, rows)]);

/** Inserts rows serialized ahead (serializeRows with the same columns), all in one statement. */
export async function insertSerialized<T extends keyof Database & string>(
  db: Kysely<Database> | Transaction<Database>,
  table: T,
  columns: Columns<T>,
  parts: readonly SerializedRows[],
): Promise<void> {
  const filled = parts.filter((p) => p.count > 0);
  if (filled.length === 0) return;
  const named = Object.entries(columns) as [string, ColumnType][];
  const arrays = named.map(
    ([, type], i) => sql`${`{${filled.map((p) => p.columns[i]).join(',')}}`}::${sql.raw(type)}[]`,
  );
  await sql`insert into ${sql.raw(snake(table))} (${sql.raw(named.map(([n]) => snake(n)).join(', '))})
    select * from unnest(${sql.join(arrays)})`.execute(db);
}
