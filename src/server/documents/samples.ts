// Sales documents for the renderers' tests and sample renders: believable parties, and totals
// computed here the way an EN 16931 invoice adds up (line nets, then VAT once per rate, half-up),
// so that the files produced from them can be checked against the business rules.
import type {
  Party,
  SalesDocument,
  SalesDocumentLine,
  VatBreakdown,
  VatCategory,
} from '../../domain/invoicing/document.ts';
import { applyRate, type Cents, cents, divideRounded, subtract, sum } from '../../domain/money.ts';

export const vat = {
  standard: { code: 'S', rateBp: 2000 },
  intermediate: { code: 'S', rateBp: 1000 },
  reduced: { code: 'S', rateBp: 550 },
  superReduced: { code: 'S', rateBp: 210 },
  training: {
    code: 'E',
    rateBp: 0,
    exemptionReason: 'Exonération de TVA, art. 261-4-4° a du CGI (formation professionnelle continue)',
    exemptionCode: 'VATEX-EU-132-1I',
  },
  reverseCharge: {
    code: 'AE',
    rateBp: 0,
    exemptionReason: 'Autoliquidation, art. 283-2 du CGI et art. 196 de la directive 2006/112/CE',
    exemptionCode: 'VATEX-EU-AE',
  },
  export: {
    code: 'G',
    rateBp: 0,
    exemptionReason: 'Exonération de TVA, art. 262 I du CGI (exportation)',
    exemptionCode: 'VATEX-EU-G',
  },
  outOfScope: {
    code: 'O',
    rateBp: 0,
    exemptionReason: 'Opération hors du champ d’application de la TVA',
    exemptionCode: 'VATEX-EU-O',
  },
} satisfies Record<string, VatCategory>;

export const seller: Party = {
  name: 'Coop Exemple',
  legalForm: 'SCIC SA à capital variable',
  siren: '123456782',
  siret: '12345678200017',
  vatNumber: 'FR11123456782',
  registration: 'RCS Lille Métropole 123 456 782',
  capitalCents: 1_520_000,
  address: { line1: '12 rue des Arts', line2: 'Bâtiment B', postcode: '59000', city: 'Lille', country: 'FR' },
  email: 'facturation@coop-exemple.fr',
  isBusiness: true,
};

export const businessBuyer: Party = {
  name: 'Théâtre du Nord SARL',
  legalForm: 'SARL',
  siren: '732829320',
  siret: '73282932000074',
  vatNumber: 'FR40732829320',
  address: { line1: '4 place du Général de Gaulle', postcode: '59800', city: 'Lille', country: 'FR' },
  isBusiness: true,
};

export const belgianBuyer: Party = {
  name: 'Studio Brussel BV',
  vatNumber: 'BE0403170701',
  address: { line1: 'Rue Royale 94', postcode: '1000', city: 'Bruxelles', country: 'BE' },
  isBusiness: true,
};

export const privateBuyer: Party = {
  name: 'Camille Lefèvre',
  address: { line1: '8 allée des Tilleuls', postcode: '59650', city: 'Villeneuve-d’Ascq', country: 'FR' },
  isBusiness: false,
};

export type SampleLine = Pick<SalesDocumentLine, 'designation' | 'quantity' | 'unitCode' | 'unitPriceCents'> &
  Partial<Pick<SalesDocumentLine, 'description' | 'discountCents'>> & { vat: VatCategory };

const groupKey = (v: VatCategory) => `${v.code}/${v.rateBp}`;

/** Lines with their nets, the VAT per category and rate, and the totals, added up as EN 16931 does. */
export const withTotals = (
  base: Omit<
    SalesDocument,
    'lines' | 'vatBreakdown' | 'totalExclVatCents' | 'totalVatCents' | 'totalInclVatCents' | 'dueCents'
  >,
  sampleLines: SampleLine[],
): SalesDocument => {
  const lines: SalesDocumentLine[] = sampleLines.map((l, i) => {
    const discountCents = l.discountCents ?? 0;
    // quantity has up to three decimals: work in thousandths to stay in integers.
    const gross = divideRounded(Math.round(l.quantity * 1000) * l.unitPriceCents, 1000, 'half-up');
    return {
      position: i + 1,
      designation: l.designation,
      ...(l.description === undefined ? {} : { description: l.description }),
      quantity: l.quantity,
      unitCode: l.unitCode,
      unitPriceCents: l.unitPriceCents,
      discountCents,
      netCents: subtract(gross, discountCents),
      vat: l.vat,
    };
  });
  const groups = new Map<string, VatBreakdown>();
  for (const line of lines) {
    const key = groupKey(line.vat);
    const group = groups.get(key) ?? { ...line.vat, baseCents: 0, vatCents: 0 };
    group.baseCents = cents(group.baseCents + line.netCents);
    groups.set(key, group);
  }
  const vatBreakdown = [...groups.values()].map((g) => ({
    ...g,
    vatCents: applyRate(g.baseCents, g.rateBp),
  }));
  const totalExclVatCents = sum(lines.map((l) => l.netCents));
  const totalVatCents = sum(vatBreakdown.map((g) => g.vatCents));
  const totalInclVatCents: Cents = cents(totalExclVatCents + totalVatCents);
  return {
    ...base,
    lines,
    vatBreakdown,
    totalExclVatCents,
    totalVatCents,
    totalInclVatCents,
    dueCents: subtract(totalInclVatCents, base.prepaidCents),
  };
};

const pmd =
  'En cas de retard de paiement, pénalités au taux annuel de 12,15 % (taux BCE + 10 points, art. L441-10 du Code de commerce).';
const pmt =
  'Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : 40,00 € (art. D441-5 du Code de commerce).';
const aab = 'Pas d’escompte pour paiement anticipé.';

const common = {
  currency: 'EUR',
  language: 'fr',
  seller,
  activity: { code: 'LIL-0042', name: 'Régie son et lumière' },
  memberName: 'Léa Martin',
  prepaidCents: 0,
} as const;

/** The entity's bank account, with the document number as the remittance to quote. */
const paymentFor = (number: string) => ({
  iban: 'FR7630006000011234567890189',
  bic: 'AGRIFRPPXXX',
  accountName: 'Coop Exemple',
  remittance: number,
});

/** A business invoice over two VAT rates, with a purchase order and the French coded notes. */
export const sampleInvoice = (): SalesDocument =>
  withTotals(
    {
      ...common,
      kind: 'invoice',
      number: 'FA-2026-000042',
      payment: paymentFor('FA-2026-000042'),
      issueDate: '2026-11-30',
      serviceDate: '2026-11-02',
      lastServiceDate: '2026-11-27',
      dueDate: '2026-12-30',
      buyer: businessBuyer,
      purchaseOrder: 'BC-2026-118',
      buyerReference: 'SERVICE-TECHNIQUE',
      subject: 'Régie son du spectacle « Les Œuvres vives », novembre 2026',
      paymentTermsText: 'Paiement à 30 jours date de facture, par virement.',
      latePenaltyRateBp: 1215,
      recoveryIndemnityCents: 4000,
      mentions: [aab, pmd, pmt],
      codedNotes: [
        { subject: 'AAB', text: aab },
        { subject: 'PMD', text: pmd },
        { subject: 'PMT', text: pmt },
      ],
      notes: 'Merci pour votre confiance.',
    },
    [
      {
        designation: 'Régie son — représentations',
        description: 'Installation, balances et régie des six représentations du 2 au 27 novembre',
        quantity: 6,
        unitCode: 'DAY',
        unitPriceCents: 45_000,
        discountCents: 5_000,
        vat: vat.standard,
      },
      {
        designation: 'Location de matériel de sonorisation',
        quantity: 1,
        unitCode: 'LS',
        unitPriceCents: 82_050,
        vat: vat.standard,
      },
      {
        designation: 'Captation sonore pour archive',
        description: 'Prise de son multipiste et mixage stéréo',
        quantity: 7.5,
        unitCode: 'HUR',
        unitPriceCents: 6_533,
        vat: vat.intermediate,
      },
      {
        designation: 'Livret programme imprimé',
        quantity: 120,
        unitCode: 'C62',
        unitPriceCents: 215,
        vat: vat.reduced,
      },
    ],
  );

/** A credit note cancelling part of sampleInvoice (BT-25/26). */
export const sampleCreditNote = (): SalesDocument =>
  withTotals(
    {
      ...common,
      kind: 'credit_note',
      number: 'AV-2026-000007',
      payment: paymentFor('AV-2026-000007'),
      issueDate: '2026-12-04',
      buyer: businessBuyer,
      purchaseOrder: 'BC-2026-118',
      precedingInvoice: { number: 'FA-2026-000042', issueDate: '2026-11-30' },
      subject: 'Annulation d’une représentation (27 novembre)',
      latePenaltyRateBp: 1215,
      recoveryIndemnityCents: 4000,
      mentions: ['Avoir sur la facture FA-2026-000042 du 30/11/2026', aab, pmd, pmt],
      codedNotes: [
        { subject: 'AAB', text: aab },
        { subject: 'PMD', text: pmd },
        { subject: 'PMT', text: pmt },
      ],
    },
    [
      {
        designation: 'Régie son — représentation annulée du 27 novembre',
        quantity: 1,
        unitCode: 'DAY',
        unitPriceCents: 45_000,
        vat: vat.standard,
      },
    ],
  );

/** A quote to a private person: validity, acceptance area, no penalties. */
export const sampleQuote = (): SalesDocument =>
  withTotals(
    {
      ...common,
      kind: 'quote',
      number: 'DE-2026-000113',
      payment: paymentFor('DE-2026-000113'),
      issueDate: '2026-11-30',
      validUntil: '2026-12-30',
      serviceDate: '2027-02-14',
      buyer: privateBuyer,
      subject: 'Sonorisation d’un mariage, samedi 14 février 2027',
      paymentTermsText: '30 % d’acompte à la commande, le solde le jour de la prestation.',
      mentions: [],
      codedNotes: [],
      notes: 'Le matériel est livré et repris par nos soins ; accès véhicule nécessaire.',
    },
    [
      {
        designation: 'Sonorisation cérémonie et soirée',
        description: 'Enceintes, table de mixage, deux micros sans fil, technicien sur place de 14 h à 2 h',
        quantity: 1,
        unitCode: 'LS',
        unitPriceCents: 135_000,
        vat: vat.standard,
      },
      { designation: 'Déplacement', quantity: 84, unitCode: 'KMT', unitPriceCents: 60, vat: vat.standard },
    ],
  );

/** A training invoice (VAT exempt, CGI 261-4-4°) with a deposit already paid, in English. */
export const sampleExemptBalanceInvoice = (): SalesDocument =>
  withTotals(
    {
      ...common,
      language: 'en',
      kind: 'invoice',
      number: 'FA-2026-000057',
      payment: paymentFor('FA-2026-000057'),
      issueDate: '2026-12-10',
      serviceDate: '2026-12-07',
      lastServiceDate: '2026-12-09',
      dueDate: '2027-01-09',
      buyer: businessBuyer,
      paymentTermsText: '30 days from the invoice date, by bank transfer.',
      prepaidCents: 60_000,
      latePenaltyRateBp: 1215,
      recoveryIndemnityCents: 4000,
      mentions: [vat.training.exemptionReason, aab, pmd, pmt],
      codedNotes: [
        { subject: 'AAB', text: aab },
        { subject: 'PMD', text: pmd },
        { subject: 'PMT', text: pmt },
      ],
    },
    [
      {
        designation: 'Sound engineering workshop (3 days)',
        description: 'Vocational training for 8 trainees',
        quantity: 3,
        unitCode: 'DAY',
        unitPriceCents: 70_000,
        vat: vat.training,
      },
    ],
  );

/** An EU business client: services under reverse charge. */
export const sampleReverseChargeInvoice = (): SalesDocument =>
  withTotals(
    {
      ...common,
      kind: 'invoice',
      number: 'FA-2026-000058',
      payment: paymentFor('FA-2026-000058'),
      issueDate: '2026-12-11',
      serviceDate: '2026-12-05',
      dueDate: '2027-01-10',
      buyer: belgianBuyer,
      paymentTermsText: 'Paiement à 30 jours date de facture.',
      latePenaltyRateBp: 1215,
      recoveryIndemnityCents: 4000,
      mentions: [vat.reverseCharge.exemptionReason, 'Autoliquidation', aab, pmd, pmt],
      codedNotes: [
        { subject: 'AAB', text: aab },
        { subject: 'PMD', text: pmd },
        { subject: 'PMT', text: pmt },
      ],
    },
    [
      {
        designation: 'Mixage d’un album (10 titres)',
        quantity: 10,
        unitCode: 'C62',
        unitPriceCents: 38_000,
        discountCents: 20_000,
        vat: vat.reverseCharge,
      },
    ],
  );

/** A deposit invoice (386) on an accepted quote. */
export const sampleDepositInvoice = (): SalesDocument =>
  withTotals(
    {
      ...common,
      kind: 'deposit_invoice',
      number: 'FA-2026-000059',
      payment: paymentFor('FA-2026-000059'),
      issueDate: '2026-12-12',
      dueDate: '2026-12-19',
      buyer: privateBuyer,
      subject: 'Acompte de 30 % sur le devis DE-2026-000113',
      paymentTermsText: 'À régler à réception.',
      mentions: [aab],
      codedNotes: [{ subject: 'AAB', text: aab }],
    },
    [
      {
        designation: 'Acompte de 30 % — sonorisation du 14 février 2027',
        quantity: 1,
        unitCode: 'LS',
        unitPriceCents: 43_512,
        vat: vat.standard,
      },
    ],
  );

export const allSamples = (): SalesDocument[] => [
  sampleInvoice(),
  sampleCreditNote(),
  sampleQuote(),
  sampleExemptBalanceInvoice(),
  sampleReverseChargeInvoice(),
  sampleDepositInvoice(),
];
