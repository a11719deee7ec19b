import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, applyRate, divideRounded, formatBasisPoints, formatCents, parseAmount } from './money.ts';

const amount = fc.integer({ min: -1_000_000_000_00, max: 1_000_000_000_00 });

describe('money', () => {
  it('applies a rate in basis points with half-up rounding', () => {
    expect(applyRate(10_000, 850)).toBe(850);
    expect(applyRate(12_345, 850)).toBe(1049); // 1049.325 → 1049
    expect(applyRate(10, 650)).toBe(1); // 0.65 → 1
    expect(applyRate(-10, 650)).toBe(-1); // symmetric for refunds
  });

  it('rounds as named', () => {
    expect(divideRounded(5, 2, 'half-up')).toBe(3);
    expect(divideRounded(5, 2, 'half-even')).toBe(2);
    expect(divideRounded(7, 2, 'half-even')).toBe(4);
    expect(divideRounded(5, 2, 'down')).toBe(2);
    expect(divideRounded(5, 2, 'up')).toBe(3);
    expect(divideRounded(-5, 2, 'half-up')).toBe(-3);
    expect(() => divideRounded(1, 0, 'down')).toThrow(RangeError);
  });

  it('allocates without losing or creating a cent', () => {
    fc.assert(
      fc.property(
        amount,
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 12 }),
        (total, weights) => {
          fc.pre(weights.some((w) => w > 0));
          const parts = allocate(total, weights);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          expect(parts).toHaveLength(weights.length);
          weights.forEach((w, i) => {
            if (w === 0) expect(parts[i]).toBe(0);
          });
          // Each part is within one cent of its exact share.
          const sum = weights.reduce((a, b) => a + b, 0);
          for (const [i, p] of parts.entries()) {
            expect(Math.abs(p - (total * (weights[i] as number)) / sum)).toBeLessThan(1);
          }
        },
      ),
    );
  });

  it('splits 100 € in three as 33.34 + 33.33 + 33.33', () => {
    expect(allocate(10_000, [1, 1, 1])).toEqual([3334, 3333, 3333]);
  });

  it('keeps a rate between the rounded-down and rounded-up results', () => {
    fc.assert(
      fc.property(amount, fc.integer({ min: 0, max: 10_000 }), (a, bp) => {
        const r = applyRate(a, bp);
        expect(r).toBeGreaterThanOrEqual(applyRate(a, bp, 'down') - (a < 0 ? 1 : 0));
        expect(Math.abs(r - (a * bp) / 10_000)).toBeLessThanOrEqual(0.5);
      }),
    );
  });

  it('parses amounts typed by people', () => {
    expect(parseAmount('1 234,50 €')).toBe(123_450);
    expect(parseAmount('1234.5')).toBe(123_450);
    expect(parseAmount('-3')).toBe(-300);
    expect(parseAmount('12,345')).toBeNull();
    expect(parseAmount('abc')).toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_00 }), (c) => {
        expect(parseAmount((c / 100).toFixed(2))).toBe(c);
      }),
    );
  });

  it('formats for people', () => {
    expect(formatCents(123_456).replace(/\s/g, ' ')).toBe('1 234,56 €');
    expect(formatCents(123_456, 'en-GB')).toBe('€1,234.56');
    expect(formatBasisPoints(850).replace(/\s/g, ' ')).toBe('8,5 %');
  });
});
