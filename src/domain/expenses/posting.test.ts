import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expenseCategories } from './categories.ts';
import { deductibleVat, expenseEntry, expenseLabel, payoutEntry } from './posting.ts';
import { expenseInput } from './schemas.ts';

const sum = (
  lines: readonly { debitCents?: number; creditCents?: number }[],
  side: 'debitCents' | 'creditCents',
) => lines.reduce((t, l) => t + (l[side] ?? 0), 0);

const categories = expenseCategories.filter((c) => !c.mileage).map((c) => c.code);

describe('the entry of an approved expense', () => {
  it('is balanced, owes the member or the supplier the amount incl. VAT and deducts at most the VAT', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...categories),
        fc.constantFrom('receipt' as const, 'supplier_invoice' as const),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.boolean(),
        (category, kind, ht, vat, toCoop) => {
          fc.pre(ht + vat > 0);
          const deductible = deductibleVat(kind, category, vat, toCoop);
          const entry = expenseEntry(
            {
              kind,
              reference: 'NDF-000001',
              activityId: 'a',
              expenseDate: '2026-11-02',
              category,
              label: 'x',
              supplierName: 'S',
              supplierInvoiceNumber: 'F-1',
              amountExclVatCents: ht,
              vatCents: vat,
              amountInclVatCents: ht + vat,
              deductibleVatCents: deductible,
              memberId: 'm',
              supplierAuxiliaryId: 's',
            },
            '2026-11-20',
          );
          expect(sum(entry.lines, 'debitCents')).toBe(ht + vat);
          expect(sum(entry.lines, 'creditCents')).toBe(ht + vat);
          expect(deductible).toBeLessThanOrEqual(vat);
          if (kind === 'receipt' && !toCoop) expect(deductible).toBe(0);
          const payable = entry.lines.at(-1);
          expect(payable?.accountNumber).toBe(kind === 'receipt' ? '467' : '401');
          expect(entry.journalCode).toBe(kind === 'receipt' ? 'OD' : 'AC');
          // Only the expense line carries the activity: the activity account counts it once.
          expect(entry.lines.filter((l) => l.activityId)).toHaveLength(1);
        },
      ),
    );
  });

  it('keeps labels free of the FEC separators', () => {
    expect(
      expenseLabel({
        kind: 'receipt',
        reference: 'NDF-000002',
        label: 'Repas |\tclient\r\n',
        supplierName: 'Bistro',
        supplierInvoiceNumber: null,
      }),
    ).toBe('Note de frais NDF-000002 – Bistro : Repas client');
  });
});

describe('the entry of an executed payout batch', () => {
  it('debits each payable and credits the bank with the total', () => {
    const entry = payoutEntry({ reference: 'VIR-1', executionDate: '2026-11-23' }, [
      {
        kind: 'receipt',
        reference: 'NDF-1',
        activityId: 'a',
        amountCents: 1_250,
        memberId: 'm',
        supplierAuxiliaryId: null,
        payee: 'Léa Martin',
      },
      {
        kind: 'supplier_invoice',
        reference: 'NDF-2',
        activityId: 'a',
        amountCents: 42_000,
        memberId: null,
        supplierAuxiliaryId: 's',
        payee: 'Loc’Son',
      },
    ]);
    expect(entry.lines.map((l) => [l.accountNumber, l.debitCents ?? 0, l.creditCents ?? 0])).toEqual([
      ['467', 1_250, 0],
      ['401', 42_000, 0],
      ['512', 0, 43_250],
    ]);
    expect(() => payoutEntry({ reference: 'VIR-2', executionDate: '2026-11-23' }, [])).toThrow(RangeError);
  });
});

describe('expense input', () => {
  it('wants excl. VAT + VAT = incl. VAT', () => {
    const base = {
      kind: 'receipt',
      activityId: '6f1c1f8e-8d1a-4a8e-9a57-0c3c7e2b8a11',
      expenseDate: '2026-11-02',
      label: 'Taxi',
      supplierName: 'G7',
      category: 'travel',
      amountExclVatCents: 1_000,
      vatCents: 100,
      amountInclVatCents: 1_100,
    };
    expect(expenseInput.safeParse(base).success).toBe(true);
    const bad = expenseInput.safeParse({ ...base, amountInclVatCents: 1_101 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({
      path: ['amountInclVatCents'],
      params: { code: 'expense.amounts_inconsistent' },
    });
  });
});
