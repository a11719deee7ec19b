// Accountants' reports computed from per-account totals: the trial balance (balance générale).
export type AccountTotals = {
  accountNumber: string;
  accountLabel: string;
  debitCents: number;
  creditCents: number;
};

export type TrialBalanceRow = AccountTotals & { balanceDebitCents: number; balanceCreditCents: number };

export type TrialBalance = {
  rows: TrialBalanceRow[];
  totals: { debitCents: number; creditCents: number; balanceDebitCents: number; balanceCreditCents: number };
};

/**
 * One row per account in PCG order, its movements and its balance on the side where it lies.
 * In balanced books the four totals come in two equal pairs.
 */
export function trialBalance(accounts: readonly AccountTotals[]): TrialBalance {
  const rows = accounts
    .filter((a) => a.debitCents !== 0 || a.creditCents !== 0)
    .map((a) => {
      const net = a.debitCents - a.creditCents;
      return { ...a, balanceDebitCents: Math.max(net, 0), balanceCreditCents: Math.max(-net, 0) };
    })
    .sort((x, y) => (x.accountNumber < y.accountNumber ? -1 : x.accountNumber > y.accountNumber ? 1 : 0));
  const totals = rows.reduce(
    (t, r) => ({
      debitCents: t.debitCents + r.debitCents,
      creditCents: t.creditCents + r.creditCents,
      balanceDebitCents: t.balanceDebitCents + r.balanceDebitCents,
      balanceCreditCents: t.balanceCreditCents + r.balanceCreditCents,
    }),
    { debitCents: 0, creditCents: 0, balanceDebitCents: 0, balanceCreditCents: 0 },
  );
  return { rows, totals };
}
