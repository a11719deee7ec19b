// Bank statements read into one shape, whatever the bank sent: CAMT.053 (ISO 20022 end-of-day
// report), OFX (v1 SGML or v2 XML) or the documented CSV (docs/api/treasury.md). Every parser is
// total: any input gives a statement or a DomainError `statement.*`, never another exception, so a
// hostile or broken file is refused cleanly and changes nothing.

import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { type IsoDate, isIsoDate } from '../dates.ts';
import { DomainError, type ErrorCode } from '../errors.ts';
import type { Cents } from '../money.ts';

export type StatementFormat = 'camt053' | 'ofx' | 'csv';

export type StatementLine = {
  bookingDate: IsoDate;
  valueDate?: IsoDate;
  /** Signed: positive money in (client payment), negative money out. */
  amountCents: Cents;
  label: string;
  counterpartyName?: string;
  counterpartyIban?: string;
  /** Unstructured and structured remittance (the invoice number a client quoted). */
  remittance?: string;
  endToEndId?: string;
  /** The bank's own reference of the transaction, when it gives one. */
  bankReference?: string;
  /** Stable identity of the line across files: re-importing it, alone or in an overlapping file, adds nothing. */
  fingerprint: string;
};

export type Statement = {
  format: StatementFormat;
  accountIban?: string;
  accountId?: string;
  currency: string;
  fromDate?: IsoDate;
  toDate?: IsoDate;
  openingBalanceCents?: Cents;
  closingBalanceCents?: Cents;
  lines: StatementLine[];
};

/** Limits that keep a single import bounded in memory and time (checked before parsing). */
export const statementLimits = { maxBytes: 64 * 1024 * 1024, maxLines: 200_000 } as const;

const refuse = (code: StatementCode, message: string, pointer?: string): never => {
  throw new DomainError(code, message, pointer ? { errors: [{ pointer, code, message }] } : {});
};

export type StatementCode = Extract<ErrorCode, `statement.${string}`>;

/** Reads a decimal amount ("1200.5", "-12,30", "1 234,56") into cents without floating point. */
export function decimalToCents(text: string): Cents | null {
  const t = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  const m = /^([+-])?(\d{1,13})(?:[.,](\d{1,2}))?$/.exec(t);
  if (!m) return null;
  const value = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -value : value;
}

/** ISO date from "2026-11-20", "2026-11-20T10:00:00", "20261120[120000[.000][+1:CET]]" or "20/11/2026". */
export function readDate(text: string): IsoDate | null {
  const t = text.trim();
  let iso: string | null = null;
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$/.exec(t);
  if (m) iso = `${m[1]}-${m[2]}-${m[3]}`;
  m = m ? null : /^(\d{4})(\d{2})(\d{2})(?:\d{0,6}(?:\.\d+)?(?:\[.*\])?)?$/.exec(t);
  if (m) iso = `${m[1]}-${m[2]}-${m[3]}`;
  m = iso ? null : /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(t);
  if (m) iso = `${m[3]}-${m[2]}-${m[1]}`;
  return iso && isIsoDate(iso) ? iso : null;
}

const clean = (text: unknown): string | undefined => {
  if (typeof text !== 'string' && typeof text !== 'number') return undefined;
  const s = String(text).replace(/\s+/g, ' ').trim();
  return s === '' ? undefined : s.slice(0, 500);
};

/** Gives identical lines of one file distinct fingerprints (the n-th occurrence), so that two
 * genuine identical transfers on one day both count, while the same file read twice adds nothing. */
function fingerprintLines(
  lines: Omit<StatementLine, 'fingerprint'>[],
  key: (l: Omit<StatementLine, 'fingerprint'>) => string,
) {
  const seen = new Map<string, number>();
  return lines.map((l) => {
    const k = key(l);
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    return { ...l, fingerprint: n === 0 ? k : `${k}#${n}` };
  });
}

const contentKey = (l: Omit<StatementLine, 'fingerprint'>) =>
  [l.bookingDate, l.amountCents, l.endToEndId ?? '', l.remittance ?? l.label, l.counterpartyIban ?? ''].join(
    '|',
  );

function checkSize(text: string) {
  if (text.length > statementLimits.maxBytes) refuse('statement.too_large', 'The file is too large');
  if (text.trim() === '') refuse('statement.empty', 'The file is empty');
}

/** Which parser a file needs, from its content (never its name). */
export function detectStatementFormat(text: string): StatementFormat | null {
  const head = text
    .slice(0, 4096)
    .replace(/^\ufeff/, '')
    .trimStart();
  if (/camt\.053\.001\./.test(head) || /<BkToCstmrStmt[\s>]/.test(head)) return 'camt053';
  if (/^OFXHEADER:/m.test(head) || /<OFX[\s>]/i.test(head) || /<\?OFX /.test(head)) return 'ofx';
  if (head.startsWith('<')) return null;
  return /[;,\t]/.test(head.split(/\r?\n/)[0] ?? '') ? 'csv' : null;
}

export function parseStatement(text: string, format?: StatementFormat): Statement {
  try {
    checkSize(text);
    const f = format ?? detectStatementFormat(text);
    if (f === 'camt053') return parseCamt053(text);
    if (f === 'ofx') return parseOfx(text);
    if (f === 'csv') return parseStatementCsv(text);
    return refuse('statement.wrong_format', 'Not a CAMT.053, OFX or CSV statement');
  } catch (error) {
    throw asStatementError(error);
  }
}

/** Anything a parser throws that is not already ours becomes `statement.unreadable`. */
function asStatementError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  return new DomainError('statement.unreadable', 'The file cannot be read');
}

const guarded =
  <T>(fn: (text: string) => T) =>
  (text: string): T => {
    try {
      checkSize(text);
      return fn(text);
    } catch (error) {
      throw asStatementError(error);
    }
  };

// ——— CAMT.053 ———

const arrays = new Set(['Stmt', 'Ntry', 'TxDtls', 'Bal', 'Ustrd', 'Strd', 'NtryDtls']);
const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: false,
  isArray: (name) => arrays.has(name),
});

// Parsed XML is walked defensively below: any shape may come.
type Node = any;
const text = (n: Node): string | undefined => clean(typeof n === 'object' && n !== null ? n['#text'] : n);
const list = (n: Node): Node[] => (Array.isArray(n) ? n : n === undefined || n === null ? [] : [n]);

function camtAmount(amt: Node, indicator: Node, pointer: string): Cents {
  const value = decimalToCents(text(amt) ?? '');
  if (value === null || value < 0) return refuse('statement.bad_amount', 'An amount cannot be read', pointer);
  const currency = typeof amt === 'object' ? amt?.['@Ccy'] : undefined;
  if (currency !== undefined && currency !== 'EUR')
    refuse('statement.currency', 'Only euro statements are read', pointer);
  const ind = text(indicator);
  if (ind !== 'CRDT' && ind !== 'DBIT')
    return refuse('statement.bad_amount', 'Credit or debit is missing', pointer);
  return ind === 'CRDT' ? value : -value;
}

const camtDate = (n: Node): IsoDate | undefined => {
  const raw = text(n?.Dt) ?? text(n?.DtTm);
  return raw ? (readDate(raw) ?? undefined) : undefined;
};

/** Party name in camt.053.001.02 (`Dbtr/Nm`) and later versions (`Dbtr/Pty/Nm`). */
const partyName = (p: Node): string | undefined => text(p?.Nm) ?? text(p?.Pty?.Nm);

export const parseCamt053 = guarded((raw: string): Statement => {
  if (/<!DOCTYPE|<!ENTITY/i.test(raw))
    refuse('statement.wrong_format', 'Document type declarations are refused');
  const ns =
    /<(?:[\w.-]+:)?Document\b[^>]*\bxmlns(?::[\w.-]+)?\s*=\s*["'](urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.\d{2})["']/.exec(
      raw,
    );
  if (!ns) refuse('statement.wrong_format', 'Not a CAMT.053 document (namespace)');
  // A truncated or damaged file must not import the half that happens to parse.
  if (XMLValidator.validate(raw) !== true) refuse('statement.unreadable', 'The XML is not well formed');
  const doc = xml.parse(raw)?.Document?.BkToCstmrStmt;
  const stmts = list(doc?.Stmt);
  if (!doc || stmts.length === 0) return refuse('statement.wrong_format', 'No statement in the document');
  const lines: Omit<StatementLine, 'fingerprint'>[] = [];
  let opening: Cents | undefined;
  let closing: Cents | undefined;
  let from: IsoDate | undefined;
  let to: IsoDate | undefined;
  const iban = text(stmts[0]?.Acct?.Id?.IBAN);
  const currency = text(stmts[0]?.Acct?.Ccy) ?? 'EUR';
  if (currency !== 'EUR') refuse('statement.currency', 'Only euro statements are read');
  stmts.forEach((stmt, s) => {
    for (const [b, bal] of list(stmt?.Bal).entries()) {
      const code = text(bal?.Tp?.CdOrPrtry?.Cd);
      const pointer = `/Stmt/${s}/Bal/${b}`;
      if (code === 'OPBD' && opening === undefined) opening = camtAmount(bal?.Amt, bal?.CdtDbtInd, pointer);
      if (code === 'CLBD') closing = camtAmount(bal?.Amt, bal?.CdtDbtInd, pointer);
      const d = camtDate(bal?.Dt);
      if (d && code === 'OPBD' && (!from || d < from)) from = d;
      if (d && code === 'CLBD' && (!to || d > to)) to = d;
    }
    for (const [e, entry] of list(stmt?.Ntry).entries()) {
      const pointer = `/Stmt/${s}/Ntry/${e}`;
      const status = text(entry?.Sts?.Cd) ?? text(entry?.Sts);
      if (status && status !== 'BOOK') continue; // pending or informational: not money yet
      const bookingDate = camtDate(entry?.BookgDt) ?? camtDate(entry?.ValDt);
      if (!bookingDate) {
        refuse('statement.bad_date', 'A booking date cannot be read', pointer);
        return;
      }
      const valueDate = camtDate(entry?.ValDt);
      const total = camtAmount(entry?.Amt, entry?.CdtDbtInd, pointer);
      const sign = total < 0 ? -1 : 1;
      const details = list(entry?.NtryDtls).flatMap((d) => list(d?.TxDtls));
      const split =
        details.length > 1 &&
        details.every((d) => decimalToCents(text(d?.Amt) ?? text(d?.AmtDtls?.TxAmt?.Amt) ?? '') !== null);
      const parts = split ? details : [details[0]];
      for (const d of parts) {
        const amount = split
          ? sign * (decimalToCents(text(d?.Amt) ?? text(d?.AmtDtls?.TxAmt?.Amt) ?? '') ?? 0)
          : total;
        const incoming = amount > 0;
        const parties = d?.RltdPties;
        const remittance = [
          ...list(d?.RmtInf?.Ustrd).map(text),
          ...list(d?.RmtInf?.Strd).map((x) => text(x?.CdtrRefInf?.Ref)),
        ]
          .filter(Boolean)
          .join(' ');
        lines.push({
          bookingDate,
          ...(valueDate ? { valueDate } : {}),
          amountCents: amount,
          label: clean(text(entry?.AddtlNtryInf) ?? (remittance || undefined)) ?? '',
          counterpartyName: partyName(incoming ? parties?.Dbtr : parties?.Cdtr),
          counterpartyIban: text((incoming ? parties?.DbtrAcct : parties?.CdtrAcct)?.Id?.IBAN),
          remittance: clean(remittance),
          endToEndId: ((e2e) => (e2e && e2e !== 'NOTPROVIDED' ? e2e : undefined))(text(d?.Refs?.EndToEndId)),
          bankReference: text(d?.Refs?.AcctSvcrRef) ?? text(entry?.AcctSvcrRef),
        });
        if (lines.length > statementLimits.maxLines)
          refuse('statement.too_many_lines', 'Too many lines in one file');
      }
    }
  });
  return {
    format: 'camt053',
    ...(iban ? { accountIban: iban.replace(/\s/g, '').toUpperCase() } : {}),
    currency,
    ...(from ? { fromDate: from } : {}),
    ...(to ? { toDate: to } : {}),
    ...(opening !== undefined ? { openingBalanceCents: opening } : {}),
    ...(closing !== undefined ? { closingBalanceCents: closing } : {}),
    lines: fingerprintLines(lines.map(dropUndefined), (l) =>
      l.bankReference ? `ref:${l.bankReference}` : contentKey(l),
    ),
  };
});

const dropUndefined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

// ——— OFX ———
// Read with a linear tokenizer of our own: OFX v1 is SGML whose leaf elements have no closing tag,
// and the parser we tried backtracks exponentially on a long tag name (a hostile file hangs it).

type OfxEvent = { tag: string; value?: string } | { close: string };

function* ofxEvents(body: string): Generator<OfxEvent> {
  const re = /<(\/?)([A-Za-z0-9_.]{1,64})>([^<]*)/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const [, slash, name = '', content = ''] = m;
    const tag = name.toUpperCase();
    const value = decodeSgml(content).trim();
    if (slash === '/') yield { close: tag };
    else yield value === '' ? { tag } : { tag, value };
  }
}

const decodeSgml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

export const parseOfx = guarded((raw: string): Statement => {
  const start = raw.search(/<OFX>/i);
  if (start < 0) return refuse('statement.wrong_format', 'Not an OFX file');
  const stack: string[] = [];
  let trn: Record<string, string> | null = null;
  const found: Record<string, string>[] = [];
  const top: Record<string, string> = {};
  for (const ev of ofxEvents(raw.slice(start))) {
    if ('close' in ev) {
      const at = stack.lastIndexOf(ev.close);
      if (at >= 0) stack.length = at;
      if (ev.close === 'STMTTRN' && trn) {
        found.push(trn);
        trn = null;
        if (found.length > statementLimits.maxLines)
          refuse('statement.too_many_lines', 'Too many lines in one file');
      }
      continue;
    }
    if (ev.value === undefined) {
      stack.push(ev.tag);
      if (ev.tag === 'STMTTRN') trn = {};
      continue;
    }
    const parent = stack[stack.length - 1] ?? '';
    if (trn && stack.includes('STMTTRN')) trn[ev.tag] = ev.value;
    else top[`${parent}.${ev.tag}`] = ev.value;
  }
  if (
    !Object.keys(top).some(
      (k) => k.startsWith('BANKTRANLIST.') || k.startsWith('STMTRS.') || k.startsWith('CCSTMTRS.'),
    ) &&
    found.length === 0
  )
    refuse('statement.wrong_format', 'No bank statement in this OFX file');
  const currency = top['STMTRS.CURDEF'] ?? top['CCSTMTRS.CURDEF'] ?? 'EUR';
  if (currency !== 'EUR') refuse('statement.currency', 'Only euro statements are read');
  const lines = found.map((t, i) => {
    const pointer = `/STMTTRN/${i}`;
    const amount = decimalToCents(t.TRNAMT ?? '');
    if (amount === null) return refuse('statement.bad_amount', 'An amount cannot be read', pointer);
    const bookingDate = readDate(t.DTPOSTED ?? '');
    if (!bookingDate) return refuse('statement.bad_date', 'A date cannot be read', pointer);
    const valueDate = t.DTAVAIL ? (readDate(t.DTAVAIL) ?? undefined) : undefined;
    const name = clean(t.NAME ?? t.PAYEE);
    const memo = clean(t.MEMO);
    return dropUndefined({
      bookingDate,
      valueDate,
      amountCents: amount,
      label: [name, memo].filter(Boolean).join(' ') || (clean(t.TRNTYPE) ?? ''),
      counterpartyName: name,
      remittance: memo,
      bankReference: clean(t.FITID),
    });
  });
  const bal = decimalToCents(top['LEDGERBAL.BALAMT'] ?? '');
  const from = readDate(top['BANKTRANLIST.DTSTART'] ?? '');
  const to = readDate(top['BANKTRANLIST.DTEND'] ?? '');
  const acct = top['BANKACCTFROM.ACCTID'] ?? top['CCACCTFROM.ACCTID'];
  return {
    format: 'ofx',
    ...(acct ? { accountId: acct } : {}),
    currency,
    ...(from ? { fromDate: from } : {}),
    ...(to ? { toDate: to } : {}),
    ...(bal !== null ? { closingBalanceCents: bal } : {}),
    lines: fingerprintLines(lines, (l) => (l.bankReference ? `fitid:${l.bankReference}` : contentKey(l))),
  };
});

// ——— CSV ———
// The documented format: a header line naming the columns (French or English), separator `;`,
// `,` or tab, dates AAAA-MM-JJ or JJ/MM/AAAA, amounts with a comma or a dot, either one signed
// `amount` column or `debit` and `credit` columns.

const csvColumns: Record<string, string[]> = {
  date: ['date', 'date operation', 'date opération', 'booking date', 'date comptable'],
  valueDate: ['date valeur', 'value date'],
  amount: ['montant', 'amount'],
  debit: ['debit', 'débit'],
  credit: ['credit', 'crédit'],
  label: ['libelle', 'libellé', 'label', 'description'],
  counterparty: ['tiers', 'counterparty', 'nom', 'name'],
  iban: ['iban'],
  reference: ['reference', 'référence', 'communication', 'remittance'],
  bankReference: ['id', 'reference banque', 'référence banque', 'bank reference'],
};

const headerKey = (h: string) =>
  h
    .replace(/^\ufeff/, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');

export const parseStatementCsv = guarded((raw: string): Statement => {
  const body = raw.replace(/^\ufeff/, '');
  const first = body.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [';', '\t', ',']
    .map((d) => ({ d, n: first.split(d).length }))
    .sort((a, b) => b.n - a.n)[0];
  if (!delimiter || delimiter.n < 2)
    return refuse('statement.wrong_format', 'No column separator on the first line');
  const rows: string[][] = parseCsv(body, {
    delimiter: delimiter.d,
    relax_column_count: true,
    skip_empty_lines: true,
    bom: true,
    max_record_size: 10_000,
  });
  const [header, ...data] = rows;
  if (!header) return refuse('statement.empty', 'The file is empty');
  const index: Record<string, number> = {};
  header.forEach((h, i) => {
    const key = headerKey(h);
    for (const [name, aliases] of Object.entries(csvColumns))
      if (aliases.includes(key) && !(name in index)) index[name] = i;
  });
  if (index.date === undefined) return refuse('statement.wrong_format', 'The header has no date column');
  if (index.amount === undefined && (index.debit === undefined || index.credit === undefined))
    return refuse('statement.wrong_format', 'The header has no amount column (or debit and credit)');
  if (data.length > statementLimits.maxLines)
    refuse('statement.too_many_lines', 'Too many lines in one file');
  const cell = (row: string[], name: string) =>
    index[name] === undefined ? undefined : clean(row[index[name]]);
  const lines = data.map((row, i) => {
    const pointer = `/lines/${i + 1}`;
    const bookingDate = readDate(cell(row, 'date') ?? '');
    if (!bookingDate) return refuse('statement.bad_date', 'A date cannot be read', pointer);
    let amount: Cents | null;
    if (index.amount !== undefined) amount = decimalToCents(cell(row, 'amount') ?? '');
    else {
      const debit = cell(row, 'debit');
      const credit = cell(row, 'credit');
      const d = debit ? decimalToCents(debit) : 0;
      const c = credit ? decimalToCents(credit) : 0;
      amount = d === null || c === null ? null : Math.abs(c) - Math.abs(d);
    }
    if (amount === null || amount === 0)
      return refuse('statement.bad_amount', 'An amount cannot be read', pointer);
    const valueDateText = cell(row, 'valueDate');
    const valueDate = valueDateText ? (readDate(valueDateText) ?? undefined) : undefined;
    const reference = cell(row, 'reference');
    return dropUndefined({
      bookingDate,
      valueDate,
      amountCents: amount,
      label: cell(row, 'label') ?? reference ?? '',
      counterpartyName: cell(row, 'counterparty'),
      counterpartyIban: cell(row, 'iban')?.replace(/\s/g, '').toUpperCase(),
      remittance: reference,
      bankReference: cell(row, 'bankReference'),
    });
  });
  const dates = lines.map((l) => l.bookingDate).sort();
  return {
    format: 'csv',
    currency: 'EUR',
    ...(dates.length ? { fromDate: dates[0], toDate: dates[dates.length - 1] } : {}),
    lines: fingerprintLines(lines, (l) => (l.bankReference ? `id:${l.bankReference}` : contentKey(l))),
  };
});
