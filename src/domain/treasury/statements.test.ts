import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import {
  decimalToCents,
  detectStatementFormat,
  parseCamt053,
  parseOfx,
  parseStatement,
  parseStatementCsv,
  readDate,
  statementLimits,
} from './statements.ts';

const camt = (version: string, entries: string, extra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.${version}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>STMT-2026-11-20</MsgId><CreDtTm>2026-11-20T22:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>20261120-1</Id>
      <Acct><Id><IBAN>FR7630006000011234567890189</IBAN></Id><Ccy>EUR</Ccy></Acct>
      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">10000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-19</Dt></Dt></Bal>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">11187.50</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-20</Dt></Dt></Bal>
      ${entries}
      ${extra}
    </Stmt>
  </BkToCstmrStmt>
</Document>`;

const v2Entries = `
      <Ntry>
        <Amt Ccy="EUR">1200.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>2026-11-20</Dt></BookgDt><ValDt><Dt>2026-11-20</Dt></ValDt>
        <AcctSvcrRef>BQ-778812</AcctSvcrRef>
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>E2E-FA-2026-000042</EndToEndId></Refs>
          <RltdPties><Dbtr><Nm>Théâtre du Nord &amp; Cie</Nm></Dbtr><DbtrAcct><Id><IBAN>FR7612345000010009876543210</IBAN></Id></DbtrAcct></RltdPties>
          <RmtInf><Ustrd>Facture FA-2026-000042</Ustrd></RmtInf>
        </TxDtls></NtryDtls>
        <AddtlNtryInf>VIR SEPA THEATRE DU NORD</AddtlNtryInf>
      </Ntry>
      <Ntry>
        <Amt Ccy="EUR">12.50</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>2026-11-20</Dt></BookgDt>
        <AddtlNtryInf>FRAIS TENUE DE COMPTE</AddtlNtryInf>
      </Ntry>
      <Ntry>
        <Amt Ccy="EUR">99.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>PDNG</Sts>
        <BookgDt><Dt>2026-11-21</Dt></BookgDt>
      </Ntry>`;

const v8Entries = `
      <Ntry>
        <Amt Ccy="EUR">800.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>2026-11-20</Dt></BookgDt>
        <NtryDtls>
          <TxDtls><Refs><EndToEndId>A1</EndToEndId></Refs><Amt Ccy="EUR">500.00</Amt>
            <RltdPties><Dbtr><Pty><Nm>Atelier Lumière</Nm></Pty></Dbtr></RltdPties>
            <RmtInf><Strd><CdtrRefInf><Ref>FA-2026-000050</Ref></CdtrRefInf></Strd></RmtInf></TxDtls>
          <TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs><Amt Ccy="EUR">300.00</Amt>
            <RltdPties><Dbtr><Pty><Nm>Atelier Lumière</Nm></Pty></Dbtr></RltdPties>
            <RmtInf><Ustrd>FA-2026-000051</Ustrd></RmtInf></TxDtls>
        </NtryDtls>
      </Ntry>`;

const ofxV1 = `OFXHEADER:100
DATA:OFXSGML
VERSION:102
SECURITY:NONE
ENCODING:USASCII
CHARSET:1252
COMPRESSION:NONE
OLDFILEUID:NONE
NEWFILEUID:NONE

<OFX>
<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>20261120120000<LANGUAGE>FRA</SONRS></SIGNONMSGSRSV1>
<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>
<STMTRS><CURDEF>EUR
<BANKACCTFROM><BANKID>30006<BRANCHID>00001<ACCTID>12345678901<ACCTTYPE>CHECKING</BANKACCTFROM>
<BANKTRANLIST><DTSTART>20261101<DTEND>20261120
<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20261118<TRNAMT>1200,00<FITID>77801<NAME>VIR THEATRE DU NORD<MEMO>FA-2026-000042</STMTTRN>
<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20261119120000[+1:CET]<TRNAMT>-45.90<FITID>77802<NAME>PRLV ORANGE</STMTTRN>
</BANKTRANLIST>
<LEDGERBAL><BALAMT>3154.10<DTASOF>20261120</LEDGERBAL>
</STMTRS></STMTTRNRS></BANKMSGSRSV1>
</OFX>`;

const csv = `Date;Libellé;Montant;Tiers;Référence
20/11/2026;VIR SEPA THEATRE DU NORD;1 200,00;Théâtre du Nord;FA-2026-000042
20/11/2026;"FRAIS; TENUE DE COMPTE";-12,50;;
21/11/2026;VIR ATELIER;500,00;Atelier Lumière;FA-2026-000050
`;

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return 'no error';
};

describe('amounts and dates', () => {
  it('reads decimal amounts into cents without floating point', () => {
    expect(decimalToCents('1200.5')).toBe(120050);
    expect(decimalToCents('-12,30')).toBe(-1230);
    expect(decimalToCents('1 234,56')).toBe(123456);
    expect(decimalToCents('0.07')).toBe(7);
    expect(decimalToCents('1,234.56')).toBeNull();
    expect(decimalToCents('12.345')).toBeNull();
    expect(decimalToCents('abc')).toBeNull();
  });
  it('cents → text → cents is the identity', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (c) => {
        const t = `${c < 0 ? '-' : ''}${Math.floor(Math.abs(c) / 100)},${String(Math.abs(c) % 100).padStart(2, '0')}`;
        expect(decimalToCents(t)).toBe(c);
      }),
    );
  });
  it('reads the date forms banks use and refuses impossible dates', () => {
    expect(readDate('2026-11-20')).toBe('2026-11-20');
    expect(readDate('2026-11-20T10:00:00+01:00')).toBe('2026-11-20');
    expect(readDate('20261120120000.000[+1:CET]')).toBe('2026-11-20');
    expect(readDate('20/11/2026')).toBe('2026-11-20');
    expect(readDate('2026-02-30')).toBeNull();
    expect(readDate('31/02/2026')).toBeNull();
  });
});

describe('CAMT.053', () => {
  it('reads booked entries of camt.053.001.02 with balances, parties, remittance and references', () => {
    const s = parseCamt053(camt('02', v2Entries));
    expect(s).toMatchObject({
      format: 'camt053',
      accountIban: 'FR7630006000011234567890189',
      currency: 'EUR',
      openingBalanceCents: 1_000_000,
      closingBalanceCents: 1_118_750,
      fromDate: '2026-11-19',
      toDate: '2026-11-20',
    });
    expect(s.lines).toHaveLength(2); // the pending entry is not money yet
    expect(s.lines[0]).toMatchObject({
      bookingDate: '2026-11-20',
      amountCents: 120_000,
      counterpartyName: 'Théâtre du Nord & Cie',
      counterpartyIban: 'FR7612345000010009876543210',
      remittance: 'Facture FA-2026-000042',
      endToEndId: 'E2E-FA-2026-000042',
      bankReference: 'BQ-778812',
      label: 'VIR SEPA THEATRE DU NORD',
    });
    expect(s.lines[1]).toMatchObject({ amountCents: -1250, label: 'FRAIS TENUE DE COMPTE' });
  });

  it('splits a batched entry of camt.053.001.08 into its transactions', () => {
    const s = parseCamt053(camt('08', v8Entries));
    expect(s.lines.map((l) => [l.amountCents, l.remittance, l.counterpartyName, l.endToEndId])).toEqual([
      [50_000, 'FA-2026-000050', 'Atelier Lumière', 'A1'],
      [30_000, 'FA-2026-000051', 'Atelier Lumière', undefined],
    ]);
    expect(new Set(s.lines.map((l) => l.fingerprint)).size).toBe(2);
  });

  it('refuses another namespace, a DOCTYPE, truncated XML, another currency and bad amounts', () => {
    expect(codeOf(() => parseCamt053(camt('02', v2Entries).replace('camt.053', 'camt.052')))).toBe(
      'statement.wrong_format',
    );
    expect(
      codeOf(() => parseCamt053(camt('02', v2Entries).replace('urn:iso:std:iso:20022:tech:xsd:', 'urn:x:'))),
    ).toBe('statement.wrong_format');
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>${camt('02', '<Ntry><AddtlNtryInf>&lol2;</AddtlNtryInf></Ntry>').replace(/^<\?xml[^>]*>/, '')}`;
    expect(codeOf(() => parseCamt053(bomb))).toBe('statement.wrong_format');
    const full = camt('02', v2Entries);
    for (const cut of [full.length / 3, full.length / 2, full.length - 30]) {
      expect(codeOf(() => parseCamt053(full.slice(0, Math.floor(cut))))).toMatch(/^statement\./);
    }
    expect(
      codeOf(() =>
        parseCamt053(camt('02', v2Entries.replace('<Amt Ccy="EUR">12.50', '<Amt Ccy="USD">12.50'))),
      ),
    ).toBe('statement.currency');
    expect(codeOf(() => parseCamt053(camt('02', v2Entries.replace('1200.00', '12OO.00'))))).toBe(
      'statement.bad_amount',
    );
    expect(
      codeOf(() => parseCamt053(camt('02', v2Entries.replace('<CdtDbtInd>DBIT', '<CdtDbtInd>XXXX')))),
    ).toBe('statement.bad_amount');
  });

  it('gives the same fingerprints when the same statement is read twice', () => {
    const a = parseCamt053(camt('02', v2Entries)).lines.map((l) => l.fingerprint);
    const b = parseCamt053(camt('02', v2Entries)).lines.map((l) => l.fingerprint);
    expect(a).toEqual(b);
  });
});

describe('OFX', () => {
  it('reads OFX v1 SGML: transactions, comma or dot amounts, account and ledger balance', () => {
    const s = parseOfx(ofxV1);
    expect(s).toMatchObject({
      format: 'ofx',
      accountId: '12345678901',
      currency: 'EUR',
      fromDate: '2026-11-01',
      toDate: '2026-11-20',
      closingBalanceCents: 315_410,
    });
    expect(s.lines).toEqual([
      expect.objectContaining({
        bookingDate: '2026-11-18',
        amountCents: 120_000,
        remittance: 'FA-2026-000042',
        bankReference: '77801',
        fingerprint: 'fitid:77801',
      }),
      expect.objectContaining({
        bookingDate: '2026-11-19',
        amountCents: -4590,
        counterpartyName: 'PRLV ORANGE',
      }),
    ]);
  });

  it('reads OFX v2 XML (closing tags on leaves)', () => {
    const v2 = `<?xml version="1.0"?><?OFX OFXHEADER="200" VERSION="220"?><OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR</CURDEF><BANKTRANLIST><DTSTART>20261101</DTSTART><DTEND>20261130</DTEND><STMTTRN><TRNTYPE>CREDIT</TRNTYPE><DTPOSTED>20261121</DTPOSTED><TRNAMT>75.00</TRNAMT><FITID>X9</FITID><NAME>Client &amp; fils</NAME></STMTTRN></BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>`;
    expect(parseOfx(v2).lines).toEqual([
      expect.objectContaining({
        bookingDate: '2026-11-21',
        amountCents: 7500,
        counterpartyName: 'Client & fils',
      }),
    ]);
  });

  it('reads a hostile long tag name at once instead of hanging', () => {
    const hostile = `<OFX><${'A'.repeat(5000)}>x<BANKTRANLIST><STMTTRN><DTPOSTED>20261101<TRNAMT>1.00</STMTTRN></BANKTRANLIST></OFX>`;
    expect(parseOfx(hostile).lines).toHaveLength(1);
  });

  it('refuses a file that is not OFX, or whose lines cannot be read', () => {
    expect(codeOf(() => parseOfx('hello'))).toBe('statement.wrong_format');
    expect(codeOf(() => parseOfx(ofxV1.replace('1200,00', 'mille')))).toBe('statement.bad_amount');
    expect(codeOf(() => parseOfx(ofxV1.replace('<DTPOSTED>20261118', '<DTPOSTED>20261318')))).toBe(
      'statement.bad_date',
    );
    expect(codeOf(() => parseOfx(ofxV1.replace('<CURDEF>EUR', '<CURDEF>GBP')))).toBe('statement.currency');
  });
});

describe('CSV', () => {
  it('reads the documented CSV: French header, `;`, quoted fields, comma decimals', () => {
    const s = parseStatementCsv(csv);
    expect(s).toMatchObject({ format: 'csv', fromDate: '2026-11-20', toDate: '2026-11-21' });
    expect(s.lines.map((l) => [l.bookingDate, l.amountCents, l.label, l.remittance ?? null])).toEqual([
      ['2026-11-20', 120_000, 'VIR SEPA THEATRE DU NORD', 'FA-2026-000042'],
      ['2026-11-20', -1250, 'FRAIS; TENUE DE COMPTE', null],
      ['2026-11-21', 50_000, 'VIR ATELIER', 'FA-2026-000050'],
    ]);
  });

  it('reads debit and credit columns, English headers and commas', () => {
    const s = parseStatementCsv(
      'date,label,debit,credit\n2026-11-02,Fee,3.20,\n2026-11-03,Payment,,150.00\n',
    );
    expect(s.lines.map((l) => l.amountCents)).toEqual([-320, 15_000]);
  });

  it('refuses a CSV without the needed columns, with a bad line, or empty', () => {
    expect(codeOf(() => parseStatementCsv('a;b\n1;2\n'))).toBe('statement.wrong_format');
    expect(codeOf(() => parseStatementCsv(csv.replace('21/11/2026', '32/11/2026')))).toBe(
      'statement.bad_date',
    );
    expect(codeOf(() => parseStatementCsv(csv.replace('500,00', 'cinq cents')))).toBe('statement.bad_amount');
    expect(codeOf(() => parseStatement('  \n'))).toBe('statement.empty');
  });
});

describe('any file', () => {
  it('is recognised by its content, not its name', () => {
    expect(detectStatementFormat(camt('02', v2Entries))).toBe('camt053');
    expect(detectStatementFormat(ofxV1)).toBe('ofx');
    expect(detectStatementFormat(csv)).toBe('csv');
    expect(detectStatementFormat('<html><body>hi</body></html>')).toBeNull();
    expect(detectStatementFormat('\u0089PNG\r\n\u001a\n')).toBeNull();
  });

  it('refuses a file over the size limit before reading it', () => {
    expect(codeOf(() => parseStatement(' '.repeat(statementLimits.maxBytes + 1)))).toBe(
      'statement.too_large',
    );
  });

  // Fuzzing: whatever the bytes, a parser answers a statement or a clean DomainError.
  const answersCleanly = (parse: (text: string) => unknown) => (text: string) => {
    try {
      parse(text);
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toMatch(/^statement\./);
    }
  };
  const mutate = (seed: string) =>
    fc
      .tuple(fc.nat({ max: seed.length }), fc.nat({ max: 200 }), fc.string({ maxLength: 40 }))
      .map(([at, cut, insert]) => seed.slice(0, at) + insert + seed.slice(Math.min(seed.length, at + cut)));

  it('never throws anything but a DomainError on mutated CAMT.053', () => {
    fc.assert(fc.property(mutate(camt('02', v2Entries + v8Entries)), answersCleanly(parseCamt053)), {
      numRuns: 400,
    });
  });
  it('never throws anything but a DomainError on mutated OFX', () => {
    fc.assert(fc.property(mutate(ofxV1), answersCleanly(parseOfx)), { numRuns: 400 });
  });
  it('never throws anything but a DomainError on mutated CSV', () => {
    fc.assert(fc.property(mutate(csv), answersCleanly(parseStatementCsv)), { numRuns: 400 });
  });
  it('never throws anything but a DomainError on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), answersCleanly(parseStatement)), { numRuns: 500 });
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            '<',
            '>',
            '/',
            'OFX',
            'STMTTRN',
            'Document',
            'Ntry',
            ';',
            '\n',
            'camt.053.001.02',
            '"',
            '&',
          ),
          {
            maxLength: 80,
          },
        ),
        (parts) => answersCleanly(parseStatement)(parts.join('')),
      ),
      { numRuns: 500 },
    );
  });
});
