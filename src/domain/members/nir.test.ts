import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNir, maskNir, nirKey, normalizeNir, validateNir } from './nir.ts';

const digits = (length: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length });

// A 13-character body whose prefix passes the format rules.
const nirBody = fc
  .tuple(
    fc.constantFrom('1', '2', '7', '8'),
    digits(2),
    fc.oneof(
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 20, max: 42 }),
      fc.integer({ min: 50, max: 99 }),
    ),
    fc.oneof(digits(2), fc.constantFrom('2A', '2B')),
    digits(6),
  )
  .map(([sex, yy, month, dept, rest]) => `${sex}${yy}${String(month).padStart(2, '0')}${dept}${rest}`);

describe('nirKey', () => {
  it('is 97 minus the body mod 97, on two digits', () => {
    // 1850578006084 mod 97 = 6
    expect(nirKey('1850578006084')).toBe('91');
    expect(nirKey('2951099126111')).toBe('93');
    expect(nirKey('1 85 05 78 006 084')).toBe('91');
  });

  it('counts Corsica 2A as 19 and 2B as 18', () => {
    expect(nirKey('253072A073004')).toBe('43');
    expect(nirKey('253072A073004')).toBe(nirKey('2530719073004'));
    expect(nirKey('253072B073004')).toBe('70');
    expect(nirKey('253072B073004')).toBe(nirKey('2530718073004'));
  });

  it('pads keys below 10', () => {
    // 97 − key = body mod 97, so a body ≡ 96 (mod 97) has key 01.
    const body = String(1_000_000_000_000 + ((96 - (1_000_000_000_000 % 97) + 97) % 97));
    expect(nirKey(body)).toBe('01');
  });

  it('refuses what is not a body', () => {
    expect(() => nirKey('185057800608')).toThrow(RangeError);
    expect(() => nirKey('18505780060841')).toThrow(RangeError);
    expect(() => nirKey('185052C006084')).toThrow(RangeError);
  });
});

describe('validateNir', () => {
  it('accepts valid numbers and returns them normalized', () => {
    expect(validateNir('1 85 05 78 006 084 91')).toEqual({ ok: true, nir: '185057800608491' });
    expect(validateNir('2.95.10.99.126.111.93')).toEqual({ ok: true, nir: '295109912611193' });
    expect(validateNir('2-53-07-2a-073-004-43')).toEqual({ ok: true, nir: '253072A07300443' });
    expect(validateNir('253072B07300470')).toEqual({ ok: true, nir: '253072B07300470' });
  });

  it('rejects a wrong key', () => {
    expect(validateNir('185057800608490')).toEqual({ ok: false, code: 'nir.key' });
    expect(validateNir('295109912611199')).toEqual({ ok: false, code: 'nir.key' });
    // 2A and 2B do not share a key.
    expect(validateNir('253072A07300470')).toEqual({ ok: false, code: 'nir.key' });
  });

  it('rejects malformed numbers', () => {
    const format = { ok: false, code: 'nir.format' };
    expect(validateNir('')).toEqual(format);
    expect(validateNir('18505780060849')).toEqual(format);
    expect(validateNir('1850578006084911')).toEqual(format);
    expect(validateNir('385057800608491')).toEqual(format);
    expect(validateNir(`1851378006084${nirKey('1851378006084')}`)).toEqual(format);
    expect(validateNir(`1850078006084${nirKey('1850078006084')}`)).toEqual(format);
    expect(validateNir(`1854378006084${nirKey('1854378006084')}`)).toEqual(format);
    expect(validateNir('253072C07300443')).toEqual(format);
    expect(validateNir('1850578006084AB')).toEqual(format);
  });

  it('accepts INSEE pseudo-months and temporary numbers', () => {
    for (const body of [
      '1852078006084',
      '1854278006084',
      '1855078006084',
      '1859978006084',
      '7850578006084',
    ]) {
      expect(validateNir(`${body}${nirKey(body)}`).ok).toBe(true);
    }
  });

  it('checks the sex digit when asked', () => {
    expect(validateNir('185057800608491', { sex: 'M' }).ok).toBe(true);
    expect(validateNir('185057800608491', { sex: 'F' })).toEqual({ ok: false, code: 'nir.sex_mismatch' });
    expect(validateNir('295109912611193', { sex: 'F' }).ok).toBe(true);
    expect(validateNir('295109912611193', { sex: 'M' })).toEqual({ ok: false, code: 'nir.sex_mismatch' });
    const temporary = `7850578006084${nirKey('7850578006084')}`;
    expect(validateNir(temporary, { sex: 'F' }).ok).toBe(true);
  });

  it('checks the birth year and month when asked', () => {
    expect(validateNir('185057800608491', { birthDate: '1985-05-17' }).ok).toBe(true);
    expect(validateNir('185057800608491', { birthDate: '1986-05-17' })).toEqual({
      ok: false,
      code: 'nir.birth_mismatch',
    });
    expect(validateNir('185057800608491', { birthDate: '1985-06-17' })).toEqual({
      ok: false,
      code: 'nir.birth_mismatch',
    });
    // The century is not in the number.
    expect(validateNir('185057800608491', { birthDate: '2085-05-17' }).ok).toBe(true);
    const pseudoMonth = `1853078006084${nirKey('1853078006084')}`;
    expect(validateNir(pseudoMonth, { birthDate: '1985-05-17' }).ok).toBe(true);
    expect(validateNir(pseudoMonth, { birthDate: '1984-05-17' })).toEqual({
      ok: false,
      code: 'nir.birth_mismatch',
    });
  });

  it('reports format before key, and key before the personal checks', () => {
    expect(validateNir('185057800608490', { sex: 'F', birthDate: '1990-01-01' })).toEqual({
      ok: false,
      code: 'nir.key',
    });
    expect(validateNir('185057800608491', { sex: 'F', birthDate: '1990-01-01' })).toEqual({
      ok: false,
      code: 'nir.sex_mismatch',
    });
  });

  it('throws on a birth date that is not a date', () => {
    expect(() => validateNir('185057800608491', { birthDate: '1985-13-01' })).toThrow(RangeError);
  });

  it('accepts any body followed by its key', () => {
    fc.assert(
      fc.property(nirBody, (body) => {
        expect(validateNir(`${body}${nirKey(body)}`)).toEqual({ ok: true, nir: `${body}${nirKey(body)}` });
      }),
    );
  });

  it('rejects any single changed digit', () => {
    // A changed digit moves the number by d × 10^k with 0 < |d| < 10; 97 is prime, so mod 97 changes.
    fc.assert(
      fc.property(nirBody, (body) => {
        const nir = `${body}${nirKey(body)}`;
        for (let i = 0; i < nir.length; i++) {
          const original = nir.charAt(i);
          if (!/\d/.test(original)) continue;
          for (const d of '0123456789') {
            if (d === original) continue;
            expect(validateNir(`${nir.slice(0, i)}${d}${nir.slice(i + 1)}`).ok).toBe(false);
          }
        }
      }),
    );
  });
});

describe('normalizeNir', () => {
  it('drops separators and uppercases', () => {
    expect(normalizeNir(' 2 53 07 2a-073.004 43 ')).toBe('253072A07300443');
    expect(normalizeNir('1\u00a085\u202f05')).toBe('18505');
  });
});

describe('formatNir and maskNir', () => {
  it('groups like the card', () => {
    expect(formatNir('185057800608491')).toBe('1 85 05 78 006 084 91');
    expect(formatNir('253072a07300443')).toBe('2 53 07 2A 073 004 43');
    expect(formatNir('12345')).toBe('12345');
  });

  it('shows only the sex digit and the key', () => {
    expect(maskNir('185057800608491')).toBe('1 •• •• •• ••• ••• 91');
    expect(maskNir('2 53 07 2A 073 004 43')).toBe('2 •• •• •• ••• ••• 43');
    expect(maskNir('12345')).toBe('•••••');
  });

  it('round-trips formatting and never leaks the body in the mask', () => {
    fc.assert(
      fc.property(nirBody, (body) => {
        const nir = `${body}${nirKey(body)}`;
        expect(normalizeNir(formatNir(nir))).toBe(nir);
        const masked = maskNir(nir);
        expect(masked).toHaveLength(formatNir(nir).length);
        expect(masked.replace(/[•\s]/g, '')).toBe(`${nir.slice(0, 1)}${nir.slice(13)}`);
      }),
    );
  });
});
