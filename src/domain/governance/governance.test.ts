import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyOperation,
  type Choice,
  collegeIssues,
  isShareholder,
  paidShares,
  phaseOf,
  proxyIssue,
  type TallyBallot,
  tallyResolution,
} from './rules.ts';

const scic = [
  { id: 'se', name: 'Salarié·es-entrepreneur·es', weightBp: 5000 },
  { id: 'cl', name: 'Clients et usagers', weightBp: 2000 },
  { id: 'pa', name: 'Partenaires', weightBp: 2000 },
  { id: 'fo', name: 'Fondateurs', weightBp: 1000 },
];
const ballots = (collegeId: string, f: number, a: number, ab = 0): TallyBallot[] => [
  ...Array.from({ length: f }, () => ({ collegeId, choice: 'for' as const })),
  ...Array.from({ length: a }, () => ({ collegeId, choice: 'against' as const })),
  ...Array.from({ length: ab }, () => ({ collegeId, choice: 'abstain' as const })),
];

describe('colleges', () => {
  it('accepts the SCIC colleges of the demo and refuses weights outside 10–50 % or not adding up', () => {
    expect(collegeIssues(scic)).toEqual([]);
    expect(
      collegeIssues([
        { name: 'A', weightBp: 6000 },
        { name: 'B', weightBp: 4000 },
      ]),
    ).toEqual([{ pointer: '/colleges/0/weightBp', code: 'governance.college_weight_range' }]);
    expect(collegeIssues([{ name: 'A', weightBp: 500 }, ...scic.slice(1)])).toContainEqual({
      pointer: '/colleges/0/weightBp',
      code: 'governance.college_weight_range',
    });
    expect(collegeIssues(scic.map((c) => ({ ...c, weightBp: 2000 })))).toEqual([
      { pointer: '/colleges', code: 'governance.college_weights_total' },
    ]);
    expect(collegeIssues([{ name: 'Seul', weightBp: 5000 }])[0]?.code).toBe('governance.college_count');
    expect(
      collegeIssues([
        { name: 'Clients', weightBp: 5000 },
        { name: 'clients', weightBp: 5000 },
      ]),
    ).toEqual([{ pointer: '/colleges/1/name', code: 'governance.college_duplicate' }]);
  });
});

describe('the share register', () => {
  const nominal = 2500;
  it('subscribes, pays, and only lets fully paid shares go', () => {
    let h = { shares: 0, paidCents: 0 };
    const sub = applyOperation(h, { kind: 'subscription', shares: 4 }, nominal);
    if (!sub.ok) throw new Error('refused');
    h = sub.after;
    expect(isShareholder(h, nominal)).toBe(false);
    expect(applyOperation(h, { kind: 'refund', shares: 1 }, nominal)).toMatchObject({
      ok: false,
      issue: { code: 'governance.not_enough_paid_shares' },
    });
    expect(applyOperation(h, { kind: 'payment', amountCents: 10_001 }, nominal)).toMatchObject({
      ok: false,
      issue: { code: 'governance.payment_above_unpaid', pointer: '/amountCents' },
    });
    const pay = applyOperation(h, { kind: 'payment', amountCents: 6000 }, nominal);
    if (!pay.ok) throw new Error('refused');
    h = pay.after;
    expect(paidShares(h, nominal)).toBe(2);
    expect(isShareholder(h, nominal)).toBe(true);
    expect(applyOperation(h, { kind: 'transfer_out', shares: 3 }, nominal).ok).toBe(false);
    expect(applyOperation(h, { kind: 'transfer_out', shares: 2 }, nominal)).toMatchObject({
      ok: true,
      after: { shares: 2, paidCents: 1000 },
    });
  });

  it('never lets totals go negative, whatever the sequence of operations', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('subscription' as const), shares: fc.integer({ min: -2, max: 10 }) }),
      fc.record({
        kind: fc.constant('payment' as const),
        amountCents: fc.integer({ min: -100, max: 30_000 }),
      }),
      fc.record({ kind: fc.constant('refund' as const), shares: fc.integer({ min: -2, max: 10 }) }),
      fc.record({ kind: fc.constant('transfer_out' as const), shares: fc.integer({ min: 0, max: 10 }) }),
      fc.record({ kind: fc.constant('transfer_in' as const), shares: fc.integer({ min: 0, max: 10 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        let h = { shares: 0, paidCents: 0 };
        for (const o of ops) {
          const r = applyOperation(h, o, nominal);
          if (r.ok) h = r.after;
          expect(h.shares).toBeGreaterThanOrEqual(0);
          expect(h.paidCents).toBeGreaterThanOrEqual(0);
          expect(h.paidCents).toBeLessThanOrEqual(h.shares * nominal);
        }
      }),
    );
  });
});

describe('proxies', () => {
  const base = { grantorId: 'a', holderId: 'b', holderIsElector: true, holderGaveProxy: false, cap: 2 };
  it('refuses oneself, a non-sociétaire, a chain, and a holder at the cap', () => {
    expect(proxyIssue({ ...base, holderCarries: 1 })).toBeNull();
    expect(proxyIssue({ ...base, holderCarries: 2 })).toBe('governance.proxy_cap');
    expect(proxyIssue({ ...base, holderId: 'a', holderCarries: 0 })).toBe('governance.proxy_self');
    expect(proxyIssue({ ...base, holderIsElector: false, holderCarries: 0 })).toBe(
      'governance.proxy_holder_not_shareholder',
    );
    expect(proxyIssue({ ...base, holderGaveProxy: true, holderCarries: 0 })).toBe('governance.proxy_chain');
    expect(proxyIssue({ ...base, cap: 0, holderCarries: 0 })).toBe('governance.proxy_cap');
  });
});

describe('the voting window', () => {
  const w = { opensAt: '2026-11-20T08:00:00Z', closesAt: '2026-11-27T18:00:00Z', closedEarlyAt: null };
  it('opens and closes at the instants set, or when closed early', () => {
    expect(phaseOf(w, new Date('2026-11-20T07:59:59Z'))).toBe('upcoming');
    expect(phaseOf(w, new Date('2026-11-20T08:00:00Z'))).toBe('open');
    expect(phaseOf(w, new Date('2026-11-27T18:00:00Z'))).toBe('closed');
    expect(phaseOf({ ...w, closedEarlyAt: '2026-11-21T10:00:00Z' }, new Date('2026-11-22T00:00:00Z'))).toBe(
      'closed',
    );
  });
});

describe('the tally of a resolution', () => {
  it('weighs each college by its weight (the demo SCIC)', () => {
    // Workers 3–1 (75 % for), clients 0–2, partners 1–1, founders 1–0.
    const t = tallyResolution({
      colleges: scic,
      ballots: [
        ...ballots('se', 3, 1),
        ...ballots('cl', 0, 2),
        ...ballots('pa', 1, 1, 1),
        ...ballots('fo', 1, 0),
      ],
      electors: 14,
      quorumBp: 2000,
      majority: 'simple',
    });
    // 0.5·75 % + 0.2·0 % + 0.2·50 % + 0.1·100 % = 57.5 %
    expect(t).toMatchObject({
      for: 5,
      against: 4,
      abstain: 1,
      participants: 10,
      forBp: 5750,
      againstBp: 4250,
    });
    expect(t.quorumReached).toBe(true);
    expect(t.adopted).toBe(true);
    // A simple head count would have said 5 for and 4 against as well, but with two thirds it fails.
    expect(
      tallyResolution({
        colleges: scic,
        ballots: ballots('se', 3, 1),
        electors: 4,
        quorumBp: 0,
        majority: 'two_thirds',
      }).adopted,
    ).toBe(true);
  });

  it('lets a weighted minority of heads win, and the reverse', () => {
    // 1 worker for, 3 clients against: 50 % weight for vs 20 % against, renormalised: 5000/7000.
    const t = tallyResolution({
      colleges: scic,
      ballots: [...ballots('se', 1, 0), ...ballots('cl', 0, 3)],
      electors: 4,
      quorumBp: 0,
      majority: 'simple',
    });
    expect(t.forBp).toBe(7143);
    expect(t.colleges.map((c) => c.effectiveWeightBp)).toEqual([7143, 2857, 0, 0]);
    expect(t.adopted).toBe(true);
  });

  it('decides a tie against the resolution and two thirds exactly for it', () => {
    const one = [{ id: null, name: '', weightBp: 10_000 }];
    const tie = tallyResolution({
      colleges: one,
      ballots: ballots('x', 0, 0),
      electors: 0,
      quorumBp: 0,
      majority: 'simple',
    });
    expect(tie.adopted).toBe(false);
    const b = (f: number, a: number) => [
      ...Array.from({ length: f }, () => ({ collegeId: null, choice: 'for' as const })),
      ...Array.from({ length: a }, () => ({ collegeId: null, choice: 'against' as const })),
    ];
    expect(
      tallyResolution({ colleges: one, ballots: b(2, 2), electors: 4, quorumBp: 0, majority: 'simple' })
        .adopted,
    ).toBe(false);
    expect(
      tallyResolution({ colleges: one, ballots: b(2, 1), electors: 3, quorumBp: 0, majority: 'two_thirds' })
        .adopted,
    ).toBe(true);
    expect(
      tallyResolution({
        colleges: one,
        ballots: b(199, 101),
        electors: 300,
        quorumBp: 0,
        majority: 'two_thirds',
      }).adopted,
    ).toBe(false);
  });

  it('refuses a resolution when the quorum is not reached, however it was voted', () => {
    const one = [{ id: null, name: '', weightBp: 10_000 }];
    const t = tallyResolution({
      colleges: one,
      ballots: [{ collegeId: null, choice: 'for' }],
      electors: 10,
      quorumBp: 2000,
      majority: 'simple',
    });
    expect(t).toMatchObject({ quorumReached: false, adopted: false, forBp: 10_000 });
    // Abstentions count for the quorum, not among the votes cast.
    const q = tallyResolution({
      colleges: one,
      ballots: [
        { collegeId: null, choice: 'for' },
        { collegeId: null, choice: 'abstain' },
      ],
      electors: 10,
      quorumBp: 2000,
      majority: 'simple',
    });
    expect(q).toMatchObject({ quorumReached: true, adopted: true, forBp: 10_000, abstain: 1 });
  });

  const choice = fc.constantFrom<Choice>('for', 'against', 'abstain');
  const ballotArb = fc.record({ collegeId: fc.constantFrom('se', 'cl', 'pa', 'fo'), choice });

  it('weighted shares sum to 100 % of the cast weights, and effective weights to 100 %', () => {
    fc.assert(
      fc.property(fc.array(ballotArb, { maxLength: 200 }), (bs) => {
        const t = tallyResolution({
          colleges: scic,
          ballots: bs,
          electors: 200,
          quorumBp: 0,
          majority: 'simple',
        });
        const cast = bs.some((b) => b.choice !== 'abstain');
        expect(t.forBp + t.againstBp).toBe(cast ? 10_000 : 0);
        expect(t.colleges.reduce((s, c) => s + c.effectiveWeightBp, 0)).toBe(cast ? 10_000 : 0);
        expect(t.for + t.against + t.abstain).toBe(bs.length);
        // Within half a basis point of the real-valued weighted share.
        const expressing = t.colleges.filter((c) => c.for + c.against > 0);
        const w = expressing.reduce((s, c) => s + c.weightBp, 0);
        const exact =
          expressing.reduce((s, c) => s + (c.weightBp * c.for) / (c.for + c.against), 0) / (w || 1);
        if (cast) expect(Math.abs(t.forBp - exact * 10_000)).toBeLessThanOrEqual(0.5 + 1e-9);
      }),
    );
  });

  it('a change of vote replaces the ballot: the tally is that of the last choices, never more ballots', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ voter: fc.integer({ min: 0, max: 15 }), choice }), { maxLength: 80 }),
        (events) => {
          // The store keeps one ballot per voter (unique key), updated in place: model it as a map.
          const kept = new Map<number, TallyBallot>();
          for (const e of events)
            kept.set(e.voter, { collegeId: scic[e.voter % 4]?.id ?? 'se', choice: e.choice });
          const t = tallyResolution({
            colleges: scic,
            ballots: [...kept.values()],
            electors: 16,
            quorumBp: 0,
            majority: 'simple',
          });
          expect(t.participants).toBe(new Set(events.map((e) => e.voter)).size);
          expect(t.participants).toBeLessThanOrEqual(16);
        },
      ),
    );
  });

  it('is one person one vote without colleges: the head count decides', () => {
    fc.assert(
      fc.property(fc.nat(50), fc.nat(50), (f, a) => {
        const bs: TallyBallot[] = [
          ...Array.from({ length: f }, () => ({ collegeId: null, choice: 'for' as const })),
          ...Array.from({ length: a }, () => ({ collegeId: null, choice: 'against' as const })),
        ];
        const t = tallyResolution({
          colleges: [{ id: null, name: '', weightBp: 10_000 }],
          ballots: bs,
          electors: 100,
          quorumBp: 0,
          majority: 'simple',
        });
        expect(t.adopted).toBe(f > a);
      }),
    );
  });
});
