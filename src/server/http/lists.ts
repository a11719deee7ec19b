// Lists: `?limit=&cursor=&q=&sort=` in, `{ items, total, nextCursor }` out. The cursor is opaque to
// clients (an offset today), so the paging strategy can change without breaking them.
import { z } from 'zod';
import { DomainError } from '../../domain/errors.ts';

export const listQuery = <S extends readonly [string, ...string[]]>(sortable: S) =>
  z.object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(64).optional(),
    q: z.string().trim().max(100).optional(),
    sort: z.enum(sortable.flatMap((s) => [s, `-${s}`]) as [string, ...string[]]).optional(),
  });

export type ListParams = {
  limit: number;
  offset: number;
  q?: string;
  sort?: { column: string; direction: 'asc' | 'desc' };
};

export function readListQuery(query: {
  limit: number;
  cursor?: string;
  q?: string;
  sort?: string;
}): ListParams {
  let offset = 0;
  if (query.cursor) {
    const decoded = Number(Buffer.from(query.cursor, 'base64url').toString('utf8'));
    if (!Number.isSafeInteger(decoded) || decoded < 0)
      throw new DomainError('validation.failed', 'Bad cursor', {
        errors: [{ pointer: '/querystring/cursor', code: 'cursor.invalid', message: 'Bad cursor' }],
      });
    offset = decoded;
  }
  return {
    limit: query.limit,
    offset,
    ...(query.q ? { q: query.q } : {}),
    ...(query.sort
      ? {
          sort: {
            column: query.sort.replace(/^-/, ''),
            direction: query.sort.startsWith('-') ? 'desc' : 'asc',
          },
        }
      : {}),
  };
}

export const pageOf = <T>(items: T[], total: number, p: ListParams) => ({
  items,
  total,
  nextCursor:
    p.offset + items.length < total
      ? Buffer.from(String(p.offset + items.length)).toString('base64url')
      : null,
});

export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), nextCursor: z.string().nullable() });

/** Escapes LIKE wildcards in a search typed by a person. */
export const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
