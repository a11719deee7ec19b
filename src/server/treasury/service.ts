// Treasury use cases: the entities' bank accounts, statement imports (idempotent, the raw file kept),
// the reconciliation queue with suggested matches, and client payments — each payment posts the bank
// entry (512 / 411, VAT moved from 44580 to 44571) in the same transaction as the payment itself.
import { createHash, randomUUID } from 'node:crypto';
import { can } from '../../domain/access.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import { latePenaltyRateOn, recoveryIndemnityCents } from '../../domain/invoicing/rules.ts';
import type { LineInput } from '../../domain/ledger/schemas.ts';
import {
  checkSteps,
  defaultDunningSteps,
  lateCharges,
  type ReminderTone,
  reminderDue,
  stepDate,
  toneOf,
} from '../../domain/treasury/dunning.ts';
import { buildMatchIndex, matchStatementLine, type OpenInvoice } from '../../domain/treasury/matching.ts';
import {
  type Allocation,
  outstandingOf,
  paymentStatus,
  planPayment,
} from '../../domain/treasury/payments.ts';
import type {
  BankAccountInput,
  BankAccountView,
  CollectionItem,
  MatchInput,
  MatchSuggestion,
  OpenInvoiceView,
  PaymentInput,
  PaymentView,
  StatementImportView,
  StatementLineView,
} from '../../domain/treasury/schemas.ts';
import { parseStatement, statementLimits } from '../../domain/treasury/statements.ts';
import { repayFromRevenueIn } from '../advances/service.ts';
import { recordAudit } from '../audit/service.ts';
import type { Ctx } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { onUnique, transact } from '../db/transaction.ts';
import { chargePayment } from '../fees/service.ts';
import { refuseWrittenOffIn, releaseCoversOnPaymentIn } from '../guarantee/service.ts';
import { type IdempotencyClaim, storeIdempotentAnswer } from '../http/idempotency.ts';
import { enqueue } from '../jobs/outbox.ts';
import { postEntry } from '../ledger/service.ts';
import * as store from './store.ts';

type Trx = import('kysely').Transaction<Database>;

/** Bank matters are the accountants' (and admins'): invisible to others (404), never half-visible. */
function allow(ctx: Ctx) {
  if (!can(ctx.actor, 'treasury.manage')) throw notFound('Treasury');
}

async function requireAccount(ctx: Ctx, id: string) {
  allow(ctx);
  const account = await store.findBankAccount(ctx.db, id);
  if (!account) throw notFound('Bank account');
  return account;
}

const fieldError = (code: 'resource.not_found', pointer: string, message: string) =>
  new DomainError('validation.failed', message, { errors: [{ pointer, code, message }] });

// ——— Bank accounts ———

export async function listBankAccounts(ctx: Ctx, entityId?: string): Promise<{ items: BankAccountView[] }> {
  allow(ctx);
  return { items: await store.listBankAccounts(ctx.db, entityId) };
}

export async function createBankAccount(ctx: Ctx, input: BankAccountInput): Promise<BankAccountView> {
  allow(ctx);
  const id = await transact(ctx.db, async (trx) => {
    const entity = await trx
      .selectFrom('legalEntities')
      .select('id')
      .where('id', '=', input.entityId)
      .executeTakeFirst();
    if (!entity) throw fieldError('resource.not_found', '/entityId', 'Unknown legal entity');
    // One account per entity is printed on invoices: naming a new one moves the mark.
    if (input.forInvoices)
      await trx
        .updateTable('bankAccounts')
        .set({ forInvoices: false })
        .where('entityId', '=', input.entityId)
        .execute();
    const row = await store
      .insertBankAccount(trx, {
        entityId: input.entityId,
        label: input.label,
        iban: input.iban,
        bic: input.bic ?? null,
        ledgerAccount: input.ledgerAccount,
        forInvoices: input.forInvoices,
      })
      .catch((e) =>
        onUnique(e, 'bank_accounts_iban_key', 'bank_account.duplicate_iban', 'IBAN already used'),
      );
    await recordAudit(
      trx,
      ctx,
      'treasury.bank_account_create',
      { type: 'bank_account', id: row.id },
      {
        label: { from: null, to: input.label },
        iban: { from: null, to: input.iban },
      },
    );
    return row.id;
  });
  const view = (await store.listBankAccounts(ctx.db, input.entityId)).find((a) => a.id === id);
  if (!view) throw notFound('Bank account');
  return view;
}

// ——— Statements ———

/** Bank files come in UTF-8 or, from older French banks' OFX, in Windows-1252. */
function decodeStatement(bytes: Uint8Array): string {
  const utf8 = new TextDecoder('utf-8').decode(bytes);
  return utf8.includes('\ufffd') ? new TextDecoder('windows-1252').decode(bytes) : utf8;
}

export async function importStatement(
  ctx: Ctx,
  bankAccountId: string,
  file: { fileName: string; bytes: Uint8Array },
): Promise<StatementImportView> {
  const account = await requireAccount(ctx, bankAccountId);
  if (file.bytes.length > statementLimits.maxBytes)
    throw new DomainError('statement.too_large', 'The file is too large');
  const statement = parseStatement(decodeStatement(file.bytes));
  if (statement.accountIban && statement.accountIban !== account.iban)
    throw new DomainError('statement.wrong_account', 'This statement is for another account');
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  return transact(ctx.db, async (trx) => {
    const seen = await store.findImportByDigest(trx, bankAccountId, sha256);
    if (seen) return { ...seen, importedAt: String(seen.importedAt), alreadyImported: true };
    const created = await store.insertImport(trx, {
      bankAccountId,
      format: statement.format,
      fileName: file.fileName.slice(0, 200) || 'releve',
      raw: file.bytes,
      sha256,
      fromDate: statement.fromDate ?? null,
      toDate: statement.toDate ?? null,
      closingBalanceCents: statement.closingBalanceCents ?? null,
      lineCount: statement.lines.length,
      newLineCount: 0,
      importedBy: ctx.actor.userId,
    });
    const added = await store.insertNewLines(trx, bankAccountId, created.id, statement.lines);
    await store.setImportCount(trx, created.id, added);
    await recordAudit(
      trx,
      ctx,
      'treasury.statement_import',
      { type: 'bank_account', id: bankAccountId },
      {
        file: { from: null, to: created.fileName },
        lines: { from: null, to: `${added} / ${statement.lines.length}` },
      },
    );
    return {
      ...created,
      importedAt: String(created.importedAt),
      newLineCount: added,
      alreadyImported: false,
    };
  });
}

export async function listImports(
  ctx: Ctx,
  bankAccountId: string,
): Promise<{ items: StatementImportView[] }> {
  await requireAccount(ctx, bankAccountId);
  const rows = await store.listImports(ctx.db, bankAccountId);
  // The same file imported again is not stored twice (its first import answers), so every row is a first.
  return {
    items: rows.map(({ sha256: _, ...r }) => ({
      ...r,
      importedAt: String(r.importedAt),
      alreadyImported: false,
    })),
  };
}

const toOpenInvoice = (b: store.InvoiceBalanceRow): OpenInvoice => ({
  id: b.documentId,
  number: b.number,
  clientName: b.clientName,
  issueDate: b.issueDate,
  outstandingCents: outstandingOf(b),
});

export async function listLines(
  ctx: Ctx,
  bankAccountId: string,
  status: 'unmatched' | 'matched' | 'ignored',
): Promise<{ items: StatementLineView[] }> {
  const account = await requireAccount(ctx, bankAccountId);
  const lines = await store.listLines(ctx.db, bankAccountId, status);
  const open =
    status === 'unmatched'
      ? await store.invoiceBalances(ctx.db, { entityId: account.entityId, onlyOpen: true })
      : [];
  const byId = new Map(open.map((b) => [b.documentId, b]));
  const candidates = buildMatchIndex(open.map(toOpenInvoice));
  return {
    items: lines.map((l) => {
      const suggestions: MatchSuggestion[] =
        status !== 'unmatched'
          ? []
          : matchStatementLine(
              {
                bookingDate: l.bookingDate,
                amountCents: Number(l.amountCents),
                label: l.label,
                fingerprint: l.fingerprint,
                ...(l.remittance ? { remittance: l.remittance } : {}),
                ...(l.endToEndId ? { endToEndId: l.endToEndId } : {}),
                ...(l.counterpartyName ? { counterpartyName: l.counterpartyName } : {}),
              },
              candidates,
            ).flatMap((m) => {
              const first = byId.get(m.allocations[0]?.invoiceId ?? '');
              if (!first) return [];
              return [
                {
                  reason: m.reason,
                  confidence: m.confidence,
                  clientId: first.clientId,
                  clientName: first.clientName,
                  unallocatedCents: m.unallocatedCents,
                  allocations: m.allocations.map((a) => {
                    const b = byId.get(a.invoiceId);
                    return {
                      documentId: a.invoiceId,
                      number: b?.number ?? '',
                      amountCents: a.amountCents,
                      outstandingCents: b ? outstandingOf(b) : 0,
                    };
                  }),
                },
              ];
            });
      return {
        id: l.id,
        bookingDate: l.bookingDate,
        valueDate: l.valueDate,
        amountCents: Number(l.amountCents),
        label: l.label,
        counterpartyName: l.counterpartyName,
        counterpartyIban: l.counterpartyIban,
        remittance: l.remittance,
        endToEndId: l.endToEndId,
        status: l.status,
        paymentId: l.paymentId,
        suggestions,
      };
    }),
  };
}

async function decidableLine(trx: Trx, ctx: Ctx, id: string) {
  allow(ctx);
  const line = await store.lockLine(trx, id);
  if (!line) throw notFound('Statement line');
  if (line.status !== 'unmatched')
    throw new DomainError('statement.line_decided', 'Already matched or set aside');
  return line;
}

/** Confirms what a statement line pays: the payment is recorded and posted, and the line is done. */
export async function matchLine(
  ctx: Ctx,
  lineId: string,
  input: MatchInput,
  claim: IdempotencyClaim | null = null,
) {
  return transact(ctx.db, async (trx) => {
    const line = await decidableLine(trx, ctx, lineId);
    if (Number(line.amountCents) <= 0)
      throw new DomainError('payment.not_incoming', 'Money out pays no client invoice');
    const account = await store.findBankAccount(trx, line.bankAccountId);
    if (!account) throw notFound('Bank account');
    const view = await createPaymentIn(trx, ctx, {
      account,
      clientId: input.clientId,
      paymentDate: line.bookingDate,
      amountCents: Number(line.amountCents),
      method: 'transfer',
      reference: (line.remittance ?? line.label).slice(0, 140),
      allocations: input.allocations,
      statementLineId: line.id,
    });
    await store.decideLine(trx, line.id, {
      status: 'matched',
      paymentId: view.id,
      decidedBy: ctx.actor.userId,
      decidedAt: ctx.clock().toISOString(),
    });
    await storeIdempotentAnswer(trx, claim, view);
    return view;
  });
}

/** Sets a line aside (a bank fee, a transfer between own accounts), or brings it back to the queue. */
export async function setLineAside(ctx: Ctx, lineId: string, aside: boolean) {
  return transact(ctx.db, async (trx) => {
    allow(ctx);
    const line = await store.lockLine(trx, lineId);
    if (!line) throw notFound('Statement line');
    if (line.status !== (aside ? 'unmatched' : 'ignored'))
      throw new DomainError('statement.line_decided', 'Already matched or set aside');
    await store.decideLine(trx, lineId, {
      status: aside ? 'ignored' : 'unmatched',
      paymentId: null,
      decidedBy: aside ? ctx.actor.userId : null,
      decidedAt: aside ? ctx.clock().toISOString() : null,
    });
    await recordAudit(
      trx,
      ctx,
      aside ? 'treasury.line_ignore' : 'treasury.line_restore',
      { type: 'bank_statement_line', id: lineId },
      {
        status: { from: line.status, to: aside ? 'ignored' : 'unmatched' },
      },
    );
    return { id: lineId, status: aside ? ('ignored' as const) : ('unmatched' as const) };
  });
}

// ——— Payments ———

export async function openInvoices(
  ctx: Ctx,
  entityId: string,
  clientId?: string,
): Promise<{ items: OpenInvoiceView[] }> {
  allow(ctx);
  const rows = await store.invoiceBalances(ctx.db, {
    entityId,
    onlyOpen: true,
    ...(clientId ? { clientId } : {}),
  });
  return {
    items: rows.map((b) => ({
      documentId: b.documentId,
      number: b.number,
      clientId: b.clientId,
      clientName: b.clientName,
      activityId: b.activityId,
      issueDate: b.issueDate,
      dueDate: b.dueDate,
      totalInclVatCents: b.totalInclVatCents,
      outstandingCents: outstandingOf(b),
    })),
  };
}

export async function recordPayment(ctx: Ctx, input: PaymentInput, claim: IdempotencyClaim | null = null) {
  allow(ctx);
  return transact(ctx.db, async (trx) => {
    const account = await store.findBankAccount(trx, input.bankAccountId);
    if (!account) throw fieldError('resource.not_found', '/bankAccountId', 'Unknown bank account');
    const view = await createPaymentIn(trx, ctx, { ...input, account, statementLineId: null });
    await storeIdempotentAnswer(trx, claim, view);
    return view;
  });
}

export async function listPayments(
  ctx: Ctx,
  f: { clientId?: string; entityId?: string },
): Promise<{ items: PaymentView[] }> {
  allow(ctx);
  return { items: await store.findPayments(ctx.db, f) };
}

async function createPaymentIn(
  trx: Trx,
  ctx: Ctx,
  p: {
    account: store.BankAccountRow;
    clientId: string;
    paymentDate: string;
    amountCents: number;
    method: PaymentInput['method'];
    reference: string;
    allocations: readonly Allocation[];
    statementLineId: string | null;
  },
): Promise<PaymentView> {
  const client = await store.findClient(trx, p.clientId);
  if (!client) throw fieldError('resource.not_found', '/clientId', 'Unknown client');
  const ids = p.allocations.map((a) => a.documentId);
  await store.lockInvoices(trx, ids);
  await refuseWrittenOffIn(trx, ids);
  const balances = await store.invoiceBalances(trx, {
    entityId: p.account.entityId,
    documentIds: ids,
    onlyOpen: true,
  });
  const plan = planPayment(p.amountCents, p.clientId, p.allocations, balances);
  const byId = new Map(balances.map((b) => [b.documentId, b]));
  // An invoice sent to litigation is owed on 416 (doubtful client), no longer on 411.
  const doubtful = new Set((await store.litigationDocuments(trx, ids)).map((r) => r.documentId));
  const numbers = plan.parts.map((x) => byId.get(x.documentId)?.number ?? '').filter(Boolean);

  // 512 for the money in, 411 for what each invoice no longer owes (its activity as the analytic
  // axis), 44580 → 44571 for the VAT now due, and 4191 for what no invoice takes (client credit).
  const lines: LineInput[] = [];
  for (const part of plan.parts) {
    const activityId = byId.get(part.documentId)?.activityId ?? null;
    lines.push(
      { accountNumber: p.account.ledgerAccount, activityId, debitCents: part.amountCents, creditCents: 0 },
      {
        accountNumber: doubtful.has(part.documentId) ? '416' : '411',
        clientId: p.clientId,
        activityId,
        debitCents: 0,
        creditCents: part.amountCents,
      },
    );
    if (part.vatCents > 0)
      lines.push(
        { accountNumber: '44580', activityId, debitCents: part.vatCents, creditCents: 0 },
        { accountNumber: '44571', debitCents: 0, creditCents: part.vatCents },
      );
  }
  if (plan.unallocatedCents > 0)
    lines.push(
      { accountNumber: p.account.ledgerAccount, debitCents: plan.unallocatedCents, creditCents: 0 },
      { accountNumber: '4191', clientId: p.clientId, debitCents: 0, creditCents: plan.unallocatedCents },
    );
  const paymentId = randomUUID(); // known before posting, so the entry can name its source
  const label = `Règlement ${client.name}${numbers.length ? ` ${numbers.join(' ')}` : ''}`.slice(0, 200);
  const posted = await postEntry(
    trx,
    ctx.actor,
    {
      entityId: p.account.entityId,
      journalCode: 'BQ',
      entryDate: p.paymentDate,
      label,
      pieceRef: (numbers[0] ?? p.reference).slice(0, 60) || null,
      lines,
      source: { type: 'payment', id: paymentId },
    },
    { now: ctx.clock() },
  );
  const payment = await store.insertPayment(trx, {
    id: paymentId,
    entityId: p.account.entityId,
    clientId: p.clientId,
    bankAccountId: p.account.id,
    paymentDate: p.paymentDate,
    amountCents: p.amountCents,
    method: p.method,
    reference: p.reference,
    unallocatedCents: plan.unallocatedCents,
    statementLineId: p.statementLineId,
    journalEntryId: posted.id,
    createdBy: ctx.actor.userId,
  });
  // The cooperative fee of the invoices whose policy charges it on collection (fees/service.ts).
  await chargePayment(
    trx,
    ctx.actor,
    { paymentId: payment.id, date: p.paymentDate, parts: plan.parts },
    { now: ctx.clock() },
  );
  await store.insertAllocations(
    trx,
    plan.parts.map((x) => ({
      paymentId: payment.id,
      documentId: x.documentId,
      amountCents: x.amountCents,
      vatCents: x.vatCents,
    })),
  );
  // What the payment brings releases the guarantee-fund covers of its invoices, then repays the
  // activities' advances repaid from revenue from the rest (ADR 0016), in this same transaction:
  // once per payment.
  const released = await releaseCoversOnPaymentIn(trx, ctx, {
    paymentId: payment.id,
    paymentDate: p.paymentDate,
    parts: plan.parts,
  });
  const toFund = (documentId: string) =>
    released.filter((r) => r.documentId === documentId).reduce((a, r) => a + r.amountCents, 0);
  await repayFromRevenueIn(trx, ctx, {
    paymentId: payment.id,
    paymentDate: p.paymentDate,
    parts: plan.parts.map((x) => ({
      ...x,
      activityId: byId.get(x.documentId)?.activityId ?? null,
      toFundCents: toFund(x.documentId),
    })),
  });
  for (const part of plan.parts) {
    const b = byId.get(part.documentId);
    if (!b) continue;
    const after = { ...b, paidCents: b.paidCents + part.amountCents };
    const status = paymentStatus(after);
    if (status !== 'issued' && status !== b.status) await store.setInvoiceStatus(trx, b.documentId, status);
  }
  await recordAudit(
    trx,
    ctx,
    'treasury.payment_record',
    { type: 'payment', id: payment.id },
    {
      amountCents: { from: null, to: p.amountCents },
      invoices: { from: null, to: numbers.join(', ') },
    },
  );
  const [view] = await store.findPayments(trx, { ids: [payment.id] });
  if (!view) throw notFound('Payment');
  return view;
}

// ——— Dunning and collection ———

const todayOf = (ctx: Ctx) => ctx.clock().toISOString().slice(0, 10);

/** Advisers see the invoices of their offices' activities; accountants and admins see all. */
function collectionScope(ctx: Ctx): readonly string[] | undefined {
  if (!can(ctx.actor, 'collection.read')) throw notFound('Collection');
  return can(ctx.actor, 'collection.manage') ? undefined : ctx.actor.officeIds;
}

async function stepsOf(db: Ctx['db'] | Trx, entityId: string) {
  const policy = await store.findPolicy(db, entityId);
  return { steps: policy ? [...policy.steps] : [...defaultDunningSteps], enabled: policy?.enabled ?? true };
}

const isBusiness = (row: store.OverdueRow) => row.clientKind !== 'individual';

async function collectionItems(
  db: Ctx['db'] | Trx,
  rows: store.OverdueRow[],
  today: string,
): Promise<CollectionItem[]> {
  const ids = rows.map((r) => r.documentId);
  const [balances, reminders] = await Promise.all([
    Promise.all(
      [...new Set(rows.map((r) => r.entityId))].map((entityId) =>
        store.invoiceBalances(db, { entityId, documentIds: ids }),
      ),
    ),
    store.remindersOf(db, ids),
  ]);
  const byId = new Map(balances.flat().map((b) => [b.documentId, b]));
  const policies = new Map<string, number[]>();
  for (const entityId of new Set(rows.map((r) => r.entityId)))
    policies.set(entityId, (await stepsOf(db, entityId)).steps);
  return rows.flatMap((r) => {
    const b = byId.get(r.documentId);
    const outstanding = b ? outstandingOf(b) : 0;
    if (!b || outstanding <= 0 || !r.dueDate) return [];
    const steps = policies.get(r.entityId) ?? [...defaultDunningSteps];
    const sent = reminders.filter((x) => x.documentId === r.documentId);
    const charges = lateCharges(
      {
        outstandingCents: outstanding,
        dueDate: r.dueDate,
        business: isBusiness(r),
        rateBp: latePenaltyRateOn(r.issueDate ?? r.dueDate),
        indemnityCents: recoveryIndemnityCents,
      },
      today,
    );
    const state = {
      dueDate: r.dueDate,
      outstandingCents: outstanding,
      paused: r.paused ?? false,
      inLitigation: r.litigationOn !== null,
      sentSteps: sent.map((x) => x.step),
    };
    // A step reached but not sent yet goes today (at the next run); otherwise the next step's day.
    const dueNow = reminderDue(state, steps, today) !== null;
    const next = steps.findIndex((d, i) => i > Math.max(-1, ...state.sentSteps) && d > charges.daysLate);
    return [
      {
        documentId: r.documentId,
        entityName: r.entityName,
        number: r.number ?? '',
        clientId: r.clientId,
        clientName: r.clientName,
        clientEmail: r.clientEmail,
        business: isBusiness(r),
        activityId: r.activityId,
        activityName: r.activityName,
        issueDate: r.issueDate ?? '',
        dueDate: r.dueDate,
        outstandingCents: outstanding,
        ...charges,
        paused: r.paused ?? false,
        pauseReason: r.pauseReason ?? '',
        litigationOn: r.litigationOn ?? null,
        reminders: sent.map((x) => ({
          step: x.step,
          tone: x.tone,
          sentOn: x.sentOn,
          recipient: x.recipient,
        })),
        nextReminderOn:
          r.paused || r.litigationOn
            ? null
            : dueNow
              ? today
              : next < 0
                ? null
                : stepDate(r.dueDate, steps[next] ?? 0),
      },
    ];
  });
}

export async function collectionQueue(
  ctx: Ctx,
  f: { entityId?: string },
): Promise<{ items: CollectionItem[] }> {
  const officeIds = collectionScope(ctx);
  const today = todayOf(ctx);
  const rows = await store.overdueInvoices(ctx.db, {
    today,
    ...(f.entityId ? { entityId: f.entityId } : {}),
    ...(officeIds ? { officeIds } : {}),
  });
  return { items: await collectionItems(ctx.db, rows, today) };
}

const euros = (cents: number) =>
  `${(cents / 100)
    .toFixed(2)
    .replace('.', ',')
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} €`;
const frDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The reminder letter, in French as the invoice: the tone rises with the steps. */
function reminderMail(
  item: CollectionItem,
  tone: ReminderTone,
  bank: { iban: string; bic: string | null } | undefined,
) {
  const subject = {
    reminder: `Rappel : facture ${item.number} échue le ${frDate(item.dueDate)}`,
    firm: `Relance : facture ${item.number} toujours impayée`,
    formal_notice: `Mise en demeure de payer la facture ${item.number}`,
  }[tone];
  const opening = {
    reminder: `Sauf erreur de notre part, la facture ${item.number} du ${frDate(item.issueDate)}, échue le ${frDate(item.dueDate)}, n’est pas encore réglée. Il s’agit peut-être d’un oubli : nous vous remercions de bien vouloir procéder au paiement.`,
    firm: `Malgré notre précédent rappel, la facture ${item.number} du ${frDate(item.issueDate)}, échue le ${frDate(item.dueDate)}, reste impayée ${item.daysLate} jours après son échéance. Nous vous demandons de la régler sans délai.`,
    formal_notice: `Par la présente, nous vous mettons en demeure de régler sous huit jours la facture ${item.number} du ${frDate(item.issueDate)}, échue le ${frDate(item.dueDate)} et impayée depuis ${item.daysLate} jours. À défaut, le recouvrement sera poursuivi par voie contentieuse.`,
  }[tone];
  const lines = ['Madame, Monsieur,', '', opening, '', `Reste dû : ${euros(item.outstandingCents)}`];
  if (item.business)
    lines.push(
      `Pénalités de retard à ce jour (art. L441-10 du Code de commerce) : ${euros(item.penaltyCents)}`,
      `Indemnité forfaitaire pour frais de recouvrement (art. D441-5) : ${euros(item.indemnityCents)}`,
    );
  if (bank)
    lines.push(
      '',
      `Virement : IBAN ${bank.iban.replace(/(.{4})/g, '$1 ').trim()}${bank.bic ? ` — BIC ${bank.bic}` : ''}, en rappelant la référence ${item.number}.`,
    );
  lines.push(
    '',
    'Si votre paiement est en cours, merci de ne pas tenir compte de ce message.',
    '',
    item.entityName,
  );
  return { subject, text: lines.join('\n') };
}

/**
 * Sends the reminders due today (each step of each invoice once, even when several runs overlap)
 * through the outbox. Run by the schedule every hour, or by an accountant.
 */
export async function runDunning(ctx: Ctx, f: { entityId?: string } = {}) {
  if (!can(ctx.actor, 'collection.manage')) throw notFound('Collection');
  const today = todayOf(ctx);
  const rows = await store.overdueInvoices(ctx.db, {
    today,
    ...(f.entityId ? { entityId: f.entityId } : {}),
  });
  const items = await collectionItems(ctx.db, rows, today);
  let sent = 0;
  let withoutEmail = 0;
  for (const item of items) {
    const row = rows.find((r) => r.documentId === item.documentId);
    if (!row) continue;
    const { steps, enabled } = await stepsOf(ctx.db, row.entityId);
    if (!enabled) continue;
    const step = reminderDue(
      {
        dueDate: item.dueDate,
        outstandingCents: item.outstandingCents,
        paused: item.paused,
        inLitigation: item.litigationOn !== null,
        sentSteps: item.reminders.map((r) => r.step),
      },
      steps,
      today,
    );
    if (step === null) continue;
    if (!item.clientEmail) {
      withoutEmail += 1;
      continue;
    }
    const tone = toneOf(step, steps);
    const bank = await store.invoiceBankAccount(ctx.db, row.entityId);
    const mail = reminderMail(item, tone, bank);
    const to = item.clientEmail;
    const isNew = await transact(ctx.db, async (trx) => {
      const fresh = await store.insertReminder(trx, {
        documentId: item.documentId,
        step,
        tone,
        sentOn: today,
        daysLate: item.daysLate,
        outstandingCents: item.outstandingCents,
        penaltyCents: item.penaltyCents,
        indemnityCents: item.indemnityCents,
        recipient: to,
        sentBy: ctx.actor.userId,
      });
      if (fresh) await enqueue(trx, { kind: 'email', payload: { to, ...mail } });
      return fresh;
    });
    if (isNew) sent += 1;
  }
  return { sent, withoutEmail, overdue: items.length };
}

async function collectionRow(ctx: Ctx, documentId: string) {
  const officeIds = collectionScope(ctx);
  const [row] = await store.overdueInvoices(ctx.db, {
    today: '9999-12-31',
    documentId,
    ...(officeIds ? { officeIds } : {}),
  });
  if (!row) throw notFound('Invoice');
  return row;
}

/** Stops (or restarts) the reminders of one invoice, with the reason (a dispute, a payment plan…). */
export async function pauseReminders(
  ctx: Ctx,
  documentId: string,
  input: { paused: boolean; reason: string },
) {
  await collectionRow(ctx, documentId);
  await transact(ctx.db, async (trx) => {
    const before = await store.findCollection(trx, documentId);
    await store.upsertCollection(trx, {
      documentId,
      paused: input.paused,
      pauseReason: input.paused ? input.reason : '',
      updatedBy: ctx.actor.userId,
      updatedAt: ctx.clock().toISOString(),
    });
    await recordAudit(
      trx,
      ctx,
      input.paused ? 'collection.pause' : 'collection.resume',
      { type: 'sales_document', id: documentId },
      {
        paused: { from: before?.paused ?? false, to: input.paused },
        ...(input.paused ? { reason: { from: before?.pauseReason ?? null, to: input.reason } } : {}),
      },
    );
  });
  const [item] = await collectionItems(
    ctx.db,
    await store.overdueInvoices(ctx.db, { today: todayOf(ctx), documentId }),
    todayOf(ctx),
  );
  return { documentId, paused: input.paused, item: item ?? null };
}

/**
 * Sends an overdue invoice to litigation: its receivable moves from 411 to 416 (doubtful client), the
 * reminders stop, and later payments settle 416. The activity's balance does not move: both are
 * receivables not collected yet.
 */
export async function sendToLitigation(ctx: Ctx, documentId: string, claim: IdempotencyClaim | null = null) {
  if (!can(ctx.actor, 'collection.manage')) throw notFound('Collection');
  const today = todayOf(ctx);
  return transact(ctx.db, async (trx) => {
    await store.lockDocument(trx, documentId);
    const [row] = await store.overdueInvoices(trx, { today, documentId });
    if (!row) throw new DomainError('dunning.not_overdue', 'Only an overdue invoice goes to litigation');
    if (row.litigationOn) throw new DomainError('dunning.in_litigation', 'Already in litigation');
    const [balance] = await store.invoiceBalances(trx, { entityId: row.entityId, documentIds: [documentId] });
    const outstanding = balance ? outstandingOf(balance) : 0;
    if (outstanding <= 0) throw new DomainError('dunning.not_overdue', 'Nothing is owed on this invoice');
    const posted = await postEntry(
      trx,
      ctx.actor,
      {
        entityId: row.entityId,
        journalCode: 'OD',
        entryDate: today,
        label: `Créance douteuse ${row.clientName} ${row.number}`.slice(0, 200),
        pieceRef: row.number,
        lines: [
          {
            accountNumber: '416',
            clientId: row.clientId,
            activityId: row.activityId,
            debitCents: outstanding,
            creditCents: 0,
          },
          {
            accountNumber: '411',
            clientId: row.clientId,
            activityId: row.activityId,
            debitCents: 0,
            creditCents: outstanding,
          },
        ],
        source: { type: 'sales_document', id: documentId },
      },
      { now: ctx.clock() },
    );
    await store.upsertCollection(trx, {
      documentId,
      litigationOn: today,
      litigationEntryId: posted.id,
      updatedBy: ctx.actor.userId,
      updatedAt: ctx.clock().toISOString(),
    });
    await recordAudit(
      trx,
      ctx,
      'collection.litigation',
      { type: 'sales_document', id: documentId },
      {
        litigationOn: { from: null, to: today },
        outstandingCents: { from: null, to: outstanding },
      },
    );
    const answer = {
      documentId,
      litigationOn: today,
      journalEntryId: posted.id,
      outstandingCents: outstanding,
    };
    await storeIdempotentAnswer(trx, claim, answer);
    return answer;
  });
}

export async function getDunningPolicy(ctx: Ctx, entityId: string) {
  if (!can(ctx.actor, 'collection.manage')) throw notFound('Collection');
  return { entityId, ...(await stepsOf(ctx.db, entityId)) };
}

export async function setDunningPolicy(
  ctx: Ctx,
  entityId: string,
  input: { steps: number[]; enabled: boolean },
) {
  if (!can(ctx.actor, 'collection.manage')) throw notFound('Collection');
  const steps = checkSteps(input.steps);
  await transact(ctx.db, async (trx) => {
    const entity = await trx
      .selectFrom('legalEntities')
      .select('id')
      .where('id', '=', entityId)
      .executeTakeFirst();
    if (!entity) throw notFound('Entity');
    const before = await store.findPolicy(trx, entityId);
    await store.upsertPolicy(trx, {
      entityId,
      steps,
      enabled: input.enabled,
      updatedAt: ctx.clock().toISOString(),
    });
    await recordAudit(
      trx,
      ctx,
      'collection.policy',
      { type: 'legal_entity', id: entityId },
      {
        steps: { from: before ? before.steps.join(', ') : null, to: steps.join(', ') },
        enabled: { from: before?.enabled ?? null, to: input.enabled },
      },
    );
  });
  return { entityId, steps, enabled: input.enabled };
}
