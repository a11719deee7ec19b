// Business dates are ISO strings; the clock is always an argument, never read here.
export type IsoDate = string & { readonly __brand?: 'IsoDate' };
export type IsoMonth = string & { readonly __brand?: 'IsoMonth' };

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

export const isIsoDate = (value: string): value is IsoDate => {
  const m = isoDatePattern.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
};

export const toIsoDate = (instant: Date): IsoDate => instant.toISOString().slice(0, 10);

export const addDays = (date: IsoDate, days: number): IsoDate => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return toIsoDate(d);
};

/** Whole years between a birth date and a day, as a person counts their age. */
export const ageOn = (birthDate: IsoDate, today: IsoDate): number => {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
};
