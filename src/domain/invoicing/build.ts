// From the stored document, its entity, client and activity to the `SalesDocument` the renderers
// lay out: every amount computed here, once, by the same rules as the ledger posting.
import type { IsoDate } from '../dates.ts';
import { type Cents, cents } from '../money.ts';
import type { Party, SalesDocument, SalesDocumentKind } from './document.ts';
import { legalMentions, type PaymentTerm } from './rules.ts';
import { computeTotals, type Totals } from './totals.ts';
import type { VatCategoryKey } from './vat.ts';

export type StoredLine = {
  position: number;
  designation: string;
  description: string;
  quantityMilli: number;
  unitCode: string;
  unitPriceCents: Cents;
  discountCents: Cents;
  netCents: Cents;
  vatCategory: VatCategoryKey;
};

export type StoredDocument = {
  kind: SalesDocumentKind;
  number: string | null;
  issueDate: IsoDate | null;
  dueDate: IsoDate | null;
  validUntil: IsoDate | null;
  serviceDate: IsoDate | null;
  lastServiceDate: IsoDate | null;
  subject: string;
  notes: string;
  language: 'fr' | 'en';
  purchaseOrder: string | null;
  buyerReference: string | null;
  paymentTerm: PaymentTerm;
  paymentDays: number;
  prepaidCents: Cents;
  fixedVat: Partial<Record<VatCategoryKey, Cents>>;
  lines: readonly StoredLine[];
};

export type StoredEntity = {
  name: string;
  legalForm: string;
  siren: string;
  vatNumber: string;
  rcsCity: string;
  shareCapitalCents: Cents;
  addressLine: string;
  postalCode: string;
  city: string;
  country: string;
};

export type StoredClient = {
  kind: 'company' | 'association' | 'individual';
  name: string;
  siren: string | null;
  siret: string | null;
  vatNumber: string | null;
  publicSector: boolean;
  email: string | null;
  addressLine: string;
  postalCode: string;
  city: string;
  country: string;
};

export const totalsOf = (d: Pick<StoredDocument, 'lines' | 'fixedVat'>, date: IsoDate): Totals =>
  computeTotals(d.lines, date, d.fixedVat);

const groupSiren = (siren: string) => siren.replace(/(\d{3})(\d{3})(\d{3})/, '$1 $2 $3');

export function sellerParty(e: StoredEntity): Party {
  return {
    name: e.name,
    legalForm: e.legalForm,
    siren: e.siren,
    vatNumber: e.vatNumber,
    registration: `RCS ${e.rcsCity} ${groupSiren(e.siren)}`,
    capitalCents: e.shareCapitalCents,
    address: { line1: e.addressLine, postcode: e.postalCode, city: e.city, country: e.country },
    isBusiness: true,
  };
}

export function buyerParty(c: StoredClient): Party {
  return {
    name: c.name,
    ...(c.siren ? { siren: c.siren } : {}),
    ...(c.siret ? { siret: c.siret } : {}),
    ...(c.vatNumber ? { vatNumber: c.vatNumber } : {}),
    ...(c.email ? { email: c.email } : {}),
    address: { line1: c.addressLine, postcode: c.postalCode, city: c.city, country: c.country },
    isBusiness: c.kind !== 'individual',
    ...(c.publicSector ? { publicSector: true } : {}),
  };
}

const termsText = (d: StoredDocument): string | undefined => {
  if (d.kind === 'quote' || d.kind === 'credit_note') return undefined;
  const en = d.language === 'en';
  if (d.paymentTerm === 'on_receipt') return en ? 'Payable on receipt' : 'Paiement à réception';
  if (d.paymentTerm === 'end_of_month_45')
    return en ? 'Payable 45 days end of month' : 'Paiement à 45 jours fin de mois';
  return en ? `Payable within ${d.paymentDays} days` : `Paiement à ${d.paymentDays} jours`;
};

/** The fully computed document; the date of the rates is the issue date (today for a draft preview). */
export function buildSalesDocument(input: {
  doc: StoredDocument;
  entity: StoredEntity;
  client: StoredClient;
  activity: { code: string; name: string };
  memberName: string;
  precedingInvoice?: { number: string; issueDate: IsoDate };
  /** The entity's account printed on invoices for clients to pay into (BT-84/BT-86). */
  bankAccount?: { iban: string; bic: string | null } | null;
  today: IsoDate;
}): SalesDocument {
  const { doc, entity, client } = input;
  const issueDate = doc.issueDate ?? input.today;
  const totals = totalsOf(doc, issueDate);
  const buyer = buyerParty(client);
  const vatBreakdown = totals.groups.map(({ key: _key, ...g }) => g);
  const legal = legalMentions({
    kind: doc.kind,
    vatBreakdown,
    issueDate,
    buyer,
    language: doc.language,
    ...(input.precedingInvoice ? { precedingInvoice: input.precedingInvoice } : {}),
  });
  const terms = termsText(doc);
  return {
    kind: doc.kind,
    number: doc.number,
    issueDate,
    ...(doc.serviceDate ? { serviceDate: doc.serviceDate } : {}),
    ...(doc.lastServiceDate ? { lastServiceDate: doc.lastServiceDate } : {}),
    ...(doc.dueDate && doc.kind !== 'quote' ? { dueDate: doc.dueDate } : {}),
    ...(doc.kind === 'quote' && doc.validUntil ? { validUntil: doc.validUntil } : {}),
    currency: 'EUR',
    language: doc.language,
    seller: sellerParty(entity),
    buyer,
    ...(doc.purchaseOrder ? { purchaseOrder: doc.purchaseOrder } : {}),
    ...(doc.buyerReference ? { buyerReference: doc.buyerReference } : {}),
    activity: input.activity,
    memberName: input.memberName,
    ...(doc.subject ? { subject: doc.subject } : {}),
    lines: [...doc.lines]
      .sort((a, b) => a.position - b.position)
      .map((l) => {
        const group = totals.groups.find((g) => g.key === l.vatCategory);
        const { key: _k, baseCents: _b, vatCents: _v, ...vat } = group as NonNullable<typeof group>;
        return {
          position: l.position,
          designation: l.designation,
          ...(l.description ? { description: l.description } : {}),
          quantity: l.quantityMilli / 1000,
          unitCode: l.unitCode,
          unitPriceCents: l.unitPriceCents,
          discountCents: l.discountCents,
          netCents: l.netCents,
          vat,
        };
      }),
    vatBreakdown,
    totalExclVatCents: totals.totalExclVatCents,
    totalVatCents: totals.totalVatCents,
    totalInclVatCents: totals.totalInclVatCents,
    prepaidCents: doc.prepaidCents,
    dueCents: cents(totals.totalInclVatCents - doc.prepaidCents),
    ...(input.precedingInvoice ? { precedingInvoice: input.precedingInvoice } : {}),
    ...(terms ? { paymentTermsText: terms } : {}),
    // Invoices tell where to pay and what to quote; quotes and credit notes ask for no payment.
    ...(input.bankAccount && (doc.kind === 'invoice' || doc.kind === 'deposit_invoice')
      ? {
          payment: {
            iban: input.bankAccount.iban,
            ...(input.bankAccount.bic ? { bic: input.bankAccount.bic } : {}),
            accountName: entity.name,
            remittance: doc.number ?? '',
          },
        }
      : {}),
    ...(legal.latePenaltyRateBp !== undefined ? { latePenaltyRateBp: legal.latePenaltyRateBp } : {}),
    ...(legal.recoveryIndemnityCents !== undefined
      ? { recoveryIndemnityCents: legal.recoveryIndemnityCents }
      : {}),
    mentions: legal.mentions,
    ...(doc.notes ? { notes: doc.notes } : {}),
    codedNotes: legal.codedNotes,
  };
}
