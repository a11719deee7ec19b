import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { checkEn16931, readUbl } from './en16931.ts';
import { expectSameMoney, frenchNotesOf } from './expect-einvoice.ts';
import {
  allSamples,
  sampleCreditNote,
  sampleInvoice,
  sampleQuote,
  sampleReverseChargeInvoice,
} from './samples.ts';
import { buildUbl, PEPPOL_CUSTOMIZATION, PEPPOL_PROFILE, ublNamespaces } from './ubl.ts';

const parse = (xml: string) =>
  new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false }).parse(xml);

describe('UBL 2.1 (PEPPOL BIS Billing 3.0)', () => {
  it('writes every sample so that the EN 16931 rules hold and its totals are the document’s', () => {
    for (const doc of allSamples().filter((d) => d.kind !== 'quote')) {
      const read = readUbl(buildUbl(doc));
      expect(checkEn16931(read, { frenchNotes: frenchNotesOf(doc) })).toEqual([]);
      expectSameMoney(doc, read);
      expect(read).toMatchObject({
        number: doc.number,
        issueDate: doc.issueDate,
        specification: PEPPOL_CUSTOMIZATION,
      });
    }
  });

  it('writes an Invoice in the UBL namespaces with the PEPPOL identifiers', () => {
    const raw = parse(buildUbl(sampleInvoice()));
    const inv = raw.Invoice;
    expect(inv['@xmlns']).toBe(ublNamespaces.invoice);
    expect(inv['@xmlns:cac']).toBe(ublNamespaces.cac);
    expect(inv['cbc:ProfileID']).toBe(PEPPOL_PROFILE);
    expect(inv['cbc:InvoiceTypeCode']).toBe('380');
    expect(inv['cbc:DueDate']).toBe('2026-12-30');
    expect(inv['cac:AccountingSupplierParty']['cac:Party']['cbc:EndpointID']).toEqual({
      '@schemeID': '0002',
      '#text': '123456782',
    });
    expect(inv['cac:PaymentMeans']['cac:PayeeFinancialAccount']['cbc:ID']).toBe(
      'FR7630006000011234567890189',
    );
    expect(inv['cac:InvoiceLine']).toHaveLength(4);
    expect(inv['cac:InvoiceLine'][0]['cac:AllowanceCharge']).toMatchObject({
      'cbc:ChargeIndicator': 'false',
      'cbc:AllowanceChargeReasonCode': '95',
    });
  });

  it('writes a CreditNote with the invoice it corrects (BillingReference) and credited quantities', () => {
    const raw = parse(buildUbl(sampleCreditNote()));
    const note = raw.CreditNote;
    expect(raw.Invoice).toBeUndefined();
    expect(note['@xmlns']).toBe(ublNamespaces.creditNote);
    expect(note['cbc:CreditNoteTypeCode']).toBe('381');
    expect(note['cac:BillingReference']['cac:InvoiceDocumentReference']).toEqual({
      'cbc:ID': 'FA-2026-000042',
      'cbc:IssueDate': '2026-11-30',
    });
    expect(note['cac:CreditNoteLine']['cbc:CreditedQuantity']).toEqual({ '@unitCode': 'DAY', '#text': '1' });
    expect(readUbl(buildUbl(sampleCreditNote())).preceding).toEqual({
      number: 'FA-2026-000042',
      date: '2026-11-30',
    });
  });

  it('addresses a Belgian client by its enterprise number (0208) and keeps the French coded notes', () => {
    const doc = sampleReverseChargeInvoice();
    const inv = parse(buildUbl(doc)).Invoice;
    expect(inv['cac:AccountingCustomerParty']['cac:Party']['cbc:EndpointID']).toEqual({
      '@schemeID': '0208',
      '#text': '0403170701',
    });
    const read = readUbl(buildUbl(doc));
    for (const coded of doc.codedNotes)
      expect(read.notes).toContainEqual({ subject: coded.subject, texts: [coded.text] });
    expect(read.breakdown[0]).toMatchObject({ category: 'AE', reasonCode: 'VATEX-EU-AE' });
  });

  it('refuses a quote', () => {
    expect(() => buildUbl(sampleQuote())).toThrow(/quote/);
  });
});
