// Money going out: expense claims with receipts recognised by their bytes, mileage by the scale,
// supplier invoices, approval by the member's adviser posting 6xx/44566 vs 467/401 in the same
// transaction, and payout batches whose SEPA file passes the XSD and which are paid exactly once.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { mileageScales, yearlyAllowance } from '../../domain/expenses/mileage.ts';
import {
  createTestApp,
  guardedTables,
  type Session,
  signInDemo,
  snapshot,
  type TestApp,
} from '../testing.ts';
import { pdfBytes, pngBytes, receiptOf } from './fixtures.ts';

let t: TestApp;
let lea: Session;
let karim: Session;
let adviser: Session;
let lyon: Session;
let paris: Session;
let compta: Session;
let sono: string; // Léa's activity (SCIC, Lille office)
let montage: string; // Karim's activity (SCIC, Paris office)
let scic: string;

const tables = [...guardedTables, 'expenses', 'expense_receipts', 'payout_batches', 'payout_items'];
const unchanged = async (run: () => Promise<unknown>) => {
  const before = await snapshot(t.handle, tables);
  await run();
  expect(await snapshot(t.handle, tables)).toBe(before);
};

type Problem = { code: string; errors?: { pointer: string; code: string; message: string }[] };
const problemOf = (res: { headers: Record<string, unknown>; json: () => unknown }) => {
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  return res.json() as Problem;
};

const receiptExpense = (extra: Record<string, unknown> = {}) => ({
  kind: 'receipt',
  activityId: sono,
  expenseDate: '2026-11-12',
  label: 'Déjeuner avec l’organisateur du festival',
  supplierName: 'Brasserie du Théâtre',
  category: 'reception',
  amountExclVatCents: 4_000,
  vatCents: 400,
  amountInclVatCents: 4_400,
  invoiceToCoop: true,
  receipt: receiptOf('ticket.png', pngBytes(4, 4)),
  ...extra,
});

const trip = (km: number, extra: Record<string, unknown> = {}) => ({
  kind: 'mileage',
  activityId: sono,
  expenseDate: '2026-11-14',
  label: 'Concert à Arras',
  vehicleKind: 'car',
  fiscalCv: 5,
  electric: false,
  distanceKm: km,
  tripFrom: 'Lille',
  tripTo: 'Arras',
  ...extra,
});

const supplierInvoice = (extra: Record<string, unknown> = {}) => ({
  kind: 'supplier_invoice',
  activityId: sono,
  expenseDate: '2026-11-10',
  label: 'Location d’une console de mixage',
  supplierName: 'Loc’Son Lille',
  supplierSiren: '732829320',
  supplierInvoiceNumber: 'LS-2026-0457',
  dueDate: '2026-12-10',
  supplierIban: 'FR76 3000 6000 0112 3456 7890 189',
  supplierBic: 'AGRIFRPP',
  category: 'rental',
  amountExclVatCents: 35_000,
  vatCents: 7_000,
  amountInclVatCents: 42_000,
  receipt: receiptOf('facture.pdf', pdfBytes('Facture LS-2026-0457')),
  ...extra,
});

async function created(res: { statusCode: number; body: string; json: () => any }) {
  if (res.statusCode !== 201) throw new Error(`expected 201, got ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Creates, submits and approves; returns the approved expense. */
async function approved(body: Record<string, unknown>, by: Session = lea) {
  const e = await created(await by.post('/api/v1/expenses', body));
  expect((await by.post(`/api/v1/expenses/${e.id}/submit`)).statusCode).toBe(200);
  const res = await adviser.post(`/api/v1/expenses/${e.id}/approve`, {});
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const entryOf = async (id: string) => (await compta.get(`/api/v1/ledger/entries/${id}`)).json();

beforeAll(async () => {
  t = await createTestApp({ seed: 'demo' });
  [lea, karim, adviser, lyon, paris, compta] = await signInDemo(
    t.app,
    'lea',
    'karim',
    'adviser',
    'lyonAdviser',
    'parisAdviser',
    'accountant',
  );
  const mine = (await lea.get('/api/v1/activities')).json().items;
  sono = mine.find((a: { name: string }) => a.name === 'Sonorisation de concerts').id;
  montage = (await karim.get('/api/v1/activities'))
    .json()
    .items.find((a: { name: string }) => a.name === 'Montage de documentaires').id;
  const entities = (await compta.get('/api/v1/entities')).json();
  scic = (Array.isArray(entities) ? entities : entities.items).find(
    (e: { code: string }) => e.code === 'SCIC',
  ).id;
});

afterAll(async () => {
  await t?.close();
});

describe('the demo', () => {
  it('has claims in every state, each adviser seeing the queue of their offices only', async () => {
    const all = (await compta.get('/api/v1/expenses?limit=200')).json().items as { status: string }[];
    expect(new Set(all.map((e) => e.status))).toEqual(
      new Set(['draft', 'submitted', 'rejected', 'approved', 'paid']),
    );
    const queue = (await adviser.get('/api/v1/expenses?status=submitted')).json().items;
    expect(queue.map((e: { label: string }) => e.label)).toContain(
      'Parking du Zénith, déchargement du matériel',
    );
    expect(queue.map((e: { label: string }) => e.label)).not.toContain(
      'Étalonnage chez le laboratoire partenaire',
    );
    const parisQueue = (await paris.get('/api/v1/expenses?status=submitted')).json().items;
    expect(parisQueue.map((e: { label: string }) => e.label)).toEqual([
      'Étalonnage chez le laboratoire partenaire',
    ]);
  });
});

describe('an expense claim with a receipt', () => {
  it('goes from draft to approved, posted 6xx + 44566 against 467 for the amounts claimed', async () => {
    const draft = await created(await lea.post('/api/v1/expenses', receiptExpense()));
    expect(draft).toMatchObject({
      status: 'draft',
      kind: 'receipt',
      reference: expect.stringMatching(/^NDF-\d{6}$/),
      member: { firstName: 'Léa' },
      deductibleVatCents: 400,
      receipt: { contentType: 'image/png', fileName: 'ticket.png' },
    });
    const submitted = (await lea.post(`/api/v1/expenses/${draft.id}/submit`)).json();
    expect(submitted.status).toBe('submitted');
    // The adviser's queue shows it.
    const queue = (await adviser.get('/api/v1/expenses?status=submitted')).json();
    expect(queue.items.map((e: { id: string }) => e.id)).toContain(draft.id);

    const res = await adviser.post(`/api/v1/expenses/${draft.id}/approve`, { comment: 'OK' });
    expect(res.statusCode).toBe(200);
    const done = res.json();
    expect(done).toMatchObject({ status: 'approved', decisionComment: 'OK' });
    const entry = await entryOf(done.journalEntryId);
    expect(entry.journal.code).toBe('OD');
    expect(entry.source).toEqual({ type: 'expense', id: draft.id });
    expect(entry.pieceRef).toBe(draft.reference);
    const lines = entry.lines.map((l: any) => [
      l.accountNumber,
      l.debitCents,
      l.creditCents,
      l.activity?.id ?? null,
      l.auxiliary?.kind ?? null,
    ]);
    expect(lines).toEqual([
      ['6257', 4_000, 0, sono, null],
      ['44566', 400, 0, null, null],
      ['467', 0, 4_400, null, 'member'],
    ]);
    // The member's activity account shows it, labelled with the claim and the supplier.
    const account = (await lea.get(`/api/v1/activities/${sono}/account`)).json();
    const movement = account.movements.find((m: { entryId: string }) => m.entryId === done.journalEntryId);
    expect(movement).toMatchObject({ category: 'expense', amountCents: -4_000 });
    expect(movement.label).toBe(
      `Note de frais ${draft.reference} – Brasserie du Théâtre : Déjeuner avec l’organisateur du festival`,
    );
  });

  it('keeps the VAT in the expense when the receipt is not an invoice made out to the cooperative', async () => {
    const done = await approved(receiptExpense({ invoiceToCoop: false }));
    expect(done.deductibleVatCents).toBe(0);
    const entry = await entryOf(done.journalEntryId);
    expect(entry.lines.map((l: any) => [l.accountNumber, l.debitCents, l.creditCents])).toEqual([
      ['6257', 4_400, 0],
      ['467', 0, 4_400],
    ]);
  });

  it('deducts only the share of VAT the category allows (fuel: 80 %)', async () => {
    const done = await approved(
      receiptExpense({
        category: 'fuel',
        amountExclVatCents: 6_000,
        vatCents: 1_200,
        amountInclVatCents: 7_200,
      }),
    );
    expect(done.deductibleVatCents).toBe(960);
    const entry = await entryOf(done.journalEntryId);
    expect(entry.lines.map((l: any) => [l.accountNumber, l.debitCents, l.creditCents])).toEqual([
      ['6251', 6_240, 0],
      ['44566', 960, 0],
      ['467', 0, 7_200],
    ]);
  });

  it('stores a PNG renamed .pdf as a PNG and serves it back as an attachment to those who may see it', async () => {
    const png = pngBytes(2, 2);
    const e = await created(
      await lea.post('/api/v1/expenses', receiptExpense({ receipt: receiptOf('scan.pdf', png) })),
    );
    expect(e.receipt).toEqual({ contentType: 'image/png', fileName: 'scan.png', sizeBytes: png.length });
    for (const who of [lea, adviser, compta]) {
      const res = await who.get(`/api/v1/expenses/${e.id}/receipt`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['content-disposition']).toBe('attachment; filename="scan.png"');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(Buffer.compare(res.rawPayload, png)).toBe(0);
    }
    for (const who of [karim, lyon, paris]) {
      expect((await who.get(`/api/v1/expenses/${e.id}/receipt`)).statusCode).toBe(404);
      expect((await who.get(`/api/v1/expenses/${e.id}`)).statusCode).toBe(404);
    }
  });

  it('refuses a text file named .jpg, a truncated PDF and garbage base64, and changes nothing', async () => {
    const text = Buffer.from('Ceci n’est pas une photo, seulement du texte qui se fait passer pour un JPEG.');
    const truncated = pdfBytes().subarray(0, 120);
    for (const [receipt, pointer, code] of [
      [receiptOf('photo.jpg', text), '/receipt/contentBase64', 'receipt.not_accepted'],
      [receiptOf('facture.pdf', truncated), '/receipt/contentBase64', 'receipt.not_accepted'],
      [{ fileName: 'x.png', contentBase64: '***' }, '/receipt/contentBase64', 'receipt.unreadable'],
    ] as const) {
      await unchanged(async () => {
        const res = await lea.post('/api/v1/expenses', receiptExpense({ receipt }));
        expect(res.statusCode).toBe(code === 'receipt.unreadable' ? 400 : 422);
        expect(problemOf(res).errors).toContainEqual(expect.objectContaining({ pointer, code }));
      });
    }
  });

  it('refuses a receipt above 10 MB and a body above the upload limit', async () => {
    await unchanged(async () => {
      const big = Buffer.alloc(10 * 1024 * 1024 + 1024, 0x41);
      const res = await lea.post('/api/v1/expenses', receiptExpense({ receipt: receiptOf('big.jpg', big) }));
      expect(res.statusCode).toBe(400);
      expect(problemOf(res).errors).toContainEqual(
        expect.objectContaining({ pointer: '/receipt/contentBase64', code: 'receipt.too_large' }),
      );
      const huge = await lea.post('/api/v1/expenses', {
        ...receiptExpense(),
        receipt: { fileName: 'huge.jpg', contentBase64: 'A'.repeat(16 * 1024 * 1024) },
      });
      expect(huge.statusCode).toBe(413);
    });
  });

  it('refuses inconsistent amounts, a mileage category on a receipt and an activity not one’s own', async () => {
    await unchanged(async () => {
      const res = await lea.post('/api/v1/expenses', receiptExpense({ amountInclVatCents: 4_500 }));
      expect(res.statusCode).toBe(400);
      expect(problemOf(res).errors).toContainEqual(
        expect.objectContaining({
          pointer: '/amountInclVatCents',
          code: 'expense.amounts_inconsistent',
          message: 'HT + TVA doit être égal au TTC.',
        }),
      );
      const english = await lea.post('/api/v1/expenses', receiptExpense({ category: 'mileage' }), {
        'accept-language': 'en',
      });
      expect(problemOf(english).errors).toContainEqual(
        expect.objectContaining({ pointer: '/category', message: 'Choose an expense category.' }),
      );
      expect((await lea.post('/api/v1/expenses', receiptExpense({ activityId: montage }))).statusCode).toBe(
        404,
      );
      // An adviser follows the activity but records nothing in the member's name.
      expect((await adviser.post('/api/v1/expenses', receiptExpense())).statusCode).toBe(403);
    });
  });

  it('is not submitted without its receipt, and can be sent back, fixed and approved', async () => {
    const { receipt: _r, ...withoutReceipt } = receiptExpense();
    const e = await created(await lea.post('/api/v1/expenses', withoutReceipt));
    await unchanged(async () => {
      const res = await lea.post(`/api/v1/expenses/${e.id}/submit`);
      expect(res.statusCode).toBe(422);
      expect(problemOf(res)).toMatchObject({ code: 'expense.receipt_required' });
    });
    const attached = await lea.put(`/api/v1/expenses/${e.id}/receipt`, receiptOf('ticket.pdf', pdfBytes()));
    expect(attached.json().receipt).toMatchObject({ contentType: 'application/pdf' });
    await lea.post(`/api/v1/expenses/${e.id}/submit`);
    // Only the adviser of her office (or staff) decides; a comment is required to reject.
    await unchanged(async () => {
      expect((await lyon.post(`/api/v1/expenses/${e.id}/approve`, {})).statusCode).toBe(404);
      expect((await lea.post(`/api/v1/expenses/${e.id}/approve`, {})).statusCode).toBe(403);
      expect((await adviser.post(`/api/v1/expenses/${e.id}/reject`, { comment: '' })).statusCode).toBe(400);
    });
    const rejected = (
      await adviser.post(`/api/v1/expenses/${e.id}/reject`, { comment: 'Ticket illisible' })
    ).json();
    expect(rejected).toMatchObject({
      status: 'rejected',
      decisionComment: 'Ticket illisible',
      journalEntryId: null,
    });
    await lea.put(`/api/v1/expenses/${e.id}/receipt`, receiptOf('ticket.png', pngBytes(3, 3)));
    expect((await lea.post(`/api/v1/expenses/${e.id}/submit`)).json().status).toBe('submitted');
    expect((await compta.post(`/api/v1/expenses/${e.id}/approve`, {})).json().status).toBe('approved');
    // Approved: nothing more to submit, reject or remove.
    await unchanged(async () => {
      expect((await adviser.post(`/api/v1/expenses/${e.id}/reject`, { comment: 'non' })).statusCode).toBe(
        409,
      );
      expect((await lea.delete(`/api/v1/expenses/${e.id}`)).statusCode).toBe(409);
    });
  });

  it('approves once under the same Idempotency-Key and posts one entry', async () => {
    const e = await created(await lea.post('/api/v1/expenses', receiptExpense()));
    await lea.post(`/api/v1/expenses/${e.id}/submit`);
    const headers = { 'idempotency-key': `approve-${e.id}` };
    const first = await adviser.post(`/api/v1/expenses/${e.id}/approve`, {}, headers);
    const again = await adviser.post(`/api/v1/expenses/${e.id}/approve`, {}, headers);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const entries = await t.handle.db
      .selectFrom('journalEntries')
      .select('id')
      .where('sourceType', '=', 'expense')
      .where('sourceId', '=', e.id)
      .execute();
    expect(entries).toHaveLength(1);
  });
});

describe('mileage', () => {
  it('pays each trip the difference of the year’s scale amounts, shows the estimate first, needs no receipt', async () => {
    const scale = mileageScales.find((s) => s.year === 2026);
    if (!scale) throw new Error('no 2026 scale');
    // Another vehicle (a 3 CV motorcycle) so that the demo's and other tests' trips do not count.
    const moto = { vehicleKind: 'motorcycle', fiscalCv: 3 };
    const estimate = (
      await lea.post('/api/v1/expenses/mileage-estimate', {
        activityId: sono,
        expenseDate: '2026-11-14',
        ...moto,
        electric: false,
        distanceKm: 2_800,
      })
    ).json();
    expect(estimate).toMatchObject({
      kmBefore: 0,
      amountCents: yearlyAllowance(scale, 'motorcycle', 3, 2_800),
    });

    const first = await approved(trip(2_800, moto));
    expect(first.amountInclVatCents).toBe(estimate.amountCents);
    expect(first.mileage).toMatchObject({ kmBefore: 0, distanceKm: 2_800 });
    // The second trip crosses into the 3,001–6,000 km band: paid as f(3,200) − f(2,800).
    const second = await approved(trip(400, moto));
    expect(second.mileage.kmBefore).toBe(2_800);
    expect(second.amountInclVatCents).toBe(
      yearlyAllowance(scale, 'motorcycle', 3, 3_200) - yearlyAllowance(scale, 'motorcycle', 3, 2_800),
    );
    expect(first.amountInclVatCents + second.amountInclVatCents).toBe(
      yearlyAllowance(scale, 'motorcycle', 3, 3_200),
    );
    const entry = await entryOf(second.journalEntryId);
    expect(entry.lines.map((l: any) => [l.accountNumber, l.debitCents, l.creditCents])).toEqual([
      ['6251', second.amountInclVatCents, 0],
      ['467', 0, second.amountInclVatCents],
    ]);
    expect(entry.label).toBe(
      `Note de frais ${second.reference} – indemnités kilométriques : Concert à Arras`,
    );
  });

  it('refuses a year without a scale', async () => {
    await unchanged(async () => {
      const res = await lea.post('/api/v1/expenses', trip(10, { expenseDate: '2019-03-01' }));
      expect(res.statusCode).toBe(422);
      expect(problemOf(res).code).toBe('expense.no_mileage_scale');
    });
  });
});

describe('supplier invoices', () => {
  it('posts 6xx + 44566 against the supplier’s 401 account, created on first use', async () => {
    const done = await approved(supplierInvoice());
    expect(done.member).toBeNull();
    expect(done.supplierInvoice).toMatchObject({
      number: 'LS-2026-0457',
      iban: 'FR7630006000011234567890189',
    });
    const entry = await entryOf(done.journalEntryId);
    expect(entry.journal.code).toBe('AC');
    expect(entry.pieceRef).toBe('LS-2026-0457');
    expect(
      entry.lines.map((l: any) => [l.accountNumber, l.debitCents, l.creditCents, l.auxiliary?.code ?? null]),
    ).toEqual([
      ['6135', 35_000, 0, null],
      ['44566', 7_000, 0, null],
      ['401', 0, 42_000, 'F732829320'],
    ]);
  });

  it('refuses an IBAN that fails validation and a due date before the invoice', async () => {
    await unchanged(async () => {
      const iban = await lea.post(
        '/api/v1/expenses',
        supplierInvoice({ supplierIban: 'FR76 3000 6000 0112 3456 7890 188' }),
      );
      expect(iban.statusCode).toBe(400);
      expect(problemOf(iban).errors?.map((e) => [e.pointer, e.code])).toEqual([
        ['/supplierIban', 'iban.invalid'],
      ]);
      const due = await lea.post('/api/v1/expenses', supplierInvoice({ dueDate: '2026-11-01' }));
      expect(problemOf(due).errors?.map((e) => [e.pointer, e.code])).toEqual([
        ['/dueDate', 'expense.due_before_date'],
      ]);
    });
  });
});

describe('payouts', () => {
  const xsd = () => readFile(new URL('../documents/schemas/pain.001.001.09.xsd', import.meta.url), 'utf8');
  const debtor = {
    name: 'Commune Création SCIC',
    iban: 'FR76 4255 9100 0008 0112 3456 155',
    bic: 'CCOPFRPPXXX',
  };

  it('are the accountants’: others do not see payable items nor batches', async () => {
    for (const who of [lea, adviser]) {
      expect((await who.get('/api/v1/payouts')).statusCode).toBe(404);
      expect((await who.get(`/api/v1/expenses?payable=true&entityId=${scic}`)).statusCode).toBe(403);
    }
  });

  it('batch approved items, write a SEPA file that passes the XSD, and pay 467/401 against 512 once', async () => {
    const claim = await approved(receiptExpense());
    const invoice = await approved(supplierInvoice({ supplierInvoiceNumber: 'LS-2026-0460' }));
    const payable = (await compta.get(`/api/v1/expenses?payable=true&entityId=${scic}&limit=200`)).json();
    expect(payable.items.map((e: { id: string }) => e.id)).toEqual(
      expect.arrayContaining([claim.id, invoice.id]),
    );

    // Without a debtor account on file, the first batch must name one.
    await unchanged(async () => {
      const res = await compta.post('/api/v1/payouts', {
        entityId: scic,
        executionDate: '2026-11-23',
        expenseIds: [claim.id],
      });
      expect(problemOf(res).code).toBe('payout.debtor_required');
    });
    const res = await compta.post('/api/v1/payouts', {
      entityId: scic,
      executionDate: '2026-11-23',
      expenseIds: [claim.id, invoice.id],
      debtor,
    });
    expect(res.statusCode, res.body).toBe(201);
    const batch = res.json();
    expect(batch).toMatchObject({ status: 'open', totalCents: 4_400 + 42_000 });
    expect(batch.items.map((i: { payee: string }) => i.payee).sort()).toEqual([
      'Loc’Son Lille',
      'Léa Martin',
    ]);

    // An item is in one batch only.
    await unchanged(async () => {
      const twice = await compta.post('/api/v1/payouts', {
        entityId: scic,
        executionDate: '2026-11-23',
        expenseIds: [invoice.id],
      });
      expect(twice.statusCode).toBe(409);
      expect(problemOf(twice).errors).toEqual([
        expect.objectContaining({ pointer: '/expenseIds/0', code: 'payout.not_payable' }),
      ]);
    });

    const file = await compta.get(`/api/v1/payouts/${batch.id}/sepa`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toMatch(
      /^attachment; filename="virements-SCIC-VIR-[0-9A-F]{8}\.xml"$/,
    );
    const xml = file.body;
    const { errors } = await validateXML({
      xml: [{ fileName: 'batch.xml', contents: xml }],
      schema: [await xsd()],
    });
    expect(errors.map((e) => e.rawMessage)).toEqual([]);
    expect(xml).toContain('<InstdAmt Ccy="EUR">44.00</InstdAmt>');
    expect(xml).toContain('<InstdAmt Ccy="EUR">420.00</InstdAmt>');
    expect(xml).toContain('<IBAN>FR7630006000011234567890189</IBAN>'); // the supplier's
    expect(xml).toContain('<IBAN>FR7642559000412102784530170</IBAN>'); // Léa's, unsealed for the file only
    expect(xml).toContain(`<EndToEndId>${claim.reference}</EndToEndId>`);
    expect((await lea.get(`/api/v1/payouts/${batch.id}/sepa`)).statusCode).toBe(404);

    const key = { 'idempotency-key': `execute-${batch.id}` };
    const executed = await compta.post(`/api/v1/payouts/${batch.id}/execute`, {}, key);
    expect(executed.statusCode).toBe(200);
    const paid = executed.json();
    expect(paid.status).toBe('executed');
    const entry = await entryOf(paid.journalEntryId);
    expect(entry.journal.code).toBe('BQ');
    expect(
      entry.lines.map((l: any) => [l.accountNumber, l.debitCents, l.creditCents, l.auxiliary?.kind ?? null]),
    ).toEqual(
      expect.arrayContaining([
        ['467', 4_400, 0, 'member'],
        ['401', 42_000, 0, 'supplier'],
        ['512', 0, 46_400, null],
      ]),
    );
    expect((await lea.get(`/api/v1/expenses/${claim.id}`)).json()).toMatchObject({
      status: 'paid',
      payoutBatchId: batch.id,
    });
    // The same key replays the answer; another call is refused; nothing is posted twice.
    const replay = await compta.post(`/api/v1/payouts/${batch.id}/execute`, {}, key);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    await unchanged(async () => {
      const again = await compta.post(`/api/v1/payouts/${batch.id}/execute`, {});
      expect(again.statusCode).toBe(409);
      expect(problemOf(again).code).toBe('payout.already_executed');
    });
    // The member's 467 account is settled for this claim: the reimbursement shows on the activity.
    const account = (await lea.get(`/api/v1/activities/${sono}/account`)).json();
    const movement = account.movements.find((m: { entryId: string }) => m.entryId === paid.journalEntryId);
    expect(movement.amountCents).toBe(0);
    expect(movement.lines.map((l: { label: string }) => l.label)).toEqual(
      expect.arrayContaining([
        `Remboursement ${claim.reference} Léa Martin`,
        `Paiement ${invoice.reference} Loc’Son Lille`,
      ]),
    );
  });

  it('is executed once when two "execute" arrive together', async () => {
    const claim = await approved(receiptExpense({ label: 'Péage A1', category: 'travel' }));
    const batch = (
      await compta.post('/api/v1/payouts', {
        entityId: scic,
        executionDate: '2026-11-24',
        expenseIds: [claim.id],
      })
    ).json();
    const results = await Promise.all([
      compta.post(`/api/v1/payouts/${batch.id}/execute`, {}),
      compta.post(`/api/v1/payouts/${batch.id}/execute`, {}),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const entries = await t.handle.db
      .selectFrom('journalEntries')
      .select('id')
      .where('sourceType', '=', 'payout_batch')
      .where('sourceId', '=', batch.id)
      .execute();
    expect(entries).toHaveLength(1);
  });
});
