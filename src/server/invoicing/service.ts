// Sales use cases: quotes, invoices (whole, deposit, balance) and credit notes. Issuing numbers the
// document from its entity's continuous series, freezes it and posts its sales entry, all in one
// transaction; a credit note is issued the same way, posted as the mirror of what it cancels.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Transaction } from 'kysely';
import { can, memberScope } from '../../domain/access.ts';
import { type IsoDate, toIsoDate } from '../../domain/dates.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import { buildSalesDocument, type StoredDocument, totalsOf } from '../../domain/invoicing/build.ts';
import type { SalesDocument } from '../../domain/invoicing/document.ts';
import {
  buyerKind,
  dueDate,
  formatNumber,
  invoiceStatusOn,
  mayIssueAlone,
  missingBuyerIds,
  quoteStatusOn,
  type StoredInvoiceStatus,
  type StoredQuoteStatus,
} from '../../domain/invoicing/rules.ts';
import type {
  ConvertInput,
  CreditNoteInput,
  DocumentKind,
  InvoiceInput,
  InvoiceUpdate,
  PublicAcceptance,
  PublicQuoteView,
  QuoteInput,
  QuoteUpdate,
  SalesDocumentSummary,
  SalesDocumentView,
  SalesLineInput,
  SendInput,
  ValidationDecision,
} from '../../domain/invoicing/schemas.ts';
import {
  checkCreditCeiling,
  computeTotals,
  coveredBy,
  depositLines,
  fullCreditOf,
  lineNet,
  quantityMilli,
  remainder,
  type Totals,
} from '../../domain/invoicing/totals.ts';
import { type VatCategoryKey, vatCategories } from '../../domain/invoicing/vat.ts';
import type { LineInput } from '../../domain/ledger/schemas.ts';
import type { Cents } from '../../domain/money.ts';
import { activityResource, requireActivity } from '../activities/service.ts';
import { recordAudit } from '../audit/service.ts';
import { getClient } from '../clients/service.ts';
import type { Ctx, Deps } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { transact } from '../db/transaction.ts';
import { buildFacturX } from '../documents/facturx.ts';
import { renderSalesPdf } from '../documents/sales-pdf.ts';
import { buildUbl } from '../documents/ubl.ts';
import { chargeIssuedDocument } from '../fees/service.ts';
import { reduceCoversOnCreditIn } from '../guarantee/service.ts';
import { type IdempotencyClaim, storeIdempotentAnswer } from '../http/idempotency.ts';
import { type ListParams, pageOf } from '../http/lists.ts';
import { enqueue } from '../jobs/outbox.ts';
import { postEntries } from '../ledger/service.ts';
import * as store from './store.ts';

export { documentSortable } from './store.ts';

type Trx = Transaction<Database>;
type SalesAction = 'sales.read' | 'sales.write' | 'sales.issue' | 'sales.validate';

const today = (ctx: Pick<Ctx, 'clock'>): IsoDate => toIsoDate(ctx.clock());
const invoiceKinds = ['invoice', 'deposit_invoice'] as const;
const isInvoice = (kind: DocumentKind) => kind === 'invoice' || kind === 'deposit_invoice';

const refuse = (code: ConstructorParameters<typeof DomainError>[0], pointer?: string) =>
  new DomainError(code, code, pointer ? { errors: [{ pointer, code, message: code }] } : {});

// ——— Access ———

/** A document the actor may see (else 404) and act on as asked (else 403), with its activity. */
async function load(
  ctx: Ctx,
  id: string,
  action: SalesAction = 'sales.read',
  kinds?: readonly DocumentKind[],
) {
  const doc = await store.findDocument(ctx.db, id);
  if (!doc || (kinds && !kinds.includes(doc.kind))) throw notFound('Document');
  const activity = await requireActivity(ctx, doc.activityId).catch((e: unknown) => {
    if (e instanceof DomainError && e.code === 'resource.not_found') throw notFound('Document');
    throw e;
  });
  const resource = activityResource(activity);
  if (!can(ctx.actor, 'sales.read', resource)) throw notFound('Document');
  if (!can(ctx.actor, action, resource))
    throw new DomainError('auth.forbidden', 'Not allowed on this document');
  return { doc, activity, resource };
}

async function requireSalesActivity(ctx: Ctx, activityId: string) {
  const activity = await requireActivity(ctx, activityId);
  if (!can(ctx.actor, 'sales.write', activityResource(activity)))
    throw new DomainError('auth.forbidden', 'Not allowed on this activity');
  if (activity.status !== 'open') throw refuse('activity.closed', '/activityId');
  return activity;
}

// ——— Reading ———

const storedLines = (lines: readonly store.LineRow[]) =>
  lines.map((l) => ({
    position: l.position,
    designation: l.designation,
    description: l.description,
    quantityMilli: Number(l.quantityMilli),
    unitCode: l.unitCode,
    unitPriceCents: Number(l.unitPriceCents),
    discountCents: Number(l.discountCents),
    netCents: Number(l.netCents),
    vatCategory: l.vatCategory as VatCategoryKey,
  }));

const storedOf = (d: store.DocumentRow, lines: readonly store.LineRow[]): StoredDocument => ({
  kind: d.kind,
  number: d.number,
  issueDate: d.issueDate,
  dueDate: d.dueDate,
  validUntil: d.validUntil,
  serviceDate: d.serviceDate,
  lastServiceDate: d.lastServiceDate,
  subject: d.subject,
  notes: d.notes,
  language: d.language,
  purchaseOrder: d.purchaseOrder,
  buyerReference: d.buyerReference,
  paymentTerm: d.paymentTerm,
  paymentDays: d.paymentDays,
  prepaidCents: Number(d.prepaidCents),
  fixedVat: (d.fixedVat ?? {}) as StoredDocument['fixedVat'],
  lines: storedLines(lines),
});

const statusOf = (d: Pick<store.DocumentRow, 'kind' | 'status' | 'validUntil' | 'dueDate'>, day: IsoDate) =>
  d.kind === 'quote'
    ? quoteStatusOn(d.status as StoredQuoteStatus, d.validUntil as IsoDate, day)
    : invoiceStatusOn(d.status as StoredInvoiceStatus, d.dueDate, day);

const summaryOf = (d: store.DocumentRow, day: IsoDate): SalesDocumentSummary => ({
  id: d.id,
  kind: d.kind,
  number: d.number,
  status: statusOf(d, day),
  activity: { id: d.activityId, name: d.activityName },
  client: { id: d.clientId, name: d.clientName },
  office: d.office ?? null,
  subject: d.subject,
  issueDate: d.issueDate,
  dueDate: d.dueDate,
  validUntil: d.validUntil,
  totalExclVatCents: Number(d.totalExclVatCents),
  totalVatCents: Number(d.totalVatCents),
  totalInclVatCents: Number(d.totalInclVatCents),
  createdAt: d.createdAt,
});

function actionsFor(
  ctx: Ctx,
  d: store.DocumentRow,
  resource: ReturnType<typeof activityResource>,
  day: IsoDate,
): string[] {
  const write = can(ctx.actor, 'sales.write', resource);
  const validate = can(ctx.actor, 'sales.validate', resource);
  const status = statusOf(d, day);
  const out: string[] = ['download'];
  if (d.kind === 'quote') {
    if (write) out.push('duplicate');
    if (write && d.status === 'draft') out.push('edit', 'delete', 'send');
    if (write && status === 'sent') out.push('send', 'accept', 'refuse');
    if (write && d.status === 'accepted') out.push('convert');
    return out;
  }
  if (d.kind === 'credit_note') return out;
  if (write && d.status === 'draft') out.push('edit', 'delete', 'issue', 'requestValidation');
  if (validate && d.status === 'awaiting_validation') out.push('validate');
  if (write && ['issued', 'sent', 'partially_paid'].includes(d.status)) out.push('send', 'creditNote');
  return out;
}

/** Lines with the rate each is taxed at, and the VAT breakdown, as the views show them. */
const linesAndVat = (stored: StoredDocument, totals: Totals) => ({
  lines: stored.lines.map((l) => ({
    position: l.position,
    designation: l.designation,
    ...(l.description ? { description: l.description } : {}),
    quantity: l.quantityMilli / 1000,
    unitCode: l.unitCode,
    unitPriceCents: l.unitPriceCents,
    discountCents: l.discountCents,
    netCents: l.netCents,
    vatCategory: l.vatCategory,
    vatRateBp: totals.groups.find((g) => g.key === l.vatCategory)?.rateBp ?? 0,
  })),
  vatBreakdown: totals.groups.map(({ key, code, rateBp, baseCents, vatCents, exemptionReason }) => ({
    key,
    code,
    rateBp,
    baseCents,
    vatCents,
    ...(exemptionReason ? { exemptionReason } : {}),
  })),
});

async function present(ctx: Ctx, id: string, kinds?: readonly DocumentKind[]): Promise<SalesDocumentView> {
  const { doc: d, resource } = await load(ctx, id, 'sales.read', kinds);
  const day = today(ctx);
  const [lines, events, related, acceptance, validation] = await Promise.all([
    store.findLines(ctx.db, id),
    store.listEvents(ctx.db, id),
    store.findRelated(ctx.db, id),
    d.kind === 'quote' ? store.findAcceptance(ctx.db, id) : Promise.resolve(undefined),
    isInvoice(d.kind) ? store.lastValidation(ctx.db, id) : Promise.resolve(undefined),
  ]);
  const stored = storedOf(d, lines);
  const totals = totalsOf(stored, d.issueDate ?? day);
  const source = d.quoteId ?? d.invoiceId;
  const origin = source ? await store.findDocument(ctx.db, source) : undefined;
  const credited = related
    .filter((r) => r.kind === 'credit_note' && r.number)
    .reduce((t, r) => t + Number(r.totalInclVatCents), 0);
  return {
    ...summaryOf(d, day),
    entity: { id: d.entityId, code: d.entityCode, name: d.entityName },
    serviceDate: d.serviceDate,
    lastServiceDate: d.lastServiceDate,
    notes: d.notes,
    paymentTerm: d.paymentTerm,
    paymentDays: d.paymentDays,
    purchaseOrder: d.purchaseOrder,
    buyerReference: d.buyerReference,
    language: d.language,
    ...linesAndVat(stored, totals),
    prepaidCents: Number(d.prepaidCents),
    dueCents: totals.totalInclVatCents - Number(d.prepaidCents),
    depositRateBp: d.depositRateBp,
    quote: d.quoteId ? { id: d.quoteId, number: origin?.number ?? null } : null,
    invoice: d.invoiceId
      ? { id: d.invoiceId, number: origin?.number ?? null, issueDate: origin?.issueDate ?? null }
      : null,
    creditedCents: credited,
    related: related.map((r) => ({
      id: r.id,
      kind: r.kind,
      number: r.number,
      status: r.status,
      totalInclVatCents: Number(r.totalInclVatCents),
    })),
    journalEntryId: d.journalEntryId,
    acceptance: acceptance
      ? {
          decision: acceptance.decision,
          name: acceptance.name,
          at: acceptance.at,
          ip: acceptance.ip,
          via: acceptance.via,
        }
      : null,
    validation: validation
      ? {
          requestedAt: validation.requestedAt,
          requestedBy: validation.requestedBy ?? '',
          comment: validation.comment,
          decision: validation.decision,
          decidedAt: validation.decidedAt,
          decidedBy: validation.decidedBy,
          decisionComment: validation.decisionComment,
        }
      : null,
    events: events.map((e) => ({
      at: e.at,
      kind: e.kind,
      by: e.by ?? null,
      detail: (e.detail ?? {}) as Record<string, unknown>,
    })),
    actions: actionsFor(ctx, d, resource, day),
  };
}

export const getDocument = (ctx: Ctx, id: string, kinds?: readonly DocumentKind[]) => present(ctx, id, kinds);

export async function listDocuments(
  ctx: Ctx,
  kinds: store.DocumentFilter['kinds'],
  filter: Omit<store.DocumentFilter, 'kinds' | 'today'>,
  p: ListParams,
) {
  if (!can(ctx.actor, 'sales.list')) throw notFound('Documents');
  if (filter.activityId) await requireActivity(ctx, filter.activityId);
  const day = today(ctx);
  const { rows, totals } = await store.listDocuments(
    ctx.db,
    memberScope(ctx.actor),
    { ...filter, kinds, today: day },
    p,
  );
  return {
    ...pageOf(
      rows.map((r) => summaryOf(r, day)),
      totals.count,
      p,
    ),
    totals,
  };
}

/** Every page of a filtered list, for CSV/XLSX exports. */
export async function* allDocuments(
  ctx: Ctx,
  kinds: store.DocumentFilter['kinds'],
  filter: Omit<store.DocumentFilter, 'kinds' | 'today'>,
) {
  for (let offset = 0; ; offset += 500) {
    const page = await listDocuments(ctx, kinds, filter, { limit: 500, offset });
    yield page.items;
    if (!page.nextCursor) return;
  }
}

/** The member's home: accepted quotes still to invoice, and invoices past their due date. */
export async function salesDigest(ctx: Ctx) {
  const day = today(ctx);
  const { toInvoice, late } = await store.memberSalesDigest(ctx.db, memberScope(ctx.actor), day);
  return { toInvoice: toInvoice.map((r) => summaryOf(r, day)), late: late.map((r) => summaryOf(r, day)) };
}

// ——— Building the SalesDocument for the renderers ———

export async function salesDocumentOf(q: Ctx['db'] | Trx, id: string, day: IsoDate): Promise<SalesDocument> {
  const d = await store.findDocument(q, id);
  if (!d) throw notFound('Document');
  const [lines, entity, client, members, bankAccount] = await Promise.all([
    store.findLines(q, id),
    store.findEntity(q, d.entityId),
    store.findClient(q, d.clientId),
    store.activityMemberNames(q, d.activityId),
    store.findInvoiceBankAccount(q, d.entityId),
  ]);
  const preceding = d.invoiceId ? await store.findDocument(q, d.invoiceId) : undefined;
  return buildSalesDocument({
    doc: storedOf(d, lines),
    entity: { ...entity, shareCapitalCents: Number(entity.shareCapitalCents) },
    client: client as NonNullable<typeof client>,
    activity: { code: members[0]?.number ?? d.entityCode, name: d.activityName },
    memberName: members.map((m) => `${m.firstName} ${m.lastName}`).join(', '),
    ...(preceding?.number && preceding.issueDate
      ? { precedingInvoice: { number: preceding.number, issueDate: preceding.issueDate } }
      : {}),
    bankAccount: bankAccount ?? null,
    today: day,
  });
}

export type FileFormat = 'pdf' | 'facturx' | 'ubl';

/** File name of a document: its number, or "brouillon" before it has one. */
const fileBase = (doc: SalesDocument) =>
  (doc.number ?? `brouillon-${doc.issueDate}`).replace(/[^\w.-]+/g, '-');

/**
 * The document as a file: the printed PDF (drafts as previews), or for an issued invoice or credit
 * note its Factur-X EN 16931 (PDF/A-3 with the CII inside) or its UBL.
 */
export async function renderFile(document: SalesDocument, format: FileFormat) {
  if (format !== 'pdf' && (document.kind === 'quote' || !document.number))
    throw refuse('invoice.invalid_transition');
  if (format === 'ubl')
    return {
      bytes: Buffer.from(buildUbl(document), 'utf8'),
      type: 'application/xml',
      name: `${fileBase(document)}.xml`,
    };
  const bytes = format === 'facturx' ? await buildFacturX(document) : await renderSalesPdf(document);
  return { bytes: Buffer.from(bytes), type: 'application/pdf', name: `${fileBase(document)}.pdf` };
}

/** A file of a document the actor may read. */
export async function documentFile(ctx: Ctx, id: string, kinds: readonly DocumentKind[], format: FileFormat) {
  await load(ctx, id, 'sales.read', kinds);
  return renderFile(await salesDocumentOf(ctx.db, id, today(ctx)), format);
}

// ——— Drafts ———

type DraftFields = Omit<QuoteUpdate, 'validUntil'> & { validUntil?: IsoDate };

type LineValues = store.LineValues;

const lineRows = (lines: readonly SalesLineInput[]): LineValues[] =>
  lines.map((l, i) => ({
    position: i + 1,
    designation: l.designation,
    description: l.description ?? '',
    quantityMilli: quantityMilli(l.quantity),
    unitCode: l.unitCode,
    unitPriceCents: l.unitPriceCents,
    discountCents: l.discountCents,
    netCents: lineNet(l),
    vatCategory: l.vatCategory,
  }));

const totalsColumns = (t: Totals) => ({
  totalExclVatCents: t.totalExclVatCents,
  totalVatCents: t.totalVatCents,
  totalInclVatCents: t.totalInclVatCents,
});

const draftColumns = (f: DraftFields) => ({
  subject: f.subject,
  notes: f.notes,
  serviceDate: f.serviceDate ?? null,
  lastServiceDate: f.lastServiceDate ?? null,
  paymentTerm: f.paymentTerm,
  paymentDays: f.paymentDays,
  purchaseOrder: f.purchaseOrder ?? null,
  buyerReference: f.buyerReference ?? null,
  language: f.language,
  ...(f.validUntil ? { validUntil: f.validUntil } : {}),
});

/** Reverse charge only for a business in another EU country: refused where it cannot apply. */
function checkVatForClient(
  lines: readonly { vatCategory: VatCategoryKey }[],
  client: { kind: string; publicSector: boolean; country: string },
) {
  const kind = buyerKind({
    isBusiness: client.kind !== 'individual',
    publicSector: client.publicSector,
    address: { line1: '', postcode: '', city: '', country: client.country },
  });
  lines.forEach((l, i) => {
    if (vatCategories[l.vatCategory].euBusinessOnly && kind !== 'eu_business')
      throw refuse('invoice.vat_category_not_for_client', `/lines/${i}/vatCategory`);
  });
}

async function checkClient(ctx: Ctx, clientId: string, lines: readonly { vatCategory: VatCategoryKey }[]) {
  const client = await getClient(ctx, clientId).catch((e: unknown) => {
    if (e instanceof DomainError && e.code === 'resource.not_found')
      throw new DomainError('validation.failed', 'Unknown client', {
        errors: [{ pointer: '/clientId', code: 'client.unknown', message: 'Unknown client' }],
      });
    throw e;
  });
  checkVatForClient(lines, client);
  return client;
}

async function createDraft(ctx: Ctx, kind: 'quote' | 'invoice', input: QuoteInput | InvoiceInput) {
  const activity = await requireSalesActivity(ctx, input.activityId);
  await checkClient(ctx, input.clientId, input.lines);
  const rows = lineRows(input.lines);
  const totals = computeTotals(rows, today(ctx));
  const now = ctx.clock().toISOString();
  const id = await transact(ctx.db, async (trx) => {
    const id = await store.insertDocument(trx, {
      entityId: activity.entityId,
      activityId: activity.id,
      clientId: input.clientId,
      kind,
      status: 'draft',
      createdBy: ctx.actor.userId,
      ...draftColumns(input),
      ...totalsColumns(totals),
    });
    await store.replaceLines(trx, id, rows);
    // The member keeps seeing a private client they invoice.
    await store.linkClient(trx, activity.id, input.clientId);
    await store.addEvent(trx, id, now, ctx.actor.userId, 'created');
    await recordAudit(
      trx,
      ctx,
      `${kind}.create`,
      { type: 'sales_document', id },
      { clientId: input.clientId, ...totalsColumns(totals) },
    );
    return id;
  });
  return present(ctx, id);
}

export const createQuote = (ctx: Ctx, input: QuoteInput) => createDraft(ctx, 'quote', input);
export const createInvoice = (ctx: Ctx, input: InvoiceInput) => createDraft(ctx, 'invoice', input);

export async function updateDraft(
  ctx: Ctx,
  id: string,
  input: QuoteUpdate | InvoiceUpdate,
  kinds: readonly DocumentKind[],
) {
  const { doc } = await load(ctx, id, 'sales.write', kinds);
  if (doc.kind === 'credit_note' || (doc.number !== null && doc.kind !== 'quote'))
    throw refuse('invoice.immutable');
  if (doc.status !== 'draft')
    throw refuse(doc.kind === 'quote' ? 'invoice.invalid_transition' : 'invoice.immutable');
  if (doc.kind === 'quote' && !('validUntil' in input))
    throw new DomainError('validation.failed', 'validUntil', {
      errors: [{ pointer: '/validUntil', code: 'required', message: 'Required' }],
    });
  await checkClient(ctx, input.clientId, input.lines);
  const rows = lineRows(input.lines);
  const totals = computeTotals(rows, today(ctx));
  await transact(ctx.db, async (trx) => {
    const locked = await store.lockDocument(trx, id);
    if (locked?.status !== 'draft') throw refuse('invoice.immutable');
    await store.updateDocument(trx, id, {
      clientId: input.clientId,
      ...draftColumns(input),
      ...totalsColumns(totals),
      updatedAt: ctx.clock().toISOString(),
    });
    await store.replaceLines(trx, id, rows);
    await store.linkClient(trx, doc.activityId, input.clientId);
    await store.addEvent(trx, id, ctx.clock().toISOString(), ctx.actor.userId, 'updated');
    await recordAudit(trx, ctx, `${doc.kind}.update`, { type: 'sales_document', id }, totalsColumns(totals));
  });
  return present(ctx, id);
}

export async function deleteDraft(ctx: Ctx, id: string, kinds: readonly DocumentKind[]) {
  const { doc } = await load(ctx, id, 'sales.write', kinds);
  if (doc.status !== 'draft' || (doc.number !== null && doc.kind !== 'quote'))
    throw refuse('invoice.immutable');
  await transact(ctx.db, async (trx) => {
    const locked = await store.lockDocument(trx, id);
    if (locked?.status !== 'draft') throw refuse('invoice.immutable');
    await store.deleteDocument(trx, id);
    await recordAudit(trx, ctx, `${doc.kind}.delete`, { type: 'sales_document', id }, { number: doc.number });
  });
}

/** A new draft quote with the same client, lines and terms (validity pushed as far ahead as before). */
export async function duplicateQuote(ctx: Ctx, id: string) {
  const { doc } = await load(ctx, id, 'sales.write', ['quote']);
  const lines = storedLines(await store.findLines(ctx.db, id));
  const day = today(ctx);
  const span =
    doc.issueDate && doc.validUntil
      ? Date.parse(doc.validUntil) - Date.parse(doc.issueDate)
      : 30 * 86_400_000;
  const validUntil = toIsoDate(new Date(Date.parse(day) + Math.max(span, 86_400_000)));
  return createDraft(ctx, 'quote', {
    activityId: doc.activityId,
    clientId: doc.clientId,
    validUntil,
    subject: doc.subject,
    serviceDate: null,
    lastServiceDate: null,
    notes: doc.notes,
    paymentTerm: doc.paymentTerm,
    paymentDays: doc.paymentDays,
    purchaseOrder: null,
    buyerReference: null,
    language: doc.language,
    lines: lines.map((l) => ({
      designation: l.designation,
      ...(l.description ? { description: l.description } : {}),
      quantity: l.quantityMilli / 1000,
      unitCode: l.unitCode as SalesLineInput['unitCode'],
      unitPriceCents: l.unitPriceCents,
      discountCents: l.discountCents,
      vatCategory: l.vatCategory,
    })),
  });
}

// ——— Quotes: sending, answering, public link ———

const linkKey = (deps: Pick<Deps, 'signingKey'>) =>
  createHmac('sha256', deps.signingKey).update('commune/quote-link').digest();

/** The acceptance link's token: the quote id and its HMAC, so no account and no stored secret are needed. */
export const quoteToken = (deps: Pick<Deps, 'signingKey'>, id: string) =>
  `${id}.${createHmac('sha256', linkKey(deps)).update(`quote:${id}`).digest('base64url')}`;

function quoteIdOf(deps: Pick<Deps, 'signingKey'>, token: string): string {
  const [id, mac] = token.split('.');
  if (!id || !mac || !/^[0-9a-f-]{36}$/.test(id)) throw notFound('Quote');
  const expected = Buffer.from(quoteToken(deps, id).split('.')[1] as string);
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw notFound('Quote');
  return id;
}

const euros = (cents: number) => `${(cents / 100).toFixed(2).replace('.', ',')} €`;

export async function sendDocument(ctx: Ctx, id: string, input: SendInput, kinds: readonly DocumentKind[]) {
  const { doc } = await load(ctx, id, 'sales.write', kinds);
  const client = await store.findClient(ctx.db, doc.clientId);
  const to = input.to ?? client?.email ?? null;
  if (!to) throw refuse('invoice.no_email', '/to');
  const day = today(ctx);
  if (doc.kind === 'quote' && !['draft', 'sent'].includes(doc.status))
    throw refuse('invoice.invalid_transition');
  if (doc.kind !== 'quote' && !['issued', 'sent', 'partially_paid', 'paid', 'cancelled'].includes(doc.status))
    throw refuse('invoice.invalid_transition');
  if (doc.kind === 'quote' && doc.status === 'sent' && statusOf(doc, day) === 'expired')
    throw refuse('quote.expired');
  const now = ctx.clock().toISOString();
  await transact(ctx.db, async (trx) => {
    const locked = await store.lockDocument(trx, id);
    let number = locked?.number ?? null;
    if (doc.kind === 'quote' && !number) {
      number = formatNumber(
        'quote',
        Number(day.slice(0, 4)),
        await store.nextNumber(trx, doc.entityId, 'quote', Number(day.slice(0, 4))),
      );
      await store.updateDocument(trx, id, {
        number,
        issueDate: day,
        status: 'sent',
        sentAt: now,
        updatedAt: now,
      });
    } else if (doc.kind === 'quote' || doc.status === 'issued') {
      await store.updateDocument(trx, id, { status: 'sent', sentAt: now, updatedAt: now });
    } else await store.updateDocument(trx, id, { sentAt: now, updatedAt: now });
    const isQuote = doc.kind === 'quote';
    // The client receives the quote as PDF, an invoice or credit note as Factur-X (the PDF with its XML).
    const file = await renderFile(await salesDocumentOf(trx, id, day), isQuote ? 'pdf' : 'facturx');
    const label = {
      quote: 'Devis',
      invoice: 'Facture',
      deposit_invoice: 'Facture d’acompte',
      credit_note: 'Avoir',
    }[doc.kind];
    const link = `${ctx.publicUrl}/devis/${quoteToken(ctx, id)}`;
    await enqueue(trx, {
      kind: 'email',
      payload: {
        to,
        subject: `${label} ${number} — ${doc.entityName}`,
        text: [
          'Bonjour,',
          '',
          input.message ||
            `Veuillez trouver ci-dessous ${isQuote ? 'notre devis' : 'notre document'} ${number} pour ${doc.clientName}.`,
          '',
          `${label} ${number}${doc.subject ? ` : ${doc.subject}` : ''}`,
          `Montant TTC : ${euros(Number(doc.totalInclVatCents))}`,
          ...(isQuote
            ? [`Valable jusqu’au ${doc.validUntil}.`, '', 'Pour l’accepter ou le refuser en ligne :', link]
            : []),
          ...(doc.dueDate ? [`Échéance : ${doc.dueDate}.`] : []),
          '',
          `— ${doc.activityName}, ${doc.entityName}`,
        ].join('\n'),
        attachments: [
          {
            filename: file.name,
            content: file.bytes.toString('base64'),
            contentType: file.type,
            encoding: 'base64',
          },
        ],
      },
    });
    await store.addEvent(trx, id, now, ctx.actor.userId, 'sent', { to, number });
    await recordAudit(trx, ctx, `${doc.kind}.send`, { type: 'sales_document', id }, { to, number });
  });
  return present(ctx, id);
}

async function answerQuote(
  trx: Trx,
  doc: store.DocumentRow,
  answer: {
    decision: 'accept' | 'refuse';
    name: string;
    ip: string | null;
    via: 'link' | 'member';
    userId: string | null;
  },
  now: Date,
) {
  const locked = await store.lockDocument(trx, doc.id);
  if (locked?.status !== 'sent')
    throw refuse(locked?.status === 'draft' ? 'invoice.invalid_transition' : 'quote.already_answered');
  if (statusOf(doc, toIsoDate(now)) === 'expired') throw refuse('quote.expired');
  const at = now.toISOString();
  await store.insertAcceptance(trx, {
    documentId: doc.id,
    decision: answer.decision,
    name: answer.name,
    at,
    ip: answer.ip,
    via: answer.via,
  });
  await store.updateDocument(trx, doc.id, {
    status: answer.decision === 'accept' ? 'accepted' : 'refused',
    updatedAt: at,
  });
  await store.addEvent(
    trx,
    doc.id,
    at,
    answer.userId,
    answer.decision === 'accept' ? 'accepted' : 'refused',
    {
      name: answer.name,
      via: answer.via,
      ...(answer.ip ? { ip: answer.ip } : {}),
    },
  );
}

/** The member records the client's answer given another way (signed paper, e-mail). */
export async function decideQuote(ctx: Ctx, id: string, decision: 'accepted' | 'refused') {
  const { doc } = await load(ctx, id, 'sales.write', ['quote']);
  await transact(ctx.db, async (trx) => {
    await answerQuote(
      trx,
      doc,
      {
        decision: decision === 'accepted' ? 'accept' : 'refuse',
        name: ctx.actor.name,
        ip: null,
        via: 'member',
        userId: ctx.actor.userId,
      },
      ctx.clock(),
    );
    await recordAudit(
      trx,
      ctx,
      `quote.${decision === 'accepted' ? 'accept' : 'refuse'}`,
      { type: 'sales_document', id },
      {},
    );
  });
  return present(ctx, id);
}

async function publicQuoteRow(deps: Deps, token: string) {
  const id = quoteIdOf(deps, token);
  const doc = await store.findDocument(deps.db, id);
  if (doc?.kind !== 'quote' || doc.status === 'draft') throw notFound('Quote');
  return doc;
}

/** What the client sees through the signed link: the quote, and their answer if they gave one. */
export async function publicQuote(deps: Deps, token: string): Promise<PublicQuoteView> {
  const doc = await publicQuoteRow(deps, token);
  const day = toIsoDate(deps.clock());
  const lines = await store.findLines(deps.db, doc.id);
  const stored = storedOf(doc, lines);
  const totals = totalsOf(stored, doc.issueDate ?? day);
  const acceptance = await store.findAcceptance(deps.db, doc.id);
  return {
    number: doc.number,
    status: statusOf(doc, day),
    seller: doc.entityName,
    client: doc.clientName,
    activity: doc.activityName,
    subject: doc.subject,
    issueDate: doc.issueDate,
    validUntil: doc.validUntil,
    ...linesAndVat(stored, totals),
    ...totalsColumns(totals),
    acceptance: acceptance
      ? { decision: acceptance.decision, name: acceptance.name, at: acceptance.at }
      : null,
  };
}

/** The client's answer through the link: name, date and address recorded; an expired quote is refused. */
export async function answerPublicQuote(
  deps: Deps,
  token: string,
  input: PublicAcceptance,
  ip: string | null,
) {
  const doc = await publicQuoteRow(deps, token);
  await transact(deps.db, (trx) =>
    answerQuote(trx, doc, { ...input, ip, via: 'link', userId: null }, deps.clock()),
  );
  return publicQuote(deps, token);
}

// ——— Quote → invoice ———

export async function convertQuote(
  ctx: Ctx,
  id: string,
  input: ConvertInput,
  claim: IdempotencyClaim | null = null,
) {
  const { doc } = await load(ctx, id, 'sales.write', ['quote']);
  if (doc.status !== 'accepted') throw refuse('quote.not_accepted');
  const day = today(ctx);
  const quoteLines = storedLines(await store.findLines(ctx.db, id));
  const quoteTotals = computeTotals(quoteLines, doc.issueDate ?? day);
  const related = (await store.findRelated(ctx.db, id)).filter(
    (r) => r.kind === 'invoice' || r.kind === 'deposit_invoice',
  );
  if (related.some((r) => r.kind === 'invoice')) throw refuse('quote.already_invoiced');
  const deposits = related.filter((r) => r.kind === 'deposit_invoice');
  if (input.mode === 'whole' && deposits.length) throw refuse('quote.already_invoiced', '/mode');
  if (input.mode === 'balance' && deposits.length === 0) throw refuse('invoice.invalid_transition', '/mode');

  let rows: LineValues[];
  let prepaidCents = 0;
  if (input.mode === 'deposit') {
    const rate = input.depositRateBp as number;
    const pct = (rate / 100).toLocaleString('fr-FR');
    rows = depositLines(quoteTotals, rate).map((l, i) => ({
      position: i + 1,
      designation: `Acompte de ${pct} % sur le devis ${doc.number} (${vatCategories[l.vatCategory].label.fr})`,
      description: '',
      quantityMilli: 1000,
      unitCode: 'LS',
      unitPriceCents: l.netCents,
      discountCents: 0,
      netCents: l.netCents,
      vatCategory: l.vatCategory,
    }));
    const left = remainder(quoteTotals, coveredBy(await depositTotals(ctx, deposits, day)));
    if (left.totalInclVatCents <= 0) throw refuse('invoice.nothing_left');
  } else {
    rows = quoteLines.map((l) => ({ ...l }));
    if (input.mode === 'balance') {
      const covered = await depositTotals(ctx, deposits, day);
      prepaidCents = covered.reduce((t, c) => t + c.totalInclVatCents, 0);
      if (prepaidCents >= quoteTotals.totalInclVatCents) throw refuse('invoice.nothing_left');
    }
  }
  const totals = computeTotals(rows, day);
  const now = ctx.clock().toISOString();
  return transact(ctx.db, async (trx) => {
    const invoiceId = await store.insertDocument(trx, {
      entityId: doc.entityId,
      activityId: doc.activityId,
      clientId: doc.clientId,
      kind: input.mode === 'deposit' ? 'deposit_invoice' : 'invoice',
      status: 'draft',
      createdBy: ctx.actor.userId,
      quoteId: id,
      depositRateBp: input.mode === 'deposit' ? (input.depositRateBp as number) : null,
      subject: doc.subject,
      notes: doc.notes,
      serviceDate: doc.serviceDate,
      lastServiceDate: doc.lastServiceDate,
      paymentTerm: doc.paymentTerm,
      paymentDays: doc.paymentDays,
      purchaseOrder: doc.purchaseOrder,
      buyerReference: doc.buyerReference,
      language: doc.language,
      prepaidCents,
      ...totalsColumns(totals),
    });
    await store.replaceLines(trx, invoiceId, rows);
    await store.addEvent(trx, invoiceId, now, ctx.actor.userId, 'created', {
      fromQuote: doc.number,
      mode: input.mode,
    });
    await store.addEvent(trx, id, now, ctx.actor.userId, 'invoiced', { mode: input.mode });
    await recordAudit(
      trx,
      ctx,
      'quote.convert',
      { type: 'sales_document', id },
      { invoiceId, mode: input.mode },
    );
    const view = await presentIn(ctx, trx, invoiceId);
    await storeIdempotentAnswer(trx, claim, view);
    return view;
  });
}

async function depositTotals(
  ctx: Ctx,
  deposits: readonly { id: string; issueDate: string | null }[],
  day: IsoDate,
) {
  return Promise.all(
    deposits.map(async (d) => {
      const lines = storedLines(await store.findLines(ctx.db, d.id));
      return computeTotals(lines, d.issueDate ?? day);
    }),
  );
}

/** The view as the transaction sees it (stored with an idempotent answer before commit). */
const presentIn = (ctx: Ctx, trx: Trx, id: string) =>
  present({ ...ctx, db: trx as unknown as Ctx['db'] }, id);

// ——— Validation ———

export async function requestValidation(ctx: Ctx, id: string, comment: string) {
  const { doc } = await load(ctx, id, 'sales.write', invoiceKinds);
  if (doc.status !== 'draft') throw refuse('invoice.invalid_transition');
  const now = ctx.clock().toISOString();
  await transact(ctx.db, async (trx) => {
    const locked = await store.lockDocument(trx, id);
    if (locked?.status !== 'draft') throw refuse('invoice.invalid_transition');
    await store.updateDocument(trx, id, { status: 'awaiting_validation', updatedAt: now });
    await store.insertValidation(trx, id, ctx.actor.userId, now, comment);
    await store.addEvent(trx, id, now, ctx.actor.userId, 'validation_requested', comment ? { comment } : {});
    await recordAudit(trx, ctx, 'invoice.request_validation', { type: 'sales_document', id }, { comment });
  });
  return present(ctx, id);
}

/** The adviser's decision: approving issues the invoice at once; refusing sends it back to draft. */
export async function decideValidation(
  ctx: Ctx,
  id: string,
  input: ValidationDecision,
  claim: IdempotencyClaim | null = null,
) {
  const { doc } = await load(ctx, id, 'sales.validate', invoiceKinds);
  if (doc.status !== 'awaiting_validation') throw refuse('invoice.invalid_transition');
  const now = ctx.clock().toISOString();
  return transact(ctx.db, async (trx) => {
    const locked = await store.lockDocument(trx, id);
    if (locked?.status !== 'awaiting_validation') throw refuse('invoice.invalid_transition');
    await store.decideValidation(trx, id, {
      decision: input.decision === 'approve' ? 'approved' : 'refused',
      decidedBy: ctx.actor.userId,
      decidedAt: now,
      decisionComment: input.comment,
    });
    await store.addEvent(
      trx,
      id,
      now,
      ctx.actor.userId,
      input.decision === 'approve' ? 'validated' : 'validation_refused',
      input.comment ? { comment: input.comment } : {},
    );
    if (input.decision === 'approve') await issueIn(trx, ctx, doc);
    else await store.updateDocument(trx, id, { status: 'draft', updatedAt: now });
    await recordAudit(
      trx,
      ctx,
      `invoice.validation_${input.decision}`,
      { type: 'sales_document', id },
      { comment: input.comment },
    );
    const view = await presentIn(ctx, trx, id);
    await storeIdempotentAnswer(trx, claim, view);
    return view;
  });
}

// ——— Issuing and posting ———

/**
 * The sales entry (VE) of a document, as the demo books do: 411 with the
 * client's auxiliary account, 706 per VAT category and 44580 (services: VAT due on collection, moved to
 * 44571 when paid), the activity on every line; a credit note posts the mirror image.
 */
function salesEntries(
  input: {
    entityId: string;
    activityId: string;
    clientId: string;
    number: string;
    date: IsoDate;
    label: string;
    credit: boolean;
  },
  posted: Totals,
) {
  const { activityId, clientId } = input;
  const side = (cents: Cents, debit: boolean) => (debit ? { debitCents: cents } : { creditCents: cents });
  const lines: LineInput[] = [];
  if (posted.totalInclVatCents > 0)
    lines.push({
      accountNumber: '411',
      clientId,
      activityId,
      ...side(posted.totalInclVatCents, !input.credit),
    });
  for (const g of posted.groups)
    if (g.baseCents > 0)
      lines.push({
        accountNumber: '706',
        activityId,
        label: `${input.label} (${g.code} ${g.rateBp / 100} %)`,
        ...side(g.baseCents, input.credit),
      });
  for (const g of posted.groups)
    if (g.vatCents > 0)
      lines.push({
        accountNumber: '44580',
        activityId,
        label: `${input.label} TVA ${g.rateBp / 100} %`,
        ...side(g.vatCents, input.credit),
      });
  const entries = [];
  if (lines.length >= 2)
    entries.push({
      entityId: input.entityId,
      journalCode: 'VE',
      entryDate: input.date,
      label: input.label,
      pieceRef: input.number,
      pieceDate: input.date,
      lines,
      source: { type: 'sales_document', id: '' },
    });
  // The cooperative fee (ANA) is charged by the fees module, from the policy in force (fees/service.ts).
  return entries;
}

async function checkIssuable(trx: Trx, doc: store.DocumentRow, lines: ReturnType<typeof storedLines>) {
  const client = await store.findClient(trx, doc.clientId);
  if (!client) throw notFound('Client');
  checkVatForClient(lines, client);
  const missing = missingBuyerIds({
    name: client.name,
    isBusiness: client.kind !== 'individual',
    publicSector: client.publicSector,
    ...(client.siren ? { siren: client.siren } : {}),
    ...(client.vatNumber ? { vatNumber: client.vatNumber } : {}),
    address: {
      line1: client.addressLine,
      postcode: client.postalCode,
      city: client.city,
      country: client.country,
    },
  });
  if (missing.length) throw refuse('invoice.client_ids_missing', '/clientId');
  return client;
}

/** Issues a draft invoice inside the caller's transaction: number, freeze, post. */
async function issueIn(trx: Trx, ctx: Ctx, doc: store.DocumentRow) {
  const locked = await store.lockDocument(trx, doc.id);
  if (!locked || !['draft', 'awaiting_validation'].includes(locked.status) || locked.number)
    throw refuse('invoice.invalid_transition');
  const day = today(ctx);
  const year = Number(day.slice(0, 4));
  const lines = storedLines(await store.findLines(trx, doc.id));
  const client = await checkIssuable(trx, doc, lines);
  const totals = computeTotals(lines, day);
  let posted = totals;
  let prepaidCents = 0;
  if (doc.quoteId && doc.kind === 'invoice') {
    // A balance invoice posts what the deposits did not: base and VAT per category, subtracted.
    const deposits = (await store.findRelated(trx, doc.quoteId)).filter(
      (r) => r.kind === 'deposit_invoice' && r.number,
    );
    const covered = await Promise.all(
      deposits.map(async (d) =>
        computeTotals(storedLines(await store.findLines(trx, d.id)), d.issueDate ?? day),
      ),
    );
    posted = remainder(totals, coveredBy(covered));
    prepaidCents = covered.reduce((t, c) => t + c.totalInclVatCents, 0);
  }
  const number = formatNumber('invoice', year, await store.nextNumber(trx, doc.entityId, 'invoice', year));
  const entries = salesEntries(
    {
      entityId: doc.entityId,
      activityId: doc.activityId,
      clientId: doc.clientId,
      number,
      date: day,
      label: `${number} ${client.name}${doc.subject ? ` – ${doc.subject}` : ''}`.slice(0, 200),
      credit: false,
    },
    posted,
  ).map((e) => ({ ...e, source: { type: 'sales_document', id: doc.id } }));
  const postedEntries = await postEntries(trx, ctx.actor, entries, { now: ctx.clock() });
  const feeEntry = await chargeIssuedDocument(
    trx,
    ctx.actor,
    {
      id: doc.id,
      kind: doc.kind === 'deposit_invoice' ? 'deposit_invoice' : 'invoice',
      activityId: doc.activityId,
      number,
      date: day,
      baseCents: posted.totalExclVatCents,
    },
    { now: ctx.clock() },
  );
  if (feeEntry) postedEntries.push(feeEntry);
  const now = ctx.clock().toISOString();
  await store.updateDocument(trx, doc.id, {
    status: 'issued',
    number,
    issueDate: day,
    dueDate: dueDate(day, doc.paymentTerm, doc.paymentDays),
    prepaidCents,
    ...totalsColumns(totals),
    journalEntryId: postedEntries[0]?.id ?? null,
    issuedAt: now,
    issuedBy: ctx.actor.userId,
    updatedAt: now,
  });
  await store.addEvent(trx, doc.id, now, ctx.actor.userId, 'issued', {
    number,
    entries: postedEntries.map((e) => e.reference),
  });
  await recordAudit(
    trx,
    ctx,
    'invoice.issue',
    { type: 'sales_document', id: doc.id },
    { number, ...totalsColumns(totals) },
  );
  return number;
}

/**
 * Issues a draft invoice. Staff who validate may always; a member only within the activity's cap
 * (incl. VAT), otherwise they ask for a validation. The same Idempotency-Key gives back the first answer.
 */
export async function issueInvoice(ctx: Ctx, id: string, claim: IdempotencyClaim | null = null) {
  const { doc, resource } = await load(ctx, id, 'sales.issue', invoiceKinds);
  if (doc.number !== null) throw refuse('invoice.immutable');
  if (doc.status !== 'draft') throw refuse('invoice.invalid_transition');
  if (!can(ctx.actor, 'sales.validate', resource)) {
    const settings = await store.findActivitySettings(ctx.db, doc.activityId);
    const cap = settings.invoiceSelfIssueCapCents === null ? null : Number(settings.invoiceSelfIssueCapCents);
    if (!mayIssueAlone(cap, Number(doc.totalInclVatCents))) throw refuse('invoice.validation_required');
  }
  return transact(ctx.db, async (trx) => {
    await issueIn(trx, ctx, doc);
    const view = await presentIn(ctx, trx, id);
    await storeIdempotentAnswer(trx, claim, view);
    return view;
  });
}

// ——— Credit notes ———

/**
 * A credit note on an issued invoice, issued at once in its own series: the lines given, or all that
 * remains. Never above what remains per VAT category; an invoice fully credited becomes cancelled.
 */
export async function createCreditNote(
  ctx: Ctx,
  input: CreditNoteInput,
  claim: IdempotencyClaim | null = null,
) {
  const { doc: invoice, resource } = await load(ctx, input.invoiceId, 'sales.issue', invoiceKinds);
  // A member credits alone only on an activity that lets them issue alone; otherwise staff do.
  if (!can(ctx.actor, 'sales.validate', resource)) {
    const settings = await store.findActivitySettings(ctx.db, invoice.activityId);
    if (settings.invoiceSelfIssueCapCents === null) throw refuse('invoice.validation_required');
  }
  if (!invoice.number || !['issued', 'sent', 'partially_paid', 'paid'].includes(invoice.status))
    throw refuse('invoice.invalid_transition', '/invoiceId');
  const day = today(ctx);
  const year = Number(day.slice(0, 4));
  const rows = input.lines ? lineRows(input.lines) : null;
  if (input.lines)
    checkVatForClient(
      input.lines,
      (await store.findClient(ctx.db, invoice.clientId)) as NonNullable<
        Awaited<ReturnType<typeof store.findClient>>
      >,
    );
  return transact(ctx.db, async (trx) => {
    // Credit notes of one invoice queue on its row: two at once cannot both take what remains.
    await store.lockDocument(trx, invoice.id);
    const invoiceLines = storedLines(await store.findLines(trx, invoice.id));
    const invoiceTotals = computeTotals(
      invoiceLines,
      invoice.issueDate as IsoDate,
      (invoice.fixedVat ?? {}) as Partial<Record<VatCategoryKey, Cents>>,
    );
    const earlier = (await store.findRelated(trx, invoice.id)).filter(
      (r) => r.kind === 'credit_note' && r.number,
    );
    const credited = await Promise.all(
      earlier.map(async (c) =>
        computeTotals(
          storedLines(await store.findLines(trx, c.id)),
          c.issueDate as IsoDate,
          (c.fixedVat ?? {}) as Partial<Record<VatCategoryKey, Cents>>,
        ),
      ),
    );
    const left = remainder(invoiceTotals, coveredBy(credited));
    let lines: LineValues[];
    let fixedVat: Partial<Record<VatCategoryKey, Cents>> = {};
    if (rows) lines = rows;
    else {
      const full = fullCreditOf(left);
      if (earlier.length === 0) lines = invoiceLines.map((l) => ({ ...l }));
      else
        lines = full.lines.map((l, i) => ({
          position: i + 1,
          designation: `Solde de la facture ${invoice.number} (${vatCategories[l.vatCategory].label.fr})`,
          description: '',
          quantityMilli: 1000,
          unitCode: 'LS',
          unitPriceCents: l.netCents,
          discountCents: 0,
          netCents: l.netCents,
          vatCategory: l.vatCategory,
        }));
      fixedVat = full.fixedVat;
    }
    const totals = computeTotals(lines, day, fixedVat);
    if (totals.totalInclVatCents <= 0) throw refuse('credit_note.above_remaining', '/lines');
    const issues = checkCreditCeiling(left, totals);
    if (issues.length)
      throw new DomainError(issues[0]?.code as 'credit_note.above_remaining', 'Above what remains', {
        errors: issues.map((i) => ({
          pointer: i.key
            ? `/lines/${Math.max(
                0,
                lines.findIndex((l) => l.vatCategory === i.key),
              )}`
            : '/lines',
          code: i.code,
          message: i.code,
        })),
      });
    const now = ctx.clock().toISOString();
    const id = await store.insertDocument(trx, {
      entityId: invoice.entityId,
      activityId: invoice.activityId,
      clientId: invoice.clientId,
      kind: 'credit_note',
      status: 'draft',
      invoiceId: invoice.id,
      creditReason: input.reason,
      subject: input.reason,
      language: invoice.language,
      fixedVat: JSON.stringify(fixedVat),
      createdBy: ctx.actor.userId,
      ...totalsColumns(totals),
    });
    await store.replaceLines(trx, id, lines);
    const number = formatNumber(
      'credit_note',
      year,
      await store.nextNumber(trx, invoice.entityId, 'credit_note', year),
    );
    const entries = salesEntries(
      {
        entityId: invoice.entityId,
        activityId: invoice.activityId,
        clientId: invoice.clientId,
        number,
        date: day,
        label: `${number} avoir sur ${invoice.number} ${invoice.clientName}`.slice(0, 200),
        credit: true,
      },
      totals,
    ).map((e) => ({ ...e, source: { type: 'sales_document', id } }));
    const posted = await postEntries(trx, ctx.actor, entries, { now: ctx.clock() });
    const feeEntry = await chargeIssuedDocument(
      trx,
      ctx.actor,
      {
        id,
        kind: 'credit_note',
        activityId: invoice.activityId,
        number,
        date: day,
        baseCents: totals.totalExclVatCents,
        invoiceId: invoice.id,
      },
      { now: ctx.clock() },
    );
    if (feeEntry) posted.push(feeEntry);
    await store.updateDocument(trx, id, {
      status: 'issued',
      number,
      issueDate: day,
      journalEntryId: posted[0]?.id ?? null,
      issuedAt: now,
      issuedBy: ctx.actor.userId,
      updatedAt: now,
    });
    await store.addEvent(trx, id, now, ctx.actor.userId, 'issued', {
      number,
      invoice: invoice.number,
      entries: posted.map((e) => e.reference),
    });
    const fully = totals.totalInclVatCents === left.totalInclVatCents;
    if (fully) await store.updateDocument(trx, invoice.id, { status: 'cancelled', updatedAt: now });
    // Guarantee-fund covers on this invoice may not promise more than it still brings (ADR 0016).
    await reduceCoversOnCreditIn(trx, ctx, {
      invoiceId: invoice.id,
      creditNoteId: id,
      creditNoteNumber: number,
      date: day,
    });
    await store.addEvent(trx, invoice.id, now, ctx.actor.userId, fully ? 'cancelled' : 'credited', {
      creditNote: number,
      totalInclVatCents: totals.totalInclVatCents,
    });
    await recordAudit(
      trx,
      ctx,
      'credit_note.issue',
      { type: 'sales_document', id },
      { number, invoice: invoice.number, ...totalsColumns(totals) },
    );
    const view = await presentIn(ctx, trx, id);
    await storeIdempotentAnswer(trx, claim, view);
    return view;
  });
}

export const documentKindsOf = {
  quotes: ['quote'],
  invoices: invoiceKinds,
  creditNotes: ['credit_note'],
} as const;

// ——— Activity setting ———

/** Whether a member of this activity may issue alone, and up to what amount incl. VAT. */
export async function getSalesSettings(ctx: Ctx, activityId: string) {
  await requireActivity(ctx, activityId);
  const s = await store.findActivitySettings(ctx.db, activityId);
  return {
    selfIssueCapCents: s.invoiceSelfIssueCapCents === null ? null : Number(s.invoiceSelfIssueCapCents),
  };
}

/** Set by the activity's advisers or admins, like its fee rate. */
export async function setSalesSettings(ctx: Ctx, activityId: string, selfIssueCapCents: number | null) {
  const before = await getSalesSettings(ctx, activityId);
  await requireActivity(ctx, activityId, 'activity.setFee');
  await transact(ctx.db, async (trx) => {
    await store.updateActivityCap(trx, activityId, selfIssueCapCents, ctx.clock().toISOString());
    await recordAudit(
      trx,
      ctx,
      'activity.sales_settings',
      { type: 'activity', id: activityId },
      {
        selfIssueCapCents: { from: before.selfIssueCapCents, to: selfIssueCapCents },
      },
    );
  });
  return { selfIssueCapCents };
}

/**
 * Continues a series after numbers given elsewhere (a cooperative moving in from another tool, or
 * invoices recorded by hand): the next number will be `lastNumber + 1`. Refused once the series has
 * gone further, so no number is ever given twice. Admins only.
 */
export async function continueSeries(
  ctx: Ctx,
  entityId: string,
  kind: 'quote' | 'invoice' | 'credit_note',
  year: number,
  lastNumber: number,
) {
  if (!can(ctx.actor, 'entity.manage')) throw new DomainError('auth.forbidden', 'Admins only');
  await transact(ctx.db, async (trx) => {
    if (!(await store.raiseSeries(trx, entityId, kind, year, lastNumber)))
      throw new DomainError('resource.conflict', 'The series has already gone further');
    await recordAudit(
      trx,
      ctx,
      'sales.series_continue',
      { type: 'legal_entity', id: entityId },
      { kind, year, lastNumber },
    );
  });
}
