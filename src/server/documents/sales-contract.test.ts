// The renderers fed by the sales rules themselves (`buildSalesDocument`), for each kind of client
// and VAT category the product offers: what the sales module will hand over passes every check here.
import { FacturX } from 'factur-x-kit';
import { describe, expect, it } from 'vitest';
import {
  buildSalesDocument,
  type StoredClient,
  type StoredDocument,
  type StoredEntity,
  type StoredLine,
} from '../../domain/invoicing/build.ts';
import { lineNet } from '../../domain/invoicing/totals.ts';
import type { VatCategoryKey } from '../../domain/invoicing/vat.ts';
import { buildCii } from './cii.ts';
import { checkEn16931, readCii, readUbl } from './en16931.ts';
import { ciiSchemaErrors, expectSameMoney, frenchNotesOf } from './expect-einvoice.ts';
import { pdfPages } from './pdf-text.ts';
import { renderSalesPdf } from './sales-pdf.ts';
import { buildUbl } from './ubl.ts';

const entity: StoredEntity = {
  name: 'Commune Création SCIC',
  legalForm: 'SCIC SAS à capital variable',
  siren: '842193757',
  vatNumber: 'FR40842193757',
  rcsCity: 'Lille Métropole',
  shareCapitalCents: 2_540_000,
  addressLine: '21 rue Gosselet',
  postalCode: '59000',
  city: 'Lille',
  country: 'FR',
};

const clients: Record<'business' | 'eu' | 'person', StoredClient> = {
  business: {
    kind: 'company',
    name: 'Théâtre du Nord SARL',
    siren: '732829320',
    siret: '73282932000074',
    vatNumber: 'FR40732829320',
    publicSector: false,
    email: 'compta@theatre-du-nord.fr',
    addressLine: '4 place du Général de Gaulle',
    postalCode: '59800',
    city: 'Lille',
    country: 'FR',
  },
  eu: {
    kind: 'company',
    name: 'Studio Brussel BV',
    siren: null,
    siret: null,
    vatNumber: 'BE0403170701',
    publicSector: false,
    email: null,
    addressLine: 'Rue Royale 94',
    postalCode: '1000',
    city: 'Bruxelles',
    country: 'BE',
  },
  person: {
    kind: 'individual',
    name: 'Camille Lefèvre',
    siren: null,
    siret: null,
    vatNumber: null,
    publicSector: false,
    email: null,
    addressLine: '8 allée des Tilleuls',
    postalCode: '59650',
    city: 'Villeneuve-d’Ascq',
    country: 'FR',
  },
};

const line = (
  position: number,
  vatCategory: VatCategoryKey,
  quantity: number,
  unitPriceCents: number,
  discountCents = 0,
) =>
  ({
    position,
    designation: `Prestation ${position}`,
    description: position === 1 ? 'Détail de la prestation' : '',
    quantityMilli: Math.round(quantity * 1000),
    unitCode: 'HUR',
    unitPriceCents,
    discountCents,
    netCents: lineNet({ quantity, unitPriceCents, discountCents }),
    vatCategory,
  }) satisfies StoredLine;

const stored = (overrides: Partial<StoredDocument>): StoredDocument => ({
  kind: 'invoice',
  number: 'FA-2026-000042',
  issueDate: '2026-11-30',
  dueDate: '2026-12-30',
  validUntil: null,
  serviceDate: '2026-11-20',
  lastServiceDate: null,
  subject: 'Régie son',
  notes: '',
  language: 'fr',
  purchaseOrder: 'BC-118',
  buyerReference: null,
  paymentTerm: 'days',
  paymentDays: 30,
  prepaidCents: 0,
  fixedVat: {},
  lines: [
    line(1, 'standard', 6, 45_000, 5_000),
    line(2, 'reduced', 2.5, 1_999),
    line(3, 'exempt-training', 1, 70_000),
  ],
  ...overrides,
});

const build = (
  doc: StoredDocument,
  client: StoredClient,
  preceding?: { number: string; issueDate: string },
) =>
  buildSalesDocument({
    doc,
    entity,
    client,
    activity: { code: 'LIL-0042', name: 'Régie son et lumière' },
    memberName: 'Léa Martin',
    ...(preceding ? { precedingInvoice: preceding } : {}),
    today: '2026-11-30',
  });

const cases = {
  'French business, three categories': build(stored({}), clients.business),
  'EU business, reverse charge': build(
    stored({ lines: [line(1, 'reverse-charge-eu', 10, 38_000, 20_000)] }),
    clients.eu,
  ),
  'private person, on receipt': build(
    stored({ paymentTerm: 'on_receipt', purchaseOrder: null }),
    clients.person,
  ),
  'outside the scope of VAT': build(
    stored({ lines: [line(1, 'out-of-scope', 1, 50_000)] }),
    clients.business,
  ),
  'credit note': build(
    stored({
      kind: 'credit_note',
      number: 'AV-2026-000007',
      dueDate: null,
      lines: [line(1, 'standard', 1, 45_000)],
    }),
    clients.business,
    { number: 'FA-2026-000042', issueDate: '2026-11-30' },
  ),
  'deposit invoice': build(
    stored({ kind: 'deposit_invoice', number: 'FA-2026-000043', lines: [line(1, 'standard', 1, 43_512)] }),
    clients.person,
  ),
  'balance invoice with a deposit deducted': build(
    stored({ number: 'FA-2026-000044', prepaidCents: 52_214 }),
    clients.business,
  ),
};

describe('documents built by the sales rules', () => {
  for (const [name, doc] of Object.entries(cases)) {
    it(`${name}: CII and UBL hold the rules and the totals, Factur-X validator agrees`, async () => {
      const notes = doc.buyer.isBusiness ? frenchNotesOf(doc) : [];
      if (doc.buyer.isBusiness) expect(notes.sort()).toEqual(['AAB', 'PMD', 'PMT']);
      const cii = buildCii(doc);
      for (const read of [readCii(cii), readUbl(buildUbl(doc))]) {
        expect(checkEn16931(read, { frenchNotes: notes })).toEqual([]);
        expectSameMoney(doc, read);
      }
      expect(await ciiSchemaErrors(cii)).toEqual([]);
      expect((await FacturX.fromXML(cii)).validate()).toEqual({ valid: true });
    });
  }

  it('prints every mention the sales rules chose', async () => {
    for (const doc of Object.values(cases)) {
      const text = (await pdfPages(await renderSalesPdf(doc))).join(' ').replace(/\s+/g, ' ');
      for (const mention of doc.mentions) expect(text).toContain(mention.replace(/\s+/g, ' '));
      expect(text).toContain('SIREN 842 193 757');
      expect(text).toContain('RCS Lille Métropole 842 193 757');
    }
  });
});
