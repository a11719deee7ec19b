import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.ts';
import {
  checkSteps,
  daysLate,
  defaultDunningSteps,
  lateCharges,
  latePenaltyCents,
  reminderDue,
  toneOf,
} from './dunning.ts';

const state = (over: Partial<Parameters<typeof reminderDue>[0]> = {}) => ({
  dueDate: '2026-10-01',
  outstandingCents: 120_000,
  paused: false,
  inLitigation: false,
  sentSteps: [] as number[],
  ...over,
});

describe('dunning', () => {
  it('sends each step once, on its day, and only the latest reached', () => {
    const steps = defaultDunningSteps;
    expect(reminderDue(state(), steps, '2026-10-07')).toBeNull(); // 6 days late
    expect(reminderDue(state(), steps, '2026-10-08')).toBe(0);
    expect(reminderDue(state({ sentSteps: [0] }), steps, '2026-10-20')).toBeNull();
    expect(reminderDue(state({ sentSteps: [0] }), steps, '2026-10-31')).toBe(1);
    expect(reminderDue(state(), steps, '2026-11-20')).toBe(2); // 50 days late, nothing sent: the formal notice alone
    expect(reminderDue(state({ sentSteps: [0, 1, 2] }), steps, '2027-01-01')).toBeNull();
  });

  it('sends nothing for a paused invoice, one in litigation, or one paid', () => {
    expect(reminderDue(state({ paused: true }), defaultDunningSteps, '2026-11-20')).toBeNull();
    expect(reminderDue(state({ inLitigation: true }), defaultDunningSteps, '2026-11-20')).toBeNull();
    expect(reminderDue(state({ outstandingCents: 0 }), defaultDunningSteps, '2026-11-20')).toBeNull();
  });

  it('never sends a step twice nor goes back, whatever the days it runs on', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 120 }), { maxLength: 30 }), (offsets) => {
        const sent: number[] = [];
        for (const day of [...offsets].sort((a, b) => a - b)) {
          const step = reminderDue(
            state({ sentSteps: sent }),
            defaultDunningSteps,
            addDays('2026-10-01', day),
          );
          if (step !== null) {
            expect(sent.includes(step)).toBe(false);
            expect(step).toBeGreaterThan(Math.max(-1, ...sent));
            sent.push(step);
          }
        }
      }),
    );
  });

  it('computes penalties per day at the annual rate, and the 40 € indemnity, for business clients only', () => {
    expect(daysLate('2026-10-01', '2026-10-31')).toBe(30);
    expect(latePenaltyCents(120_000, 1215, 30)).toBe(1198); // 1,200 € × 12.15 % × 30 / 365 = 11.98 €
    expect(
      lateCharges(
        {
          outstandingCents: 120_000,
          dueDate: '2026-10-01',
          business: true,
          rateBp: 1215,
          indemnityCents: 4000,
        },
        '2026-10-31',
      ),
    ).toEqual({
      daysLate: 30,
      penaltyCents: 1198,
      indemnityCents: 4000,
    });
    expect(
      lateCharges(
        {
          outstandingCents: 120_000,
          dueDate: '2026-10-01',
          business: false,
          rateBp: 1215,
          indemnityCents: 4000,
        },
        '2026-10-31',
      ),
    ).toEqual({
      daysLate: 30,
      penaltyCents: 0,
      indemnityCents: 0,
    });
  });

  it('names the tone of each step and checks a schedule', () => {
    expect(defaultDunningSteps.map((_, i) => toneOf(i, defaultDunningSteps))).toEqual([
      'reminder',
      'firm',
      'formal_notice',
    ]);
    expect(checkSteps([5, 15])).toEqual([5, 15]);
    for (const bad of [[], [30, 7], [0], [7, 7], [1, 2, 3, 4, 5, 6, 7], [400]])
      expect(() => checkSteps(bad)).toThrow();
  });
});
