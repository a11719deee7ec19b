import { FacturX } from 'factur-x-kit';
import type { LightMyRequestResponse } from 'fastify';
import { getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEn16931, readCii, readUbl } from '../documents/en16931.ts';
import { anonymous, createTestApp, type Session, signInDemo, snapshot, type TestApp } from '../testing.ts';
import { quoteToken } from './service.ts';

let t: TestApp;
let lea: Session;
let karim: Session;
let adviser: Session;
let parisAdviser: Session;
let admin: Session;
let compta: Session;
let sono: string; // Léa's activity, SCIC
let theatre: string; // business client with SIREN
let brol: string; // Belgian business
let helene: string; // private person

const line = (over: Record<string, unknown> = {}) => ({
  designation: 'Régie son, une représentation',
  quantity: 2,
  unitCode: 'DAY',
  unitPriceCents: 45_000,
  vatCategory: 'standard',
  ...over,
});

const draftQuote = (over: Record<string, unknown> = {}) => ({
  activityId: sono,
  clientId: theatre,
  validUntil: '2026-12-20',
  subject: 'Sonorisation de la saison',
  lines: [
    line(),
    line({
      designation: 'Location de retours',
      quantity: 1,
      unitPriceCents: 12_345,
      vatCategory: 'standard',
    }),
  ],
  ...over,
});

const ok = (res: LightMyRequestResponse, status = 200) => {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json();
};

async function entry(id: string) {
  return ok(await compta.get(`/api/v1/ledger/entries/${id}`));
}

/** An invoice drafted by Léa and issued by her adviser. */
async function issuedInvoice(over: Record<string, unknown> = {}) {
  const draft = ok(await lea.post('/api/v1/invoices', { ...draftQuote(over), validUntil: undefined }), 201);
  return ok(await adviser.post(`/api/v1/invoices/${draft.id}/issue`));
}

beforeAll(async () => {
  t = await createTestApp({ seed: 'demo' });
  [lea, karim, adviser, parisAdviser, admin, compta] = await signInDemo(
    t.app,
    'lea',
    'karim',
    'adviser',
    'parisAdviser',
    'admin',
    'accountant',
  );
  const home = ok(await lea.get('/api/v1/home'));
  sono = home.activities.find((a: { name: string }) => a.name === 'Sonorisation de concerts').id;
  const find = async (q: string) =>
    ok(await admin.get(`/api/v1/clients?q=${encodeURIComponent(q)}`)).items[0].id;
  theatre = await find('Tisserands');
  brol = await find('Studio Brol');
  helene = await find('Vandamme');
});

afterAll(async () => {
  await t?.close();
});

describe('a quote, from draft to invoice', () => {
  it('is drafted, sent with a link, accepted by the client, invoiced, validated, issued and posted', async () => {
    const quote = ok(await lea.post('/api/v1/quotes', draftQuote()), 201);
    expect(quote).toMatchObject({ kind: 'quote', status: 'draft', number: null });
    // 2 × 450 + 123.45 = 1,023.45 excl.; VAT once on the rate total: 204.69.
    expect(quote.totalExclVatCents).toBe(102_345);
    expect(quote.totalVatCents).toBe(20_469);
    expect(quote.totalInclVatCents).toBe(122_814);

    const sent = ok(await lea.post(`/api/v1/quotes/${quote.id}/send`, {}));
    expect(sent.status).toBe('sent');
    expect(sent.number).toMatch(/^DE-2026-\d{6}$/);
    await t.deliver();
    const mail = t.mailbox.findLast((m) => m.to === 'administration@theatre-tisserands.example');
    expect(mail).toBeTruthy();
    // The text part is quoted-printable inside a multipart message (the PDF is attached).
    const text = (mail?.raw ?? '').replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    const link = quoteToken(t.app.deps, quote.id);
    expect(text).toContain(`${'http://commune.test'}/devis/${link}`);
    expect(mail?.raw).toContain(`filename=${sent.number}.pdf`);

    const client = anonymous(t.app);
    const seen = ok(await client.get(`/api/v1/public/quotes/${link}`));
    expect(seen).toMatchObject({ number: sent.number, totalInclVatCents: 122_814, acceptance: null });
    expect(ok(await client.get(`/api/v1/public/quotes/${link.slice(0, -2)}xx`), 404)).toBeTruthy();
    const answered = ok(
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/public/quotes/${link}/answer`,
        payload: { name: 'Claire Dumont', decision: 'accept' },
        remoteAddress: '203.0.113.7',
      }),
    );
    expect(answered.status).toBe('accepted');
    expect(answered.acceptance.name).toBe('Claire Dumont');
    const again = await client.post(`/api/v1/public/quotes/${link}/answer`, {
      name: 'Claire Dumont',
      decision: 'refuse',
    });
    expect(again.statusCode).toBe(409);

    const accepted = ok(await lea.get(`/api/v1/quotes/${quote.id}`));
    expect(accepted.acceptance).toMatchObject({
      decision: 'accept',
      name: 'Claire Dumont',
      ip: '203.0.113.7',
      via: 'link',
    });
    expect(accepted.actions).toContain('convert');

    const invoice = ok(await lea.post(`/api/v1/quotes/${quote.id}/invoices`, { mode: 'whole' }), 201);
    expect(invoice).toMatchObject({
      kind: 'invoice',
      status: 'draft',
      number: null,
      totalInclVatCents: 122_814,
    });
    expect(invoice.quote).toEqual({ id: quote.id, number: sent.number });

    // The activity does not let Léa issue alone: she asks her adviser.
    const refused = await lea.post(`/api/v1/invoices/${invoice.id}/issue`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('invoice.validation_required');
    ok(await lea.post(`/api/v1/invoices/${invoice.id}/validation-request`, { comment: 'Merci !' }));

    const queue = ok(await adviser.get('/api/v1/invoices?status=awaiting_validation'));
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(invoice.id);
    const parisQueue = ok(await parisAdviser.get('/api/v1/invoices?status=awaiting_validation'));
    expect(parisQueue.items.map((i: { id: string }) => i.id)).not.toContain(invoice.id);
    expect(
      (await parisAdviser.post(`/api/v1/invoices/${invoice.id}/validation`, { decision: 'approve' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await lea.post(`/api/v1/invoices/${invoice.id}/validation`, { decision: 'approve' })).statusCode,
    ).toBe(403);

    const issued = ok(
      await adviser.post(`/api/v1/invoices/${invoice.id}/validation`, { decision: 'approve', comment: 'OK' }),
    );
    expect(issued.status).toBe('issued');
    expect(issued.number).toMatch(/^FA-2026-\d{6}$/);
    expect(issued.issueDate).toBe('2026-11-20');
    expect(issued.dueDate).toBe('2026-12-20');
    expect(issued.validation).toMatchObject({
      decision: 'approved',
      decisionComment: 'OK',
      comment: 'Merci !',
    });
    expect(issued.events.map((e: { kind: string }) => e.kind)).toEqual([
      'created',
      'validation_requested',
      'validated',
      'issued',
    ]);

    const posted = await entry(issued.journalEntryId);
    const sum = (n: string, side: 'debitCents' | 'creditCents') =>
      posted.lines
        .filter((l: { accountNumber: string }) => l.accountNumber === n)
        .reduce((s: number, l: Record<string, number>) => s + (l[side] ?? 0), 0);
    expect(posted.journal.code).toBe('VE');
    expect(posted.pieceRef).toBe(issued.number);
    expect(sum('411', 'debitCents')).toBe(issued.totalInclVatCents);
    expect(sum('706', 'creditCents')).toBe(issued.totalExclVatCents);
    expect(sum('44580', 'creditCents')).toBe(issued.totalVatCents);
    for (const l of posted.lines)
      expect(l.activity?.id).toBe(
        l.accountNumber === '44580' || l.accountNumber === '411' || l.accountNumber === '706'
          ? sono
          : l.activity?.id,
      );
    expect(
      posted.lines.find((l: { accountNumber: string }) => l.accountNumber === '411').auxiliary.kind,
    ).toBe('client');
  });
});

describe('issuing', () => {
  it('numbers consecutively, freezes the invoice and refuses edits with nothing changed', async () => {
    const a = await issuedInvoice();
    const b = await issuedInvoice({ clientId: helene });
    const n = (x: string) => Number(x.slice(-6));
    expect(n(b.number)).toBe(n(a.number) + 1);
    const before = await snapshot(t.handle);
    const edit = await lea.put(`/api/v1/invoices/${a.id}`, { ...draftQuote(), validUntil: undefined });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('invoice.immutable');
    expect((await lea.delete(`/api/v1/invoices/${a.id}`)).statusCode).toBe(409);
    const twice = await adviser.post(`/api/v1/invoices/${a.id}/issue`);
    expect(twice.statusCode).toBe(409);
    expect(await snapshot(t.handle)).toBe(before);
    // The database refuses it too.
    await expect(
      t.handle.db
        .updateTable('salesDocuments')
        .set({ totalExclVatCents: 1 })
        .where('id', '=', a.id)
        .execute(),
    ).rejects.toThrow(/invoice.immutable/);
  });

  it('is idempotent with an Idempotency-Key: the same answer, one number, one entry', async () => {
    const draft = ok(await lea.post('/api/v1/invoices', { ...draftQuote(), validUntil: undefined }), 201);
    const key = { 'idempotency-key': `issue-${draft.id}` };
    const first = ok(await adviser.post(`/api/v1/invoices/${draft.id}/issue`, {}, key));
    const second = await adviser.post(`/api/v1/invoices/${draft.id}/issue`, {}, key);
    expect(second.statusCode).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().number).toBe(first.number);
    const other = await issuedInvoice();
    const reused = await adviser.post(`/api/v1/invoices/${other.id}/issue`, {}, key);
    expect(reused.statusCode).toBe(409);
    expect(reused.json().code).toBe('idempotency.key_reused');
  });

  it('lets a member issue alone within the activity’s cap, set by the adviser', async () => {
    expect(
      (await lea.put(`/api/v1/activities/${sono}/sales-settings`, { selfIssueCapCents: 500_000 })).statusCode,
    ).toBe(403);
    ok(await adviser.put(`/api/v1/activities/${sono}/sales-settings`, { selfIssueCapCents: 150_000 }));
    const small = ok(await lea.post('/api/v1/invoices', { ...draftQuote(), validUntil: undefined }), 201);
    expect(ok(await lea.post(`/api/v1/invoices/${small.id}/issue`)).status).toBe('issued');
    const big = ok(
      await lea.post('/api/v1/invoices', {
        ...draftQuote({ lines: [line({ quantity: 10 })] }),
        validUntil: undefined,
      }),
      201,
    );
    expect((await lea.post(`/api/v1/invoices/${big.id}/issue`)).json().code).toBe(
      'invoice.validation_required',
    );
    ok(await adviser.put(`/api/v1/activities/${sono}/sales-settings`, { selfIssueCapCents: null }));
  });

  it('gives 50 concurrent issuers 50 consecutive numbers', async () => {
    const drafts = [];
    for (let i = 0; i < 50; i++)
      drafts.push(
        ok(
          await lea.post('/api/v1/invoices', {
            ...draftQuote({ lines: [line({ quantity: 1 + (i % 3) })] }),
            validUntil: undefined,
          }),
          201,
        ),
      );
    const issued = await Promise.all(drafts.map((d) => adviser.post(`/api/v1/invoices/${d.id}/issue`)));
    expect(issued.map((r) => r.statusCode)).toEqual(drafts.map(() => 200));
    const numbers = issued.map((r) => Number(r.json().number.slice(-6))).sort((x, y) => x - y);
    const first = numbers[0] as number;
    expect(numbers).toEqual(numbers.map((_, i) => first + i));
    // No gap before them either: every invoice of the entity this year, in one series.
    const series = await t.handle.db
      .selectFrom('salesDocuments')
      .select('number')
      .where(
        'entityId',
        '=',
        drafts[0]
          ? (
              await t.handle.db
                .selectFrom('salesDocuments')
                .select('entityId')
                .where('id', '=', drafts[0].id)
                .executeTakeFirstOrThrow()
            ).entityId
          : '',
      )
      .where('kind', 'in', ['invoice', 'deposit_invoice'])
      .where('number', 'is not', null)
      .execute();
    const all = series.map((r) => Number((r.number as string).slice(-6))).sort((x, y) => x - y);
    // The demo's series continues after the ten invoices its books record by hand.
    expect(all).toEqual(all.map((_, i) => i + 11));
  });
});

describe('credit notes', () => {
  it('cancel half, never more than what remains, then the rest; the invoice becomes cancelled', async () => {
    const invoice = await issuedInvoice();
    const half = ok(
      await adviser.post('/api/v1/credit-notes', {
        invoiceId: invoice.id,
        reason: 'Une représentation annulée',
        lines: [line({ quantity: 1 })],
      }),
      201,
    );
    expect(half.number).toMatch(/^AV-2026-\d{6}$/);
    expect(half.invoice).toEqual({ id: invoice.id, number: invoice.number, issueDate: invoice.issueDate });
    expect(half.totalInclVatCents).toBe(54_000);
    const posted = await entry(half.journalEntryId);
    expect(posted.lines.find((l: { accountNumber: string }) => l.accountNumber === '411').creditCents).toBe(
      54_000,
    );
    expect(posted.lines.find((l: { accountNumber: string }) => l.accountNumber === '706').debitCents).toBe(
      45_000,
    );

    const before = await snapshot(t.handle);
    const above = await adviser.post('/api/v1/credit-notes', {
      invoiceId: invoice.id,
      reason: 'Trop',
      lines: [line({ quantity: 2 })],
    });
    expect(above.statusCode).toBe(422);
    expect(above.json().code).toBe('credit_note.above_remaining');
    expect(above.json().errors[0].pointer).toBe('/lines/0');
    const otherRate = await adviser.post('/api/v1/credit-notes', {
      invoiceId: invoice.id,
      reason: 'Taux',
      lines: [line({ quantity: 0.5, vatCategory: 'reduced' })],
    });
    expect(otherRate.json().code).toBe('credit_note.vat_category_not_invoiced');
    expect(
      (await lea.post('/api/v1/credit-notes', { invoiceId: invoice.id, reason: 'Moi' })).json().code,
    ).toBe('invoice.validation_required');
    expect(await snapshot(t.handle)).toBe(before);

    const rest = ok(
      await adviser.post('/api/v1/credit-notes', { invoiceId: invoice.id, reason: 'Solde' }),
      201,
    );
    expect(half.totalInclVatCents + rest.totalInclVatCents).toBe(invoice.totalInclVatCents);
    const after = ok(await lea.get(`/api/v1/invoices/${invoice.id}`));
    expect(after.status).toBe('cancelled');
    expect(after.creditedCents).toBe(invoice.totalInclVatCents);
    expect(
      (await adviser.post('/api/v1/credit-notes', { invoiceId: invoice.id, reason: 'Encore' })).statusCode,
    ).toBe(422);
  });
});

describe('deposits and balance', () => {
  it('a 30 % deposit and the balance add up to the quote, in the documents and in the ledger', async () => {
    const quote = ok(await lea.post('/api/v1/quotes', draftQuote()), 201);
    ok(await lea.post(`/api/v1/quotes/${quote.id}/send`, {}));
    ok(await lea.post(`/api/v1/quotes/${quote.id}/decision`, { decision: 'accepted' }));
    expect((await lea.post(`/api/v1/quotes/${quote.id}/invoices`, { mode: 'balance' })).statusCode).toBe(422);
    const deposit = ok(
      await lea.post(`/api/v1/quotes/${quote.id}/invoices`, { mode: 'deposit', depositRateBp: 3000 }),
      201,
    );
    expect(deposit.kind).toBe('deposit_invoice');
    const depositIssued = ok(await adviser.post(`/api/v1/invoices/${deposit.id}/issue`));
    const balance = ok(await lea.post(`/api/v1/quotes/${quote.id}/invoices`, { mode: 'balance' }), 201);
    expect(balance.prepaidCents).toBe(depositIssued.totalInclVatCents);
    const balanceIssued = ok(await adviser.post(`/api/v1/invoices/${balance.id}/issue`));
    expect(depositIssued.totalInclVatCents + balanceIssued.dueCents).toBe(quote.totalInclVatCents);
    const a = await entry(depositIssued.journalEntryId);
    const b = await entry(balanceIssued.journalEntryId);
    const revenue = (e: { lines: { accountNumber: string; creditCents: number }[] }) =>
      e.lines.filter((l) => l.accountNumber === '706').reduce((s, l) => s + l.creditCents, 0);
    expect(revenue(a) + revenue(b)).toBe(quote.totalExclVatCents);
    expect((await lea.post(`/api/v1/quotes/${quote.id}/invoices`, { mode: 'whole' })).statusCode).toBe(409);
  });
});

describe('bad input and refusals change nothing', () => {
  it('answers problem+json with field pointers', async () => {
    const before = await snapshot(t.handle);
    const empty = await lea.post('/api/v1/quotes', draftQuote({ lines: [] }));
    expect(empty.statusCode).toBe(400);
    expect(empty.headers['content-type']).toContain('application/problem+json');
    expect(empty.json().errors[0].pointer).toBe('/lines');
    const negative = await lea.post('/api/v1/quotes', draftQuote({ lines: [line({ quantity: -1 })] }));
    expect(negative.json().errors[0].pointer).toBe('/lines/0/quantity');
    const vat = await lea.post('/api/v1/quotes', draftQuote({ lines: [line({ vatCategory: 'S21' })] }));
    expect(vat.json().errors[0].pointer).toBe('/lines/0/vatCategory');
    const reverse = await lea.post(
      '/api/v1/quotes',
      draftQuote({ lines: [line({ vatCategory: 'reverse-charge-eu' })] }),
    );
    expect(reverse.statusCode).toBe(422);
    expect(reverse.json().code).toBe('invoice.vat_category_not_for_client');
    const english = await lea.post(
      '/api/v1/quotes',
      draftQuote({ lines: [line({ discountCents: 100_000 })] }),
      {
        'accept-language': 'en',
      },
    );
    expect(english.json().errors[0]).toMatchObject({
      pointer: '/lines/0/discountCents',
      code: 'invoice.discount_above_price',
    });
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('refuses to issue a business invoice to a client without SIREN', async () => {
    const noSiren = ok(
      await lea.post('/api/v1/clients', {
        kind: 'company',
        name: 'Société sans SIREN',
        addressLine: '4 rue Nationale',
        postalCode: '59000',
        city: 'Lille',
        activityId: sono,
      }),
      201,
    );
    const draft = ok(
      await lea.post('/api/v1/invoices', { ...draftQuote({ clientId: noSiren.id }), validUntil: undefined }),
      201,
    );
    const before = await snapshot(t.handle);
    const res = await adviser.post(`/api/v1/invoices/${draft.id}/issue`);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'invoice.client_ids_missing',
      errors: [{ pointer: '/clientId' }],
    });
    expect(await snapshot(t.handle)).toBe(before);
  });

  it('lets a Belgian business be invoiced under reverse charge, with no VAT', async () => {
    const invoice = await issuedInvoice({
      clientId: brol,
      lines: [line({ vatCategory: 'reverse-charge-eu' })],
    });
    expect(invoice.totalVatCents).toBe(0);
    expect(invoice.vatBreakdown[0]).toMatchObject({ code: 'AE' });
  });

  it('refuses an expired quote through the link', async () => {
    const quote = ok(await lea.post('/api/v1/quotes', draftQuote({ validUntil: '2026-11-19' })), 201);
    ok(await lea.post(`/api/v1/quotes/${quote.id}/send`, {}));
    const res = await anonymous(t.app).post(
      `/api/v1/public/quotes/${quoteToken(t.app.deps, quote.id)}/answer`,
      {
        name: 'Claire Dumont',
        decision: 'accept',
      },
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('quote.expired');
    expect(ok(await lea.get(`/api/v1/quotes/${quote.id}`)).status).toBe('expired');
  });
});

describe('who sees what', () => {
  it('keeps a member’s documents from other members (404) and lists by scope', async () => {
    const quote = ok(await lea.post('/api/v1/quotes', draftQuote()), 201);
    expect((await karim.get(`/api/v1/quotes/${quote.id}`)).statusCode).toBe(404);
    expect((await karim.post(`/api/v1/quotes/${quote.id}/duplicate`)).statusCode).toBe(404);
    expect((await parisAdviser.get(`/api/v1/quotes/${quote.id}`)).statusCode).toBe(404);
    expect((await adviser.get(`/api/v1/quotes/${quote.id}`)).statusCode).toBe(200);
    expect((await compta.get(`/api/v1/quotes/${quote.id}`)).statusCode).toBe(200);
    expect((await compta.put(`/api/v1/quotes/${quote.id}`, draftQuote())).statusCode).toBe(403);
    // A quote is not an invoice.
    expect((await lea.get(`/api/v1/invoices/${quote.id}`)).statusCode).toBe(404);
    const mine = ok(await karim.get('/api/v1/quotes'));
    expect(mine.items.map((q: { id: string }) => q.id)).not.toContain(quote.id);
    const leas = ok(await lea.get(`/api/v1/quotes?activityId=${sono}`));
    expect(leas.items.every((q: { activity: { id: string } }) => q.activity.id === sono)).toBe(true);
    expect(leas.totals.count).toBe(leas.total);
  });

  it('exports the filtered list as CSV with totals that match', async () => {
    const res = await compta.get('/api/v1/invoices/export?format=csv&status=issued');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const rows = res.body.trim().split('\r\n');
    expect(rows[0]).toContain('Numéro;Date;Échéance;Statut');
    const list = ok(await compta.get('/api/v1/invoices?status=issued&limit=200'));
    expect(rows.length - 1).toBe(list.total);
    const xlsx = await compta.get('/api/v1/invoices/export?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('shows the member what is to invoice and what is late', async () => {
    const quote = ok(await lea.post('/api/v1/quotes', draftQuote()), 201);
    ok(await lea.post(`/api/v1/quotes/${quote.id}/send`, {}));
    ok(await lea.post(`/api/v1/quotes/${quote.id}/decision`, { decision: 'accepted' }));
    const digest = ok(await lea.get('/api/v1/sales/digest'));
    expect(digest.toInvoice.map((q: { id: string }) => q.id)).toContain(quote.id);
    expect(
      ok(await karim.get('/api/v1/sales/digest')).toInvoice.map((q: { id: string }) => q.id),
    ).not.toContain(quote.id);
  });
});

describe('files', () => {
  /** The embedded files by name, read by pdf.js. */
  const attachmentsOf = async (bytes: Uint8Array) => {
    const proxy = await getDocumentProxy(new Uint8Array(bytes));
    const files = new Map<string, Uint8Array>();
    for (const name of (await proxy.getAttachments())?.keys() ?? [])
      files.set(name, new Uint8Array((await proxy.getAttachmentContent(name)) as Uint8Array));
    return files;
  };

  it('downloads the PDF, a Factur-X whose XML says what the ledger says, and the UBL', async () => {
    const invoice = await issuedInvoice({
      lines: [line(), line({ vatCategory: 'exempt-training', quantity: 1 })],
    });
    const pdf = await lea.get(`/api/v1/invoices/${invoice.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain(`${invoice.number}.pdf`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const fx = await lea.get(`/api/v1/invoices/${invoice.id}/facturx`);
    expect(fx.statusCode).toBe(200);
    const xml = new TextDecoder().decode((await attachmentsOf(fx.rawPayload)).get('factur-x.xml'));
    const cii = readCii(xml);
    expect(cii.number).toBe(invoice.number);
    expect(checkEn16931(cii, { frenchNotes: ['PMT', 'PMD', 'AAB'] })).toEqual([]);
    expect(await FacturX.fromPDF(new Uint8Array(fx.rawPayload)).then((f) => f.validate())).toMatchObject({
      valid: true,
    });
    const posted = await entry(invoice.journalEntryId);
    const receivable = posted.lines.find(
      (l: { accountNumber: string }) => l.accountNumber === '411',
    ).debitCents;
    expect(cii.totals.grandCents).toBe(receivable);
    expect(cii.totals.taxBasisCents).toBe(invoice.totalExclVatCents);

    const ubl = await lea.get(`/api/v1/invoices/${invoice.id}/ubl`);
    expect(ubl.headers['content-type']).toContain('application/xml');
    expect(readUbl(ubl.body).totals.grandCents).toBe(receivable);

    // A credit note names the invoice it corrects (BT-25/BT-26).
    const note = ok(
      await adviser.post('/api/v1/credit-notes', { invoiceId: invoice.id, reason: 'Annulation' }),
      201,
    );
    const noteFx = await lea.get(`/api/v1/credit-notes/${note.id}/facturx`);
    const noteXml = new TextDecoder().decode((await attachmentsOf(noteFx.rawPayload)).get('factur-x.xml'));
    expect(readCii(noteXml).preceding).toEqual({ number: invoice.number, date: invoice.issueDate });

    // Drafts: a PDF preview, no Factur-X; others' documents: 404.
    const draft = ok(await lea.post('/api/v1/quotes', draftQuote()), 201);
    expect((await lea.get(`/api/v1/quotes/${draft.id}/pdf`)).statusCode).toBe(200);
    expect((await karim.get(`/api/v1/invoices/${invoice.id}/pdf`)).statusCode).toBe(404);
  });

  it('sends the invoice by e-mail with its Factur-X attached', async () => {
    const invoice = await issuedInvoice();
    const sent = ok(await lea.post(`/api/v1/invoices/${invoice.id}/send`, { to: 'compta@client.example' }));
    expect(sent.status).toBe('sent');
    await t.deliver();
    const mail = t.mailbox.findLast((m) => m.to === 'compta@client.example');
    expect(mail?.raw).toContain(`filename=${invoice.number}.pdf`);
    expect(mail?.raw).toMatch(/Content-Type: application\/pdf/i);
  });
});
