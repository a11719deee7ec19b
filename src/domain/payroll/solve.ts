// Finding the gross salary, to the cent, that an employer cost or a net asks for.
//
// modele-social solves the gross numerically (`inversion numérique`), but its answer is only a
// starting point: measured on 2026 situations it lands up to 9 cents of employer cost away from the
// amount without saying so, while echoing the amount as if it were reached; and where a
// contribution starts on the whole pay at a threshold (the CET above the social security ceiling:
// one more cent of gross, 8.41 € more cost) no gross gives the amounts inside the jump, and it either
// gives up or answers the gross at the jump. A payslip must add up, so the gross is settled here on
// forward evaluations: the largest gross whose employer cost stays within the budget, or the smallest
// whose net reaches the net asked for. Every figure is then modele-social's own, for that gross.
import type { Cents } from '../money.ts';

export type SolveFor = 'employerCost' | 'net';

const maxGross = 1_000_000_000_00;

/**
 * `valueAt(gross)` is the employer cost or the net, in cents, of a gross in cents; it mostly grows
 * with the gross. `guess` is where to start (the engine's own solution), if any. Returns null when
 * no positive gross fits.
 *
 * A bracket [lo, hi] always has lo on one side of the boundary and hi on the other, whatever the
 * jumps, so the answer always satisfies the condition. Steps go by threes at most: the point a
 * straight line between the two ends predicts (the cost is nearly linear between thresholds), its
 * neighbour, which then usually closes the bracket, and else the middle. From the engine's guess
 * this takes about four evaluations; with no guess, or across a jump, at most about three times
 * the steps of plain bisection.
 */
export function solveGross(
  kind: SolveFor,
  amount: Cents,
  valueAt: (grossCents: Cents) => Cents,
  guess: Cents | null = null,
): Cents | null {
  // Where a value stands: ≤ 0 below the boundary (a cost within the budget; a net short of the
  // amount), > 0 above it. Distances in cents, so that a straight line can aim.
  const side = kind === 'employerCost' ? (v: number) => v - amount : (v: number) => v - amount + 0.5;
  let lo: number;
  let flo: number;
  let hi: number;
  let fhi: number;
  if (guess !== null && guess >= 1 && guess < maxGross) {
    // Walk out from the guess until the boundary is bracketed, each step aimed by the value's
    // slope at the guess and doubled while it falls short.
    const v = valueAt(guess);
    const f = side(v);
    const slope = Math.max(0.5, v / guess);
    let step = Math.ceil(Math.abs(f) / slope) + 1;
    if (f <= 0) {
      [lo, flo] = [guess, f];
      for (;;) {
        hi = Math.min(maxGross, lo + step);
        fhi = side(valueAt(hi));
        if (fhi > 0) break;
        if (hi === maxGross) return null;
        [lo, flo] = [hi, fhi];
        step *= 2;
      }
    } else {
      [hi, fhi] = [guess, f];
      for (;;) {
        lo = Math.max(0, hi - step);
        flo = lo === 0 ? -amount : side(valueAt(lo));
        if (flo <= 0) break;
        [hi, fhi] = [lo, flo];
        step *= 2;
      }
    }
  } else {
    // No guess: from nothing (a gross of zero costs and pays nothing; only used to aim) to enough.
    [lo, flo] = [0, -amount];
    hi = kind === 'employerCost' ? amount + 1 : Math.ceil(amount * 1.5) + 1;
    fhi = side(valueAt(hi));
    while (fhi <= 0) {
      [lo, flo] = [hi, fhi];
      hi *= 2;
      if (hi > maxGross) return null;
      fhi = side(valueAt(hi));
    }
  }
  // After a step aimed by the straight line, its neighbour on the far side usually closes the
  // bracket; when it does not, halve once before aiming again.
  let mode: 'aim' | 'neighbour' | 'halve' = 'aim';
  let neighbour = 0;
  while (hi - lo > 1) {
    let mid: number;
    if (mode === 'neighbour' && neighbour > lo && neighbour < hi) mid = neighbour;
    else if (mode === 'halve') mid = Math.floor((lo + hi) / 2);
    else {
      mode = 'aim';
      const aimed = Math.round(lo + ((0 - flo) * (hi - lo)) / (fhi - flo));
      mid = Number.isFinite(aimed) ? Math.min(hi - 1, Math.max(lo + 1, aimed)) : Math.floor((lo + hi) / 2);
    }
    const f = side(valueAt(mid));
    if (f <= 0) [lo, flo] = [mid, f];
    else [hi, fhi] = [mid, f];
    if (mode === 'aim') {
      mode = 'neighbour';
      neighbour = f <= 0 ? mid + 1 : mid - 1;
    } else mode = mode === 'neighbour' ? 'halve' : 'aim';
  }
  if (kind === 'net') return hi;
  return lo > 0 ? lo : null;
}
