import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIban, ibanHint, maskIban, validateBic, validateIban } from './bank.ts';

const validIbans = [
  'FR7630006000011234567890189',
  'BE68539007547034',
  'DE89370400440532013000',
  'NL91ABNA0417164300',
  'GB82WEST12345698765432',
];

describe('validateIban', () => {
  it('accepts valid IBANs in any usual spelling and returns the electronic format', () => {
    for (const iban of validIbans) expect(validateIban(iban)).toEqual({ ok: true, iban });
    expect(validateIban('fr76 3000 6000 0112 3456 7890 189')).toEqual({
      ok: true,
      iban: 'FR7630006000011234567890189',
    });
    expect(validateIban(' BE68-5390-0754-7034 ')).toEqual({ ok: true, iban: 'BE68539007547034' });
    expect(validateIban('DE89.3704.0044.0532.0130.00')).toEqual({ ok: true, iban: 'DE89370400440532013000' });
    expect(validateIban('DE89\u00a03704\u00a00044\u00a00532\u00a00130\u00a000').ok).toBe(true);
  });

  it('rejects bad checksums, lengths and countries', () => {
    const invalid = { ok: false, code: 'iban.invalid' };
    expect(validateIban('FR7630006000011234567890188')).toEqual(invalid);
    expect(validateIban('FR7730006000011234567890189')).toEqual(invalid);
    expect(validateIban('BE68539007547035')).toEqual(invalid);
    expect(validateIban('DE88370400440532013000')).toEqual(invalid);
    expect(validateIban('DE8937040044053201300')).toEqual(invalid);
    expect(validateIban('XX89370400440532013000')).toEqual(invalid);
    expect(validateIban('')).toEqual(invalid);
    expect(validateIban('not an iban')).toEqual(invalid);
  });

  it('rejects any single changed digit', () => {
    // ISO 7064 mod 97-10 catches every single substitution.
    fc.assert(
      fc.property(
        fc.constantFrom(...validIbans),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (iban, at, shift) => {
          const digitPositions = [...iban].flatMap((c, i) => (i >= 2 && /\d/.test(c) ? [i] : []));
          const i = digitPositions[at % digitPositions.length] as number;
          const changed = String((Number(iban.charAt(i)) + shift) % 10);
          expect(validateIban(`${iban.slice(0, i)}${changed}${iban.slice(i + 1)}`).ok).toBe(false);
        },
      ),
    );
  });
});

describe('validateBic', () => {
  it('accepts 8 and 11 character BICs of known countries', () => {
    expect(validateBic('BNPAFRPP')).toEqual({ ok: true, bic: 'BNPAFRPP' });
    expect(validateBic('bnpa fr pp xxx')).toEqual({ ok: true, bic: 'BNPAFRPPXXX' });
    expect(validateBic('DEUTDEFF500')).toEqual({ ok: true, bic: 'DEUTDEFF500' });
    expect(validateBic('CCBPFRPPNAN')).toEqual({ ok: true, bic: 'CCBPFRPPNAN' });
  });

  it('rejects malformed BICs', () => {
    const invalid = { ok: false, code: 'bic.invalid' };
    expect(validateBic('')).toEqual(invalid);
    expect(validateBic('BNP4FRPP')).toEqual(invalid);
    expect(validateBic('BNPAFRP')).toEqual(invalid);
    expect(validateBic('BNPAFRPPXX')).toEqual(invalid);
    expect(validateBic('BNPAFRPPXXXX')).toEqual(invalid);
    expect(validateBic('BNPAZZPP')).toEqual(invalid);
  });
});

describe('display', () => {
  it('formats in groups of 4', () => {
    expect(formatIban('FR7630006000011234567890189')).toBe('FR76 3000 6000 0112 3456 7890 189');
    expect(formatIban('be68 5390 0754 7034')).toBe('BE68 5390 0754 7034');
  });

  it('masks all but the country, check digits and last 4', () => {
    expect(maskIban('FR7630006000011234567890189')).toBe('FR76 •••• •••• •••• •••• •••0 189');
    expect(maskIban('BE68 5390 0754 7034')).toBe('BE68 •••• •••• 7034');
    expect(maskIban('DE89370400440532013000')).toBe('DE89 •••• •••• •••• ••30 00');
    expect(maskIban('FR76')).toBe('••••');
  });

  it('gives a short hint', () => {
    expect(ibanHint('FR7630006000011234567890189')).toBe('FR76…0189');
    expect(ibanHint('be68 5390 0754 7034')).toBe('BE68…7034');
    expect(ibanHint('FR76')).toBe('…');
  });

  it('never shows more than the hint', () => {
    const iban = fc.string({
      unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'),
      minLength: 9,
      maxLength: 34,
    });
    fc.assert(
      fc.property(iban, (e) => {
        const masked = maskIban(e);
        expect(masked.replace(/ /g, '')).toHaveLength(e.length);
        expect(masked.replace(/[ •]/g, '')).toBe(`${e.slice(0, 4)}${e.slice(-4)}`);
        expect(ibanHint(e).replace('…', '')).toBe(`${e.slice(0, 4)}${e.slice(-4)}`);
        expect(masked).toBe(formatIban(`${e.slice(0, 4)}${'•'.repeat(e.length - 8)}${e.slice(-4)}`));
      }),
    );
  });
});
