// What the governance API takes and gives: shared by the routes (validation, OpenAPI) and the web pages.
import { z } from 'zod';
import { isIsoDate } from '../dates.ts';
import { assemblyKinds, choices, majorities } from './rules.ts';

const instant = z.iso.datetime({ offset: true });
const isoDate = z.string().refine(isIsoDate, { params: { code: 'date.invalid' }, message: 'Invalid date' });
const text = (max: number) => z.string().trim().max(max);
const shares = z.number().int().min(1).max(1_000_000);

// ——— Entities: nominal value, proxies, colleges ———

export const collegeView = z.object({
  id: z.string(),
  name: z.string(),
  weightBp: z.number(),
  members: z.number(),
});
export type CollegeView = z.infer<typeof collegeView>;

export const entityGovernanceView = z.object({
  entityId: z.string(),
  entityCode: z.string(),
  entityName: z.string(),
  entityKind: z.string(),
  configured: z.boolean(),
  shareNominalCents: z.number().nullable(),
  proxyCap: z.number(),
  weightedColleges: z.boolean(),
  colleges: z.array(collegeView),
  shareholders: z.number(),
  subscribedShares: z.number(),
  paidCapitalCents: z.number(),
});
export type EntityGovernanceView = z.infer<typeof entityGovernanceView>;

export const settingsInput = z.object({
  shareNominalCents: z.number().int().min(1).max(100_000_000),
  proxyCap: z.number().int().min(0).max(50),
  weightedColleges: z.boolean(),
  /** The whole set of colleges; an existing one keeps its id (and its members). */
  colleges: z
    .array(
      z.object({
        id: z.uuid().optional(),
        name: text(80).min(1),
        weightBp: z.number().int().min(0).max(10_000),
      }),
    )
    .max(10)
    .default([]),
});
export type SettingsInput = z.infer<typeof settingsInput>;

// ——— The register ———

export const lineKinds = ['subscription', 'payment', 'transfer_out', 'transfer_in', 'refund'] as const;

export const registerLineView = z.object({
  id: z.string(),
  seq: z.number(),
  memberId: z.string(),
  memberName: z.string(),
  memberNumber: z.string(),
  kind: z.enum(lineKinds),
  sharesDelta: z.number(),
  paidDeltaCents: z.number(),
  sharesAfter: z.number(),
  paidAfterCents: z.number(),
  entitySharesAfter: z.number(),
  entityPaidAfterCents: z.number(),
  counterpartName: z.string().nullable(),
  entryReference: z.string().nullable(),
  occurredOn: z.string(),
  note: z.string(),
});
export type RegisterLineView = z.infer<typeof registerLineView>;

export const holderView = z.object({
  memberId: z.string(),
  memberName: z.string(),
  memberNumber: z.string(),
  shares: z.number(),
  paidCents: z.number(),
  unpaidCents: z.number(),
  shareholder: z.boolean(),
  collegeId: z.string().nullable(),
  collegeName: z.string().nullable(),
});
export type HolderView = z.infer<typeof holderView>;

export const registerView = z.object({
  entity: entityGovernanceView,
  holders: z.array(holderView),
  lines: z.array(registerLineView),
});
export type RegisterView = z.infer<typeof registerView>;

const registerBase = { occurredOn: isoDate, note: text(500).default('') };

export const subscriptionInput = z.object({
  memberId: z.uuid(),
  shares,
  /** The college the member sits in (required in an entity that votes by colleges, for a first subscription). */
  collegeId: z.uuid().optional(),
  ...registerBase,
});
export type SubscriptionInput = z.infer<typeof subscriptionInput>;

export const paymentInput = z.object({
  memberId: z.uuid(),
  amountCents: z.number().int().min(1).max(10_000_000_000),
  ...registerBase,
});
export type PaymentInput = z.infer<typeof paymentInput>;

export const transferInput = z.object({
  fromMemberId: z.uuid(),
  toMemberId: z.uuid(),
  shares,
  collegeId: z.uuid().optional(),
  ...registerBase,
});
export type TransferInput = z.infer<typeof transferInput>;

export const refundInput = z.object({ memberId: z.uuid(), shares, ...registerBase });
export type RefundInput = z.infer<typeof refundInput>;

export const collegeAssignment = z.object({ collegeId: z.uuid() });

export const myHoldingView = z.object({
  entityId: z.string(),
  entityName: z.string(),
  shareNominalCents: z.number(),
  shares: z.number(),
  paidCents: z.number(),
  unpaidCents: z.number(),
  shareholder: z.boolean(),
  collegeName: z.string().nullable(),
  lines: z.array(registerLineView),
});
export type MyHoldingView = z.infer<typeof myHoldingView>;

// ——— Assemblies ———

export const resolutionInput = z.object({
  title: text(200).min(1),
  body: text(10_000).default(''),
  majority: z.enum(majorities).optional(),
});

export const documentInput = z.object({
  title: text(160).min(1),
  url: z.url({ protocol: /^https?$/ }).max(500),
});

export const assemblyInput = z.object({
  entityId: z.uuid(),
  kind: z.enum(assemblyKinds),
  title: text(160).min(1),
  place: text(300).default(''),
  agenda: text(10_000).default(''),
  heldAt: instant,
  opensAt: instant,
  closesAt: instant,
  /** Defaults to the entity's rules (a fifth for an ordinary assembly, a quarter for an extraordinary one). */
  quorumBp: z.number().int().min(0).max(10_000).optional(),
  /** Defaults to the entity's cap. */
  proxyCap: z.number().int().min(0).max(50).optional(),
  resolutions: z.array(resolutionInput).min(1).max(50),
  documents: z.array(documentInput).max(20).default([]),
});
export type AssemblyInput = z.input<typeof assemblyInput>;

export const phases = ['draft', 'upcoming', 'open', 'closed'] as const;

export const resolutionView = z.object({
  id: z.string(),
  position: z.number(),
  title: z.string(),
  body: z.string(),
  majority: z.enum(majorities),
});

export const ballotChoiceView = z.object({
  resolutionId: z.string(),
  choice: z.enum(choices),
  receipt: z.string(),
});

export const voterView = z.object({
  memberId: z.string(),
  name: z.string(),
  /** Myself, or someone whose proxy I hold. */
  self: z.boolean(),
  voted: z.boolean(),
  /** Only the voter (or the holder of their proxy) sees their own choices and receipts. */
  ballots: z.array(ballotChoiceView),
});

export const assemblyView = z.object({
  id: z.string(),
  entityId: z.string(),
  entityName: z.string(),
  kind: z.enum(assemblyKinds),
  title: z.string(),
  place: z.string(),
  agenda: z.string(),
  heldAt: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  quorumBp: z.number(),
  proxyCap: z.number(),
  weightedColleges: z.boolean(),
  phase: z.enum(phases),
  convenedAt: z.string().nullable(),
  electors: z.number(),
  participants: z.number(),
  resolutions: z.array(resolutionView),
  documents: z.array(z.object({ id: z.string(), title: z.string(), url: z.string() })),
  manageable: z.boolean(),
  /** For a sociétaire of the entity: what they can do at this assembly. */
  me: z
    .object({
      elector: z.boolean(),
      collegeName: z.string().nullable(),
      proxyGivenTo: z.object({ memberId: z.string(), name: z.string() }).nullable(),
      voters: z.array(voterView),
      proxyCandidates: z.array(z.object({ memberId: z.string(), name: z.string() })),
    })
    .nullable(),
});
export type AssemblyView = z.infer<typeof assemblyView>;

export const assemblySummary = assemblyView.omit({
  me: true,
  resolutions: true,
  documents: true,
  agenda: true,
});
export type AssemblySummary = z.infer<typeof assemblySummary>;

export const proxyInput = z.object({ holderMemberId: z.uuid() });

export const voteInput = z.object({
  /** The member I vote for: myself (default) or someone whose proxy I hold. */
  forMemberId: z.uuid().optional(),
  ballots: z
    .array(z.object({ resolutionId: z.uuid(), choice: z.enum(choices) }))
    .min(1)
    .max(50),
});
export type VoteInput = z.infer<typeof voteInput>;

export const collegeResultView = z.object({
  collegeId: z.string().nullable(),
  name: z.string(),
  weightBp: z.number(),
  effectiveWeightBp: z.number(),
  for: z.number(),
  against: z.number(),
  abstain: z.number(),
});

export const resultsView = z.object({
  assemblyId: z.string(),
  title: z.string(),
  entityName: z.string(),
  closedAt: z.string(),
  electors: z.number(),
  participants: z.number(),
  weightedColleges: z.boolean(),
  resolutions: z.array(
    resolutionView.extend({
      colleges: z.array(collegeResultView),
      for: z.number(),
      against: z.number(),
      abstain: z.number(),
      participants: z.number(),
      electors: z.number(),
      quorumReached: z.boolean(),
      forBp: z.number(),
      againstBp: z.number(),
      adopted: z.boolean(),
    }),
  ),
  /** Every ballot's receipt with its choice and college, in receipt order: each voter checks theirs. */
  receipts: z.array(
    z.object({
      receipt: z.string(),
      resolutionId: z.string(),
      choice: z.enum(choices),
      college: z.string().nullable(),
    }),
  ),
});
export type ResultsView = z.infer<typeof resultsView>;
