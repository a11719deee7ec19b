// The audit log: every write says who did what to which record, and what changed.
import type { Transaction } from 'kysely';
import type { Actor } from '../../domain/access.ts';
import { can } from '../../domain/access.ts';
import { notFound } from '../../domain/errors.ts';
import type { Ctx } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { type AuditFilter, insertAuditEntry, listAuditEntries } from './store.ts';

export type Subject = { type: string; id: string };

/** Fields whose values never enter the log in clear. */
const sealedFields = new Set(['nir', 'iban', 'password']);

/** Keeps only what changed between two versions of a record, masking personal data. */
export function diff(before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of keys) {
    if (key === 'updatedAt' || key === 'createdAt') continue;
    const from = before?.[key] ?? null;
    const to = after?.[key] ?? null;
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    changes[key] = sealedFields.has(key) ? { from: from && '•••', to: to && '•••' } : { from, to };
  }
  return changes;
}

export async function recordAudit(
  trx: Transaction<Database>,
  who: { actor: Actor | null; requestId?: string },
  action: string,
  subject: Subject,
  changes: Record<string, unknown>,
): Promise<void> {
  await insertAuditEntry(trx, {
    userId: who.actor?.userId ?? null,
    action,
    subjectType: subject.type,
    subjectId: subject.id,
    changes: JSON.stringify(changes),
    requestId: who.requestId ?? null,
  });
}

export async function readAuditLog(ctx: Ctx, filter: AuditFilter) {
  if (!can(ctx.actor, 'audit.read')) throw notFound('Audit log');
  return listAuditEntries(ctx.db, filter);
}
