// What the CII and UBL writers share: EN 16931 type codes, decimal texts of cents, rates and
// quantities, the notes a document carries (BT-21) and the VAT identifiers it may show.
import { create } from 'xmlbuilder2';
import type { SalesDocument, SalesDocumentKind } from '../../domain/invoicing/document.ts';
import type { BasisPoints, Cents } from '../../domain/money.ts';

/** BT-3 (UNTDID 1001): 380 commercial invoice, 381 credit note, 386 prepayment invoice. */
export const typeCodes: Record<Exclude<SalesDocumentKind, 'quote'>, '380' | '381' | '386'> = {
  invoice: '380',
  credit_note: '381',
  deposit_invoice: '386',
};

/** The e-invoice type code; a quote is not an invoice and has no structured form. */
export const typeCodeOf = (doc: SalesDocument): '380' | '381' | '386' => {
  if (doc.kind === 'quote') throw new RangeError('A quote has no e-invoice form (CII, UBL, Factur-X)');
  if (!doc.number) throw new RangeError('A draft has no number: issue it before building its e-invoice');
  return typeCodes[doc.kind];
};

/** 123456 → "1234.56", −5 → "-0.05": two decimals, a dot, no grouping (EN 16931 amounts). */
export const decimalOf = (amount: Cents): string => {
  const abs = Math.abs(amount);
  return `${amount < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
};

/** 2000 → "20", 550 → "5.5", 210 → "2.1" (BT-119, BT-152). */
export const percentOf = (rate: BasisPoints): string => {
  const fraction = String(rate % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${Math.floor(rate / 100)}${fraction ? `.${fraction}` : ''}`;
};

/** 1.5 → "1.5", 3 → "3": up to three decimals, as quantities are kept. */
export const quantityOf = (quantity: number): string => String(Number(quantity.toFixed(3)));

/** "2026-11-30" → "20261130" (CII date format 102). */
export const compactDate = (date: string): string => date.replaceAll('-', '');

/** BR-O-02: an invoice with a line outside the scope of VAT shows no VAT identifier at all. */
export const showsVatIds = (doc: SalesDocument): boolean => !doc.vatBreakdown.some((g) => g.code === 'O');

/**
 * BR-IC-12: an intra-community supply (K) names the country goods are delivered to. The document
 * has no separate delivery address, so the goods go to the client's address.
 */
export const deliveredToBuyer = (doc: SalesDocument): boolean => doc.vatBreakdown.some((g) => g.code === 'K');

export type DocumentNote = { subject?: string; text: string };

/**
 * BT-21 notes: the coded ones (PMT, PMD, AAB… one per note, as the French rules ask), the member's
 * notes as general information (AAI), and the printed mentions not already carried elsewhere
 * (exemption reasons travel as BT-120) as regulatory information (REG).
 */
export const notesOf = (doc: SalesDocument): DocumentNote[] => {
  const notes: DocumentNote[] = doc.codedNotes.map((n) => ({ subject: n.subject, text: n.text }));
  const carried = new Set([
    ...doc.codedNotes.map((n) => n.text),
    ...doc.vatBreakdown.flatMap((g) => (g.exemptionReason ? [g.exemptionReason] : [])),
  ]);
  if (doc.notes?.trim()) notes.push({ subject: 'AAI', text: doc.notes.trim() });
  for (const mention of doc.mentions) {
    if (!carried.has(mention) && mention.trim()) {
      notes.push({ subject: 'REG', text: mention });
      carried.add(mention);
    }
  }
  return notes;
};

/** BT-20: the terms as written, or for a credit note without terms the invoice it corrects (BR-CO-25). */
export const paymentTermsOf = (doc: SalesDocument): string | undefined =>
  doc.paymentTermsText?.trim() ||
  (doc.kind === 'credit_note' && doc.precedingInvoice && !doc.dueDate
    ? (doc.language === 'fr' ? 'Avoir sur la facture ' : 'Credit note for invoice ') +
      doc.precedingInvoice.number
    : undefined);

/** BT-33: legal form and capital, and the registry, as one line. */
export const sellerLegalInfo = (
  doc: SalesDocument,
  formatCapital: (c: Cents) => string,
): string | undefined => {
  const s = doc.seller;
  const form =
    s.legalForm && s.capitalCents !== undefined
      ? `${s.legalForm}, ${doc.language === 'fr' ? 'capital' : 'share capital'} ${formatCapital(s.capitalCents)}`
      : s.legalForm;
  const parts = [form, s.registration].filter((p): p is string => Boolean(p));
  return parts.length ? parts.join(' — ') : undefined;
};

/** Characters XML 1.0 cannot carry (C0 controls but tab and line breaks, lone surrogates, U+FFFE/F). */
const notXml = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const cleaned = (node: unknown): unknown => {
  if (typeof node === 'string') return node.replace(notXml, '');
  if (Array.isArray(node)) return node.map(cleaned);
  if (node && typeof node === 'object')
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, cleaned(value)]));
  return node;
};

/**
 * The XML text (UTF-8, indented) of a tree in xmlbuilder2's object form; what people typed loses the
 * characters XML cannot carry, which xmlbuilder2 would otherwise write as they are.
 */
export const xmlOf = (tree: Record<string, unknown>): string =>
  create({ version: '1.0', encoding: 'UTF-8' }, cleaned(tree) as Record<string, unknown>)
    .end({ prettyPrint: true })
    // xmlbuilder2 writes an '&' that looks like an entity ('&m;') as it is: XML knows only its five
    // and character references, so any other '&' is escaped to keep the file well formed.
    .replace(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g, '&amp;');
