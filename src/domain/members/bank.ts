// Members' bank details. IBAN/BIC checks are ibantools' (ISO 13616 mod 97 + per-country BBAN formats);
// screens show the masked form or the short hint, never the full IBAN.
import { electronicFormatIBAN, friendlyFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';

export type IbanResult = { ok: true; iban: string } | { ok: false; code: 'iban.invalid' };
export type BicResult = { ok: true; bic: string } | { ok: false; code: 'bic.invalid' };

// ibantools only strips spaces and dashes; people also paste dots and non-breaking spaces.
const compact = (input: string): string => electronicFormatIBAN(input.replace(/[\s.]/g, '')) ?? '';

/** Valid IBANs come back in electronic format (`FR7630006000011234567890189`). */
export const validateIban = (input: string): IbanResult => {
  const iban = compact(input);
  return isValidIBAN(iban) ? { ok: true, iban } : { ok: false, code: 'iban.invalid' };
};

/** Valid BICs (8 or 11 characters, known country) come back uppercased without spaces. */
export const validateBic = (input: string): BicResult => {
  const bic = input.replace(/\s/g, '').toUpperCase();
  return isValidBIC(bic) ? { ok: true, bic } : { ok: false, code: 'bic.invalid' };
};

/** Friendly format in groups of 4: `FR76 3000 6000 0112 3456 7890 189`. */
export const formatIban = (iban: string): string => friendlyFormatIBAN(compact(iban)) ?? '';

/**
 * Keeps the country, check digits and last 4 characters (the same ones as ibanHint), grouped by 4:
 * `FR76 •••• •••• •••• •••• •••0 189`. Too short to keep anything hidden: everything is masked.
 */
export const maskIban = (iban: string): string => {
  const e = compact(iban);
  const masked =
    e.length > 8 ? `${e.slice(0, 4)}${'•'.repeat(e.length - 8)}${e.slice(-4)}` : '•'.repeat(e.length);
  return masked.replace(/(.{4})(?!$)/gu, '$1 ');
};

/** Short hint kept next to the encrypted IBAN: `FR76…0189`. */
export const ibanHint = (iban: string): string => {
  const e = compact(iban);
  return e.length > 8 ? `${e.slice(0, 4)}…${e.slice(-4)}` : '…';
};

const mod97 = (digits: string) => [...digits].reduce((r, d) => (r * 10 + Number(d)) % 97, 0);

/** A French IBAN from a numeric RIB (bank, branch, 11-digit account): RIB key and check digits computed. */
export function frenchIban(bank: string, branch: string, account: string): string {
  const key = 97 - ((89 * Number(bank) + 15 * Number(branch) + 3 * Number(account)) % 97);
  const bban = `${bank}${branch}${account}${String(key).padStart(2, '0')}`;
  return `FR${String(98 - mod97(`${bban}152700`)).padStart(2, '0')}${bban}`; // F=15, R=27, then 00
}
