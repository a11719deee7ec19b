import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DomainError } from '../errors.ts';
import {
  type InvoiceBalance,
  outstandingOf,
  paymentStatus,
  planPayment,
  vatCollectedOn,
} from './payments.ts';

const invoice = (over: Partial<InvoiceBalance> = {}): InvoiceBalance => ({
  documentId: 'inv-1',
  number: 'FA-2026-000001',
  clientId: 'c1',
  dueCents: 120_000,
  creditedCents: 0,
  paidCents: 0,
  vatPendingCents: 20_000,
  ...over,
});

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'no error';
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('payments', () => {
  it('moves the VAT in proportion, and all that is left on the payment that settles', () => {
    const b = invoice();
    expect(vatCollectedOn(60_000, b)).toBe(10_000);
    expect(vatCollectedOn(120_000, b)).toBe(20_000);
    expect(vatCollectedOn(33_333, b)).toBe(5556); // 33,333 × 20,000 / 120,000 = 5,555.5 → half-up
    expect(vatCollectedOn(10_000, invoice({ vatPendingCents: 0 }))).toBe(0);
  });

  it('moves exactly the invoice’s VAT over any sequence of payments that settles it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 2500 }),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 12 }),
        (due, vatBp, weights) => {
          const vat = Math.floor((due * vatBp) / 12_000);
          let b = invoice({ dueCents: due, vatPendingCents: vat });
          let moved = 0;
          const total = weights.reduce((s, w) => s + w, 0);
          let paid = 0;
          weights.forEach((w, i) => {
            const amount = i === weights.length - 1 ? due - paid : Math.floor((due * w) / total);
            if (amount <= 0) return;
            const v = vatCollectedOn(amount, b);
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(b.vatPendingCents);
            moved += v;
            paid += amount;
            b = { ...b, paidCents: b.paidCents + amount, vatPendingCents: b.vatPendingCents - v };
          });
          expect(outstandingOf(b)).toBe(0);
          expect(moved).toBe(vat);
          expect(paymentStatus(b)).toBe('paid');
        },
      ),
    );
  });

  it('spreads a payment over the invoices named and keeps the rest as client credit', () => {
    const a = invoice();
    const b = invoice({ documentId: 'inv-2', dueCents: 30_000, vatPendingCents: 5000 });
    const plan = planPayment(
      160_000,
      'c1',
      [
        { documentId: 'inv-1', amountCents: 120_000 },
        { documentId: 'inv-2', amountCents: 30_000 },
      ],
      [a, b],
    );
    expect(plan.unallocatedCents).toBe(10_000);
    expect(plan.parts.map((p) => [p.vatCents, p.settles])).toEqual([
      [20_000, true],
      [5000, true],
    ]);
  });

  it('refuses more than an invoice owes, more than the payment, another client’s invoice, an invoice twice', () => {
    const a = invoice({ paidCents: 100_000 });
    expect(codeOf(() => planPayment(50_000, 'c1', [{ documentId: 'inv-1', amountCents: 20_001 }], [a]))).toBe(
      'payment.above_outstanding',
    );
    expect(codeOf(() => planPayment(10_000, 'c1', [{ documentId: 'inv-1', amountCents: 20_000 }], [a]))).toBe(
      'payment.over_allocated',
    );
    expect(codeOf(() => planPayment(10_000, 'c2', [{ documentId: 'inv-1', amountCents: 5000 }], [a]))).toBe(
      'payment.other_client',
    );
    expect(
      codeOf(() =>
        planPayment(
          10_000,
          'c1',
          [
            { documentId: 'inv-1', amountCents: 10 },
            { documentId: 'inv-1', amountCents: 10 },
          ],
          [a],
        ),
      ),
    ).toBe('payment.unknown_invoice');
    expect(codeOf(() => planPayment(0, 'c1', [], [a]))).toBe('payment.invalid_amount');
    expect(paymentStatus(a)).toBe('partially_paid');
    expect(paymentStatus(invoice({ creditedCents: 120_000 }))).toBe('paid');
  });
});
