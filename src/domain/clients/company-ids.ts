// Company identifiers: SIREN (9 digits) and SIRET (SIREN + 5-digit establishment number), both Luhn
// (INSEE), and intra-EU VAT numbers (format per member state; key checked for FR and BE only).

export type VatErrorCode = 'vat.format' | 'vat.key' | 'vat.siren_mismatch';
export type VatResult = { ok: true; vatNumber: string; country: string } | { ok: false; code: VatErrorCode };

/** Removes spaces, dots and dashes (`732 829 320` → `732829320`); works for SIRET too. */
export const normalizeSiren = (input: string): string => input.replace(/[\s.-]/g, '');

/** Luhn checksum over a string of digits, rightmost digit being the check digit. */
export const luhnValid = (digits: string): boolean => {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits.charAt(digits.length - 1 - i));
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
};

export const isValidSiren = (s: string): boolean => {
  const n = normalizeSiren(s);
  return /^\d{9}$/.test(n) && luhnValid(n);
};

const laPosteSiren = '356000000';
const laPosteHeadOffice = '35600000000048';

export const isValidSiret = (s: string): boolean => {
  const n = normalizeSiren(s);
  if (!/^\d{14}$/.test(n)) return false;
  // INSEE exception: La Poste has too many establishments for Luhn, so apart from its head office
  // its SIRETs only need a digit sum that is a multiple of 5.
  if (n.startsWith(laPosteSiren) && n !== laPosteHeadOffice) {
    return [...n].reduce((sum, c) => sum + Number(c), 0) % 5 === 0;
  }
  return luhnValid(n) && luhnValid(n.slice(0, 9));
};

/** The SIREN inside a SIRET (its first 9 digits); throws when given something other than 14 digits. */
export const sirenFromSiret = (s: string): string => {
  const n = normalizeSiren(s);
  if (!/^\d{14}$/.test(n)) throw new RangeError('A SIRET is 14 digits');
  return n.slice(0, 9);
};

// DGFiP key: (12 + 3 × (SIREN mod 97)) mod 97, on two digits.
const frenchVatKey = (siren: string): string => String((12 + 3 * (Number(siren) % 97)) % 97).padStart(2, '0');

/** `123456782` → `FR11123456782`; throws when not given 9 digits. */
export const frenchVatNumber = (siren: string): string => {
  const n = normalizeSiren(siren);
  if (!/^\d{9}$/.test(n)) throw new RangeError('A SIREN is 9 digits');
  return `FR${frenchVatKey(n)}${n}`;
};

// Format of the part after the country prefix, per member state (VIES). Greece uses the EL prefix.
const vatFormats: Record<string, RegExp> = {
  AT: /^U\d{8}$/,
  BE: /^[01]\d{9}$/,
  BG: /^\d{9,10}$/,
  CY: /^\d{8}[A-Z]$/,
  CZ: /^\d{8,10}$/,
  DE: /^\d{9}$/,
  DK: /^\d{8}$/,
  EE: /^\d{9}$/,
  EL: /^\d{9}$/,
  ES: /^[0-9A-Z]\d{7}[0-9A-Z]$/,
  FI: /^\d{8}$/,
  FR: /^[0-9A-HJ-NP-Z]{2}\d{9}$/,
  HR: /^\d{11}$/,
  HU: /^\d{8}$/,
  IE: /^(?:\d{7}[A-W][A-IW]?|\d[A-Z+*]\d{5}[A-W])$/,
  IT: /^\d{11}$/,
  LT: /^(?:\d{9}|\d{12})$/,
  LU: /^\d{8}$/,
  LV: /^\d{11}$/,
  MT: /^\d{8}$/,
  NL: /^\d{9}B\d{2}$/,
  PL: /^\d{10}$/,
  PT: /^\d{9}$/,
  RO: /^[1-9]\d{1,9}$/,
  SE: /^\d{10}01$/,
  SI: /^\d{8}$/,
  SK: /^\d{10}$/,
};

/** VAT prefixes of the 27 member states. */
export const vatCountries: readonly string[] = Object.keys(vatFormats);

// New-style French keys use letters too (never I or O); check from the DGFiP scheme as in python-stdnum.
const frenchKeyAlphabet = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

const frenchKeyValid = (key: string, siren: string): boolean => {
  if (/^\d{2}$/.test(key)) return key === frenchVatKey(siren);
  const a = frenchKeyAlphabet.indexOf(key.charAt(0));
  const b = frenchKeyAlphabet.indexOf(key.charAt(1));
  const check = a < 10 ? a * 24 + b - 10 : a * 34 + b - 100;
  return (Number(siren) + 1 + Math.floor(check / 11)) % 11 === check % 11;
};

/**
 * Validates an intra-EU VAT number such as `FR 11 123 456 782` and returns it compact (`FR11123456782`).
 * For FR the embedded SIREN must pass Luhn (except Monaco's 000…), and must equal `opts.siren` when given;
 * `opts.siren` is ignored for other countries.
 */
export const validateVatNumber = (input: string, opts: { siren?: string } = {}): VatResult => {
  const compact = input.replace(/[\s.-]/g, '').toUpperCase();
  const prefix = compact.slice(0, 2);
  const country = prefix === 'GR' ? 'EL' : prefix;
  let body = compact.slice(2);
  // Belgian numbers had 9 digits before 2005; the leading 0 was added later.
  if (country === 'BE' && /^\d{9}$/.test(body)) body = `0${body}`;
  const format = Object.hasOwn(vatFormats, country) ? vatFormats[country] : undefined;
  if (format === undefined || !format.test(body)) return { ok: false, code: 'vat.format' };
  if (country === 'FR') {
    const siren = body.slice(2);
    if (!siren.startsWith('000') && !luhnValid(siren)) return { ok: false, code: 'vat.format' };
    if (!frenchKeyValid(body.slice(0, 2), siren)) return { ok: false, code: 'vat.key' };
    if (opts.siren !== undefined && normalizeSiren(opts.siren) !== siren) {
      return { ok: false, code: 'vat.siren_mismatch' };
    }
  }
  // BE: the last 2 digits are 97 − (first 8 digits mod 97).
  if (country === 'BE' && 97 - (Number(body.slice(0, 8)) % 97) !== Number(body.slice(8))) {
    return { ok: false, code: 'vat.key' };
  }
  return { ok: true, vatNumber: `${country}${body}`, country };
};
