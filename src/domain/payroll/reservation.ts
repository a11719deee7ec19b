// What a salary request may take from an activity: its available balance (ledger) less what the
// requests not yet paid already hold, plus any cover the activity is allowed. Pure: the service
// calls it with the activity row locked, so concurrent requests are decided one after the other.
import type { Cents } from '../money.ts';

export type Reservation =
  | { ok: true; availableCents: Cents; remainingCents: Cents }
  | { ok: false; availableCents: Cents; shortCents: Cents };

export function decideReservation(o: {
  /** The activity's available balance in the ledger. */
  balanceCents: Cents;
  /** Held by the activity's requests submitted or validated but not yet posted. */
  pendingCents: Cents;
  /** Allowed overdraft (guarantee-fund cover); 0 until the fund exists. */
  coverCents?: Cents;
  /** What this request would hold: its employer cost. */
  amountCents: Cents;
}): Reservation {
  if (!Number.isSafeInteger(o.amountCents) || o.amountCents <= 0)
    throw new RangeError(`Bad amount: ${o.amountCents}`);
  const availableCents = o.balanceCents + (o.coverCents ?? 0) - o.pendingCents;
  if (o.amountCents > availableCents)
    return { ok: false, availableCents, shortCents: o.amountCents - Math.max(0, availableCents) };
  return { ok: true, availableCents, remainingCents: availableCents - o.amountCents };
}
