import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aboveTier,
  type Charge,
  chargeRevenue,
  checkShares,
  collectedBaseToReverse,
  feeBreakdown,
  minimumTopUp,
  reverseCharges,
  type Totals,
} from './charge.ts';
import {
  checkNewVersion,
  isWithdrawable,
  type PolicyVersion,
  resolveTerms,
  versionInForce,
} from './policy.ts';

const entity = 'e1';
const version = (p: Partial<PolicyVersion>): PolicyVersion => ({
  id: `v-${p.activityKind ?? 'general'}-${p.effectiveFrom ?? '2000-01-01'}`,
  entityId: entity,
  activityKind: 'general',
  effectiveFrom: '2000-01-01',
  rateBp: 850,
  base: 'invoiced',
  minimumYearCents: null,
  tier: null,
  fundShareBp: 0,
  ...p,
});

const flat = (rateBp: number, fundShareBp = 0) => ({ rateBp, tier: null, fundShareBp });
const cents = fc.integer({ min: 1, max: 5_000_000_00 });
const rate = fc.integer({ min: 0, max: 10_000 });

describe('policy versions', () => {
  const versions = [
    version({}),
    version({ effectiveFrom: '2026-01-01', rateBp: 900 }),
    version({ effectiveFrom: '2027-01-01', rateBp: 800 }),
    version({ activityKind: 'training', effectiveFrom: '2026-06-01', rateBp: 700 }),
  ];

  it('applies the latest version started on or before the date', () => {
    expect(versionInForce(versions, entity, 'general', '2025-12-31')?.rateBp).toBe(850);
    expect(versionInForce(versions, entity, 'general', '2026-01-01')?.rateBp).toBe(900);
    expect(versionInForce(versions, entity, 'general', '2026-12-31')?.rateBp).toBe(900);
    expect(versionInForce(versions, entity, 'general', '2027-01-01')?.rateBp).toBe(800);
    expect(versionInForce(versions, 'other', 'general', '2027-01-01')).toBeNull();
  });

  it('uses the kind’s own policy once it exists, the general one otherwise', () => {
    const training = { entityId: entity, kind: 'training' as const, exception: null };
    expect(resolveTerms(versions, training, '2026-05-31')).toMatchObject({
      rateBp: 900,
      policyKind: 'general',
    });
    expect(resolveTerms(versions, training, '2026-06-01')).toMatchObject({
      rateBp: 700,
      policyKind: 'training',
    });
    const artistic = { entityId: entity, kind: 'artistic' as const, exception: null };
    expect(resolveTerms(versions, artistic, '2026-06-01')).toMatchObject({
      rateBp: 900,
      policyKind: 'general',
    });
  });

  it('lets a staff exception replace the rate and the tier, keeping base, minimum and fund share', () => {
    const withTier = [
      version({
        rateBp: 1000,
        base: 'collected',
        minimumYearCents: 60_000,
        tier: { thresholdCents: 100, reducedRateBp: 500 },
        fundShareBp: 1500,
      }),
    ];
    const terms = resolveTerms(
      withTier,
      { entityId: entity, kind: 'general', exception: { rateBp: 650, reason: 'Convention' } },
      '2026-03-01',
    );
    expect(terms).toMatchObject({
      rateBp: 650,
      tier: null,
      base: 'collected',
      minimumYearCents: 60_000,
      fundShareBp: 1500,
      exception: true,
      exceptionReason: 'Convention',
    });
  });

  it('refuses a version starting before today, or on the day another starts', () => {
    const today = '2026-11-20';
    expect(
      checkNewVersion(
        versions,
        { entityId: entity, activityKind: 'general', effectiveFrom: '2026-11-19' },
        today,
      ),
    ).toEqual([{ pointer: '/effectiveFrom', code: 'fee.retroactive_version' }]);
    expect(
      checkNewVersion(versions, { entityId: entity, activityKind: 'general', effectiveFrom: today }, today),
    ).toEqual([]);
    expect(
      checkNewVersion(
        versions,
        { entityId: entity, activityKind: 'general', effectiveFrom: '2027-01-01' },
        today,
      ),
    ).toEqual([{ pointer: '/effectiveFrom', code: 'fee.version_exists' }]);
    expect(isWithdrawable({ effectiveFrom: '2027-01-01' }, today)).toBe(true);
    expect(isWithdrawable({ effectiveFrom: today }, today)).toBe(false);
  });

  it('never changes the terms of a date already past, whatever versions are accepted later (property)', () => {
    const day = fc
      .integer({ min: 0, max: 2000 })
      .map((n) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.array(fc.record({ offset: day, rateBp: rate }), { maxLength: 20 }),
        day,
        (attempts, today) => {
          const accepted: PolicyVersion[] = [version({ rateBp: 850 })];
          const past = (date: string) =>
            resolveTerms(accepted, { entityId: entity, kind: 'general', exception: null }, date);
          const before = ['2024-01-01', today].map((d) => (d <= today ? past(d)?.rateBp : null));
          for (const a of attempts) {
            const v = { entityId: entity, activityKind: 'general' as const, effectiveFrom: a.offset };
            if (checkNewVersion(accepted, v, today).length === 0)
              accepted.push(version({ effectiveFrom: a.offset, rateBp: a.rateBp }));
          }
          // Every day before today reads the same terms as before the new versions.
          expect(past('2024-01-01')?.rateBp).toBe(before[0]);
          const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000)
            .toISOString()
            .slice(0, 10);
          if (yesterday >= '2024-01-01') expect(past(yesterday)?.rateBp).toBe(850);
        },
      ),
    );
  });
});

describe('the fee of a revenue event', () => {
  it('is the base × rate, rounded half up, with the fund’s share of it', () => {
    expect(
      chargeRevenue({
        baseCents: 240_000,
        terms: flat(850, 2000),
        yearBaseBeforeCents: 0,
        documentCharges: [],
      }),
    ).toEqual({
      baseCents: 240_000,
      reducedBaseCents: 0,
      rateBp: 850,
      reducedRateBp: null,
      feeCents: 20_400,
      fundCents: 4080,
    });
    expect(
      chargeRevenue({ baseCents: 1, terms: flat(5000), yearBaseBeforeCents: 0, documentCharges: [] })
        .feeCents,
    ).toBe(1);
  });

  it('charges the reduced rate on the part above the year’s tier only', () => {
    const terms = { rateBp: 1000, tier: { thresholdCents: 100_000, reducedRateBp: 500 }, fundShareBp: 0 };
    // 80,000 already this year; this invoice of 50,000: 20,000 at 10 %, 30,000 at 5 %.
    const c = chargeRevenue({ baseCents: 50_000, terms, yearBaseBeforeCents: 80_000, documentCharges: [] });
    expect(c).toMatchObject({ reducedBaseCents: 30_000, feeCents: 2000 + 1500 });
    expect(aboveTier(10_000, 200_000, 100_000)).toBe(10_000);
    expect(aboveTier(10_000, 0, 100_000)).toBe(0);
  });

  it('totals rate × base within one cent per document, however it is paid in parts (property)', () => {
    fc.assert(
      fc.property(
        fc.array(cents, { minLength: 1, maxLength: 12 }),
        rate,
        rate,
        (parts, rateBp, fundShareBp) => {
          const charges: Charge[] = [];
          for (const baseCents of parts)
            charges.push(
              chargeRevenue({
                baseCents,
                terms: flat(rateBp, fundShareBp),
                yearBaseBeforeCents: 0,
                documentCharges: charges,
              }),
            );
          const base = parts.reduce((t, p) => t + p, 0);
          const fee = charges.reduce((t, c) => t + c.feeCents, 0);
          expect(Math.abs(fee * 10_000 - base * rateBp)).toBeLessThanOrEqual(10_000);
          for (const c of charges) {
            expect(c.feeCents).toBeGreaterThanOrEqual(0);
            expect(c.fundCents).toBeGreaterThanOrEqual(0);
            expect(c.fundCents).toBeLessThanOrEqual(c.feeCents);
          }
        },
      ),
    );
  });

  it('with a tier, charges the year’s whole base as one progressive scale would, within a cent per document (property)', () => {
    fc.assert(
      fc.property(
        fc.array(cents, { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 1, max: 10_000_000_00 }),
        rate,
        rate,
        (invoices, thresholdCents, rateBp, reducedRateBp) => {
          const terms = { rateBp, tier: { thresholdCents, reducedRateBp }, fundShareBp: 0 };
          let year = 0;
          let fee = 0;
          for (const baseCents of invoices) {
            fee += chargeRevenue({
              baseCents,
              terms,
              yearBaseBeforeCents: year,
              documentCharges: [],
            }).feeCents;
            year += baseCents;
          }
          const below = Math.min(year, thresholdCents);
          const exact = below * rateBp + (year - below) * reducedRateBp; // cent·bp
          expect(Math.abs(fee * 10_000 - exact)).toBeLessThanOrEqual(10_000 * invoices.length);
        },
      ),
    );
  });
});

describe('credit notes', () => {
  it('give back the whole fee exactly, over any number of partial credit notes (property)', () => {
    fc.assert(
      fc.property(
        cents,
        rate,
        rate,
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 10 }),
        (base, rateBp, fundShareBp, weights) => {
          const c = chargeRevenue({
            baseCents: base,
            terms: flat(rateBp, fundShareBp),
            yearBaseBeforeCents: 0,
            documentCharges: [],
          });
          const charged: Totals = { baseCents: c.baseCents, feeCents: c.feeCents, fundCents: c.fundCents };
          const total = weights.reduce((t, w) => t + w, 0);
          let reversed: Totals = { baseCents: 0, feeCents: 0, fundCents: 0 };
          let credited = 0;
          weights.forEach((w, i) => {
            const part = i === weights.length - 1 ? base - credited : Math.floor((base * w) / total);
            credited += part;
            const back = reverseCharges({ charged, reversed, baseCents: part });
            expect(back.feeCents).toBeGreaterThanOrEqual(0);
            reversed = {
              baseCents: reversed.baseCents + back.baseCents,
              feeCents: reversed.feeCents + back.feeCents,
              fundCents: reversed.fundCents + back.fundCents,
            };
            // At every step, what came back is the credited share of the fee, within a cent.
            expect(Math.abs(reversed.feeCents * base - c.feeCents * credited)).toBeLessThanOrEqual(base);
          });
          expect(reversed).toEqual(charged);
          // Crediting more than was charged gives nothing more.
          expect(reverseCharges({ charged, reversed, baseCents: 100 })).toEqual({
            baseCents: 0,
            feeCents: 0,
            fundCents: 0,
          });
        },
      ),
    );
  });

  it('with a collected base, give back only the fee on money collected beyond the invoice’s new amount', () => {
    // 1,000 € invoiced, 500 € collected: crediting the unpaid 500 € gives nothing back.
    expect(
      collectedBaseToReverse({
        collectedBaseCents: 50_000,
        invoiceBaseCents: 100_000,
        creditedBeforeCents: 0,
        creditCents: 50_000,
      }),
    ).toBe(0);
    // Paid in full then credited 300 €: the 300 € collected in excess come back.
    expect(
      collectedBaseToReverse({
        collectedBaseCents: 100_000,
        invoiceBaseCents: 100_000,
        creditedBeforeCents: 0,
        creditCents: 30_000,
      }),
    ).toBe(30_000);
    // 700 € collected, 200 € credited before: 100 € excess now with another 200 €.
    expect(
      collectedBaseToReverse({
        collectedBaseCents: 70_000,
        invoiceBaseCents: 100_000,
        creditedBeforeCents: 20_000,
        creditCents: 20_000,
      }),
    ).toBe(10_000);
  });
});

describe('the yearly minimum', () => {
  it('tops up to the minimum, pro rata of the days, never below zero', () => {
    expect(
      minimumTopUp({ minimumYearCents: 60_000, chargedCents: 20_000, daysActive: 365, daysInYear: 365 }),
    ).toBe(40_000);
    expect(
      minimumTopUp({ minimumYearCents: 60_000, chargedCents: 70_000, daysActive: 365, daysInYear: 365 }),
    ).toBe(0);
    expect(minimumTopUp({ minimumYearCents: 60_000, chargedCents: 0, daysActive: 73, daysInYear: 365 })).toBe(
      12_000,
    );
    expect(minimumTopUp({ minimumYearCents: null, chargedCents: 0, daysActive: 365, daysInYear: 365 })).toBe(
      0,
    );
  });

  it('brings the year’s fees to at least the (pro rata) minimum (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_00 }),
        fc.integer({ min: 0, max: 20_000_00 }),
        fc.integer({ min: 1, max: 366 }),
        (min, charged, days) => {
          const topUp = minimumTopUp({
            minimumYearCents: min,
            chargedCents: charged,
            daysActive: days,
            daysInYear: 366,
          });
          expect(topUp).toBeGreaterThanOrEqual(0);
          expect(charged + topUp).toBeGreaterThanOrEqual(Math.floor((min * days) / 366));
          if (topUp > 0) expect(charged + topUp).toBeLessThanOrEqual(Math.ceil((min * days) / 366));
        },
      ),
    );
  });
});

describe('what the fees paid for', () => {
  const shares = [
    { service: 'advisers' as const, shareBp: 4200 },
    { service: 'accounting_payroll' as const, shareBp: 2600 },
    { service: 'insurance_legal' as const, shareBp: 900 },
    { service: 'tools' as const, shareBp: 800 },
    { service: 'premises' as const, shareBp: 900 },
    { service: 'network_life' as const, shareBp: 600 },
  ];

  it('checks that shares add up to 100 % with each service once', () => {
    expect(checkShares(shares)).toBeNull();
    expect(checkShares(shares.slice(1))).toBe('fee.shares_not_100');
    expect(checkShares([...shares.slice(0, 5), { service: 'advisers', shareBp: 600 }])).toBe(
      'fee.shares_duplicate',
    );
  });

  it('splits the fee without losing a cent, the fund’s part first (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_00 }), rate, (fee, fundShareBp) => {
        const fund = Math.round((fee * fundShareBp) / 10_000);
        const lines = feeBreakdown(fee, fund, shares);
        expect(lines.reduce((t, l) => t + l.cents, 0)).toBe(fee);
        if (fund) expect(lines[0]).toEqual({ service: 'guarantee_fund', cents: fund, shareBp: null });
      }),
    );
  });
});
