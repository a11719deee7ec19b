// The guarantee fund (fonds de garantie salariale), in pure functions: whether an unpaid invoice may
// pay a salary now (decideCover, which explains itself), how much of a cover a payment releases and a
// credit note gives back, what the fund absorbs when an invoice proves irrecoverable, and where the
// fund stands (balance, exposure, stress). The server reads the figures from the ledger and the
// covers table and posts what these functions decide; the web translates the explanation parts.
//
// Invariant, by construction: the fund never promises more than it holds. A cover is granted only
// while the outstanding covers stay within maxExposureBp (at most 100 %) of the balance; a default
// absorbs the covers already granted (within the balance by the previous rule) and, beyond them, no
// more than the balance not already promised. So the balance (inflows − losses) never goes below zero
// and never below the outstanding covers.
import { type Cents, divideRounded } from '../money.ts';
import { addWorkingDays, daysBetween } from './working-days.ts';

export type GuaranteeSettings = {
  /** Whether the fund covers salaries at all in this entity. */
  enabled: boolean;
  /** Outstanding covers of one member, all activities together. */
  maxPerMemberCents: Cents;
  /** Outstanding covers on the invoices of one client (across members: the client is the risk). */
  maxPerClientCents: Cents;
  /** An invoice issued more than this many days ago is no longer covered (it is late enough to be a risk). */
  maxInvoiceAgeDays: number;
  /** Outstanding covers may reach this share of the fund's balance (basis points, at most 10,000). */
  maxExposureBp: number;
  /** A covered salary is paid within this many working days of the request. */
  delayWorkingDays: number;
};

export const defaultGuaranteeSettings: GuaranteeSettings = {
  enabled: true,
  maxPerMemberCents: 500_000,
  maxPerClientCents: 1_000_000,
  maxInvoiceAgeDays: 90,
  maxExposureBp: 8_000,
  delayWorkingDays: 3,
};

/** An issued invoice of the activity, not paid in full, not in litigation. */
export type CoverableInvoice = {
  documentId: string;
  number: string;
  clientId: string;
  clientName: string;
  issueDate: string;
  /** What the invoice will still bring to the activity when paid (excl. VAT), less what already covers it. */
  uncoveredCents: Cents;
};

export type CoverInput = {
  settings: GuaranteeSettings;
  today: string;
  /** What the salary needs beyond the activity's own available balance. */
  neededCents: Cents;
  invoices: readonly CoverableInvoice[];
  /** Outstanding covers of the member (all activities). */
  memberExposureCents: Cents;
  /** Outstanding covers per client id (all members). */
  clientExposureCents: Readonly<Record<string, Cents>>;
  fund: { balanceCents: Cents; exposureCents: Cents };
};

/** One part of the explanation; the UI words it ("invoice FA-… 12 days old, client exposure 3,200 € of 10,000 €"). */
export type CoverReason =
  | {
      code: 'invoice';
      number: string;
      clientName: string;
      ageDays: number;
      amountCents: Cents;
      clientExposureCents: Cents;
      clientLimitCents: Cents;
    }
  | { code: 'member_exposure'; exposureCents: Cents; limitCents: Cents }
  | { code: 'fund_exposure'; exposureCents: Cents; capCents: Cents; balanceCents: Cents }
  | { code: 'payable_on'; date: string; workingDays: number }
  | { code: 'disabled' }
  | { code: 'no_invoice' }
  | { code: 'invoice_too_old'; number: string; ageDays: number; limitDays: number }
  | { code: 'client_limit'; clientName: string; exposureCents: Cents; limitCents: Cents }
  | { code: 'member_limit'; exposureCents: Cents; limitCents: Cents }
  | { code: 'fund_limit'; exposureCents: Cents; capCents: Cents; balanceCents: Cents }
  | { code: 'short'; coveredCents: Cents; neededCents: Cents };

export type CoverPart = { documentId: string; clientId: string; amountCents: Cents };

export type CoverDecision = {
  /** Whether the whole need is covered: only then is anything granted. */
  covered: boolean;
  coveredCents: Cents;
  parts: CoverPart[];
  payableOn: string | null;
  reasons: CoverReason[];
};

/** What the fund may have outstanding at most: a share of its balance, never more than the balance. */
export const exposureCap = (balanceCents: Cents, maxExposureBp: number): Cents =>
  divideRounded(Math.max(0, balanceCents) * Math.min(10_000, Math.max(0, maxExposureBp)), 10_000, 'down');

export function checkSettings(s: GuaranteeSettings): { pointer: string; code: string }[] {
  const issues: { pointer: string; code: string }[] = [];
  const whole = (v: number, max: number) => Number.isSafeInteger(v) && v >= 0 && v <= max;
  if (!whole(s.maxPerMemberCents, 1e12)) issues.push({ pointer: '/maxPerMemberCents', code: 'range' });
  if (!whole(s.maxPerClientCents, 1e12)) issues.push({ pointer: '/maxPerClientCents', code: 'range' });
  if (!whole(s.maxInvoiceAgeDays, 3650)) issues.push({ pointer: '/maxInvoiceAgeDays', code: 'range' });
  // More than 100 % would promise more than the fund holds.
  if (!whole(s.maxExposureBp, 10_000)) issues.push({ pointer: '/maxExposureBp', code: 'range' });
  if (!whole(s.delayWorkingDays, 60)) issues.push({ pointer: '/delayWorkingDays', code: 'range' });
  return issues;
}

/**
 * Whether the fund covers what a salary needs beyond the activity's balance, and from which unpaid
 * invoices. The most recent invoices are drawn first (the least likely to default); each is limited
 * by what it will still bring, by its client's limit, by the member's limit and by the fund's cap.
 * All or nothing: a salary is covered in full or not at all.
 */
export function decideCover(input: CoverInput): CoverDecision {
  const { settings: s, today } = input;
  const refused = (...reasons: CoverReason[]): CoverDecision => ({
    covered: false,
    coveredCents: 0,
    parts: [],
    payableOn: null,
    reasons,
  });
  if (!Number.isSafeInteger(input.neededCents) || input.neededCents <= 0)
    throw new RangeError(`Bad need: ${input.neededCents}`);
  if (!s.enabled) return refused({ code: 'disabled' });

  const cap = exposureCap(input.fund.balanceCents, s.maxExposureBp);
  const candidates = input.invoices
    .filter((i) => i.uncoveredCents > 0)
    .map((i) => ({ ...i, ageDays: Math.max(0, daysBetween(i.issueDate, today)) }))
    .sort((a, b) => a.ageDays - b.ageDays || a.number.localeCompare(b.number));
  if (candidates.length === 0) return refused({ code: 'no_invoice' });

  const clientExposure = new Map(Object.entries(input.clientExposureCents));
  const parts: CoverPart[] = [];
  const reasons: CoverReason[] = [];
  const blocks: CoverReason[] = [];
  let covered = 0;
  for (const inv of candidates) {
    const left = input.neededCents - covered;
    if (left <= 0) break;
    if (inv.ageDays > s.maxInvoiceAgeDays) {
      blocks.push({
        code: 'invoice_too_old',
        number: inv.number,
        ageDays: inv.ageDays,
        limitDays: s.maxInvoiceAgeDays,
      });
      continue;
    }
    const clientNow = clientExposure.get(inv.clientId) ?? 0;
    const clientRoom = s.maxPerClientCents - clientNow;
    const memberRoom = s.maxPerMemberCents - input.memberExposureCents - covered;
    const fundRoom = cap - input.fund.exposureCents - covered;
    const amount = Math.min(left, inv.uncoveredCents, clientRoom, memberRoom, fundRoom);
    if (amount <= 0) {
      if (fundRoom <= 0)
        blocks.push({
          code: 'fund_limit',
          exposureCents: input.fund.exposureCents + covered,
          capCents: cap,
          balanceCents: input.fund.balanceCents,
        });
      else if (memberRoom <= 0)
        blocks.push({
          code: 'member_limit',
          exposureCents: input.memberExposureCents + covered,
          limitCents: s.maxPerMemberCents,
        });
      else
        blocks.push({
          code: 'client_limit',
          clientName: inv.clientName,
          exposureCents: clientNow,
          limitCents: s.maxPerClientCents,
        });
      continue;
    }
    clientExposure.set(inv.clientId, clientNow + amount);
    covered += amount;
    parts.push({ documentId: inv.documentId, clientId: inv.clientId, amountCents: amount });
    reasons.push({
      code: 'invoice',
      number: inv.number,
      clientName: inv.clientName,
      ageDays: inv.ageDays,
      amountCents: amount,
      clientExposureCents: clientNow + amount,
      clientLimitCents: s.maxPerClientCents,
    });
  }
  if (covered < input.neededCents) {
    // Say why the rest could not be covered: the limits met, then the shortfall itself.
    const seen = new Set<string>();
    const why = blocks.filter((b) => {
      const key = JSON.stringify(b);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (why.length === 0 && covered + input.fund.exposureCents >= cap)
      why.push({
        code: 'fund_limit',
        exposureCents: input.fund.exposureCents + covered,
        capCents: cap,
        balanceCents: input.fund.balanceCents,
      });
    return refused(...why, { code: 'short', coveredCents: covered, neededCents: input.neededCents });
  }
  const payableOn = addWorkingDays(today, s.delayWorkingDays);
  reasons.push(
    {
      code: 'member_exposure',
      exposureCents: input.memberExposureCents + covered,
      limitCents: s.maxPerMemberCents,
    },
    {
      code: 'fund_exposure',
      exposureCents: input.fund.exposureCents + covered,
      capCents: cap,
      balanceCents: input.fund.balanceCents,
    },
    { code: 'payable_on', date: payableOn, workingDays: s.delayWorkingDays },
  );
  return { covered: true, coveredCents: covered, parts, payableOn, reasons };
}

/**
 * What a payment on a covered invoice releases: the money excl. VAT it brings to the activity goes
 * first to the covers of that invoice (oldest first), since the cover was an advance on exactly that
 * money; a partial payment releases as much as it brings, the rest when the rest comes.
 */
export function releaseOnPayment(
  covers: readonly { coverId: string; outstandingCents: Cents }[],
  collectedExclVatCents: Cents,
): { coverId: string; amountCents: Cents }[] {
  let left = Math.max(0, collectedExclVatCents);
  const out: { coverId: string; amountCents: Cents }[] = [];
  for (const c of covers) {
    if (left <= 0) break;
    const amount = Math.min(left, Math.max(0, c.outstandingCents));
    if (amount <= 0) continue;
    out.push({ coverId: c.coverId, amountCents: amount });
    left -= amount;
  }
  return out;
}

/**
 * What a credit note gives back of the covers of its invoice. A cover is an advance on what the
 * invoice will bring, so the covers may never promise more than the invoice still brings (excl. VAT)
 * once the credit note is issued; the excess goes back to the fund, the newest cover first (the last
 * promise is the first withdrawn, while payments release the oldest first). Covers are given oldest
 * first; nothing is given back when they stay within what is still to come.
 */
export function reduceOnCredit(
  covers: readonly { coverId: string; outstandingCents: Cents }[],
  stillToComeExclVatCents: Cents,
): { coverId: string; amountCents: Cents }[] {
  const outstanding = covers.reduce((a, c) => a + Math.max(0, c.outstandingCents), 0);
  let excess = outstanding - Math.max(0, stillToComeExclVatCents);
  const out: { coverId: string; amountCents: Cents }[] = [];
  for (let i = covers.length - 1; i >= 0 && excess > 0; i--) {
    const c = covers[i] as { coverId: string; outstandingCents: Cents };
    const amount = Math.min(excess, Math.max(0, c.outstandingCents));
    if (amount <= 0) continue;
    out.push({ coverId: c.coverId, amountCents: amount });
    excess -= amount;
  }
  return out;
}

/**
 * What the fund takes on when an invoice is declared irrecoverable. The covers already granted on it
 * become losses (the fund had set them aside); what the invoice would still have brought to the
 * activity beyond them is made good by the fund as far as its balance not promised elsewhere allows;
 * what is left, if anything, stays the activity's loss.
 */
export function absorbDefault(o: {
  /** What the invoice would still bring to the activity (excl. VAT). */
  outstandingExclVatCents: Cents;
  /** Outstanding covers on this invoice. */
  coveredCents: Cents;
  fund: { balanceCents: Cents; exposureCents: Cents };
}): { fromCoversCents: Cents; extraCents: Cents; activityLossCents: Cents } {
  const fromCovers = Math.min(o.coveredCents, Math.max(0, o.outstandingExclVatCents));
  const rest = Math.max(0, o.outstandingExclVatCents - fromCovers);
  const free = Math.max(0, o.fund.balanceCents - o.fund.exposureCents);
  const extra = Math.min(rest, free);
  return { fromCoversCents: fromCovers, extraCents: extra, activityLossCents: rest - extra };
}

export type FundPosition = {
  inflowsCents: Cents;
  lossesCents: Cents;
  /** Inflows − losses: what the fund holds. */
  balanceCents: Cents;
  /** Covers granted and not released nor absorbed yet. */
  exposureCents: Cents;
  /** Balance not promised to a cover. */
  freeCents: Cents;
  capCents: Cents;
  /** Exposure / balance in basis points (null when the fund is empty). */
  exposureBp: number | null;
};

export function fundPosition(o: {
  inflowsCents: Cents;
  lossesCents: Cents;
  exposureCents: Cents;
  maxExposureBp: number;
}): FundPosition {
  const balance = o.inflowsCents - o.lossesCents;
  return {
    inflowsCents: o.inflowsCents,
    lossesCents: o.lossesCents,
    balanceCents: balance,
    exposureCents: o.exposureCents,
    freeCents: balance - o.exposureCents,
    capCents: exposureCap(balance, o.maxExposureBp),
    exposureBp: balance > 0 ? divideRounded(o.exposureCents * 10_000, balance, 'half-up') : null,
  };
}

export type ClientRisk = {
  clientId: string;
  clientName: string;
  /** Outstanding covers on this client's invoices. */
  coveredCents: Cents;
  /** What this client's open invoices would still bring to the activities (excl. VAT), covered part included. */
  receivableCents: Cents;
};

export type StressReport = {
  balanceCents: Cents;
  exposureCents: Cents;
  /** The clients who default in the scenario, the largest receivables first. */
  defaulting: ClientRisk[];
  /** What the fund would absorb: their covers, then the rest within the balance. */
  absorbedCents: Cents;
  balanceAfterCents: Cents;
  /** Left to the activities because the fund would be empty. */
  uncoveredLossCents: Cents;
  /** Whether the fund would still hold every other outstanding cover. */
  holds: boolean;
};

/** "The n largest clients default": what the fund would lose, and whether it would still stand. */
export function stressTest(
  o: { balanceCents: Cents; exposureCents: Cents; clients: readonly ClientRisk[] },
  n = 3,
): StressReport {
  const defaulting = [...o.clients]
    .filter((c) => c.receivableCents > 0 || c.coveredCents > 0)
    .sort((a, b) => b.receivableCents - a.receivableCents || a.clientName.localeCompare(b.clientName))
    .slice(0, n);
  let balance = o.balanceCents;
  let exposure = o.exposureCents;
  let absorbed = 0;
  let uncovered = 0;
  for (const c of defaulting) {
    const r = absorbDefault({
      outstandingExclVatCents: Math.max(c.receivableCents, c.coveredCents),
      coveredCents: c.coveredCents,
      fund: { balanceCents: balance, exposureCents: exposure },
    });
    const loss = r.fromCoversCents + r.extraCents;
    balance -= loss;
    exposure -= r.fromCoversCents;
    absorbed += loss;
    uncovered += r.activityLossCents;
  }
  return {
    balanceCents: o.balanceCents,
    exposureCents: o.exposureCents,
    defaulting,
    absorbedCents: absorbed,
    balanceAfterCents: balance,
    uncoveredLossCents: uncovered,
    holds: balance >= exposure,
  };
}
