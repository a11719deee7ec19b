// The cooperative fee (contribution mutualisée): what a policy version says and which one applies.
//
// A policy belongs to a legal entity and an activity kind; it changes only by new versions, each in
// force from a date that may not be in the past, so the terms under which revenue was charged never
// change afterwards (no retroactive policy, by construction). An activity may carry a staff
// exception: a flat rate with a reason, replacing the rate and the tier of its policy.
import type { IsoDate } from '../dates.ts';

export const activityKinds = ['general', 'artistic', 'training', 'consulting'] as const;
export type ActivityKind = (typeof activityKinds)[number];

/** Revenue excl. VAT as invoiced (charged when the invoice is issued) or as collected (when paid). */
export const feeBases = ['invoiced', 'collected'] as const;
export type FeeBase = (typeof feeBases)[number];

export type FeeTier = { thresholdCents: number; reducedRateBp: number };

export type FeeTerms = {
  rateBp: number;
  base: FeeBase;
  /** The least an activity contributes over a calendar year (topped up once the year is over). */
  minimumYearCents: number | null;
  /** Above this turnover of the year (the activity's base so far), the reduced rate applies. */
  tier: FeeTier | null;
  /** Share of each fee that feeds the guarantee fund (account 973), the rest going to 971. */
  fundShareBp: number;
};

export type PolicyVersion = FeeTerms & {
  id: string;
  entityId: string;
  activityKind: ActivityKind;
  effectiveFrom: IsoDate;
};

export type ActivityException = { rateBp: number; reason: string };

export type AppliedTerms = FeeTerms & {
  /** The version the terms come from (null never happens once an entity exists, kept for safety). */
  versionId: string | null;
  /** The activity kind whose policy applied: the activity's own, or 'general' when it has none. */
  policyKind: ActivityKind;
  exception: boolean;
  exceptionReason: string | null;
};

/** The version in force on `date` for this entity and kind: the latest one that started on or before it. */
export function versionInForce(
  versions: readonly PolicyVersion[],
  entityId: string,
  kind: ActivityKind,
  date: IsoDate,
): PolicyVersion | null {
  let best: PolicyVersion | null = null;
  for (const v of versions)
    if (v.entityId === entityId && v.activityKind === kind && v.effectiveFrom <= date)
      if (!best || v.effectiveFrom > best.effectiveFrom) best = v;
  return best;
}

/**
 * The terms that apply to an activity's revenue on a date: its kind's policy if the entity has one in
 * force, else the entity's general policy; a staff exception replaces the rate (a flat rate, no tier)
 * but keeps the base, the yearly minimum and the guarantee-fund share of the policy.
 */
export function resolveTerms(
  versions: readonly PolicyVersion[],
  activity: { entityId: string; kind: ActivityKind; exception: ActivityException | null },
  date: IsoDate,
): AppliedTerms | null {
  const own = versionInForce(versions, activity.entityId, activity.kind, date);
  const version = own ?? versionInForce(versions, activity.entityId, 'general', date);
  if (!version) return null;
  const terms: AppliedTerms = {
    rateBp: version.rateBp,
    base: version.base,
    minimumYearCents: version.minimumYearCents,
    tier: version.tier,
    fundShareBp: version.fundShareBp,
    versionId: version.id,
    policyKind: version.activityKind,
    exception: false,
    exceptionReason: null,
  };
  if (!activity.exception) return terms;
  return {
    ...terms,
    rateBp: activity.exception.rateBp,
    tier: null,
    exception: true,
    exceptionReason: activity.exception.reason,
  };
}

export type VersionIssue = { pointer: string; code: 'fee.retroactive_version' | 'fee.version_exists' };

/**
 * Whether a new version may be recorded today: it starts today or later (a change never reaches back
 * to revenue already charged), and no other version of the same policy starts the same day.
 */
export function checkNewVersion(
  existing: readonly PolicyVersion[],
  v: { entityId: string; activityKind: ActivityKind; effectiveFrom: IsoDate },
  today: IsoDate,
): VersionIssue[] {
  const issues: VersionIssue[] = [];
  if (v.effectiveFrom < today) issues.push({ pointer: '/effectiveFrom', code: 'fee.retroactive_version' });
  if (
    existing.some(
      (e) =>
        e.entityId === v.entityId && e.activityKind === v.activityKind && e.effectiveFrom === v.effectiveFrom,
    )
  )
    issues.push({ pointer: '/effectiveFrom', code: 'fee.version_exists' });
  return issues;
}

/** A planned version (not yet in force) may be withdrawn; one in force or past stays forever. */
export const isWithdrawable = (v: { effectiveFrom: IsoDate }, today: IsoDate): boolean =>
  v.effectiveFrom > today;
