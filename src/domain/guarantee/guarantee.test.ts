import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  absorbDefault,
  type CoverableInvoice,
  decideCover,
  defaultGuaranteeSettings,
  exposureCap,
  fundPosition,
  reduceOnCredit,
  releaseOnPayment,
  stressTest,
} from './policy.ts';
import { addWorkingDays, easterSunday, isWorkingDay } from './working-days.ts';

const inv = (over: Partial<CoverableInvoice> = {}): CoverableInvoice => ({
  documentId: '00000000-0000-4000-8000-000000000001',
  number: 'FA-2026-000012',
  clientId: 'c1',
  clientName: 'Théâtre du Nord',
  issueDate: '2026-11-08',
  uncoveredCents: 500_000,
  ...over,
});

const base = {
  settings: defaultGuaranteeSettings,
  today: '2026-11-20',
  invoices: [inv()],
  memberExposureCents: 0,
  clientExposureCents: { c1: 270_000 },
  fund: { balanceCents: 2_000_000, exposureCents: 100_000 },
};

describe('working days', () => {
  it('knows Easter and the French public holidays', () => {
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(isWorkingDay('2026-04-06')).toBe(false); // lundi de Pâques
    expect(isWorkingDay('2026-11-11')).toBe(false);
    expect(isWorkingDay('2026-11-21')).toBe(false); // a Saturday
    expect(isWorkingDay('2026-11-20')).toBe(true);
  });
  it('counts working days over weekends and holidays', () => {
    expect(addWorkingDays('2026-11-20', 3)).toBe('2026-11-25');
    expect(addWorkingDays('2026-11-10', 1)).toBe('2026-11-12'); // over 11 November
    expect(addWorkingDays('2026-12-24', 1)).toBe('2026-12-28');
    expect(addWorkingDays('2026-11-21', 0)).toBe('2026-11-23');
  });
});

describe('decideCover', () => {
  it('covers and explains: invoice age, client exposure, payable day', () => {
    const d = decideCover({ ...base, neededCents: 50_000 });
    expect(d.covered).toBe(true);
    expect(d.coveredCents).toBe(50_000);
    expect(d.reasons[0]).toEqual({
      code: 'invoice',
      number: 'FA-2026-000012',
      clientName: 'Théâtre du Nord',
      ageDays: 12,
      amountCents: 50_000,
      clientExposureCents: 320_000,
      clientLimitCents: 1_000_000,
    });
    expect(d.payableOn).toBe('2026-11-25');
    expect(d.reasons.map((r) => r.code)).toEqual([
      'invoice',
      'member_exposure',
      'fund_exposure',
      'payable_on',
    ]);
  });

  it('refuses an invoice older than the limit', () => {
    const d = decideCover({ ...base, neededCents: 50_000, invoices: [inv({ issueDate: '2026-07-01' })] });
    expect(d.covered).toBe(false);
    expect(d.reasons[0]).toMatchObject({ code: 'invoice_too_old', ageDays: 142, limitDays: 90 });
  });

  it('refuses above the client, the member and the fund limits, saying which', () => {
    expect(
      decideCover({ ...base, neededCents: 50_000, clientExposureCents: { c1: 1_000_000 } }).reasons[0],
    ).toMatchObject({ code: 'client_limit' });
    expect(
      decideCover({ ...base, neededCents: 50_000, memberExposureCents: 500_000 }).reasons[0],
    ).toMatchObject({
      code: 'member_limit',
    });
    const fund = decideCover({
      ...base,
      neededCents: 50_000,
      fund: { balanceCents: 100_000, exposureCents: 80_000 },
    });
    expect(fund.covered).toBe(false);
    expect(fund.reasons.map((r) => r.code)).toEqual(['fund_limit', 'short']);
  });

  it('covers all or nothing', () => {
    const d = decideCover({ ...base, neededCents: 600_000 });
    expect(d.covered).toBe(false);
    expect(d.coveredCents).toBe(0);
    expect(d.parts).toEqual([]);
    expect(d.reasons.at(-1)).toEqual({ code: 'short', coveredCents: 500_000, neededCents: 600_000 });
  });

  it('draws on the most recent invoices first', () => {
    const d = decideCover({
      ...base,
      neededCents: 150_000,
      invoices: [
        inv({ documentId: 'old', number: 'FA-1', issueDate: '2026-10-01', uncoveredCents: 100_000 }),
        inv({ documentId: 'new', number: 'FA-2', issueDate: '2026-11-15', uncoveredCents: 100_000 }),
      ],
    });
    expect(d.parts.map((p) => [p.documentId, p.amountCents])).toEqual([
      ['new', 100_000],
      ['old', 50_000],
    ]);
  });

  it('never grants beyond any limit, nor beyond what the fund holds (property)', () => {
    const invoice = fc.record({
      documentId: fc.uuid(),
      number: fc.string({ minLength: 1, maxLength: 6 }),
      clientId: fc.constantFrom('a', 'b', 'c'),
      clientName: fc.constant('X'),
      issueDate: fc.constantFrom('2026-06-01', '2026-09-30', '2026-11-01', '2026-11-20'),
      uncoveredCents: fc.integer({ min: 0, max: 2_000_000 }),
    });
    fc.assert(
      fc.property(
        fc.array(invoice, { maxLength: 6 }),
        fc.integer({ min: 1, max: 3_000_000 }),
        fc.integer({ min: -500_000, max: 5_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 0, max: 3_000_000 }),
        (invoices, needed, balance, bp, memberCap, clientCap, exposureSeed) => {
          const cap = exposureCap(balance, bp);
          const exposure = Math.min(exposureSeed, cap);
          const settings = {
            ...defaultGuaranteeSettings,
            maxExposureBp: bp,
            maxPerMemberCents: memberCap,
            maxPerClientCents: clientCap,
          };
          const d = decideCover({
            settings,
            today: '2026-11-20',
            neededCents: needed,
            invoices,
            memberExposureCents: 0,
            clientExposureCents: {},
            fund: { balanceCents: balance, exposureCents: exposure },
          });
          const total = d.parts.reduce((a, p) => a + p.amountCents, 0);
          expect(total).toBe(d.coveredCents);
          if (!d.covered) {
            expect(d.coveredCents).toBe(0);
            return;
          }
          expect(total).toBe(needed);
          expect(exposure + total).toBeLessThanOrEqual(Math.max(0, balance));
          expect(exposure + total).toBeLessThanOrEqual(cap);
          expect(total).toBeLessThanOrEqual(memberCap);
          for (const c of ['a', 'b', 'c'])
            expect(
              d.parts.filter((p) => p.clientId === c).reduce((a, p) => a + p.amountCents, 0),
            ).toBeLessThanOrEqual(clientCap);
          for (const p of d.parts) {
            const i = invoices.find((x) => x.documentId === p.documentId);
            expect(p.amountCents).toBeGreaterThan(0);
            expect(p.amountCents).toBeLessThanOrEqual(i?.uncoveredCents ?? 0);
          }
        },
      ),
    );
  });
});

describe('release and default', () => {
  it('releases what a payment brings, oldest cover first, never more than outstanding', () => {
    expect(
      releaseOnPayment(
        [
          { coverId: 'a', outstandingCents: 30_000 },
          { coverId: 'b', outstandingCents: 50_000 },
        ],
        60_000,
      ),
    ).toEqual([
      { coverId: 'a', amountCents: 30_000 },
      { coverId: 'b', amountCents: 30_000 },
    ]);
  });

  it('absorbs the covers, then the rest within the free balance', () => {
    expect(
      absorbDefault({
        outstandingExclVatCents: 300_000,
        coveredCents: 100_000,
        fund: { balanceCents: 250_000, exposureCents: 150_000 },
      }),
    ).toEqual({ fromCoversCents: 100_000, extraCents: 100_000, activityLossCents: 100_000 });
  });

  it('gives back, on a credit note, what the covers promise beyond what the invoice still brings, newest first', () => {
    const covers = [
      { coverId: 'old', outstandingCents: 30_000 },
      { coverId: 'new', outstandingCents: 50_000 },
    ];
    expect(reduceOnCredit(covers, 100_000)).toEqual([]);
    expect(reduceOnCredit(covers, 80_000)).toEqual([]);
    expect(reduceOnCredit(covers, 60_000)).toEqual([{ coverId: 'new', amountCents: 20_000 }]);
    expect(reduceOnCredit(covers, 10_000)).toEqual([
      { coverId: 'new', amountCents: 50_000 },
      { coverId: 'old', amountCents: 20_000 },
    ]);
    expect(reduceOnCredit(covers, 0)).toEqual([
      { coverId: 'new', amountCents: 50_000 },
      { coverId: 'old', amountCents: 30_000 },
    ]);
  });

  it('leaves the covers of an invoice at most what it still brings, never giving back more than a cover holds (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 500_000 }), { maxLength: 6 }),
        fc.integer({ min: -10_000, max: 2_000_000 }),
        (amounts, stillToCome) => {
          const covers = amounts.map((a, i) => ({ coverId: String(i), outstandingCents: a }));
          const back = reduceOnCredit(covers, stillToCome);
          const total = amounts.reduce((a, b) => a + b, 0);
          const given = back.reduce((a, b) => a + b.amountCents, 0);
          expect(total - given).toBe(Math.min(total, Math.max(0, stillToCome)));
          expect(new Set(back.map((b) => b.coverId)).size).toBe(back.length);
          for (const b of back) {
            expect(b.amountCents).toBeGreaterThan(0);
            expect(b.amountCents).toBeLessThanOrEqual(amounts[Number(b.coverId)] ?? 0);
          }
        },
      ),
    );
  });

  // A random life of the fund: inflows, covers decided by the policy, payments (some retried), credit
  // notes, defaults; then every client pays what it still owes. The balance never goes negative nor
  // below the outstanding covers; each cover is released at most its amount; and once all is settled
  // every cover is closed exactly once: released + given back + absorbed = granted, for each one.
  it('keeps the fund balance ≥ 0 and releases each cover exactly once (property)', () => {
    type Cover = {
      id: number;
      doc: number;
      amount: number;
      released: number;
      given: number;
      absorbed: number;
      closed: boolean;
    };
    const event = fc.oneof(
      fc.record({ kind: fc.constant('inflow' as const), amount: fc.integer({ min: 1, max: 300_000 }) }),
      fc.record({
        kind: fc.constant('cover' as const),
        doc: fc.integer({ min: 0, max: 4 }),
        need: fc.integer({ min: 1, max: 400_000 }),
      }),
      fc.record({
        kind: fc.constant('pay' as const),
        doc: fc.integer({ min: 0, max: 4 }),
        amount: fc.integer({ min: 1, max: 400_000 }),
        repeat: fc.boolean(),
      }),
      fc.record({
        kind: fc.constant('credit' as const),
        doc: fc.integer({ min: 0, max: 4 }),
        amount: fc.integer({ min: 1, max: 400_000 }),
      }),
      fc.record({ kind: fc.constant('default' as const), doc: fc.integer({ min: 0, max: 4 }) }),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), fc.integer({ min: 0, max: 10_000 }), (events, bp) => {
        let inflows = 0;
        let losses = 0;
        const covers: Cover[] = [];
        const owed = [400_000, 400_000, 400_000, 400_000, 400_000];
        const gone = new Set<number>();
        const paymentsSeen = new Set<string>();
        let seq = 0;
        const outstanding = (c: Cover) => c.amount - c.released - c.given;
        const open = (doc: number) => covers.filter((c) => c.doc === doc && !c.closed);
        const exposure = () => covers.filter((c) => !c.closed).reduce((a, c) => a + outstanding(c), 0);
        const pay = (doc: number, amount: number) => {
          const paid = Math.min(amount, owed[doc] ?? 0);
          owed[doc] = (owed[doc] ?? 0) - paid;
          for (const r of releaseOnPayment(
            open(doc).map((c) => ({ coverId: String(c.id), outstandingCents: outstanding(c) })),
            paid,
          )) {
            const c = covers.find((x) => String(x.id) === r.coverId) as Cover;
            c.released += r.amountCents;
            if (outstanding(c) === 0) c.closed = true;
          }
        };
        for (const e of events) {
          if (e.kind === 'inflow') inflows += e.amount;
          if (e.kind === 'cover' && !gone.has(e.doc)) {
            const coveredOnDoc = open(e.doc).reduce((a, c) => a + outstanding(c), 0);
            const d = decideCover({
              settings: { ...defaultGuaranteeSettings, maxExposureBp: bp, maxPerMemberCents: 10_000_000 },
              today: '2026-11-20',
              neededCents: e.need,
              invoices: [
                inv({ documentId: String(e.doc), uncoveredCents: (owed[e.doc] ?? 0) - coveredOnDoc }),
              ],
              memberExposureCents: exposure(),
              clientExposureCents: {},
              fund: { balanceCents: inflows - losses, exposureCents: exposure() },
            });
            for (const p of d.parts)
              covers.push({
                id: seq++,
                doc: e.doc,
                amount: p.amountCents,
                released: 0,
                given: 0,
                absorbed: 0,
                closed: false,
              });
          }
          if (e.kind === 'pay' && !gone.has(e.doc)) {
            const paymentId = `${e.doc}-${seq++}`;
            // A retried payment (same id) is the same payment: it releases nothing more.
            for (const id of e.repeat ? [paymentId, paymentId] : [paymentId]) {
              if (paymentsSeen.has(id)) continue;
              paymentsSeen.add(id);
              pay(e.doc, e.amount);
            }
          }
          if (e.kind === 'credit' && !gone.has(e.doc)) {
            owed[e.doc] = (owed[e.doc] ?? 0) - Math.min(e.amount, owed[e.doc] ?? 0);
            for (const r of reduceOnCredit(
              open(e.doc).map((c) => ({ coverId: String(c.id), outstandingCents: outstanding(c) })),
              owed[e.doc] ?? 0,
            )) {
              const c = covers.find((x) => String(x.id) === r.coverId) as Cover;
              c.given += r.amountCents;
              if (outstanding(c) === 0) c.closed = true;
            }
          }
          if (e.kind === 'default' && !gone.has(e.doc)) {
            const mine = open(e.doc);
            const covered = mine.reduce((a, c) => a + outstanding(c), 0);
            const r = absorbDefault({
              outstandingExclVatCents: owed[e.doc] ?? 0,
              coveredCents: covered,
              fund: { balanceCents: inflows - losses, exposureCents: exposure() },
            });
            // The covers stay within what the invoice brings: all of them become the fund's loss.
            expect(r.fromCoversCents).toBe(covered);
            for (const c of mine) {
              c.absorbed = outstanding(c);
              c.closed = true;
            }
            losses += r.fromCoversCents + r.extraCents;
            gone.add(e.doc);
          }
          const position = fundPosition({
            inflowsCents: inflows,
            lossesCents: losses,
            exposureCents: exposure(),
            maxExposureBp: bp,
          });
          expect(position.balanceCents).toBeGreaterThanOrEqual(0);
          expect(position.freeCents).toBeGreaterThanOrEqual(0);
          for (const c of covers) expect(outstanding(c)).toBeGreaterThanOrEqual(0);
          // A cover never promises more than its invoice still brings.
          for (let doc = 0; doc < owed.length; doc++)
            expect(open(doc).reduce((a, c) => a + outstanding(c), 0)).toBeLessThanOrEqual(owed[doc] ?? 0);
        }
        // Every client pays what it still owes: no cover is left open, each closed exactly once.
        for (let doc = 0; doc < owed.length; doc++) if (!gone.has(doc)) pay(doc, owed[doc] ?? 0);
        for (const c of covers) {
          expect(c.closed).toBe(true);
          expect(c.released + c.given + c.absorbed).toBe(c.amount);
        }
        expect(exposure()).toBe(0);
      }),
    );
  });
});

describe('stress report', () => {
  it('lets the three largest clients default and says whether the fund holds', () => {
    const r = stressTest({
      balanceCents: 1_000_000,
      exposureCents: 300_000,
      clients: [
        { clientId: 'a', clientName: 'A', coveredCents: 200_000, receivableCents: 600_000 },
        { clientId: 'b', clientName: 'B', coveredCents: 100_000, receivableCents: 300_000 },
        { clientId: 'c', clientName: 'C', coveredCents: 0, receivableCents: 250_000 },
        { clientId: 'd', clientName: 'D', coveredCents: 0, receivableCents: 100_000 },
      ],
    });
    expect(r.defaulting.map((c) => c.clientId)).toEqual(['a', 'b', 'c']);
    // A: 200k covers + 400k of the 700k free; B: 100k covers + 200k of the 300k left free; C: 100k.
    expect(r.absorbedCents).toBe(1_000_000);
    expect(r.balanceAfterCents).toBe(0);
    expect(r.uncoveredLossCents).toBe(150_000);
    expect(r.holds).toBe(true);
  });
});
