// VAT categories of sales documents, as dated data with their legal source. A line names a category
// by key; the rate in force on the document's date comes from here, never from a bare percentage.
import type { IsoDate } from '../dates.ts';
import type { BasisPoints } from '../money.ts';
import type { VatCategory, VatCategoryCode } from './document.ts';

export const vatCategoryKeys = [
  'standard',
  'intermediate',
  'reduced',
  'super-reduced',
  'exempt-training',
  'reverse-charge-eu',
  'out-of-scope',
] as const;
export type VatCategoryKey = (typeof vatCategoryKeys)[number];

type Version = { validFrom: IsoDate; rateBp: BasisPoints; source: string };

type CategoryDefinition = {
  code: VatCategoryCode;
  label: { fr: string; en: string };
  /** Printed on the document (BT-120) and its VATEX code (BT-121), for categories without VAT. */
  exemptionReason?: string;
  exemptionCode?: string;
  /** Only for a business buyer established in another EU country. */
  euBusinessOnly?: boolean;
  versions: readonly Version[];
};

export const vatCategories: Record<VatCategoryKey, CategoryDefinition> = {
  standard: {
    code: 'S',
    label: { fr: 'TVA 20 %', en: 'VAT 20%' },
    versions: [{ validFrom: '2014-01-01', rateBp: 2000, source: 'CGI art. 278' }],
  },
  intermediate: {
    code: 'S',
    label: { fr: 'TVA 10 %', en: 'VAT 10%' },
    versions: [{ validFrom: '2014-01-01', rateBp: 1000, source: 'CGI art. 279' }],
  },
  reduced: {
    code: 'S',
    label: { fr: 'TVA 5,5 %', en: 'VAT 5.5%' },
    versions: [{ validFrom: '2014-01-01', rateBp: 550, source: 'CGI art. 278-0 bis' }],
  },
  'super-reduced': {
    code: 'S',
    label: { fr: 'TVA 2,1 %', en: 'VAT 2.1%' },
    versions: [{ validFrom: '1986-01-01', rateBp: 210, source: 'CGI art. 281 quater' }],
  },
  'exempt-training': {
    code: 'E',
    label: { fr: 'Exonéré – formation professionnelle', en: 'Exempt – vocational training' },
    exemptionReason: 'Exonération de TVA, art. 261-4-4° a du CGI (formation professionnelle continue)',
    // The VATEX list has no French code for it: the directive's own basis, art. 132-1-i (education).
    exemptionCode: 'VATEX-EU-132-1I',
    versions: [{ validFrom: '1991-01-01', rateBp: 0, source: 'CGI art. 261-4-4°' }],
  },
  'reverse-charge-eu': {
    code: 'AE',
    label: { fr: 'Autoliquidation – services UE', en: 'Reverse charge – EU services' },
    exemptionReason:
      'Autoliquidation : TVA due par le preneur, art. 283-2 du CGI et art. 196 de la directive 2006/112/CE',
    exemptionCode: 'VATEX-EU-AE',
    euBusinessOnly: true,
    versions: [
      { validFrom: '2010-01-01', rateBp: 0, source: 'CGI art. 283-2; directive 2006/112/CE art. 196' },
    ],
  },
  'out-of-scope': {
    code: 'O',
    label: { fr: 'Hors champ de la TVA', en: 'Outside the scope of VAT' },
    exemptionReason: 'Opération hors du champ d’application de la TVA',
    exemptionCode: 'VATEX-EU-O',
    versions: [{ validFrom: '1970-01-01', rateBp: 0, source: 'CGI art. 256 (a contrario)' }],
  },
};

/** The category as it applies on a date (the latest version in force), null before it existed. */
export function vatCategoryOn(key: VatCategoryKey, date: IsoDate): (VatCategory & { source: string }) | null {
  const def = vatCategories[key];
  const version = [...def.versions]
    .filter((v) => v.validFrom <= date)
    .sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))[0];
  if (!version) return null;
  return {
    code: def.code,
    rateBp: version.rateBp,
    source: version.source,
    ...(def.exemptionReason ? { exemptionReason: def.exemptionReason } : {}),
    ...(def.exemptionCode ? { exemptionCode: def.exemptionCode } : {}),
  };
}

export const isVatCategoryKey = (value: string): value is VatCategoryKey =>
  (vatCategoryKeys as readonly string[]).includes(value);
