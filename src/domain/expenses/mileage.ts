// Mileage allowances (indemnités kilométriques) with the tax administration's scale: an amount per
// year that depends on the vehicle's fiscal horsepower and on the distance driven IN THE YEAR. A
// trip is therefore paid as f(distance so far + trip) − f(distance so far), so that the allowances
// of a year always add up to the scale's amount for the year's distance, whatever the order of trips.
import type { IsoDate } from '../dates.ts';
import { type Cents, divideRounded } from '../money.ts';

export type VehicleKind = 'car' | 'motorcycle';

/** One band: amount = distance × rate + fixed; rate in thousandths of a euro per km, fixed in euros. */
type Band = { upToKm: number | null; rateMilli: number; fixedEuros: number };
type Row = { minCv: number; maxCv: number | null; bands: Band[] };

export type MileageScale = {
  validFrom: IsoDate;
  /** Year of the distances the scale applies to. */
  year: number;
  source: string;
  /** Electric vehicles: the amount is increased by this much (basis points). */
  electricBonusBp: number;
  vehicles: Record<VehicleKind, Row[]>;
};

const car = (
  minCv: number,
  maxCv: number | null,
  r1: number,
  r2: number,
  fixed: number,
  r3: number,
): Row => ({
  minCv,
  maxCv,
  bands: [
    { upToKm: 5000, rateMilli: r1, fixedEuros: 0 },
    { upToKm: 20000, rateMilli: r2, fixedEuros: fixed },
    { upToKm: null, rateMilli: r3, fixedEuros: 0 },
  ],
});
const moto = (
  minCv: number,
  maxCv: number | null,
  r1: number,
  r2: number,
  fixed: number,
  r3: number,
): Row => ({
  minCv,
  maxCv,
  bands: [
    { upToKm: 3000, rateMilli: r1, fixedEuros: 0 },
    { upToKm: 6000, rateMilli: r2, fixedEuros: fixed },
    { upToKm: null, rateMilli: r3, fixedEuros: 0 },
  ],
});

// Revalued by 5.4 % for 2022's distances and unchanged since (BOI-BAREME-000001; CGI ann. IV art. 6 B).
const scale2022: Omit<MileageScale, 'validFrom' | 'year'> = {
  source: 'BOI-BAREME-000001 (barème kilométrique, CGI ann. IV art. 6 B)',
  electricBonusBp: 2000,
  vehicles: {
    car: [
      car(0, 3, 529, 316, 1065, 370),
      car(4, 4, 606, 340, 1330, 407),
      car(5, 5, 636, 357, 1395, 427),
      car(6, 6, 665, 374, 1457, 447),
      car(7, null, 697, 394, 1515, 470),
    ],
    motorcycle: [
      moto(0, 2, 395, 99, 891, 248),
      moto(3, 5, 468, 82, 1158, 275),
      moto(6, null, 606, 79, 1583, 343),
    ],
  },
};

export const mileageScales: readonly MileageScale[] = [2023, 2024, 2025, 2026].map((year) => ({
  ...scale2022,
  year,
  validFrom: `${year}-01-01`,
}));

export function scaleFor(
  date: IsoDate,
  scales: readonly MileageScale[] = mileageScales,
): MileageScale | null {
  const year = Number(date.slice(0, 4));
  return scales.find((s) => s.year === year) ?? null;
}

/** The year's allowance for a total distance, in cents, rounded half-up once. */
export function yearlyAllowance(
  scale: MileageScale,
  kind: VehicleKind,
  fiscalCv: number,
  km: number,
  electric = false,
): Cents {
  if (!Number.isInteger(km) || km < 0) throw new RangeError('Distance must be whole kilometres');
  if (!Number.isInteger(fiscalCv) || fiscalCv < 1)
    throw new RangeError('Fiscal horsepower must be a positive whole number');
  const row = scale.vehicles[kind].find(
    (r) => fiscalCv >= r.minCv && (r.maxCv === null || fiscalCv <= r.maxCv),
  );
  if (!row) throw new RangeError('No row of the scale for this vehicle');
  const band = row.bands.find((b) => b.upToKm === null || km <= b.upToKm) ?? row.bands[row.bands.length - 1];
  if (!band) throw new RangeError('Empty scale row');
  // In tenths of a cent: km × rate (thousandths of a euro) + fixed × 1000.
  const milli = km * band.rateMilli + band.fixedEuros * 1000;
  const withBonus = electric ? milli * (10_000 + scale.electricBonusBp) : milli * 10_000;
  return divideRounded(withBonus, 10 * 10_000, 'half-up');
}

/** What one trip is paid, given the distance already claimed in the same year with the same vehicle. */
export function tripAllowance(
  scale: MileageScale,
  vehicle: { kind: VehicleKind; fiscalCv: number; electric?: boolean },
  kmBefore: number,
  km: number,
): Cents {
  const { kind, fiscalCv, electric = false } = vehicle;
  return (
    yearlyAllowance(scale, kind, fiscalCv, kmBefore + km, electric) -
    yearlyAllowance(scale, kind, fiscalCv, kmBefore, electric)
  );
}
