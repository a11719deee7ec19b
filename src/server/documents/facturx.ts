// Factur-X 1.0, EN 16931 profile: the printed invoice drawn straight as PDF/A-3b, with our CII
// attached as factur-x.xml (/AFRelationship /Alternative: the XML says the same as the page) and
// the XMP the standard asks for (fx: extension schema, declared for PDF/A). One library draws and
// wraps (ADR 0009): no second PDF library, no round trip through another invoice model.
import type { SalesDocument } from '../../domain/invoicing/document.ts';
import { buildCii } from './cii.ts';
import { drawSalesPdf } from './sales-pdf.ts';

export const FACTURX_FILENAME = 'factur-x.xml';
export const FACTURX_NAMESPACE = 'urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#';

const fxProperty = (name: string, description: string) =>
  `<rdf:li rdf:parseType="Resource"><pdfaProperty:name>${name}</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>${description}</pdfaProperty:description></rdf:li>`;

/** The fx: values and the PDF/A extension schema that declares them (Factur-X 1.0 specification, §6). */
export const facturXmp = (conformanceLevel: 'EN 16931' = 'EN 16931'): string =>
  [
    `<rdf:Description rdf:about="" xmlns:fx="${FACTURX_NAMESPACE}">`,
    '<fx:DocumentType>INVOICE</fx:DocumentType>',
    `<fx:DocumentFileName>${FACTURX_FILENAME}</fx:DocumentFileName>`,
    '<fx:Version>1.0</fx:Version>',
    `<fx:ConformanceLevel>${conformanceLevel}</fx:ConformanceLevel>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">',
    '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">',
    '<pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>',
    `<pdfaSchema:namespaceURI>${FACTURX_NAMESPACE}</pdfaSchema:namespaceURI>`,
    '<pdfaSchema:prefix>fx</pdfaSchema:prefix>',
    '<pdfaSchema:property><rdf:Seq>',
    fxProperty('DocumentFileName', 'name of the embedded XML invoice file'),
    fxProperty('DocumentType', 'INVOICE'),
    fxProperty('Version', 'The actual version of the Factur-X XML schema'),
    fxProperty('ConformanceLevel', 'The conformance level of the embedded Factur-X data'),
    '</rdf:Seq></pdfaSchema:property>',
    '</rdf:li></rdf:Bag></pdfaExtension:schemas>',
    '</rdf:Description>',
  ].join('\n');

/** The Factur-X EN 16931 file of an issued invoice, deposit invoice or credit note. */
export const buildFacturX = async (doc: SalesDocument): Promise<Uint8Array> => {
  const xml = buildCii(doc); // refuses quotes and drafts before anything is drawn
  const pdf = drawSalesPdf(doc, { pdfA: 'PDF/A-3b' });
  pdf.attach(FACTURX_FILENAME, new TextEncoder().encode(xml), {
    mimeType: 'text/xml',
    description: 'Factur-X invoice (CII, EN 16931)',
    relationship: 'Alternative',
  });
  pdf.appendXmp(facturXmp());
  return pdf.toBytes();
};
