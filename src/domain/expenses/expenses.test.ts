import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expenseCategories, findExpenseCategory, splitVat } from './categories.ts';
import { mileageScales, scaleFor, tripAllowance, yearlyAllowance } from './mileage.ts';
import { receiptLimits, sniffReceipt } from './receipts.ts';

const scale = scaleFor('2026-03-10');
if (!scale) throw new Error('no 2026 scale');

describe('mileage allowances', () => {
  it('follows the published scale, band by band', () => {
    expect(yearlyAllowance(scale, 'car', 5, 4000)).toBe(254_400); // the administration's example: 4,000 km × 0.636
    expect(yearlyAllowance(scale, 'car', 3, 10_000)).toBe(422_500); // 10,000 × 0.316 + 1,065
    expect(yearlyAllowance(scale, 'car', 9, 25_000)).toBe(1_175_000); // 7 CV and more: 25,000 × 0.470
    expect(yearlyAllowance(scale, 'motorcycle', 4, 4000)).toBe(148_600); // 4,000 × 0.082 + 1,158
    expect(yearlyAllowance(scale, 'car', 4, 1000, true)).toBe(72_720); // electric: + 20 %
  });

  it('pays a trip as the difference of the year’s amounts, so trips add up to the year', () => {
    expect(tripAllowance(scale, { kind: 'car', fiscalCv: 5 }, 4900, 200)).toBe(
      yearlyAllowance(scale, 'car', 5, 5100) - yearlyAllowance(scale, 'car', 5, 4900),
    );
    fc.assert(
      fc.property(
        fc.constantFrom('car' as const, 'motorcycle' as const),
        fc.integer({ min: 1, max: 12 }),
        fc.boolean(),
        fc.array(fc.integer({ min: 0, max: 3000 }), { maxLength: 40 }),
        (kind, fiscalCv, electric, trips) => {
          let before = 0;
          let paid = 0;
          for (const km of trips) {
            const amount = tripAllowance(scale, { kind, fiscalCv, electric }, before, km);
            expect(amount).toBeGreaterThanOrEqual(0);
            paid += amount;
            before += km;
          }
          expect(paid).toBe(yearlyAllowance(scale, kind, fiscalCv, before, electric));
        },
      ),
    );
  });

  it('never decreases when the distance grows (the bands join without a drop)', () => {
    for (const kind of ['car', 'motorcycle'] as const)
      for (let cv = 1; cv <= 8; cv += 1)
        for (let km = 0; km <= 25_000; km += 1)
          if (yearlyAllowance(scale, kind, cv, km + 1) < yearlyAllowance(scale, kind, cv, km))
            throw new Error(`${kind} ${cv} CV drops at ${km} km`);
  });

  it('has a dated, sourced scale per year and refuses impossible input', () => {
    expect(mileageScales.every((s) => s.source.includes('BOI-BAREME-000001'))).toBe(true);
    expect(scaleFor('2019-05-01')).toBeNull();
    expect(() => yearlyAllowance(scale, 'car', 5, -1)).toThrow(RangeError);
    expect(() => yearlyAllowance(scale, 'car', 5, 10.5)).toThrow(RangeError);
    expect(() => yearlyAllowance(scale, 'car', 0, 10)).toThrow(RangeError);
  });
});

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
const pad = (n: number) => new Array(n).fill(0x20);

const pdf = bytes('%PDF-1.7\n', pad(80), '\n%%EOF\n');
const jpeg = bytes([0xff, 0xd8, 0xff, 0xe0], pad(80), [0xff, 0xd9]);
const png = bytes(
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  pad(80),
  [0, 0, 0, 0],
  'IEND',
  [0xae, 0x42, 0x60, 0x82],
);
const webpBody = bytes('WEBPVP8 ', pad(80));
const webp = bytes('RIFF', [webpBody.length & 0xff, (webpBody.length >> 8) & 0xff, 0, 0], [...webpBody]);
const heic = bytes([0, 0, 0, 0x18], 'ftypheic', pad(80));

describe('receipts', () => {
  it('recognises PDF, JPEG, PNG, WebP and HEIC by their bytes', () => {
    expect(sniffReceipt(pdf)?.mime).toBe('application/pdf');
    expect(sniffReceipt(jpeg)?.mime).toBe('image/jpeg');
    expect(sniffReceipt(png)?.mime).toBe('image/png');
    expect(sniffReceipt(webp)?.mime).toBe('image/webp');
    expect(sniffReceipt(heic)?.mime).toBe('image/heic');
  });

  it('refuses truncated files, other kinds, empty and oversized files', () => {
    for (const good of [pdf, jpeg, png, webp])
      expect(sniffReceipt(good.subarray(0, good.length - 10))).toBeNull();
    expect(sniffReceipt(bytes('<html><body>', pad(80), '</body></html>'))).toBeNull();
    expect(sniffReceipt(bytes('PK', [3, 4], pad(80)))).toBeNull(); // a zip (or an office file) is not a receipt
    expect(sniffReceipt(bytes('GIF89a', pad(80)))).toBeNull();
    expect(sniffReceipt(new Uint8Array(0))).toBeNull();
    expect(sniffReceipt(new Uint8Array(receiptLimits.maxBytes + 1))).toBeNull();
  });

  it('never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 400 }),
        fc.constantFrom(pdf, jpeg, png, webp, heic),
        fc.nat(),
        (noise, seed, at) => {
          const mixed = new Uint8Array([...seed.subarray(0, at % (seed.length + 1)), ...noise]);
          const type = sniffReceipt(mixed);
          expect(type === null || typeof type.mime === 'string').toBe(true);
        },
      ),
    );
  });
});

describe('expense categories', () => {
  it('book every category to an expense account of class 6, with a source', () => {
    expect(new Set(expenseCategories.map((c) => c.code)).size).toBe(expenseCategories.length);
    for (const c of expenseCategories) {
      expect(c.account).toMatch(/^6\d+$/);
      expect(c.source.length).toBeGreaterThan(5);
      expect(c.vatDeductibleBp).toBeGreaterThanOrEqual(0);
      expect(c.vatDeductibleBp).toBeLessThanOrEqual(10_000);
    }
  });

  it('deducts VAT only on an invoice made out to the cooperative, and only the allowed share', () => {
    const fuel = findExpenseCategory('fuel');
    const lodging = findExpenseCategory('lodging');
    if (!fuel || !lodging) throw new Error('categories missing');
    expect(splitVat(fuel, 1001, true)).toEqual({ deductibleCents: 800, chargedCents: 201 });
    expect(splitVat(fuel, 1001, false)).toEqual({ deductibleCents: 0, chargedCents: 1001 });
    expect(splitVat(lodging, 1000, true)).toEqual({ deductibleCents: 0, chargedCents: 1000 });
    fc.assert(
      fc.property(
        fc.constantFrom(...expenseCategories),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.boolean(),
        (c, vat, inv) => {
          const { deductibleCents, chargedCents } = splitVat(c, vat, inv);
          expect(deductibleCents + chargedCents).toBe(vat);
          expect(deductibleCents).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});
