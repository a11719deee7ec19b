import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocatePayment, matchStatementLine, nameSimilarity, type OpenInvoice } from './matching.ts';
import type { StatementLine } from './statements.ts';

const inv = (
  id: string,
  number: string,
  clientName: string,
  outstandingCents: number,
  issueDate = '2026-10-01',
): OpenInvoice => ({
  id,
  number,
  clientName,
  outstandingCents,
  issueDate,
});

const open = [
  inv('a', 'FA-2026-000042', 'Théâtre du Nord SAS', 120_000, '2026-10-02'),
  inv('b', 'FA-2026-000043', 'Théâtre du Nord SAS', 30_000, '2026-10-20'),
  inv('c', 'FA-2026-000050', 'Atelier Lumière', 50_000),
  inv('d', 'FA-2026-000051', 'Mairie de Roubaix', 50_000),
];

const line = (over: Partial<StatementLine>): StatementLine => ({
  bookingDate: '2026-11-20',
  amountCents: 0,
  label: '',
  fingerprint: 'x',
  ...over,
});

describe('matching a statement line to invoices', () => {
  it('finds the invoice number in the remittance, whatever the spacing', () => {
    const [m] = matchStatementLine(
      line({ amountCents: 120_000, remittance: 'Paiement facture fa 2026 000042' }),
      open,
    );
    expect(m).toEqual({
      reason: 'invoice_number',
      confidence: 99,
      allocations: [{ invoiceId: 'a', amountCents: 120_000 }],
      unallocatedCents: 0,
    });
  });

  it('settles several quoted invoices, oldest first, and keeps an overpayment as client credit', () => {
    const [m] = matchStatementLine(
      line({ amountCents: 160_000, remittance: 'FA-2026-000043 + FA-2026-000042' }),
      open,
    );
    expect(m?.allocations).toEqual([
      { invoiceId: 'a', amountCents: 120_000 },
      { invoiceId: 'b', amountCents: 30_000 },
    ]);
    expect(m?.unallocatedCents).toBe(10_000);
    expect(m?.confidence).toBeLessThan(99);
  });

  it('uses the end-to-end id the client was given', () => {
    const withRef = [
      ...open.slice(0, 3),
      { ...open[3], paymentReference: 'RF18539007547034' } as OpenInvoice,
    ];
    const [m] = matchStatementLine(line({ amountCents: 50_000, endToEndId: 'RF18 5390 0754 7034' }), withRef);
    expect(m).toMatchObject({ reason: 'end_to_end_id', allocations: [{ invoiceId: 'd' }] });
  });

  it('matches amount and name, and says when two invoices fit equally', () => {
    const one = matchStatementLine(
      line({ amountCents: 50_000, counterpartyName: 'ATELIER LUMIERE', label: 'VIR' }),
      open,
    );
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ reason: 'amount_and_name', allocations: [{ invoiceId: 'c' }] });
    expect(one[0]?.confidence).toBeGreaterThanOrEqual(70);
    const twins = [...open, inv('e', 'FA-2026-000060', 'Atelier Lumière', 50_000, '2026-11-01')];
    const two = matchStatementLine(line({ amountCents: 50_000, counterpartyName: 'Atelier Lumiere' }), twins);
    expect(two.map((m) => m.allocations[0]?.invoiceId)).toEqual(['c', 'e']);
    expect(two.every((m) => m.confidence < 70)).toBe(true);
  });

  it('offers the amount alone with low confidence, and nothing for money out or no evidence', () => {
    expect(matchStatementLine(line({ amountCents: 30_000, label: 'VIR INCONNU' }), open)).toEqual([
      {
        reason: 'amount_only',
        confidence: 40,
        allocations: [{ invoiceId: 'b', amountCents: 30_000 }],
        unallocatedCents: 0,
      },
    ]);
    expect(matchStatementLine(line({ amountCents: 50_000, label: 'VIR INCONNU' }), open)).toEqual([]); // two invoices owe 500 €
    expect(matchStatementLine(line({ amountCents: -120_000, remittance: 'FA-2026-000042' }), open)).toEqual(
      [],
    );
  });

  it('compares names without accents, case or legal forms', () => {
    expect(nameSimilarity('THEATRE DU NORD', 'Théâtre du Nord SAS')).toBe(1);
    expect(nameSimilarity('Mairie de Lille', 'Atelier Lumière')).toBe(0);
  });

  it('never allocates more than the line, nor more than an invoice owes', () => {
    const invoices = fc.array(
      fc.record({ id: fc.uuid(), owed: fc.integer({ min: -1000, max: 1_000_000 }) }),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5_000_000 }), invoices, (amount, list) => {
        const opened = list.map((x, n) => inv(x.id, `FA-${n}`, 'X', x.owed));
        const { allocations, unallocatedCents } = allocatePayment(amount, opened);
        const total = allocations.reduce((s, a) => s + a.amountCents, 0);
        expect(total + unallocatedCents).toBe(amount);
        expect(unallocatedCents).toBeGreaterThanOrEqual(0);
        for (const a of allocations) {
          expect(a.amountCents).toBeGreaterThan(0);
          expect(a.amountCents).toBeLessThanOrEqual(
            opened.find((o) => o.id === a.invoiceId)?.outstandingCents ?? 0,
          );
        }
      }),
    );
  });
});
