import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

export type AuditFilter = {
  subjectType?: string;
  subjectId?: string;
  userId?: string;
  limit: number;
  cursor?: number;
};

export async function insertAuditEntry(
  trx: Transaction<Database>,
  row: {
    userId: string | null;
    action: string;
    subjectType: string;
    subjectId: string;
    changes: string;
    requestId: string | null;
  },
) {
  await trx.insertInto('auditLog').values(row).execute();
}

export async function listAuditEntries(db: Kysely<Database>, f: AuditFilter) {
  let q = db
    .selectFrom('auditLog')
    .leftJoin('user', 'user.id', 'auditLog.userId')
    .select([
      'auditLog.id',
      'auditLog.at',
      'auditLog.userId',
      'user.name as userName',
      'auditLog.action',
      'auditLog.subjectType',
      'auditLog.subjectId',
      'auditLog.changes',
      'auditLog.requestId',
    ])
    .orderBy('auditLog.id', 'desc')
    .limit(f.limit + 1);
  if (f.subjectType) q = q.where('auditLog.subjectType', '=', f.subjectType);
  if (f.subjectId) q = q.where('auditLog.subjectId', '=', f.subjectId);
  if (f.userId) q = q.where('auditLog.userId', '=', f.userId);
  if (f.cursor) q = q.where('auditLog.id', '<', f.cursor);
  const rows = await q.execute();
  const items = rows.slice(0, f.limit);
  return { items, nextCursor: rows.length > f.limit ? String(items.at(-1)?.id) : null };
}
