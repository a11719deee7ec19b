// French social security number (NIR): sex, year, month, department, commune, order number, then a
// 2-digit key = 97 − (first 13 digits mod 97). Corsica 2A/2B count as 19/18 for the key (INSEE rule).
import { isIsoDate } from '../dates.ts';

export type NirErrorCode = 'nir.format' | 'nir.key' | 'nir.sex_mismatch' | 'nir.birth_mismatch';
export type NirResult = { ok: true; nir: string } | { ok: false; code: NirErrorCode };
export type NirCheck = { sex?: 'F' | 'M'; birthDate?: string };

// Sex 1/2, or 7/8 for temporary numbers (NIA). Months 20–42 and 50–99 are INSEE pseudo-months
// given when the birth month is unknown; department is 2 digits or 2A/2B.
const nirBody = /^[1278]\d{2}(?:0[1-9]|1[0-2]|[23]\d|4[0-2]|[5-9]\d)(?:\d{2}|2A|2B)\d{6}$/;
const keyBody = /^\d{5}(?:\d{2}|2A|2B)\d{6}$/;

/** Removes spaces, dots and dashes and uppercases (2a → 2A). */
export const normalizeNir = (input: string): string => input.replace(/[\s.-]/g, '').toUpperCase();

/** The 2-digit key of a 13-character NIR body; throws when the body is not one. */
export const nirKey = (first13: string): string => {
  const body = normalizeNir(first13);
  // The value is personal data: keep it out of the message.
  if (!keyBody.test(body)) throw new RangeError('A NIR body is 13 digits (department 2A/2B allowed)');
  const numeric = `${body.slice(0, 5)}${body.slice(5, 7).replace('2A', '19').replace('2B', '18')}${body.slice(7)}`;
  // 13 digits stay below 2^53, so Number is exact.
  return String(97 - (Number(numeric) % 97)).padStart(2, '0');
};

/** Validates format and key, then optionally the sex digit and the birth year/month. */
export const validateNir = (input: string, opts: NirCheck = {}): NirResult => {
  const nir = normalizeNir(input);
  if (nir.length !== 15 || !nirBody.test(nir.slice(0, 13)) || !/^\d{2}$/.test(nir.slice(13))) {
    return { ok: false, code: 'nir.format' };
  }
  if (nirKey(nir.slice(0, 13)) !== nir.slice(13)) return { ok: false, code: 'nir.key' };
  const sexDigit = nir.slice(0, 1);
  // Only 1 (men) and 2 (women) are compared; temporary numbers are left alone.
  if (opts.sex !== undefined && (sexDigit === '1' || sexDigit === '2')) {
    if ((sexDigit === '1') !== (opts.sex === 'M')) return { ok: false, code: 'nir.sex_mismatch' };
  }
  if (opts.birthDate !== undefined) {
    if (!isIsoDate(opts.birthDate)) throw new RangeError('birthDate must be a YYYY-MM-DD date');
    const month = nir.slice(3, 5);
    const realMonth = Number(month) <= 12;
    if (
      nir.slice(1, 3) !== opts.birthDate.slice(2, 4) ||
      (realMonth && month !== opts.birthDate.slice(5, 7))
    ) {
      return { ok: false, code: 'nir.birth_mismatch' };
    }
  }
  return { ok: true, nir };
};

// Groups as printed on the Carte Vitale: 1 85 05 78 006 084 91.
const groups = [1, 2, 2, 2, 3, 3, 2];

const group = (chars: string): string => {
  const parts: string[] = [];
  let at = 0;
  for (const size of groups) {
    parts.push(chars.slice(at, at + size));
    at += size;
  }
  return parts.join(' ');
};

/** Card grouping `1 85 05 78 006 084 91`; anything that is not 15 characters comes back normalized. */
export const formatNir = (nir: string): string => {
  const n = normalizeNir(nir);
  return n.length === 15 ? group(n) : n;
};

/** Shows only the sex digit and the key: `1 •• •• •• ••• ••• 91`. */
export const maskNir = (nir: string): string => {
  const n = normalizeNir(nir);
  if (n.length !== 15) return '•'.repeat(n.length);
  return group(`${n.slice(0, 1)}${'•'.repeat(12)}${n.slice(13)}`);
};
