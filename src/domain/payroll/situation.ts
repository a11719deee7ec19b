// From a contract and an amount to a modele-social situation: the dotted rule names and the
// Publicodes expressions the rules expect. Pure: the server adapter hands the result to the engine.
import type { IsoMonth } from '../dates.ts';
import type { Cents } from '../money.ts';
import type { ContractInput } from './schemas.ts';

/** A Publicodes situation: rule name → expression (`"'CDI'"`, `'oui'`, `'2500.00 €/mois'`). */
export type PayrollSituation = Record<string, string>;

/** The rules that may be set as the starting amount, and that the engine solves the gross from. */
export const targetRules = {
  gross: 'salarié . contrat . salaire brut',
  employerCost: 'salarié . coût total employeur',
  net: 'salarié . rémunération . net . à payer avant impôt',
} as const;
export type TargetKind = keyof typeof targetRules;

/**
 * The headcount thresholds of `entreprise . salariés . effectif . seuil` (FNAL, PEEC, formation,
 * RGDU's FNAL share… change with them): each value covers headcounts below `below`.
 */
export const headcountThresholds: readonly { below: number; value: string }[] = [
  { below: 5, value: 'moins de 5' },
  { below: 11, value: 'moins de 11' },
  { below: 20, value: 'moins de 20' },
  { below: 50, value: 'moins de 50' },
  { below: 150, value: 'moins de 150' },
  { below: 250, value: 'moins de 250' },
  { below: Number.POSITIVE_INFINITY, value: 'plus de 250' },
];

export const headcountThreshold = (headcount: number): string => {
  if (!Number.isInteger(headcount) || headcount < 0) throw new RangeError(`Bad headcount: ${headcount}`);
  return (headcountThresholds.find((t) => headcount < t.below) as { value: string }).value;
};

/** A Publicodes string literal: quoted, as the rules compare possibilities. */
const literal = (text: string) => `'${text}'`;
const yesNo = (value: boolean) => (value ? 'oui' : 'non');

/** Cents as an exact decimal amount a month: 250000 → `2500.00 €/mois` (no float formatting). */
export const monthlyEuros = (amount: Cents): string => {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`Bad amount: ${amount}`);
  return `${Math.trunc(amount / 100)}.${String(amount % 100).padStart(2, '0')} €/mois`;
};

/** The first day of the period, as the rules' `date` (their values change with it). */
export const periodDate = (period: IsoMonth): string => {
  const [year, month] = period.split('-');
  return literal(`01/${month}/${year}`);
};

/** Rule of the overlay for intermittent artists (see `situationOf`). */
export const artistFamilyAllowanceRate = 'salarié . cotisations . allocations familiales . taux';

export type Overlay = 'artistFamilyAllowance';

/**
 * The situation of one employee for one month. `target` is the amount given (a gross to compute
 * forward, or an employer cost or net for the engine to solve the gross from).
 */
export function situationOf(o: {
  period: IsoMonth;
  contract: ContractInput;
  headcount: number;
  target: { kind: TargetKind; amount: Cents };
}): { situation: PayrollSituation; overlays: Overlay[] } {
  const c = o.contract;
  const overlays: Overlay[] = [];
  const s: PayrollSituation = {
    date: periodDate(o.period),
    'entreprise . salariés . effectif . seuil': literal(headcountThreshold(o.headcount)),
    'salarié . contrat': literal(c.type === 'CDI' ? 'CDI' : 'CDD'),
    'salarié . contrat . statut cadre': yesNo(c.cadre),
    [targetRules[o.target.kind]]: monthlyEuros(o.target.amount),
  };
  // A CDD d'usage (C. trav. L1242-2 3°) owes no end-of-contract indemnity (L1243-10); the rules know
  // it through the reason of the CDD. A plain CDD keeps the rules' default reason (a temporary
  // increase of activity), which owes the 10 % indemnity. The rules assume by default that the
  // employee takes all the paid leave earned during a CDD (`CDD . congés pris`), so no paid-leave
  // indemnity is added; a payslip for a CDD whose leave is not taken will have to say how many days
  // were (the simulator shows the line only when the rules compute one).
  if (c.type === 'CDD_USAGE') s['salarié . contrat . CDD . motif'] = literal('classique . usage');
  if (c.partTimeHoursPerWeek !== undefined) {
    s['salarié . contrat . temps de travail . temps partiel'] = 'oui';
    s['salarié . contrat . temps de travail . temps partiel . heures par semaine'] =
      `${c.partTimeHoursPerWeek} heure/semaine`;
  }
  if (c.alsaceMoselle) s['salarié . régimes spécifiques . alsace moselle'] = 'oui';
  if (c.intermittent) {
    // The rules model intermittents under the live-performance agreement (spectacle vivant privé)
    // only: Congés Spectacles 15.40 %, FCAP, the agreement's provident scheme, the artists' reduced
    // rates and the technicians' retirement rates.
    s['salarié . convention collective'] = literal('SVP');
    s['salarié . régimes spécifiques . intermittents du spectacle'] = literal(
      c.intermittent === 'artist' ? 'artiste' : 'technicien',
    );
    if (c.intermittent === 'artist') {
      // modele-social 11.1.0 bug: for artists the family-allowance rate is replaced twice (the
      // artists' 30 % abatement and the profession-based reduced rates); the two replacements refer to
      // each other, the engine detects a cycle and the whole employer side comes out undefined.
      // Since 2026 the reduced family-allowance rate only exists with Lodeom (CSS L241-6-1), which a
      // metropolitan cooperative never has; so the rate before the artists' abatement is the rules'
      // own full rate. Saying so in the situation breaks the cycle; the 70 % is still applied by the
      // rules (arrêté du 24 janvier 1975). No rate is typed here: the expression names the rule.
      s[artistFamilyAllowanceRate] = 'salarié . cotisations . allocations familiales . taux plein';
      overlays.push('artistFamilyAllowance');
    }
  }
  return { situation: s, overlays };
}
