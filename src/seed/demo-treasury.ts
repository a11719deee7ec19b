// The demo cooperative's bank: one account per entity (the one printed on invoices), and for the
// entity whose clients owe something a November statement as its bank would send it: a client
// transfer quoting an open invoice, a transfer nobody can place yet and the bank's fee, waiting in
// the reconciliation queue.
import { frenchIban } from '../domain/members/bank.ts';
import type { Ctx } from '../server/context.ts';
import {
  createBankAccount,
  importStatement,
  listBankAccounts,
  openInvoices,
} from '../server/treasury/service.ts';

/** A French IBAN at the cooperative bank's branch. */
const coopIban = (account: string) => frenchIban('42559', '10000', account);

const accounts: { entity: string; label: string; account: string }[] = [
  { entity: 'SCIC', label: 'Crédit Coopératif — compte courant', account: '08001234501' },
  { entity: 'CAE', label: 'Crédit Coopératif — compte courant', account: '08001234602' },
  { entity: 'PORTAGE', label: 'Crédit Coopératif — compte courant', account: '08001234703' },
];

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

const entry = (
  ref: string,
  cents: number,
  credit: boolean,
  date: string,
  name: string,
  remittance: string,
  info: string,
) => `
    <Ntry>
      <Amt Ccy="EUR">${(cents / 100).toFixed(2)}</Amt><CdtDbtInd>${credit ? 'CRDT' : 'DBIT'}</CdtDbtInd><Sts>BOOK</Sts>
      <BookgDt><Dt>${date}</Dt></BookgDt><ValDt><Dt>${date}</Dt></ValDt><AcctSvcrRef>${ref}</AcctSvcrRef>
      <NtryDtls><TxDtls><RltdPties>${credit ? `<Dbtr><Nm>${esc(name)}</Nm></Dbtr>` : `<Cdtr><Nm>${esc(name)}</Nm></Cdtr>`}</RltdPties>
        <RmtInf><Ustrd>${esc(remittance)}</Ustrd></RmtInf></TxDtls></NtryDtls>
      <AddtlNtryInf>${esc(info)}</AddtlNtryInf>
    </Ntry>`;

export async function seedDemoTreasury(ctx: Ctx, refs: { entities: Map<string, string> }) {
  const created = new Map<string, { id: string; iban: string }>();
  for (const a of accounts) {
    const entityId = refs.entities.get(a.entity);
    if (!entityId) continue;
    const account = await createBankAccount(ctx, {
      entityId,
      label: a.label,
      iban: coopIban(a.account),
      bic: 'CCOPFRPPXXX',
      ledgerAccount: '512',
      forInvoices: true,
    });
    created.set(a.entity, account);
  }
  // The statement goes to the entity whose clients owe something, so that one of its lines pays an invoice.
  let target = 'SCIC';
  for (const code of ['CAE', 'SCIC', 'PORTAGE']) {
    const id = refs.entities.get(code);
    if (id && (await openInvoices(ctx, id)).items.length > 0) {
      target = code;
      break;
    }
  }
  const scic = created.get(target);
  const scicId = refs.entities.get(target);
  if (!scic || !scicId) return;
  const open = (await openInvoices(ctx, scicId)).items;
  const quoted = open.find((i) => i.clientName !== 'Hélène Vandamme') ?? open[0];
  const moves: [string, number, boolean, string, string, string, string][] = [
    [
      'CC-26-11-0152',
      45_000,
      true,
      '2026-11-17',
      'ASSOCIATION LES PETITS DEBROUILLARDS',
      'ADHESION ATELIER',
      'VIR SEPA ASSO PETITS DEBROUILLARDS',
    ],
    [
      'CC-26-11-0160',
      1_250,
      false,
      '2026-11-18',
      'CREDIT COOPERATIF',
      'FRAIS TENUE DE COMPTE NOVEMBRE',
      'FRAIS TENUE DE COMPTE',
    ],
  ];
  if (quoted) {
    const name = quoted.clientName.toUpperCase();
    moves.unshift([
      'CC-26-11-0141',
      quoted.outstandingCents,
      true,
      '2026-11-16',
      name,
      `REGLEMENT FACTURE ${quoted.number}`,
      `VIR SEPA ${name}`,
    ]);
  }
  // The bank's balance is the books' plus what they do not know yet: once matched, the gap closes.
  const ledger =
    (await listBankAccounts(ctx, scicId)).items.find((a) => a.id === scic.id)?.ledgerBalanceCents ?? 0;
  const closing = moves.reduce((s, m) => s + (m[2] ? m[1] : -m[1]), ledger);
  const lines = moves.map((m) => entry(...m)).join('');
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>CCOP-20261118-001</MsgId><CreDtTm>2026-11-18T21:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>20261118-${target}</Id>
      <FrToDt><FrDtTm>2026-11-16T00:00:00</FrDtTm><ToDtTm>2026-11-18T23:59:59</ToDtTm></FrToDt>
      <Acct><Id><IBAN>${scic.iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${(Math.abs(closing) / 100).toFixed(2)}</Amt><CdtDbtInd>${closing >= 0 ? 'CRDT' : 'DBIT'}</CdtDbtInd><Dt><Dt>2026-11-18</Dt></Dt></Bal>${lines}
    </Stmt>
  </BkToCstmrStmt>
</Document>
`;
  await importStatement(ctx, scic.id, {
    fileName: 'releve-2026-11-18.xml',
    bytes: new TextEncoder().encode(xml),
  });
}
