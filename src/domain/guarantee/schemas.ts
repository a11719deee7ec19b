// What the guarantee-fund API takes and gives: the entity's settings, the fund's position and stress
// report, the covers, and declaring an invoice irrecoverable.
import { z } from 'zod';
import { isoDate } from '../ledger/schemas.ts';

const money = z.number().int().min(0).max(1_000_000_000_00);

export const guaranteeSettingsInput = z.object({
  enabled: z.boolean(),
  maxPerMemberCents: money,
  maxPerClientCents: money,
  maxInvoiceAgeDays: z.number().int().min(0).max(3650),
  // Above 100 % the fund would promise more than it holds: refused.
  maxExposureBp: z.number().int().min(0).max(10_000),
  delayWorkingDays: z.number().int().min(0).max(60),
});
export type GuaranteeSettingsInput = z.infer<typeof guaranteeSettingsInput>;

export const guaranteeSettingsView = guaranteeSettingsInput.extend({
  entityId: z.uuid(),
  /** False while the entity runs on the defaults. */
  saved: z.boolean(),
  updatedAt: z.string().nullable(),
});

export const endowmentInput = z.object({
  amountCents: z.number().int().min(1).max(1_000_000_000_00),
  entryDate: isoDate,
  label: z.string().trim().min(1).max(160),
});

export const coverReasonView = z.object({ code: z.string() }).catchall(z.unknown());

export const coverDecisionView = z.object({
  covered: z.boolean(),
  coveredCents: z.number().int(),
  payableOn: z.string().nullable(),
  parts: z.array(z.object({ documentId: z.string(), clientId: z.string(), amountCents: z.number().int() })),
  reasons: z.array(coverReasonView),
});

export const coverStatus = z.enum(['active', 'released', 'absorbed', 'cancelled']);

export const coverView = z.object({
  id: z.uuid(),
  entityId: z.uuid(),
  activityId: z.uuid(),
  activityName: z.string(),
  memberId: z.uuid(),
  memberName: z.string(),
  salaryRequestId: z.uuid().nullable(),
  documentId: z.uuid(),
  invoiceNumber: z.string(),
  clientId: z.uuid(),
  clientName: z.string(),
  amountCents: z.number().int(),
  releasedCents: z.number().int(),
  outstandingCents: z.number().int(),
  status: coverStatus,
  grantedOn: z.string(),
  payableOn: z.string(),
  closedOn: z.string().nullable(),
  reasons: z.array(coverReasonView),
});
export type CoverView = z.infer<typeof coverView>;

export const clientRiskView = z.object({
  clientId: z.uuid(),
  clientName: z.string(),
  coveredCents: z.number().int(),
  receivableCents: z.number().int(),
});

export const fundView = z.object({
  entity: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  settings: guaranteeSettingsView,
  position: z.object({
    inflowsCents: z.number().int(),
    lossesCents: z.number().int(),
    balanceCents: z.number().int(),
    exposureCents: z.number().int(),
    freeCents: z.number().int(),
    capCents: z.number().int(),
    exposureBp: z.number().int().nullable(),
  }),
  releasedCents: z.number().int(),
  /** What credit notes gave back of covers whose invoice no longer brings as much. */
  givenBackByCreditNotesCents: z.number().int(),
  coversGrantedCents: z.number().int(),
  stress: z.object({
    balanceCents: z.number().int(),
    exposureCents: z.number().int(),
    defaulting: z.array(clientRiskView),
    absorbedCents: z.number().int(),
    balanceAfterCents: z.number().int(),
    uncoveredLossCents: z.number().int(),
    holds: z.boolean(),
  }),
  clients: z.array(clientRiskView),
  months: z.array(
    z.object({
      month: z.string(),
      inflowsCents: z.number().int(),
      coversCents: z.number().int(),
      releasesCents: z.number().int(),
      lossesCents: z.number().int(),
    }),
  ),
  losses: z.array(
    z.object({
      id: z.uuid(),
      documentId: z.uuid(),
      invoiceNumber: z.string(),
      clientName: z.string(),
      activityName: z.string(),
      declaredOn: z.string(),
      lossExclVatCents: z.number().int(),
      absorbedCents: z.number().int(),
      activityLossCents: z.number().int(),
    }),
  ),
});
export type FundView = z.infer<typeof fundView>;

export const irrecoverableInput = z.object({ reason: z.string().trim().min(3).max(500) });

export const writeOffView = z.object({
  id: z.uuid(),
  documentId: z.uuid(),
  invoiceNumber: z.string(),
  declaredOn: z.string(),
  outstandingCents: z.number().int(),
  lossExclVatCents: z.number().int(),
  vatCents: z.number().int(),
  fromCoversCents: z.number().int(),
  extraCents: z.number().int(),
  activityLossCents: z.number().int(),
  lossEntryId: z.uuid(),
  fundEntryId: z.uuid().nullable(),
});
export type WriteOffView = z.infer<typeof writeOffView>;
