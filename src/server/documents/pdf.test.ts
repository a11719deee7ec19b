import { describe, expect, it } from 'vitest';
import { createPdf, formatDate, formatMoney, formatQuantity, formatRate } from './pdf.ts';
import { pdfPages } from './pdf-text.ts';

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

const sample = () => {
  const pdf = createPdf({
    title: 'Relevé',
    language: 'fr',
    createdAt: new Date('2026-11-30T10:00:00Z'),
    footer: 'Coop Exemple — SIREN 123 456 782',
  });
  pdf.header(
    { title: 'Coop Exemple', lines: ['1 rue de la Paix', '59000 Lille'] },
    { title: 'Relevé n° 7', lines: ['30/11/2026'] },
  );
  pdf.paragraph('Œuvres d’art, cœur et €uros : du texte hors Latin-1.');
  pdf.table(
    [
      { header: 'Désignation', width: 0.7 },
      { header: 'Montant', width: 0.3, align: 'right' },
    ],
    Array.from({ length: 80 }, (_, i) => [
      { text: `Ligne ${i + 1}`, detail: 'détail' },
      formatMoney(i * 1001, 'fr'),
    ]),
  );
  pdf.keyValues([{ label: 'Total', value: formatMoney(123456, 'fr'), bold: true }]);
  return pdf.toBytes();
};

describe('PDF kit', () => {
  it('formats money, dates, quantities and rates in French and English', () => {
    expect(formatMoney(123456, 'fr').replace(/\s/g, ' ')).toBe('1 234,56 €');
    expect(formatMoney(123456, 'en')).toBe('€1,234.56');
    expect(formatDate('2026-03-07', 'fr')).toBe('07/03/2026');
    expect(formatDate('2026-03-07', 'en')).toBe('7 Mar 2026');
    expect(formatQuantity(1.5, 'fr')).toBe('1,5');
    expect(formatQuantity(1.5, 'en')).toBe('1.5');
    expect(formatRate(550, 'fr').replace(/\s/g, ' ')).toBe('5,5 %');
    expect(formatRate(2000, 'en')).toBe('20%');
  });

  it('writes the same bytes for the same input, with both fonts embedded', async () => {
    const [a, b] = await Promise.all([sample(), sample()]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const raw = latin1(a);
    expect(raw.startsWith('%PDF-1.7')).toBe(true);
    expect(raw.match(/\/FontFile2/g)?.length).toBe(2);
    expect(raw).toMatch(/DejaVuSansCondensed-Bold/);
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
    expect(raw).toContain('(D:20261130100000Z)');
  });

  it('breaks long tables across pages, repeats the header and numbers the pages', async () => {
    const pages = await pdfPages(await sample());
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((text, i) => {
      expect(text).toContain('Désignation');
      expect(text).toContain(`${i + 1}/${pages.length}`);
      expect(text).toContain('Coop Exemple — SIREN 123 456 782');
    });
    const all = pages.join('\n');
    for (let i = 1; i <= 80; i++) expect(all).toContain(`Ligne ${i}\n`);
    expect(all).toContain('Œuvres d’art, cœur et €uros');
    expect(all).toContain('1 234,56 €');
  });
});
