// The rules of a cooperative's governance, without I/O: colleges and their weights (SCIC, loi
// 47-1775 art. 19 octies), the share register's arithmetic, proxies, and the tally of a resolution
// (quorum, majority, colleges weighted). ADR 0014 explains the choices.
import type { ErrorCode } from '../errors.ts';

export const choices = ['for', 'against', 'abstain'] as const;
export type Choice = (typeof choices)[number];
export const majorities = ['simple', 'two_thirds'] as const;
export type Majority = (typeof majorities)[number];
export const assemblyKinds = ['ordinary', 'extraordinary'] as const;
export type AssemblyKind = (typeof assemblyKinds)[number];

type GovernanceCode = Extract<ErrorCode, `governance.${string}`>;
export type Issue = { pointer: string; code: GovernanceCode };

// ——— Colleges ———

/** Loi 47-1775 art. 19 octies: no college holds more than 50 % of the votes, nor less than 10 %. */
export const collegeMinBp = 1000;
export const collegeMaxBp = 5000;
export const maxColleges = 10;

export type CollegeDraft = { name: string; weightBp: number };

/** Issues of a set of colleges with weights; empty when they can be used for weighted votes. */
export function collegeIssues(colleges: readonly CollegeDraft[]): Issue[] {
  const issues: Issue[] = [];
  if (colleges.length < 2 || colleges.length > maxColleges)
    issues.push({ pointer: '/colleges', code: 'governance.college_count' });
  const seen = new Set<string>();
  colleges.forEach((c, i) => {
    if (!Number.isInteger(c.weightBp) || c.weightBp < collegeMinBp || c.weightBp > collegeMaxBp)
      issues.push({ pointer: `/colleges/${i}/weightBp`, code: 'governance.college_weight_range' });
    const key = c.name.trim().toLocaleLowerCase('fr');
    if (seen.has(key)) issues.push({ pointer: `/colleges/${i}/name`, code: 'governance.college_duplicate' });
    seen.add(key);
  });
  if (issues.length === 0 && colleges.reduce((s, c) => s + c.weightBp, 0) !== 10_000)
    issues.push({ pointer: '/colleges', code: 'governance.college_weights_total' });
  return issues;
}

// ——— The share register ———

export type Holding = { shares: number; paidCents: number };
export const noHolding: Holding = { shares: 0, paidCents: 0 };

/** Shares whose nominal value is fully paid: the only ones that can be transferred or refunded. */
export const paidShares = (h: Holding, nominalCents: number): number =>
  Math.min(h.shares, Math.floor(h.paidCents / nominalCents));

/** Still to pay on the subscribed shares. */
export const unpaidCents = (h: Holding, nominalCents: number): number =>
  h.shares * nominalCents - h.paidCents;

/** A member is a sociétaire of an entity once at least one share is fully paid. */
export const isShareholder = (h: Holding, nominalCents: number): boolean => paidShares(h, nominalCents) >= 1;

export type RegisterOperation =
  | { kind: 'subscription'; shares: number }
  | { kind: 'payment'; amountCents: number }
  | { kind: 'transfer_out'; shares: number }
  | { kind: 'transfer_in'; shares: number }
  | { kind: 'refund'; shares: number };

export type RegisterDelta = { sharesDelta: number; paidDeltaCents: number };

/** The change an operation makes to a member's holding, or the reason it is refused. */
export function applyOperation(
  h: Holding,
  op: RegisterOperation,
  nominalCents: number,
): { ok: true; delta: RegisterDelta; after: Holding } | { ok: false; issue: Issue } {
  const done = (sharesDelta: number, paidDeltaCents: number) => ({
    ok: true as const,
    delta: { sharesDelta, paidDeltaCents },
    after: { shares: h.shares + sharesDelta, paidCents: h.paidCents + paidDeltaCents },
  });
  const refuse = (pointer: string, code: GovernanceCode) => ({
    ok: false as const,
    issue: { pointer, code },
  });
  switch (op.kind) {
    case 'subscription':
      if (!Number.isSafeInteger(op.shares) || op.shares < 1)
        return refuse('/shares', 'governance.shares_positive');
      return done(op.shares, 0);
    case 'payment': {
      if (!Number.isSafeInteger(op.amountCents) || op.amountCents < 1)
        return refuse('/amountCents', 'governance.amount_positive');
      if (op.amountCents > unpaidCents(h, nominalCents))
        return refuse('/amountCents', 'governance.payment_above_unpaid');
      return done(0, op.amountCents);
    }
    case 'transfer_in':
      if (!Number.isSafeInteger(op.shares) || op.shares < 1)
        return refuse('/shares', 'governance.shares_positive');
      return done(op.shares, op.shares * nominalCents);
    case 'transfer_out':
    case 'refund':
      if (!Number.isSafeInteger(op.shares) || op.shares < 1)
        return refuse('/shares', 'governance.shares_positive');
      if (op.shares > paidShares(h, nominalCents))
        return refuse('/shares', 'governance.not_enough_paid_shares');
      return done(-op.shares, -op.shares * nominalCents);
  }
}

// ——— Proxies ———

/**
 * Whether a holder may take one more proxy: never for oneself, never for someone who already gave
 * theirs (no chains), never above the cap of the assembly.
 */
export function proxyIssue(p: {
  grantorId: string;
  holderId: string;
  holderIsElector: boolean;
  holderGaveProxy: boolean;
  holderCarries: number;
  cap: number;
}): GovernanceCode | null {
  if (p.grantorId === p.holderId) return 'governance.proxy_self';
  if (!p.holderIsElector) return 'governance.proxy_holder_not_shareholder';
  if (p.holderGaveProxy) return 'governance.proxy_chain';
  if (p.holderCarries >= p.cap) return 'governance.proxy_cap';
  return null;
}

// ——— Voting window ———

export type Window = { opensAt: string; closesAt: string; closedEarlyAt: string | null };
export const effectiveClose = (w: Window): string =>
  w.closedEarlyAt && w.closedEarlyAt < w.closesAt ? w.closedEarlyAt : w.closesAt;
export const phaseOf = (w: Window, now: Date): 'upcoming' | 'open' | 'closed' => {
  const t = now.getTime();
  if (t >= new Date(effectiveClose(w)).getTime()) return 'closed';
  return t >= new Date(w.opensAt).getTime() ? 'open' : 'upcoming';
};

// ——— Tally ———

export type TallyCollege = { id: string | null; name: string; weightBp: number };
export type TallyBallot = { collegeId: string | null; choice: Choice };

export type CollegeResult = {
  collegeId: string | null;
  name: string;
  weightBp: number;
  /** The weight it carries in this result: colleges where nobody expressed a vote give theirs to the others. */
  effectiveWeightBp: number;
  for: number;
  against: number;
  abstain: number;
};

export type ResolutionTally = {
  colleges: CollegeResult[];
  for: number;
  against: number;
  abstain: number;
  /** People who voted on it (abstentions included), against the electors for the quorum. */
  participants: number;
  electors: number;
  quorumReached: boolean;
  /** Weighted shares of the votes cast (abstentions are not votes cast); they sum to 10 000 when any was cast. */
  forBp: number;
  againstBp: number;
  adopted: boolean;
};

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
const lcm = (a: bigint, b: bigint): bigint => (a / gcd(a, b)) * b;

/**
 * The result of one resolution. Each college's votes cast are counted, turned into the share of
 * "for" within the college, and weighted by the college's weight among the colleges where someone
 * expressed a vote (the SCIC rule; without colleges, one college of 100 %: one person one vote).
 * Exact arithmetic (BigInt over a common denominator) decides adoption: a tie is never rounded into
 * a majority.
 */
export function tallyResolution(p: {
  colleges: readonly TallyCollege[];
  ballots: readonly TallyBallot[];
  electors: number;
  quorumBp: number;
  majority: Majority;
}): ResolutionTally {
  const rows: CollegeResult[] = p.colleges.map((c) => ({
    collegeId: c.id,
    name: c.name,
    weightBp: c.weightBp,
    effectiveWeightBp: 0,
    for: 0,
    against: 0,
    abstain: 0,
  }));
  const byId = new Map(rows.map((r) => [r.collegeId, r]));
  for (const b of p.ballots) {
    const row = byId.get(b.collegeId);
    if (!row) throw new Error(`ballot of an unknown college ${b.collegeId}`);
    row[b.choice] += 1;
  }
  const expressing = rows.filter((r) => r.for + r.against > 0 && r.weightBp > 0);
  const weightSum = expressing.reduce((s, r) => s + r.weightBp, 0);
  // Effective weights: exact shares of 10 000, distributed without losing a point (largest remainder).
  if (weightSum > 0) {
    const raw = expressing.map((r) => (r.weightBp * 10_000) / weightSum);
    const floors = raw.map(Math.floor);
    let left = 10_000 - floors.reduce((s, v) => s + v, 0);
    const order = raw
      .map((v, i) => ({ i, rest: v - Math.floor(v) }))
      .sort((a, b) => b.rest - a.rest || a.i - b.i);
    for (const { i } of order) {
      if (left <= 0) break;
      floors[i] = (floors[i] as number) + 1;
      left -= 1;
    }
    expressing.forEach((r, i) => {
      r.effectiveWeightBp = floors[i] as number;
    });
  }
  // for share = Σ w·for/expressed over Σ w, on the common denominator L = lcm(expressed).
  let den = 1n;
  for (const r of expressing) den = lcm(den, BigInt(r.for + r.against));
  let forNum = 0n;
  let total = 0n;
  for (const r of expressing) {
    const scale = den / BigInt(r.for + r.against);
    forNum += BigInt(r.weightBp) * BigInt(r.for) * scale;
    total += BigInt(r.weightBp) * den;
  }
  const sumOf = (k: Choice) => rows.reduce((s, r) => s + r[k], 0);
  const participants = p.ballots.length;
  let forBp = 0;
  let againstBp = 0;
  if (total > 0n) {
    // half-up rounding of forNum/total in basis points; "against" is the rest, so both sum to 100 %.
    forBp = Number((forNum * 20_000n + total) / (2n * total));
    againstBp = 10_000 - forBp;
  }
  const adopted = total > 0n && (p.majority === 'simple' ? 2n * forNum > total : 3n * forNum >= 2n * total);
  const quorumReached = p.electors > 0 && participants * 10_000 >= p.quorumBp * p.electors;
  return {
    colleges: rows,
    for: sumOf('for'),
    against: sumOf('against'),
    abstain: sumOf('abstain'),
    participants,
    electors: p.electors,
    quorumReached,
    forBp,
    againstBp,
    adopted: quorumReached && adopted,
  };
}

/**
 * Default quorum of an assembly on first notice, as in a cooperative SA (C. com. L225-98: a fifth for
 * an ordinary assembly; L225-96: a quarter for an extraordinary one); the statutes may set others.
 */
export const defaultQuorumBp = (kind: AssemblyKind): number => (kind === 'ordinary' ? 2000 : 2500);
/** Default majority of a resolution of this kind of assembly. */
export const defaultMajority = (kind: AssemblyKind): Majority =>
  kind === 'ordinary' ? 'simple' : 'two_thirds';
