// Issuing throughput on in-memory PGlite: per invoice, the issue itself (number from the entity's
// series, frozen document, sales and fee entries through the ledger, history, audit, one transaction),
// building the SalesDocument, the printed PDF and the Factur-X; each step's share of the time. Baseline
// measured in the same run: posting the same two entries straight through `postEntries`, one
// transaction each (what the ledger alone costs). It only prints. Run: `npm run bench:invoicing`.
//
// Size: BENCH_INVOICES (default 100).
import { performance } from 'node:perf_hooks';
import { demoEntities } from '../src/seed/demo-data.ts';
import { buildApp } from '../src/server/app.ts';
import { systemContext } from '../src/server/context.ts';
import { createDb, openPglite } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { transact } from '../src/server/db/transaction.ts';
import { buildFacturX } from '../src/server/documents/facturx.ts';
import { renderSalesPdf } from '../src/server/documents/sales-pdf.ts';
import { createInvoice, issueInvoice, salesDocumentOf } from '../src/server/invoicing/service.ts';
import { checkLedger } from '../src/server/ledger/checks.ts';
import { createFiscalYear, postEntries } from '../src/server/ledger/service.ts';
import { createFileMailer } from '../src/server/mail/mailer.ts';
import { createEntity } from '../src/server/organisation/service.ts';
import { testSecrets, testUrl } from '../src/server/testing.ts';

process.env.TZ = 'UTC';
const N = Number(process.env.BENCH_INVOICES ?? 100);

const handle = await createDb({ pglite: await openPglite() });
await migrate(handle);
const app = await buildApp({
  db: handle.db,
  mailer: createFileMailer('x', null),
  secrets: testSecrets,
  publicUrl: testUrl,
  clock: () => new Date('2026-11-20T10:00:00Z'),
  webRoot: null,
});
const ctx = systemContext(app.deps);
const entity = await createEntity(ctx, demoEntities[0] as (typeof demoEntities)[number]);
await createFiscalYear(ctx, entity.id, { startDate: '2026-01-01', endDate: '2026-12-31' });
const client = await handle.db
  .insertInto('clients')
  .values({
    kind: 'company',
    name: 'Théâtre de mesure',
    siren: '732829320',
    addressLine: '1 rue du Port',
    postalCode: '59000',
    city: 'Lille',
  })
  .returning('id')
  .executeTakeFirstOrThrow();
const activity = await handle.db
  .insertInto('activities')
  .values({ entityId: entity.id, name: 'Activité de mesure' })
  .returning('id')
  .executeTakeFirstOrThrow();

const drafts = [];
for (let i = 0; i < N; i++)
  drafts.push(
    await createInvoice(ctx, {
      activityId: activity.id,
      clientId: client.id,
      subject: `Prestation ${i + 1}`,
      serviceDate: null,
      lastServiceDate: null,
      notes: '',
      paymentTerm: 'days',
      paymentDays: 30,
      purchaseOrder: null,
      buyerReference: null,
      language: 'fr',
      lines: [
        {
          designation: 'Régie son',
          quantity: 1 + (i % 4),
          unitCode: 'DAY',
          unitPriceCents: 45_000,
          discountCents: 0,
          vatCategory: 'standard',
        },
        {
          designation: 'Formation',
          quantity: 1,
          unitCode: 'DAY',
          unitPriceCents: 60_000,
          discountCents: 0,
          vatCategory: 'exempt-training',
        },
      ],
    }),
  );

const time = { issue: 0, document: 0, pdf: 0, facturx: 0 };
let bytes = 0;
for (const d of drafts) {
  let t = performance.now();
  await issueInvoice(ctx, d.id);
  time.issue += performance.now() - t;
  t = performance.now();
  const doc = await salesDocumentOf(handle.db, d.id, '2026-11-20');
  time.document += performance.now() - t;
  t = performance.now();
  bytes += (await renderSalesPdf(doc)).length;
  time.pdf += performance.now() - t;
  t = performance.now();
  bytes += (await buildFacturX(doc)).length;
  time.facturx += performance.now() - t;
}

// Baseline: the same sales and fee entries posted straight, one transaction each.
const entries = (i: number) => [
  {
    entityId: entity.id,
    journalCode: 'VE',
    entryDate: '2026-11-20',
    label: `Mesure ${i}`,
    lines: [
      { accountNumber: '411', clientId: client.id, activityId: activity.id, debitCents: 168_000 },
      { accountNumber: '706', activityId: activity.id, creditCents: 90_000 },
      { accountNumber: '706', activityId: activity.id, creditCents: 60_000 },
      { accountNumber: '44580', activityId: activity.id, creditCents: 18_000 },
    ],
  },
  {
    entityId: entity.id,
    journalCode: 'ANA',
    entryDate: '2026-11-20',
    label: `Contribution ${i}`,
    lines: [
      { accountNumber: '961', activityId: activity.id, debitCents: 12_750 },
      { accountNumber: '971', creditCents: 12_750 },
    ],
  },
];
const t = performance.now();
for (let i = 0; i < N; i++)
  await transact(handle.db, (trx) => postEntries(trx, ctx.actor, entries(i), { now: new Date() }));
const baseline = performance.now() - t;

const total = time.issue + time.document + time.pdf + time.facturx;
const ms = (v: number) => `${(v / N).toFixed(1)} ms`;
const share = (v: number) => `${((100 * v) / total).toFixed(0)} %`;
console.log(`Issuing ${N} invoices on PGlite (two VAT categories, sales + fee entries each)`);
console.log(`  whole chain     ${(N / (total / 1000)).toFixed(1)} invoices/s  (${ms(total)} each)`);
for (const [step, v] of Object.entries(time))
  console.log(`  ${step.padEnd(15)} ${ms(v).padStart(9)}  ${share(v).padStart(5)}`);
console.log(
  `  baseline: the same entries through postEntries alone ${ms(baseline)} → issuing costs ${(time.issue / baseline).toFixed(1)}× the bare posting`,
);
console.log(`  files written: ${(bytes / N / 1024).toFixed(0)} KiB per invoice (PDF + Factur-X)`);
const broken = await checkLedger(handle.db);
if (broken.length) throw new Error(`ledger invariants broken: ${broken.join('; ')}`);
await app.close();
await handle.close();
