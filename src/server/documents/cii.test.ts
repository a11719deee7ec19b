import { FacturX } from 'factur-x-kit';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { SalesDocument } from '../../domain/invoicing/document.ts';
import { buildCii, EN16931_GUIDELINE } from './cii.ts';
import { checkEn16931, readCii } from './en16931.ts';
import { ciiSchemaErrors, expectSameMoney, frenchNotesOf } from './expect-einvoice.ts';
import {
  allSamples,
  sampleCreditNote,
  sampleDepositInvoice,
  sampleExemptBalanceInvoice,
  sampleInvoice,
  sampleQuote,
  sampleReverseChargeInvoice,
} from './samples.ts';

const invoices = () => allSamples().filter((d) => d.kind !== 'quote');

describe('CII (Factur-X EN 16931)', () => {
  it('writes every sample so that the EN 16931 rules hold and its totals are the document’s', () => {
    for (const doc of invoices()) {
      const read = readCii(buildCii(doc));
      expect(checkEn16931(read, { frenchNotes: frenchNotesOf(doc) })).toEqual([]);
      expectSameMoney(doc, read);
      expect(read.specification).toBe(EN16931_GUIDELINE);
      expect(read.number).toBe(doc.number);
      expect(read.issueDate).toBe(doc.issueDate);
    }
  });

  it('is valid against the Factur-X 1.07.3 EN 16931 schema', async () => {
    expect(await ciiSchemaErrors(invoices().map(buildCii))).toEqual([]);
    // The schema does see a misplaced element.
    const misplaced = buildCii(sampleInvoice()).replace(
      /(<ram:ID>FA-2026-000042<\/ram:ID>)(\s*)(<ram:TypeCode>380<\/ram:TypeCode>)/,
      '$3$2$1',
    );
    expect(misplaced).not.toBe(buildCii(sampleInvoice()));
    expect((await ciiSchemaErrors(misplaced)).length).toBeGreaterThan(0);
  });

  it('is read and validated by an independent Factur-X library', async () => {
    for (const doc of invoices()) {
      const result = (await FacturX.fromXML(buildCii(doc))).validate();
      expect(result, doc.number ?? '').toEqual({ valid: true });
    }
  });

  it('types invoices 380, deposit invoices 386 and credit notes 381 with the corrected invoice (BG-3)', () => {
    expect(readCii(buildCii(sampleInvoice())).typeCode).toBe('380');
    expect(readCii(buildCii(sampleDepositInvoice())).typeCode).toBe('386');
    const credit = readCii(buildCii(sampleCreditNote()));
    expect(credit.typeCode).toBe('381');
    expect(credit.preceding).toEqual({ number: 'FA-2026-000042', date: '2026-11-30' });
    expect(readCii(buildCii(sampleInvoice())).preceding).toBeUndefined();
  });

  it('puts each French coded note in its own IncludedNote with its subject code', () => {
    const doc = sampleInvoice();
    const read = readCii(buildCii(doc));
    for (const coded of doc.codedNotes)
      expect(read.notes).toContainEqual({ subject: coded.subject, texts: [coded.text] });
    expect(read.notes.filter((n) => n.subject === 'PMT')).toHaveLength(1);
    expect(read.notes).toContainEqual({ subject: 'AAI', texts: ['Merci pour votre confiance.'] });
  });

  it('identifies seller and buyer (SIREN scheme 0002, VAT scheme VA) and asks for a SEPA transfer', () => {
    const xml = buildCii(sampleInvoice());
    const read = readCii(xml);
    expect(read).toMatchObject({
      sellerLegalId: '123456782',
      sellerVat: 'FR11123456782',
      buyerLegalId: '732829320',
      buyerVat: 'FR40732829320',
      purchaseOrder: 'BC-2026-118',
      paymentMeansCode: '58',
      iban: 'FR7630006000011234567890189',
      paymentReference: 'FA-2026-000042',
      dueDate: '2026-12-30',
    });
    const raw = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml);
    const seller =
      raw['rsm:CrossIndustryInvoice']['rsm:SupplyChainTradeTransaction'][
        'ram:ApplicableHeaderTradeAgreement'
      ]['ram:SellerTradeParty'];
    expect(seller['ram:SpecifiedLegalOrganization']['ram:ID']['@schemeID']).toBe('0002');
    expect(seller['ram:SpecifiedTaxRegistration']['ram:ID']['@schemeID']).toBe('VA');
    expect(seller['ram:Description']).toContain('SCIC SA à capital variable');
  });

  it('states the exemption and reverse-charge basis with their VATEX codes', () => {
    const exempt = readCii(buildCii(sampleExemptBalanceInvoice())).breakdown[0];
    expect(exempt).toMatchObject({ category: 'E', vatCents: 0, reasonCode: 'VATEX-EU-132-1I' });
    expect(exempt?.reason).toContain('261-4-4°');
    const reverse = readCii(buildCii(sampleReverseChargeInvoice()));
    expect(reverse.breakdown[0]).toMatchObject({ category: 'AE', vatCents: 0, reasonCode: 'VATEX-EU-AE' });
    expect(reverse.buyerVat).toBe('BE0403170701');
    expect(reverse.buyerLegalId).toBeUndefined();
  });

  it('shows no VAT identifier on a document outside the scope of VAT (BR-O-02)', () => {
    const doc: SalesDocument = {
      ...sampleInvoice(),
      lines: sampleInvoice().lines.map((l) => ({
        ...l,
        vat: { code: 'O', rateBp: 0, exemptionReason: 'Hors champ' },
      })),
    };
    doc.vatBreakdown = [
      { code: 'O', rateBp: 0, exemptionReason: 'Hors champ', baseCents: doc.totalExclVatCents, vatCents: 0 },
    ];
    doc.totalVatCents = 0;
    doc.totalInclVatCents = doc.totalExclVatCents;
    doc.dueCents = doc.totalExclVatCents;
    const read = readCii(buildCii(doc));
    expect(checkEn16931(read)).toEqual([]);
    expect(read.sellerVat).toBeUndefined();
    expect(read.sellerLegalId).toBe('123456782');
  });

  it('refuses a quote and a draft, which are not invoices', () => {
    expect(() => buildCii(sampleQuote())).toThrow(/quote/);
    expect(() => buildCii({ ...sampleInvoice(), number: null })).toThrow(/draft/);
  });

  it('escapes what people type', () => {
    const doc = { ...sampleInvoice(), subject: 'x', notes: 'Remise <spéciale> & “fidélité” ’' };
    const read = readCii(buildCii(doc));
    expect(read.notes).toContainEqual({ subject: 'AAI', texts: ['Remise <spéciale> & “fidélité” ’'] });
  });
});

describe('EN 16931 checker', () => {
  it('catches broken totals, a wrong VAT, a missing reference and notes merged together', () => {
    const xml = buildCii(sampleInvoice());
    const rules = (x: string, frenchNotes?: ('PMT' | 'PMD' | 'AAB')[]) =>
      checkEn16931(readCii(x), { frenchNotes }).map((b) => b.rule);
    expect(rules(xml.replace('<ram:GrandTotalAmount>4975.77', '<ram:GrandTotalAmount>4975.78'))).toContain(
      'BR-CO-15',
    );
    expect(rules(xml.replace('<ram:CalculatedAmount>49.00', '<ram:CalculatedAmount>49.01'))).toEqual(
      expect.arrayContaining(['BR-CO-14', 'BR-S-09']),
    );
    expect(rules(xml.replace('<ram:LineTotalAmount>820.50', '<ram:LineTotalAmount>820.51'))).toEqual(
      expect.arrayContaining(['BR-CO-10', 'BR-S-08', 'line net (BT-131)']),
    );
    expect(rules(xml.replace(/<ram:SubjectCode>PMT<\/ram:SubjectCode>/, ''), ['PMT'])).toContain('BR-FR-05');
    expect(
      rules(
        xml.replace(
          '</ram:Content>\n      <ram:SubjectCode>AAB',
          '</ram:Content><ram:Content>x</ram:Content><ram:SubjectCode>AAB',
        ),
      ),
    ).toContain('CII-SR-030');
    const credit = buildCii(sampleCreditNote()).replace(
      /<ram:InvoiceReferencedDocument>[\s\S]*<\/ram:InvoiceReferencedDocument>/,
      '',
    );
    expect(rules(credit)).toEqual(['BR-FR-CO-05']);
  });
});
