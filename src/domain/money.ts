// Money is integer cents everywhere; every division names its rounding.
export type Cents = number & { readonly __brand?: 'Cents' };
export type BasisPoints = number;
export type Rounding = 'half-up' | 'half-even' | 'down' | 'up';

export const cents = (value: number): Cents => {
  if (!Number.isSafeInteger(value)) throw new RangeError(`Not a whole number of cents: ${value}`);
  return value;
};

export const add = (...values: Cents[]): Cents => cents(values.reduce((a, b) => a + b, 0));
export const sum = (values: readonly Cents[]): Cents => add(...values);
export const subtract = (a: Cents, b: Cents): Cents => cents(a - b);

/** Divides two integers and rounds the quotient as named; exact for any safe integers. */
export const divideRounded = (numerator: number, denominator: number, rounding: Rounding): number => {
  if (denominator === 0) throw new RangeError('Division by zero');
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  const sign = n < 0n !== d < 0n ? -1n : 1n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  let q = an / ad;
  const r = an % ad;
  if (r !== 0n) {
    const twice = r * 2n;
    if (rounding === 'up') q += 1n;
    else if (rounding === 'half-up' && twice >= ad) q += 1n;
    else if (rounding === 'half-even' && (twice > ad || (twice === ad && q % 2n === 1n))) q += 1n;
  }
  return Number(sign * q);
};

/** amount × rate (basis points), rounded as named: 850 bp of 10 000 ¢ = 850 ¢. */
export const applyRate = (amount: Cents, rateBp: BasisPoints, rounding: Rounding = 'half-up'): Cents =>
  cents(divideRounded(amount * rateBp, 10_000, rounding));

/** Splits an amount by weights so that the parts add back up exactly (largest remainder first). */
export const allocate = (amount: Cents, weights: readonly number[]): Cents[] => {
  if (weights.length === 0) throw new RangeError('allocate needs at least one weight');
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0))
    throw new RangeError('Weights are whole numbers ≥ 0');
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0) throw new RangeError('Weights add up to zero');
  const sign = amount < 0 ? -1 : 1;
  const abs = BigInt(Math.abs(amount));
  const t = BigInt(total);
  const parts = weights.map((w) => (abs * BigInt(w)) / t);
  const remainders = weights.map((w, i) => ({ i, r: (abs * BigInt(w)) % t }));
  let left = abs - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    parts[i] = (parts[i] as bigint) + 1n;
    left -= 1n;
  }
  return parts.map((p) => cents(p === 0n ? 0 : sign * Number(p)));
};

/** Parses a decimal amount typed by a person ("1 234,50", "1234.5") into cents; null when it is not one. */
export const parseAmount = (text: string): Cents | null => {
  const cleaned = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const [, minus, whole, fraction = ''] = match;
  const value = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return Number.isSafeInteger(value) ? cents(minus && value !== 0 ? -value : value) : null;
};

// Building an Intl.NumberFormat costs far more than using one: documents format hundreds of amounts.
const currencyFormats = new Map<string, Intl.NumberFormat>();

export const formatCents = (amount: Cents, locale = 'fr-FR', currency = 'EUR'): string => {
  const key = `${locale}/${currency}`;
  let format = currencyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    currencyFormats.set(key, format);
  }
  return format.format(amount / 100);
};

/** 850 → "8,5 %" */
export const formatBasisPoints = (rateBp: BasisPoints, locale = 'fr-FR'): string =>
  new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(rateBp / 10_000);
