import { describe, expect, it } from 'vitest';
import type { SalesDocument } from '../../domain/invoicing/document.ts';
import { formatDate, formatMoney } from './pdf.ts';
import { pdfPages } from './pdf-text.ts';
import { renderSalesPdf } from './sales-pdf.ts';
import {
  allSamples,
  sampleCreditNote,
  sampleExemptBalanceInvoice,
  sampleInvoice,
  sampleQuote,
  seller,
  vat,
  withTotals,
} from './samples.ts';

/** Whitespace made single spaces, so that wrapped lines still read as one phrase. */
const flat = (text: string) => text.replace(/\s+/g, ' ');
const textOf = async (doc: SalesDocument) => flat((await pdfPages(await renderSalesPdf(doc))).join(' '));

const expectAll = (text: string, parts: string[]) => {
  const missing = parts.map(flat).filter((p) => !text.includes(p));
  expect(missing).toEqual([]);
};

describe('sales PDF', () => {
  it('prints every mandatory mention of a business invoice', async () => {
    const doc = sampleInvoice();
    const text = await textOf(doc);
    const m = (c: number) => flat(formatMoney(c, 'fr'));
    expectAll(text, [
      'FACTURE',
      'N° FA-2026-000042',
      'Date d’émission : 30/11/2026',
      'Prestation du 02/11/2026 au 27/11/2026',
      'Échéance : 30/12/2026',
      // seller identity (CGI 242 nonies A, C. com. R123-237)
      'Coop Exemple',
      'SCIC SA à capital variable au capital de 15 200,00 €',
      '12 rue des Arts',
      '59000 Lille',
      'SIREN 123 456 782',
      'SIRET 123 456 782 00017',
      'RCS Lille Métropole 123 456 782',
      'N° TVA intracommunautaire FR11123456782',
      // buyer identity
      'Théâtre du Nord SARL',
      '4 place du Général de Gaulle',
      '59800 Lille',
      'SIRET 732 829 320 00074',
      'N° TVA intracommunautaire FR40732829320',
      'Activité : LIL-0042 — Régie son et lumière',
      'Prestation réalisée par : Léa Martin',
      'Bon de commande : BC-2026-118',
      'Référence client : SERVICE-TECHNIQUE',
      'Objet : Régie son du spectacle « Les Œuvres vives », novembre 2026',
      // line columns
      'Désignation',
      'P.U. HT',
      'Remise HT',
      'Montant HT',
      // totals
      `Total HT ${m(doc.totalExclVatCents)}`,
      `Total TVA ${m(doc.totalVatCents)}`,
      `Total TTC ${m(doc.totalInclVatCents)}`,
      `Net à payer ${m(doc.dueCents)}`,
      // payment
      'À régler au plus tard le 30/12/2026.',
      'IBAN FR76 3000 6000 0112 3456 7890 189 — BIC AGRIFRPPXXX',
      'Référence à indiquer avec le virement : FA-2026-000042',
      'Pas d’escompte pour paiement anticipé.',
      'pénalités au taux annuel de 12,15 %',
      'Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : 40,00 €',
      ...doc.mentions,
    ]);
    for (const line of doc.lines) {
      expectAll(text, [line.designation, m(line.unitPriceCents), m(line.netCents)]);
      if (line.description) expectAll(text, [line.description]);
    }
    for (const g of doc.vatBreakdown) expectAll(text, [`${m(g.baseCents)} ${m(g.vatCents)}`]);
  });

  it('prints the corrected invoice on a credit note, and no payment request', async () => {
    const doc = sampleCreditNote();
    const text = await textOf(doc);
    expectAll(text, ['AVOIR', 'N° AV-2026-000007', 'Avoir sur la facture FA-2026-000042 du 30/11/2026']);
    expectAll(text, [`Montant de l’avoir TTC ${flat(formatMoney(doc.totalInclVatCents, 'fr'))}`]);
    expect(text).not.toContain('Net à payer');
    expect(text).not.toContain('IBAN');
  });

  it('prints validity and an acceptance area on a quote, without penalties for a private client', async () => {
    const text = await textOf(sampleQuote());
    expectAll(text, [
      'DEVIS',
      'N° DE-2026-000113',
      'Valable jusqu’au : 30/12/2026',
      'Bon pour accord',
      'Signature :',
    ]);
    expect(text).not.toContain('pénalités');
    expectAll(text, ['Camille Lefèvre', '59650 Villeneuve-d’Ascq']);
  });

  it('speaks English when the document does, with deposits deducted', async () => {
    const doc = sampleExemptBalanceInvoice();
    const text = await textOf(doc);
    expectAll(text, [
      'INVOICE',
      'No. FA-2026-000057',
      'Issue date: 10 Dec 2026',
      'Due date: 9 Jan 2027',
      'Exempt',
      `Deposits already invoiced -€600.00`,
      `Amount due ${formatMoney(doc.dueCents, 'en')}`,
      'art. 261-4-4° a du CGI',
    ]);
  });

  it('adds the penalty, indemnity and discount notices the fields call for when the mentions lack them', async () => {
    const doc = { ...sampleInvoice(), mentions: [], codedNotes: [] };
    expectAll(await textOf(doc), [
      'Pas d’escompte pour paiement anticipé.',
      'pénalités au taux annuel de 12,15 %',
      'frais de recouvrement en cas de retard de paiement : 40,00 €',
    ]);
  });

  it('runs over several pages with the table header repeated, totals once at the end', async () => {
    const many = withTotals(
      { ...sampleInvoice(), notes: '' },
      Array.from({ length: 200 }, (_, i) => ({
        designation: `Prestation n° ${i + 1} — ${'très longue désignation œuvre’s € '.repeat(i % 7 === 0 ? 6 : 1)}`,
        quantity: (i % 5) + 0.25,
        unitCode: 'HUR',
        unitPriceCents: 1234 + i,
        vat: i % 3 === 0 ? vat.reduced : vat.standard,
      })),
    );
    const pages = (await pdfPages(await renderSalesPdf(many))).map(flat);
    expect(pages.length).toBeGreaterThan(5);
    pages.forEach((page, i) => {
      expect(page).toContain('Désignation');
      expect(page).toContain(`${i + 1}/${pages.length}`);
      expect(page).toContain('SIREN 123 456 782');
      if (i > 0) expect(page).toContain('Facture FA-2026-000042 — Théâtre du Nord SARL');
    });
    const all = pages.join(' ');
    for (let i = 1; i <= 200; i++) expect(all).toContain(`Prestation n° ${i} —`);
    expect(all.match(/Net à payer/g)?.length).toBe(1);
    expect(pages.at(-1)).toContain(`Net à payer ${flat(formatMoney(many.dueCents, 'fr'))}`);
  });

  it('renders every sample the same way twice, with nothing but the seller’s fonts', async () => {
    for (const doc of allSamples()) {
      const [a, b] = await Promise.all([renderSalesPdf(doc), renderSalesPdf(doc)]);
      expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
      expect(Buffer.from(a).toString('latin1')).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
      expect(flat((await pdfPages(a)).join(' '))).toContain(formatDate(doc.issueDate, doc.language));
    }
  });

  it('prints a draft without a number and empty optional fields without gaps', async () => {
    const text = await textOf({
      ...sampleInvoice(),
      number: null,
      notes: '',
      subject: undefined,
      seller: { ...seller, email: undefined, registration: undefined },
    });
    expect(text).toContain('Brouillon — sans numéro');
    expect(text).not.toContain('Notes');
    expect(text).not.toContain('undefined');
  });
});
