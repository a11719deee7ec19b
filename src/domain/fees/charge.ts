// How much fee one revenue event carries, how a credit note gives it back, the yearly minimum, and
// what the pooled fees paid for. Pure and exact to the cent: every division names its rounding.
import { allocate, applyRate, divideRounded } from '../money.ts';
import type { FeeTerms } from './policy.ts';

/** One charge as recorded: the base split at the normal and the reduced rate, the fee and its fund part. */
export type Charge = {
  baseCents: number;
  /** Part of the base above the year's turnover tier, charged at the reduced rate. */
  reducedBaseCents: number;
  rateBp: number;
  reducedRateBp: number | null;
  feeCents: number;
  fundCents: number;
};

/** base × rate in cent·basis points, before any rounding. */
const weightOf = (c: Pick<Charge, 'baseCents' | 'reducedBaseCents' | 'rateBp' | 'reducedRateBp'>): number =>
  (c.baseCents - c.reducedBaseCents) * c.rateBp + c.reducedBaseCents * (c.reducedRateBp ?? 0);

/** The part of `baseCents` above the tier, given what the activity's year had already reached. */
export function aboveTier(baseCents: number, yearBaseBeforeCents: number, thresholdCents: number): number {
  const over = yearBaseBeforeCents + baseCents - thresholdCents;
  return Math.min(baseCents, Math.max(0, over));
}

/**
 * The fee of one revenue event (an issued invoice, or one payment of an invoice when the base is
 * collected). Progressive: the part of the base above the yearly tier takes the reduced rate. The
 * earlier charges of the same document are passed so the document's fees always add up to its whole
 * base × rate rounded once (partial payments never drift by a cent each).
 */
export function chargeRevenue(input: {
  baseCents: number;
  terms: Pick<FeeTerms, 'rateBp' | 'tier' | 'fundShareBp'>;
  /** The activity's base charged earlier in the same calendar year (reversals deducted). */
  yearBaseBeforeCents: number;
  /** Earlier positive charges of the same document. */
  documentCharges: readonly Charge[];
}): Charge {
  const { baseCents, terms } = input;
  if (!Number.isSafeInteger(baseCents) || baseCents < 0) throw new RangeError('A revenue base is ≥ 0 cents');
  const reducedBaseCents = terms.tier
    ? aboveTier(baseCents, Math.max(0, input.yearBaseBeforeCents), terms.tier.thresholdCents)
    : 0;
  const reducedRateBp = terms.tier ? terms.tier.reducedRateBp : null;
  const line = { baseCents, reducedBaseCents, rateBp: terms.rateBp, reducedRateBp };
  const weightBefore = input.documentCharges.reduce((t, c) => t + weightOf(c), 0);
  const feeBefore = input.documentCharges.reduce((t, c) => t + c.feeCents, 0);
  const feeCents = divideRounded(weightBefore + weightOf(line), 10_000, 'half-up') - feeBefore;
  return { ...line, feeCents, fundCents: applyRate(feeCents, terms.fundShareBp) };
}

export type Totals = { baseCents: number; feeCents: number; fundCents: number };

/**
 * What a credit note gives back of a document's fee, at the rates it was charged: proportional to the
 * base credited, counted on the cumulated credits so that any number of partial credit notes gives
 * back exactly the whole fee once the whole base is credited. Amounts returned are positive.
 */
export function reverseCharges(input: { charged: Totals; reversed: Totals; baseCents: number }): Totals {
  const { charged, reversed } = input;
  if (charged.baseCents <= 0) return { baseCents: 0, feeCents: 0, fundCents: 0 };
  const left = Math.max(0, charged.baseCents - reversed.baseCents);
  const baseCents = Math.min(Math.max(0, input.baseCents), left);
  const after = reversed.baseCents + baseCents;
  const share = (total: number) => divideRounded(total * after, charged.baseCents, 'half-up');
  return {
    baseCents,
    feeCents: share(charged.feeCents) - reversed.feeCents,
    fundCents: share(charged.fundCents) - reversed.fundCents,
  };
}

/**
 * With a collected base, a credit note gives back fee only on money collected beyond what the invoice
 * now asks for (a credit note on an invoice already paid): the excess after minus the excess before.
 */
export function collectedBaseToReverse(input: {
  collectedBaseCents: number;
  invoiceBaseCents: number;
  creditedBeforeCents: number;
  creditCents: number;
}): number {
  const excess = (credited: number) =>
    Math.max(0, input.collectedBaseCents - Math.max(0, input.invoiceBaseCents - credited));
  return excess(input.creditedBeforeCents + input.creditCents) - excess(input.creditedBeforeCents);
}

/**
 * The top-up that brings an activity's fees of a year to the policy's yearly minimum, pro rata of
 * the days the activity existed that year; never negative.
 */
export function minimumTopUp(input: {
  minimumYearCents: number | null;
  chargedCents: number;
  daysActive: number;
  daysInYear: number;
}): number {
  if (!input.minimumYearCents || input.daysActive <= 0) return 0;
  const days = Math.min(input.daysActive, input.daysInYear);
  const due = divideRounded(input.minimumYearCents * days, input.daysInYear, 'half-up');
  return Math.max(0, due - input.chargedCents);
}

/** The services the pooled fees pay for, as the direction splits its budget (the fund share aside). */
export const budgetServices = [
  'advisers',
  'accounting_payroll',
  'insurance_legal',
  'tools',
  'premises',
  'network_life',
] as const;
export type BudgetService = (typeof budgetServices)[number];

export type BudgetShare = { service: BudgetService; shareBp: number };

/** Shares are whole basis points that add up to exactly 100 %, each service named once. */
export function checkShares(
  shares: readonly BudgetShare[],
): 'fee.shares_not_100' | 'fee.shares_duplicate' | null {
  if (new Set(shares.map((s) => s.service)).size !== shares.length) return 'fee.shares_duplicate';
  return shares.reduce((t, s) => t + s.shareBp, 0) === 10_000 ? null : 'fee.shares_not_100';
}

export type BreakdownLine = {
  service: BudgetService | 'guarantee_fund';
  cents: number;
  shareBp: number | null;
};

/**
 * What a member's fees paid for: the guarantee fund's part as actually allocated by the policy, the
 * rest split by the direction's budget shares (largest remainder: the lines add back to the fee).
 */
export function feeBreakdown(
  feeCents: number,
  fundCents: number,
  shares: readonly BudgetShare[],
): BreakdownLine[] {
  const lines: BreakdownLine[] = [];
  if (fundCents !== 0) lines.push({ service: 'guarantee_fund', cents: fundCents, shareBp: null });
  const rest = feeCents - fundCents;
  const used = shares.filter((s) => s.shareBp > 0);
  if (used.length === 0) return lines;
  const parts = allocate(
    rest,
    used.map((s) => s.shareBp),
  );
  used.forEach((s, i) => {
    lines.push({ service: s.service, cents: parts[i] as number, shareBp: s.shareBp });
  });
  return lines;
}
