import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  frenchVatNumber,
  isValidSiren,
  isValidSiret,
  luhnValid,
  normalizeSiren,
  sirenFromSiret,
  validateVatNumber,
  vatCountries,
} from './company-ids.ts';

const digits = (length: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length });

const luhnCompleted = (prefix: string): string => {
  const check = [...'0123456789'].find((d) => luhnValid(`${prefix}${d}`));
  if (check === undefined) throw new Error('no Luhn check digit');
  return `${prefix}${check}`;
};

const validSiren = digits(8).map(luhnCompleted);

describe('luhnValid', () => {
  it('follows the Luhn rule', () => {
    expect(luhnValid('732829320')).toBe(true);
    expect(luhnValid('732829321')).toBe(false);
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('0')).toBe(true);
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('7328 2932 0')).toBe(false);
  });

  it('has exactly one check digit for any 8 digits', () => {
    fc.assert(
      fc.property(digits(8), (prefix) => {
        expect([...'0123456789'].filter((d) => luhnValid(`${prefix}${d}`))).toHaveLength(1);
      }),
    );
  });

  it('catches any single changed digit', () => {
    fc.assert(
      fc.property(validSiren, fc.nat({ max: 8 }), fc.integer({ min: 1, max: 9 }), (siren, i, shift) => {
        const changed = String((Number(siren.charAt(i)) + shift) % 10);
        expect(luhnValid(`${siren.slice(0, i)}${changed}${siren.slice(i + 1)}`)).toBe(false);
      }),
    );
  });
});

describe('SIREN', () => {
  it('normalizes separators', () => {
    expect(normalizeSiren(' 732 829.320-00074 ')).toBe('73282932000074');
    expect(normalizeSiren('732\u00a0829\u202f320')).toBe('732829320');
  });

  it('accepts real and example SIRENs', () => {
    for (const siren of ['732829320', '443061841', '123456782', '303265045', '356000000', '732 829 320']) {
      expect(isValidSiren(siren)).toBe(true);
    }
  });

  it('rejects bad check digits and lengths', () => {
    for (const siren of ['732829321', '123456789', '12345678', '1234567820', 'ABCDEFGHI', '']) {
      expect(isValidSiren(siren)).toBe(false);
    }
  });
});

describe('SIRET', () => {
  it('accepts Luhn-valid SIRETs', () => {
    expect(isValidSiret('73282932000074')).toBe(true);
    expect(isValidSiret('732 829 320 00074')).toBe(true);
  });

  it('rejects bad check digits and lengths', () => {
    expect(isValidSiret('73282932000079')).toBe(false);
    expect(isValidSiret('7328293200007')).toBe(false);
    expect(isValidSiret('732829320000740')).toBe(false);
  });

  it('requires the embedded SIREN to be valid too', () => {
    const siret = luhnCompleted('1234567890001');
    expect(luhnValid(siret)).toBe(true);
    expect(isValidSiret(siret)).toBe(false);
  });

  it('applies the La Poste exception (digit sum multiple of 5), head office excepted', () => {
    expect(isValidSiret('35600000000048')).toBe(true);
    // 3 + 5 + 6 + 1 = 15, not Luhn-valid.
    expect(luhnValid('35600000000001')).toBe(false);
    expect(isValidSiret('35600000000001')).toBe(true);
    expect(isValidSiret('35600000049837')).toBe(true);
    expect(isValidSiret('35600000000002')).toBe(false);
  });

  it('has exactly one establishment check digit outside La Poste', () => {
    fc.assert(
      fc.property(
        validSiren.filter((s) => s !== '356000000'),
        digits(4),
        (siren, nic) => {
          expect([...'0123456789'].filter((d) => isValidSiret(`${siren}${nic}${d}`))).toHaveLength(1);
        },
      ),
    );
  });

  it('gives the SIREN of a SIRET', () => {
    expect(sirenFromSiret('732 829 320 00074')).toBe('732829320');
    expect(() => sirenFromSiret('732829320')).toThrow(RangeError);
  });
});

describe('frenchVatNumber', () => {
  it('prefixes FR and the DGFiP key', () => {
    expect(frenchVatNumber('123456782')).toBe('FR11123456782');
    expect(frenchVatNumber('303 265 045')).toBe('FR40303265045');
    expect(frenchVatNumber('732829320')).toBe('FR44732829320');
    expect(frenchVatNumber('424761419')).toBe('FR22424761419');
  });

  it('pads keys below 10', () => {
    const siren = fc.sample(
      validSiren.filter((s) => (12 + 3 * (Number(s) % 97)) % 97 < 10),
      { numRuns: 1, seed: 1 },
    );
    expect(frenchVatNumber(siren[0] as string)).toMatch(/^FR0\d{10}$/);
  });

  it('refuses what is not 9 digits', () => {
    expect(() => frenchVatNumber('12345678')).toThrow(RangeError);
  });

  it('round-trips through validateVatNumber', () => {
    fc.assert(
      fc.property(validSiren, (siren) => {
        const vatNumber = frenchVatNumber(siren);
        expect(validateVatNumber(vatNumber)).toEqual({ ok: true, vatNumber, country: 'FR' });
        expect(validateVatNumber(vatNumber.toLowerCase(), { siren }).ok).toBe(true);
      }),
    );
  });
});

describe('validateVatNumber', () => {
  it('accepts French numbers in any usual spelling', () => {
    expect(validateVatNumber('FR 11 123 456 782')).toEqual({
      ok: true,
      vatNumber: 'FR11123456782',
      country: 'FR',
    });
    expect(validateVatNumber('fr40.303.265.045')).toEqual({
      ok: true,
      vatNumber: 'FR40303265045',
      country: 'FR',
    });
    expect(validateVatNumber('FR23334175221').ok).toBe(true);
  });

  it('checks new-style French keys with letters', () => {
    expect(validateVatNumber('FRK7399859412').ok).toBe(true);
    expect(validateVatNumber('FR4Z123456782').ok).toBe(true);
    expect(validateVatNumber('FRK8399859412')).toEqual({ ok: false, code: 'vat.key' });
    expect(validateVatNumber('FRK7123456782')).toEqual({ ok: false, code: 'vat.key' });
    expect(validateVatNumber('FRIO334175221')).toEqual({ ok: false, code: 'vat.format' });
  });

  it('rejects a wrong French key', () => {
    expect(validateVatNumber('FR12123456782')).toEqual({ ok: false, code: 'vat.key' });
    expect(validateVatNumber('FR84303265045')).toEqual({ ok: false, code: 'vat.key' });
  });

  it('rejects a French number whose SIREN fails Luhn, Monaco excepted', () => {
    expect(validateVatNumber(frenchVatNumber('123456789'))).toEqual({ ok: false, code: 'vat.format' });
    expect(luhnValid('000012345')).toBe(false);
    expect(validateVatNumber(frenchVatNumber('000012345')).ok).toBe(true);
  });

  it('checks the SIREN when given', () => {
    expect(validateVatNumber('FR11123456782', { siren: '123 456 782' }).ok).toBe(true);
    expect(validateVatNumber('FR11123456782', { siren: '732829320' })).toEqual({
      ok: false,
      code: 'vat.siren_mismatch',
    });
    // Format and key come first.
    expect(validateVatNumber('FR12123456782', { siren: '732829320' })).toEqual({
      ok: false,
      code: 'vat.key',
    });
    // Only French numbers embed a SIREN.
    expect(validateVatNumber('DE136695976', { siren: '732829320' }).ok).toBe(true);
  });

  it('checks Belgian keys', () => {
    expect(validateVatNumber('BE0403019261')).toEqual({ ok: true, vatNumber: 'BE0403019261', country: 'BE' });
    expect(validateVatNumber('BE 0477.472.701')).toEqual({
      ok: true,
      vatNumber: 'BE0477472701',
      country: 'BE',
    });
    expect(validateVatNumber('BE403019261')).toEqual({ ok: true, vatNumber: 'BE0403019261', country: 'BE' });
    expect(validateVatNumber('BE0403019262')).toEqual({ ok: false, code: 'vat.key' });
    expect(validateVatNumber('BE2403019261')).toEqual({ ok: false, code: 'vat.format' });
  });

  it('checks the format of every member state', () => {
    const valid = [
      'ATU13585627',
      'BG175074752',
      'BG7523169263',
      'CY10259033P',
      'CZ25123891',
      'CZ7103192745',
      'DE136695976',
      'DK13585628',
      'EE100931558',
      'EL094259216',
      'ESA12345674',
      'ESX1234567L',
      'ES12345678Z',
      'FI20774740',
      'HR33392005961',
      'HU12892312',
      'IE6433435F',
      'IE6433435OA',
      'IE8D79739I',
      'IT00743110157',
      'LT119511515',
      'LT100001919017',
      'LU15027442',
      'LV40003521600',
      'MT11679112',
      'NL004495445B01',
      'PL8567346215',
      'PT501964843',
      'RO18547290',
      'SE556188840401',
      'SI50223054',
      'SK2022749619',
    ];
    for (const vat of valid) expect(validateVatNumber(vat), vat).toMatchObject({ ok: true, vatNumber: vat });
    const invalid = [
      'AT13585627',
      'ATU1358562',
      'BG17507475',
      'CY102590339',
      'DE13669597',
      'DE1366959761',
      'DK1358562',
      'EL09425921',
      'ES1234567',
      'FI2077474',
      'HR3339200596',
      'IE643343',
      'IT0074311015',
      'LT1195115151',
      'LU1502744',
      'LV4000352160',
      'NL004495445A01',
      'NL004495445',
      'PL856734621',
      'PT50196484',
      'RO0123',
      'RO12345678901',
      'SE556188840402',
      'SI5022305',
      'SK202274961',
      'US123456789',
      'XI123456789',
      'FR',
      '',
    ];
    for (const vat of invalid) expect(validateVatNumber(vat), vat).toEqual({ ok: false, code: 'vat.format' });
  });

  it('files Greek numbers under EL', () => {
    expect(validateVatNumber('GR094259216')).toEqual({ ok: true, vatNumber: 'EL094259216', country: 'EL' });
  });

  it('covers the 27 member states', () => {
    expect([...vatCountries].sort()).toEqual(
      'AT BE BG CY CZ DE DK EE EL ES FI FR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' '),
    );
  });
});
