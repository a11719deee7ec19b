import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.ts';
import { dueUntil, payableUrgency, requestUrgency, summarizePayable } from './payable.ts';
import { addWorkingDays, isWorkingDay } from './working-days.ts';

// 2026-11-20 is a Friday; 11 November and Christmas are public holidays.
describe('a covered salary’s payable-by day', () => {
  it('is due from two working days before it, over weekends and public holidays', () => {
    expect(dueUntil('2026-11-20')).toBe('2026-11-24'); // Monday and Tuesday
    expect(dueUntil('2026-11-21')).toBe('2026-11-24'); // from a Saturday: the same two days
    expect(dueUntil('2026-11-10')).toBe('2026-11-13'); // over 11 November
    expect(dueUntil('2026-12-24')).toBe('2026-12-29'); // over Christmas and the weekend
  });

  it('is overdue once passed, due up to two working days ahead, later beyond', () => {
    expect(payableUrgency('2026-11-19', '2026-11-20')).toBe('overdue');
    expect(payableUrgency('2026-11-20', '2026-11-20')).toBe('due');
    expect(payableUrgency('2026-11-24', '2026-11-20')).toBe('due');
    expect(payableUrgency('2026-11-25', '2026-11-20')).toBe('later');
  });

  it('flags only requests covered and still to pay', () => {
    const today = '2026-11-20';
    expect(requestUrgency({ payableOn: '2026-11-18', status: 'submitted' }, today)).toBe('overdue');
    expect(requestUrgency({ payableOn: '2026-11-23', status: 'validated' }, today)).toBe('due');
    expect(requestUrgency({ payableOn: '2026-11-18', status: 'paid' }, today)).toBeNull();
    expect(requestUrgency({ payableOn: '2026-11-18', status: 'returned' }, today)).toBeNull();
    // Not covered, or its cover cancelled.
    expect(requestUrgency({ payableOn: null, status: 'submitted' }, today)).toBeNull();
  });

  it('counts the covered salaries due and overdue and finds the nearest day', () => {
    expect(summarizePayable(['2026-11-25', '2026-11-17', '2026-11-23', '2026-11-20'], '2026-11-20')).toEqual({
      coveredCount: 4,
      dueCount: 2,
      overdueCount: 1,
      nearestPayableOn: '2026-11-17',
    });
    expect(summarizePayable([], '2026-11-20')).toEqual({
      coveredCount: 0,
      dueCount: 0,
      overdueCount: 0,
      nearestPayableOn: null,
    });
  });

  const day = fc.integer({ min: 0, max: 3 * 366 }).map((n) => addDays('2026-01-01', n));

  it('never goes back from overdue to due to later as the day moves away', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -20, max: 20 }), (today, shift) => {
        const rank = { overdue: 0, due: 1, later: 2 } as const;
        const a = rank[payableUrgency(addDays(today, shift), today)];
        const b = rank[payableUrgency(addDays(today, shift + 1), today)];
        expect(b).toBeGreaterThanOrEqual(a);
      }),
    );
  });

  it('flags as due, on the day a salary is covered, a promise of two working days or less', () => {
    fc.assert(
      fc.property(day.filter(isWorkingDay), fc.integer({ min: 0, max: 10 }), (today, delay) => {
        const u = payableUrgency(addWorkingDays(today, delay), today);
        expect(u).toBe(delay <= 2 ? 'due' : 'later');
      }),
    );
  });
});
