// Assertions shared by the e-invoice tests: what a CII or UBL file says, read back, against the
// sales document it was written from.
import { expect } from 'vitest';
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
