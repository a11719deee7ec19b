// Dates, amounts and rates as people read them in the UI language (fr-FR, en-GB).
import type { Language } from '../../domain/messages.ts';
import { type BasisPoints, type Cents, formatBasisPoints, formatCents } from '../../domain/money.ts';

export const localeOf = (lang: Language): string => (lang === 'en' ? 'en-GB' : 'fr-FR');

/** An ISO date (2025-03-14) or instant, as a date: 14/03/2025 or 14 March 2025 (long). */
export function formatDate(
  value: string | null | undefined,
  lang: Language,
  style: 'short' | 'long' = 'short',
) {
  if (!value) return '';
  // A bare date is a calendar day: read it at noon UTC so no time zone moves it.
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(localeOf(lang), { dateStyle: style }).format(date);
}

export function formatDateTime(value: string | null | undefined, lang: Language) {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'short', timeStyle: 'short' }).format(date);
}

export const formatMoney = (amount: Cents, lang: Language) => formatCents(amount, localeOf(lang));

export const formatRate = (rate: BasisPoints, lang: Language) => formatBasisPoints(rate, localeOf(lang));

/** Basis points ↔ the percentage typed in a form (850 ↔ 8.5). */
export const bpToPercent = (bp: number): number => bp / 100;
export const percentToBp = (percent: number): number => Math.round(percent * 100);

/** Cents ↔ euros typed in a form. */
export const centsToEuros = (c: number): number => c / 100;
export const eurosToCents = (euros: number): number => Math.round(euros * 100);

export const countryName = (code: string, lang: Language): string => {
  try {
    return new Intl.DisplayNames([localeOf(lang)], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
};

/** Countries offered in address forms: the group's (FR first, BE next) and neighbours. */
export const countryCodes = ['FR', 'BE', 'LU', 'CH', 'DE', 'ES', 'IT', 'NL', 'PT', 'GB', 'IE', 'MC'] as const;

export const countryOptions = (lang: Language) =>
  countryCodes.map((code) => ({ value: code, label: countryName(code, lang) }));

/** "Label :" in French (a space before the colon), "Label:" in English. */
export const withColon = (label: string, lang: Language): string =>
  lang === 'fr' ? `${label}\u00a0:` : `${label}:`;
