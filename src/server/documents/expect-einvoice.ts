// Assertions shared by the e-invoice tests: what a CII or UBL file says, read back, against the
// sales document it was written from.
import { readdir, readFile } from 'node:fs/promises';
import { expect } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import type { SalesDocument } from '../../domain/invoicing/document.ts';
import type { SemanticInvoice } from './en16931.ts';

/** The French coded notes the document carries, for BR-FR-05. */
export const frenchNotesOf = (doc: SalesDocument) =>
  doc.codedNotes
    .map((n) => n.subject)
    .filter((s): s is 'PMT' | 'PMD' | 'AAB' => ['PMT', 'PMD', 'AAB'].includes(s));

/** The XML totals and breakdown, read back, against what the document says. */
export const expectSameMoney = (doc: SalesDocument, read: SemanticInvoice) => {
  expect(read.totals).toMatchObject({
    lineCents: doc.totalExclVatCents,
    taxBasisCents: doc.totalExclVatCents,
    taxCents: doc.totalVatCents,
    grandCents: doc.totalInclVatCents,
    prepaidCents: doc.prepaidCents,
    dueCents: doc.dueCents,
  });
  expect(read.breakdown.map((b) => [b.category, b.baseCents, b.vatCents])).toEqual(
    doc.vatBreakdown.map((g) => [g.code, g.baseCents, g.vatCents]),
  );
  expect(read.lines.map((l) => [l.netCents, l.priceCents, l.quantity])).toEqual(
    doc.lines.map((l) => [l.netCents, l.unitPriceCents, l.quantity]),
  );
};

const schemaDir = new URL('./schemas/factur-x-1.07.3/', import.meta.url);
const MAIN_SCHEMA = 'Factur-X_1.07.3_EN16931.xsd';
let schemas: Promise<{ fileName: string; contents: string }[]> | undefined;

/** What the Factur-X EN 16931 XSD (libxml2, through xmllint-wasm) finds wrong in CII files (one run). */
export const ciiSchemaErrors = async (xml: string | string[]): Promise<string[]> => {
  schemas ??= readdir(schemaDir).then((names) =>
    Promise.all(
      names
        .filter((n) => n.endsWith('.xsd'))
        .map(async (fileName) => ({
          fileName,
          contents: await readFile(new URL(fileName, schemaDir), 'utf8'),
        })),
    ),
  );
  const all = await schemas;
  const result = await validateXML({
    xml: (Array.isArray(xml) ? xml : [xml]).map((contents, i) => ({
      fileName: `factur-x-${i + 1}.xml`,
      contents,
    })),
    schema: all.filter((s) => s.fileName === MAIN_SCHEMA),
    preload: all.filter((s) => s.fileName !== MAIN_SCHEMA),
  });
  return result.errors.map((e) => e.rawMessage);
};
