import { FacturX } from 'factur-x-kit';
import { XMLParser } from 'fast-xml-parser';
import { getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import type { SalesDocument } from '../../domain/invoicing/document.ts';
import { buildCii } from './cii.ts';
import { checkEn16931, readCii } from './en16931.ts';
import { expectSameMoney, frenchNotesOf } from './expect-einvoice.ts';
import { buildFacturX, FACTURX_FILENAME } from './facturx.ts';
import { pdfPages } from './pdf-text.ts';
import { allSamples, businessBuyer, sampleCreditNote, sampleInvoice, sampleQuote } from './samples.ts';

const invoices = () => allSamples().filter((d) => d.kind !== 'quote');
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

/** The embedded files by name, read by pdf.js (not by the code that wrote them). */
const attachmentsOf = async (bytes: Uint8Array) => {
  const proxy = await getDocumentProxy(new Uint8Array(bytes));
  const files = new Map<string, Uint8Array>();
  for (const name of (await proxy.getAttachments())?.keys() ?? [])
    files.set(name, new Uint8Array((await proxy.getAttachmentContent(name)) as Uint8Array));
  return files;
};

/** The XMP packet, parsed: pdfkit leaves the metadata stream uncompressed, as PDF/A recommends. */
const xmpOf = (bytes: Uint8Array) => {
  const raw = Buffer.from(bytes).toString('utf8');
  const packet = raw.slice(raw.indexOf('<x:xmpmeta'), raw.indexOf('</x:xmpmeta>') + '</x:xmpmeta>'.length);
  const descriptions = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
  }).parse(packet)['x:xmpmeta']['rdf:RDF']['rdf:Description'];
  return Object.assign({}, ...descriptions);
};

const check = async (doc: SalesDocument) => {
  const bytes = await buildFacturX(doc);
  const attachments = await attachmentsOf(bytes);
  expect([...attachments.keys()]).toEqual([FACTURX_FILENAME]);
  const xml = new TextDecoder().decode(attachments.get(FACTURX_FILENAME));
  return { bytes, xml };
};

describe('Factur-X', () => {
  it('embeds the CII as factur-x.xml, read back and validated by an independent library', async () => {
    for (const doc of invoices()) {
      const { bytes, xml } = await check(doc);
      expect(xml).toBe(buildCii(doc));
      const read = readCii(xml);
      expect(checkEn16931(read, { frenchNotes: frenchNotesOf(doc) })).toEqual([]);
      expectSameMoney(doc, read);
      const facturX = await FacturX.fromPDF(bytes);
      expect(facturX.validate(), doc.number ?? '').toEqual({ valid: true });
    }
  });

  it('is a PDF/A-3b with the Factur-X XMP, an sRGB output intent and the XML as its alternative', async () => {
    const { bytes } = await check(sampleInvoice());
    const xmp = xmpOf(bytes);
    expect(xmp).toMatchObject({
      'pdfaid:part': '3',
      'pdfaid:conformance': 'B',
      'fx:DocumentType': 'INVOICE',
      'fx:DocumentFileName': 'factur-x.xml',
      'fx:Version': '1.0',
      'fx:ConformanceLevel': 'EN 16931',
    });
    const schema = xmp['pdfaExtension:schemas']['rdf:Bag']['rdf:li'];
    expect(schema['pdfaSchema:namespaceURI']).toBe('urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#');
    expect(schema['pdfaSchema:prefix']).toBe('fx');
    expect(
      schema['pdfaSchema:property']['rdf:Seq']['rdf:li'].map((p: any) => p['pdfaProperty:name']),
    ).toEqual(['DocumentFileName', 'DocumentType', 'Version', 'ConformanceLevel']);
    const raw = latin1(bytes);
    expect(raw).toMatch(/\/Type \/OutputIntent[\s\S]*?\/S \/GTS_PDFA1/);
    expect(raw).toMatch(/\/DestOutputProfile \d+ 0 R/);
    expect(raw).toMatch(/\/AFRelationship \/Alternative/);
    expect(raw).toMatch(/\/AF \[\d+ 0 R\]/);
    expect(raw).toMatch(/\/Subtype \/text#2Fxml/);
    expect(raw.match(/\/FontFile2/g)?.length).toBe(2);
    expect(raw).not.toMatch(/\/Encrypt/);
  });

  it('prints the same invoice as the plain PDF, every mandatory mention included', async () => {
    const doc = sampleCreditNote();
    const text = (await pdfPages((await check(doc)).bytes)).join(' ').replace(/\s+/g, ' ');
    for (const part of [
      'AVOIR',
      'N° AV-2026-000007',
      'Avoir sur la facture FA-2026-000042 du 30/11/2026',
      'SIREN 123 456 782',
    ])
      expect(text).toContain(part);
    for (const mention of doc.mentions) expect(text).toContain(mention.replace(/\s+/g, ' '));
  });

  it('keeps valid XMP when names carry XML characters, and gives the same bytes twice', async () => {
    const doc = { ...sampleInvoice(), buyer: { ...businessBuyer, name: 'Dupont & Fils <Scènes>' } };
    const [a, b] = await Promise.all([buildFacturX(doc), buildFacturX(doc)]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(xmpOf(a)['dc:description']['rdf:Alt']['rdf:li']['#text']).toBe(
      'Facture FA-2026-000042 — Dupont & Fils <Scènes>',
    );
    expect((await FacturX.fromPDF(a)).validate()).toEqual({ valid: true });
  });

  it('repeats the document information in its XMP, as PDF/A asks', async () => {
    const doc = { ...sampleCreditNote(), buyer: { ...businessBuyer, name: 'Dupont & Fils' } };
    const { bytes } = await check(doc);
    const proxy = await getDocumentProxy(new Uint8Array(bytes));
    const info = (await proxy.getMetadata()).info as Record<string, string>;
    const xmp = xmpOf(bytes);
    const alt = (key: string) => xmp[key]['rdf:Alt']['rdf:li']['#text'];
    expect(info.Title).toBe(alt('dc:title'));
    expect(info.Subject).toBe(alt('dc:description'));
    expect(info.Author).toBe(xmp['dc:creator']['rdf:Seq']['rdf:li']);
    expect(info.Creator).toBe(xmp['xmp:CreatorTool']);
    expect(info.Producer).toBe(xmp['pdf:Producer']);
    expect(info.CreationDate).toBe(`D:${xmp['xmp:CreateDate'].replace(/[-:T]/g, '')}`);
    expect(info.CreationDate).toBe('D:20261204120000Z');
    expect(latin1(bytes)).toMatch(
      /\/Params <<\n\/CreationDate \(D:20261204120000Z\)\n\/ModDate \(D:20261204120000Z\)/,
    );
  });

  it('refuses a quote', async () => {
    await expect(buildFacturX(sampleQuote())).rejects.toThrow(/quote/);
  });
});
