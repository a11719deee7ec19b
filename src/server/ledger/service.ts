// The ledger's use cases. Later modules post through `postEntry` / `postEntries` / `reverseEntryIn`
// inside their own transaction (the document, its entry and its outbox rows commit together);
// accountants use the rest through the API: manual entries, reversals, the chart, journals, fiscal
// years and month locks, reports and the FEC.
import type { Transaction } from 'kysely';
import { type Actor, can } from '../../domain/access.ts';
import { DomainError, type ErrorCode, notFound } from '../../domain/errors.ts';
import { defaultChart, defaultJournals, isAnalyticAccount } from '../../domain/ledger/chart.ts';
import {
  checkEntryAccounts,
  checkEntryAmounts,
  type EntryIssue,
  entryReference,
  reverseEntry,
  totals,
} from '../../domain/ledger/entry.ts';
import { type FecLine, fecFileName, fecHeader, formatFecLine } from '../../domain/ledger/fec.ts';
import { trialBalance } from '../../domain/ledger/reports.ts';
import type {
  AccountInput,
  AccountPatch,
  AccountView,
  ActivityBalancesView,
  AuxiliaryInput,
  EntryInput,
  EntryView,
  FiscalYearInput,
  FiscalYearView,
  JournalInput,
  JournalView,
  ManualEntryInput,
  ReversalInput,
  StatementView,
  TrialBalanceView,
} from '../../domain/ledger/schemas.ts';
import { buildStatement, emptyFigures, type StatementFigures } from '../../domain/ledger/statement.ts';
import { activityResource, requireActivity } from '../activities/service.ts';
import { diff, recordAudit } from '../audit/service.ts';
import type { Ctx } from '../context.ts';
import type { Db } from '../db/client.ts';
import { newRowId } from '../db/ids.ts';
import type { Database } from '../db/schema.ts';
import { onUnique, transact } from '../db/transaction.ts';
import { type IdempotencyClaim, storeIdempotentAnswer } from '../http/idempotency.ts';
import { type ListParams, pageOf } from '../http/lists.ts';
import * as store from './store.ts';

export type { JournalLineRow, LedgerLineRow } from './store.ts';

type Trx = Transaction<Database>;
type Q = Db | Trx;

// ——— Access ———

type LedgerAction = 'ledger.read' | 'ledger.post' | 'ledger.manage' | 'ledger.reopen';

/** The books are invisible to whoever may not read them (404); visible but not theirs to change: 403. */
function allow(ctx: Ctx, action: LedgerAction) {
  if (!can(ctx.actor, 'ledger.read')) throw notFound('Ledger');
  if (!can(ctx.actor, action)) throw new DomainError('auth.forbidden', 'Not allowed on the ledger');
}

async function requireEntity(ctx: Ctx, entityId: string, action: LedgerAction) {
  allow(ctx, action);
  const entity = await store.findEntity(ctx.db, entityId);
  if (!entity) throw notFound('Entity');
  return entity;
}

const refuse = (issues: readonly EntryIssue[] | readonly { pointer: string; code: string }[]): never => {
  const first = issues[0] as { code: string };
  throw new DomainError(first.code as ErrorCode, first.code, {
    errors: issues.map((i) => ({ pointer: i.pointer, code: i.code, message: i.code })),
  });
};

// ——— Setting up an entity's books ———

/** Gives an entity the default chart and journals, once (what is already there is kept). */
export async function setUpLedgerIn(trx: Trx, entityId: string): Promise<boolean> {
  if ((await store.countAccounts(trx, entityId)) > 0) return false;
  await store.insertAccounts(
    trx,
    defaultChart.map((a) => ({ entityId, number: a.number, label: a.label, auxiliaryKind: a.auxiliaryKind })),
  );
  await store.insertJournals(
    trx,
    defaultJournals.map((j) => ({ entityId, code: j.code, label: j.label, kind: j.kind })),
  );
  return true;
}

// ——— Posting ———

export type PostOptions = {
  now: Date;
  /** Reversals may use an account deactivated since the original was posted. */
  allowInactive?: boolean;
};

export type PostedEntry = {
  id: string;
  entityId: string;
  journalCode: string;
  fiscalYearId: string;
  fiscalYearCode: string;
  number: number;
  reference: string;
  entryDate: string;
  totalCents: number;
};

type Draft = EntryInput & { reversesEntryId?: string | null };

const unique = <T>(values: readonly (T | null | undefined)[]) => [
  ...new Set(values.filter((v): v is T => v !== null && v !== undefined)),
];

/** Database refusals that a concurrent change can still provoke after our own checks. */
function translateDbError(error: unknown): unknown {
  const e = error as { code?: string; constraint?: string; message?: string };
  const byCode: Record<string, ErrorCode> = {
    CL002: 'ledger.no_fiscal_year',
    CL003: 'ledger.period_closed',
    CL004: 'ledger.period_locked',
  };
  const code = e?.code ? byCode[e.code] : undefined;
  if (code)
    return new DomainError(code, e.message ?? code, {
      errors: [{ pointer: '/entryDate', code, message: code }],
    });
  if (e?.code === '23505' && `${e.constraint} ${e.message}`.includes('journal_entries_reverses_key'))
    return new DomainError('ledger.already_reversed', 'Already reversed');
  return error;
}

async function clientAuxiliaries(trx: Trx, entityId: string, clientIds: readonly string[]) {
  if (clientIds.length === 0) return new Map<string, string>();
  const found = new Map(
    (await store.clientAuxiliaries(trx, entityId, clientIds)).map((r) => [r.clientId as string, r.id]),
  );
  const missing = clientIds.filter((id) => !found.has(id));
  if (missing.length > 0) {
    const clients = await store.clientNames(trx, missing);
    const codes = await store.nextClientCodes(trx, clients.length);
    await store.insertPartyAuxiliaries(
      trx,
      clients.map((c, i) => ({
        entityId,
        kind: 'client' as const,
        code: codes[i] as string,
        label: c.name.slice(0, 120),
        clientId: c.id,
        memberId: null,
      })),
    );
    for (const r of await store.clientAuxiliaries(trx, entityId, missing))
      found.set(r.clientId as string, r.id);
  }
  return found;
}

async function memberAuxiliaries(trx: Trx, entityId: string, memberIds: readonly string[]) {
  if (memberIds.length === 0) return new Map<string, string>();
  const found = new Map(
    (await store.memberAuxiliaries(trx, entityId, memberIds)).map((r) => [r.memberId as string, r.id]),
  );
  const missing = memberIds.filter((id) => !found.has(id));
  if (missing.length > 0) {
    const members = await store.memberNames(trx, missing);
    await store.insertPartyAuxiliaries(
      trx,
      members.map((m) => ({
        entityId,
        kind: 'member' as const,
        // The member's number is their auxiliary code in every entity.
        code: m.number,
        label: `${m.lastName} ${m.firstName}`.slice(0, 120),
        clientId: null,
        memberId: m.id,
      })),
    );
    for (const r of await store.memberAuxiliaries(trx, entityId, missing))
      found.set(r.memberId as string, r.id);
  }
  return found;
}

/**
 * The supplier auxiliary account (under 401) of an entity with this code, created on first use with
 * this label; inside the caller's transaction. Modules that book supplier invoices use it.
 */
export async function supplierAuxiliaryIn(
  trx: Trx,
  entityId: string,
  supplier: { code: string; label: string },
): Promise<string> {
  // Two approvals for a new supplier at once: the second insert does nothing and reads the first's.
  await store.insertSupplierAuxiliaryIfAbsent(trx, {
    entityId,
    code: supplier.code,
    label: supplier.label.slice(0, 120),
  });
  const [found] = await store.supplierAuxiliaryByCode(trx, entityId, supplier.code);
  if (!found) throw new DomainError('ledger.unknown_auxiliary', 'Supplier account not created');
  return found.id;
}

async function post(
  trx: Trx,
  actor: Actor,
  inputs: readonly Draft[],
  opts: PostOptions,
): Promise<PostedEntry[]> {
  // Modules may leave the empty side out.
  const drafts = inputs.map((d) => ({
    ...d,
    lines: d.lines.map((l) => ({ ...l, debitCents: l.debitCents ?? 0, creditCents: l.creditCents ?? 0 })),
  }));
  const first = drafts[0];
  if (!first) return [];
  const entityId = first.entityId;
  if (drafts.some((d) => d.entityId !== entityId)) throw new Error('postEntries: one entity per call');
  const at = (i: number, pointer: string) => (drafts.length > 1 ? `/entries/${i}${pointer}` : pointer);
  const issues: { pointer: string; code: string }[] = [];
  const push = (i: number, pointer: string, code: string) => issues.push({ pointer: at(i, pointer), code });

  drafts.forEach((d, i) => {
    for (const x of checkEntryAmounts(d.lines)) push(i, x.pointer, x.code);
    d.lines.forEach((l, j) => {
      if ([l.clientId, l.memberId, l.auxiliaryAccountId].filter(Boolean).length > 1)
        push(i, `/lines/${j}`, 'ledger.auxiliary_mismatch');
    });
  });
  if (issues.length) refuse(issues);

  const allLines = drafts.flatMap((d) => d.lines);
  const [journals, accounts, auxiliaries, activities] = await Promise.all([
    store.journalsByCodes(trx, entityId, unique(drafts.map((d) => d.journalCode))),
    store.accountsByNumbers(trx, entityId, unique(allLines.map((l) => l.accountNumber))),
    store.auxiliariesByIds(trx, entityId, unique(allLines.map((l) => l.auxiliaryAccountId))),
    store.activitiesOfEntity(trx, entityId, unique(allLines.map((l) => l.activityId))),
  ]);
  const journalOf = new Map(journals.map((j) => [j.code, j]));
  const accountOf = new Map(accounts.map((a) => [a.number, a]));
  const auxiliaryOf = new Map(auxiliaries.map((x) => [x.id, x]));
  const activityIds = new Set(activities.map((a) => a.id));

  for (const [i, d] of drafts.entries()) {
    const journal = journalOf.get(d.journalCode);
    if (!journal) {
      push(i, '/journalCode', 'ledger.unknown_journal');
      continue;
    }
    const lines = d.lines.map((l, j) => {
      if (l.auxiliaryAccountId && !auxiliaryOf.has(l.auxiliaryAccountId))
        push(i, `/lines/${j}/auxiliaryAccountId`, 'ledger.unknown_auxiliary');
      if (l.activityId && !activityIds.has(l.activityId))
        push(i, `/lines/${j}/activityId`, 'ledger.unknown_activity');
      const auxiliaryKind = l.clientId
        ? ('client' as const)
        : l.memberId
          ? ('member' as const)
          : l.auxiliaryAccountId
            ? (auxiliaryOf.get(l.auxiliaryAccountId)?.kind ?? null)
            : null;
      return { ...l, auxiliaryKind };
    });
    const facts = (n: string) => {
      const a = accountOf.get(n);
      return a && { auxiliaryKind: a.auxiliaryKind, active: a.active || opts.allowInactive === true };
    };
    for (const x of checkEntryAccounts(lines, facts, journal.kind)) push(i, x.pointer, x.code);
  }
  if (issues.length) refuse(issues);

  // The fiscal years stay shared-locked until commit: closing a year or locking a month waits for us.
  const dates = drafts.map((d) => d.entryDate).sort();
  const years = await store.shareFiscalYears(trx, entityId, dates[0] as string, dates.at(-1) as string);
  const yearOf = (date: string) => years.find((y) => y.startDate <= date && date <= y.endDate);
  const monthOf = (date: string) => `${date.slice(0, 7)}-01`;
  const locked = new Set(
    (await store.lockedMonths(trx, entityId, unique(drafts.map((d) => monthOf(d.entryDate))))).map(
      (r) => r.month,
    ),
  );
  drafts.forEach((d, i) => {
    const year = yearOf(d.entryDate);
    if (!year) push(i, '/entryDate', 'ledger.no_fiscal_year');
    else if (year.status !== 'open') push(i, '/entryDate', 'ledger.period_closed');
    else if (locked.has(monthOf(d.entryDate))) push(i, '/entryDate', 'ledger.period_locked');
  });
  if (issues.length) refuse(issues);

  const clientIds = unique(allLines.map((l) => l.clientId));
  const memberIds = unique(allLines.map((l) => l.memberId));
  const [clientAux, memberAux] = [
    await clientAuxiliaries(trx, entityId, clientIds),
    await memberAuxiliaries(trx, entityId, memberIds),
  ];
  for (const [i, d] of drafts.entries())
    for (const [j, l] of d.lines.entries()) {
      if (l.clientId && !clientAux.has(l.clientId))
        push(i, `/lines/${j}/clientId`, 'ledger.unknown_auxiliary');
      if (l.memberId && !memberAux.has(l.memberId))
        push(i, `/lines/${j}/memberId`, 'ledger.unknown_auxiliary');
    }
  if (issues.length) refuse(issues);

  // Numbers, one reservation per journal and year, always in the same order (no deadlock).
  const groups = new Map<string, { journalId: string; fiscalYearId: string; indexes: number[] }>();
  drafts.forEach((d, i) => {
    const journalId = (journalOf.get(d.journalCode) as { id: string }).id;
    const fiscalYearId = (yearOf(d.entryDate) as { id: string }).id;
    const key = `${journalId}/${fiscalYearId}`;
    const g = groups.get(key) ?? { journalId, fiscalYearId, indexes: [] };
    g.indexes.push(i);
    groups.set(key, g);
  });
  const numbers: number[] = [];
  for (const key of [...groups.keys()].sort()) {
    const g = groups.get(key) as { journalId: string; fiscalYearId: string; indexes: number[] };
    const start = await store.reserveNumbers(trx, g.journalId, g.fiscalYearId, g.indexes.length);
    g.indexes.forEach((i, k) => {
      numbers[i] = start + k;
    });
  }

  const postedAt = opts.now.toISOString();
  const entries: store.EntryRow[] = [];
  const lines: store.LineRow[] = [];
  const posted: PostedEntry[] = [];
  drafts.forEach((d, i) => {
    const journal = journalOf.get(d.journalCode) as { id: string; code: string };
    const year = yearOf(d.entryDate) as { id: string; code: string };
    const id = newRowId();
    const number = numbers[i] as number;
    const reference = entryReference(journal.code, year.code, number);
    entries.push({
      id,
      entityId,
      journalId: journal.id,
      fiscalYearId: year.id,
      number,
      entryDate: d.entryDate,
      label: d.label,
      pieceRef: d.pieceRef || reference,
      pieceDate: d.pieceDate || d.entryDate,
      reversesEntryId: d.reversesEntryId ?? null,
      sourceType: d.source?.type ?? null,
      sourceId: d.source?.id ?? null,
      postedAt,
      postedBy: actor.userId,
    });
    for (const [j, l] of d.lines.entries())
      lines.push({
        entryId: id,
        lineNo: j + 1,
        entityId,
        accountId: (accountOf.get(l.accountNumber) as { id: string }).id,
        auxiliaryAccountId: l.clientId
          ? (clientAux.get(l.clientId) as string)
          : l.memberId
            ? (memberAux.get(l.memberId) as string)
            : (l.auxiliaryAccountId ?? null),
        activityId: l.activityId ?? null,
        label: l.label || d.label,
        debitCents: l.debitCents,
        creditCents: l.creditCents,
      });
    posted.push({
      id,
      entityId,
      journalCode: journal.code,
      fiscalYearId: year.id,
      fiscalYearCode: year.code,
      number,
      reference,
      entryDate: d.entryDate,
      totalCents: totals(d.lines).debitCents,
    });
  });
  try {
    await store.insertEntries(trx, entries, lines);
  } catch (error) {
    throw translateDbError(error);
  }
  return posted;
}

/**
 * Posts entries inside the caller's transaction: checked (balance, chart, auxiliary accounts,
 * activities, open period), numbered without gaps, written append-only. One entity per call.
 * Refusals are DomainErrors with JSON pointers (`/lines/2/accountNumber`, `/entries/3/entryDate`…).
 */
export const postEntries = (trx: Trx, actor: Actor, inputs: readonly EntryInput[], opts: PostOptions) =>
  post(trx, actor, inputs, opts);

/** One entry; see postEntries. */
export const postEntry = async (trx: Trx, actor: Actor, input: EntryInput, opts: PostOptions) =>
  (await post(trx, actor, [input], opts))[0] as PostedEntry;

/**
 * Cancels a posted entry with its mirror image (same journal, date of the original unless given),
 * inside the caller's transaction. An entry is reversed at most once.
 */
export async function reverseEntryIn(
  trx: Trx,
  actor: Actor,
  entryId: string,
  input: ReversalInput,
  opts: PostOptions,
): Promise<PostedEntry> {
  const [header] = await store.findEntryHeaders(trx, [entryId]);
  if (!header) throw notFound('Entry');
  if (header.reversedByEntryId || (await store.isReversed(trx, entryId)))
    throw new DomainError('ledger.already_reversed', 'Already reversed');
  const lines = await store.findEntryLines(trx, [entryId]);
  const draft = reverseEntry(
    {
      id: header.id,
      reference: entryReference(header.journalCode, header.fiscalYearCode, header.number),
      entryDate: header.entryDate,
      label: header.label,
      lines: lines.map((l) => ({
        accountNumber: l.accountNumber,
        auxiliaryAccountId: l.auxiliaryAccountId,
        activityId: l.activityId,
        label: l.label,
        debitCents: l.debitCents,
        creditCents: l.creditCents,
      })),
    },
    {
      ...(input.entryDate ? { entryDate: input.entryDate } : {}),
      ...(input.label ? { label: input.label } : {}),
    },
  );
  const [posted] = await post(
    trx,
    actor,
    [
      {
        entityId: header.entityId,
        journalCode: header.journalCode,
        entryDate: draft.entryDate,
        label: draft.label,
        pieceRef: header.pieceRef,
        pieceDate: header.pieceDate,
        lines: draft.lines,
        source: header.sourceType ? { type: header.sourceType, id: header.sourceId as string } : null,
        reversesEntryId: header.id,
      },
    ],
    { ...opts, allowInactive: true },
  );
  return posted as PostedEntry;
}

// ——— Entries through the API ———

function presentEntry(
  h: store.EntryHeader,
  lines: Awaited<ReturnType<typeof store.findEntryLines>>,
): EntryView {
  const own = lines.filter((l) => l.entryId === h.id);
  return {
    id: h.id,
    entityId: h.entityId,
    journal: { code: h.journalCode, label: h.journalLabel, kind: h.journalKind },
    fiscalYear: { id: h.fiscalYearId, code: h.fiscalYearCode },
    number: h.number,
    reference: entryReference(h.journalCode, h.fiscalYearCode, h.number),
    entryDate: h.entryDate,
    label: h.label,
    pieceRef: h.pieceRef,
    pieceDate: h.pieceDate,
    reversesEntryId: h.reversesEntryId,
    reversedByEntryId: h.reversedByEntryId ?? null,
    source: h.sourceType ? { type: h.sourceType, id: h.sourceId as string } : null,
    postedAt: h.postedAt,
    postedBy: h.postedBy,
    totalCents: own.reduce((t, l) => t + l.debitCents, 0),
    lines: own.map((l) => ({
      lineNo: l.lineNo,
      accountNumber: l.accountNumber,
      accountLabel: l.accountLabel,
      auxiliary: l.auxiliaryAccountId
        ? {
            id: l.auxiliaryAccountId,
            kind: l.auxiliaryKind as 'client' | 'member' | 'supplier',
            code: l.auxiliaryCode as string,
            label: l.auxiliaryLabel as string,
          }
        : null,
      activity: l.activityId ? { id: l.activityId, name: l.activityName as string } : null,
      label: l.label,
      debitCents: l.debitCents,
      creditCents: l.creditCents,
    })),
  };
}

async function loadEntries(q: Q, ids: readonly string[]): Promise<EntryView[]> {
  const [headers, lines] = await Promise.all([store.findEntryHeaders(q, ids), store.findEntryLines(q, ids)]);
  const byId = new Map(headers.map((h) => [h.id, h]));
  return ids.flatMap((id) => {
    const h = byId.get(id);
    return h ? [presentEntry(h, lines)] : [];
  });
}

export async function getEntry(ctx: Ctx, id: string) {
  allow(ctx, 'ledger.read');
  const [entry] = await loadEntries(ctx.db, [id]);
  if (!entry) throw notFound('Entry');
  return entry;
}

export async function listEntries(
  ctx: Ctx,
  entityId: string,
  filter: Omit<store.EntryFilter, 'entityId'> & { fiscalYearId?: string },
  p: ListParams,
) {
  await requireEntity(ctx, entityId, 'ledger.read');
  const period = await resolvePeriod(ctx, entityId, filter);
  const { ids, total } = await store.listEntryIds(ctx.db, { ...filter, ...period, entityId }, p);
  return pageOf(await loadEntries(ctx.db, ids), total, p);
}

const auditEntry = (e: PostedEntry) => ({
  reference: e.reference,
  entryDate: e.entryDate,
  totalCents: e.totalCents,
});

/** An accountant's manual entry (OD unless another journal is named). */
export async function postManualEntry(
  ctx: Ctx,
  input: ManualEntryInput,
  claim: IdempotencyClaim | null = null,
) {
  await requireEntity(ctx, input.entityId, 'ledger.post');
  return transact(ctx.db, async (trx) => {
    const posted = await postEntry(trx, ctx.actor, input, { now: ctx.clock() });
    const [view] = await loadEntries(trx, [posted.id]);
    await recordAudit(
      trx,
      ctx,
      'ledger.entry_post',
      { type: 'journal_entry', id: posted.id },
      auditEntry(posted),
    );
    await storeIdempotentAnswer(trx, claim, view);
    return view as EntryView;
  });
}

export async function reverseEntryById(
  ctx: Ctx,
  entryId: string,
  input: ReversalInput,
  claim: IdempotencyClaim | null = null,
) {
  allow(ctx, 'ledger.post');
  return transact(ctx.db, async (trx) => {
    const posted = await reverseEntryIn(trx, ctx.actor, entryId, input, { now: ctx.clock() });
    const [view] = await loadEntries(trx, [posted.id]);
    await recordAudit(
      trx,
      ctx,
      'ledger.entry_reverse',
      { type: 'journal_entry', id: entryId },
      { ...auditEntry(posted), reversalId: posted.id },
    );
    await storeIdempotentAnswer(trx, claim, view);
    return view as EntryView;
  });
}

// ——— Chart of accounts, auxiliary accounts, journals ———

const presentAccount = (a: NonNullable<Awaited<ReturnType<typeof store.findAccount>>>): AccountView => ({
  id: a.id,
  entityId: a.entityId,
  number: a.number,
  label: a.label,
  auxiliaryKind: a.auxiliaryKind,
  active: a.active,
  analytic: isAnalyticAccount(a.number),
  inUse: Boolean(a.inUse),
});

export async function listAccounts(ctx: Ctx, entityId: string, f: { includeInactive?: boolean; q?: string }) {
  await requireEntity(ctx, entityId, 'ledger.read');
  return { items: (await store.listAccounts(ctx.db, entityId, f)).map(presentAccount) };
}

async function requireAccount(ctx: Ctx, id: string) {
  allow(ctx, 'ledger.manage');
  const a = await store.findAccount(ctx.db, id);
  if (!a) throw notFound('Account');
  return a;
}

const analyticWithAuxiliary = (number: string, kind: string | null | undefined) => {
  if (kind && isAnalyticAccount(number))
    throw new DomainError('validation.failed', 'Analytic accounts take no auxiliary account', {
      errors: [{ pointer: '/auxiliaryKind', code: 'ledger.auxiliary_not_allowed', message: '' }],
    });
};

export async function createAccount(ctx: Ctx, entityId: string, input: AccountInput) {
  await requireEntity(ctx, entityId, 'ledger.manage');
  analyticWithAuxiliary(input.number, input.auxiliaryKind);
  const id = await transact(ctx.db, async (trx) => {
    await setUpLedgerIn(trx, entityId);
    const { id } = await store
      .insertAccount(trx, { entityId, ...input })
      .catch((e) =>
        onUnique(e, 'ledger_accounts_number_key', 'ledger.account_duplicate', 'Duplicate number'),
      );
    await recordAudit(
      trx,
      ctx,
      'ledger.account_create',
      { type: 'ledger_account', id },
      diff(null, { ...input }),
    );
    return id;
  });
  return presentAccount(
    (await store.findAccount(ctx.db, id)) as NonNullable<Awaited<ReturnType<typeof store.findAccount>>>,
  );
}

export async function updateAccount(ctx: Ctx, id: string, patch: AccountPatch) {
  const before = await requireAccount(ctx, id);
  if (patch.auxiliaryKind !== undefined && patch.auxiliaryKind !== before.auxiliaryKind) {
    // Posted lines were checked against the old rule; changing it would make them wrong.
    if (before.inUse) throw new DomainError('ledger.account_in_use', 'Account in use');
    analyticWithAuxiliary(before.number, patch.auxiliaryKind);
  }
  await transact(ctx.db, async (trx) => {
    await store.updateAccount(trx, id, { ...patch, updatedAt: ctx.clock().toISOString() });
    await recordAudit(
      trx,
      ctx,
      'ledger.account_update',
      { type: 'ledger_account', id },
      diff(before, { ...before, ...patch }),
    );
  });
  return presentAccount((await store.findAccount(ctx.db, id)) as typeof before);
}

export async function deleteAccount(ctx: Ctx, id: string) {
  const before = await requireAccount(ctx, id);
  if (before.inUse) throw new DomainError('ledger.account_in_use', 'Account in use');
  await transact(ctx.db, async (trx) => {
    await store.deleteAccount(trx, id);
    await recordAudit(trx, ctx, 'ledger.account_delete', { type: 'ledger_account', id }, diff(before, null));
  });
}

export async function listAuxiliaries(
  ctx: Ctx,
  entityId: string,
  f: { kind?: 'client' | 'member' | 'supplier' },
  p: ListParams,
) {
  await requireEntity(ctx, entityId, 'ledger.read');
  const { rows, total } = await store.listAuxiliaries(
    ctx.db,
    entityId,
    { ...f, ...(p.q ? { q: p.q } : {}) },
    p,
  );
  return pageOf(rows, total, p);
}

export async function createAuxiliary(ctx: Ctx, entityId: string, input: AuxiliaryInput) {
  await requireEntity(ctx, entityId, 'ledger.manage');
  return transact(ctx.db, async (trx) => {
    const row = await store
      .insertAuxiliary(trx, { entityId, ...input })
      .catch((e) =>
        onUnique(e, 'ledger_auxiliary_accounts_code_key', 'ledger.auxiliary_duplicate', 'Duplicate code'),
      );
    await recordAudit(
      trx,
      ctx,
      'ledger.auxiliary_create',
      { type: 'ledger_auxiliary_account', id: row.id },
      diff(null, { ...input }),
    );
    return row;
  });
}

export async function listJournals(ctx: Ctx, entityId: string): Promise<{ items: JournalView[] }> {
  await requireEntity(ctx, entityId, 'ledger.read');
  return { items: await store.listJournals(ctx.db, entityId) };
}

export async function createJournal(ctx: Ctx, entityId: string, input: JournalInput) {
  await requireEntity(ctx, entityId, 'ledger.manage');
  const id = await transact(ctx.db, async (trx) => {
    await setUpLedgerIn(trx, entityId);
    const { id } = await store
      .insertJournal(trx, { entityId, ...input })
      .catch((e) => onUnique(e, 'ledger_journals_code_key', 'ledger.journal_duplicate', 'Duplicate code'));
    await recordAudit(
      trx,
      ctx,
      'ledger.journal_create',
      { type: 'ledger_journal', id },
      diff(null, { ...input }),
    );
    return id;
  });
  return (await store.findJournal(ctx.db, id)) as JournalView;
}

export async function renameJournal(ctx: Ctx, id: string, label: string) {
  allow(ctx, 'ledger.manage');
  const before = await store.findJournal(ctx.db, id);
  if (!before) throw notFound('Journal');
  await transact(ctx.db, async (trx) => {
    await store.updateJournal(trx, id, label);
    await recordAudit(
      trx,
      ctx,
      'ledger.journal_update',
      { type: 'ledger_journal', id },
      diff(before, { ...before, label }),
    );
  });
  return { ...before, label };
}

// ——— Fiscal years and month locks ———

const addMonths = (date: string, months: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};

export async function listFiscalYears(ctx: Ctx, entityId: string): Promise<{ items: FiscalYearView[] }> {
  await requireEntity(ctx, entityId, 'ledger.read');
  const rows = await store.listFiscalYears(ctx.db, entityId);
  return {
    items: rows.map(({ closedBy: _b, closedSeq: _s, entryCount, ...y }) => ({
      ...y,
      entryCount: Number(entryCount ?? 0),
    })),
  };
}

async function presentFiscalYear(q: Q, id: string): Promise<FiscalYearView> {
  const y = await store.findFiscalYear(q, id);
  if (!y) throw notFound('Fiscal year');
  const all = await store.listFiscalYears(q, y.entityId);
  const count = all.find((r) => r.id === id)?.entryCount ?? 0;
  const { closedBy: _b, closedSeq: _s, ...rest } = y;
  return { ...rest, entryCount: Number(count) };
}

/** Opens a fiscal year; the entity's first one also sets up its chart of accounts and journals. */
export async function createFiscalYear(ctx: Ctx, entityId: string, input: FiscalYearInput) {
  await requireEntity(ctx, entityId, 'ledger.manage');
  if (input.endDate >= addMonths(input.startDate, 24))
    throw new DomainError('ledger.fiscal_year_invalid', 'At most 24 months', {
      errors: [{ pointer: '/endDate', code: 'ledger.fiscal_year_invalid', message: '' }],
    });
  const code = input.code ?? input.endDate.slice(0, 4);
  const id = await transact(ctx.db, async (trx) => {
    // One fiscal-year change per entity at a time: the overlap check below stays true until commit.
    await store.lockEntity(trx, entityId);
    if (await store.overlappingFiscalYear(trx, entityId, input.startDate, input.endDate))
      throw new DomainError('ledger.fiscal_year_overlap', 'Overlaps another fiscal year');
    await setUpLedgerIn(trx, entityId);
    const { id } = await store
      .insertFiscalYear(trx, { entityId, code, startDate: input.startDate, endDate: input.endDate })
      .catch((e) => onUnique(e, 'fiscal_years_code_key', 'ledger.fiscal_year_duplicate', 'Duplicate code'));
    await recordAudit(
      trx,
      ctx,
      'ledger.fiscal_year_create',
      { type: 'fiscal_year', id },
      diff(null, { ...input, code }),
    );
    return id;
  });
  return presentFiscalYear(ctx.db, id);
}

export async function closeFiscalYear(ctx: Ctx, id: string) {
  allow(ctx, 'ledger.manage');
  await transact(ctx.db, async (trx) => {
    // Waits for the postings in flight in this year; later ones see it closed.
    const year = await store.lockFiscalYear(trx, id);
    if (!year) throw notFound('Fiscal year');
    if (year.status === 'closed') throw new DomainError('ledger.fiscal_year_closed', 'Already closed');
    await store.setFiscalYearStatus(trx, id, {
      status: 'closed',
      closedAt: ctx.clock().toISOString(),
      closedBy: ctx.actor.userId,
      closedSeq: await store.maxSeq(trx),
    });
    await recordAudit(trx, ctx, 'ledger.fiscal_year_close', { type: 'fiscal_year', id }, { code: year.code });
  });
  return presentFiscalYear(ctx.db, id);
}

/** Reopening a closed year is an admin's decision, kept in the audit log. */
export async function reopenFiscalYear(ctx: Ctx, id: string) {
  allow(ctx, 'ledger.reopen');
  await transact(ctx.db, async (trx) => {
    const year = await store.lockFiscalYear(trx, id);
    if (!year) throw notFound('Fiscal year');
    if (year.status === 'open') throw new DomainError('ledger.fiscal_year_open', 'Not closed');
    await store.setFiscalYearStatus(trx, id, {
      status: 'open',
      closedAt: null,
      closedBy: null,
      closedSeq: null,
    });
    await recordAudit(
      trx,
      ctx,
      'ledger.fiscal_year_reopen',
      { type: 'fiscal_year', id },
      {
        code: year.code,
        closedAt: year.closedAt,
        closedBy: year.closedBy,
      },
    );
  });
  return presentFiscalYear(ctx.db, id);
}

export async function listLocks(ctx: Ctx, entityId: string) {
  await requireEntity(ctx, entityId, 'ledger.read');
  return {
    items: (await store.listLocks(ctx.db, entityId)).map((l) => ({ ...l, month: l.month.slice(0, 7) })),
  };
}

export async function lockMonth(ctx: Ctx, entityId: string, month: string) {
  await requireEntity(ctx, entityId, 'ledger.manage');
  const first = `${month}-01`;
  await transact(ctx.db, async (trx) => {
    // Waits for the postings in flight in the year of that month; later ones see the lock.
    await store.lockFiscalYearsOfMonth(trx, entityId, first);
    if (await store.findLock(trx, entityId, first))
      throw new DomainError('ledger.month_locked', 'Already locked');
    await store.insertLock(trx, {
      entityId,
      month: first,
      lockedAt: ctx.clock().toISOString(),
      lockedBy: ctx.actor.userId,
      lockedSeq: await store.maxSeq(trx),
    });
    await recordAudit(trx, ctx, 'ledger.month_lock', { type: 'legal_entity', id: entityId }, { month });
  });
  const lock = await store.findLock(ctx.db, entityId, first);
  return { ...(lock as NonNullable<typeof lock>), month };
}

/** Unlocking a month is an admin's decision, kept in the audit log. */
export async function unlockMonth(ctx: Ctx, entityId: string, month: string) {
  await requireEntity(ctx, entityId, 'ledger.reopen');
  const first = `${month}-01`;
  await transact(ctx.db, async (trx) => {
    const lock = await store.findLock(trx, entityId, first);
    if (!lock) throw new DomainError('ledger.month_not_locked', 'Not locked');
    await store.deleteLock(trx, entityId, first);
    await recordAudit(
      trx,
      ctx,
      'ledger.month_unlock',
      { type: 'legal_entity', id: entityId },
      {
        month,
        lockedAt: lock.lockedAt,
        lockedBy: lock.lockedBy,
      },
    );
  });
}

// ——— Reports ———

type PeriodQuery = {
  fiscalYearId?: string | undefined;
  from?: string | null | undefined;
  to?: string | null | undefined;
};

async function resolvePeriod(ctx: Ctx, entityId: string, q: PeriodQuery) {
  let from = q.from ?? null;
  let to = q.to ?? null;
  if (q.fiscalYearId) {
    const year = await store.findFiscalYear(ctx.db, q.fiscalYearId);
    if (!year || year.entityId !== entityId) throw notFound('Fiscal year');
    from = from ?? year.startDate;
    to = to ?? year.endDate;
  }
  return { from, to };
}

export async function getTrialBalance(ctx: Ctx, entityId: string, q: PeriodQuery): Promise<TrialBalanceView> {
  await requireEntity(ctx, entityId, 'ledger.read');
  const period = await resolvePeriod(ctx, entityId, q);
  return { ...period, ...trialBalance(await store.accountTotals(ctx.db, entityId, period)) };
}

/** Page after page of a paged query, for exports. */
async function* allPages<T>(fetch: (p: { limit: number; offset: number }) => Promise<{ rows: T[] }>) {
  const limit = 5000;
  for (let offset = 0; ; offset += limit) {
    const { rows } = await fetch({ limit, offset });
    if (rows.length > 0) yield rows;
    if (rows.length < limit) return;
  }
}

type GeneralLedgerQuery = PeriodQuery & {
  accountNumber?: string | undefined;
  byAuxiliary?: 'true' | 'false' | undefined;
};

export async function getGeneralLedger(ctx: Ctx, entityId: string, q: GeneralLedgerQuery, p: ListParams) {
  await requireEntity(ctx, entityId, 'ledger.read');
  const period = await resolvePeriod(ctx, entityId, q);
  const f = { ...period, accountNumber: q.accountNumber, byAuxiliary: q.byAuxiliary === 'true' };
  const { rows, total } = await store.generalLedgerPage(ctx.db, entityId, f, p);
  return { ...period, ...pageOf(rows, total, p) };
}

export async function exportGeneralLedger(ctx: Ctx, entityId: string, q: GeneralLedgerQuery) {
  const entity = await requireEntity(ctx, entityId, 'ledger.read');
  const period = await resolvePeriod(ctx, entityId, q);
  const f = { ...period, accountNumber: q.accountNumber, byAuxiliary: q.byAuxiliary === 'true' };
  return {
    fileBase: `grand-livre-${entity.code}-${period.from ?? 'debut'}-${period.to ?? 'fin'}`,
    pages: allPages((p) => store.generalLedgerPage(ctx.db, entityId, f, p)),
  };
}

type JournalQuery = PeriodQuery & { journalCode?: string | undefined };

export async function getJournalReport(ctx: Ctx, entityId: string, q: JournalQuery, p: ListParams) {
  await requireEntity(ctx, entityId, 'ledger.read');
  const period = await resolvePeriod(ctx, entityId, q);
  const { rows, total } = await store.journalLinesPage(
    ctx.db,
    entityId,
    { ...period, journalCode: q.journalCode },
    p,
  );
  return { ...period, ...pageOf(rows, total, p) };
}

export async function exportJournalReport(ctx: Ctx, entityId: string, q: JournalQuery) {
  const entity = await requireEntity(ctx, entityId, 'ledger.read');
  const period = await resolvePeriod(ctx, entityId, q);
  return {
    fileBase: `journal-${q.journalCode ?? 'tous'}-${entity.code}-${period.from ?? 'debut'}-${period.to ?? 'fin'}`,
    pages: allPages((p) =>
      store.journalLinesPage(ctx.db, entityId, { ...period, journalCode: q.journalCode }, p),
    ),
  };
}

export async function getActivityBalances(
  ctx: Ctx,
  entityId: string,
  q: PeriodQuery,
): Promise<ActivityBalancesView> {
  await requireEntity(ctx, entityId, 'ledger.read');
  const period = await resolvePeriod(ctx, entityId, q);
  const [activities, lines] = await Promise.all([
    store.activitiesOfEntityWithMembers(ctx.db, entityId),
    store.activityLines(ctx.db, { entityId }, period.to),
  ]);
  const byActivity = Map.groupBy(lines, (l) => l.activityId);
  const totals = emptyFigures();
  const items = activities.map((a) => {
    const { figures } = buildStatement(byActivity.get(a.id) ?? [], period);
    for (const k of Object.keys(totals) as (keyof StatementFigures)[]) totals[k] += figures[k];
    return { activity: { id: a.id, name: a.name, status: a.status }, members: a.members, figures };
  });
  return { ...period, items, totals };
}

// ——— The activity account ———

export async function getActivityAccount(
  ctx: Ctx,
  activityId: string,
  q: { from?: string | undefined; to?: string | undefined },
): Promise<StatementView> {
  const a = await requireActivity(ctx, activityId);
  if (!can(ctx.actor, 'activity.readAccount', activityResource(a))) throw notFound('Activity');
  const period = { from: q.from ?? null, to: q.to ?? null };
  const header = await store.findActivityHeader(ctx.db, activityId);
  const lines = await store.activityLines(ctx.db, { activityIds: [activityId] }, period.to);
  return {
    activity: {
      id: header.id,
      name: header.name,
      entity: { id: header.entityId, code: header.entityCode, name: header.entityName },
    },
    ...period,
    ...buildStatement(lines, period),
  };
}

/**
 * An activity's available balance in the books, read inside the caller's transaction (salary
 * requests hold the activity row while they compare it with what they ask).
 */
export async function activityAvailableBalance(q: Q, activityId: string): Promise<number> {
  const lines = await store.activityLines(q, { activityIds: [activityId] });
  return buildStatement(lines).figures.availableBalanceCents;
}

// ——— FEC ———

/** The FEC of a fiscal year as chunks of text (constant memory), with its legal file name. */
export async function fecExport(db: Db, entityId: string, fiscalYearId: string) {
  const [entity, year] = await Promise.all([
    store.findEntity(db, entityId),
    store.findFiscalYear(db, fiscalYearId),
  ]);
  if (!entity || !year || year.entityId !== entityId) throw notFound('Fiscal year');
  // Entries posted after this point are not part of this file (an open year keeps growing).
  const upToSeq = await store.maxSeq(db);
  const journals = (await store.fecJournals(db, entityId, fiscalYearId, upToSeq)).sort((x, y) =>
    // LPF A47 A-1, VII: the opening balances come first.
    (x.kind === 'opening') !== (y.kind === 'opening')
      ? x.kind === 'opening'
        ? -1
        : 1
      : x.code < y.code
        ? -1
        : 1,
  );
  const pageEntries = 1000;
  async function* chunks() {
    yield fecHeader();
    for (const j of journals) {
      for (let first = 1; first <= j.lastNumber; first += pageEntries) {
        const rows = await store.fecRows(db, {
          entityId,
          fiscalYearId,
          journalId: j.id,
          first,
          last: first + pageEntries - 1,
          upToSeq,
        });
        let out = '';
        for (const r of rows) {
          const line: FecLine = {
            journalCode: j.code,
            journalLabel: j.label,
            entryReference: entryReference(j.code, (year as { code: string }).code, r.number),
            entryDate: r.entryDate,
            accountNumber: r.accountNumber,
            accountLabel: r.accountLabel,
            auxiliaryCode: r.auxiliaryCode,
            auxiliaryLabel: r.auxiliaryLabel,
            pieceRef: r.pieceRef,
            pieceDate: r.pieceDate,
            label: r.lineLabel,
            debitCents: r.debitCents,
            creditCents: r.creditCents,
            validDate: r.validDate,
            activityCode: r.activityId,
          };
          out += formatFecLine(line);
        }
        if (out) yield out;
      }
    }
  }
  return { fileName: fecFileName(entity.siren, year.endDate), chunks: chunks() };
}

export async function fecExportFor(ctx: Ctx, fiscalYearId: string) {
  allow(ctx, 'ledger.read');
  const year = await store.findFiscalYear(ctx.db, fiscalYearId);
  if (!year) throw notFound('Fiscal year');
  return fecExport(ctx.db, year.entityId, fiscalYearId);
}

/** For the command line: an entity by id or code, a fiscal year by code (its closing year). */
export async function findFiscalYearFor(db: Db, entityRef: string, yearCode: string) {
  const entity = /^[0-9a-f-]{36}$/i.test(entityRef)
    ? await store.findEntity(db, entityRef)
    : await store.findEntityByCode(db, entityRef);
  if (!entity) throw notFound('Entity');
  const year = await store.findFiscalYearByCode(db, entity.id, yearCode);
  if (!year) throw notFound('Fiscal year');
  return { entity, year };
}
