// The payroll rules sets this build knows, as data: which published rules compute a pay period.
// A payslip will name the ruleset it was computed with; a new version of the rules is a new row.
import type { IsoMonth } from '../dates.ts';

export type PayrollRuleset = {
  id: string;
  /** The npm package of the rules and its exact version (pinned in package.json). */
  package: 'modele-social';
  version: string;
  /** The interpreter of the rules and its exact version. */
  engine: 'publicodes';
  engineVersion: string;
  /** First and last pay periods the rules hold the legal values for, inclusive. */
  firstPeriod: IsoMonth;
  lastPeriod: IsoMonth;
  source: string;
};

export const payrollRulesets: readonly PayrollRuleset[] = [
  {
    id: 'fr-2026',
    package: 'modele-social',
    version: '11.1.0',
    engine: 'publicodes',
    engineVersion: '1.10.3',
    // 2026 values: PSS 4,005 €/month, SMIC 12.02 €/h (décret 2025-1228) then 12.31 €/h from June, and the RGDU that replaced
    // the general reduction on 1 January 2026. Nothing in this version knows 2027's values.
    firstPeriod: '2026-01',
    lastPeriod: '2026-12',
    source: 'URSSAF rules published as modele-social (mon-entreprise.urssaf.fr), CHANGELOG 11.x',
  },
];

/** The ruleset that computes a pay period, or null when none of ours covers it. */
export const rulesetFor = (period: IsoMonth): PayrollRuleset | null =>
  payrollRulesets.find((r) => r.firstPeriod <= period && period <= r.lastPeriod) ?? null;
