// The guarantee fund (ADR 0016). It lives in the ledger: the fee engine credits 973 with the fund's
// share of each fee (and the direction may endow it: debit 971 / credit 973); a cover posts debit 962
// (the cooperative) / credit 972 (the activity) so the activity can be paid before its client pays; a
// payment on the invoice releases it (the mirror image, in the payment's transaction, once per cover
// and payment); a credit note gives back what the covers promise beyond what the invoice still brings;
// an invoice declared irrecoverable books the loss (654, the VAT that never fell due, 416/411 cleared)
// and the fund makes the activity whole (974 against 962 for the covers, against 972 for the rest
// within its free balance). The rules are pure (domain/guarantee/policy.ts).
import type { Transaction } from 'kysely';
import { can } from '../../domain/access.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import {
  absorbDefault,
  type CoverDecision,
  decideCover,
  defaultGuaranteeSettings,
  fundPosition,
  type GuaranteeSettings,
  reduceOnCredit,
  releaseOnPayment,
  stressTest,
} from '../../domain/guarantee/policy.ts';
import type {
  CoverView,
  FundView,
  GuaranteeSettingsInput,
  WriteOffView,
} from '../../domain/guarantee/schemas.ts';
import type { LineInput } from '../../domain/ledger/schemas.ts';
import { defaultDunningSteps } from '../../domain/treasury/dunning.ts';
import { activityResource, requireActivity } from '../activities/service.ts';
import { diff, recordAudit } from '../audit/service.ts';
import type { Ctx } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { transact } from '../db/transaction.ts';
import { type IdempotencyClaim, storeIdempotentAnswer } from '../http/idempotency.ts';
import { postEntry } from '../ledger/service.ts';
import * as store from './store.ts';

type Trx = Transaction<Database>;
type Q = Ctx['db'] | Trx;

const todayOf = (ctx: Ctx) => ctx.clock().toISOString().slice(0, 10);

function allow(ctx: Ctx, action: 'guarantee.read' | 'guarantee.manage' | 'guarantee.writeOff') {
  if (!can(ctx.actor, 'guarantee.read') && !can(ctx.actor, action)) throw notFound('Guarantee fund');
  if (!can(ctx.actor, action)) throw new DomainError('auth.forbidden', 'Not allowed on the guarantee fund');
}

async function requireEntity(db: Q, entityId: string) {
  const entity = await store.findEntity(db, entityId);
  if (!entity) throw notFound('Entity');
  return entity;
}

// ——— Settings ———

export async function settingsOf(
  db: Q,
  entityId: string,
): Promise<GuaranteeSettings & { saved: boolean; updatedAt: string | null }> {
  const row = await store.findSettings(db, entityId);
  if (!row) return { ...defaultGuaranteeSettings, saved: false, updatedAt: null };
  return {
    enabled: row.enabled,
    maxPerMemberCents: Number(row.maxPerMemberCents),
    maxPerClientCents: Number(row.maxPerClientCents),
    maxInvoiceAgeDays: row.maxInvoiceAgeDays,
    maxExposureBp: row.maxExposureBp,
    delayWorkingDays: row.delayWorkingDays,
    saved: true,
    updatedAt: String(row.updatedAt),
  };
}

export async function getSettings(ctx: Ctx, entityId: string) {
  allow(ctx, 'guarantee.read');
  await requireEntity(ctx.db, entityId);
  return { entityId, ...(await settingsOf(ctx.db, entityId)) };
}

export async function setSettings(ctx: Ctx, entityId: string, input: GuaranteeSettingsInput) {
  allow(ctx, 'guarantee.manage');
  await transact(ctx.db, async (trx) => {
    await requireEntity(trx, entityId);
    const before = await settingsOf(trx, entityId);
    await store.upsertSettings(trx, {
      entityId,
      ...input,
      updatedBy: ctx.actor.userId,
      updatedAt: ctx.clock().toISOString(),
    });
    const { saved: _s, updatedAt: _u, ...was } = before;
    await recordAudit(
      trx,
      ctx,
      'guarantee.settings',
      { type: 'legal_entity', id: entityId },
      diff(was, input),
    );
  });
  return getSettings(ctx, entityId);
}

/** The direction endows the fund from the cooperative's own share (debit 971 / credit 973). */
export async function endowFund(
  ctx: Ctx,
  entityId: string,
  input: { amountCents: number; entryDate: string; label: string },
  claim: IdempotencyClaim | null = null,
) {
  allow(ctx, 'guarantee.manage');
  return transact(ctx.db, async (trx) => {
    await requireEntity(trx, entityId);
    const posted = await postEntry(
      trx,
      ctx.actor,
      {
        entityId,
        journalCode: 'ANA',
        entryDate: input.entryDate,
        label: input.label,
        lines: [
          { accountNumber: '971', debitCents: input.amountCents, creditCents: 0 },
          { accountNumber: '973', debitCents: 0, creditCents: input.amountCents },
        ],
        source: { type: 'guarantee_endowment', id: entityId },
      },
      { now: ctx.clock() },
    );
    await recordAudit(
      trx,
      ctx,
      'guarantee.endow',
      { type: 'legal_entity', id: entityId },
      {
        amountCents: { from: null, to: input.amountCents },
      },
    );
    const answer = { entityId, journalEntryId: posted.id, amountCents: input.amountCents };
    await storeIdempotentAnswer(trx, claim, answer);
    return answer;
  });
}

// ——— The fund's figures ———

async function fundFigures(db: Q, entityId: string, settings: GuaranteeSettings) {
  const [inflows, losses, exposures] = await Promise.all([
    store.accountNet(db, entityId, '973'),
    store.accountNet(db, entityId, '974'),
    store.exposures(db, entityId),
  ]);
  return {
    position: fundPosition({
      inflowsCents: inflows,
      lossesCents: -losses,
      exposureCents: exposures.total,
      maxExposureBp: settings.maxExposureBp,
    }),
    exposures,
  };
}

const presentCover = (r: store.CoverRow): CoverView => ({
  id: r.id,
  entityId: r.entityId,
  activityId: r.activityId,
  activityName: r.activityName,
  memberId: r.memberId,
  memberName: r.memberName,
  salaryRequestId: r.salaryRequestId,
  documentId: r.documentId,
  invoiceNumber: r.invoiceNumber ?? '',
  clientId: r.clientId,
  clientName: r.clientName,
  amountCents: Number(r.amountCents),
  releasedCents: Number(r.releasedCents),
  outstandingCents: r.status === 'active' ? Number(r.amountCents) - Number(r.releasedCents) : 0,
  status: r.status,
  grantedOn: String(r.grantedOn),
  payableOn: String(r.payableOn),
  closedOn: r.closedOn ? String(r.closedOn) : null,
  reasons: (Array.isArray(r.reasons) ? r.reasons : []) as CoverView['reasons'],
});

export async function getFund(ctx: Ctx, entityId: string): Promise<FundView> {
  allow(ctx, 'guarantee.read');
  const entity = await requireEntity(ctx.db, entityId);
  const settings = await settingsOf(ctx.db, entityId);
  const { position, exposures } = await fundFigures(ctx.db, entityId, settings);
  const [open, nets, coversByMonth, releasesByMonth, released, givenBack, losses, granted] =
    await Promise.all([
      store.openInvoices(ctx.db, { entityId, withLitigation: true }),
      store.monthlyNets(ctx.db, entityId, ['973', '974']),
      store.monthlyCovers(ctx.db, entityId),
      store.monthlyReleases(ctx.db, entityId),
      store.releasedTotal(ctx.db, entityId),
      store.givenBackByCreditNotes(ctx.db, entityId),
      store.listWriteOffs(ctx.db, entityId),
      store.listCovers(ctx.db, { entityId, limit: 100_000 }),
    ]);
  const clients = new Map<
    string,
    { clientId: string; clientName: string; coveredCents: number; receivableCents: number }
  >();
  for (const inv of open) {
    const c = clients.get(inv.clientId) ?? {
      clientId: inv.clientId,
      clientName: inv.clientName,
      coveredCents: exposures.byClient.get(inv.clientId) ?? 0,
      receivableCents: 0,
    };
    c.receivableCents += inv.exclVatCents;
    clients.set(inv.clientId, c);
  }
  const risks = [...clients.values()].sort((a, b) => b.receivableCents - a.receivableCents);
  const months = new Map<
    string,
    { month: string; inflowsCents: number; coversCents: number; releasesCents: number; lossesCents: number }
  >();
  const month = (m: string) => {
    const v = months.get(m) ?? {
      month: m,
      inflowsCents: 0,
      coversCents: 0,
      releasesCents: 0,
      lossesCents: 0,
    };
    months.set(m, v);
    return v;
  };
  for (const n of nets) {
    if (n.account === '973') month(n.month).inflowsCents += Number(n.credit) - Number(n.debit);
    if (n.account === '974') month(n.month).lossesCents += Number(n.debit) - Number(n.credit);
  }
  for (const c of coversByMonth) month(c.month).coversCents += Number(c.s);
  for (const r of releasesByMonth) month(r.month).releasesCents += Number(r.s);
  const { saved, updatedAt, ...rules } = settings;
  return {
    entity,
    settings: { entityId, ...rules, saved, updatedAt },
    position,
    releasedCents: released,
    givenBackByCreditNotesCents: givenBack,
    coversGrantedCents: granted
      .filter((c) => c.status !== 'cancelled')
      .reduce((a, c) => a + Number(c.amountCents), 0),
    stress: stressTest({
      balanceCents: position.balanceCents,
      exposureCents: position.exposureCents,
      clients: risks,
    }),
    clients: risks.slice(0, 20),
    months: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)).slice(-12),
    losses: losses.map((l) => ({
      id: l.id,
      documentId: l.documentId,
      invoiceNumber: l.invoiceNumber ?? '',
      clientName: l.clientName,
      activityName: l.activityName,
      declaredOn: String(l.declaredOn),
      lossExclVatCents: Number(l.lossExclVatCents),
      absorbedCents: Number(l.fromCoversCents) + Number(l.extraCents),
      activityLossCents: Number(l.activityLossCents),
    })),
  };
}

export async function listFundCovers(ctx: Ctx, entityId: string, status?: string) {
  allow(ctx, 'guarantee.read');
  await requireEntity(ctx.db, entityId);
  const rows = await store.listCovers(ctx.db, { entityId, ...(status ? { status } : {}) });
  return { items: rows.map(presentCover) };
}

/** The covers of an activity: its members and whoever may read its account. */
export async function activityCovers(ctx: Ctx, activityId: string) {
  const a = await requireActivity(ctx, activityId);
  if (!can(ctx.actor, 'activity.readAccount', activityResource(a))) throw notFound('Activity');
  const rows = await store.listCovers(ctx.db, { activityIds: [activityId] });
  return { items: rows.map(presentCover) };
}

/**
 * What the fund would cover if a salary needed `neededCents` beyond the activity's balance now, with
 * the explanation: shown to the member before they send the request. Decides nothing, writes nothing.
 */
export async function previewCover(ctx: Ctx, activityId: string, neededCents: number) {
  const a = await requireActivity(ctx, activityId);
  if (!can(ctx.actor, 'activity.readAccount', activityResource(a))) throw notFound('Activity');
  const memberId =
    ctx.actor.memberId && a.members.some((m) => m.id === ctx.actor.memberId)
      ? ctx.actor.memberId
      : a.members[0]?.id;
  if (!memberId) throw notFound('Activity');
  return transact(ctx.db, (trx) =>
    decideCoverIn(trx, { entityId: a.entityId, activityId, memberId, neededCents, today: todayOf(ctx) }),
  );
}

/** Covers of salary requests, for the payroll module's views. */
export async function coversOfRequests(db: Q, ids: readonly string[]) {
  return (await store.listCovers(db, { salaryRequestIds: ids })).map(presentCover);
}

// ——— Covering a salary ———

/**
 * Inside the salary request's transaction (the activity row held): whether the fund covers what the
 * salary needs beyond the activity's balance. Decides only; grantCoverIn posts.
 */
export async function decideCoverIn(
  trx: Trx,
  o: { entityId: string; activityId: string; memberId: string; neededCents: number; today: string },
): Promise<CoverDecision> {
  await store.lockFund(trx, o.entityId);
  const settings = await settingsOf(trx, o.entityId);
  const { position, exposures } = await fundFigures(trx, o.entityId, settings);
  // The invoices drawn on stay as they are until the cover is posted: a payment, a credit note or a
  // default on one of them waits for this transaction and then sees the cover. One of those already
  // under way is not drawn on (skipped, not waited for: it holds locks this transaction may need), so
  // no cover is granted on money a payment has just brought, which nothing would ever release.
  const rows = await store.shareOpenInvoiceRows(trx, o.activityId);
  const invoices = await store.openInvoices(trx, { activityId: o.activityId, documentIds: rows });
  const active = await store.listCovers(trx, {
    documentIds: invoices.map((i) => i.documentId),
    status: 'active',
  });
  const coveredOn = new Map<string, number>();
  for (const c of active)
    coveredOn.set(
      c.documentId,
      (coveredOn.get(c.documentId) ?? 0) + Number(c.amountCents) - Number(c.releasedCents),
    );
  return decideCover({
    settings,
    today: o.today,
    neededCents: o.neededCents,
    invoices: invoices.map((i) => ({
      documentId: i.documentId,
      number: i.number,
      clientId: i.clientId,
      clientName: i.clientName,
      issueDate: i.issueDate,
      uncoveredCents: i.exclVatCents - (coveredOn.get(i.documentId) ?? 0),
    })),
    memberExposureCents: exposures.byMember.get(o.memberId) ?? 0,
    clientExposureCents: Object.fromEntries(exposures.byClient),
    fund: { balanceCents: position.balanceCents, exposureCents: position.exposureCents },
  });
}

/** Posts a granted cover (one ANA entry, a line per invoice) and records it against the salary request. */
export async function grantCoverIn(
  trx: Trx,
  ctx: Ctx,
  decision: CoverDecision,
  o: { entityId: string; activityId: string; memberId: string; salaryRequestId: string; today: string },
) {
  if (!decision.covered || decision.parts.length === 0) return [];
  const ids: string[] = [];
  for (const part of decision.parts) {
    const posted = await postEntry(
      trx,
      ctx.actor,
      {
        entityId: o.entityId,
        journalCode: 'ANA',
        entryDate: o.today,
        label: 'Fonds de garantie : couverture d’un salaire avant règlement client',
        lines: [
          { accountNumber: '962', debitCents: part.amountCents, creditCents: 0 },
          { accountNumber: '972', activityId: o.activityId, debitCents: 0, creditCents: part.amountCents },
        ],
        source: { type: 'salary_request', id: o.salaryRequestId },
      },
      { now: ctx.clock() },
    );
    const { id } = await store.insertCover(trx, {
      entityId: o.entityId,
      activityId: o.activityId,
      memberId: o.memberId,
      salaryRequestId: o.salaryRequestId,
      documentId: part.documentId,
      clientId: part.clientId,
      amountCents: part.amountCents,
      grantedOn: o.today,
      payableOn: decision.payableOn ?? o.today,
      reasons: JSON.stringify(decision.reasons),
      entryId: posted.id,
      createdBy: ctx.actor.userId,
    });
    await recordAudit(
      trx,
      ctx,
      'guarantee.cover',
      { type: 'guarantee_cover', id },
      {
        amountCents: { from: null, to: part.amountCents },
        documentId: { from: null, to: part.documentId },
      },
    );
    ids.push(id);
  }
  return ids;
}

async function postRelease(
  trx: Trx,
  ctx: Ctx,
  cover: { id: string; entityId: string; activityId: string },
  amountCents: number,
  on: string,
  label: string,
  source: { type: string; id: string },
) {
  return postEntry(
    trx,
    ctx.actor,
    {
      entityId: cover.entityId,
      journalCode: 'ANA',
      entryDate: on,
      label,
      lines: [
        { accountNumber: '972', activityId: cover.activityId, debitCents: amountCents, creditCents: 0 },
        { accountNumber: '962', debitCents: 0, creditCents: amountCents },
      ],
      source,
    },
    { now: ctx.clock() },
  );
}

/**
 * In the payment's transaction (its invoices locked): the money excl. VAT each part brings releases
 * the covers of that invoice, each cover at most once per payment (a unique key), never beyond its
 * amount (a check), so retries and concurrent payments cannot release twice.
 */
export async function releaseCoversOnPaymentIn(
  trx: Trx,
  ctx: Ctx,
  p: {
    paymentId: string;
    paymentDate: string;
    parts: readonly { documentId: string; amountCents: number; vatCents: number }[];
  },
) {
  const covers = await store.lockActiveCovers(
    trx,
    p.parts.map((x) => x.documentId),
  );
  if (covers.length === 0) return [];
  const done = new Set((await store.releasedByPayment(trx, p.paymentId)).map((r) => r.coverId));
  const out: { coverId: string; documentId: string; amountCents: number }[] = [];
  for (const part of p.parts) {
    const mine = covers.filter((c) => c.documentId === part.documentId && !done.has(c.id));
    const plan = releaseOnPayment(
      mine.map((c) => ({ coverId: c.id, outstandingCents: Number(c.amountCents) - Number(c.releasedCents) })),
      part.amountCents - part.vatCents,
    );
    for (const r of plan) {
      const c = mine.find((x) => x.id === r.coverId);
      if (!c) continue;
      const posted = await postRelease(
        trx,
        ctx,
        c,
        r.amountCents,
        p.paymentDate,
        'Fonds de garantie : couverture levée au règlement du client',
        { type: 'payment', id: p.paymentId },
      );
      const fresh = await store.insertRelease(trx, {
        coverId: c.id,
        kind: 'payment',
        paymentId: p.paymentId,
        amountCents: r.amountCents,
        releasedOn: p.paymentDate,
        entryId: posted.id,
      });
      // A unique key stops a second release by the same payment; the entry just posted then goes
      // with the rolled-back transaction of the retry that lost.
      if (!fresh) throw new Error(`Cover ${c.id} already released by payment ${p.paymentId}`);
      const released = Number(c.releasedCents) + r.amountCents;
      const full = released === Number(c.amountCents);
      await store.updateCover(trx, c.id, {
        releasedCents: released,
        ...(full ? { status: 'released' as const, closedOn: p.paymentDate } : {}),
      });
      out.push({ ...r, documentId: part.documentId });
    }
  }
  return out;
}

/**
 * In a credit note's transaction (its invoice locked, the credit note issued): a cover is an advance on
 * what the invoice will bring, so its covers may not promise more than the invoice still brings excl.
 * VAT. The excess goes back to the fund (debit 972 on the activity / credit 962), newest cover first:
 * the salary was paid on revenue that no longer exists, and the activity bears that as it bears the
 * credit note itself. A cover given back whole before anything was released is cancelled, as when its
 * salary is sent back; otherwise its released amount grows, and it closes when nothing is left.
 * Computed from the state after the credit note, so a second call finds nothing to give back.
 */
export async function reduceCoversOnCreditIn(
  trx: Trx,
  ctx: Ctx,
  o: { invoiceId: string; creditNoteId: string; creditNoteNumber: string; date: string },
) {
  const covers = await store.lockActiveCovers(trx, [o.invoiceId]);
  if (covers.length === 0) return [];
  const [open] = await store.openInvoices(trx, { documentIds: [o.invoiceId], withLitigation: true });
  const outstandingOf = (c: (typeof covers)[number]) => Number(c.amountCents) - Number(c.releasedCents);
  const plan = reduceOnCredit(
    covers.map((c) => ({ coverId: c.id, outstandingCents: outstandingOf(c) })),
    open?.exclVatCents ?? 0,
  );
  for (const r of plan) {
    const c = covers.find((x) => x.id === r.coverId);
    if (!c) continue;
    const posted = await postRelease(
      trx,
      ctx,
      c,
      r.amountCents,
      o.date,
      `Fonds de garantie : couverture rendue par l’avoir ${o.creditNoteNumber}`,
      { type: 'sales_document', id: o.creditNoteId },
    );
    const before = outstandingOf(c);
    const whole = r.amountCents === before;
    if (whole && Number(c.releasedCents) === 0) {
      await trx
        .insertInto('guaranteeReleases')
        .values({
          coverId: c.id,
          kind: 'cancel',
          paymentId: null,
          amountCents: r.amountCents,
          releasedOn: o.date,
          entryId: posted.id,
        })
        .execute();
      await store.updateCover(trx, c.id, { status: 'cancelled', closedOn: o.date });
    } else
      await store.updateCover(trx, c.id, {
        releasedCents: Number(c.releasedCents) + r.amountCents,
        ...(whole ? { status: 'released' as const, closedOn: o.date } : {}),
      });
    await recordAudit(
      trx,
      ctx,
      'guarantee.cover_reduce',
      { type: 'guarantee_cover', id: c.id },
      {
        outstandingCents: { from: before, to: before - r.amountCents },
        creditNote: { from: null, to: o.creditNoteNumber },
      },
    );
  }
  return plan;
}

/** A salary request returned or cancelled before it is paid: its covers are cancelled (mirror entries). */
export async function cancelCoversOfRequestIn(trx: Trx, ctx: Ctx, salaryRequestId: string) {
  const covers = await store.lockCoversOfRequest(trx, salaryRequestId);
  const today = todayOf(ctx);
  for (const c of covers) {
    const left = Number(c.amountCents) - Number(c.releasedCents);
    if (left > 0) {
      const posted = await postRelease(
        trx,
        ctx,
        c,
        left,
        today,
        'Fonds de garantie : couverture annulée (salaire non versé)',
        {
          type: 'salary_request',
          id: salaryRequestId,
        },
      );
      await trx
        .insertInto('guaranteeReleases')
        .values({
          coverId: c.id,
          kind: 'cancel',
          paymentId: null,
          amountCents: left,
          releasedOn: today,
          entryId: posted.id,
        })
        .execute();
    }
    await store.updateCover(trx, c.id, { status: 'cancelled', closedOn: today });
  }
  return covers.length;
}

/** For the treasury: a payment may not settle an invoice already declared irrecoverable. */
export async function refuseWrittenOffIn(trx: Trx, documentIds: readonly string[]) {
  for (const id of documentIds)
    if (await store.findWriteOff(trx, id))
      throw new DomainError('guarantee.written_off', 'This invoice was declared irrecoverable');
}

// ——— Default: an invoice declared irrecoverable ———

/**
 * Declares an invoice irrecoverable, once: only after litigation or the last reminder step. The
 * entity books the loss (OD: 654 excl. VAT, the VAT still waiting on 44580 cancelled — it never fell
 * due, CGI art. 269-2-c — and 416/411 cleared, all on the activity's axis, which leaves its balance
 * as it was); the fund then takes the loss on: the covers already granted on the invoice become
 * losses (974 / 962) and the rest of what the invoice would have brought is paid to the activity
 * (974 / 972) within the fund's free balance.
 */
export async function declareIrrecoverable(
  ctx: Ctx,
  documentId: string,
  input: { reason: string },
  claim: IdempotencyClaim | null = null,
): Promise<WriteOffView> {
  allow(ctx, 'guarantee.writeOff');
  const today = todayOf(ctx);
  return transact(ctx.db, async (trx) => {
    const doc = await store.invoiceRow(trx, documentId);
    if (!doc || (doc.kind !== 'invoice' && doc.kind !== 'deposit_invoice') || !doc.number)
      throw notFound('Invoice');
    await store.lockDocument(trx, documentId);
    if (await store.findWriteOff(trx, documentId))
      throw new DomainError('guarantee.already_written_off', 'Already declared irrecoverable');
    const dunning = await store.dunningState(trx, documentId, doc.entityId);
    const steps = dunning.steps?.length ? dunning.steps : [...defaultDunningSteps];
    const lastStep = steps.length - 1;
    if (!dunning.litigationOn && !dunning.sentSteps.includes(lastStep))
      throw new DomainError('guarantee.not_irrecoverable', 'Only after litigation or the last reminder');
    const [open] = await store.openInvoices(trx, { documentIds: [documentId], withLitigation: true });
    if (!open || open.outstandingCents <= 0)
      throw new DomainError('guarantee.nothing_owed', 'Nothing is owed');

    const receivable = dunning.litigationOn ? '416' : '411';
    const label = `Créance irrécouvrable ${doc.clientName} ${doc.number}`.slice(0, 200);
    const lossLines: LineInput[] = [
      { accountNumber: '654', activityId: doc.activityId, debitCents: open.exclVatCents, creditCents: 0 },
      {
        accountNumber: receivable,
        clientId: doc.clientId,
        activityId: doc.activityId,
        debitCents: 0,
        creditCents: open.outstandingCents,
      },
    ];
    if (open.vatPendingCents > 0)
      lossLines.splice(1, 0, {
        accountNumber: '44580',
        activityId: doc.activityId,
        debitCents: open.vatPendingCents,
        creditCents: 0,
      });
    const lossEntry = await postEntry(
      trx,
      ctx.actor,
      {
        entityId: doc.entityId,
        journalCode: 'OD',
        entryDate: today,
        label,
        pieceRef: doc.number,
        lines: lossLines.filter((l) => (l.debitCents ?? 0) > 0 || (l.creditCents ?? 0) > 0),
        source: { type: 'sales_document', id: documentId },
      },
      { now: ctx.clock() },
    );

    await store.lockFund(trx, doc.entityId);
    const settings = await settingsOf(trx, doc.entityId);
    const { position } = await fundFigures(trx, doc.entityId, settings);
    const covers = await store.lockActiveCovers(trx, [documentId]);
    const covered = covers.reduce((a, c) => a + Number(c.amountCents) - Number(c.releasedCents), 0);
    const absorbed = absorbDefault({
      outstandingExclVatCents: open.exclVatCents,
      coveredCents: covered,
      fund: { balanceCents: position.balanceCents, exposureCents: position.exposureCents },
    });
    // Covers beyond what the invoice still brings (a credit note since) are cancelled, not lost.
    const surplus = covered - absorbed.fromCoversCents;
    const fundLines: LineInput[] = [];
    const loss = absorbed.fromCoversCents + absorbed.extraCents;
    if (loss > 0) fundLines.push({ accountNumber: '974', debitCents: loss, creditCents: 0 });
    if (absorbed.fromCoversCents > 0)
      fundLines.push({ accountNumber: '962', debitCents: 0, creditCents: absorbed.fromCoversCents });
    if (absorbed.extraCents > 0)
      fundLines.push({
        accountNumber: '972',
        activityId: doc.activityId,
        debitCents: 0,
        creditCents: absorbed.extraCents,
      });
    if (surplus > 0)
      fundLines.push(
        { accountNumber: '972', activityId: doc.activityId, debitCents: surplus, creditCents: 0 },
        { accountNumber: '962', debitCents: 0, creditCents: surplus },
      );
    const fundEntry =
      fundLines.length > 0
        ? await postEntry(
            trx,
            ctx.actor,
            {
              entityId: doc.entityId,
              journalCode: 'ANA',
              entryDate: today,
              label: `Fonds de garantie : perte absorbée ${doc.number}`.slice(0, 200),
              pieceRef: doc.number,
              lines: fundLines,
              source: { type: 'sales_document', id: documentId },
            },
            { now: ctx.clock() },
          )
        : null;
    for (const c of covers) await store.updateCover(trx, c.id, { status: 'absorbed', closedOn: today });
    const row = await store.insertWriteOff(trx, {
      entityId: doc.entityId,
      documentId,
      activityId: doc.activityId,
      declaredOn: today,
      reason: input.reason,
      outstandingCents: open.outstandingCents,
      lossExclVatCents: open.exclVatCents,
      vatCents: open.vatPendingCents,
      fromCoversCents: absorbed.fromCoversCents,
      extraCents: absorbed.extraCents,
      activityLossCents: absorbed.activityLossCents,
      lossEntryId: lossEntry.id,
      fundEntryId: fundEntry?.id ?? null,
      declaredBy: ctx.actor.userId,
    });
    await recordAudit(
      trx,
      ctx,
      'guarantee.write_off',
      { type: 'sales_document', id: documentId },
      {
        reason: { from: null, to: input.reason },
        outstandingCents: { from: null, to: open.outstandingCents },
        absorbedCents: { from: null, to: loss },
      },
    );
    const answer: WriteOffView = {
      id: row.id,
      documentId,
      invoiceNumber: doc.number,
      declaredOn: today,
      outstandingCents: open.outstandingCents,
      lossExclVatCents: open.exclVatCents,
      vatCents: open.vatPendingCents,
      fromCoversCents: absorbed.fromCoversCents,
      extraCents: absorbed.extraCents,
      activityLossCents: absorbed.activityLossCents,
      lossEntryId: lossEntry.id,
      fundEntryId: fundEntry?.id ?? null,
    };
    await storeIdempotentAnswer(trx, claim, answer);
    return answer;
  });
}

export const listEntities = async (ctx: Ctx) => {
  allow(ctx, 'guarantee.read');
  return { items: await store.listEntities(ctx.db) };
};
