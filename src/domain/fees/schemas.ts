// What the fees API takes and gives: policy versions, activity terms, budget shares, contributions.
import { z } from 'zod';
import { isoDate } from '../ledger/schemas.ts';
import { issue } from '../messages.ts';
import { budgetServices } from './charge.ts';
import { activityKinds, feeBases } from './policy.ts';

const bp = z.number().int().min(0).max(10_000);
const maxCents = 100_000_000_00;

export const activityKind = z.enum(activityKinds);
export const feeBase = z.enum(feeBases);

export const policyVersionInput = z
  .object({
    entityId: z.uuid(),
    activityKind: activityKind.default('general'),
    effectiveFrom: isoDate,
    rateBp: bp,
    base: feeBase,
    minimumYearCents: z.number().int().min(1).max(maxCents).nullable().default(null),
    tierThresholdCents: z.number().int().min(1).max(maxCents).nullable().default(null),
    reducedRateBp: bp.nullable().default(null),
    fundShareBp: bp.default(0),
    note: z.string().trim().max(500).default(''),
  })
  .superRefine((v, ctx) => {
    if ((v.tierThresholdCents === null) !== (v.reducedRateBp === null))
      ctx.addIssue(
        issue('fee.tier_incomplete', [
          v.tierThresholdCents === null ? 'tierThresholdCents' : 'reducedRateBp',
        ]),
      );
  });
export type PolicyVersionInput = z.infer<typeof policyVersionInput>;

export const policyVersionView = z.object({
  id: z.uuid(),
  entityId: z.uuid(),
  entityCode: z.string(),
  activityKind,
  effectiveFrom: z.string(),
  rateBp: z.number().int(),
  base: feeBase,
  minimumYearCents: z.number().int().nullable(),
  tierThresholdCents: z.number().int().nullable(),
  reducedRateBp: z.number().int().nullable(),
  fundShareBp: z.number().int(),
  note: z.string(),
  status: z.enum(['past', 'current', 'planned']),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type PolicyVersionView = z.infer<typeof policyVersionView>;

export const appliedTermsView = z.object({
  versionId: z.uuid().nullable(),
  policyKind: activityKind,
  rateBp: z.number().int(),
  base: feeBase,
  minimumYearCents: z.number().int().nullable(),
  tierThresholdCents: z.number().int().nullable(),
  reducedRateBp: z.number().int().nullable(),
  fundShareBp: z.number().int(),
  exception: z.boolean(),
  exceptionReason: z.string().nullable(),
});
export type AppliedTermsView = z.infer<typeof appliedTermsView>;

export const feeChargeView = z.object({
  id: z.uuid(),
  kind: z.enum(['invoice', 'payment', 'credit_note', 'minimum']),
  chargeDate: z.string(),
  documentNumber: z.string().nullable(),
  baseCents: z.number().int(),
  reducedBaseCents: z.number().int(),
  rateBp: z.number().int(),
  reducedRateBp: z.number().int().nullable(),
  feeCents: z.number().int(),
  fundCents: z.number().int(),
  exception: z.boolean(),
  entryReference: z.string().nullable(),
});
export type FeeChargeView = z.infer<typeof feeChargeView>;

export const activityFeeView = z.object({
  activityId: z.uuid(),
  activityName: z.string(),
  kind: activityKind,
  entity: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  terms: appliedTermsView.nullable(),
  year: z.number().int(),
  yearBaseCents: z.number().int(),
  yearFeeCents: z.number().int(),
  charges: z.array(feeChargeView),
});
export type ActivityFeeView = z.infer<typeof activityFeeView>;

export const activityKindInput = z.object({ kind: activityKind });

export const budgetService = z.enum(budgetServices);
export const budgetSharesInput = z.object({
  shares: z
    .array(z.object({ service: budgetService, shareBp: bp }))
    .min(1)
    .max(budgetServices.length),
  note: z.string().trim().max(500).default(''),
});
export type BudgetSharesInput = z.infer<typeof budgetSharesInput>;

export const budgetSharesView = z.object({
  entityId: z.uuid(),
  year: z.number().int(),
  shares: z.array(z.object({ service: budgetService, shareBp: z.number().int() })),
  note: z.string(),
  updatedAt: z.string().nullable(),
});
export type BudgetSharesView = z.infer<typeof budgetSharesView>;

const breakdownLine = z.object({
  service: z.union([budgetService, z.literal('guarantee_fund')]),
  cents: z.number().int(),
  shareBp: z.number().int().nullable(),
});

export const contributionView = z.object({
  memberId: z.uuid(),
  memberName: z.string(),
  year: z.number().int(),
  asOf: z.string(),
  totalFeeCents: z.number().int(),
  totalBaseCents: z.number().int(),
  activities: z.array(
    z.object({
      activityId: z.uuid(),
      activityName: z.string(),
      kind: activityKind,
      entity: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
      terms: appliedTermsView.nullable(),
      revenueCents: z.number().int(),
      feeCents: z.number().int(),
      fundCents: z.number().int(),
      effectiveRateBp: z.number().int().nullable(),
    }),
  ),
  /** What the fees paid for, summed over the member's entities. */
  breakdown: z.array(breakdownLine),
  /** Entities whose direction has not split the year's budget yet. */
  entitiesWithoutShares: z.array(z.string()),
});
export type ContributionView = z.infer<typeof contributionView>;

export const minimumRunInput = z.object({
  entityId: z.uuid(),
  year: z.number().int().min(2000).max(2100),
});
export const minimumRunView = z.object({
  entityId: z.uuid(),
  year: z.number().int(),
  posted: z.array(z.object({ activityId: z.uuid(), activityName: z.string(), topUpCents: z.number().int() })),
  alreadyPosted: z.number().int(),
  totalCents: z.number().int(),
});
export type MinimumRunView = z.infer<typeof minimumRunView>;
