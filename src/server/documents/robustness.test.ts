// Awkward but valid documents: very long designations and names, 200 lines, characters outside
// Latin-1, control characters pasted from elsewhere, empty notes. Every file still comes out whole.
import { FacturX } from 'factur-x-kit';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { SalesDocument } from '../../domain/invoicing/document.ts';
import { buildCii } from './cii.ts';
import { checkEn16931, readCii, readUbl } from './en16931.ts';
import { ciiSchemaErrors, expectSameMoney } from './expect-einvoice.ts';
import { buildFacturX } from './facturx.ts';
import { pdfPages } from './pdf-text.ts';
import { renderSalesPdf } from './sales-pdf.ts';
import { businessBuyer, sampleInvoice, vat, withTotals } from './samples.ts';
import { buildUbl } from './ubl.ts';

const flat = (text: string) => text.replace(/\s+/g, ' ');

const awkward = (): SalesDocument =>
  withTotals(
    {
      ...sampleInvoice(),
      buyer: {
        ...businessBuyer,
        name: 'Compagnie théâtrale « L’Œil du Cœur » — Société coopérative d’intérêt collectif à responsabilité limitée',
        address: { ...businessBuyer.address, line2: 'Bâtiment Ω, 3ᵉ étage — entrée côté cour' },
      },
      notes: '',
      mentions: [
        ...sampleInvoice().mentions,
        'Œuvre protégée : droits d’auteur réservés ; “copie” interdite.',
      ],
    },
    [
      {
        designation: `Conception${'Scénographique'.repeat(30)}`,
        description: 'Une ligne\nsur deux lignes\tavec tabulation',
        quantity: 1,
        unitCode: 'LS',
        unitPriceCents: 1_000_000,
        vat: vat.standard,
      },
      {
        designation: 'Œuvre d’art — cœur, €, “guillemets”, Łódź, Ærø, Ŧ, ½, ≥',
        quantity: 2.5,
        unitCode: 'HUR',
        unitPriceCents: 4_999,
        vat: vat.reduced,
      },
      {
        designation: 'Texte collé\u0007 avec un caractère de contrôle\u0001',
        quantity: 1,
        unitCode: 'C62',
        unitPriceCents: 100,
        vat: vat.standard,
      },
    ],
  );

describe('awkward documents', () => {
  it('print whole: long unbroken words wrap, non-Latin-1 text survives', async () => {
    const doc = awkward();
    const text = flat((await pdfPages(await renderSalesPdf(doc))).join(' '));
    expect(text).toContain('Œuvre d’art — cœur, €, “guillemets”, Łódź, Ærø, Ŧ, ½, ≥');
    expect(text).toContain('L’Œil du Cœur');
    expect(text).toContain('Bâtiment Ω, 3ᵉ étage');
    expect(text).toContain('Œuvre protégée : droits d’auteur réservés ; “copie” interdite.');
    expect(text.replace(/ /g, '')).toContain(`Conception${'Scénographique'.repeat(30)}`);
    expect(text).toContain('Texte collé avec un caractère de contrôle');
    expect(text).toContain('sur deux lignes avec tabulation');
    for (const control of ['\u0001', '\u0007', '\t']) expect(text.includes(control)).toBe(false);
    expect(text).not.toContain('Notes');
  });

  it('give well-formed CII and UBL without the control characters, rules and totals intact', () => {
    const doc = awkward();
    for (const [xml, read] of [
      [buildCii(doc), readCii],
      [buildUbl(doc), readUbl],
    ] as const) {
      expect(XMLValidator.validate(xml)).toBe(true);
      for (const control of ['\u0001', '\u0007']) expect(xml.includes(control)).toBe(false);
      expect(xml).toContain('Texte collé avec un caractère de contrôle');
      const semantic = read(xml);
      expect(checkEn16931(semantic)).toEqual([]);
      expectSameMoney(doc, semantic);
    }
  });

  it('give a valid Factur-X with 200 lines', async () => {
    const lines = Array.from({ length: 200 }, (_, i) => ({
      designation: `Heure de répétition n° ${i + 1}`,
      quantity: 1 + (i % 4) * 0.5,
      unitCode: 'HUR',
      unitPriceCents: 3_500 + i,
      vat: i % 2 ? vat.standard : vat.intermediate,
    }));
    const doc = withTotals({ ...sampleInvoice() }, lines);
    const bytes = await buildFacturX(doc);
    const pages = await pdfPages(bytes);
    expect(pages.length).toBeGreaterThan(4);
    expect((await FacturX.fromPDF(bytes)).validate()).toEqual({ valid: true });
    expect(readCii(buildCii(doc)).lines).toHaveLength(200);
    expect(await ciiSchemaErrors([buildCii(doc), buildCii(awkward())])).toEqual([]);
  });
});
