import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultChart } from './chart.ts';
import {
  type AccountFacts,
  checkEntryAccounts,
  checkEntryAmounts,
  entryReference,
  isBalanced,
  type LineDraft,
  type PostedEntry,
  reverseEntry,
  splitLine,
  totals,
} from './entry.ts';
import { trialBalance } from './reports.ts';

const line = (accountNumber: string, debitCents: number, creditCents = 0): LineDraft => ({
  accountNumber,
  debitCents,
  creditCents,
});

describe('checkEntryAmounts', () => {
  it('accepts a balanced entry of whole positive cents', () => {
    expect(checkEntryAmounts([line('411', 1200), line('706', 0, 1000), line('44580', 0, 200)])).toEqual([]);
  });

  it('names every broken rule with a pointer', () => {
    expect(checkEntryAmounts([line('512', 100)])).toEqual([
      { pointer: '/lines', code: 'ledger.too_few_lines' },
    ]);
    expect(checkEntryAmounts([line('512', 100), line('706', 0, 99)])).toEqual([
      { pointer: '/lines', code: 'ledger.unbalanced' },
    ]);
    expect(checkEntryAmounts([line('512', 100), line('706', 0, 100), line('627', 0, 0)])).toEqual([
      { pointer: '/lines/2', code: 'ledger.line_zero' },
    ]);
    expect(checkEntryAmounts([line('512', 100, 100), line('706', 0, 100), line('627', 100)])).toEqual([
      { pointer: '/lines/0', code: 'ledger.line_both_sides' },
    ]);
    expect(checkEntryAmounts([line('512', -100), line('706', 0, -100)])).toEqual([
      { pointer: '/lines/0', code: 'ledger.negative_amount' },
      { pointer: '/lines/1', code: 'ledger.negative_amount' },
    ]);
    expect(checkEntryAmounts([line('512', 10.5), line('706', 0, 10.5)])[0]?.code).toBe(
      'ledger.amount_not_cents',
    );
    expect(checkEntryAmounts([line('512', 1e14), line('706', 0, 1e14)])[0]?.code).toBe(
      'ledger.amount_too_large',
    );
  });
});

describe('checkEntryAccounts', () => {
  const chart = new Map<string, AccountFacts>(
    defaultChart.map((a) => [a.number, { auxiliaryKind: a.auxiliaryKind, active: true }]),
  );
  const facts = (n: string) => chart.get(n);
  const withAux = (l: LineDraft, auxiliaryKind: 'client' | 'member' | 'supplier' | null = null) => ({
    ...l,
    auxiliaryKind,
  });

  it('asks for the auxiliary account the chart names, and only there', () => {
    expect(
      checkEntryAccounts([withAux(line('411', 100), 'client'), withAux(line('706', 0, 100))], facts, 'sales'),
    ).toEqual([]);
    expect(
      checkEntryAccounts([withAux(line('411', 100)), withAux(line('706', 0, 100))], facts, 'sales'),
    ).toEqual([{ pointer: '/lines/0', code: 'ledger.auxiliary_required' }]);
    expect(
      checkEntryAccounts([withAux(line('512', 100), 'client'), withAux(line('706', 0, 100))], facts, 'bank'),
    ).toEqual([{ pointer: '/lines/0', code: 'ledger.auxiliary_not_allowed' }]);
    expect(
      checkEntryAccounts([withAux(line('421', 100), 'client'), withAux(line('512', 0, 100))], facts, 'bank'),
    ).toEqual([{ pointer: '/lines/0', code: 'ledger.auxiliary_mismatch' }]);
  });

  it('keeps class 9 in the analytic journal and the rest out of it', () => {
    const fee = [withAux(line('961', 850)), withAux(line('971', 0, 850))];
    expect(checkEntryAccounts(fee, facts, 'analytic')).toEqual([]);
    expect(checkEntryAccounts(fee, facts, 'misc').map((i) => i.code)).toEqual([
      'ledger.analytic_mismatch',
      'ledger.analytic_mismatch',
    ]);
    expect(
      checkEntryAccounts([withAux(line('512', 1)), withAux(line('706', 0, 1))], facts, 'analytic'),
    ).toHaveLength(2);
  });

  it('refuses unknown and inactive accounts', () => {
    const inactive = (n: string) => (n === '627' ? { auxiliaryKind: null, active: false } : facts(n));
    expect(
      checkEntryAccounts([withAux(line('6999', 1)), withAux(line('627', 0, 1))], inactive, 'misc').map(
        (i) => i.code,
      ),
    ).toEqual(['ledger.unknown_account', 'ledger.inactive_account']);
  });
});

// Amounts of one side of a line, and entries built so that some are valid and some are not.
const cents = fc.integer({ min: 1, max: 5_000_000 });
const accounts = ['411', '512', '6063', '6251', '706', '44566', '44571', '421'];
const balancedEntry = fc
  .tuple(
    fc.array(fc.tuple(fc.constantFrom(...accounts), cents), { minLength: 1, maxLength: 5 }),
    fc.array(fc.constantFrom(...accounts), { minLength: 1, maxLength: 5 }),
  )
  .map(([debits, creditAccounts]) => {
    const total = debits.reduce((t, [, c]) => t + c, 0);
    // Credits share the total by arbitrary weights: they must add back to it exactly.
    const weights = creditAccounts.map((_, i) => i + 1);
    return [
      ...debits.map(([a, c]) => line(a, c)),
      ...splitLine(
        line(creditAccounts[0] as string, 0, total),
        weights.map((w) => ({ activityId: null, weight: w })),
      ).map((l, i) => ({ ...l, accountNumber: creditAccounts[i] as string })),
    ];
  });
const anyEntry = fc.oneof(
  balancedEntry,
  fc.array(
    fc.record({
      accountNumber: fc.constantFrom(...accounts),
      debitCents: fc.integer({ min: -10, max: 2_000 }),
      creditCents: fc.integer({ min: -10, max: 2_000 }),
    }),
    { maxLength: 6 },
  ),
);

describe('properties', () => {
  it('any sequence of postings keeps every entry and the whole ledger balanced', () => {
    fc.assert(
      fc.property(fc.array(anyEntry, { maxLength: 40 }), (drafts) => {
        const ledger: LineDraft[][] = [];
        for (const lines of drafts) if (checkEntryAmounts(lines).length === 0) ledger.push(lines);
        for (const lines of ledger) expect(isBalanced(lines)).toBe(true);
        const byAccount = new Map<string, { debitCents: number; creditCents: number }>();
        for (const l of ledger.flat()) {
          const t = byAccount.get(l.accountNumber) ?? { debitCents: 0, creditCents: 0 };
          byAccount.set(l.accountNumber, {
            debitCents: t.debitCents + l.debitCents,
            creditCents: t.creditCents + l.creditCents,
          });
        }
        const tb = trialBalance(
          [...byAccount].map(([accountNumber, t]) => ({ accountNumber, accountLabel: accountNumber, ...t })),
        );
        expect(tb.totals.debitCents).toBe(tb.totals.creditCents);
        expect(tb.totals.balanceDebitCents).toBe(tb.totals.balanceCreditCents);
      }),
    );
  });

  it('refuses every entry whose sides differ', () => {
    fc.assert(
      fc.property(anyEntry, (lines) => {
        const t = totals(lines);
        if (t.debitCents !== t.creditCents) expect(checkEntryAmounts(lines).length).toBeGreaterThan(0);
      }),
    );
  });

  it('reverse(e) cancels e on every account, auxiliary account and activity, and reverses back to e', () => {
    const posted = balancedEntry.map(
      (lines): PostedEntry => ({
        id: 'e1',
        reference: 'OD-2026-000001',
        entryDate: '2026-11-20',
        label: 'Écriture',
        lines: lines.map((l, i) => ({
          ...l,
          label: `ligne ${i}`,
          activityId: i % 2 ? 'a1' : null,
          auxiliaryAccountId: i % 3 ? null : 'x1',
        })),
      }),
    );
    fc.assert(
      fc.property(posted, (e) => {
        const r = reverseEntry(e);
        expect(r.reversesEntryId).toBe(e.id);
        expect(checkEntryAmounts(r.lines)).toEqual([]);
        const net = new Map<string, number>();
        for (const l of [...e.lines, ...r.lines]) {
          const key = `${l.accountNumber}/${l.auxiliaryAccountId}/${l.activityId}`;
          net.set(key, (net.get(key) ?? 0) + l.debitCents - l.creditCents);
        }
        for (const v of net.values()) expect(v).toBe(0);
        const back = reverseEntry({ ...e, id: 'r1', lines: r.lines });
        expect(back.lines.map((l) => [l.debitCents, l.creditCents])).toEqual(
          e.lines.map((l) => [l.debitCents, l.creditCents]),
        );
      }),
    );
  });

  it('splitting a line between activities never loses a cent', () => {
    fc.assert(
      fc.property(
        cents,
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (amount, weights, debit) => {
          fc.pre(weights.some((w) => w > 0));
          const parts = splitLine(
            line('6251', debit ? amount : 0, debit ? 0 : amount),
            weights.map((weight, i) => ({ activityId: `a${i}`, weight })),
          );
          const t = totals(parts);
          expect(debit ? t.debitCents : t.creditCents).toBe(amount);
          expect(debit ? t.creditCents : t.debitCents).toBe(0);
          for (const p of parts) expect(p.debitCents + p.creditCents).toBeGreaterThan(0);
          // The split lines balance the whole amount on the other side.
          expect(checkEntryAmounts([...parts, line('467', debit ? 0 : amount, debit ? amount : 0)])).toEqual(
            [],
          );
        },
      ),
    );
  });
});

describe('entryReference', () => {
  it('reads journal, fiscal year and number', () => {
    expect(entryReference('VE', '2026', 42)).toBe('VE-2026-000042');
  });
});
