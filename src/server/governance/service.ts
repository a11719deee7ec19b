// Governance: each entity's share register (subscriptions, payments and refunds posted to the
// ledger, transfers between members, certificates), its colleges of vote, and general assemblies
// (notice by e-mail, proxies, secret online votes with receipts, results and minutes). ADR 0014.
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { can } from '../../domain/access.ts';
import { toIsoDate } from '../../domain/dates.ts';
import { DomainError, type ErrorCode, notFound } from '../../domain/errors.ts';
import {
  applyOperation,
  collegeIssues,
  defaultMajority,
  defaultQuorumBp,
  effectiveClose,
  type Holding,
  isShareholder,
  noHolding,
  phaseOf,
  proxyIssue,
  type RegisterOperation,
  tallyResolution,
  unpaidCents,
} from '../../domain/governance/rules.ts';
import type {
  AssemblyInput,
  AssemblySummary,
  AssemblyView,
  EntityGovernanceView,
  HolderView,
  MyHoldingView,
  PaymentInput,
  RefundInput,
  RegisterLineView,
  ResultsView,
  SettingsInput,
  SubscriptionInput,
  TransferInput,
  VoteInput,
} from '../../domain/governance/schemas.ts';
import { assemblyInput } from '../../domain/governance/schemas.ts';
import { messageFor } from '../../domain/messages.ts';
import { recordAudit } from '../audit/service.ts';
import type { Ctx, Deps } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { transact } from '../db/transaction.ts';
import { createPdf, formatDate, formatMoney } from '../documents/pdf.ts';
import { type IdempotencyClaim, storeIdempotentAnswer } from '../http/idempotency.ts';
import { enqueue } from '../jobs/outbox.ts';
import { postEntry } from '../ledger/service.ts';
import { changeMemberStatusIn } from '../members/service.ts';
import * as store from './store.ts';

type Trx = Transaction<Database>;

const refuse = (code: ErrorCode, pointer?: string) =>
  new DomainError(
    code,
    messageFor(code, 'en'),
    pointer ? { errors: [{ pointer, code, message: messageFor(code, 'en') }] } : {},
  );

const requireRegister = (ctx: Ctx) => {
  if (!can(ctx.actor, 'governance.register')) throw notFound('Share register');
};
const requireDirection = (ctx: Ctx) => {
  if (!can(ctx.actor, 'governance.assemblies'))
    throw new DomainError('auth.forbidden', 'The direction manages assemblies and colleges');
};

// ——— Entities: nominal value, proxies, colleges ———

async function entityView(ctx: Ctx, e: store.EntityRow): Promise<EntityGovernanceView> {
  const [colleges, totals, holders] = await Promise.all([
    store.colleges(ctx.db, e.entityId),
    store.entityTotals(ctx.db, e.entityId),
    e.shareNominalCents ? store.holders(ctx.db, e.entityId) : Promise.resolve([]),
  ]);
  const nominal = e.shareNominalCents ?? 0;
  return {
    entityId: e.entityId,
    entityCode: e.entityCode,
    entityName: e.entityName,
    entityKind: e.entityKind,
    configured: e.shareNominalCents !== null,
    shareNominalCents: e.shareNominalCents,
    proxyCap: e.proxyCap ?? 2,
    weightedColleges: e.weightedColleges ?? false,
    colleges: colleges.map((c) => ({
      id: c.id,
      name: c.name,
      weightBp: c.weightBp,
      members: Number(c.members),
    })),
    shareholders: holders.filter((h) => nominal > 0 && isShareholder(holdingOfRow(h), nominal)).length,
    subscribedShares: totals?.entitySharesAfter ?? 0,
    paidCapitalCents: totals?.entityPaidAfterCents ?? 0,
  };
}

const holdingOfRow = (h: { shares: number; paidCents: number }): Holding => ({
  shares: Number(h.shares),
  paidCents: Number(h.paidCents),
});

async function loadEntity(ctx: Ctx, entityId: string) {
  const e = await store.findEntity(ctx.db, entityId);
  if (!e) throw notFound('Entity');
  return e;
}

async function loadConfigured(ctx: Ctx, entityId: string) {
  const e = await loadEntity(ctx, entityId);
  if (e.shareNominalCents === null) throw refuse('governance.not_configured');
  return { ...e, shareNominalCents: Number(e.shareNominalCents) };
}

export async function listEntities(ctx: Ctx): Promise<{ items: EntityGovernanceView[] }> {
  const rows = await store.listEntities(ctx.db);
  return { items: await Promise.all(rows.map((e) => entityView(ctx, e))) };
}

export async function updateSettings(ctx: Ctx, entityId: string, input: SettingsInput) {
  requireDirection(ctx);
  const e = await loadEntity(ctx, entityId);
  if (input.weightedColleges) {
    const issues = collegeIssues(input.colleges);
    if (issues.length > 0)
      throw new DomainError('validation.failed', 'Invalid colleges', {
        errors: issues.map((i) => ({ ...i, message: messageFor(i.code, 'en') })),
      });
  }
  const now = ctx.clock().toISOString();
  await transact(ctx.db, async (trx) => {
    const before = await store.lockSettings(trx, entityId);
    await store.upsertSettings(trx, {
      entityId,
      shareNominalCents: input.shareNominalCents,
      proxyCap: input.proxyCap,
      weightedColleges: input.weightedColleges,
      updatedAt: now,
    });
    // The nominal value changes only while the register is empty (it would change every holding's meaning).
    if (
      before &&
      before.shareNominalCents !== input.shareNominalCents &&
      (await store.lastLine(trx, entityId))
    )
      throw new DomainError('validation.failed', 'The register already holds shares', {
        errors: [
          {
            pointer: '/shareNominalCents',
            code: 'field.read_only',
            message: messageFor('field.read_only', 'en'),
          },
        ],
      });
    const current = await store.colleges(trx, entityId);
    const kept = input.colleges.map((c) => c.id).filter((id): id is string => id !== undefined);
    for (const c of current)
      if (!kept.includes(c.id) && Number(c.members) > 0)
        throw refuse('governance.college_in_use', '/colleges');
    await store.renameInactiveColleges(trx, entityId, kept);
    for (const [position, c] of input.colleges.entries()) {
      if (c.id) {
        if (!current.some((x) => x.id === c.id))
          throw refuse('governance.college_unknown', `/colleges/${position}/id`);
        await store.updateCollege(trx, c.id, { name: c.name, weightBp: c.weightBp, position, active: true });
      } else await store.insertCollege(trx, { entityId, name: c.name, weightBp: c.weightBp, position });
    }
    await recordAudit(
      trx,
      ctx,
      'governance.settings',
      { type: 'legal_entity', id: entityId },
      {
        shareNominalCents: input.shareNominalCents,
        proxyCap: input.proxyCap,
        weightedColleges: input.weightedColleges,
        colleges: input.colleges.map((c) => `${c.name} ${c.weightBp / 100} %`),
      },
    );
  }).catch((err: unknown) => {
    const x = err as { code?: string; message?: string };
    if (x?.code === '23505' && String(x.message).includes('governance_colleges_name_key'))
      throw refuse('governance.college_duplicate', '/colleges');
    throw err;
  });
  return entityView(ctx, (await store.findEntity(ctx.db, e.entityId)) as store.EntityRow);
}

// ——— The register ———

const presentLine = (l: store.LineRow): RegisterLineView => ({
  id: l.id,
  seq: l.seq,
  memberId: l.memberId,
  memberName: l.memberName,
  memberNumber: l.memberNumber,
  kind: l.kind,
  sharesDelta: l.sharesDelta,
  paidDeltaCents: Number(l.paidDeltaCents),
  sharesAfter: l.sharesAfter,
  paidAfterCents: Number(l.paidAfterCents),
  entitySharesAfter: l.entitySharesAfter,
  entityPaidAfterCents: Number(l.entityPaidAfterCents),
  counterpartName: l.counterpartName,
  entryReference: l.entryReference,
  occurredOn: l.occurredOn,
  note: l.note,
});

const presentHolder = (h: store.HolderRow, nominal: number): HolderView => {
  const holding = holdingOfRow(h);
  return {
    memberId: h.memberId,
    memberName: h.memberName,
    memberNumber: h.memberNumber,
    shares: holding.shares,
    paidCents: holding.paidCents,
    unpaidCents: unpaidCents(holding, nominal),
    shareholder: isShareholder(holding, nominal),
    collegeId: h.collegeId,
    collegeName: h.collegeName,
  };
};

export async function getRegister(ctx: Ctx, entityId: string) {
  requireRegister(ctx);
  const e = await loadEntity(ctx, entityId);
  const nominal = Number(e.shareNominalCents ?? 1);
  const [holders, lines] = await Promise.all([
    store.holders(ctx.db, entityId),
    store.registerLines(ctx.db, { entityId }),
  ]);
  return {
    entity: await entityView(ctx, e),
    holders: holders.map((h) => presentHolder(h, nominal)),
    lines: lines.map(presentLine),
  };
}

type Entity = Awaited<ReturnType<typeof loadConfigured>>;

/** Appends one line after the entity's last one (the settings row is locked: one writer at a time). */
async function append(
  trx: Trx,
  ctx: Ctx,
  e: Entity,
  memberId: string,
  op: RegisterOperation,
  extra: {
    id?: string;
    occurredOn: string;
    note: string;
    counterpart?: string;
    transferId?: string;
    entryId?: string;
  },
) {
  const found = await store.holdingOf(trx, e.entityId, memberId);
  const before = found ? holdingOfRow(found) : noHolding;
  const r = applyOperation(before, op, e.shareNominalCents);
  if (!r.ok) throw refuse(r.issue.code, r.issue.pointer);
  const last = await store.lastLine(trx, e.entityId);
  const id = extra.id ?? randomUUID();
  await store.insertLine(trx, {
    id,
    entityId: e.entityId,
    seq: (last?.seq ?? 0) + 1,
    memberId,
    kind: op.kind,
    sharesDelta: r.delta.sharesDelta,
    paidDeltaCents: r.delta.paidDeltaCents,
    sharesAfter: r.after.shares,
    paidAfterCents: r.after.paidCents,
    entitySharesAfter: (last?.entitySharesAfter ?? 0) + r.delta.sharesDelta,
    entityPaidAfterCents: Number(last?.entityPaidAfterCents ?? 0) + r.delta.paidDeltaCents,
    counterpartMemberId: extra.counterpart ?? null,
    transferId: extra.transferId ?? null,
    entryId: extra.entryId ?? null,
    occurredOn: extra.occurredOn,
    note: extra.note,
    createdBy: ctx.actor.userId,
  });
  return { id, before, after: r.after };
}

/** The member's status follows the register: a first paid share makes a sociétaire, no share left a member again. */
async function syncStatus(trx: Trx, ctx: Ctx, memberId: string, reason: string) {
  const m = await store.findMember(trx, memberId);
  if (!m) return;
  const holdings = await store.holdingsOfMember(trx, memberId);
  const entities = await store.listEntities(trx);
  const nominalOf = new Map(entities.map((e) => [e.entityId, Number(e.shareNominalCents ?? 0)]));
  const holds = holdings.some((h) => {
    const nominal = nominalOf.get(h.entityId) ?? 0;
    return nominal > 0 && isShareholder(holdingOfRow(h), nominal);
  });
  if (holds && m.status === 'member') await changeMemberStatusIn(trx, ctx, memberId, 'shareholder', reason);
  const anyShare = holdings.some((h) => Number(h.shares) > 0);
  if (!anyShare && m.status === 'shareholder')
    await changeMemberStatusIn(trx, ctx, memberId, 'member', reason);
}

async function loadMember(trx: Trx | Ctx['db'], id: string, pointer: string) {
  const m = await store.findMember(trx, id);
  if (!m) throw refuse('validation.failed', pointer);
  return m;
}

const activeStatuses = new Set(['member', 'shareholder']);

async function ensureCollege(
  trx: Trx,
  e: Entity,
  memberId: string,
  collegeId: string | undefined,
  pointer: string,
) {
  if (!e.weightedColleges) return;
  if (collegeId) {
    if (!(await store.findCollege(trx, e.entityId, collegeId)))
      throw refuse('governance.college_unknown', pointer);
    await store.setCollege(trx, e.entityId, memberId, collegeId);
    return;
  }
  if (!(await store.collegeOf(trx, e.entityId, memberId)))
    throw refuse('governance.college_required', pointer);
}

const memberLabel = (m: { number: string; name: string }) => `${m.number} ${m.name}`;
const sharesLabel = (n: number) => `${n} part${n > 1 ? 's' : ''} sociale${n > 1 ? 's' : ''}`;

async function registerAnswer(trx: Trx, ids: string[]) {
  return { lines: (await store.registerLines(trx, { ids })).map(presentLine) };
}

export async function subscribe(
  ctx: Ctx,
  entityId: string,
  input: SubscriptionInput,
  claim: IdempotencyClaim | null,
) {
  requireRegister(ctx);
  const e = await loadConfigured(ctx, entityId);
  const m = await loadMember(ctx.db, input.memberId, '/memberId');
  if (!activeStatuses.has(m.status)) throw refuse('governance.member_not_active', '/memberId');
  const amount = input.shares * e.shareNominalCents;
  return transact(ctx.db, async (trx) => {
    await store.lockSettings(trx, entityId);
    await ensureCollege(trx, e, m.id, input.collegeId, '/collegeId');
    const id = randomUUID();
    // PCG: the shares are subscribed and called at once: the member owes them (4562), the capital is called (1012).
    const entry = await postEntry(
      trx,
      ctx.actor,
      {
        entityId,
        journalCode: 'OD',
        entryDate: input.occurredOn,
        label: `Souscription de ${sharesLabel(input.shares)} — ${memberLabel(m)}`.slice(0, 200),
        pieceRef: `PS-${id.slice(0, 8).toUpperCase()}`,
        lines: [
          { accountNumber: '4562', memberId: m.id, debitCents: amount, creditCents: 0 },
          { accountNumber: '1012', debitCents: 0, creditCents: amount },
        ],
        source: { type: 'share_line', id },
      },
      { now: ctx.clock() },
    );
    await append(
      trx,
      ctx,
      e,
      m.id,
      { kind: 'subscription', shares: input.shares },
      {
        id,
        occurredOn: input.occurredOn,
        note: input.note,
        entryId: entry.id,
      },
    );
    await recordAudit(
      trx,
      ctx,
      'governance.subscribe',
      { type: 'member', id: m.id },
      { entityId, shares: input.shares },
    );
    const answer = await registerAnswer(trx, [id]);
    await storeIdempotentAnswer(trx, claim, answer);
    return answer;
  });
}

export async function pay(ctx: Ctx, entityId: string, input: PaymentInput, claim: IdempotencyClaim | null) {
  requireRegister(ctx);
  const e = await loadConfigured(ctx, entityId);
  const m = await loadMember(ctx.db, input.memberId, '/memberId');
  if (!activeStatuses.has(m.status)) throw refuse('governance.member_not_active', '/memberId');
  return transact(ctx.db, async (trx) => {
    await store.lockSettings(trx, entityId);
    const id = randomUUID();
    // The check before posting keeps the refusal free of any entry; append checks it again under the lock.
    const found = await store.holdingOf(trx, entityId, m.id);
    const check = applyOperation(
      found ? holdingOfRow(found) : noHolding,
      { kind: 'payment', amountCents: input.amountCents },
      e.shareNominalCents,
    );
    if (!check.ok) throw refuse(check.issue.code, check.issue.pointer);
    // The money reaches the bank (512) and settles what the member owed (4562); the capital becomes paid (1012 → 1013).
    const entry = await postEntry(
      trx,
      ctx.actor,
      {
        entityId,
        journalCode: 'BQ',
        entryDate: input.occurredOn,
        label: `Libération de parts sociales — ${memberLabel(m)}`.slice(0, 200),
        pieceRef: `PS-${id.slice(0, 8).toUpperCase()}`,
        lines: [
          { accountNumber: '512', debitCents: input.amountCents, creditCents: 0 },
          { accountNumber: '4562', memberId: m.id, debitCents: 0, creditCents: input.amountCents },
          { accountNumber: '1012', debitCents: input.amountCents, creditCents: 0 },
          { accountNumber: '1013', debitCents: 0, creditCents: input.amountCents },
        ],
        source: { type: 'share_line', id },
      },
      { now: ctx.clock() },
    );
    await append(
      trx,
      ctx,
      e,
      m.id,
      { kind: 'payment', amountCents: input.amountCents },
      {
        id,
        occurredOn: input.occurredOn,
        note: input.note,
        entryId: entry.id,
      },
    );
    await syncStatus(trx, ctx, m.id, 'Parts sociales libérées');
    await recordAudit(
      trx,
      ctx,
      'governance.pay',
      { type: 'member', id: m.id },
      { entityId, amountCents: input.amountCents },
    );
    const answer = await registerAnswer(trx, [id]);
    await storeIdempotentAnswer(trx, claim, answer);
    return answer;
  });
}

export async function transfer(
  ctx: Ctx,
  entityId: string,
  input: TransferInput,
  claim: IdempotencyClaim | null,
) {
  requireRegister(ctx);
  const e = await loadConfigured(ctx, entityId);
  if (input.fromMemberId === input.toMemberId) throw refuse('governance.same_member', '/toMemberId');
  const from = await loadMember(ctx.db, input.fromMemberId, '/fromMemberId');
  const to = await loadMember(ctx.db, input.toMemberId, '/toMemberId');
  if (!activeStatuses.has(to.status)) throw refuse('governance.member_not_active', '/toMemberId');
  return transact(ctx.db, async (trx) => {
    await store.lockSettings(trx, entityId);
    await ensureCollege(trx, e, to.id, input.collegeId, '/collegeId');
    const transferId = randomUUID();
    // A transfer between members moves shares already paid: no cash goes through the cooperative, no entry.
    const out = await append(
      trx,
      ctx,
      e,
      from.id,
      { kind: 'transfer_out', shares: input.shares },
      {
        occurredOn: input.occurredOn,
        note: input.note,
        counterpart: to.id,
        transferId,
      },
    );
    const into = await append(
      trx,
      ctx,
      e,
      to.id,
      { kind: 'transfer_in', shares: input.shares },
      {
        occurredOn: input.occurredOn,
        note: input.note,
        counterpart: from.id,
        transferId,
      },
    );
    await syncStatus(trx, ctx, to.id, 'Parts sociales reçues par cession');
    await syncStatus(trx, ctx, from.id, 'Parts sociales cédées');
    await recordAudit(
      trx,
      ctx,
      'governance.transfer',
      { type: 'member', id: from.id },
      {
        entityId,
        to: to.id,
        shares: input.shares,
      },
    );
    const answer = await registerAnswer(trx, [out.id, into.id]);
    await storeIdempotentAnswer(trx, claim, answer);
    return answer;
  });
}

export async function refund(ctx: Ctx, entityId: string, input: RefundInput, claim: IdempotencyClaim | null) {
  requireRegister(ctx);
  const e = await loadConfigured(ctx, entityId);
  const m = await loadMember(ctx.db, input.memberId, '/memberId');
  const amount = input.shares * e.shareNominalCents;
  return transact(ctx.db, async (trx) => {
    await store.lockSettings(trx, entityId);
    const found = await store.holdingOf(trx, entityId, m.id);
    const check = applyOperation(
      found ? holdingOfRow(found) : noHolding,
      { kind: 'refund', shares: input.shares },
      e.shareNominalCents,
    );
    if (!check.ok) throw refuse(check.issue.code, check.issue.pointer);
    const id = randomUUID();
    // Refunded at their nominal value: the paid capital (1013) becomes owed to the member (4567), paid from the bank (512).
    const entry = await postEntry(
      trx,
      ctx.actor,
      {
        entityId,
        journalCode: 'BQ',
        entryDate: input.occurredOn,
        label: `Remboursement de ${sharesLabel(input.shares)} — ${memberLabel(m)}`.slice(0, 200),
        pieceRef: `PS-${id.slice(0, 8).toUpperCase()}`,
        lines: [
          { accountNumber: '1013', debitCents: amount, creditCents: 0 },
          { accountNumber: '4567', memberId: m.id, debitCents: 0, creditCents: amount },
          { accountNumber: '4567', memberId: m.id, debitCents: amount, creditCents: 0 },
          { accountNumber: '512', debitCents: 0, creditCents: amount },
        ],
        source: { type: 'share_line', id },
      },
      { now: ctx.clock() },
    );
    await append(
      trx,
      ctx,
      e,
      m.id,
      { kind: 'refund', shares: input.shares },
      {
        id,
        occurredOn: input.occurredOn,
        note: input.note,
        entryId: entry.id,
      },
    );
    await syncStatus(trx, ctx, m.id, 'Parts sociales remboursées');
    await recordAudit(
      trx,
      ctx,
      'governance.refund',
      { type: 'member', id: m.id },
      { entityId, shares: input.shares },
    );
    const answer = await registerAnswer(trx, [id]);
    await storeIdempotentAnswer(trx, claim, answer);
    return answer;
  });
}

export async function assignCollege(ctx: Ctx, entityId: string, memberId: string, collegeId: string) {
  requireRegister(ctx);
  const e = await loadConfigured(ctx, entityId);
  await loadMember(ctx.db, memberId, '/memberId');
  await transact(ctx.db, async (trx) => {
    if (!(await store.findCollege(trx, entityId, collegeId)))
      throw refuse('governance.college_unknown', '/collegeId');
    await store.setCollege(trx, entityId, memberId, collegeId);
    await recordAudit(
      trx,
      ctx,
      'governance.college',
      { type: 'member', id: memberId },
      { entityId, collegeId },
    );
  });
  const holders = await store.holders(ctx.db, entityId);
  const h = holders.find((x) => x.memberId === memberId);
  if (!h) throw notFound('Holder');
  return presentHolder(h, e.shareNominalCents);
}

export async function myShares(ctx: Ctx): Promise<{ items: MyHoldingView[] }> {
  const memberId = ctx.actor.memberId;
  if (!memberId) return { items: [] };
  return { items: await holdingsOf(ctx, memberId) };
}

async function holdingsOf(ctx: Ctx, memberId: string): Promise<MyHoldingView[]> {
  const [lines, entities] = await Promise.all([
    store.registerLines(ctx.db, { memberId }),
    store.listEntities(ctx.db),
  ]);
  const out: MyHoldingView[] = [];
  for (const e of entities) {
    const mine = lines.filter((l) => l.entityId === e.entityId);
    const last = mine.at(-1);
    if (!last || e.shareNominalCents === null) continue;
    const nominal = Number(e.shareNominalCents);
    const h = holdingOfRow({ shares: last.sharesAfter, paidCents: last.paidAfterCents });
    const college = await store.collegeOf(ctx.db, e.entityId, memberId);
    out.push({
      entityId: e.entityId,
      entityName: e.entityName,
      shareNominalCents: nominal,
      shares: h.shares,
      paidCents: h.paidCents,
      unpaidCents: unpaidCents(h, nominal),
      shareholder: isShareholder(h, nominal),
      collegeName: college?.name ?? null,
      lines: mine.map(presentLine),
    });
  }
  return out;
}

/** The certificate of a member's shares in an entity (attestation de détention de parts sociales). */
export async function certificatePdf(ctx: Ctx, entityId: string, memberId: string): Promise<Uint8Array> {
  if (ctx.actor.memberId !== memberId && !can(ctx.actor, 'governance.register'))
    throw notFound('Certificate');
  const e = await loadConfigured(ctx, entityId);
  const m = await store.findMember(ctx.db, memberId);
  if (!m) throw notFound('Certificate');
  const holding = (await holdingsOf(ctx, memberId)).find((h) => h.entityId === entityId);
  if (!holding) throw notFound('Certificate');
  const entity = await store.entityIdentity(ctx.db, entityId);
  const lang = ctx.lang;
  const today = toIsoDate(ctx.clock());
  const fr = lang === 'fr';
  const kind = (k: string) =>
    (
      (fr
        ? {
            subscription: 'Souscription',
            payment: 'Libération',
            transfer_out: 'Cession',
            transfer_in: 'Acquisition',
            refund: 'Remboursement',
          }
        : {
            subscription: 'Subscription',
            payment: 'Payment',
            transfer_out: 'Transfer out',
            transfer_in: 'Transfer in',
            refund: 'Refund',
          }) as Record<string, string>
    )[k] ?? k;
  const pdf = createPdf({
    title: fr ? `Attestation de parts sociales — ${m.name}` : `Share certificate — ${m.name}`,
    language: lang,
    createdAt: ctx.clock(),
    footer: `${entity.name} · ${entity.legalForm} · SIREN ${entity.siren} · RCS ${entity.rcsCity}`,
  });
  pdf.header(
    {
      title: entity.name,
      lines: [
        entity.legalForm,
        entity.addressLine,
        `${entity.postalCode} ${entity.city}`,
        `SIREN ${entity.siren}`,
      ],
    },
    {
      align: 'right',
      title: fr ? 'Attestation de détention de parts sociales' : 'Certificate of shareholding',
      lines: [fr ? `Au ${formatDate(today, lang)}` : `As of ${formatDate(today, lang)}`],
    },
  );
  pdf.space(16);
  pdf.paragraph(
    fr
      ? `${entity.name} atteste que ${m.name} (membre n° ${m.number}) détient ${holding.shares} ${holding.shares > 1 ? 'parts sociales' : 'part sociale'} de ${formatMoney(e.shareNominalCents, lang)} de valeur nominale chacune, inscrites à son registre des associés.`
      : `${entity.name} certifies that ${m.name} (member no. ${m.number}) holds ${holding.shares} share${holding.shares > 1 ? 's' : ''} with a nominal value of ${formatMoney(e.shareNominalCents, lang)} each, entered in its register of members.`,
  );
  pdf.space(10);
  pdf.keyValues(
    [
      { label: fr ? 'Parts souscrites' : 'Shares subscribed', value: String(holding.shares) },
      {
        label: fr ? 'Capital souscrit' : 'Capital subscribed',
        value: formatMoney(holding.shares * e.shareNominalCents, lang),
      },
      {
        label: fr ? 'Capital libéré' : 'Capital paid',
        value: formatMoney(holding.paidCents, lang),
        bold: true,
      },
      { label: fr ? 'Reste à libérer' : 'Still to pay', value: formatMoney(holding.unpaidCents, lang) },
      ...(holding.collegeName
        ? [{ label: fr ? 'Collège de vote' : 'College', value: holding.collegeName }]
        : []),
      {
        label: fr ? 'Qualité' : 'Standing',
        value: holding.shareholder
          ? fr
            ? 'Sociétaire'
            : 'Shareholder'
          : fr
            ? 'Souscripteur·rice'
            : 'Subscriber',
      },
    ],
    { width: pdf.width * 0.6 },
  );
  pdf.space(14);
  pdf.heading(fr ? 'Mouvements inscrits au registre' : 'Movements in the register');
  pdf.table(
    [
      { header: fr ? 'Date' : 'Date', width: 0.14 },
      { header: fr ? 'Opération' : 'Operation', width: 0.3 },
      { header: fr ? 'Parts' : 'Shares', width: 0.12, align: 'right' },
      { header: fr ? 'Versé' : 'Paid', width: 0.16, align: 'right' },
      { header: fr ? 'Parts après' : 'Shares after', width: 0.12, align: 'right' },
      { header: fr ? 'Libéré après' : 'Paid after', width: 0.16, align: 'right' },
    ],
    holding.lines.map((l) => [
      formatDate(l.occurredOn, lang),
      l.counterpartName ? { text: kind(l.kind), detail: l.counterpartName } : kind(l.kind),
      l.sharesDelta === 0 ? '' : (l.sharesDelta > 0 ? '+' : '') + String(l.sharesDelta),
      l.paidDeltaCents === 0 ? '' : formatMoney(l.paidDeltaCents, lang),
      String(l.sharesAfter),
      formatMoney(l.paidAfterCents, lang),
    ]),
  );
  pdf.space(20);
  pdf.paragraph(
    fr
      ? `Fait à ${entity.city}, le ${formatDate(today, lang)}, pour servir et valoir ce que de droit. Les parts sociales sont nominatives ; leur cession est soumise à l’agrément prévu par les statuts.`
      : `Issued in ${entity.city} on ${formatDate(today, lang)}. Shares are registered; their transfer needs the approval set out in the articles of association.`,
    { muted: true },
  );
  return pdf.toBytes();
}

// ——— Assemblies ———

/** The ballot box's key: derived from the server secret, never stored, never shown. */
const ballotKey = (deps: Pick<Deps, 'signingKey'>) =>
  createHmac('sha256', deps.signingKey).update('commune/governance-ballots').digest();
const voterKeyOf = (deps: Pick<Deps, 'signingKey'>, assemblyId: string, memberId: string) =>
  createHmac('sha256', ballotKey(deps)).update(`${assemblyId}:${memberId}`).digest('hex');
/** A receipt: 100 random bits, shown as five groups of four characters (Crockford base 32). */
const newReceipt = () => {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => alphabet[b % 32]).join('');
  return chars.match(/.{4}/g)?.join('-') ?? chars;
};

const phase = (a: store.AssemblyRow, now: Date) =>
  a.status === 'draft' ? ('draft' as const) : phaseOf(a, now);

const summary = (ctx: Ctx, a: store.AssemblyRow): AssemblySummary => ({
  id: a.id,
  entityId: a.entityId,
  entityName: a.entityName,
  kind: a.kind,
  title: a.title,
  place: a.place,
  heldAt: a.heldAt,
  opensAt: a.opensAt,
  closesAt: effectiveClose(a),
  quorumBp: a.quorumBp,
  proxyCap: a.proxyCap,
  weightedColleges: a.weightedColleges,
  phase: phase(a, ctx.clock()),
  convenedAt: a.convenedAt,
  electors: Number(a.electors),
  participants: Number(a.participants),
  manageable: can(ctx.actor, 'governance.assemblies'),
});

/** Staff see every assembly (never a vote); a member sees those they are convened to. */
async function loadAssembly(ctx: Ctx, id: string) {
  const a = await store.findAssembly(ctx.db, id);
  if (!a) throw notFound('Assembly');
  const staff = can(ctx.actor, 'governance.assemblies') || can(ctx.actor, 'governance.register');
  if (staff) return a;
  if (a.status === 'convened' && ctx.actor.memberId && (await store.elector(ctx.db, id, ctx.actor.memberId)))
    return a;
  throw notFound('Assembly');
}

export async function listAssemblies(ctx: Ctx): Promise<{ items: AssemblySummary[] }> {
  const staff = can(ctx.actor, 'governance.assemblies') || can(ctx.actor, 'governance.register');
  if (!staff && !ctx.actor.memberId) return { items: [] };
  const ids = await store.listAssemblyIds(
    ctx.db,
    staff ? {} : { electorMemberId: ctx.actor.memberId as string },
  );
  const rows = await Promise.all(ids.map((r) => store.findAssembly(ctx.db, r.id)));
  return {
    items: rows
      .filter((a): a is store.AssemblyRow => a !== undefined && (staff || a.status === 'convened'))
      .map((a) => summary(ctx, a)),
  };
}

export async function getAssembly(ctx: Ctx, id: string): Promise<AssemblyView> {
  const a = await loadAssembly(ctx, id);
  const [resolutions, documents] = await Promise.all([
    store.resolutions(ctx.db, id),
    store.documents(ctx.db, id),
  ]);
  let me: AssemblyView['me'] = null;
  const memberId = ctx.actor.memberId;
  const self = memberId ? await store.elector(ctx.db, id, memberId) : undefined;
  if (memberId && self) {
    const [given, held, all] = await Promise.all([
      store.liveProxyOf(ctx.db, id, memberId),
      store.proxiesHeldBy(ctx.db, id, memberId),
      store.electors(ctx.db, id),
    ]);
    const voterOf = async (who: string, name: string, isSelf: boolean) => {
      const ballots = await store.ballotsOfVoter(ctx.db, id, voterKeyOf(ctx, id, who));
      return { memberId: who, name, self: isSelf, voted: ballots.length > 0, ballots };
    };
    me = {
      elector: true,
      collegeName: self.collegeName,
      proxyGivenTo: given ? { memberId: given.holderMemberId, name: given.holderName } : null,
      voters: [
        await voterOf(memberId, self.name, true),
        ...(await Promise.all(held.map((p) => voterOf(p.grantorMemberId, p.grantorName, false)))),
      ],
      proxyCandidates: all
        .filter((e) => e.memberId !== memberId)
        .map((e) => ({ memberId: e.memberId, name: e.name })),
    };
  }
  return {
    ...summary(ctx, a),
    agenda: a.agenda,
    resolutions,
    documents,
    me,
  };
}

export async function createAssembly(ctx: Ctx, input: AssemblyInput) {
  requireDirection(ctx);
  const parsed = assemblyInput.parse(input);
  const e = await loadConfigured(ctx, parsed.entityId);
  if (parsed.closesAt <= parsed.opensAt || new Date(parsed.closesAt) <= new Date(parsed.opensAt))
    throw refuse('governance.window_invalid', '/closesAt');
  const id = await transact(ctx.db, async (trx) => {
    const { id } = await store.insertAssembly(trx, {
      entityId: e.entityId,
      kind: parsed.kind,
      title: parsed.title,
      place: parsed.place,
      agenda: parsed.agenda,
      heldAt: parsed.heldAt,
      opensAt: parsed.opensAt,
      closesAt: parsed.closesAt,
      quorumBp: parsed.quorumBp ?? defaultQuorumBp(parsed.kind),
      proxyCap: parsed.proxyCap ?? e.proxyCap ?? 2,
      weightedColleges: e.weightedColleges ?? false,
      createdBy: ctx.actor.userId,
    });
    await store.insertResolutions(
      trx,
      parsed.resolutions.map((r, i) => ({
        assemblyId: id,
        position: i + 1,
        title: r.title,
        body: r.body,
        majority: r.majority ?? defaultMajority(parsed.kind),
      })),
    );
    await store.insertDocuments(
      trx,
      parsed.documents.map((d, i) => ({ assemblyId: id, position: i + 1, title: d.title, url: d.url })),
    );
    await recordAudit(
      trx,
      ctx,
      'governance.assembly.create',
      { type: 'assembly', id },
      { title: parsed.title },
    );
    return id;
  });
  return getAssembly(ctx, id);
}

/** Sends the notice to every sociétaire of the entity and fixes who may vote (and in which college). */
export async function conveneAssembly(ctx: Ctx, id: string) {
  requireDirection(ctx);
  const a = await loadAssembly(ctx, id);
  const now = ctx.clock();
  const e = await loadConfigured(ctx, a.entityId);
  await transact(ctx.db, async (trx) => {
    const locked = await store.lockAssembly(trx, id);
    if (locked?.status !== 'draft') throw refuse('governance.already_convened');
    const holders = (await store.holders(trx, a.entityId)).filter((h) =>
      isShareholder(holdingOfRow(h), e.shareNominalCents),
    );
    if (holders.length === 0) throw refuse('governance.no_electors');
    const colleges = a.weightedColleges ? await store.colleges(trx, a.entityId) : [];
    if (a.weightedColleges) {
      const issues = collegeIssues(colleges);
      if (issues.length > 0) throw refuse(issues[0]?.code ?? 'governance.college_weights_total');
      const without = holders.find((h) => h.collegeId === null);
      if (without) throw refuse('governance.college_required');
    }
    await store.insertElectors(
      trx,
      holders.map((h) => ({
        assemblyId: id,
        memberId: h.memberId,
        collegeId: a.weightedColleges ? h.collegeId : null,
      })),
    );
    await store.convene(
      trx,
      id,
      now.toISOString(),
      colleges.map((c) => ({ id: c.id, name: c.name, weightBp: c.weightBp })),
    );
    const [resolutions, documents] = await Promise.all([
      store.resolutions(trx, id),
      store.documents(trx, id),
    ]);
    const link = `${ctx.publicUrl}/governance/assemblies/${id}`;
    const when = (iso: string) =>
      new Intl.DateTimeFormat('fr-FR', {
        dateStyle: 'full',
        timeStyle: 'short',
        timeZone: 'Europe/Paris',
      }).format(new Date(iso));
    for (const h of holders) {
      const m = await store.findMember(trx, h.memberId);
      if (!m) continue;
      const text = [
        `Bonjour ${m.firstName},`,
        '',
        `Vous êtes convoqué·e, en qualité de sociétaire de ${a.entityName}, à l’assemblée générale ${a.kind === 'ordinary' ? 'ordinaire' : 'extraordinaire'} « ${a.title} ».`,
        `Séance : ${when(a.heldAt)}${a.place ? ` — ${a.place}` : ''}.`,
        `Vote en ligne : du ${when(a.opensAt)} au ${when(a.closesAt)}. Vous pouvez changer votre vote jusqu’à la clôture, ou donner pouvoir à un·e autre sociétaire.`,
        '',
        'Ordre du jour :',
        a.agenda,
        '',
        'Résolutions soumises au vote :',
        ...resolutions.map(
          (r) =>
            `${r.position}. ${r.title}${r.majority === 'two_thirds' ? ' (majorité des deux tiers)' : ''}`,
        ),
        ...(documents.length > 0
          ? ['', 'Documents :', ...documents.map((d) => `- ${d.title} : ${d.url}`)]
          : []),
        '',
        `Voter ou donner pouvoir : ${link}`,
        '',
        `You are convened to the general assembly “${a.title}” of ${a.entityName}; vote online at ${link}.`,
      ].join('\n');
      await enqueue(trx, {
        kind: 'email',
        payload: { to: m.email, subject: `Convocation — ${a.title}`, text },
      });
    }
    await recordAudit(
      trx,
      ctx,
      'governance.assembly.convene',
      { type: 'assembly', id },
      { electors: holders.length },
    );
  });
  return getAssembly(ctx, id);
}

/** Ends the vote now (the session has ended before the planned close). */
export async function closeAssembly(ctx: Ctx, id: string) {
  requireDirection(ctx);
  const a = await loadAssembly(ctx, id);
  const now = ctx.clock();
  if (a.status !== 'convened') throw refuse('governance.not_convened');
  if (phaseOf(a, now) === 'closed') throw refuse('governance.vote_closed');
  await transact(ctx.db, async (trx) => {
    await store.lockAssembly(trx, id);
    await store.closeEarly(trx, id, now.toISOString());
    await recordAudit(trx, ctx, 'governance.assembly.close', { type: 'assembly', id }, {});
  });
  return getAssembly(ctx, id);
}

function requireOpen(a: store.AssemblyRow, now: Date) {
  if (a.status !== 'convened') throw refuse('governance.not_convened');
  const p = phaseOf(a, now);
  if (p === 'upcoming') throw refuse('governance.vote_not_open');
  if (p === 'closed') throw refuse('governance.vote_closed');
}

async function requireElector(ctx: Ctx, assemblyId: string) {
  const memberId = ctx.actor.memberId;
  // Staff without a member file never vote; a member who is not convened gets the reason.
  if (!can(ctx.actor, 'governance.vote') || !memberId)
    throw new DomainError('auth.forbidden', 'Votes and proxies are given by sociétaires themselves');
  const self = await store.elector(ctx.db, assemblyId, memberId);
  if (!self) throw refuse('governance.not_shareholder');
  return self;
}

/** The assembly as a member sees it, or a 404 when they are not convened to it. */
async function loadForVoter(ctx: Ctx, id: string) {
  const a = await store.findAssembly(ctx.db, id);
  if (!a) throw notFound('Assembly');
  return a;
}

export async function giveProxy(ctx: Ctx, id: string, holderId: string) {
  const a = await loadForVoter(ctx, id);
  const self = await requireElector(ctx, id);
  const now = ctx.clock();
  requireOpenForProxy(a, now);
  await transact(ctx.db, async (trx) => {
    // One holder at a time: the elector row of the holder is locked while their proxies are counted.
    await store.lockElector(trx, id, holderId);
    if (await store.participation(trx, id, self.memberId)) throw refuse('governance.proxy_after_vote');
    const holderIsElector = (await store.elector(trx, id, holderId)) !== undefined;
    const issue = proxyIssue({
      grantorId: self.memberId,
      holderId,
      holderIsElector,
      holderGaveProxy: holderIsElector && (await store.liveProxyOf(trx, id, holderId)) !== undefined,
      holderCarries: (await store.proxiesHeldBy(trx, id, holderId)).length,
      cap: a.proxyCap,
    });
    if (issue) throw refuse(issue, '/holderMemberId');
    // Someone who carries proxies cannot hand their own vote on: they would pass the others' with it.
    if ((await store.proxiesHeldBy(trx, id, self.memberId)).length > 0)
      throw refuse('governance.proxy_chain', '/holderMemberId');
    await store.revokeProxy(trx, id, self.memberId, now.toISOString(), 'withdrawn');
    await store.insertProxy(trx, {
      assemblyId: id,
      grantorMemberId: self.memberId,
      holderMemberId: holderId,
      createdAt: now.toISOString(),
    });
    await recordAudit(
      trx,
      ctx,
      'governance.proxy.give',
      { type: 'assembly', id },
      { holderMemberId: holderId },
    );
  });
  return getAssembly(ctx, id);
}

function requireOpenForProxy(a: store.AssemblyRow, now: Date) {
  if (a.status !== 'convened') throw refuse('governance.not_convened');
  // A proxy is given before the close (from the notice on, not only during the voting window).
  if (phaseOf(a, now) === 'closed') throw refuse('governance.vote_closed');
}

export async function withdrawProxy(ctx: Ctx, id: string) {
  const a = await loadForVoter(ctx, id);
  const self = await requireElector(ctx, id);
  const now = ctx.clock();
  requireOpenForProxy(a, now);
  await transact(ctx.db, async (trx) => {
    await store.revokeProxy(trx, id, self.memberId, now.toISOString(), 'withdrawn');
    await recordAudit(trx, ctx, 'governance.proxy.withdraw', { type: 'assembly', id }, {});
  });
  return getAssembly(ctx, id);
}

/**
 * Casts (or replaces) the ballots of one voter: myself, or a sociétaire whose proxy I hold. The
 * ballot is keyed by an HMAC of the assembly and the represented member, so a second vote updates
 * the same row (the unique key decides between simultaneous votes) and the row never names anyone.
 * A grantor who votes in person revokes their proxy; their ballot replaces any the holder cast.
 */
export async function vote(ctx: Ctx, id: string, input: VoteInput) {
  const a = await loadForVoter(ctx, id);
  const self = await requireElector(ctx, id);
  const now = ctx.clock();
  requireOpen(a, now);
  const resolutions = await store.resolutions(ctx.db, id);
  const seen = new Set<string>();
  input.ballots.forEach((b, i) => {
    if (!resolutions.some((r) => r.id === b.resolutionId))
      throw refuse('governance.resolution_unknown', `/ballots/${i}/resolutionId`);
    if (seen.has(b.resolutionId))
      throw refuse('governance.resolution_repeated', `/ballots/${i}/resolutionId`);
    seen.add(b.resolutionId);
  });
  const forId = input.forMemberId ?? self.memberId;
  const receipts = await transact(ctx.db, async (trx) => {
    let voter = self;
    if (forId !== self.memberId) {
      const held = await store.proxiesHeldBy(trx, id, self.memberId);
      if (!held.some((p) => p.grantorMemberId === forId))
        throw refuse('governance.not_proxy_holder', '/forMemberId');
      const grantor = await store.elector(trx, id, forId);
      if (!grantor) throw refuse('governance.not_proxy_holder', '/forMemberId');
      voter = grantor;
    } else {
      // Voting in person withdraws the proxy one had given.
      await store.revokeProxy(trx, id, self.memberId, now.toISOString(), 'voted_in_person');
    }
    const key = voterKeyOf(ctx, id, voter.memberId);
    const out = [];
    for (const b of input.ballots)
      out.push(
        await store.upsertBallot(trx, {
          assemblyId: id,
          resolutionId: b.resolutionId,
          voterKey: key,
          collegeId: a.weightedColleges ? voter.collegeId : null,
          choice: b.choice,
          receipt: newReceipt(),
        }),
      );
    await store.recordParticipation(trx, {
      assemblyId: id,
      memberId: voter.memberId,
      votedByMemberId: self.memberId,
      at: now.toISOString(),
    });
    return out;
  });
  return { forMemberId: forId, ballots: receipts };
}

async function tally(ctx: Ctx, a: store.AssemblyRow): Promise<ResultsView> {
  const [resolutions, ballots] = await Promise.all([
    store.resolutions(ctx.db, a.id),
    store.ballotsForTally(ctx.db, a.id),
  ]);
  const colleges = a.weightedColleges
    ? a.colleges.map((c) => ({ id: c.id, name: c.name, weightBp: c.weightBp }))
    : [{ id: null, name: '', weightBp: 10_000 }];
  return {
    assemblyId: a.id,
    title: a.title,
    entityName: a.entityName,
    closedAt: effectiveClose(a),
    electors: Number(a.electors),
    participants: Number(a.participants),
    weightedColleges: a.weightedColleges,
    resolutions: resolutions.map((r) => ({
      ...r,
      ...tallyResolution({
        colleges,
        ballots: ballots
          .filter((b) => b.resolutionId === r.id)
          .map((b) => ({ collegeId: a.weightedColleges ? b.collegeId : null, choice: b.choice })),
        electors: Number(a.electors),
        quorumBp: a.quorumBp,
        majority: r.majority,
      }),
    })),
    receipts: ballots.map((b) => ({
      receipt: b.receipt,
      resolutionId: b.resolutionId,
      choice: b.choice,
      college: b.college,
    })),
  };
}

/** Published at the close, to the convened sociétaires and to staff alike. */
export async function results(ctx: Ctx, id: string): Promise<ResultsView> {
  const a = await loadAssembly(ctx, id);
  if (a.status !== 'convened' || phaseOf(a, ctx.clock()) !== 'closed')
    throw refuse('governance.results_not_published');
  return tally(ctx, a);
}

const pct = (bp: number, lang: 'fr' | 'en') =>
  `${new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(bp / 100)} %`;

/** The minutes (procès-verbal) of the vote: participation, each resolution's result per college. */
export async function minutesPdf(ctx: Ctx, id: string): Promise<Uint8Array> {
  const r = await results(ctx, id);
  const a = (await store.findAssembly(ctx.db, id)) as store.AssemblyRow;
  const entity = await store.entityIdentity(ctx.db, a.entityId);
  const people = await store.participants(ctx.db, id);
  const lang = ctx.lang;
  const fr = lang === 'fr';
  const when = (iso: string) =>
    new Intl.DateTimeFormat(fr ? 'fr-FR' : 'en-GB', {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: 'Europe/Paris',
    }).format(new Date(iso));
  const pdf = createPdf({
    title: fr ? `Procès-verbal — ${a.title}` : `Minutes — ${a.title}`,
    language: lang,
    createdAt: new Date(r.closedAt),
    footer: `${entity.name} · ${entity.legalForm} · SIREN ${entity.siren} · RCS ${entity.rcsCity}`,
    runningHeader: a.title,
  });
  pdf.header(
    {
      title: entity.name,
      lines: [entity.legalForm, entity.addressLine, `${entity.postalCode} ${entity.city}`],
    },
    {
      align: 'right',
      title: fr ? 'Procès-verbal des votes' : 'Minutes of the vote',
      lines: [
        a.title,
        fr
          ? `Assemblée générale ${a.kind === 'ordinary' ? 'ordinaire' : 'extraordinaire'}`
          : `${a.kind === 'ordinary' ? 'Ordinary' : 'Extraordinary'} general assembly`,
        when(a.heldAt),
      ],
    },
  );
  pdf.space(12);
  pdf.keyValues(
    [
      { label: fr ? 'Vote en ligne' : 'Online vote', value: `${when(a.opensAt)} → ${when(r.closedAt)}` },
      { label: fr ? 'Sociétaires convoqué·es' : 'Shareholders convened', value: String(r.electors) },
      {
        label: fr ? 'Ayant pris part au vote (dont représenté·es)' : 'Took part (incl. represented)',
        value: `${r.participants} (${people.filter((p) => p.representedBy).length})`,
      },
      { label: fr ? 'Quorum requis' : 'Quorum required', value: pct(a.quorumBp, lang) },
      {
        label: fr ? 'Mode de calcul' : 'Counting',
        value: r.weightedColleges
          ? fr
            ? 'par collèges, pondérés (loi du 10 sept. 1947, art. 19 octies)'
            : 'by colleges, weighted (law of 10 Sept. 1947, art. 19 octies)'
          : fr
            ? 'une personne, une voix'
            : 'one person, one vote',
      },
    ],
    { width: pdf.width },
  );
  for (const res of r.resolutions) {
    pdf.ensureSpace(140);
    pdf.space(10);
    pdf.heading(`${fr ? 'Résolution' : 'Resolution'} ${res.position} — ${res.title}`);
    if (res.body) pdf.paragraph(res.body, { muted: true });
    pdf.space(4);
    pdf.table(
      [
        { header: fr ? 'Collège' : 'College', width: 0.3 },
        { header: fr ? 'Poids' : 'Weight', width: 0.12, align: 'right' },
        { header: fr ? 'Pour' : 'For', width: 0.12, align: 'right' },
        { header: fr ? 'Contre' : 'Against', width: 0.12, align: 'right' },
        { header: fr ? 'Abstention' : 'Abstain', width: 0.14, align: 'right' },
        { header: fr ? 'Poids retenu' : 'Weight used', width: 0.2, align: 'right' },
      ],
      [
        ...res.colleges.map((c) => [
          c.name || (fr ? 'Tou·tes les sociétaires' : 'All shareholders'),
          pct(c.weightBp, lang),
          String(c.for),
          String(c.against),
          String(c.abstain),
          pct(c.effectiveWeightBp, lang),
        ]),
        [
          { text: fr ? 'Total' : 'Total', bold: true },
          '',
          { text: String(res.for), bold: true },
          { text: String(res.against), bold: true },
          { text: String(res.abstain), bold: true },
          '',
        ],
      ],
    );
    pdf.space(4);
    const majority =
      res.majority === 'simple'
        ? fr
          ? 'majorité simple'
          : 'simple majority'
        : fr
          ? 'deux tiers'
          : 'two thirds';
    pdf.paragraph(
      fr
        ? `Pour ${pct(res.forBp, lang)}, contre ${pct(res.againstBp, lang)} des voix exprimées (${majority}). Quorum ${res.quorumReached ? 'atteint' : 'non atteint'} (${res.participants}/${res.electors}).`
        : `For ${pct(res.forBp, lang)}, against ${pct(res.againstBp, lang)} of votes cast (${majority}). Quorum ${res.quorumReached ? 'reached' : 'not reached'} (${res.participants}/${res.electors}).`,
    );
    pdf.paragraph(
      res.adopted
        ? fr
          ? 'Résolution adoptée.'
          : 'Resolution adopted.'
        : fr
          ? 'Résolution rejetée.'
          : 'Resolution rejected.',
      { bold: true },
    );
  }
  pdf.space(12);
  pdf.heading(fr ? 'Feuille de présence' : 'Attendance');
  pdf.table(
    [
      { header: fr ? 'Sociétaire' : 'Shareholder', width: 0.5 },
      { header: fr ? 'Représenté·e par' : 'Represented by', width: 0.5 },
    ],
    people.map((p) => [p.name, p.representedBy ?? (fr ? 'a voté' : 'voted')]),
  );
  pdf.space(8);
  pdf.paragraph(
    fr
      ? 'Les bulletins ne portent pas le nom de leur auteur : chaque votant·e vérifie le sien grâce au reçu obtenu lors du vote, publié avec les résultats.'
      : 'Ballots do not bear their author’s name: each voter checks theirs with the receipt they got when voting, published with the results.',
    { muted: true },
  );
  return pdf.toBytes();
}
