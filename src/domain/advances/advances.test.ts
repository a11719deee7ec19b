import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, buildSchedule, dueInstalments, fileFeeCents, revenueDeduction } from './schedule.ts';

describe('advances and loans', () => {
  it('charges the file fee in basis points, rounded half-up', () => {
    expect(fileFeeCents(300_000, 150)).toBe(4_500);
    expect(fileFeeCents(333_333, 150)).toBe(5_000);
  });

  it('schedules monthly instalments, the odd cents first, month ends kept', () => {
    expect(buildSchedule(100_000, 3, '2027-01-31')).toEqual([
      { seq: 1, dueOn: '2027-01-31', amountCents: 33_334 },
      { seq: 2, dueOn: '2027-02-28', amountCents: 33_333 },
      { seq: 3, dueOn: '2027-03-31', amountCents: 33_333 },
    ]);
    expect(addMonths('2027-11-15', 3)).toBe('2028-02-15');
  });

  it('instalments add up to the principal to the cent and never differ by more than one cent (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5_000_000 }), fc.integer({ min: 1, max: 60 }), (principal, n) => {
        const s = buildSchedule(principal, n, '2026-12-01');
        expect(s.reduce((a, i) => a + i.amountCents, 0)).toBe(principal);
        const amounts = s.map((i) => i.amountCents);
        expect(Math.max(...amounts) - Math.min(...amounts)).toBeLessThanOrEqual(1);
        expect(s.map((i) => i.dueOn)).toEqual([...s.map((i) => i.dueOn)].sort());
      }),
    );
  });

  it('deducts a share of each collected amount, never beyond what is owed (property)', () => {
    expect(revenueDeduction(120_000, 2_500, 1_000_000)).toBe(30_000);
    expect(revenueDeduction(120_000, 2_500, 10_000)).toBe(10_000);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(fc.integer({ min: 0, max: 500_000 }), { maxLength: 30 }),
        fc.integer({ min: 100, max: 10_000 }),
        (principal, collections, bp) => {
          let remaining = principal;
          for (const c of collections) {
            const d = revenueDeduction(c, bp, remaining);
            expect(d).toBeGreaterThanOrEqual(0);
            expect(d).toBeLessThanOrEqual(c);
            remaining -= d;
            expect(remaining).toBeGreaterThanOrEqual(0);
          }
        },
      ),
    );
  });

  it('finds the instalments due and not repaid', () => {
    const s = buildSchedule(90_000, 3, '2026-10-01').map((i) => ({ ...i, repaidOn: null as string | null }));
    (s[0] as { repaidOn: string | null }).repaidOn = '2026-10-01';
    expect(dueInstalments(s, '2026-11-20').map((i) => i.seq)).toEqual([2]);
  });
});
