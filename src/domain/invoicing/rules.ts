// Sales rules that are not money: numbers of each series, due dates, legal mentions per client,
// BT-21 coded notes and the life cycle of quotes and invoices.
import { addDays, type IsoDate } from '../dates.ts';
import type { BasisPoints, Cents } from '../money.ts';
import type { Party, SalesDocument } from './document.ts';

// ——— Numbers ———

/** One continuous series per entity, kind and calendar year (CGI ann. II art. 242 nonies A, 7°). */
export const seriesKinds = ['quote', 'invoice', 'credit_note'] as const;
export type SeriesKind = (typeof seriesKinds)[number];

export const seriesPrefix: Record<SeriesKind, string> = { quote: 'DE', invoice: 'FA', credit_note: 'AV' };

/** `FA-2026-000042`: prefix, year of issue, number in the year padded to six digits. */
export const formatNumber = (kind: SeriesKind, year: number, n: number): string =>
  `${seriesPrefix[kind]}-${year}-${String(n).padStart(6, '0')}`;

export const numberPattern = /^(DE|FA|AV)-(\d{4})-(\d{6,})$/;

export function parseNumber(number: string): { kind: SeriesKind; year: number; n: number } | null {
  const m = numberPattern.exec(number);
  if (!m) return null;
  const kind = (Object.entries(seriesPrefix).find(([, p]) => p === m[1]) as [SeriesKind, string])[0];
  return { kind, year: Number(m[2]), n: Number(m[3]) };
}

// ——— Payment terms and due dates (C. com. L441-10) ———

export const paymentTerms = ['on_receipt', 'days', 'end_of_month_45'] as const;
export type PaymentTerm = (typeof paymentTerms)[number];

/** Longest term that may be agreed: 60 days from the invoice date (or 45 days end of month). */
export const maxPaymentDays = 60;

const endOfMonth = (date: IsoDate): IsoDate => {
  const d = new Date(`${date}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
};

/**
 * Due date of an invoice issued on `issueDate`. "45 days end of month" is read as the usual
 * practice: 45 days after the invoice date, then the end of that month.
 */
export function dueDate(issueDate: IsoDate, term: PaymentTerm, days = 30): IsoDate {
  if (term === 'on_receipt') return issueDate;
  if (term === 'end_of_month_45') return endOfMonth(addDays(issueDate, 45));
  return addDays(issueDate, Math.min(Math.max(days, 0), maxPaymentDays));
}

// ——— Legal mentions and coded notes ———

/** C. com. D441-5: 40 € fixed recovery indemnity, owed by business clients paying late. */
export const recoveryIndemnityCents: Cents = 4000;

/**
 * Late-payment penalty rate (C. com. L441-10 II): the ECB refinancing rate + 10 points, the rate of
 * 1 January for the first half-year and of 1 July for the second. Dated data with its source.
 */
export const latePenaltyRates: readonly { validFrom: IsoDate; rateBp: BasisPoints; source: string }[] = [
  {
    validFrom: '2026-01-01',
    rateBp: 1215,
    source: 'BCE taux de refinancement 2,15 % + 10 points (C. com. L441-10)',
  },
  {
    validFrom: '2026-07-01',
    rateBp: 1215,
    source: 'BCE taux de refinancement 2,15 % + 10 points (C. com. L441-10)',
  },
];

export const latePenaltyRateOn = (date: IsoDate): BasisPoints =>
  [...latePenaltyRates]
    .filter((r) => r.validFrom <= date)
    .sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))[0]?.rateBp ?? 1215;

export type BuyerKind = 'private' | 'business' | 'public' | 'eu_business' | 'foreign_business';

const euCountries = new Set(
  'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' '),
);
export const isEuCountry = (country: string) => euCountries.has(country.toUpperCase());

export function buyerKind(buyer: Pick<Party, 'isBusiness' | 'publicSector' | 'address'>): BuyerKind {
  if (!buyer.isBusiness) return 'private';
  if (buyer.publicSector) return 'public';
  if (buyer.address.country === 'FR') return 'business';
  return isEuCountry(buyer.address.country) ? 'eu_business' : 'foreign_business';
}

type MentionInput = Pick<SalesDocument, 'kind' | 'vatBreakdown' | 'issueDate' | 'precedingInvoice'> & {
  buyer: Pick<Party, 'isBusiness' | 'publicSector' | 'address'>;
  language: 'fr' | 'en';
};

const fr = (n: number) => (n / 100).toFixed(2).replace('.', ',');

/**
 * The legal mentions printed on a document and its BT-21 coded notes, per client type:
 * business clients get the penalty rate (PMD) and the 40 € indemnity (PMT); every invoice states
 * that no early-payment discount is granted (AAB); exemptions and reverse charge state their basis.
 */
export function legalMentions(d: MentionInput): {
  mentions: string[];
  codedNotes: SalesDocument['codedNotes'];
  latePenaltyRateBp?: BasisPoints;
  recoveryIndemnityCents?: Cents;
} {
  const mentions: string[] = [];
  const codedNotes: SalesDocument['codedNotes'] = [];
  for (const g of d.vatBreakdown)
    if (g.exemptionReason && !mentions.includes(g.exemptionReason)) mentions.push(g.exemptionReason);
  if (d.vatBreakdown.some((g) => g.code === 'AE')) mentions.push('Autoliquidation');
  if (d.kind === 'quote') return { mentions, codedNotes };
  if (d.kind === 'credit_note' && d.precedingInvoice)
    mentions.push(
      d.language === 'en'
        ? `Credit note on invoice ${d.precedingInvoice.number} of ${d.precedingInvoice.issueDate}`
        : `Avoir sur la facture ${d.precedingInvoice.number} du ${d.precedingInvoice.issueDate.split('-').reverse().join('/')}`,
    );
  const kind = buyerKind(d.buyer);
  const aab = 'Pas d’escompte pour paiement anticipé.';
  mentions.push(aab);
  codedNotes.push({ subject: 'AAB', text: aab });
  if (kind === 'private') return { mentions, codedNotes };
  const rateBp = latePenaltyRateOn(d.issueDate);
  const pmd = `En cas de retard de paiement, pénalités au taux annuel de ${fr(rateBp)} % (taux BCE + 10 points, art. L441-10 du Code de commerce).`;
  const pmt = `Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : ${fr(recoveryIndemnityCents)} € (art. D441-5 du Code de commerce).`;
  mentions.push(pmd, pmt);
  codedNotes.push({ subject: 'PMD', text: pmd }, { subject: 'PMT', text: pmt });
  if (kind === 'public') mentions.push('Client public : facture déposée sur Chorus Pro.');
  return { mentions, codedNotes, latePenaltyRateBp: rateBp, recoveryIndemnityCents };
}

/** What a business invoice needs from its client before it can be issued. */
export function missingBuyerIds(buyer: Party): ('siren' | 'vatNumber')[] {
  const kind = buyerKind(buyer);
  if (kind === 'business' || kind === 'public') return buyer.siren ? [] : ['siren'];
  if (kind === 'eu_business') return buyer.vatNumber ? [] : ['vatNumber'];
  return [];
}

// ——— Life cycles ———

export const quoteStatuses = ['draft', 'sent', 'accepted', 'refused', 'expired'] as const;
export type QuoteStatus = (typeof quoteStatuses)[number];

export const invoiceStatuses = [
  'draft',
  'awaiting_validation',
  'issued',
  'sent',
  'partially_paid',
  'paid',
  'overdue',
  'cancelled',
] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];
/** What is stored; `overdue` and `expired` are read from the dates. */
export type StoredInvoiceStatus = Exclude<InvoiceStatus, 'overdue'>;
export type StoredQuoteStatus = Exclude<QuoteStatus, 'expired'>;

const quoteMoves: Record<StoredQuoteStatus, readonly StoredQuoteStatus[]> = {
  draft: ['sent'],
  sent: ['accepted', 'refused', 'sent'],
  accepted: [],
  refused: [],
};

const invoiceMoves: Record<StoredInvoiceStatus, readonly StoredInvoiceStatus[]> = {
  draft: ['awaiting_validation', 'issued'],
  awaiting_validation: ['draft', 'issued'],
  issued: ['sent', 'partially_paid', 'paid', 'cancelled'],
  sent: ['sent', 'partially_paid', 'paid', 'cancelled'],
  partially_paid: ['paid', 'cancelled'],
  paid: [],
  cancelled: [],
};

export const canMoveQuote = (from: StoredQuoteStatus, to: StoredQuoteStatus) => quoteMoves[from].includes(to);
export const canMoveInvoice = (from: StoredInvoiceStatus, to: StoredInvoiceStatus) =>
  invoiceMoves[from].includes(to);

/** A sent quote past its validity date shows as expired and can no longer be accepted. */
export const quoteStatusOn = (stored: StoredQuoteStatus, validUntil: IsoDate, today: IsoDate): QuoteStatus =>
  stored === 'sent' && validUntil < today ? 'expired' : stored;

/** An issued invoice not paid by its due date shows as overdue. */
export const invoiceStatusOn = (
  stored: StoredInvoiceStatus,
  due: IsoDate | null,
  today: IsoDate,
): InvoiceStatus =>
  (stored === 'issued' || stored === 'sent' || stored === 'partially_paid') && due !== null && due < today
    ? 'overdue'
    : stored;

/** Whether a member may issue alone: the activity allows it up to a cap (incl. VAT); null: never. */
export const mayIssueAlone = (capCents: Cents | null, totalInclVatCents: Cents) =>
  capCents !== null && totalInclVatCents <= capCents;
