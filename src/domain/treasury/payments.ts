// What a client payment settles: how much of an invoice is still owed, how a payment is spread over
// the invoices it names (the rest kept as client credit), how much VAT it makes due (services: VAT on
// collection, CGI art. 269-2-c — moved from 44580 to 44571 in proportion to what is collected), and
// the invoice's status afterwards.
import { DomainError } from '../errors.ts';
import { type Cents, divideRounded } from '../money.ts';

export type InvoiceBalance = {
  documentId: string;
  number: string;
  clientId: string;
  /** What the invoice asks the client to pay: total incl. VAT less deposits already invoiced. */
  dueCents: Cents;
  /** Issued credit notes on it, incl. VAT. */
  creditedCents: Cents;
  /** Payments already allocated to it. */
  paidCents: Cents;
  /** VAT still waiting for collection on it (44580). */
  vatPendingCents: Cents;
};

export const outstandingOf = (b: InvoiceBalance): Cents =>
  Math.max(0, b.dueCents - b.creditedCents - b.paidCents);

/** VAT made due by collecting `amount` on an invoice: proportional, and all that is left on the last payment. */
export function vatCollectedOn(amount: Cents, b: InvoiceBalance): Cents {
  const outstanding = outstandingOf(b);
  if (amount <= 0 || b.vatPendingCents <= 0 || outstanding <= 0) return 0;
  if (amount >= outstanding) return b.vatPendingCents;
  return Math.min(b.vatPendingCents, divideRounded(amount * b.vatPendingCents, outstanding, 'half-up'));
}

export type Allocation = { documentId: string; amountCents: Cents };

/**
 * Checks the allocations asked for a payment: each invoice named once, of this client, owing at least
 * what is allocated; together no more than the payment. Returns the VAT each part makes due and
 * what stays as client credit.
 */
export function planPayment(
  amount: Cents,
  clientId: string,
  asked: readonly Allocation[],
  balances: readonly InvoiceBalance[],
) {
  if (!Number.isSafeInteger(amount) || amount <= 0)
    throw new DomainError('payment.invalid_amount', 'A payment is a positive amount', {
      errors: [
        {
          pointer: '/amountCents',
          code: 'payment.invalid_amount',
          message: 'A payment is a positive amount',
        },
      ],
    });
  const seen = new Set<string>();
  const parts = asked.map((a, i) => {
    const pointer = `/allocations/${i}/amountCents`;
    const b = balances.find((x) => x.documentId === a.documentId);
    const fail = (
      code:
        | 'payment.unknown_invoice'
        | 'payment.other_client'
        | 'payment.above_outstanding'
        | 'payment.invalid_amount',
      message: string,
    ) => new DomainError(code, message, { errors: [{ pointer, code, message }] });
    if (!b || seen.has(a.documentId))
      throw fail('payment.unknown_invoice', 'An invoice is unknown or named twice');
    seen.add(a.documentId);
    if (b.clientId !== clientId) throw fail('payment.other_client', 'The invoice is another client’s');
    if (!Number.isSafeInteger(a.amountCents) || a.amountCents <= 0)
      throw fail('payment.invalid_amount', 'An allocation is a positive amount');
    if (a.amountCents > outstandingOf(b))
      throw fail('payment.above_outstanding', 'More than the invoice still owes');
    return { ...a, vatCents: vatCollectedOn(a.amountCents, b), settles: a.amountCents === outstandingOf(b) };
  });
  const allocated = parts.reduce((s, p) => s + p.amountCents, 0);
  if (allocated > amount)
    throw new DomainError('payment.over_allocated', 'The allocations exceed the payment', {
      errors: [
        {
          pointer: '/allocations',
          code: 'payment.over_allocated',
          message: 'The allocations exceed the payment',
        },
      ],
    });
  return { parts, unallocatedCents: amount - allocated };
}

/** An issued invoice's status from what it still owes. */
export const paymentStatus = (b: InvoiceBalance): 'issued' | 'partially_paid' | 'paid' =>
  outstandingOf(b) === 0 ? 'paid' : b.paidCents > 0 ? 'partially_paid' : 'issued';
