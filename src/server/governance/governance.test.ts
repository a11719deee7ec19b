// Governance through the API: the share register (running totals, postings, the status of a
// sociétaire following the first paid share and the last refund, certificates), colleges, and
// general assemblies (notice, proxies and their cap, the voting window, votes replaced never added,
// secrecy from staff, receipts, weighted results and minutes).
import { mkdir, writeFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  mailText,
  type Session,
  signIn,
  signInDemo,
  snapshot,
  type TestApp,
} from '../testing.ts';

let t: TestApp;
let lea: Session;
let karim: Session;
let chloe: Session;
let adviser: Session;
let accountant: Session;
let admin: Session;
let thomas: Session;
let hugo: Session;
let scic: string;
let cae: string;
const ids = new Map<string, string>();

const governanceTables = [
  'governance_settings',
  'governance_colleges',
  'governance_college_members',
  'governance_share_lines',
  'governance_assemblies',
  'governance_resolutions',
  'governance_electors',
  'governance_proxies',
  'governance_participations',
  'governance_ballots',
  'members',
  'journal_entries',
  'journal_entry_lines',
  'outbox',
];

type Problem = { code?: string; errors?: { pointer: string; code: string; message: string }[] };
const problem = (res: { json: () => unknown }) => res.json() as Problem;

beforeAll(async () => {
  t = await createTestApp({ seed: 'demo' });
  [lea, karim, chloe, adviser, accountant, admin] = await signInDemo(
    t.app,
    'lea',
    'karim',
    'chloe',
    'adviser',
    'accountant',
    'admin',
  );
  [thomas, hugo] = await Promise.all([
    signIn(t.app, 'thomas.girard@example.org', 'commune-demo'),
    signIn(t.app, 'hugo.garcia@example.org', 'commune-demo'),
  ]);
  const entities = (await admin.get('/api/v1/governance/entities')).json().items as {
    entityId: string;
    entityCode: string;
  }[];
  scic = entities.find((e) => e.entityCode === 'SCIC')!.entityId;
  cae = entities.find((e) => e.entityCode === 'CAE')!.entityId;
  const { rows } = await sql<{ id: string; email: string }>`select id, email from members`.execute(
    t.handle.db,
  );
  for (const r of rows) ids.set(r.email.split('@')[0] as string, r.id);
});
afterAll(() => t?.close());

const member = (name: string) => ids.get(name) as string;

describe('the share register', () => {
  it('shows the demo SCIC: colleges of 50/20/20/10 %, capital, and Léa a sociétaire by her first paid shares', async () => {
    const e = (await lea.get('/api/v1/governance/entities'))
      .json()
      .items.find((x: { entityId: string }) => x.entityId === scic);
    expect(e).toMatchObject({
      configured: true,
      shareNominalCents: 5000,
      weightedColleges: true,
      proxyCap: 2,
    });
    expect(e.colleges.map((c: { weightBp: number }) => c.weightBp)).toEqual([5000, 2000, 2000, 1000]);
    // 102 shares subscribed; all paid but Chloé's 2.
    expect(e).toMatchObject({ subscribedShares: 102, paidCapitalCents: 100 * 5000, shareholders: 7 });
    expect((await admin.get(`/api/v1/members/${member('lea.martin')}`)).json().status).toBe('shareholder');
    const audit = await sql<{ changes: unknown }>`
      select changes from audit_log where action = 'member.status' and subject_id = ${member('lea.martin')}`.execute(
      t.handle.db,
    );
    expect(audit.rows.map((r) => r.changes)).toContainEqual({
      status: { from: 'member', to: 'shareholder' },
      reason: 'Parts sociales libérées',
    });
  });

  it('keeps the register to accountants and admins, and shows a member their own shares', async () => {
    for (const who of [lea, adviser]) {
      expect((await who.get(`/api/v1/governance/entities/${scic}/register`)).statusCode).toBe(404);
    }
    const reg = (await accountant.get(`/api/v1/governance/entities/${scic}/register`)).json();
    // Running totals: each line's entity total follows from the one before.
    let shares = 0;
    let paid = 0;
    for (const l of reg.lines) {
      shares += l.sharesDelta;
      paid += l.paidDeltaCents;
      expect([l.entitySharesAfter, l.entityPaidAfterCents]).toEqual([shares, paid]);
    }
    const karimRow = reg.holders.find((h: { memberId: string }) => h.memberId === member('karim.benali'));
    expect(karimRow).toMatchObject({
      shares: 18,
      paidCents: 90_000,
      shareholder: true,
      collegeName: 'Salarié·es-entrepreneur·es',
    });
    const mine = (await lea.get('/api/v1/governance/my-shares')).json().items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ shares: 4, paidCents: 20_000, unpaidCents: 0, shareholder: true });
    expect(mine[0].lines.every((l: { memberId: string }) => l.memberId === member('lea.martin'))).toBe(true);
  });

  it('posts subscriptions and payments with the PCG capital accounts', async () => {
    const { rows } = await sql<{ number: string; d: string; c: string }>`
      select a.number, sum(l.debit_cents)::text as d, sum(l.credit_cents)::text as c
      from journal_entry_lines l join journal_entries e on e.id = l.entry_id join ledger_accounts a on a.id = l.account_id
      where e.entity_id = ${scic} and e.source_type = 'share_line' group by a.number order by a.number`.execute(
      t.handle.db,
    );
    const byAccount = Object.fromEntries(rows.map((r) => [r.number, Number(r.d) - Number(r.c)]));
    // Subscribed 102 × 50 €; paid 100 × 50 €: 1013 holds the paid capital, 1012 the unpaid, 4562 what is owed.
    expect(byAccount).toEqual({ '1012': -10_000, '1013': -500_000, '4562': 10_000, '512': 500_000 });
  });

  it('refuses a payment above what is owed, a transfer or refund of unpaid shares, and changes nothing', async () => {
    const before = await snapshot(t.handle, governanceTables);
    const over = await accountant.post(`/api/v1/governance/entities/${scic}/payments`, {
      memberId: member('chloe.lefevre'),
      amountCents: 10_001,
      occurredOn: '2026-11-20',
    });
    expect(over.statusCode).toBe(422);
    expect(problem(over).errors?.[0]).toMatchObject({
      pointer: '/amountCents',
      code: 'governance.payment_above_unpaid',
    });
    const transfer = await accountant.post(`/api/v1/governance/entities/${scic}/transfers`, {
      fromMemberId: member('chloe.lefevre'),
      toMemberId: member('lea.martin'),
      shares: 1,
      occurredOn: '2026-11-20',
    });
    expect(transfer.statusCode).toBe(422);
    expect(problem(transfer).code).toBe('governance.not_enough_paid_shares');
    const refund = await accountant.post(`/api/v1/governance/entities/${scic}/refunds`, {
      memberId: member('lea.martin'),
      shares: 5,
      occurredOn: '2026-11-20',
    });
    expect(problem(refund).code).toBe('governance.not_enough_paid_shares');
    const prospect = await accountant.post(`/api/v1/governance/entities/${scic}/subscriptions`, {
      memberId: member('amina.traore'),
      shares: 1,
      collegeId: (await admin.get('/api/v1/governance/entities')).json().items[0].colleges[0]?.id,
      occurredOn: '2026-11-20',
    });
    expect(problem(prospect).code).toBe('governance.member_not_active');
    const noCollege = await accountant.post(`/api/v1/governance/entities/${scic}/subscriptions`, {
      memberId: member('ines.moreau'),
      shares: 1,
      occurredOn: '2026-11-20',
    });
    expect(problem(noCollege).errors?.[0]).toMatchObject({
      pointer: '/collegeId',
      code: 'governance.college_required',
    });
    expect(
      (
        await lea.post(`/api/v1/governance/entities/${scic}/payments`, {
          memberId: member('lea.martin'),
          amountCents: 1,
          occurredOn: '2026-11-20',
        })
      ).statusCode,
    ).toBe(404);
    expect(await snapshot(t.handle, governanceTables)).toBe(before);
  });

  it('makes a sociétaire on the first paid share, once for a retried request, and a member again after a full refund', async () => {
    const pay = () =>
      accountant.post(
        `/api/v1/governance/entities/${cae}/payments`,
        { memberId: member('ines.moreau'), amountCents: 2500, occurredOn: '2026-11-20' },
        { 'idempotency-key': 'ines-1' },
      );
    const sub = await accountant.post(`/api/v1/governance/entities/${cae}/subscriptions`, {
      memberId: member('ines.moreau'),
      shares: 2,
      occurredOn: '2026-11-20',
    });
    expect(sub.statusCode, sub.body).toBe(201);
    expect((await admin.get(`/api/v1/members/${member('ines.moreau')}`)).json().status).toBe('member');
    const first = await pay();
    expect(first.statusCode, first.body).toBe(201);
    const again = await pay();
    expect(again.json()).toEqual(first.json());
    expect(first.json().lines[0]).toMatchObject({ kind: 'payment', sharesAfter: 2, paidAfterCents: 2500 });
    expect((await admin.get(`/api/v1/members/${member('ines.moreau')}`)).json().status).toBe('shareholder');
    // Certificate: the member and staff, nobody else.
    const pdf = await chloe.get(
      `/api/v1/governance/entities/${cae}/members/${member('ines.moreau')}/certificate.pdf`,
    );
    expect(pdf.statusCode).toBe(404);
    const own = await accountant.get(
      `/api/v1/governance/entities/${cae}/members/${member('ines.moreau')}/certificate.pdf`,
    );
    expect(own.statusCode).toBe(200);
    expect(own.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const { extractText } = await import('unpdf');
    const certificate = (
      await extractText(new Uint8Array(own.rawPayload), { mergePages: true })
    ).text.replace(/\s+/g, ' ');
    expect(certificate).toContain('Attestation de détention de parts sociales');
    expect(certificate).toMatch(
      /Inès Moreau \(membre n° \w+\) détient 2 parts sociales de 25,00 € de valeur nominale/,
    );
    expect(certificate).toContain('Capital souscrit 50,00 € Capital libéré 25,00 € Reste à libérer 25,00 €');
    expect(certificate).toContain('Qualité Sociétaire');
    expect(certificate).toContain('Souscription +2 2 0,00 €');
    // Pay the rest, give one share to Karim, refund the other: no share left, a member again.
    await accountant.post(`/api/v1/governance/entities/${cae}/payments`, {
      memberId: member('ines.moreau'),
      amountCents: 2500,
      occurredOn: '2026-11-20',
    });
    const tr = await accountant.post(`/api/v1/governance/entities/${cae}/transfers`, {
      fromMemberId: member('ines.moreau'),
      toMemberId: member('karim.benali'),
      shares: 1,
      occurredOn: '2026-11-20',
    });
    expect(
      tr.json().lines.map((l: { kind: string; sharesAfter: number }) => [l.kind, l.sharesAfter]),
    ).toEqual([
      ['transfer_out', 1],
      ['transfer_in', 5],
    ]);
    const rf = await accountant.post(`/api/v1/governance/entities/${cae}/refunds`, {
      memberId: member('ines.moreau'),
      shares: 1,
      occurredOn: '2026-11-20',
    });
    expect(rf.statusCode, rf.body).toBe(201);
    expect((await admin.get(`/api/v1/members/${member('ines.moreau')}`)).json().status).toBe('member');
    // The refund gives back the nominal value: 1013 → 4567 (Inès named), then 4567 → 512; the
    // transfer moved no cash and posted nothing.
    const posted = async (lineId: string) =>
      (
        await sql<{ number: string; d: string; c: string; aux: string | null }>`
          select a.number, l.debit_cents::text as d, l.credit_cents::text as c, x.code as aux
          from journal_entries e join journal_entry_lines l on l.entry_id = e.id
          join ledger_accounts a on a.id = l.account_id
          left join ledger_auxiliary_accounts x on x.id = l.auxiliary_account_id
          where e.source_type = 'share_line' and e.source_id = ${lineId}
          order by a.number, l.debit_cents desc`.execute(t.handle.db)
      ).rows.map((r) => [r.number, Number(r.d), Number(r.c), r.aux !== null]);
    expect(await posted(rf.json().lines[0].id)).toEqual([
      ['1013', 2500, 0, false],
      ['4567', 2500, 0, true],
      ['4567', 0, 2500, true],
      ['512', 0, 2500, false],
    ]);
    for (const l of tr.json().lines) expect(await posted(l.id)).toEqual([]);
    // The register is append-only, even for the database's own users.
    await expect(
      sql`update governance_share_lines set shares_after = 99`.execute(t.handle.db),
    ).rejects.toThrow(/append-only/);
  });

  it('refuses colleges outside 10–50 % or not summing to 100 %, under their pointers', async () => {
    const res = await admin.put(`/api/v1/governance/entities/${scic}/settings`, {
      shareNominalCents: 5000,
      proxyCap: 2,
      weightedColleges: true,
      colleges: [
        { name: 'Salarié·es', weightBp: 6000 },
        { name: 'Clients', weightBp: 4000 },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(problem(res).errors).toEqual([
      expect.objectContaining({ pointer: '/colleges/0/weightBp', code: 'governance.college_weight_range' }),
    ]);
    expect((await accountant.put(`/api/v1/governance/entities/${scic}/settings`, {})).statusCode).toBe(400);
    const valid = { shareNominalCents: 5000, proxyCap: 2, weightedColleges: false, colleges: [] };
    expect((await accountant.put(`/api/v1/governance/entities/${scic}/settings`, valid)).statusCode).toBe(
      403,
    );
  });
});

type Assembly = {
  id: string;
  phase: string;
  resolutions: { id: string; title: string }[];
  me: null | {
    voters: {
      memberId: string;
      voted: boolean;
      ballots: { resolutionId: string; choice: string; receipt: string }[];
    }[];
  };
};

describe('general assemblies', () => {
  let ag: Assembly;

  beforeAll(async () => {
    const list = (await lea.get('/api/v1/governance/assemblies')).json().items as {
      id: string;
      phase: string;
    }[];
    const open = list.find((a) => a.phase === 'open');
    ag = (await lea.get(`/api/v1/governance/assemblies/${open!.id}`)).json();
  });

  const ballots = (a: Assembly, ...choices: string[]) =>
    a.resolutions.map((r, i) => ({ resolutionId: r.id, choice: choices[i] ?? 'abstain' }));

  it('lets a convened sociétaire vote, change their mind, and keeps one ballot per resolution', async () => {
    const first = await lea.post(`/api/v1/governance/assemblies/${ag.id}/votes`, {
      ballots: ballots(ag, 'against', 'against', 'against'),
    });
    expect(first.statusCode, first.body).toBe(200);
    const count = async () =>
      Number(
        (
          await sql<{
            n: string;
          }>`select count(*) as n from governance_ballots where assembly_id = ${ag.id}`.execute(t.handle.db)
        ).rows[0]?.n,
      );
    const before = await count();
    const second = await lea.post(`/api/v1/governance/assemblies/${ag.id}/votes`, {
      ballots: ballots(ag, 'for', 'for', 'against'),
    });
    expect(second.statusCode).toBe(200);
    expect(await count()).toBe(before);
    const receipts = second.json().ballots.map((b: { receipt: string }) => b.receipt);
    expect(new Set(receipts).size).toBe(3);
    const mine = (await lea.get(`/api/v1/governance/assemblies/${ag.id}`)).json() as Assembly;
    expect(mine.me?.voters[0]?.ballots.map((b) => b.choice).sort()).toEqual(['against', 'for', 'for']);
  });

  it('never counts two simultaneous votes of the same person twice', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        karim.post(`/api/v1/governance/assemblies/${ag.id}/votes`, {
          ballots: ballots(ag, i % 2 ? 'for' : 'against', 'for', 'for'),
        }),
      ),
    );
    for (const r of results) expect(r.statusCode, r.body).toBe(200);
    const { rows } = await sql<{ resolution_id: string; n: string }>`
      select resolution_id, count(*) as n from governance_ballots where assembly_id = ${ag.id}
      group by resolution_id`.execute(t.handle.db);
    // Mamadou, Olivier, Sébastien (seed), Léa, Karim: five ballots per resolution, never more.
    expect(rows.map((r) => Number(r.n))).toEqual([5, 5, 5]);
    const parts = await sql<{
      n: string;
    }>`select count(*) as n from governance_participations where assembly_id = ${ag.id}`.execute(t.handle.db);
    expect(Number(parts.rows[0]?.n)).toBe(5);
  });

  it('refuses a non-sociétaire, an unknown resolution, and a vote for someone whose proxy one does not hold', async () => {
    const before = await snapshot(t.handle, governanceTables);
    // Chloé subscribed but has not paid: not a sociétaire, not convened.
    const chloeVote = await chloe.post(`/api/v1/governance/assemblies/${ag.id}/votes`, {
      ballots: ballots(ag, 'for'),
    });
    expect(chloeVote.statusCode).toBe(403);
    expect(problem(chloeVote).code).toBe('governance.not_shareholder');
    expect((await chloe.get(`/api/v1/governance/assemblies/${ag.id}`)).statusCode).toBe(404);
    const staff = await admin.post(`/api/v1/governance/assemblies/${ag.id}/votes`, {
      ballots: ballots(ag, 'for'),
    });
    expect(staff.statusCode).toBe(403);
    expect(problem(staff).code).toBe('auth.forbidden');
    const unknown = await lea.post(`/api/v1/governance/assemblies/${ag.id}/votes`, {
      ballots: [{ resolutionId: '00000000-0000-4000-8000-000000000000', choice: 'for' }],
    });
    expect(problem(unknown).errors?.[0]).toMatchObject({
      pointer: '/ballots/0/resolutionId',
      code: 'governance.resolution_unknown',
    });
    const forOther = await lea.post(`/api/v1/governance/assemblies/${ag.id}/votes`, {
      forMemberId: member('hugo.garcia'),
      ballots: ballots(ag, 'for'),
    });
    expect(forOther.statusCode).toBe(403);
    expect(problem(forOther).code).toBe('governance.not_proxy_holder');
    expect(await snapshot(t.handle, governanceTables)).toBe(before);
  });

  it('caps the proxies one carries; the holder votes for each grantor; a grantor voting in person revokes it', async () => {
    // Thomas and Hugo give their proxies to Léa: the cap (2) is reached.
    expect(
      (
        await thomas.put(`/api/v1/governance/assemblies/${ag.id}/proxy`, {
          holderMemberId: member('lea.martin'),
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await hugo.put(`/api/v1/governance/assemblies/${ag.id}/proxy`, {
          holderMemberId: member('lea.martin'),
        })
      ).statusCode,
    ).toBe(200);
    const before = await snapshot(t.handle, governanceTables);
    // Karim has voted: he can no longer give his proxy.
    const karimProxy = await karim.put(`/api/v1/governance/assemblies/${ag.id}/proxy`, {
      holderMemberId: member('lea.martin'),
    });
    expect(problem(karimProxy).code).toBe('governance.proxy_after_vote');
    expect(await snapshot(t.handle, governanceTables)).toBe(before);
    const view = (await lea.get(`/api/v1/governance/assemblies/${ag.id}`)).json() as Assembly;
    expect(view.me?.voters.map((v) => v.memberId).sort()).toEqual(
      [member('lea.martin'), member('thomas.girard'), member('hugo.garcia')].sort(),
    );
    // Léa votes for Thomas, then Thomas votes himself: his own ballot replaces hers, his proxy ends.
    expect(
      (
        await lea.post(`/api/v1/governance/assemblies/${ag.id}/votes`, {
          forMemberId: member('thomas.girard'),
          ballots: ballots(ag, 'against', 'against', 'against'),
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await thomas.post(`/api/v1/governance/assemblies/${ag.id}/votes`, {
          ballots: ballots(ag, 'for', 'for', 'for'),
        })
      ).statusCode,
    ).toBe(200);
    const again = await lea.post(`/api/v1/governance/assemblies/${ag.id}/votes`, {
      forMemberId: member('thomas.girard'),
      ballots: ballots(ag, 'against'),
    });
    expect(problem(again).code).toBe('governance.not_proxy_holder');
    // Léa votes for Hugo.
    expect(
      (
        await lea.post(`/api/v1/governance/assemblies/${ag.id}/votes`, {
          forMemberId: member('hugo.garcia'),
          ballots: ballots(ag, 'for', 'against', 'for'),
        })
      ).statusCode,
    ).toBe(200);
  });

  it('keeps votes secret from staff: no endpoint, no table row ties a member to a choice', async () => {
    const staffView = (await admin.get(`/api/v1/governance/assemblies/${ag.id}`)).json();
    expect(staffView.me).toBeNull();
    expect((await admin.get(`/api/v1/governance/assemblies/${ag.id}/results`)).statusCode).toBe(409);
    const columns = await sql<{ col: string }>`
      select column_name as col from information_schema.columns where table_name = 'governance_ballots'`.execute(
      t.handle.db,
    );
    expect(columns.rows.map((c) => c.col).sort()).toEqual(
      ['assembly_id', 'choice', 'college_id', 'id', 'receipt', 'resolution_id', 'voter_key'].sort(),
    );
    // The voter key is not a member id nor any plain hash of one.
    const keys = (
      await sql<{ k: string }>`select voter_key as k from governance_ballots`.execute(t.handle.db)
    ).rows.map((r) => r.k);
    const { createHash } = await import('node:crypto');
    for (const id of ids.values()) {
      expect(keys).not.toContain(createHash('sha256').update(id).digest('hex'));
      expect(keys).not.toContain(createHash('sha256').update(`${ag.id}:${id}`).digest('hex'));
    }
  });

  it('publishes weighted results per college at the close, with every receipt, and the minutes', async () => {
    const open = await lea.get(`/api/v1/governance/assemblies/${ag.id}/results`);
    expect(problem(open).code).toBe('governance.results_not_published');
    const mine = ((await lea.get(`/api/v1/governance/assemblies/${ag.id}`)).json() as Assembly).me!.voters[0]!
      .ballots;
    expect((await lea.post(`/api/v1/governance/assemblies/${ag.id}/close`)).statusCode).toBe(403);
    expect((await admin.post(`/api/v1/governance/assemblies/${ag.id}/close`)).statusCode).toBe(200);
    const late = await lea.post(`/api/v1/governance/assemblies/${ag.id}/votes`, {
      ballots: ballots(ag, 'for'),
    });
    expect(late.statusCode).toBe(409);
    expect(problem(late).code).toBe('governance.vote_closed');
    const r = (await lea.get(`/api/v1/governance/assemblies/${ag.id}/results`)).json();
    // Resolution 1 — workers: Mamadou for, Léa for, Karim (last of 8 simultaneous, for or against);
    // clients: Hugo (by Léa) for; partners: Olivier for; founders: Sébastien for, Thomas for.
    const first = r.resolutions[0];
    expect(first).toMatchObject({ electors: 7, participants: 7, quorumReached: true, adopted: true });
    const w = first.colleges.map((c: { name: string; for: number; against: number; abstain: number }) => [
      c.name,
      c.for,
      c.against,
      c.abstain,
    ]);
    expect(w.slice(1)).toEqual([
      ['Clients et usagers', 1, 0, 0],
      ['Partenaires', 1, 0, 0],
      ['Fondateurs', 2, 0, 0],
    ]);
    // Resolution 2 — workers 3 for (Mamadou, Léa, Karim); clients 0–1 (Hugo against); partners 0–1 (Olivier against);
    // founders 2–0: 50 %·1 + 20 %·0 + 20 %·0 + 10 %·1 = 60 %.
    const second = r.resolutions[1];
    expect(second).toMatchObject({ for: 5, against: 2, forBp: 6000, againstBp: 4000, adopted: true });
    // Resolution 3 — workers: Mamadou for, Léa against, Karim for → 2/3; clients for; partners for;
    // founders: Sébastien abstains, Thomas for → 1/1. 50 %·2/3 + 20 % + 20 % + 10 % = 83,33 %.
    const third = r.resolutions[2];
    expect(third).toMatchObject({
      for: 5,
      against: 1,
      abstain: 1,
      forBp: 8333,
      againstBp: 1667,
      adopted: true,
    });
    // Each receipt Léa got is published with her choice; receipts name nobody.
    for (const b of mine)
      expect(r.receipts).toContainEqual(
        expect.objectContaining({ receipt: b.receipt, choice: b.choice, resolutionId: b.resolutionId }),
      );
    expect(JSON.stringify(r)).not.toContain(member('lea.martin'));
    const pdf = await admin.get(`/api/v1/governance/assemblies/${ag.id}/minutes.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    // Kept to be looked at (rendered to PNG): test-results/governance/.
    await mkdir('test-results/governance', { recursive: true });
    await writeFile('test-results/governance/minutes.pdf', pdf.rawPayload);
    const { extractText } = await import('unpdf');
    const minutes = (await extractText(new Uint8Array(pdf.rawPayload), { mergePages: true })).text;
    expect(minutes).toContain('Procès-verbal des votes');
    expect(minutes).toContain('par collèges, pondérés');
    for (const res of r.resolutions) expect(minutes).toContain(`Résolution ${res.position} — ${res.title}`);
    // The third resolution's weighted result, as the results say.
    expect(minutes).toMatch(/Pour 83,33\s%, contre 16,67\s% des voix exprimées/);
    expect(minutes.match(/Résolution adoptée\./g)).toHaveLength(3);
    // The attendance sheet names who took part and through whom, never a choice.
    expect(minutes).toContain('Feuille de présence');
    expect(minutes).toMatch(/Hugo Garcia\s*Léa Martin/);
    const certificate = await lea.get(
      `/api/v1/governance/entities/${scic}/members/${member('lea.martin')}/certificate.pdf`,
    );
    expect(certificate.statusCode).toBe(200);
    await writeFile('test-results/governance/certificate.pdf', certificate.rawPayload);
  });

  it('prepares, convenes by e-mail to every sociétaire, and refuses votes before the window opens', async () => {
    const res = await admin.post('/api/v1/governance/assemblies', {
      entityId: cae,
      kind: 'extraordinary',
      title: 'Modification des statuts',
      heldAt: '2026-12-15T17:00:00Z',
      opensAt: '2026-12-01T08:00:00Z',
      closesAt: '2026-12-15T16:00:00Z',
      proxyCap: 1,
      resolutions: [{ title: 'Transfert du siège social' }],
      documents: [{ title: 'Projet de statuts', url: 'https://docs.example.org/statuts-2027.pdf' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      phase: 'draft',
      quorumBp: 2500,
      resolutions: [{ majority: 'two_thirds' }],
    });
    const bad = await admin.post('/api/v1/governance/assemblies', {
      ...{
        entityId: cae,
        kind: 'ordinary',
        title: 'X',
        heldAt: '2026-12-15T17:00:00Z',
        resolutions: [{ title: 'R' }],
      },
      opensAt: '2026-12-15T08:00:00Z',
      closesAt: '2026-12-01T08:00:00Z',
    });
    expect(problem(bad).errors?.[0]).toMatchObject({
      pointer: '/closesAt',
      code: 'governance.window_invalid',
    });
    const outboxBefore = Number(
      (await sql<{ n: string }>`select count(*) as n from outbox`.execute(t.handle.db)).rows[0]?.n,
    );
    const convened = await admin.post(`/api/v1/governance/assemblies/${created.id}/convene`);
    expect(convened.statusCode, convened.body).toBe(200);
    // Karim, Thomas and Hugo hold CAE shares (Inès left): three notices.
    expect(convened.json()).toMatchObject({ phase: 'upcoming', electors: 3 });
    const outboxAfter = Number(
      (await sql<{ n: string }>`select count(*) as n from outbox`.execute(t.handle.db)).rows[0]?.n,
    );
    expect(outboxAfter - outboxBefore).toBe(3);
    await t.deliver();
    const notice = t.mailbox.find(
      (m) => m.to === 'hugo.garcia@example.org' && mailText(m.raw).includes('Modification des statuts'),
    );
    expect(mailText(notice!.raw)).toContain('Transfert du siège social (majorité des deux tiers)');
    expect(mailText(notice!.raw)).toContain(
      '- Projet de statuts : https://docs.example.org/statuts-2027.pdf',
    );
    expect(mailText(notice!.raw)).toContain(`/governance/assemblies/${created.id}`);
    expect(problem(await admin.post(`/api/v1/governance/assemblies/${created.id}/convene`)).code).toBe(
      'governance.already_convened',
    );
    const early = await karim.post(`/api/v1/governance/assemblies/${created.id}/votes`, {
      ballots: [{ resolutionId: created.resolutions[0].id, choice: 'for' }],
    });
    expect(early.statusCode).toBe(409);
    expect(problem(early).code).toBe('governance.vote_not_open');
    // A proxy may be given before the window; the cap of this assembly is one, even when Thomas and
    // Hugo give theirs to Karim at the same instant.
    const both = await Promise.all(
      [thomas, hugo].map((who) =>
        who.put(`/api/v1/governance/assemblies/${created.id}/proxy`, {
          holderMemberId: member('karim.benali'),
        }),
      ),
    );
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const capped = both.find((r) => r.statusCode === 409)!;
    const live = await sql<{ n: string }>`
      select count(*) as n from governance_proxies where assembly_id = ${created.id} and revoked_at is null`.execute(
      t.handle.db,
    );
    expect(Number(live.rows[0]?.n)).toBe(1);
    expect(problem(capped).errors?.[0]).toMatchObject({
      pointer: '/holderMemberId',
      code: 'governance.proxy_cap',
    });
    const toNonMember = await hugo.put(`/api/v1/governance/assemblies/${created.id}/proxy`, {
      holderMemberId: member('lea.martin'),
    });
    expect(problem(toNonMember).code).toBe('governance.proxy_holder_not_shareholder');
  });
});
