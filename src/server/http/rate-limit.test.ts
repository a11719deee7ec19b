// The token buckets on their own, with a clock the test moves.
import { describe, expect, it } from 'vitest';
import { createTokenBuckets } from './rate-limit.ts';

const clockAt = (start: number) => {
  let now = start;
  return {
    clock: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
};

describe('token buckets', () => {
  it('allows a burst, then one request per refill interval, per address', () => {
    const { clock, advance } = clockAt(Date.UTC(2026, 10, 20));
    const buckets = createTokenBuckets({ capacity: 3, refillPerMinute: 6 }, clock);
    expect([1, 2, 3].map(() => buckets.take('a').ok)).toEqual([true, true, true]);
    expect(buckets.take('a')).toEqual({ ok: false, retryAfterSeconds: 10 });
    expect(buckets.take('b').ok).toBe(true);
    advance(4_000);
    expect(buckets.take('a')).toEqual({ ok: false, retryAfterSeconds: 6 });
    advance(6_000);
    expect(buckets.take('a').ok).toBe(true);
    expect(buckets.take('a').ok).toBe(false);
    // A long pause refills up to the capacity, not beyond.
    advance(3_600_000);
    expect([1, 2, 3, 4].map(() => buckets.take('a').ok)).toEqual([true, true, true, false]);
  });

  it('forgets addresses whose bucket is full again once it tracks too many', () => {
    const { clock, advance } = clockAt(0);
    const buckets = createTokenBuckets({ capacity: 1, refillPerMinute: 60 }, clock);
    for (let i = 0; i < 10_000; i++) buckets.take(`old-${i}`);
    expect(buckets.size()).toBe(10_000);
    advance(2_000);
    buckets.take('new-1');
    buckets.take('new-2');
    expect(buckets.size()).toBeLessThanOrEqual(2);
    expect(buckets.take('new-1').ok).toBe(false);
  });
});
