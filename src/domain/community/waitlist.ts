// Places of an event and its waiting list, first come first served. The service locks the event
// row, loads its live registrations, asks these functions what to do, and writes the answer.
//
// A registration holds a place when it is 'registered' and either confirmed (members at once,
// prospects by the e-mailed link) or still within its confirmation delay. Unconfirmed registrations
// past their delay expire, whatever their status. A freed place goes to the earliest confirmed
// person of the waiting list; an unconfirmed waiting prospect keeps their rank but is skipped.

export type LiveRegistration = {
  id: string;
  status: 'registered' | 'waitlisted';
  confirmed: boolean;
  /** Instant (ISO) after which an unconfirmed registration no longer counts; null once confirmed. */
  expiresAt: string | null;
  /** Arrival order. */
  seq: number;
};

/** Prospects have this long to confirm by the e-mailed link. */
export const confirmationDelayMs = 24 * 3_600_000;

const expired = (r: LiveRegistration, now: Date) =>
  !r.confirmed && r.expiresAt !== null && new Date(r.expiresAt).getTime() <= now.getTime();

export type Reconciliation = {
  /** Unconfirmed registrations past their delay. */
  expire: string[];
  /** Waiting registrations that get a freed place, in waiting-list order. */
  promote: string[];
  /** Registrations holding a place after the changes. */
  taken: number;
};

/** What the list should become now: expiries first, then promotions into the free places. */
export function reconcile(capacity: number, live: readonly LiveRegistration[], now: Date): Reconciliation {
  const expire = live.filter((r) => expired(r, now)).map((r) => r.id);
  const alive = live.filter((r) => !expired(r, now));
  let taken = alive.filter((r) => r.status === 'registered').length;
  const promote: string[] = [];
  for (const r of alive.filter((x) => x.status === 'waitlisted').sort((a, b) => a.seq - b.seq)) {
    if (taken >= capacity) break;
    if (!r.confirmed) continue;
    promote.push(r.id);
    taken++;
  }
  return { expire, promote, taken };
}

/** Where a new arrival goes, the list being reconciled: a place if one is free, else the waiting list. */
export const placeFor = (capacity: number, taken: number): 'registered' | 'waitlisted' =>
  taken < capacity ? 'registered' : 'waitlisted';

/** Rank (1-based) of a registration in the waiting list, null if it is not waiting. */
export function waitlistPosition(live: readonly LiveRegistration[], id: string): number | null {
  const waiting = live.filter((r) => r.status === 'waitlisted').sort((a, b) => a.seq - b.seq);
  const i = waiting.findIndex((r) => r.id === id);
  return i < 0 ? null : i + 1;
}
