// Money of sales documents. Rounding (documented in docs/api/invoicing.md):
// - a line's net is quantity × unit price − discount, rounded half-up to the cent once;
// - VAT is computed once per VAT category on the sum of the nets of that category (EN 16931
//   BR-CO-17: BT-117 = BT-116 × BT-119, rounded to the cent), never per line;
// - the total including VAT is the total excluding VAT plus the VAT of every category.
import type { IsoDate } from '../dates.ts';
import { applyRate, type BasisPoints, type Cents, cents, divideRounded } from '../money.ts';
import type { VatBreakdown, VatCategory } from './document.ts';
import { type VatCategoryKey, vatCategoryOn } from './vat.ts';

export type LineAmounts = {
  /** Up to three decimals. */
  quantity: number;
  unitPriceCents: Cents;
  discountCents: Cents;
  vatCategory: VatCategoryKey;
};

/** Quantity in thousandths, exact for up to three decimals. */
export const quantityMilli = (quantity: number): number => Math.round(quantity * 1000);

/** quantity × unit price − discount, rounded half-up to the cent. */
export const lineNet = (l: Pick<LineAmounts, 'quantity' | 'unitPriceCents' | 'discountCents'>): Cents =>
  cents(divideRounded(quantityMilli(l.quantity) * l.unitPriceCents, 1000, 'half-up') - l.discountCents);

export type VatGroup = VatBreakdown & { key: VatCategoryKey };

export type Totals = {
  groups: VatGroup[];
  totalExclVatCents: Cents;
  totalVatCents: Cents;
  totalInclVatCents: Cents;
};

const category = (key: VatCategoryKey, date: IsoDate): VatCategory => {
  const c = vatCategoryOn(key, date);
  if (!c) throw new RangeError(`VAT category ${key} not in force on ${date}`);
  const { source: _source, ...rest } = c;
  return rest;
};

/**
 * Totals of a document from its line nets. `fixedVat` pins the VAT of a category (a credit note for
 * what remains of an invoice gives back exactly the VAT still owed, not a new rounding of it).
 */
export function computeTotals(
  lines: readonly { netCents: Cents; vatCategory: VatCategoryKey }[],
  date: IsoDate,
  fixedVat: Partial<Record<VatCategoryKey, Cents>> = {},
): Totals {
  const bases = new Map<VatCategoryKey, Cents>();
  for (const l of lines) bases.set(l.vatCategory, cents((bases.get(l.vatCategory) ?? 0) + l.netCents));
  const groups: VatGroup[] = [...bases.entries()]
    .map(([key, baseCents]) => {
      const c = category(key, date);
      const vatCents = fixedVat[key] ?? applyRate(baseCents, c.rateBp, 'half-up');
      return { key, ...c, baseCents, vatCents };
    })
    .sort((a, b) => b.rateBp - a.rateBp || a.key.localeCompare(b.key));
  const totalExclVatCents = cents(groups.reduce((t, g) => t + g.baseCents, 0));
  const totalVatCents = cents(groups.reduce((t, g) => t + g.vatCents, 0));
  return {
    groups,
    totalExclVatCents,
    totalVatCents,
    totalInclVatCents: cents(totalExclVatCents + totalVatCents),
  };
}

// ——— Deposits and balance ———

/**
 * A deposit invoice for `rateBp` of a quote: one line per VAT category of the quote, each the rate of
 * that category's base. The VAT of each is computed once on that base, like any invoice.
 */
export function depositLines(
  quote: Totals,
  rateBp: BasisPoints,
): { netCents: Cents; vatCategory: VatCategoryKey }[] {
  return quote.groups
    .map((g) => ({ netCents: applyRate(g.baseCents, rateBp, 'half-up'), vatCategory: g.key }))
    .filter((l) => l.netCents !== 0);
}

/** What deposits already invoiced cover, per VAT category. */
export type Covered = Partial<Record<VatCategoryKey, { baseCents: Cents; vatCents: Cents }>>;

export function coveredBy(documents: readonly Pick<Totals, 'groups'>[]): Covered {
  const covered: Covered = {};
  for (const d of documents)
    for (const g of d.groups) {
      const c = covered[g.key] ?? { baseCents: 0, vatCents: 0 };
      covered[g.key] = { baseCents: c.baseCents + g.baseCents, vatCents: c.vatCents + g.vatCents };
    }
  return covered;
}

/**
 * The part of a document not yet covered, per VAT category: for a balance invoice, what the deposits
 * did not invoice (the balance's sales entry); for a credit note ceiling, what earlier credit notes
 * did not cancel. Base and VAT are subtracted, never recomputed, so the parts add up to the whole.
 */
export function remainder(whole: Totals, covered: Covered): Totals {
  const groups = whole.groups.map((g) => {
    const c = covered[g.key] ?? { baseCents: 0, vatCents: 0 };
    return { ...g, baseCents: cents(g.baseCents - c.baseCents), vatCents: cents(g.vatCents - c.vatCents) };
  });
  const totalExclVatCents = cents(groups.reduce((t, g) => t + g.baseCents, 0));
  const totalVatCents = cents(groups.reduce((t, g) => t + g.vatCents, 0));
  return {
    groups,
    totalExclVatCents,
    totalVatCents,
    totalInclVatCents: cents(totalExclVatCents + totalVatCents),
  };
}

// ——— Credit-note ceilings ———

export type CeilingIssue = {
  key: VatCategoryKey | null;
  code: 'credit_note.above_remaining' | 'credit_note.vat_category_not_invoiced';
};

/**
 * A credit note never cancels more than what remains of its invoice: per VAT category, neither its
 * base nor its VAT may exceed what earlier credit notes left, and it may not bring a category the
 * invoice did not have.
 */
export function checkCreditCeiling(remaining: Totals, credit: Totals): CeilingIssue[] {
  const issues: CeilingIssue[] = [];
  for (const g of credit.groups) {
    const left = remaining.groups.find((r) => r.key === g.key);
    if (!left) issues.push({ key: g.key, code: 'credit_note.vat_category_not_invoiced' });
    else if (g.baseCents > left.baseCents || g.vatCents > left.vatCents)
      issues.push({ key: g.key, code: 'credit_note.above_remaining' });
  }
  if (issues.length === 0 && credit.totalInclVatCents > remaining.totalInclVatCents)
    issues.push({ key: null, code: 'credit_note.above_remaining' });
  return issues;
}

/** The credit note that cancels all that remains: one line per category, VAT pinned to what is left. */
export function fullCreditOf(remaining: Totals): {
  lines: { netCents: Cents; vatCategory: VatCategoryKey }[];
  fixedVat: Partial<Record<VatCategoryKey, Cents>>;
} {
  const left = remaining.groups.filter((g) => g.baseCents !== 0 || g.vatCents !== 0);
  return {
    lines: left.map((g) => ({ netCents: g.baseCents, vatCategory: g.key })),
    fixedVat: Object.fromEntries(left.map((g) => [g.key, g.vatCents])),
  };
}
