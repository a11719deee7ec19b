// Posting through the API and inside other modules' transactions: refusals that write nothing,
// reversals, gapless numbers under concurrency, crashes mid-posting, idempotency, fiscal years and
// month locks, the chart of accounts, and who may do what.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transact } from '../db/transaction.ts';
import { createTestApp, type Session, signIn, snapshot, type TestApp } from '../testing.ts';
import { checkLedger } from './checks.ts';
import { postEntry } from './service.ts';

const password = 'commune-demo';
let t: TestApp;
let compta: Session;
let admin: Session;
let lea: Session;
let scic: string;
let cae: string;
let sono: string; // Léa's activity in the SCIC
let mao: string; // Léa's activity in the CAE
let clientId: string;
let leaMemberId: string;

const entry = (lines: unknown[], extra: Record<string, unknown> = {}) => ({
  entityId: scic,
  entryDate: '2026-11-02',
  label: 'Écriture d’essai',
  lines,
  ...extra,
});

const problemOf = (res: { statusCode: number; headers: Record<string, unknown>; json: () => any }) => {
  expect(res.headers['content-type']).toContain('application/problem+json');
  return res.json() as { code: string; errors?: { pointer: string; code: string; message: string }[] };
};

beforeAll(async () => {
  t = await createTestApp({ seed: 'demo' });
  [compta, admin, lea] = await Promise.all([
    signIn(t.app, 'compta@commune.coop', password),
    signIn(t.app, 'admin@commune.coop', password),
    signIn(t.app, 'lea.martin@example.org', password),
  ]);
  const entities = (await compta.get('/api/v1/entities')).json();
  const list = Array.isArray(entities) ? entities : entities.items;
  scic = list.find((e: { code: string }) => e.code === 'SCIC').id;
  cae = list.find((e: { code: string }) => e.code === 'CAE').id;
  const activities = (await lea.get('/api/v1/activities')).json().items;
  sono = activities.find((a: { name: string }) => a.name === 'Sonorisation de concerts').id;
  mao = activities.find((a: { name: string }) => a.name === 'Cours de MAO').id;
  clientId = (await compta.get('/api/v1/clients?q=Tisserands')).json().items[0].id;
  leaMemberId = (await lea.get('/api/v1/me')).json().memberId;
});

afterAll(async () => {
  await t?.close();
});

/** The SCIC's 2026 fiscal year and its OD journal, for entries written in SQL behind the domain's back. */
const scic2026Od = async () => ({
  fy: await t.handle.db
    .selectFrom('fiscalYears')
    .select('id')
    .where('entityId', '=', scic)
    .where('code', '=', '2026')
    .executeTakeFirstOrThrow(),
  journal: await t.handle.db
    .selectFrom('ledgerJournals')
    .select('id')
    .where('entityId', '=', scic)
    .where('code', '=', 'OD')
    .executeTakeFirstOrThrow(),
});

describe('posting a manual entry', () => {
  it('posts a balanced entry, numbers it and creates the client’s auxiliary account on first use', async () => {
    const res = await compta.post(
      '/api/v1/ledger/entries',
      entry(
        [
          { accountNumber: '411', clientId, activityId: sono, debitCents: 12_000 },
          { accountNumber: '706', activityId: sono, creditCents: 10_000 },
          { accountNumber: '44580', activityId: sono, creditCents: 2_000 },
        ],
        { pieceRef: 'FA-TEST-1' },
      ),
    );
    expect(res.statusCode).toBe(201);
    const posted = res.json();
    expect(posted.reference).toMatch(/^OD-2026-\d{6}$/);
    expect(posted.journal.code).toBe('OD');
    expect(posted.totalCents).toBe(12_000);
    expect(posted.lines.map((l: { lineNo: number }) => l.lineNo)).toEqual([1, 2, 3]);
    expect(posted.lines[0].auxiliary).toMatchObject({ kind: 'client', label: 'Théâtre des Tisserands' });
    expect(posted.lines[0].auxiliary.code).toMatch(/^C\d{6}$/);
    expect((await compta.get(`/api/v1/ledger/entries/${posted.id}`)).json()).toEqual(posted);
    const audit = await t.handle.db
      .selectFrom('auditLog')
      .select(['action'])
      .where('subjectId', '=', posted.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['ledger.entry_post']);
  });

  const refusals: [string, () => unknown, number, string, string][] = [
    [
      'unbalanced',
      () =>
        entry([
          { accountNumber: '512', debitCents: 1000 },
          { accountNumber: '706', creditCents: 999 },
        ]),
      422,
      'ledger.unbalanced',
      '/lines',
    ],
    [
      'a zero line',
      () =>
        entry([
          { accountNumber: '512', debitCents: 1000 },
          { accountNumber: '706', creditCents: 1000 },
          { accountNumber: '627', debitCents: 0, creditCents: 0 },
        ]),
      422,
      'ledger.line_zero',
      '/lines/2',
    ],
    [
      'a line on both sides',
      () =>
        entry([
          { accountNumber: '512', debitCents: 1000, creditCents: 1000 },
          { accountNumber: '706', creditCents: 1000 },
          { accountNumber: '627', debitCents: 1000 },
        ]),
      422,
      'ledger.line_both_sides',
      '/lines/0',
    ],
    [
      'a single line',
      () => entry([{ accountNumber: '512', debitCents: 1000 }]),
      422,
      'ledger.too_few_lines',
      '/lines',
    ],
    [
      'an unknown account',
      () =>
        entry([
          { accountNumber: '512', debitCents: 1000 },
          { accountNumber: '7069', creditCents: 1000 },
        ]),
      422,
      'ledger.unknown_account',
      '/lines/1/accountNumber',
    ],
    [
      'a client account without its auxiliary account',
      () =>
        entry([
          { accountNumber: '411', debitCents: 1000 },
          { accountNumber: '706', creditCents: 1000 },
        ]),
      422,
      'ledger.auxiliary_required',
      '/lines/0',
    ],
    [
      'an auxiliary account on the bank',
      () =>
        entry([
          { accountNumber: '512', clientId, debitCents: 1000 },
          { accountNumber: '706', creditCents: 1000 },
        ]),
      422,
      'ledger.auxiliary_not_allowed',
      '/lines/0',
    ],
    [
      'a member’s account under the client account',
      () =>
        entry([
          { accountNumber: '411', memberId: leaMemberId, debitCents: 1000 },
          { accountNumber: '706', creditCents: 1000 },
        ]),
      422,
      'ledger.auxiliary_mismatch',
      '/lines/0',
    ],
    [
      'an activity of another entity',
      () =>
        entry([
          { accountNumber: '512', debitCents: 1000 },
          { accountNumber: '706', activityId: mao, creditCents: 1000 },
        ]),
      422,
      'ledger.unknown_activity',
      '/lines/1/activityId',
    ],
    [
      'an analytic account in the general ledger',
      () =>
        entry([
          { accountNumber: '961', debitCents: 1000 },
          { accountNumber: '971', creditCents: 1000 },
        ]),
      422,
      'ledger.analytic_mismatch',
      '/lines/0/accountNumber',
    ],
    [
      'an unknown journal',
      () =>
        entry(
          [
            { accountNumber: '512', debitCents: 1000 },
            { accountNumber: '706', creditCents: 1000 },
          ],
          {
            journalCode: 'ZZ',
          },
        ),
      422,
      'ledger.unknown_journal',
      '/journalCode',
    ],
    [
      'a date outside any fiscal year',
      () =>
        entry(
          [
            { accountNumber: '512', debitCents: 1000 },
            { accountNumber: '706', creditCents: 1000 },
          ],
          {
            entryDate: '2024-05-02',
          },
        ),
      422,
      'ledger.no_fiscal_year',
      '/entryDate',
    ],
    [
      'a locked month',
      () =>
        entry(
          [
            { accountNumber: '512', debitCents: 1000 },
            { accountNumber: '706', creditCents: 1000 },
          ],
          {
            entryDate: '2026-03-10',
          },
        ),
      422,
      'ledger.period_locked',
      '/entryDate',
    ],
    [
      'a negative amount',
      () =>
        entry([
          { accountNumber: '512', debitCents: -1000 },
          { accountNumber: '706', creditCents: -1000 },
        ]),
      400,
      'validation.failed',
      '/lines/0/debitCents',
    ],
    [
      'an amount that is not whole cents',
      () =>
        entry([
          { accountNumber: '512', debitCents: 10.5 },
          { accountNumber: '706', creditCents: 10.5 },
        ]),
      400,
      'validation.failed',
      '/lines/0/debitCents',
    ],
  ];

  it.each(refusals)(
    'refuses %s with problem+json and writes nothing',
    async (_, body, status, code, pointer) => {
      const before = await snapshot(t.handle);
      const res = await compta.post('/api/v1/ledger/entries', body(), { 'accept-language': 'en' });
      expect(res.statusCode, res.body).toBe(status);
      const p = problemOf(res);
      expect(p.code).toBe(code);
      expect(p.errors?.map((e) => e.pointer)).toContain(pointer);
      for (const e of p.errors ?? []) expect(e.message).not.toBe(e.code);
      expect(await snapshot(t.handle)).toBe(before);
    },
  );

  it('refuses an entry in a closed fiscal year, and reopening is an audited admin decision', async () => {
    const year = await compta.post(`/api/v1/ledger/entities/${scic}/fiscal-years`, {
      startDate: '2025-01-01',
      endDate: '2025-12-31',
    });
    expect(year.statusCode).toBe(201);
    const id = year.json().id;
    const body = entry(
      [
        { accountNumber: '512', debitCents: 500 },
        { accountNumber: '706', creditCents: 500 },
      ],
      {
        entryDate: '2025-06-30',
      },
    );
    expect((await compta.post('/api/v1/ledger/entries', body)).statusCode).toBe(201);
    const closed = await compta.post(`/api/v1/ledger/fiscal-years/${id}/close`);
    expect(closed.json()).toMatchObject({ status: 'closed', entryCount: 1 });

    const before = await snapshot(t.handle);
    const refused = await compta.post('/api/v1/ledger/entries', body);
    expect(refused.statusCode).toBe(422);
    expect(problemOf(refused).code).toBe('ledger.period_closed');
    expect((await compta.post(`/api/v1/ledger/fiscal-years/${id}/reopen`)).statusCode).toBe(403);
    expect(await snapshot(t.handle)).toBe(before);

    const reopened = await admin.post(`/api/v1/ledger/fiscal-years/${id}/reopen`);
    expect(reopened.json().status).toBe('open');
    const audit = await t.handle.db
      .selectFrom('auditLog')
      .select(['action', 'changes'])
      .where('subjectId', '=', id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'ledger.fiscal_year_create',
      'ledger.fiscal_year_close',
      'ledger.fiscal_year_reopen',
    ]);
    expect(audit[2]?.changes).toMatchObject({ code: '2025', closedAt: expect.any(String) });
    expect((await compta.post(`/api/v1/ledger/fiscal-years/${id}/close`)).statusCode).toBe(200);
  });

  it('refuses overlapping or too long fiscal years', async () => {
    const overlap = await compta.post(`/api/v1/ledger/entities/${scic}/fiscal-years`, {
      startDate: '2026-07-01',
      endDate: '2027-06-30',
    });
    expect(overlap.statusCode).toBe(409);
    expect(problemOf(overlap).code).toBe('ledger.fiscal_year_overlap');
    const long = await compta.post(`/api/v1/ledger/entities/${scic}/fiscal-years`, {
      startDate: '2027-01-01',
      endDate: '2029-01-01',
    });
    expect(problemOf(long).code).toBe('ledger.fiscal_year_invalid');
  });
});

describe('month locks', () => {
  it('locks a month for accountants; unlocking is for admins and audited', async () => {
    const body = entry(
      [
        { accountNumber: '512', debitCents: 700 },
        { accountNumber: '706', creditCents: 700 },
      ],
      {
        entryDate: '2026-08-14',
      },
    );
    const lock = await compta.put(`/api/v1/ledger/entities/${scic}/locks/2026-08`);
    expect(lock.statusCode).toBe(200);
    expect(lock.json().month).toBe('2026-08');
    expect(problemOf(await compta.put(`/api/v1/ledger/entities/${scic}/locks/2026-08`)).code).toBe(
      'ledger.month_locked',
    );
    expect(problemOf(await compta.post('/api/v1/ledger/entries', body)).code).toBe('ledger.period_locked');
    expect((await compta.delete(`/api/v1/ledger/entities/${scic}/locks/2026-08`)).statusCode).toBe(403);
    expect((await admin.delete(`/api/v1/ledger/entities/${scic}/locks/2026-08`)).statusCode).toBe(204);
    expect((await compta.post('/api/v1/ledger/entries', body)).statusCode).toBe(201);
    const months = (await compta.get(`/api/v1/ledger/entities/${scic}/locks`))
      .json()
      .items.map((l: { month: string }) => l.month);
    expect(months).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    const audit = await t.handle.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', 'in', ['ledger.month_lock', 'ledger.month_unlock'])
      .where(sql<boolean>`changes->>'month' = '2026-08'`)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['ledger.month_lock', 'ledger.month_unlock']);
  });

  it('refuses in the database too, whatever the code above it does', async () => {
    const { fy, journal } = await scic2026Od();
    const before = await snapshot(t.handle);
    const attempt = sql`insert into journal_entries (entity_id, journal_id, fiscal_year_id, number, entry_date, label,
      piece_ref, piece_date, posted_at, posted_by) values (${scic}, ${journal.id}, ${fy.id}, 99999, '2026-02-10', 'x',
      'x', '2026-02-10', now(), 'test')`;
    await expect(attempt.execute(t.handle.db)).rejects.toMatchObject({ code: 'CL004' });
    await expect(
      sql`update journal_entries set label = 'changed'`.execute(t.handle.db),
    ).rejects.toMatchObject({
      code: 'CL001',
    });
    await expect(sql`delete from journal_entry_lines`.execute(t.handle.db)).rejects.toMatchObject({
      code: 'CL001',
    });
    expect(await snapshot(t.handle)).toBe(before);
  });
});

describe('reversals', () => {
  it('reverses an entry once, line for line, and refuses a second reversal', async () => {
    const original = (
      await compta.post(
        '/api/v1/ledger/entries',
        entry([
          { accountNumber: '6251', activityId: sono, debitCents: 4_250 },
          { accountNumber: '44566', debitCents: 425 },
          { accountNumber: '467', memberId: leaMemberId, creditCents: 4_675 },
        ]),
      )
    ).json();
    const res = await compta.post(`/api/v1/ledger/entries/${original.id}/reversal`, {});
    expect(res.statusCode).toBe(201);
    const reversal = res.json();
    expect(reversal.reversesEntryId).toBe(original.id);
    expect(reversal.entryDate).toBe(original.entryDate);
    expect(reversal.journal.code).toBe('OD');
    expect(
      reversal.lines.map((l: any) => [
        l.accountNumber,
        l.auxiliary?.id,
        l.activity?.id,
        l.debitCents,
        l.creditCents,
      ]),
    ).toEqual(
      original.lines.map((l: any) => [
        l.accountNumber,
        l.auxiliary?.id,
        l.activity?.id,
        l.creditCents,
        l.debitCents,
      ]),
    );
    expect((await compta.get(`/api/v1/ledger/entries/${original.id}`)).json().reversedByEntryId).toBe(
      reversal.id,
    );

    const before = await snapshot(t.handle);
    const again = await compta.post(`/api/v1/ledger/entries/${original.id}/reversal`, {});
    expect(again.statusCode).toBe(409);
    expect(problemOf(again).code).toBe('ledger.already_reversed');
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('dates a reversal in an open month when the original’s month is locked', async () => {
    const locked = await t.handle.db
      .selectFrom('journalEntries')
      .select('id')
      .where('entityId', '=', scic)
      .where('entryDate', '<', '2026-07-01')
      .where('reversesEntryId', 'is', null)
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    const refused = await compta.post(`/api/v1/ledger/entries/${locked.id}/reversal`, {});
    expect(problemOf(refused).code).toBe('ledger.period_locked');
    const res = await compta.post(`/api/v1/ledger/entries/${locked.id}/reversal`, {
      entryDate: '2026-11-19',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().label).toMatch(/^Extourne /);
  });
});

describe('faults', () => {
  it('leaves nothing when a module’s transaction fails after writing the lines', async () => {
    const counter = async () =>
      (
        await sql<{ n: number }>`select coalesce(sum(last_number), 0)::int as n from ledger_counters`.execute(
          t.handle.db,
        )
      ).rows[0]?.n;
    const before = await snapshot(t.handle);
    const countBefore = await counter();
    await expect(
      transact(t.handle.db, async (trx) => {
        await postEntry(
          trx,
          t.system.actor,
          {
            entityId: scic,
            journalCode: 'VE',
            entryDate: '2026-11-10',
            label: 'Facture interrompue',
            lines: [
              { accountNumber: '411', clientId, activityId: sono, debitCents: 2_400 },
              { accountNumber: '706', activityId: sono, creditCents: 2_000 },
              { accountNumber: '44580', activityId: sono, creditCents: 400 },
            ],
          },
          { now: new Date('2026-11-20T10:00:00Z') },
        );
        throw new Error('the invoice PDF could not be rendered');
      }),
    ).rejects.toThrow('the invoice PDF could not be rendered');
    expect(await snapshot(t.handle)).toBe(before);
    expect(await counter()).toBe(countBefore);
  });

  it('refuses an unbalanced entry written behind the domain’s back', async () => {
    const before = await snapshot(t.handle);
    const ids = await t.handle.db
      .selectFrom('ledgerAccounts')
      .select(['id', 'number'])
      .where('entityId', '=', scic)
      .where('number', 'in', ['512', '706'])
      .execute();
    const account = (n: string) => ids.find((a) => a.number === n)?.id as string;
    const attempt = t.handle.db.transaction().execute(async (trx) => {
      const posted = await postEntry(
        trx,
        t.system.actor,
        {
          entityId: scic,
          journalCode: 'OD',
          entryDate: '2026-11-12',
          label: 'x',
          lines: [
            { accountNumber: '512', debitCents: 100 },
            { accountNumber: '706', creditCents: 100 },
          ],
        },
        { now: new Date() },
      );
      await trx
        .insertInto('journalEntryLines')
        .values({
          entryId: posted.id,
          lineNo: 3,
          entityId: scic,
          accountId: account('512'),
          auxiliaryAccountId: null,
          activityId: null,
          label: 'x',
          debitCents: 1,
          creditCents: 0,
        })
        .execute();
    });
    await expect(attempt).rejects.toMatchObject({ code: 'CL006' });
    expect(await snapshot(t.handle)).toBe(before);
  });
  it('refuses a line of another entity in an entry', async () => {
    const before = await snapshot(t.handle);
    const caeBank = await t.handle.db
      .selectFrom('ledgerAccounts')
      .select('id')
      .where('entityId', '=', cae)
      .where('number', '=', '512')
      .executeTakeFirstOrThrow();
    const attempt = t.handle.db.transaction().execute(async (trx) => {
      const posted = await postEntry(
        trx,
        t.system.actor,
        {
          entityId: scic,
          journalCode: 'OD',
          entryDate: '2026-11-12',
          label: 'x',
          lines: [
            { accountNumber: '512', debitCents: 100 },
            { accountNumber: '706', creditCents: 100 },
          ],
        },
        { now: new Date() },
      );
      await trx
        .insertInto('journalEntryLines')
        .values([
          {
            entryId: posted.id,
            lineNo: 3,
            entityId: cae,
            accountId: caeBank.id,
            label: 'x',
            debitCents: 5,
            creditCents: 0,
          },
          {
            entryId: posted.id,
            lineNo: 4,
            entityId: cae,
            accountId: caeBank.id,
            label: 'x',
            debitCents: 0,
            creditCents: 5,
          },
        ] as never)
        .execute();
    });
    await expect(attempt).rejects.toMatchObject({ code: 'CL008' });
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('refuses a line whose entry does not exist, and at commit an entry written without lines', async () => {
    const bank = await t.handle.db
      .selectFrom('ledgerAccounts')
      .select('id')
      .where('entityId', '=', scic)
      .where('number', '=', '512')
      .executeTakeFirstOrThrow();
    const before = await snapshot(t.handle);
    const orphan = t.handle.db
      .insertInto('journalEntryLines')
      .values({
        entryId: crypto.randomUUID(),
        lineNo: 1,
        entityId: scic,
        accountId: bank.id,
        label: 'x',
        debitCents: 5,
        creditCents: 0,
      })
      .execute();
    await expect(orphan).rejects.toMatchObject({ code: '23503' });
    const { fy, journal } = await scic2026Od();
    const bare = sql`insert into journal_entries (entity_id, journal_id, fiscal_year_id, number, entry_date, label,
      piece_ref, piece_date, posted_at, posted_by) values (${scic}, ${journal.id}, ${fy.id}, 99998, '2026-11-12', 'x',
      'x', '2026-11-12', now(), 'test')`;
    await expect(t.handle.db.transaction().execute((trx) => bare.execute(trx))).rejects.toMatchObject({
      code: 'CL005',
    });
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('refuses lines naming an account, auxiliary account or activity outside their entity, and keeps what lines name from being deleted', async () => {
    const accountOf = (entityId: string, number: string) =>
      t.handle.db
        .selectFrom('ledgerAccounts')
        .select('id')
        .where('entityId', '=', entityId)
        .where('number', '=', number)
        .executeTakeFirstOrThrow();
    const [bank, sales, caeBank] = await Promise.all([
      accountOf(scic, '512'),
      accountOf(scic, '706'),
      accountOf(cae, '512'),
    ]);
    const caeActivity = await t.handle.db
      .selectFrom('activities')
      .select('id')
      .where('entityId', '=', cae)
      .executeTakeFirstOrThrow();
    const caeAuxiliary = await t.handle.db
      .selectFrom('ledgerAuxiliaryAccounts')
      .select('id')
      .where('entityId', '=', cae)
      .executeTakeFirstOrThrow();
    const { fy, journal } = await scic2026Od();
    const before = await snapshot(t.handle);
    // A balanced entry of the SCIC, whose second line names `odd` (an account, auxiliary or activity).
    const entryWith = (odd: { accountId?: string; auxiliaryAccountId?: string; activityId?: string }) =>
      t.handle.db.transaction().execute(async (trx) => {
        const entry = await sql<{
          id: string;
        }>`insert into journal_entries (entity_id, journal_id, fiscal_year_id,
            number, entry_date, label, piece_ref, piece_date, posted_at, posted_by)
          values (${scic}, ${journal.id}, ${fy.id}, 99997, '2026-11-12', 'x', 'x', '2026-11-12', now(), 'test')
          returning id`.execute(trx);
        const entryId = (entry.rows[0] as { id: string }).id;
        await trx
          .insertInto('journalEntryLines')
          .values([
            {
              entryId,
              lineNo: 1,
              entityId: scic,
              accountId: bank.id,
              label: 'x',
              debitCents: 5,
              creditCents: 0,
            },
            {
              entryId,
              lineNo: 2,
              entityId: scic,
              accountId: sales.id,
              label: 'x',
              debitCents: 0,
              creditCents: 5,
              ...odd,
            },
          ] as never)
          .execute();
      });
    for (const odd of [
      { accountId: caeBank.id },
      { accountId: crypto.randomUUID() },
      { auxiliaryAccountId: caeAuxiliary.id },
      { activityId: caeActivity.id },
      { activityId: crypto.randomUUID() },
    ])
      await expect(entryWith(odd), JSON.stringify(odd)).rejects.toMatchObject({ code: '23503' });
    expect(await snapshot(t.handle)).toBe(before);

    // What lines name stays: an account, an auxiliary account and an activity in use, neither deleted
    // nor moved to another entity.
    const used = await t.handle.db
      .selectFrom('journalEntryLines')
      .select(['accountId', 'auxiliaryAccountId', 'activityId'])
      .where('auxiliaryAccountId', 'is not', null)
      .executeTakeFirstOrThrow();
    const usedActivity = await t.handle.db
      .selectFrom('journalEntryLines')
      .select('activityId')
      .where('activityId', 'is not', null)
      .executeTakeFirstOrThrow();
    for (const change of [
      sql`delete from ledger_accounts where id = ${used.accountId}`,
      sql`update ledger_accounts set entity_id = ${cae} where id = ${used.accountId}`,
      sql`delete from ledger_auxiliary_accounts where id = ${used.auxiliaryAccountId}`,
      sql`delete from activities where id = ${usedActivity.activityId}`,
      sql`truncate ledger_accounts cascade`,
    ])
      await expect(change.execute(t.handle.db), change.compile(t.handle.db).sql).rejects.toMatchObject({
        code: '23503',
      });
    expect(await snapshot(t.handle)).toBe(before);
  });
});

describe('concurrency', () => {
  it('gives 50 concurrent postings the numbers 1..50, no gap, no duplicate', async () => {
    const journal = await compta.post(`/api/v1/ledger/entities/${cae}/journals`, {
      code: 'BQ2',
      label: 'Banque – second compte',
      kind: 'bank',
    });
    expect(journal.statusCode).toBe(201);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        compta.post('/api/v1/ledger/entries', {
          entityId: cae,
          journalCode: 'BQ2',
          entryDate: '2026-11-16',
          label: `Virement ${i + 1}`,
          lines: [
            { accountNumber: '512', debitCents: 100 + i },
            { accountNumber: '580', creditCents: 100 + i },
          ],
        }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(50).fill(201));
    const numbers = results.map((r) => r.json().number as number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(await checkLedger(t.handle.db)).toEqual([]);
  });
});

describe('Idempotency-Key', () => {
  const body = () =>
    entry([
      { accountNumber: '627', activityId: sono, debitCents: 1_290 },
      { accountNumber: '512', creditCents: 1_290 },
    ]);

  it('answers a repeated request with the first answer and posts once', async () => {
    const count = async () =>
      Number(
        (
          await t.handle.db
            .selectFrom('journalEntries')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const first = await compta.post('/api/v1/ledger/entries', body(), {
      'idempotency-key': 'frais-bancaires-11',
    });
    const second = await compta.post('/api/v1/ledger/entries', body(), {
      'idempotency-key': 'frais-bancaires-11',
    });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect(await count()).toBe(before + 1);

    const reused = await compta.post(
      '/api/v1/ledger/entries',
      { ...body(), label: 'Autre chose' },
      { 'idempotency-key': 'frais-bancaires-11' },
    );
    expect(reused.statusCode).toBe(409);
    expect(problemOf(reused).code).toBe('idempotency.key_reused');
    // Keys belong to their user: the admin's same key is another request.
    const other = await admin.post('/api/v1/ledger/entries', body(), {
      'idempotency-key': 'frais-bancaires-11',
    });
    expect(other.statusCode).toBe(201);
    expect(other.json().id).not.toBe(first.json().id);
    expect(await count()).toBe(before + 2);
  });

  it('posts once when the same key arrives several times at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        compta.post('/api/v1/ledger/entries', body(), { 'idempotency-key': 'rafale-1' }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(5).fill(201));
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
  });

  it('replays a reversal', async () => {
    const posted = (await compta.post('/api/v1/ledger/entries', body())).json();
    const url = `/api/v1/ledger/entries/${posted.id}/reversal`;
    const first = await compta.post(url, {}, { 'idempotency-key': 'extourne-1' });
    const second = await compta.post(url, {}, { 'idempotency-key': 'extourne-1' });
    expect(first.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
  });
});

describe('chart of accounts', () => {
  it('adds, renames and removes accounts; an account in use keeps its number and kind', async () => {
    const created = await compta.post(`/api/v1/ledger/entities/${scic}/accounts`, {
      number: '6238',
      label: 'Divers (pourboires, dons courants)',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ number: '6238', auxiliaryKind: null, inUse: false, active: true });
    const duplicate = await compta.post(`/api/v1/ledger/entities/${scic}/accounts`, {
      number: '6238',
      label: 'x',
    });
    expect(problemOf(duplicate).code).toBe('ledger.account_duplicate');
    const renamed = await compta.patch(`/api/v1/ledger/accounts/${created.json().id}`, {
      label: 'Dons courants',
    });
    expect(renamed.json().label).toBe('Dons courants');
    expect((await compta.delete(`/api/v1/ledger/accounts/${created.json().id}`)).statusCode).toBe(204);

    const accounts = (await compta.get(`/api/v1/ledger/entities/${scic}/accounts`)).json().items;
    const clients = accounts.find((a: { number: string }) => a.number === '411');
    expect(clients).toMatchObject({ auxiliaryKind: 'client', inUse: true });
    expect(
      problemOf(await compta.patch(`/api/v1/ledger/accounts/${clients.id}`, { auxiliaryKind: null })).code,
    ).toBe('ledger.account_in_use');
    expect(problemOf(await compta.delete(`/api/v1/ledger/accounts/${clients.id}`)).code).toBe(
      'ledger.account_in_use',
    );
    expect(accounts.find((a: { number: string }) => a.number === '961')).toMatchObject({ analytic: true });
  });

  it('deactivates an account: new lines refuse it, reversals of old ones still go through', async () => {
    const accounts = (await compta.get(`/api/v1/ledger/entities/${scic}/accounts`)).json().items;
    const fees = accounts.find((a: { number: string }) => a.number === '627');
    const posted = (
      await compta.post(
        '/api/v1/ledger/entries',
        entry([
          { accountNumber: '627', debitCents: 350 },
          { accountNumber: '512', creditCents: 350 },
        ]),
      )
    ).json();
    expect((await compta.patch(`/api/v1/ledger/accounts/${fees.id}`, { active: false })).json().active).toBe(
      false,
    );
    const refused = await compta.post(
      '/api/v1/ledger/entries',
      entry([
        { accountNumber: '627', debitCents: 350 },
        { accountNumber: '512', creditCents: 350 },
      ]),
    );
    expect(problemOf(refused).code).toBe('ledger.inactive_account');
    expect((await compta.post(`/api/v1/ledger/entries/${posted.id}/reversal`, {})).statusCode).toBe(201);
    await compta.patch(`/api/v1/ledger/accounts/${fees.id}`, { active: true });
  });

  it('adds supplier auxiliary accounts and journals', async () => {
    const supplier = await compta.post(`/api/v1/ledger/entities/${scic}/auxiliary-accounts`, {
      kind: 'supplier',
      code: 'FLOCASON',
      label: 'Loca’Son Lille',
    });
    expect(supplier.statusCode).toBe(201);
    const list = (
      await compta.get(`/api/v1/ledger/entities/${scic}/auxiliary-accounts?kind=supplier`)
    ).json();
    expect(list.items.map((x: { code: string }) => x.code)).toContain('FLOCASON');
    const journals = (await compta.get(`/api/v1/ledger/entities/${scic}/journals`)).json().items;
    expect(journals.map((j: { code: string }) => j.code).sort()).toEqual(
      ['AC', 'AN', 'ANA', 'BQ', 'OD', 'SAL', 'VE'].sort(),
    );
  });
});

describe('who may use the books', () => {
  it('hides the books from members and advisers (404) and lets admins post', async () => {
    const adviser = await signIn(t.app, 'conseil.lille@commune.coop', password);
    for (const s of [lea, adviser]) {
      expect((await s.get(`/api/v1/ledger/entities/${scic}/accounts`)).statusCode).toBe(404);
      const before = await snapshot(t.handle);
      const res = await s.post(
        '/api/v1/ledger/entries',
        entry([
          { accountNumber: '512', debitCents: 100 },
          { accountNumber: '706', creditCents: 100 },
        ]),
      );
      expect(res.statusCode).toBe(404);
      expect(await snapshot(t.handle)).toBe(before);
    }
  });
});
