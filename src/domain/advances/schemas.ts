// What the advances API takes and gives: a request (advance or equipment loan), staff decisions,
// the schedule and what is still owed.
import { z } from 'zod';
import { isoDate } from '../ledger/schemas.ts';
import { advanceKinds, advanceLimits, repaymentModes } from './schedule.ts';

export const advanceInput = z
  .object({
    activityId: z.uuid(),
    kind: z.enum(advanceKinds),
    purpose: z.string().trim().min(3).max(500),
    amountCents: z.number().int().min(advanceLimits.minCents).max(advanceLimits.maxCents),
    repayment: z.enum(repaymentModes),
    instalments: z.number().int().min(1).max(advanceLimits.maxInstalments).nullish(),
    firstDueOn: isoDate.nullish(),
    revenueShareBp: z
      .number()
      .int()
      .min(advanceLimits.minRevenueShareBp)
      .max(advanceLimits.maxRevenueShareBp)
      .nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.repayment === 'schedule' && !v.instalments)
      ctx.addIssue({ code: 'custom', path: ['instalments'], message: 'required' });
    if (v.repayment === 'revenue' && !v.revenueShareBp)
      ctx.addIssue({ code: 'custom', path: ['revenueShareBp'], message: 'required' });
  });
export type AdvanceInput = z.infer<typeof advanceInput>;

export const advanceDecisionInput = z.object({
  approve: z.boolean(),
  fileFeeBp: z.number().int().min(0).max(advanceLimits.maxFileFeeBp).default(0),
  comment: z.string().trim().max(500).default(''),
});

export const advanceStatus = z.enum(['requested', 'refused', 'active', 'repaid']);

export const advanceView = z.object({
  id: z.uuid(),
  entityId: z.uuid(),
  activity: z.object({ id: z.uuid(), name: z.string(), officeId: z.uuid().nullable() }),
  member: z.object({ id: z.uuid(), name: z.string() }),
  kind: z.enum(advanceKinds),
  purpose: z.string(),
  amountCents: z.number().int(),
  repayment: z.enum(repaymentModes),
  instalments: z.number().int().nullable(),
  firstDueOn: z.string().nullable(),
  revenueShareBp: z.number().int().nullable(),
  fileFeeBp: z.number().int().nullable(),
  fileFeeCents: z.number().int().nullable(),
  status: advanceStatus,
  comment: z.string(),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  repaidCents: z.number().int(),
  remainingCents: z.number().int(),
  schedule: z.array(
    z.object({
      seq: z.number().int(),
      dueOn: z.string(),
      amountCents: z.number().int(),
      repaidOn: z.string().nullable(),
    }),
  ),
  repayments: z.array(
    z.object({
      id: z.uuid(),
      on: z.string(),
      amountCents: z.number().int(),
      source: z.enum(['instalment', 'revenue']),
      journalEntryId: z.uuid(),
    }),
  ),
});
export type AdvanceView = z.infer<typeof advanceView>;
