import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildStatement,
  categorize,
  countsTowardBalance,
  lineEffect,
  type StatementLineInput,
} from './statement.ts';

let seq = 0;
/** Lines of one entry on the activity; `treasury` when the entry also touches a bank account. */
const entry = (
  date: string,
  journalCode: string,
  label: string,
  lines: [string, number, number][],
  options: { treasury?: boolean; journalKind?: StatementLineInput['journalKind'] } = {},
): StatementLineInput[] => {
  seq += 1;
  return lines.map(([accountNumber, debitCents, creditCents]) => ({
    entryId: `e${seq}`,
    seq,
    reference: `${journalCode}-2026-${String(seq).padStart(6, '0')}`,
    journalCode,
    journalKind: options.journalKind ?? 'misc',
    entryDate: date,
    entryLabel: label,
    pieceRef: `P${seq}`,
    reversesEntryId: null,
    entryTouchesTreasury: options.treasury ?? false,
    accountNumber,
    accountLabel: accountNumber,
    label,
    debitCents,
    creditCents,
  }));
};

// A year of an activity: invoice 1,000 € HT (VAT on collection), 10 % fee, payment, an expense claim,
// a salary, an invoice not yet paid. Amounts in cents.
const year = () => [
  ...entry('2026-01-15', 'VE', 'Facture 1', [
    ['411', 120_000, 0],
    ['706', 0, 100_000],
    ['44580', 0, 20_000],
  ]),
  ...entry('2026-01-15', 'ANA', 'Contribution', [['961', 10_000, 0]], { journalKind: 'analytic' }),
  ...entry(
    '2026-02-10',
    'BQ',
    'Règlement facture 1',
    [
      ['512', 120_000, 0],
      ['411', 0, 120_000],
      ['44580', 20_000, 0],
    ],
    { treasury: true },
  ),
  ...entry('2026-02-20', 'OD', 'Note de frais', [['6251', 8_000, 0]]),
  ...entry('2026-03-31', 'SAL', 'Salaire mars', [
    ['6411', 50_000, 0],
    ['6451', 20_000, 0],
  ]),
  ...entry('2026-04-05', 'VE', 'Facture 2', [
    ['411', 60_000, 0],
    ['706', 0, 50_000],
    ['44580', 0, 10_000],
  ]),
  ...entry('2026-04-05', 'ANA', 'Contribution', [['961', 5_000, 0]], { journalKind: 'analytic' }),
];

describe('the activity account', () => {
  it('computes the figures a member cares about', () => {
    const s = buildStatement(year());
    expect(s.figures).toEqual({
      invoicedCents: 150_000,
      collectedCents: 120_000,
      expensesCents: 8_000,
      salaryPaidCents: 70_000,
      feeCents: 15_000,
      coverCents: 0,
      transfersCents: 0,
      resultCents: 150_000 - 15_000 - 8_000 - 70_000,
      outstandingReceivablesCents: 60_000,
      // Invoice 2 is not collected yet: its 500 € HT are not available.
      availableBalanceCents: 100_000 - 15_000 - 8_000 - 70_000,
    });
    expect(s.closingBalanceCents).toBe(s.figures.availableBalanceCents);
  });

  it('lists movements in date order with a running balance and a category', () => {
    const s = buildStatement(year().reverse());
    expect(s.movements.map((m) => [m.label, m.category, m.amountCents, m.balanceCents])).toEqual([
      ['Facture 1', 'revenue', 0, 0],
      ['Contribution', 'fee', -10_000, -10_000],
      ['Règlement facture 1', 'collection', 100_000, 90_000],
      ['Note de frais', 'expense', -8_000, 82_000],
      ['Salaire mars', 'salary', -70_000, 12_000],
      ['Facture 2', 'revenue', 0, 12_000],
      ['Contribution', 'fee', -5_000, 7_000],
    ]);
  });

  it('starts a period from the balance before it and ends at the period’s end', () => {
    const s = buildStatement(year(), { from: '2026-02-01', to: '2026-03-31' });
    expect(s.openingBalanceCents).toBe(-10_000);
    expect(s.movements.map((m) => m.label)).toEqual(['Règlement facture 1', 'Note de frais', 'Salaire mars']);
    expect(s.closingBalanceCents).toBe(12_000);
    expect(s.figures.invoicedCents).toBe(0);
    expect(s.figures.collectedCents).toBe(120_000);
    expect(s.figures.outstandingReceivablesCents).toBe(0);
    expect(s.monthly).toEqual([
      { month: '2026-02', inCents: 100_000, outCents: 8_000, balanceCents: 82_000 },
      { month: '2026-03', inCents: 0, outCents: 70_000, balanceCents: 12_000 },
    ]);
  });

  it('leaves opening entries out: the activity account runs across fiscal years', () => {
    const opening = entry('2026-01-01', 'AN', 'À-nouveaux', [['411', 30_000, 0]], { journalKind: 'opening' });
    expect(buildStatement([...year(), ...opening]).figures).toEqual(buildStatement(year()).figures);
  });

  it('counts an advance until payroll deducts it, and guarantee-fund cover as money in', () => {
    const lines = [
      ...entry('2026-05-02', 'BQ', 'Avance', [['425', 30_000, 0]], { treasury: true }),
      ...entry('2026-05-31', 'SAL', 'Salaire mai', [
        ['6411', 40_000, 0],
        ['425', 0, 30_000],
      ]),
      ...entry('2026-06-30', 'ANA', 'Couverture', [['972', 0, 25_000]], { journalKind: 'analytic' }),
    ];
    const s = buildStatement(lines);
    expect(s.movements.map((m) => [m.category, m.balanceCents])).toEqual([
      ['advance', -30_000],
      ['salary', -40_000],
      ['cover', -15_000],
    ]);
    expect(s.figures.coverCents).toBe(25_000);
  });
});

describe('what counts', () => {
  it('counts result, receivables, pending VAT and advances, and nothing else', () => {
    for (const n of ['706', '7088', '6251', '6411', '961', '972', '411', '416', '418', '44580', '425'])
      expect(countsTowardBalance(n), n).toBe(true);
    for (const n of ['512', '44571', '44566', '421', '431', '467', '401', '4191', '101'])
      expect(countsTowardBalance(n), n).toBe(false);
  });

  it('categorizes from the accounts of the activity’s lines', () => {
    expect(categorize([{ accountNumber: '411' }], true)).toBe('collection');
    expect(categorize([{ accountNumber: '411' }], false)).toBe('other');
    expect(categorize([{ accountNumber: '6411' }, { accountNumber: '425' }], false)).toBe('salary');
  });

  it('a balanced analytic allocation moves money between activities and the cooperative without creating any', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom('961', '971', '962', '972', '969'), fc.integer({ min: 1, max: 1e7 })),
          {
            minLength: 1,
            maxLength: 6,
          },
        ),
        (debits) => {
          const total = debits.reduce((t, [, c]) => t + c, 0);
          const lines = [
            ...debits.map(([accountNumber, c]) => ({ accountNumber, debitCents: c, creditCents: 0 })),
            { accountNumber: '971', debitCents: 0, creditCents: total },
          ];
          // Whoever carries each line (an activity or the cooperative), the effects add up to zero.
          expect(lines.reduce((t, l) => t + lineEffect(l), 0)).toBe(0);
        },
      ),
    );
  });
});
