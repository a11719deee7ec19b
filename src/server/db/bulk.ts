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

const element = (v: unknown): string => {
  if (v === null || v === undefined) return 'NULL';
  const text = v instanceof Date ? v.toISOString() : typeof v === 'boolean' ? (v ? 't' : 'f') : String(v);
  return `"${text.replace(/[\\"]/g, '\\$&')}"`;
};

/**
 * A one-dimensional array in PostgreSQL's text format: every element quoted (so commas, braces,
 * quotes, backslashes and the word NULL in a text stay text), null and undefined as NULL.
 */
export const arrayLiteral = (values: readonly unknown[]): string => `{${values.map(element).join(',')}}`;

/**
 * Inserts the rows into the table, in one statement, with the columns named (in the Kysely
 * schema's camelCase) and typed; a column left out takes its default. Constraints and triggers
 * apply as to any insert.
 */
export async function insertRows<T extends keyof Database & string>(
  db: Kysely<Database> | Transaction<Database>,
  table: T,
  columns: Partial<Record<keyof Insertable<Database[T]> & string, ColumnType>>,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const named = Object.entries(columns) as [keyof Insertable<Database[T]> & string, ColumnType][];
  const arrays = named.map(
    ([name, type]) => sql`${arrayLiteral(rows.map((r) => r[name]))}::${sql.raw(type)}[]`,
  );
  await sql`insert into ${sql.raw(snake(table))} (${sql.raw(named.map(([n]) => snake(n)).join(', '))})
    select * from unnest(${sql.join(arrays)})`.execute(db);
}
