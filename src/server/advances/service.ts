// Advances (avance de trésorerie) and internal equipment loans to an activity (ADR 0016). A member
// asks on their activity, with the purpose and how it is repaid (monthly instalments, or a share of
// each client payment); an adviser of the office, an accountant or an admin decides, with a file fee
// in basis points. Approval posts the money to the activity (ANA: debit 966 for the cooperative,
// credit 976 on the activity, so the member can draw salary from it) and the fee (debit 967 on the
// activity, credit 977); each repayment posts the mirror (debit 976 / credit 966): from the client
// payment's transaction when repaid from revenue, from the daily job when repaid by instalments — each
// instalment and each payment at most once (unique keys).
import type { Transaction } from 'kysely';
import { can, memberScope } from '../../domain/access.ts';
import {
  buildSchedule,
  defaultFirstDueOn,
  fileFeeCents,
  revenueDeduction,
} from '../../domain/advances/schedule.ts';
import type { AdvanceInput, AdvanceView } from '../../domain/advances/schemas.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import { activityResource, requireActivity } from '../activities/service.ts';
import { recordAudit } from '../audit/service.ts';
import type { Ctx } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { transact } from '../db/transaction.ts';
import { type IdempotencyClaim, storeIdempotentAnswer } from '../http/idempotency.ts';
import { postEntry } from '../ledger/service.ts';
import * as store from './store.ts';

type Trx = Transaction<Database>;
type Q = Ctx['db'] | Trx;

const todayOf = (ctx: Ctx) => ctx.clock().toISOString().slice(0, 10);
const kindLabel = { advance: 'Avance de trésorerie', loan: 'Prêt d’équipement' } as const;

async function present(db: Q, rows: store.AdvanceRow[]): Promise<AdvanceView[]> {
  const ids = rows.map((r) => r.id);
  const [instalments, repayments] = await Promise.all([
    store.instalmentsOf(db, ids),
    store.repaymentsOf(db, ids),
  ]);
  return rows.map((r) => ({
    id: r.id,
    entityId: r.entityId,
    activity: { id: r.activityId, name: r.activityName, officeId: r.officeId },
    member: { id: r.memberId, name: r.memberName },
    kind: r.kind,
    purpose: r.purpose,
    amountCents: Number(r.amountCents),
    repayment: r.repayment,
    instalments: r.instalments,
    firstDueOn: r.firstDueOn ? String(r.firstDueOn) : null,
    revenueShareBp: r.revenueShareBp,
    fileFeeBp: r.fileFeeBp,
    fileFeeCents: r.fileFeeCents === null ? null : Number(r.fileFeeCents),
    status: r.status,
    comment: r.comment,
    requestedAt: String(r.requestedAt),
    decidedAt: r.decidedAt ? String(r.decidedAt) : null,
    repaidCents: Number(r.repaidCents),
    remainingCents: r.status === 'active' ? Number(r.amountCents) - Number(r.repaidCents) : 0,
    schedule: instalments
      .filter((i) => i.advanceId === r.id)
      .map((i) => ({
        seq: i.seq,
        dueOn: String(i.dueOn),
        amountCents: Number(i.amountCents),
        repaidOn: i.repaidOn ? String(i.repaidOn) : null,
      })),
    repayments: repayments
      .filter((p) => p.advanceId === r.id)
      .map((p) => ({
        id: p.id,
        on: String(p.repaidOn),
        amountCents: Number(p.amountCents),
        source: p.source,
        journalEntryId: p.entryId,
      })),
  }));
}

/** The advance with its activity, if the actor may see it (else "not found"). */
async function load(ctx: Ctx, id: string, db: Q = ctx.db) {
  const row = await store.findAdvance(db, id);
  if (!row) throw notFound('Advance');
  const a = await requireActivity(ctx, row.activityId).catch(() => {
    throw notFound('Advance');
  });
  const resource = activityResource(a);
  if (!can(ctx.actor, 'advance.read', resource)) throw notFound('Advance');
  return { row, resource };
}

export async function getAdvance(ctx: Ctx, id: string) {
  const { row } = await load(ctx, id);
  return (await present(ctx.db, [row]))[0] as AdvanceView;
}

export async function listAdvances(ctx: Ctx, f: { status?: string; activityId?: string; officeId?: string }) {
  if (!can(ctx.actor, 'advance.list')) throw notFound('Advances');
  const rows = await store.listAdvances(ctx.db, memberScope(ctx.actor), f);
  return { items: await present(ctx.db, rows) };
}

export async function requestAdvance(ctx: Ctx, input: AdvanceInput, claim: IdempotencyClaim | null = null) {
  const a = await requireActivity(ctx, input.activityId);
  if (!can(ctx.actor, 'advance.request', activityResource(a)) || !ctx.actor.memberId)
    throw new DomainError('auth.forbidden', 'Only a member of the activity asks for an advance');
  if (a.status !== 'open') throw new DomainError('advance.activity_inactive', 'The activity is closed');
  const today = todayOf(ctx);
  const memberId = ctx.actor.memberId;
  const id = await transact(ctx.db, async (trx) => {
    const row = await store.insertAdvance(trx, {
      entityId: a.entityId,
      activityId: a.id,
      memberId,
      kind: input.kind,
      purpose: input.purpose,
      amountCents: input.amountCents,
      repayment: input.repayment,
      instalments: input.repayment === 'schedule' ? (input.instalments ?? 1) : null,
      firstDueOn: input.repayment === 'schedule' ? (input.firstDueOn ?? defaultFirstDueOn(today)) : null,
      revenueShareBp: input.repayment === 'revenue' ? (input.revenueShareBp ?? null) : null,
      requestedBy: ctx.actor.userId,
      requestedAt: ctx.clock().toISOString(),
    });
    await recordAudit(
      trx,
      ctx,
      'advance.request',
      { type: 'advance', id: row.id },
      {
        kind: { from: null, to: input.kind },
        amountCents: { from: null, to: input.amountCents },
        repayment: { from: null, to: input.repayment },
      },
    );
    const [view] = await present(trx, [(await store.findAdvance(trx, row.id)) as store.AdvanceRow]);
    await storeIdempotentAnswer(trx, claim, view);
    return row.id;
  });
  return getAdvance(ctx, id);
}

/** Approves (posting the money and the file fee) or refuses a request, once. */
export async function decideAdvance(
  ctx: Ctx,
  id: string,
  input: { approve: boolean; fileFeeBp: number; comment: string },
  claim: IdempotencyClaim | null = null,
) {
  const { row, resource } = await load(ctx, id);
  if (!can(ctx.actor, 'advance.decide', resource))
    throw new DomainError(
      'auth.forbidden',
      'Only the office’s advisers, accountants and admins decide advances',
    );
  const today = todayOf(ctx);
  await transact(ctx.db, async (trx) => {
    const locked = await store.lockAdvance(trx, id);
    if (locked?.status !== 'requested') throw new DomainError('advance.invalid_status', 'Already decided');
    const now = ctx.clock().toISOString();
    if (!input.approve) {
      await store.updateAdvance(trx, id, {
        status: 'refused',
        comment: input.comment,
        decidedBy: ctx.actor.userId,
        decidedAt: now,
      });
    } else {
      const amount = Number(row.amountCents);
      const fee = fileFeeCents(amount, input.fileFeeBp);
      const label = `${kindLabel[row.kind]} : ${row.purpose}`.slice(0, 200);
      const posted = await postEntry(
        trx,
        ctx.actor,
        {
          entityId: row.entityId,
          journalCode: 'ANA',
          entryDate: today,
          label,
          lines: [
            { accountNumber: '966', debitCents: amount, creditCents: 0 },
            { accountNumber: '976', activityId: row.activityId, debitCents: 0, creditCents: amount },
            ...(fee > 0
              ? [
                  {
                    accountNumber: '967',
                    activityId: row.activityId,
                    label: `Frais de dossier (${(input.fileFeeBp / 100).toLocaleString('fr-FR')} %)`,
                    debitCents: fee,
                    creditCents: 0,
                  },
                  { accountNumber: '977', debitCents: 0, creditCents: fee },
                ]
              : []),
          ],
          source: { type: 'advance', id },
        },
        { now: ctx.clock() },
      );
      await store.updateAdvance(trx, id, {
        status: 'active',
        fileFeeBp: input.fileFeeBp,
        fileFeeCents: fee,
        comment: input.comment,
        decidedBy: ctx.actor.userId,
        decidedAt: now,
        disbursementEntryId: posted.id,
      });
      if (row.repayment === 'schedule' && row.instalments)
        await store.insertInstalments(
          trx,
          buildSchedule(amount, row.instalments, String(row.firstDueOn ?? defaultFirstDueOn(today))).map(
            (i) => ({
              advanceId: id,
              seq: i.seq,
              dueOn: i.dueOn,
              amountCents: i.amountCents,
              repaidOn: null,
            }),
          ),
        );
    }
    await recordAudit(
      trx,
      ctx,
      input.approve ? 'advance.approve' : 'advance.refuse',
      { type: 'advance', id },
      {
        status: { from: 'requested', to: input.approve ? 'active' : 'refused' },
        ...(input.approve ? { fileFeeBp: { from: null, to: input.fileFeeBp } } : {}),
        ...(input.comment ? { comment: { from: null, to: input.comment } } : {}),
      },
    );
    const [view] = await present(trx, [(await store.findAdvance(trx, id)) as store.AdvanceRow]);
    await storeIdempotentAnswer(trx, claim, view);
  });
  return getAdvance(ctx, id);
}

async function postRepayment(
  trx: Trx,
  ctx: Ctx,
  adv: { id: string; entityId: string; activityId: string; kind: 'advance' | 'loan' },
  amountCents: number,
  on: string,
  label: string,
) {
  return postEntry(
    trx,
    ctx.actor,
    {
      entityId: adv.entityId,
      journalCode: 'ANA',
      entryDate: on,
      label: `${label} — ${kindLabel[adv.kind].toLowerCase()}`.slice(0, 200),
      lines: [
        { accountNumber: '976', activityId: adv.activityId, debitCents: amountCents, creditCents: 0 },
        { accountNumber: '966', debitCents: 0, creditCents: amountCents },
      ],
      source: { type: 'advance', id: adv.id },
    },
    { now: ctx.clock() },
  );
}

/**
 * In a client payment's transaction: each active advance repaid from revenue on the activities paid
 * takes its share of what the payment brings (excl. VAT), never more than it is still owed nor more
 * than the payment brings; once per payment.
 */
export async function repayFromRevenueIn(
  trx: Trx,
  ctx: Ctx,
  p: {
    paymentId: string;
    paymentDate: string;
    /** `toFundCents`: what the same payment gave back to the guarantee fund's covers of that invoice. */
    parts: readonly {
      activityId: string | null;
      amountCents: number;
      vatCents: number;
      toFundCents: number;
    }[];
  },
) {
  // The share is of what the payment brings the activity: excl. VAT, less what went back to the fund
  // (a cover was an advance on exactly that money, and is repaid first, ADR 0016).
  const collected = new Map<string, number>();
  for (const part of p.parts)
    if (part.activityId)
      collected.set(
        part.activityId,
        (collected.get(part.activityId) ?? 0) + part.amountCents - part.vatCents - part.toFundCents,
      );
  const advances = await store.lockRevenueAdvances(trx, [...collected.keys()]);
  if (advances.length === 0) return [];
  const done = new Set((await store.repaidByPayment(trx, p.paymentId)).map((r) => r.advanceId));
  const out: { advanceId: string; amountCents: number }[] = [];
  for (const adv of advances) {
    if (done.has(adv.id)) continue;
    const left = collected.get(adv.activityId) ?? 0;
    const remaining = Number(adv.amountCents) - Number(adv.repaidCents);
    const amount = Math.min(left, revenueDeduction(left, adv.revenueShareBp ?? 0, remaining));
    if (amount <= 0) continue;
    const posted = await postRepayment(
      trx,
      ctx,
      adv,
      amount,
      p.paymentDate,
      'Remboursement sur encaissement',
    );
    if (
      !(await store.insertRepayment(trx, {
        advanceId: adv.id,
        source: 'revenue',
        paymentId: p.paymentId,
        amountCents: amount,
        repaidOn: p.paymentDate,
        entryId: posted.id,
      }))
    )
      throw new Error(`Advance ${adv.id} already repaid by payment ${p.paymentId}`);
    const repaid = Number(adv.repaidCents) + amount;
    await store.updateAdvance(trx, adv.id, {
      repaidCents: repaid,
      ...(repaid === Number(adv.amountCents) ? { status: 'repaid' as const } : {}),
    });
    collected.set(adv.activityId, left - amount);
    out.push({ advanceId: adv.id, amountCents: amount });
  }
  return out;
}

/**
 * Repays the instalments due by today (the daily job, or staff): each in its own transaction, each
 * at most once however many runs overlap.
 */
export async function runInstalments(ctx: Ctx) {
  // Posting repayments is the books' business: accountants, admins, and the schedule (system).
  if (!can(ctx.actor, 'ledger.post')) throw notFound('Advances');
  const today = todayOf(ctx);
  let repaid = 0;
  for (const due of await store.dueInstalments(ctx.db, today)) {
    const fresh = await transact(ctx.db, async (trx) => {
      const adv = await store.lockAdvance(trx, due.advanceId);
      const inst = await store.lockInstalment(trx, due.advanceId, due.seq);
      if (adv?.status !== 'active' || !inst || inst.repaidOn) return false;
      const remaining = Number(adv.amountCents) - Number(adv.repaidCents);
      const amount = Math.min(Number(inst.amountCents), remaining);
      if (amount > 0) {
        const posted = await postRepayment(
          trx,
          ctx,
          { id: due.advanceId, entityId: due.entityId, activityId: due.activityId, kind: due.kind },
          amount,
          String(inst.dueOn),
          `Échéance ${inst.seq}`,
        );
        await store.insertRepayment(trx, {
          advanceId: due.advanceId,
          source: 'instalment',
          instalmentSeq: inst.seq,
          amountCents: amount,
          repaidOn: String(inst.dueOn),
          entryId: posted.id,
        });
      }
      await store.markInstalment(trx, due.advanceId, due.seq, String(inst.dueOn));
      const total = Number(adv.repaidCents) + amount;
      await store.updateAdvance(trx, due.advanceId, {
        repaidCents: total,
        ...(total === Number(adv.amountCents) ? { status: 'repaid' as const } : {}),
      });
      return true;
    });
    if (fresh) repaid += 1;
  }
  return { repaid };
}

/**
 * Requests waiting for a decision, per office (of the requesting member), with the oldest's date:
 * for the advisers' cockpit. Without `officeIds`, every office.
 */
export async function pendingAdvancesByOffice(
  db: Ctx['db'],
  officeIds?: readonly string[],
): Promise<{ officeId: string | null; count: number; oldestRequestedAt: string }[]> {
  const rows = await store.pendingByOffice(db, officeIds);
  return rows.map((r) => ({
    officeId: r.officeId,
    count: Number(r.count),
    oldestRequestedAt: String(r.oldest),
  }));
}
