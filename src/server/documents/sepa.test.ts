// The SEPA credit-transfer builder against the official pain.001.001.09 XSD (EPC, 2023).
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { type CreditTransferBatch, sepaCreditTransfers, sepaText } from './sepa.ts';

const xsd = () => readFile(new URL('./schemas/pain.001.001.09.xsd', import.meta.url), 'utf8');
const validate = async (xml: string) =>
  (await validateXML({ xml: [{ fileName: 'batch.xml', contents: xml }], schema: [await xsd()] })).errors.map(
    (e) => e.rawMessage,
  );

const batch: CreditTransferBatch = {
  messageId: 'SAL202611-0a1b2c3d',
  createdAt: new Date('2026-11-30T09:00:00Z'),
  executionDate: '2026-12-02',
  debtor: { name: 'Commune Création SCIC', iban: 'FR76 4255 9100 0008 0112 3456 155', bic: 'CCOPFRPPXXX' },
  transfers: [
    {
      endToEndId: 'SAL-2026-11-M000123',
      creditorName: 'Léa Martin',
      creditorIban: 'FR7630006000011234567890189',
      amountCents: 195_705,
      remittance: 'Salaire 2026-11 — Commune Création SCIC',
    },
    {
      endToEndId: 'NDF-2026-037',
      creditorName: 'Karim Benali',
      creditorIban: 'BE68539007547034',
      creditorBic: 'GKCCBEBB',
      amountCents: 31_240,
      remittance: 'Note de frais n° 37 (déplacements)',
    },
  ],
};

describe('SEPA credit transfers', () => {
  it('writes a batch that validates against the XSD, with every amount and the control sum', async () => {
    const xml = sepaCreditTransfers(batch);
    expect(await validate(xml)).toEqual([]);
    expect(xml).toContain('<NbOfTxs>2</NbOfTxs>');
    expect(xml).toContain('<CtrlSum>2269.45</CtrlSum>');
    expect(xml).toContain('<InstdAmt Ccy="EUR">1957.05</InstdAmt>');
    expect(xml).toContain('<InstdAmt Ccy="EUR">312.40</InstdAmt>');
    expect(xml).toContain('<IBAN>FR7642559100000801123456155</IBAN>');
    expect(xml).toContain('<Nm>Lea Martin</Nm>');
    expect(xml).toContain('<Ustrd>Note de frais n 37 (deplacements)</Ustrd>');
    // DOMAIN.md §5: a purpose code would break the XSD's order.
    expect(xml).not.toContain('<Purp>');
  });

  it('keeps ids within 35 characters for a large batch', async () => {
    const many = {
      ...batch,
      transfers: Array.from(
        { length: 120 },
        (_, i) => ({ ...batch.transfers[0], endToEndId: `SAL-2026-11-${i}` }) as (typeof batch.transfers)[0],
      ),
    };
    expect(await validate(sepaCreditTransfers(many))).toEqual([]);
  });

  it('refuses an empty batch or an amount that is not positive', () => {
    expect(() => sepaCreditTransfers({ ...batch, transfers: [] })).toThrow(RangeError);
    expect(() =>
      sepaCreditTransfers({
        ...batch,
        transfers: [{ ...(batch.transfers[0] as CreditTransferBatch['transfers'][0]), amountCents: 0 }],
      }),
    ).toThrow(RangeError);
  });

  it('writes text in the EPC basic Latin set', () => {
    expect(sepaText('Chloé Lefèvre & Cie — « spectacle »', 70)).toBe('Chloe Lefevre Cie spectacle');
    expect(sepaText('l’été', 70)).toBe("l'ete");
  });
});
