import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fecAmount, fecColumns, fecDate, fecFileName, fecHeader, fecText, formatFecLine } from './fec.ts';

describe('FEC formats (LPF art. A47 A-1)', () => {
  it('writes amounts with a decimal comma and no thousands separator', () => {
    expect(fecAmount(0)).toBe('0,00');
    expect(fecAmount(5)).toBe('0,05');
    expect(fecAmount(120_000)).toBe('1200,00');
    expect(fecAmount(123_456_789)).toBe('1234567,89');
    expect(fecAmount(-5)).toBe('-0,05');
  });

  it('reads back every amount it writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (c) => {
        const text = fecAmount(c);
        expect(text).toMatch(/^-?\d+,\d{2}$/);
        expect(Math.round(Number(text.replace(',', '.')) * 100)).toBe(c);
      }),
    );
  });

  it('writes dates AAAAMMJJ', () => {
    expect(fecDate('2026-11-20')).toBe('20261120');
  });

  it('takes separators, tabs and line breaks out of labels', () => {
    expect(fecText('Câble | XLR\r\nrouge\tnoir ')).toBe('Câble XLR rouge noir');
    expect(fecText(null)).toBe('');
  });

  it('writes the 18 legal fields in order, then the analytic one, ending with CRLF', () => {
    expect(fecHeader()).toBe(`${fecColumns.join('|')}\r\n`);
    expect(fecColumns.slice(0, 18)).toEqual([
      'JournalCode',
      'JournalLib',
      'EcritureNum',
      'EcritureDate',
      'CompteNum',
      'CompteLib',
      'CompAuxNum',
      'CompAuxLib',
      'PieceRef',
      'PieceDate',
      'EcritureLib',
      'Debit',
      'Credit',
      'EcritureLet',
      'DateLet',
      'ValidDate',
      'Montantdevise',
      'Idevise',
    ]);
    const line = formatFecLine({
      journalCode: 'VE',
      journalLabel: 'Ventes',
      entryReference: 'VE-2026-000042',
      entryDate: '2026-11-20',
      accountNumber: '411',
      accountLabel: 'Clients',
      auxiliaryCode: 'C000001',
      auxiliaryLabel: 'Client | SAS',
      pieceRef: 'FA-2026-000042',
      pieceDate: '2026-11-20',
      label: 'Facture\nFA-2026-000042',
      debitCents: 120_000,
      creditCents: 0,
      validDate: '2026-11-21',
      activityCode: 'a1',
    });
    expect(line).toBe(
      'VE|Ventes|VE-2026-000042|20261120|411|Clients|C000001|Client SAS|FA-2026-000042|20261120|Facture FA-2026-000042|1200,00|0,00|||20261121|||a1\r\n',
    );
  });

  it('names the file after the SIREN and the closing date', () => {
    expect(fecFileName('842193757', '2026-12-31')).toBe('842193757FEC20261231.txt');
  });
});
