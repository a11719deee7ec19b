// Bank accounts, statement imports (idempotent, overlapping files, hostile files), the reconciliation
// queue with its suggestions, confirmed matches and hand-recorded payments posted to the ledger, and
// who may do any of it.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  frIban,
  mailText,
  type Session,
  signInDemo,
  snapshot,
  type TestApp,
} from '../testing.ts';
import { collectionQueue, pauseReminders, runDunning, sendToLitigation } from './service.ts';

let t: TestApp;
let lea: Session;
let adviser: Session;
let compta: Session;
let admin: Session;
let scic: string;
let sono: string;
let theatre: string;
let account: { id: string; iban: string };

const ok = (res: LightMyRequestResponse, status = 200) => {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json();
};
const problem = (res: LightMyRequestResponse, status: number) => {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  return res.json() as { code: string; errors?: { pointer: string; code: string }[] };
};

const camt = (iban: string, entries: string, closing = '0.00') => `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-11-20T22:00:00</CreDtTm></GrpHdr>
<Stmt><Id>S1</Id><Acct><Id><IBAN>${iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>
<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${closing}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-20</Dt></Dt></Bal>
${entries}
</Stmt></BkToCstmrStmt></Document>`;

const credit = (ref: string, cents: number, remittance: string, name = 'Théâtre des Tisserands') => `
<Ntry><Amt Ccy="EUR">${(cents / 100).toFixed(2)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
<BookgDt><Dt>2026-11-19</Dt></BookgDt><AcctSvcrRef>${ref}</AcctSvcrRef>
<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>${name}</Nm></Dbtr></RltdPties><RmtInf><Ustrd>${remittance}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`;
const fee = `<Ntry><Amt Ccy="EUR">12.50</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-11-19</Dt></BookgDt><AcctSvcrRef>FEE-1</AcctSvcrRef><AddtlNtryInf>FRAIS TENUE DE COMPTE</AddtlNtryInf></Ntry>`;

const upload = (session: Session, accountId: string, body: string, fileName = 'releve.xml') =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/treasury/bank-accounts/${accountId}/statements?fileName=${encodeURIComponent(fileName)}`,
    headers: { cookie: session.cookie, origin: 'http://commune.test', 'content-type': 'application/xml' },
    payload: body,
  });

/** An invoice drafted by Léa for the theatre and issued by her adviser. */
async function issuedInvoice(unitPriceCents: number) {
  const draft = ok(
    await lea.post('/api/v1/invoices', {
      activityId: sono,
      clientId: theatre,
      subject: 'Régie son',
      lines: [
        { designation: 'Régie son', quantity: 1, unitCode: 'DAY', unitPriceCents, vatCategory: 'standard' },
      ],
    }),
    201,
  );
  return ok(await adviser.post(`/api/v1/invoices/${draft.id}/issue`)) as {
    id: string;
    number: string;
    totalInclVatCents: number;
    totalVatCents: number;
    status: string;
  };
}

const tables = [
  'bank_accounts',
  'bank_statement_imports',
  'bank_statement_lines',
  'payments',
  'payment_allocations',
  'journal_entries',
  'sales_documents',
];

beforeAll(async () => {
  t = await createTestApp({ seed: 'demo' });
  [lea, adviser, compta, admin] = await signInDemo(t.app, 'lea', 'adviser', 'accountant', 'admin');
  const entities = ok(await compta.get('/api/v1/entities'));
  scic = (entities.items ?? entities).find((e: { code: string }) => e.code === 'SCIC').id;
  const home = ok(await lea.get('/api/v1/home'));
  sono = home.activities.find((a: { name: string }) => a.name === 'Sonorisation de concerts').id;
  theatre = ok(await admin.get('/api/v1/clients?q=Tisserands')).items[0].id;
  account = ok(
    await compta.post('/api/v1/treasury/bank-accounts', {
      entityId: scic,
      label: 'Compte courant',
      iban: frIban('00012345678').replace(/(.{4})/g, '$1 '),
      bic: 'AGRIFRPP',
      forInvoices: true,
    }),
    201,
  );
});

afterAll(async () => {
  await t?.close();
});

describe('bank accounts', () => {
  it('keeps the IBAN in its electronic form and refuses a bad or a duplicate one', async () => {
    expect(account.iban).toBe(frIban('00012345678'));
    const bad = problem(
      await compta.post('/api/v1/treasury/bank-accounts', {
        entityId: scic,
        label: 'X',
        iban: 'FR7630006000011234567890188',
      }),
      400,
    );
    expect(bad.errors?.[0]).toMatchObject({ pointer: '/iban', code: 'iban.invalid' });
    const dup = problem(
      await compta.post('/api/v1/treasury/bank-accounts', {
        entityId: scic,
        label: 'Bis',
        iban: account.iban,
      }),
      409,
    );
    expect(dup.code).toBe('bank_account.duplicate_iban');
  });

  it('is the accountants’ business: members and advisers do not see it', async () => {
    const before = await snapshot(t.handle, tables);
    for (const s of [lea, adviser]) {
      expect((await s.get('/api/v1/treasury/bank-accounts')).statusCode).toBe(404);
      expect((await upload(s, account.id, camt(account.iban, fee))).statusCode).toBe(404);
      expect((await s.post('/api/v1/payments', {})).statusCode).toBeOneOf([400, 404]);
    }
    expect(await snapshot(t.handle, tables)).toBe(before);
  });
});

describe('the account printed on invoices', () => {
  it('tells clients where to pay: IBAN, BIC and the invoice number in the UBL and the Factur-X', async () => {
    const invoice = await issuedInvoice(12_000);
    const ubl = (await compta.get(`/api/v1/invoices/${invoice.id}/ubl`)).body;
    expect(ubl).toContain(`<cbc:ID>${account.iban}</cbc:ID>`);
    expect(ubl).toContain('AGRIFRPP');
    expect(ubl).toContain(`<cbc:PaymentID>${invoice.number}</cbc:PaymentID>`);
    const facturx = await compta.get(`/api/v1/invoices/${invoice.id}/facturx`);
    expect(facturx.statusCode).toBe(200);
    expect(facturx.rawPayload.length).toBeGreaterThan(10_000);
  });
});

describe('statements and reconciliation', () => {
  it('imports once, adds only new lines from an overlapping file, suggests the invoice and posts the confirmed payment', async () => {
    const first = await issuedInvoice(100_000);
    const second = await issuedInvoice(50_000);
    const file = camt(
      account.iban,
      credit('BQ-1', first.totalInclVatCents, `Facture ${first.number}`) + fee,
      '1187.50',
    );

    const imported = ok(await upload(compta, account.id, file), 201);
    expect(imported).toMatchObject({
      format: 'camt053',
      lineCount: 2,
      newLineCount: 2,
      alreadyImported: false,
    });
    const again = ok(await upload(compta, account.id, file));
    expect(again).toMatchObject({ id: imported.id, alreadyImported: true });
    const overlapping = camt(
      account.iban,
      credit('BQ-1', first.totalInclVatCents, `Facture ${first.number}`) +
        fee +
        credit('BQ-2', 20_000, 'acompte', 'THEATRE DES TISSERANDS'),
      '1387.50',
    );
    const more = ok(await upload(compta, account.id, overlapping, 'releve-2.xml'), 201);
    expect(more).toMatchObject({ lineCount: 3, newLineCount: 1 });

    const queue = ok(await compta.get(`/api/v1/treasury/bank-accounts/${account.id}/lines`)).items;
    expect(queue).toHaveLength(3);
    const paid = queue.find((l: { amountCents: number }) => l.amountCents === first.totalInclVatCents);
    expect(paid.suggestions[0]).toMatchObject({
      reason: 'invoice_number',
      confidence: 99,
      clientId: theatre,
      allocations: [{ documentId: first.id, number: first.number, amountCents: first.totalInclVatCents }],
      unallocatedCents: 0,
    });
    expect(queue.find((l: { amountCents: number }) => l.amountCents < 0).suggestions).toEqual([]);

    const key = { 'idempotency-key': `match-${paid.id}` };
    const body = {
      clientId: theatre,
      allocations: [{ documentId: first.id, amountCents: first.totalInclVatCents }],
    };
    const payment = ok(await compta.post(`/api/v1/treasury/lines/${paid.id}/match`, body, key), 201);
    const replay = await compta.post(`/api/v1/treasury/lines/${paid.id}/match`, body, key);
    expect(replay.statusCode).toBe(201);
    expect(replay.json().id).toBe(payment.id);
    expect(problem(await compta.post(`/api/v1/treasury/lines/${paid.id}/match`, body), 422).code).toBe(
      'statement.line_decided',
    );

    const entry = ok(await compta.get(`/api/v1/ledger/entries/${payment.journalEntryId}`));
    const sum = (n: string, side: 'debitCents' | 'creditCents') =>
      entry.lines
        .filter((l: { accountNumber: string }) => l.accountNumber === n)
        .reduce((s: number, l: Record<string, number>) => s + (l[side] ?? 0), 0);
    expect(entry.journal.code).toBe('BQ');
    expect(sum('512', 'debitCents')).toBe(first.totalInclVatCents);
    expect(sum('411', 'creditCents')).toBe(first.totalInclVatCents);
    expect(sum('44580', 'debitCents')).toBe(first.totalVatCents);
    expect(sum('44571', 'creditCents')).toBe(first.totalVatCents);
    expect(ok(await compta.get(`/api/v1/invoices/${first.id}`)).status).toBe('paid');

    // The 200 € transfer quoting no number is kept as the client's credit when confirmed without invoice.
    const credited = queue.find((l: { amountCents: number }) => l.amountCents === 20_000);
    const onAccount = ok(
      await compta.post(`/api/v1/treasury/lines/${credited.id}/match`, {
        clientId: theatre,
        allocations: [],
      }),
      201,
    );
    expect(onAccount.unallocatedCents).toBe(20_000);
    const creditEntry = ok(await compta.get(`/api/v1/ledger/entries/${onAccount.journalEntryId}`));
    expect(
      creditEntry.lines.find((l: { accountNumber: string }) => l.accountNumber === '4191').creditCents,
    ).toBe(20_000);

    // The bank fee is set aside, then brought back, then set aside again.
    const feeLine = queue.find((l: { amountCents: number }) => l.amountCents < 0);
    expect(
      problem(await compta.post(`/api/v1/treasury/lines/${feeLine.id}/match`, { clientId: theatre }), 422)
        .code,
    ).toBe('payment.not_incoming');
    ok(await compta.post(`/api/v1/treasury/lines/${feeLine.id}/ignore`));
    ok(await compta.post(`/api/v1/treasury/lines/${feeLine.id}/restore`));
    ok(await compta.post(`/api/v1/treasury/lines/${feeLine.id}/ignore`));
    expect(ok(await compta.get(`/api/v1/treasury/bank-accounts/${account.id}/lines`)).items).toEqual([]);

    const accounts = ok(await compta.get(`/api/v1/treasury/bank-accounts?entityId=${scic}`)).items;
    const mine = accounts.find((a: { id: string }) => a.id === account.id);
    expect(mine).toMatchObject({
      statementBalanceCents: 138_750,
      statementBalanceDate: '2026-11-20',
      unmatchedCount: 0,
    });
    expect(typeof mine.ledgerBalanceCents).toBe('number');
    expect(second.status).toBe('issued');
  });

  it('refuses another account’s statement and a broken file, and keeps nothing of them', async () => {
    const before = await snapshot(t.handle, tables);
    expect(problem(await upload(compta, account.id, camt(frIban('00099999999'), fee)), 422).code).toBe(
      'statement.wrong_account',
    );
    const truncated = camt(account.iban, fee);
    expect(
      problem(await upload(compta, account.id, truncated.slice(0, truncated.length - 40)), 422).code,
    ).toBe('statement.unreadable');
    expect(
      problem(await upload(compta, account.id, '\u0089PNG\r\n\u001a\n not a statement'), 422).code,
    ).toMatch(/^statement\./);
    expect(await snapshot(t.handle, tables)).toBe(before);
  });
});

describe('payments recorded by hand', () => {
  it('settles part of an invoice, refuses more than it owes, and keeps an overpayment as client credit', async () => {
    const invoice = await issuedInvoice(30_000);
    const pay = (amountCents: number, allocated: number, key?: string) =>
      compta.post(
        '/api/v1/payments',
        {
          bankAccountId: account.id,
          clientId: theatre,
          paymentDate: '2026-11-20',
          amountCents,
          method: 'cheque',
          reference: 'Chèque 1234567',
          allocations: [{ documentId: invoice.id, amountCents: allocated }],
        },
        key ? { 'idempotency-key': key } : {},
      );
    const part = ok(await pay(10_000, 10_000, 'cheque-1'), 201);
    expect(ok(await pay(10_000, 10_000, 'cheque-1'), 201).id).toBe(part.id); // the same key does not pay twice
    expect(ok(await compta.get(`/api/v1/invoices/${invoice.id}`)).status).toBe('partially_paid');

    const before = await snapshot(t.handle, tables);
    const refused = problem(await pay(50_000, invoice.totalInclVatCents, 'cheque-2'), 422);
    expect(refused).toMatchObject({ code: 'payment.above_outstanding' });
    expect(refused.errors?.[0]?.pointer).toBe('/allocations/0/amountCents');
    expect(problem(await pay(10_000, 20_000), 422).code).toBe('payment.over_allocated');
    expect(await snapshot(t.handle, tables)).toBe(before);

    const rest = invoice.totalInclVatCents - 10_000;
    const last = ok(await pay(rest + 500, rest), 201);
    expect(last.unallocatedCents).toBe(500);
    expect(ok(await compta.get(`/api/v1/invoices/${invoice.id}`)).status).toBe('paid');
    const vatMoved = [part, last]
      .flatMap((p) => p.allocations)
      .reduce((s: number, a: { vatCents: number }) => s + a.vatCents, 0);
    expect(vatMoved).toBe(invoice.totalVatCents);

    const open = ok(
      await compta.get(`/api/v1/treasury/open-invoices?entityId=${scic}&clientId=${theatre}`),
    ).items;
    expect(open.find((i: { documentId: string }) => i.documentId === invoice.id)).toBeUndefined();
    const listed = ok(await compta.get(`/api/v1/payments?clientId=${theatre}`)).items;
    expect(listed.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining([part.id, last.id]));
  });

  it('lets two payments race for the last euros of an invoice without paying it twice', async () => {
    const invoice = await issuedInvoice(10_000);
    const pay = () =>
      compta.post('/api/v1/payments', {
        bankAccountId: account.id,
        clientId: theatre,
        paymentDate: '2026-11-20',
        amountCents: invoice.totalInclVatCents,
        method: 'transfer',
        allocations: [{ documentId: invoice.id, amountCents: invoice.totalInclVatCents }],
      });
    const results = await Promise.all([pay(), pay(), pay()]);
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    for (const r of results.filter((x) => x.statusCode !== 201))
      expect(r.json().code).toBe('payment.unknown_invoice');
  });
});

describe('dunning and collection', () => {
  const at = (iso: string) => ({ ...t.system, clock: () => new Date(`${iso}T09:00:00Z`) });
  const adviserOf = async (code: string) => {
    const offices = ok(await admin.get('/api/v1/offices')).items as { id: string; code: string }[];
    const office = offices.find((o) => o.code === code);
    return {
      ...t.system,
      clock: () => new Date('2026-12-28T09:00:00Z'),
      actor: {
        userId: `adviser-${code}`,
        email: `${code}@test`,
        name: code,
        roles: ['adviser' as const],
        officeIds: [office?.id ?? ''],
        memberId: null,
      },
    };
  };

  it('reminds an overdue invoice once per step, with penalties and the indemnity, stops when paused or in litigation', async () => {
    const invoice = await issuedInvoice(80_000);
    const due = ok(await compta.get(`/api/v1/invoices/${invoice.id}`)).dueDate as string;
    expect(due).toBe('2026-12-20');
    const late = at('2026-12-28');

    const queue = (await collectionQueue(late, {})).items;
    const item = queue.find((i) => i.documentId === invoice.id);
    expect(item).toMatchObject({
      daysLate: 8,
      outstandingCents: invoice.totalInclVatCents,
      business: true,
      indemnityCents: 4000,
      reminders: [],
      nextReminderOn: '2026-12-28', // the first step is due: it goes at the next run
    });
    expect(item?.penaltyCents).toBe(Math.round((invoice.totalInclVatCents * 1215 * 8) / (10_000 * 365)));

    const first = await runDunning(late);
    expect(first.sent).toBeGreaterThanOrEqual(1);
    expect((await runDunning(late)).sent).toBe(0); // the same day again: nothing twice
    const next = (await collectionQueue(late, {})).items.find((i) => i.documentId === invoice.id);
    expect(next).toMatchObject({
      reminders: [{ step: 0, tone: 'reminder', sentOn: '2026-12-28' }],
      nextReminderOn: '2027-01-19',
    });
    await t.deliver();
    const mail = t.mailbox.findLast(
      (m) => m.raw?.includes(invoice.number) && m.to === 'administration@theatre-tisserands.example',
    );
    expect(mail).toBeTruthy();
    const text = mailText(mail?.raw ?? '');
    expect(text).toContain(`la facture ${invoice.number} du 20/11/2026, échue le 20/12/2026`);
    expect(text).toContain('Pénalités de retard à ce jour');
    expect(text).toContain('Indemnité forfaitaire pour frais de recouvrement');
    expect(text).toMatch(/IBAN FR\d{2} /);

    const adviser = await adviserOf('lille');
    expect((await collectionQueue(adviser, {})).items.map((i) => i.documentId)).toContain(invoice.id);
    const lyon = await adviserOf('lyon');
    expect((await collectionQueue(lyon, {})).items.map((i) => i.documentId)).not.toContain(invoice.id);
    await expect(pauseReminders(lyon, invoice.id, { paused: true, reason: 'x' })).rejects.toMatchObject({
      code: 'resource.not_found',
    });

    await pauseReminders(adviser, invoice.id, {
      paused: true,
      reason: 'Litige sur la prestation en cours de discussion',
    });
    await runDunning(at('2027-01-20'));
    const reminders = (await collectionQueue(at('2027-01-20'), {})).items.find(
      (i) => i.documentId === invoice.id,
    )?.reminders;
    expect(reminders?.map((r) => r.step)).toEqual([0]);
    await pauseReminders(adviser, invoice.id, { paused: false, reason: '' });
    await runDunning(at('2027-01-20'));
    const after = (await collectionQueue(at('2027-01-20'), {})).items.find(
      (i) => i.documentId === invoice.id,
    );
    expect(after?.reminders.map((r) => [r.step, r.tone])).toEqual([
      [0, 'reminder'],
      [1, 'firm'],
    ]);
  });

  it('sends an invoice to litigation (411 → 416), after which reminders stop and payments settle 416', async () => {
    const invoice = await issuedInvoice(40_000);
    const late = at('2026-12-29');
    await expect(sendToLitigation(at('2026-12-01'), invoice.id)).rejects.toMatchObject({
      code: 'dunning.not_overdue',
    });
    const moved = await sendToLitigation(late, invoice.id);
    expect(moved.outstandingCents).toBe(invoice.totalInclVatCents);
    await expect(sendToLitigation(late, invoice.id)).rejects.toMatchObject({ code: 'dunning.in_litigation' });
    const entry = ok(await compta.get(`/api/v1/ledger/entries/${moved.journalEntryId}`));
    expect(
      entry.lines.map((l: { accountNumber: string; debitCents: number; creditCents: number }) => [
        l.accountNumber,
        l.debitCents,
        l.creditCents,
      ]),
    ).toEqual([
      ['416', invoice.totalInclVatCents, 0],
      ['411', 0, invoice.totalInclVatCents],
    ]);
    const item = (await collectionQueue(late, {})).items.find((i) => i.documentId === invoice.id);
    expect(item).toMatchObject({ litigationOn: '2026-12-29', nextReminderOn: null });
    await runDunning(at('2027-02-20'));
    expect(
      (await collectionQueue(at('2027-02-20'), {})).items.find((i) => i.documentId === invoice.id)?.reminders,
    ).toEqual([]);

    const paid = ok(
      await compta.post('/api/v1/payments', {
        bankAccountId: account.id,
        clientId: theatre,
        paymentDate: '2026-11-20',
        amountCents: invoice.totalInclVatCents,
        method: 'transfer',
        allocations: [{ documentId: invoice.id, amountCents: invoice.totalInclVatCents }],
      }),
      201,
    );
    const payEntry = ok(await compta.get(`/api/v1/ledger/entries/${paid.journalEntryId}`));
    expect(
      payEntry.lines.find((l: { accountNumber: string }) => l.accountNumber === '416')?.creditCents,
    ).toBe(invoice.totalInclVatCents);
    expect(payEntry.lines.some((l: { accountNumber: string }) => l.accountNumber === '411')).toBe(false);
  });

  it('lets accountants set the schedule, refuses a bad one, and hides collection from members', async () => {
    const set = ok(
      await compta.put(`/api/v1/collection/policies/${scic}`, { steps: [5, 15], enabled: true }),
    );
    expect(set.steps).toEqual([5, 15]);
    expect(ok(await compta.get(`/api/v1/collection/policies/${scic}`)).steps).toEqual([5, 15]);
    const bad = await compta.put(`/api/v1/collection/policies/${scic}`, { steps: [30, 7] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('dunning.invalid_steps');
    ok(await compta.put(`/api/v1/collection/policies/${scic}`, { steps: [7, 30, 45], enabled: true }));
    expect((await lea.get('/api/v1/collection/invoices')).statusCode).toBe(404);
    expect((await lea.post('/api/v1/collection/run', {})).statusCode).toBe(404);
    expect(ok(await adviser.get('/api/v1/collection/invoices')).items).toBeInstanceOf(Array);
    expect((await adviser.post('/api/v1/collection/run', {})).statusCode).toBe(404);
  });
});
