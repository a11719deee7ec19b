// Legal values the payslip needs beyond what modele-social computes: dated, each with its source.
// A new value is a new row with its `validFrom`; a payslip reads the row of its period.
import type { IsoMonth } from '../dates.ts';
import type { BasisPoints, Cents } from '../money.ts';

export type Dated<T> = { validFrom: IsoMonth; value: T; source: string };

/** The row in force for a period (rows sorted by validFrom), or null before the first one. */
export const inForce = <T>(rows: readonly Dated<T>[], period: IsoMonth): Dated<T> | null =>
  rows.filter((r) => r.validFrom <= period).at(-1) ?? null;

/** Gross hourly minimum wage, in cents. */
export const smicHourly: readonly Dated<Cents>[] = [
  { validFrom: '2025-01', value: 1188, source: 'Décret 2024-951 (SMIC 11,88 €/h from 1 November 2024)' },
  {
    validFrom: '2026-01',
    value: 1202,
    source: 'Décret 2025-1228 (SMIC 12,02 €/h), as in modele-social 11.1.0 `SMIC . horaire`',
  },
  {
    validFrom: '2026-06',
    value: 1231,
    source: 'SMIC 12,31 €/h from 1 June 2026, as in modele-social 11.1.0 `SMIC . horaire`',
  },
];

/**
 * Legal monthly hours of a full time, in hundredths of an hour: 35 h × 52 / 12 = 151.67 h (C. trav.
 * L3121-27). Salariés without working time count at most this many equivalent hours (CSS D.241-27).
 */
export const legalMonthlyCentiHours: readonly Dated<number>[] = [
  { validFrom: '2000-01', value: 15_167, source: 'C. trav. L3121-27 (35 h a week); CSS D.241-27' },
];

/** Monthly social security ceiling (plafond annuel de la sécurité sociale / 12), in cents. */
export const passMonthly: readonly Dated<Cents>[] = [
  { validFrom: '2025-01', value: 392_500, source: 'Arrêté du 19 décembre 2024 (PSS 3 925 €/mois)' },
  {
    validFrom: '2026-01',
    value: 400_500,
    source: 'PSS 2026 (4 005 €/mois), as in modele-social 11.1.0 `plafond sécurité sociale`',
  },
];

export const portageLevels = ['junior', 'senior', 'dayRate'] as const;
export type PortageLevel = (typeof portageLevels)[number];

export type PortageRules = {
  /** Minimum monthly gross for a full time (base + business allowance + paid leave), as a share of the PASS. */
  minimumShareOfPassBp: Record<PortageLevel, BasisPoints>;
  /** Indemnité d'apport d'affaires, on the base salary. */
  businessAllowanceBp: BasisPoints;
  /** Indemnité de congés payés, on the base salary plus the business allowance. */
  paidLeaveBp: BasisPoints;
  /** Réserve financière, on the base salary: kept on the activity account to pay between missions. */
  financialReserveBp: BasisPoints;
};

export const portageRules: readonly Dated<PortageRules>[] = [
  {
    validFrom: '2017-07',
    value: {
      // Junior (under 3 years in portage) 70 %, senior 75 %, cadre on a day rate (forfait jours) 85 %.
      minimumShareOfPassBp: { junior: 7_000, senior: 7_500, dayRate: 8_500 },
      businessAllowanceBp: 500,
      paidLeaveBp: 1_000,
      financialReserveBp: 1_000,
    },
    source:
      'Convention collective du portage salarial du 22 mars 2017 (IDCC 3219), art. 21 and 22; C. trav. L1254-2; the PASS of the pay period is used (ADR 0010)',
  },
];
