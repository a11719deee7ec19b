// What a sales document says, fully computed: the one shape handed from the sales rules to the
// renderers (visual PDF, CII, UBL, Factur-X). Renderers lay it out and never compute money.
import type { IsoDate } from '../dates.ts';
import type { BasisPoints, Cents } from '../money.ts';

/** EN 16931 VAT category (UNTDID 5305): S standard, Z zero, E exempt, AE reverse charge,
 * K intra-EU exempt supply, G export outside the EU, O outside the scope of VAT. */
export type VatCategoryCode = 'S' | 'Z' | 'E' | 'AE' | 'K' | 'G' | 'O';

export type VatCategory = {
  code: VatCategoryCode;
  rateBp: BasisPoints;
  /** BT-120 / BT-121: the legal basis printed on the document and its VATEX code, for E, AE, K, G, O. */
  exemptionReason?: string;
  exemptionCode?: string;
};

/** 380 commercial invoice, 381 credit note, 386 prepayment (deposit) invoice; a quote has no code. */
export type SalesDocumentKind = 'quote' | 'invoice' | 'deposit_invoice' | 'credit_note';

export type PostalAddress = {
  line1: string;
  line2?: string;
  postcode: string;
  city: string;
  /** ISO 3166-1 alpha-2, capitals. */
  country: string;
};

export type Party = {
  name: string;
  /** "SCIC SA à capital variable", "SAS"… */
  legalForm?: string;
  siren?: string;
  siret?: string;
  vatNumber?: string;
  /** "RCS Lille Métropole 123 456 782" */
  registration?: string;
  capitalCents?: Cents;
  address: PostalAddress;
  email?: string;
  /** Business (B2B, B2G) or private person: drives mentions and Factur-X fields. */
  isBusiness: boolean;
  publicSector?: boolean;
};

export type SalesDocumentLine = {
  position: number;
  designation: string;
  description?: string;
  /** Up to three decimals (1.5 days). */
  quantity: number;
  /** UN/ECE Rec. 20 code: C62 unit, HUR hour, DAY day, MON month, LS lump sum. */
  unitCode: string;
  unitPriceCents: Cents;
  /** Line discount, excl. VAT, already in cents. */
  discountCents: Cents;
  /** quantity × unit price − discount, rounded half-up to the cent. */
  netCents: Cents;
  vat: VatCategory;
};

export type VatBreakdown = VatCategory & { baseCents: Cents; vatCents: Cents };

export type SalesDocument = {
  kind: SalesDocumentKind;
  /** Null only for a draft or a quote preview: an issued invoice or credit note always has one. */
  number: string | null;
  issueDate: IsoDate;
  /** Date (or first day) of the service; lastServiceDate for a period. */
  serviceDate?: IsoDate;
  lastServiceDate?: IsoDate;
  dueDate?: IsoDate;
  /** Quotes only. */
  validUntil?: IsoDate;
  currency: 'EUR';
  language: 'fr' | 'en';
  seller: Party;
  buyer: Party;
  /** BT-13 purchase order and BT-10 buyer reference, when the client gave them. */
  purchaseOrder?: string;
  buyerReference?: string;
  /** The activity and member the document belongs to (printed as reference). */
  activity: { code: string; name: string };
  memberName: string;
  subject?: string;
  lines: SalesDocumentLine[];
  vatBreakdown: VatBreakdown[];
  totalExclVatCents: Cents;
  totalVatCents: Cents;
  totalInclVatCents: Cents;
  /** Deposits already invoiced and deducted (balance invoice), and what remains to pay. */
  prepaidCents: Cents;
  dueCents: Cents;
  /** Credit notes: BT-25 / BT-26, the invoice corrected. */
  precedingInvoice?: { number: string; issueDate: IsoDate };
  /** Where to pay: the entity's bank account (BT-84/BT-86) and the remittance to quote. */
  payment?: { iban: string; bic?: string; accountName: string; remittance: string };
  paymentTermsText?: string;
  /** Late-payment penalty rate (C. com. L441-10), basis points a year; business clients only. */
  latePenaltyRateBp?: BasisPoints;
  /** Fixed recovery indemnity (C. com. D441-5: 40 €); business clients only. */
  recoveryIndemnityCents?: Cents;
  /** Legal mentions in the order they are printed (exemption basis, reverse charge, "pas d'escompte"…). */
  mentions: string[];
  /** Free notes of the member. */
  notes?: string;
  /** Factur-X BT-21 coded notes: PMT (indemnity), PMD (penalties), AAB (early-payment discount). */
  codedNotes: { subject: 'PMT' | 'PMD' | 'AAB' | 'AAI' | 'REG'; text: string }[];
};
