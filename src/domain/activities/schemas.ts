// An activity: a member's business line inside one legal entity of the group, with its fee rate.
import { z } from 'zod';
import { issue } from '../messages.ts';

export const activityInput = z.object({
  entityId: z.uuid(),
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(2000).default(''),
  trade: z.string().trim().max(60).default(''),
  /** Staff open activities for members they follow; a member opens one for themselves (left empty). */
  memberIds: z.array(z.uuid()).max(20).default([]),
});
export type ActivityInput = z.infer<typeof activityInput>;

export const activityPatch = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  description: z.string().trim().max(2000).optional(),
  trade: z.string().trim().max(60).optional(),
  status: z.enum(['open', 'closed']).optional(),
});
export type ActivityPatch = z.infer<typeof activityPatch>;

export const feeOverride = z
  .object({
    /** null: back to the entity's rate. */
    feeRateBp: z.number().int().min(0).max(10_000).nullable(),
    reason: z.string().trim().max(500).nullable().default(null),
  })
  .superRefine((f, ctx) => {
    if (f.feeRateBp !== null && !f.reason) ctx.addIssue(issue('fee.reason_required', ['reason']));
  });
export type FeeOverride = z.infer<typeof feeOverride>;

/** The rate that applies: the activity's exception when staff set one, else its entity's policy's. */
export const effectiveFeeRateBp = (
  activity: { feeRateBp: number | null },
  entity: { feeRateBp: number },
): number => activity.feeRateBp ?? entity.feeRateBp;

export const activityView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  trade: z.string(),
  status: z.enum(['open', 'closed']),
  entity: z.object({ id: z.string(), code: z.string(), name: z.string(), feeRateBp: z.number().int() }),
  feeRateBp: z.number().int(),
  feeRateOverridden: z.boolean(),
  feeOverrideReason: z.string().nullable(),
  members: z.array(
    z.object({ id: z.string(), number: z.string(), firstName: z.string(), lastName: z.string() }),
  ),
  clientCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ActivityView = z.infer<typeof activityView>;
