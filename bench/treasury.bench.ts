// Bank statement import and matching, each figure next to a baseline measured in the same run. It
// only prints. Run: `npm run bench:treasury`.
//
// Matching: 200,000 open invoices are indexed once, then every line of a CAMT.053 statement is matched
// (40 % quote an invoice number, 20 % pay an exact amount with the client's name, the rest are fees,
// salaries and transfers nobody can place). Statements of 10,000 and 100,000 lines are parsed and
// matched; the ratio of their times says whether matching stays linear (10×) or turns quadratic
// (100×). Baseline: the naive way, each line scanning every invoice for its number, on a sample.
// Import: the 100,000-line file through `importStatement` (parse, digest, raw file kept, lines added
// unless already known) into in-memory PGlite, against plain multi-row INSERTs of the parsed lines.
//
// Sizes: BENCH_INVOICES (default 200,000), BENCH_LINES (100,000).
import { performance } from 'node:perf_hooks';
import {
  buildMatchIndex,
  matchStatementLine,
  nameWords,
  type OpenInvoice,
} from '../src/domain/treasury/matching.ts';
import { parseCamt053, type StatementLine } from '../src/domain/treasury/statements.ts';
import { demoEntities, mulberry32 } from '../src/seed/demo-data.ts';
import { buildApp } from '../src/server/app.ts';
import { systemContext } from '../src/server/context.ts';
import { createDb } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { createFileMailer } from '../src/server/mail/mailer.ts';
import { createEntity } from '../src/server/organisation/service.ts';
import { frIban, testSecrets, testUrl } from '../src/server/testing.ts';
import { createBankAccount, importStatement } from '../src/server/treasury/service.ts';

process.env.TZ = 'UTC';

const INVOICES = Number(process.env.BENCH_INVOICES ?? 200_000);
const LINES = Number(process.env.BENCH_LINES ?? 100_000);
const SMALL = Math.max(1, Math.round(LINES / 10));
const NAIVE_SAMPLE = 200;

const rand = mulberry32(7);
const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)] as T;
const firms = [
  'Théâtre',
  'Atelier',
  'Studio',
  'Compagnie',
  'Festival',
  'Mairie',
  'Association',
  'Collectif',
  'Production',
  'Galerie',
];
const places = [
  'du Nord',
  'des Tisserands',
  'Lumière',
  'de Roubaix',
  'du Canal',
  'Vauban',
  'des Flandres',
  'de la Deûle',
  'Opale',
  'du Vieux-Lille',
];
const clientNames = Array.from({ length: 5000 }, (_, i) => `${pick(firms)} ${pick(places)} ${i}`);

const invoices: OpenInvoice[] = Array.from({ length: INVOICES }, (_, i) => ({
  id: `inv-${i}`,
  number: `FA-2026-${String(i + 1).padStart(6, '0')}`,
  clientName: clientNames[i % clientNames.length] as string,
  issueDate: `2026-${String(1 + (i % 11)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
  outstandingCents: 5_000 + Math.floor(rand() * 2_000_000),
}));

const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A CAMT.053 of `n` booked entries of the kinds a cooperative's account sees. */
function statementXml(n: number, iban: string): string {
  const parts: string[] = [];
  for (let k = 0; k < n; k++) {
    const r = rand();
    const inv = pick(invoices);
    let amount: number;
    let credit = true;
    let name: string;
    let remittance: string;
    if (r < 0.4) {
      amount = inv.outstandingCents;
      name = inv.clientName.toUpperCase();
      remittance = `Facture ${inv.number}`;
    } else if (r < 0.6) {
      amount = inv.outstandingCents;
      name = inv.clientName;
      remittance = 'Virement';
    } else {
      amount = 100 + Math.floor(rand() * 500_000);
      credit = rand() < 0.3;
      name = credit ? 'DONATEUR ANONYME' : 'URSSAF NORD PAS DE CALAIS';
      remittance = credit ? 'Don' : 'Cotisations';
    }
    parts.push(
      `<Ntry><Amt Ccy="EUR">${(amount / 100).toFixed(2)}</Amt><CdtDbtInd>${credit ? 'CRDT' : 'DBIT'}</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-11-${String(1 + (k % 28)).padStart(2, '0')}</Dt></BookgDt><AcctSvcrRef>REF-${n}-${k}</AcctSvcrRef><NtryDtls><TxDtls><RltdPties>${credit ? `<Dbtr><Nm>${esc(name)}</Nm></Dbtr>` : `<Cdtr><Nm>${esc(name)}</Nm></Cdtr>`}</RltdPties><RmtInf><Ustrd>${esc(remittance)}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>B</MsgId><CreDtTm>2026-11-30T20:00:00</CreDtTm></GrpHdr><Stmt><Id>S</Id><Acct><Id><IBAN>${iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>${parts.join('')}</Stmt></BkToCstmrStmt></Document>`;
}

const seconds = async <T>(fn: () => T | Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const value = await fn();
  return [value, (performance.now() - start) / 1000];
};
const rate = (n: number, s: number) => `${Math.round(n / s).toLocaleString('en-US')} lines/s`;

/** The naive way: every line reads every invoice's number in its text. */
function naiveMatch(line: StatementLine, open: readonly OpenInvoice[]) {
  const text = `${line.remittance ?? ''} ${line.label}`.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const hits = open.filter((i) => text.includes(i.number.replace(/[^A-Z0-9]/g, '')));
  if (hits.length) return hits;
  const payer = nameWords(line.counterpartyName ?? line.label);
  return open.filter(
    (i) => i.outstandingCents === line.amountCents && [...nameWords(i.clientName)].some((w) => payer.has(w)),
  );
}

const iban = frIban('00077777777');
console.log(
  `Treasury bench: ${INVOICES.toLocaleString('en-US')} open invoices, statements of ${SMALL.toLocaleString('en-US')} and ${LINES.toLocaleString('en-US')} lines\n`,
);

const [index, indexSeconds] = await seconds(() => buildMatchIndex(invoices));
console.log(`index of the open invoices:   ${indexSeconds.toFixed(2)} s`);

const results: Record<number, { parse: number; match: number; matched: number }> = {};
let bigXml = '';
for (const n of [SMALL, LINES]) {
  const xml = statementXml(n, iban);
  if (n === LINES) bigXml = xml;
  const [statement, parse] = await seconds(() => parseCamt053(xml));
  const [matched, match] = await seconds(
    () => statement.lines.filter((l) => matchStatementLine(l, index).length > 0).length,
  );
  results[n] = { parse, match, matched };
  console.log(
    `${n.toLocaleString('en-US').padStart(8)} lines (${(xml.length / 1e6).toFixed(1)} MB): parse ${rate(n, parse)}, match ${rate(n, match)} — ${Math.round((100 * matched) / n)} % with a suggestion`,
  );
}
const small = results[SMALL];
const big = results[LINES];
if (small && big)
  console.log(
    `growth from ${SMALL.toLocaleString('en-US')} to ${LINES.toLocaleString('en-US')} lines (×${LINES / SMALL}): matching ×${(big.match / small.match).toFixed(1)}, parsing ×${(big.parse / small.parse).toFixed(1)} (quadratic would be ×${(LINES / SMALL) ** 2})`,
  );

const sample = parseCamt053(statementXml(NAIVE_SAMPLE, iban)).lines;
const [, naive] = await seconds(() => sample.map((l) => naiveMatch(l, invoices)));
const [, indexed] = await seconds(() => sample.map((l) => matchStatementLine(l, index)));
console.log(
  `baseline, each line scanning every invoice (${NAIVE_SAMPLE} lines): ${rate(NAIVE_SAMPLE, naive)}; indexed: ${rate(NAIVE_SAMPLE, indexed)} — ×${Math.round(naive / indexed)} faster; ${LINES.toLocaleString('en-US')} lines naively would take ~${Math.round((naive / NAIVE_SAMPLE) * LINES)} s`,
);

// ——— Import into the database ———
const handle = await createDb({});
await migrate(handle);
const app = await buildApp({
  db: handle.db,
  mailer: createFileMailer('x', null),
  secrets: testSecrets,
  publicUrl: testUrl,
  clock: () => new Date('2026-11-30T10:00:00Z'),
  webRoot: null,
});
const ctx = systemContext(app.deps);
const entity = await createEntity(ctx, demoEntities[0] as (typeof demoEntities)[number]);
const account = await createBankAccount(ctx, {
  entityId: entity.id,
  label: 'Bench',
  iban,
  bic: null,
  ledgerAccount: '512',
  forInvoices: false,
});
const bytes = new TextEncoder().encode(bigXml);
const [imported, importSeconds] = await seconds(() =>
  importStatement(ctx, account.id, { fileName: 'bench.xml', bytes }),
);
const [again, againSeconds] = await seconds(() =>
  importStatement(ctx, account.id, {
    fileName: 'bench-again.xml',
    bytes: new TextEncoder().encode(bigXml.replace('<MsgId>B</MsgId>', '<MsgId>C</MsgId>')),
  }),
);
// Baseline: the same parsed rows as plain multi-row INSERTs into the same table (no parse, no digest,
// no conflict check, no raw file).
const rows = parseCamt053(bigXml).lines;
const [, bareSeconds] = await seconds(async () => {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await handle.db
      .insertInto('bankStatementLines')
      .values(
        chunk.map((l) => ({
          bankAccountId: account.id,
          importId: imported.id,
          bookingDate: l.bookingDate,
          amountCents: l.amountCents,
          label: l.label,
          counterpartyName: l.counterpartyName ?? null,
          remittance: l.remittance ?? null,
          bankReference: l.bankReference ?? null,
          fingerprint: `bare-${l.fingerprint}`,
        })),
      )
      .execute();
  }
});
console.log(
  `\nimport of ${LINES.toLocaleString('en-US')} lines into PGlite: ${rate(LINES, importSeconds)} (${imported.newLineCount.toLocaleString('en-US')} new); the overlapping file again: ${rate(LINES, againSeconds)} (${again.newLineCount} new)`,
);
console.log(
  `baseline, plain multi-row INSERT of the parsed lines: ${rate(LINES, bareSeconds)} — import = ${Math.round((100 * bareSeconds) / importSeconds)} % of it (it also parses, digests and keeps the file)`,
);
await app.close();
await handle.close();
