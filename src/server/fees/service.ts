// The cooperative fee: policy versions (dated, never changed, never retroactive), the one function
// that charges a revenue event (called by invoicing when a document is issued and by treasury when a
// payment is recorded), credit-note reversals, the yearly minimum, and what members see of it all.
//
// Each charge is a row of fee_charges, unique by its source, written before its ANA entry in the
// same transaction: a retried issue or payment finds the row and charges nothing more.
import type { Transaction } from 'kysely';
import { type Actor, can } from '../../domain/access.ts';
import type { IsoDate } from '../../domain/dates.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import {
  type BudgetService,
  type BudgetShare,
  budgetServices,
  type Charge,
  chargeRevenue,
  checkShares,
  collectedBaseToReverse,
  feeBreakdown,
  minimumTopUp,
  reverseCharges,
  type Totals,
} from '../../domain/fees/charge.ts';
import {
  type ActivityKind,
  type AppliedTerms,
  checkNewVersion,
  isWithdrawable,
  resolveTerms,
  versionInForce,
} from '../../domain/fees/policy.ts';
import type {
  ActivityFeeView,
  AppliedTermsView,
  BudgetSharesInput,
  BudgetSharesView,
  ContributionView,
  MinimumRunView,
  PolicyVersionInput,
  PolicyVersionView,
} from '../../domain/fees/schemas.ts';
import type { LineInput } from '../../domain/ledger/schemas.ts';
import { applyRate } from '../../domain/money.ts';
import { requireActivity } from '../activities/service.ts';
import { recordAudit } from '../audit/service.ts';
import type { Ctx } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { transact } from '../db/transaction.ts';
import { type IdempotencyClaim, storeIdempotentAnswer } from '../http/idempotency.ts';
import { postEntry } from '../ledger/service.ts';
import * as store from './store.ts';

type Trx = Transaction<Database>;

const todayOf = (ctx: Pick<Ctx, 'clock'>): IsoDate => ctx.clock().toISOString().slice(0, 10);
const yearOf = (date: IsoDate) => Number(date.slice(0, 4));

const fieldError = (code: 'fee.retroactive_version' | 'fee.version_exists', pointer: string) =>
  new DomainError(code, code, { errors: [{ pointer, code, message: code }] });

// ——— Terms ———

function exceptionOf(a: { feeRateBp: number | null; feeOverrideReason: string | null }) {
  return a.feeRateBp === null ? null : { rateBp: a.feeRateBp, reason: a.feeOverrideReason ?? '' };
}

async function termsFor(db: Trx | Ctx['db'], a: store.ActivityFeeRow, date: IsoDate) {
  const versions = await store.findVersions(db, { entityId: a.entityId });
  return resolveTerms(
    versions,
    { entityId: a.entityId, kind: a.kind as ActivityKind, exception: exceptionOf(a) },
    date,
  );
}

const termsView = (t: AppliedTerms | null): AppliedTermsView | null =>
  t && {
    versionId: t.versionId,
    policyKind: t.policyKind,
    rateBp: t.rateBp,
    base: t.base,
    minimumYearCents: t.minimumYearCents,
    tierThresholdCents: t.tier?.thresholdCents ?? null,
    reducedRateBp: t.tier?.reducedRateBp ?? null,
    fundShareBp: t.fundShareBp,
    exception: t.exception,
    exceptionReason: t.exceptionReason,
  };

// ——— Posting ———

/** The ANA entry of a fee: 961 on the activity against 971 (the cooperative) and 973 (the fund). */
async function postFee(
  trx: Trx,
  actor: Actor,
  p: {
    entityId: string;
    activityId: string;
    date: IsoDate;
    label: string;
    pieceRef: string;
    feeCents: number;
    fundCents: number;
    source: { type: string; id: string };
    now: Date;
  },
) {
  const give = p.feeCents < 0; // a reversal: the mirror image
  const fee = Math.abs(p.feeCents);
  const fund = Math.abs(p.fundCents);
  const side = (cents: number, debit: boolean) => (debit ? { debitCents: cents } : { creditCents: cents });
  const lines: LineInput[] = [{ accountNumber: '961', activityId: p.activityId, ...side(fee, !give) }];
  if (fee - fund > 0) lines.push({ accountNumber: '971', ...side(fee - fund, give) } as LineInput);
  if (fund > 0) lines.push({ accountNumber: '973', ...side(fund, give) } as LineInput);
  return postEntry(
    trx,
    actor,
    {
      entityId: p.entityId,
      journalCode: 'ANA',
      entryDate: p.date,
      label: p.label.slice(0, 200),
      pieceRef: p.pieceRef.slice(0, 60),
      pieceDate: p.date,
      lines,
      source: p.source,
    },
    { now: p.now },
  );
}

const positive = (rows: readonly store.ChargeRow[]) => rows.filter((r) => r.feeCents >= 0 && r.baseCents > 0);
const totalsOf = (rows: readonly store.ChargeRow[]): Totals =>
  rows.reduce(
    (t, r) => ({
      baseCents: t.baseCents + Math.abs(r.baseCents),
      feeCents: t.feeCents + Math.abs(r.feeCents),
      fundCents: t.fundCents + Math.abs(r.fundCents),
    }),
    { baseCents: 0, feeCents: 0, fundCents: 0 },
  );

type Source = { type: 'sales_document' | 'payment'; id: string };

async function recordAndPost(
  trx: Trx,
  actor: Actor,
  now: Date,
  a: store.ActivityFeeRow,
  c: {
    source: Source;
    kind: 'invoice' | 'payment' | 'credit_note';
    documentId: string;
    date: IsoDate;
    terms: AppliedTerms | null;
    charge: Charge;
    label: string;
    pieceRef: string;
  },
) {
  const id = await store.insertCharge(trx, {
    entityId: a.entityId,
    activityId: a.id,
    sourceType: c.source.type,
    sourceId: c.source.id,
    kind: c.kind,
    documentId: c.documentId,
    policyVersionId: c.terms?.versionId ?? null,
    exception: c.terms?.exception ?? false,
    rateBp: c.charge.rateBp,
    reducedRateBp: c.charge.reducedRateBp,
    baseCents: c.charge.baseCents,
    reducedBaseCents: c.charge.reducedBaseCents,
    feeCents: c.charge.feeCents,
    fundCents: c.charge.fundCents,
    chargeDate: c.date,
  });
  if (!id || c.charge.feeCents === 0) return null; // charged before (a retry), or nothing to post
  const entrySource =
    c.source.type === 'payment' ? { type: 'payment', id: c.source.id.split(':')[0] as string } : c.source;
  const posted = await postFee(trx, actor, {
    entityId: a.entityId,
    activityId: a.id,
    date: c.date,
    label: c.label,
    pieceRef: c.pieceRef,
    feeCents: c.charge.feeCents,
    fundCents: c.charge.fundCents,
    source: entrySource,
    now,
  });
  await store.setChargeEntry(trx, id, posted.id);
  return posted;
}

/**
 * Charges the fee of an issued sales document, inside the issuing transaction. An invoice (or a
 * deposit invoice) is charged now when its policy's base is 'invoiced' (a row is kept even at 0 %,
 * so the payment knows it was charged); a credit note gives back, at the rates first applied, the
 * share of the fee its base stands for — or, when the fee followed the money, the fee on what was
 * collected beyond what the invoice now asks.
 */
export async function chargeIssuedDocument(
  trx: Trx,
  actor: Actor,
  doc: {
    id: string;
    kind: 'invoice' | 'deposit_invoice' | 'credit_note';
    activityId: string;
    number: string;
    date: IsoDate;
    /** The base this document posted to 706 (a balance invoice: what its deposits did not). */
    baseCents: number;
    /** For a credit note: the invoice it corrects. */
    invoiceId?: string | null;
  },
  opts: { now: Date },
) {
  const a = await store.findActivityForFee(trx, doc.activityId, true);
  if (!a) throw notFound('Activity');
  const source: Source = { type: 'sales_document', id: doc.id };
  if (doc.kind !== 'credit_note') {
    const terms = await termsFor(trx, a, doc.date);
    if (terms?.base !== 'invoiced') return null;
    const charge = chargeRevenue({
      baseCents: doc.baseCents,
      terms,
      yearBaseBeforeCents: await store.yearBase(trx, a.id, yearOf(doc.date)),
      documentCharges: [],
    });
    return recordAndPost(trx, actor, opts.now, a, {
      source,
      kind: 'invoice',
      documentId: doc.id,
      date: doc.date,
      terms,
      charge,
      label: `Contribution coopérative ${doc.number}`,
      pieceRef: doc.number,
    });
  }
  const invoiceId = doc.invoiceId;
  if (!invoiceId) return null;
  const rows = await store.documentCharges(trx, invoiceId);
  const charged = positive(rows);
  if (charged.length === 0) return null;
  const reversed = totalsOf(rows.filter((r) => r.kind === 'credit_note'));
  let base = doc.baseCents;
  if (!charged.some((r) => r.kind === 'invoice')) {
    // The fee followed the money: only what was collected beyond the invoice's new amount comes back.
    const invoice = await store.findDocument(trx, invoiceId);
    base = collectedBaseToReverse({
      collectedBaseCents: totalsOf(charged).baseCents,
      invoiceBaseCents: Number(invoice?.totalExclVatCents ?? 0),
      creditedBeforeCents: await store.creditedBefore(trx, invoiceId, doc.id),
      creditCents: doc.baseCents,
    });
  }
  const back = reverseCharges({ charged: totalsOf(charged), reversed, baseCents: base });
  if (back.baseCents === 0) return null;
  const first = charged[0] as store.ChargeRow;
  return recordAndPost(trx, actor, opts.now, a, {
    source,
    kind: 'credit_note',
    documentId: invoiceId,
    date: doc.date,
    terms: null,
    charge: {
      baseCents: -back.baseCents,
      reducedBaseCents: 0,
      rateBp: first.rateBp,
      reducedRateBp: first.reducedRateBp,
      feeCents: -back.feeCents,
      fundCents: -back.fundCents,
    },
    label: `Contribution coopérative rendue ${doc.number}`,
    pieceRef: doc.number,
  });
}

/**
 * Charges the fee on the invoices a payment pays, inside the payment's transaction: for each invoice
 * not charged when it was issued (its policy's base was 'collected'), on the amount excl. VAT paid,
 * at the terms in force on the payment date.
 */
export async function chargePayment(
  trx: Trx,
  actor: Actor,
  p: {
    paymentId: string;
    date: IsoDate;
    parts: readonly { documentId: string; amountCents: number; vatCents: number }[];
  },
  opts: { now: Date },
) {
  const posted = [];
  for (const part of p.parts) {
    const doc = await store.findDocument(trx, part.documentId);
    if (!doc || doc.kind === 'credit_note' || doc.kind === 'quote') continue;
    const rows = await store.documentCharges(trx, doc.id);
    if (rows.some((r) => r.kind === 'invoice')) continue; // charged when issued
    const a = await store.findActivityForFee(trx, doc.activityId, true);
    if (!a) continue;
    const terms = await termsFor(trx, a, p.date);
    if (!terms) continue;
    const baseCents = Math.max(0, part.amountCents - part.vatCents);
    if (baseCents === 0) continue;
    const charge = chargeRevenue({
      baseCents,
      terms,
      yearBaseBeforeCents: await store.yearBase(trx, a.id, yearOf(p.date)),
      documentCharges: rows.filter((r) => r.kind === 'payment'),
    });
    const entry = await recordAndPost(trx, actor, opts.now, a, {
      source: { type: 'payment', id: `${p.paymentId}:${doc.id}` },
      kind: 'payment',
      documentId: doc.id,
      date: p.date,
      terms,
      charge,
      label: `Contribution coopérative sur encaissement ${doc.number ?? ''}`.trim(),
      pieceRef: doc.number ?? p.paymentId.slice(0, 8),
    });
    if (entry) posted.push(entry);
  }
  return posted;
}

// ——— Policy versions ———

function statusOf(v: store.VersionRow, all: readonly store.VersionRow[], today: IsoDate) {
  if (v.effectiveFrom > today) return 'planned' as const;
  const current = versionInForce(all, v.entityId, v.activityKind, today);
  return current?.id === v.id ? ('current' as const) : ('past' as const);
}

const versionView = (
  v: store.VersionRow,
  all: readonly store.VersionRow[],
  today: IsoDate,
): PolicyVersionView => ({
  id: v.id,
  entityId: v.entityId,
  entityCode: v.entityCode,
  activityKind: v.activityKind,
  effectiveFrom: v.effectiveFrom,
  rateBp: v.rateBp,
  base: v.base,
  minimumYearCents: v.minimumYearCents,
  tierThresholdCents: v.tier?.thresholdCents ?? null,
  reducedRateBp: v.tier?.reducedRateBp ?? null,
  fundShareBp: v.fundShareBp,
  note: v.note,
  status: statusOf(v, all, today),
  createdAt: v.createdAt,
  createdBy: v.createdBy,
});

export async function listPolicyVersions(
  ctx: Ctx,
  entityId?: string,
): Promise<{ items: PolicyVersionView[] }> {
  if (!can(ctx.actor, 'fee.read')) throw notFound('Fee policies');
  const all = await store.findVersions(ctx.db, entityId ? { entityId } : {});
  const today = todayOf(ctx);
  return { items: all.map((v) => versionView(v, all, today)) };
}

async function addVersionIn(trx: Trx, ctx: Ctx, input: PolicyVersionInput) {
  if (!(await store.entityExists(trx, input.entityId)))
    throw new DomainError('validation.failed', 'Unknown entity', {
      errors: [{ pointer: '/entityId', code: 'resource.not_found', message: 'Unknown entity' }],
    });
  const existing = await store.findVersions(trx, { entityId: input.entityId });
  const issues = checkNewVersion(existing, input, todayOf(ctx));
  const [issue] = issues;
  if (issue) throw fieldError(issue.code, issue.pointer);
  const { id } = await store.insertVersion(trx, {
    entityId: input.entityId,
    activityKind: input.activityKind,
    effectiveFrom: input.effectiveFrom,
    rateBp: input.rateBp,
    base: input.base,
    minimumYearCents: input.minimumYearCents,
    tierThresholdCents: input.tierThresholdCents,
    reducedRateBp: input.reducedRateBp,
    fundShareBp: input.fundShareBp,
    note: input.note,
    createdBy: ctx.actor.userId,
  });
  await recordAudit(
    trx,
    ctx,
    'fee.policy_version_create',
    { type: 'fee_policy_version', id },
    {
      entityId: { from: null, to: input.entityId },
      activityKind: { from: null, to: input.activityKind },
      effectiveFrom: { from: null, to: input.effectiveFrom },
      rateBp: { from: null, to: input.rateBp },
      base: { from: null, to: input.base },
      minimumYearCents: { from: null, to: input.minimumYearCents },
      tierThresholdCents: { from: null, to: input.tierThresholdCents },
      reducedRateBp: { from: null, to: input.reducedRateBp },
      fundShareBp: { from: null, to: input.fundShareBp },
    },
  );
  return id;
}

/** A new version of an entity's policy for a kind of activity, from today or a later date. Admins. */
export async function createPolicyVersion(ctx: Ctx, input: PolicyVersionInput): Promise<PolicyVersionView> {
  if (!can(ctx.actor, 'fee.manage'))
    throw new DomainError('auth.forbidden', 'The direction sets the fee policies');
  return transact(ctx.db, async (trx) => {
    const id = await addVersionIn(trx, ctx, input);
    const all = await store.findVersions(trx, { entityId: input.entityId });
    const v = all.find((x) => x.id === id) as store.VersionRow;
    return versionView(v, all, todayOf(ctx));
  });
}

/** Withdraws a version that is not in force yet; one in force (or past) stays as it is, forever. */
export async function withdrawPolicyVersion(ctx: Ctx, id: string) {
  if (!can(ctx.actor, 'fee.manage'))
    throw new DomainError('auth.forbidden', 'The direction sets the fee policies');
  await transact(ctx.db, async (trx) => {
    const [v] = await store.findVersions(trx, { ids: [id] });
    if (!v) throw notFound('Fee policy version');
    if (!isWithdrawable(v, todayOf(ctx))) throw new DomainError('fee.version_in_force', 'Already in force');
    await store.deleteVersion(trx, id);
    await recordAudit(
      trx,
      ctx,
      'fee.policy_version_withdraw',
      { type: 'fee_policy_version', id },
      {
        effectiveFrom: { from: v.effectiveFrom, to: null },
        rateBp: { from: v.rateBp, to: null },
      },
    );
  });
}

/**
 * The entity form's headline rate follows the general policy: changing it there adds a general
 * version from today with the other terms kept (called by the organisation module).
 */
export async function followEntityRateIn(trx: Trx, ctx: Ctx, entityId: string, rateBp: number) {
  const today = todayOf(ctx);
  const current = versionInForce(await store.findVersions(trx, { entityId }), entityId, 'general', today);
  if (current && current.rateBp === rateBp) return;
  await addVersionIn(trx, ctx, {
    entityId,
    activityKind: 'general',
    effectiveFrom: today,
    rateBp,
    base: current?.base ?? 'invoiced',
    minimumYearCents: current?.minimumYearCents ?? null,
    tierThresholdCents: current?.tier?.thresholdCents ?? null,
    reducedRateBp: current?.tier?.reducedRateBp ?? null,
    fundShareBp: current?.fundShareBp ?? 0,
    note: 'Taux de l’entité modifié',
  });
}

// ——— Activities ———

function chargeView(r: Awaited<ReturnType<typeof store.activityCharges>>[number]) {
  return {
    id: r.id,
    kind: r.kind,
    chargeDate: r.chargeDate,
    documentNumber: r.sourceNumber ?? r.invoiceNumber ?? null,
    baseCents: Number(r.baseCents),
    reducedBaseCents: Number(r.reducedBaseCents),
    rateBp: r.rateBp,
    reducedRateBp: r.reducedRateBp,
    feeCents: Number(r.feeCents),
    fundCents: Number(r.fundCents),
    exception: r.exception,
    entryReference:
      r.journalCode && r.fiscalYearCode && r.entryNumber
        ? `${r.journalCode}-${r.fiscalYearCode}-${String(r.entryNumber).padStart(6, '0')}`
        : null,
  };
}

/** An activity's fee: the terms that apply today, and the year's charges line by line. */
export async function getActivityFee(ctx: Ctx, activityId: string, year?: number): Promise<ActivityFeeView> {
  await requireActivity(ctx, activityId); // activity.read: the same people as its account
  const a = await store.findActivityForFee(ctx.db, activityId);
  if (!a) throw notFound('Activity');
  const today = todayOf(ctx);
  const y = year ?? yearOf(today);
  const charges = (await store.activityCharges(ctx.db, activityId, y)).map(chargeView);
  const figures = (await store.ledgerFigures(ctx.db, [activityId], `${y}-01-01`, `${y}-12-31`)).get(
    activityId,
  );
  return {
    activityId,
    activityName: a.name,
    kind: a.kind as ActivityKind,
    entity: { id: a.entityId, code: a.entityCode, name: a.entityName },
    terms: termsView(await termsFor(ctx.db, a, today)),
    year: y,
    yearBaseCents: await store.yearBase(ctx.db, activityId, y),
    yearFeeCents: figures?.feeCents ?? 0,
    charges,
  };
}

/** The activity's kind chooses its policy: set by its advisers or admins, like its exception. */
export async function setActivityKind(ctx: Ctx, activityId: string, kind: ActivityKind) {
  await requireActivity(ctx, activityId, 'activity.setFee');
  await transact(ctx.db, async (trx) => {
    const a = await store.findActivityForFee(trx, activityId, true);
    if (!a) throw notFound('Activity');
    if (a.kind === kind) return;
    await store.setActivityKind(trx, activityId, kind, ctx.clock().toISOString());
    await recordAudit(
      trx,
      ctx,
      'activity.fee_kind',
      { type: 'activity', id: activityId },
      {
        kind: { from: a.kind, to: kind },
      },
    );
  });
  return getActivityFee(ctx, activityId);
}

// ——— Budget shares and transparency ———

export async function getBudgetShares(ctx: Ctx, entityId: string, year: number): Promise<BudgetSharesView> {
  if (!can(ctx.actor, 'fee.read')) throw notFound('Budget');
  if (!(await store.entityExists(ctx.db, entityId))) throw notFound('Entity');
  const rows = await store.findShares(ctx.db, [entityId], year);
  return {
    entityId,
    year,
    shares: rows.map((r) => ({ service: r.service as BudgetService, shareBp: r.shareBp })),
    note: rows[0]?.note ?? '',
    updatedAt: rows[0]?.updatedAt ?? null,
  };
}

/** The direction's split of a year's budget between the services the fees pay for (100 % in all). */
export async function setBudgetShares(ctx: Ctx, entityId: string, year: number, input: BudgetSharesInput) {
  if (!can(ctx.actor, 'fee.manage')) throw new DomainError('auth.forbidden', 'The direction sets the budget');
  if (!(await store.entityExists(ctx.db, entityId))) throw notFound('Entity');
  const problem = checkShares(input.shares);
  if (problem)
    throw new DomainError(problem, problem, {
      errors: [{ pointer: '/shares', code: problem, message: problem }],
    });
  const before = await getBudgetShares(ctx, entityId, year);
  await transact(ctx.db, async (trx) => {
    await store.replaceShares(
      trx,
      entityId,
      year,
      input.shares,
      input.note,
      ctx.actor.userId,
      ctx.clock().toISOString(),
    );
    await recordAudit(
      trx,
      ctx,
      'fee.budget_shares',
      { type: 'legal_entity', id: entityId },
      {
        year: { from: year, to: year },
        shares: {
          from: Object.fromEntries(before.shares.map((s) => [s.service, s.shareBp])),
          to: Object.fromEntries(input.shares.map((s) => [s.service, s.shareBp])),
        },
      },
    );
  });
  return getBudgetShares(ctx, entityId, year);
}

/**
 * "Ma contribution": per activity and in all, what a member's fees amounted to this year (the ledger's
 * 961, whoever posted it), the rates that apply, and what the pooled fees paid for.
 */
export async function getContribution(
  ctx: Ctx,
  memberId: string | undefined,
  year?: number,
): Promise<ContributionView> {
  const id = memberId ?? ctx.actor.memberId;
  if (!id) throw notFound('Member');
  const member = await store.findMember(ctx.db, id);
  if (
    !member ||
    !can(ctx.actor, 'fee.readContribution', { kind: 'member', id: member.id, officeId: member.officeId })
  )
    throw notFound('Member');
  const today = todayOf(ctx);
  const y = year ?? yearOf(today);
  const to = y === yearOf(today) ? today : `${y}-12-31`;
  const ids = await store.memberActivityIds(ctx.db, member.id);
  const figures = await store.ledgerFigures(ctx.db, ids, `${y}-01-01`, to);
  const funds = await store.fundByActivity(ctx.db, ids, y);
  const activities = [];
  for (const activityId of ids) {
    const a = await store.findActivityForFee(ctx.db, activityId);
    if (!a) continue;
    const f = figures.get(activityId) ?? { feeCents: 0, revenueCents: 0 };
    activities.push({
      activityId,
      activityName: a.name,
      kind: a.kind as ActivityKind,
      entity: { id: a.entityId, code: a.entityCode, name: a.entityName },
      terms: termsView(await termsFor(ctx.db, a, today)),
      revenueCents: f.revenueCents,
      feeCents: f.feeCents,
      fundCents: funds.get(activityId) ?? 0,
      effectiveRateBp: f.revenueCents > 0 ? Math.round((f.feeCents * 10_000) / f.revenueCents) : null,
    });
  }
  activities.sort((x, z) => z.feeCents - x.feeCents || x.activityName.localeCompare(z.activityName));
  const entityIds = [...new Set(activities.map((a) => a.entity.id))];
  const shares = await store.findShares(ctx.db, entityIds, y);
  const merged = new Map<string, { cents: number; shareBp: number | null }>();
  const without: string[] = [];
  for (const entityId of entityIds) {
    const mine = activities.filter((a) => a.entity.id === entityId);
    const fee = mine.reduce((t, a) => t + a.feeCents, 0);
    const fund = mine.reduce((t, a) => t + a.fundCents, 0);
    const own: BudgetShare[] = shares
      .filter((s) => s.entityId === entityId)
      .map((s) => ({ service: s.service as BudgetService, shareBp: s.shareBp }));
    if (own.length === 0 && fee !== 0) without.push(mine[0]?.entity.code ?? '');
    for (const line of feeBreakdown(fee, fund, own)) {
      const m = merged.get(line.service);
      merged.set(line.service, {
        cents: (m?.cents ?? 0) + line.cents,
        shareBp: m ? (m.shareBp === line.shareBp ? m.shareBp : null) : line.shareBp,
      });
    }
  }
  // Over several entities, a line's share of the rest is no single figure: the page shows its share of the total.
  if (entityIds.length > 1) for (const v of merged.values()) v.shareBp = null;
  return {
    memberId: member.id,
    memberName: `${member.firstName} ${member.lastName}`,
    year: y,
    asOf: to,
    totalFeeCents: activities.reduce((t, a) => t + a.feeCents, 0),
    totalBaseCents: activities.reduce((t, a) => t + a.revenueCents, 0),
    activities,
    // The fund first, then the services in the budget's order.
    breakdown: (['guarantee_fund', ...budgetServices] as const).flatMap((service) => {
      const v = merged.get(service);
      return v ? [{ service, cents: v.cents, shareBp: v.shareBp }] : [];
    }),
    entitiesWithoutShares: without,
  };
}

// ——— Yearly minimum ———

const daysBetween = (from: IsoDate, to: IsoDate) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/**
 * Once a year is over, tops up each activity of an entity whose fees of that year stayed under its
 * policy's minimum (pro rata of the days it existed), posted on 31 December; each activity and year
 * at most once (a second run posts nothing more).
 */
export async function runYearMinimum(
  ctx: Ctx,
  input: { entityId: string; year: number },
  claim: IdempotencyClaim | null = null,
): Promise<MinimumRunView> {
  if (!can(ctx.actor, 'fee.settle')) throw notFound('Fee settlement');
  const yearEnd = `${input.year}-12-31`;
  const yearStart = `${input.year}-01-01`;
  if (todayOf(ctx) <= yearEnd)
    throw new DomainError('fee.year_not_ended', 'The year is not over', {
      errors: [{ pointer: '/year', code: 'fee.year_not_ended', message: 'fee.year_not_ended' }],
    });
  return transact(ctx.db, async (trx) => {
    if (!(await store.entityExists(trx, input.entityId))) throw notFound('Entity');
    const activities = await store.entityActivities(trx, input.entityId);
    const versions = await store.findVersions(trx, { entityId: input.entityId });
    const figures = await store.ledgerFigures(
      trx,
      activities.map((a) => a.id),
      yearStart,
      yearEnd,
    );
    const done = await store.minimumCharged(trx, input.entityId, input.year);
    const posted: MinimumRunView['posted'] = [];
    let already = 0;
    for (const a of activities) {
      if (done.has(a.id)) {
        already++;
        continue;
      }
      const created = a.createdAt.slice(0, 10);
      if (created > yearEnd) continue;
      if (a.status === 'closed' && a.updatedAt.slice(0, 10) < yearStart) continue;
      const terms = resolveTerms(
        versions,
        { entityId: input.entityId, kind: a.kind as ActivityKind, exception: exceptionOf(a) },
        yearEnd,
      );
      if (!terms?.minimumYearCents) continue;
      const topUp = minimumTopUp({
        minimumYearCents: terms.minimumYearCents,
        chargedCents: figures.get(a.id)?.feeCents ?? 0,
        daysActive: daysBetween(created > yearStart ? created : yearStart, yearEnd),
        daysInYear: daysBetween(yearStart, yearEnd),
      });
      if (topUp <= 0) continue;
      const fundCents = applyRate(topUp, terms.fundShareBp);
      const id = await store.insertCharge(trx, {
        entityId: input.entityId,
        activityId: a.id,
        sourceType: 'activity_year',
        sourceId: `${a.id}:${input.year}`,
        kind: 'minimum',
        documentId: null,
        policyVersionId: terms.versionId,
        exception: terms.exception,
        rateBp: terms.rateBp,
        reducedRateBp: null,
        baseCents: 0,
        reducedBaseCents: 0,
        feeCents: topUp,
        fundCents,
        chargeDate: yearEnd,
      });
      if (!id) {
        already++;
        continue;
      }
      const entry = await postFee(trx, ctx.actor, {
        entityId: input.entityId,
        activityId: a.id,
        date: yearEnd,
        label: `Contribution minimale ${input.year} – ${a.name}`,
        pieceRef: `MIN-${input.year}`,
        feeCents: topUp,
        fundCents,
        source: { type: 'activity_year', id: `${a.id}:${input.year}` },
        now: ctx.clock(),
      });
      await store.setChargeEntry(trx, id, entry.id);
      posted.push({ activityId: a.id, activityName: a.name, topUpCents: topUp });
    }
    if (posted.length)
      await recordAudit(
        trx,
        ctx,
        'fee.minimum_run',
        { type: 'legal_entity', id: input.entityId },
        {
          year: { from: null, to: input.year },
          activities: { from: null, to: posted.length },
          totalCents: { from: null, to: posted.reduce((t, p) => t + p.topUpCents, 0) },
        },
      );
    const view = {
      entityId: input.entityId,
      year: input.year,
      posted,
      alreadyPosted: already,
      totalCents: posted.reduce((t, p) => t + p.topUpCents, 0),
    };
    await storeIdempotentAnswer(trx, claim, view);
    return view;
  });
}
