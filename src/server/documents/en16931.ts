// A small checker of the EN 16931 business rules that can run without Java, used by the documents'
// tests: it reads a CII or UBL file back with fast-xml-parser (not with the code that wrote it) into
// the semantic model of the norm (BT-/BG- terms) and runs the arithmetic rules (BR-CO-10…17, BR-x-08/09
// per VAT category), the VAT identifier and exemption rules (BR-IC for intra-community supplies),
// BR-CO-25, BR-61, and the French rules on coded notes (BR-FR-05/06, one content per note) and on
// credit notes (BR-FR-CO-05). An empty list: none broken.
import { XMLParser } from 'fast-xml-parser';

export type SemanticLine = {
  id: string;
  quantity: number;
  priceCents: number;
  allowanceCents: number[];
  netCents: number;
  category: string;
  rateBp?: number;
};

export type SemanticBreakdown = {
  category: string;
  rateBp?: number;
  baseCents: number;
  vatCents: number;
  reason?: string;
  reasonCode?: string;
};

/** The EN 16931 terms a file carries, as the rules below need them. */
export type SemanticInvoice = {
  syntax: 'CII' | 'UBL';
  specification?: string;
  typeCode: string;
  number: string;
  issueDate: string;
  currency: string;
  notes: { subject?: string; texts: string[] }[];
  sellerName: string;
  sellerVat?: string;
  sellerLegalId?: string;
  buyerName: string;
  buyerVat?: string;
  buyerLegalId?: string;
  purchaseOrder?: string;
  paymentMeansCode?: string;
  iban?: string;
  paymentReference?: string;
  dueDate?: string;
  paymentTerms?: string;
  /** BT-72 actual delivery date, BG-14 invoicing period, BT-80 deliver-to country. */
  deliveryDate?: string;
  periodStart?: string;
  periodEnd?: string;
  deliverToCountry?: string;
  preceding?: { number?: string; date?: string };
  lines: SemanticLine[];
  breakdown: SemanticBreakdown[];
  totals: {
    lineCents: number;
    allowanceCents: number;
    chargeCents: number;
    taxBasisCents: number;
    taxCents: number;
    grandCents: number;
    prepaidCents: number;
    roundingCents: number;
    dueCents: number;
  };
};

export type RuleBreach = { rule: string; message: string };

const arrays = new Set([
  'ram:IncludedNote',
  'ram:Content',
  'ram:IncludedSupplyChainTradeLineItem',
  'ram:ApplicableTradeTax',
  'ram:SpecifiedTradeAllowanceCharge',
  'ram:SpecifiedTradeSettlementPaymentMeans',
  'ram:SpecifiedTradePaymentTerms',
  'ram:InvoiceReferencedDocument',
  'ram:SpecifiedTaxRegistration',
  'cbc:Note',
  'cac:InvoiceLine',
  'cac:CreditNoteLine',
  'cac:TaxSubtotal',
  'cac:TaxTotal',
  'cac:AllowanceCharge',
  'cac:PaymentMeans',
  'cac:BillingReference',
  'cac:PartyTaxScheme',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => arrays.has(name),
});

type X = any;
const text = (node: X): string | undefined =>
  node === undefined || node === null ? undefined : typeof node === 'object' ? node['#text'] : String(node);
const list = (node: X): X[] => (node === undefined ? [] : Array.isArray(node) ? node : [node]);

/** "1234.5" → 123450 cents, exactly (no floating point); more than two decimals is refused. */
export const parseCents = (value: string | undefined): number => {
  if (value === undefined || value === '') return 0;
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (!m) throw new Error(`Not an amount with at most two decimals: ${value}`);
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -cents : cents;
};

/** "5.5" → 550 basis points. */
const parseRate = (value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (!m) throw new Error(`Not a rate: ${value}`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
};

const isoOf102 = (node: X): string | undefined => {
  const v = text(node?.['udt:DateTimeString'] ?? node?.['qdt:DateTimeString']);
  return v ? `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}` : undefined;
};

const vatOf = (party: X): string | undefined =>
  list(party?.['ram:SpecifiedTaxRegistration'])
    .map((r) => r['ram:ID'])
    .find((id) => id?.['@schemeID'] === 'VA')?.['#text'];

/** Reads a CII (Factur-X) file into the semantic model. */
export const readCii = (xml: string): SemanticInvoice => {
  const root = parser.parse(xml)['rsm:CrossIndustryInvoice'];
  if (!root) throw new Error('Not a CII document: no rsm:CrossIndustryInvoice root');
  const header = root['rsm:ExchangedDocument'];
  const tx = root['rsm:SupplyChainTradeTransaction'];
  const agreement = tx['ram:ApplicableHeaderTradeAgreement'];
  const settlement = tx['ram:ApplicableHeaderTradeSettlement'];
  const sums = settlement['ram:SpecifiedTradeSettlementHeaderMonetarySummation'];
  const means = list(settlement['ram:SpecifiedTradeSettlementPaymentMeans'])[0];
  const terms = list(settlement['ram:SpecifiedTradePaymentTerms'])[0];
  const preceding = list(settlement['ram:InvoiceReferencedDocument'])[0];
  const seller = agreement['ram:SellerTradeParty'];
  const buyer = agreement['ram:BuyerTradeParty'];
  return {
    syntax: 'CII',
    specification: text(
      root['rsm:ExchangedDocumentContext']?.['ram:GuidelineSpecifiedDocumentContextParameter']?.['ram:ID'],
    ),
    typeCode: text(header['ram:TypeCode']) ?? '',
    number: text(header['ram:ID']) ?? '',
    issueDate: isoOf102(header['ram:IssueDateTime']) ?? '',
    currency: text(settlement['ram:InvoiceCurrencyCode']) ?? '',
    notes: list(header['ram:IncludedNote']).map((n) => ({
      subject: text(n['ram:SubjectCode']),
      texts: list(n['ram:Content']).map((c) => text(c) ?? ''),
    })),
    sellerName: text(seller['ram:Name']) ?? '',
    sellerVat: vatOf(seller),
    sellerLegalId: text(seller['ram:SpecifiedLegalOrganization']?.['ram:ID']),
    buyerName: text(buyer['ram:Name']) ?? '',
    buyerVat: vatOf(buyer),
    buyerLegalId: text(buyer['ram:SpecifiedLegalOrganization']?.['ram:ID']),
    purchaseOrder: text(agreement['ram:BuyerOrderReferencedDocument']?.['ram:IssuerAssignedID']),
    paymentMeansCode: text(means?.['ram:TypeCode']),
    iban: text(means?.['ram:PayeePartyCreditorFinancialAccount']?.['ram:IBANID']),
    paymentReference: text(settlement['ram:PaymentReference']),
    dueDate: isoOf102(terms?.['ram:DueDateDateTime']),
    paymentTerms: text(terms?.['ram:Description']),
    deliveryDate: isoOf102(
      tx['ram:ApplicableHeaderTradeDelivery']?.['ram:ActualDeliverySupplyChainEvent']?.[
        'ram:OccurrenceDateTime'
      ],
    ),
    periodStart: isoOf102(settlement['ram:BillingSpecifiedPeriod']?.['ram:StartDateTime']),
    periodEnd: isoOf102(settlement['ram:BillingSpecifiedPeriod']?.['ram:EndDateTime']),
    deliverToCountry: text(
      tx['ram:ApplicableHeaderTradeDelivery']?.['ram:ShipToTradeParty']?.['ram:PostalTradeAddress']?.[
        'ram:CountryID'
      ],
    ),
    preceding: preceding && {
      number: text(preceding['ram:IssuerAssignedID']),
      date: isoOf102(preceding['ram:FormattedIssueDateTime']),
    },
    lines: list(tx['ram:IncludedSupplyChainTradeLineItem']).map((item) => {
      const lineSettlement = item['ram:SpecifiedLineTradeSettlement'];
      const lineTax = list(lineSettlement['ram:ApplicableTradeTax'])[0];
      return {
        id: text(item['ram:AssociatedDocumentLineDocument']['ram:LineID']) ?? '',
        quantity: Number(text(item['ram:SpecifiedLineTradeDelivery']['ram:BilledQuantity'])),
        priceCents: parseCents(
          text(item['ram:SpecifiedLineTradeAgreement']['ram:NetPriceProductTradePrice']['ram:ChargeAmount']),
        ),
        allowanceCents: list(lineSettlement['ram:SpecifiedTradeAllowanceCharge'])
          .filter((a) => text(a['ram:ChargeIndicator']?.['udt:Indicator']) === 'false')
          .map((a) => parseCents(text(a['ram:ActualAmount']))),
        netCents: parseCents(
          text(lineSettlement['ram:SpecifiedTradeSettlementLineMonetarySummation']['ram:LineTotalAmount']),
        ),
        category: text(lineTax?.['ram:CategoryCode']) ?? '',
        rateBp: parseRate(text(lineTax?.['ram:RateApplicablePercent'])),
      };
    }),
    breakdown: list(settlement['ram:ApplicableTradeTax']).map((t) => ({
      category: text(t['ram:CategoryCode']) ?? '',
      rateBp: parseRate(text(t['ram:RateApplicablePercent'])),
      baseCents: parseCents(text(t['ram:BasisAmount'])),
      vatCents: parseCents(text(t['ram:CalculatedAmount'])),
      reason: text(t['ram:ExemptionReason']),
      reasonCode: text(t['ram:ExemptionReasonCode']),
    })),
    totals: {
      lineCents: parseCents(text(sums['ram:LineTotalAmount'])),
      allowanceCents: parseCents(text(sums['ram:AllowanceTotalAmount'])),
      chargeCents: parseCents(text(sums['ram:ChargeTotalAmount'])),
      taxBasisCents: parseCents(text(sums['ram:TaxBasisTotalAmount'])),
      taxCents: parseCents(text(sums['ram:TaxTotalAmount'])),
      grandCents: parseCents(text(sums['ram:GrandTotalAmount'])),
      prepaidCents: parseCents(text(sums['ram:TotalPrepaidAmount'])),
      roundingCents: parseCents(text(sums['ram:RoundingAmount'])),
      dueCents: parseCents(text(sums['ram:DuePayableAmount'])),
    },
  };
};

/** Reads a UBL 2.1 Invoice or CreditNote into the semantic model; notes "#PMT#…" give their code. */
export const readUbl = (xml: string): SemanticInvoice => {
  const parsed = parser.parse(xml);
  const credit = 'CreditNote' in parsed;
  const root = parsed.CreditNote ?? parsed.Invoice;
  if (!root) throw new Error('Not a UBL Invoice or CreditNote');
  const partyOf = (p: X) => p?.['cac:Party'];
  const seller = partyOf(root['cac:AccountingSupplierParty']);
  const buyer = partyOf(root['cac:AccountingCustomerParty']);
  const vat = (p: X) =>
    text(
      list(p?.['cac:PartyTaxScheme']).find((s) => text(s['cac:TaxScheme']?.['cbc:ID']) === 'VAT')?.[
        'cbc:CompanyID'
      ],
    );
  const means = list(root['cac:PaymentMeans'])[0];
  const ref = list(root['cac:BillingReference'])[0]?.['cac:InvoiceDocumentReference'];
  const totals = root['cac:LegalMonetaryTotal'];
  const taxTotal = list(root['cac:TaxTotal'])[0];
  const noteLines = list(root['cbc:Note']).flatMap((n) => (text(n) ?? '').split('\n'));
  return {
    syntax: 'UBL',
    specification: text(root['cbc:CustomizationID']),
    typeCode: text(root[credit ? 'cbc:CreditNoteTypeCode' : 'cbc:InvoiceTypeCode']) ?? '',
    number: text(root['cbc:ID']) ?? '',
    issueDate: text(root['cbc:IssueDate']) ?? '',
    currency: text(root['cbc:DocumentCurrencyCode']) ?? '',
    notes: noteLines.map((line) => {
      const m = /^#([A-Z]{3})#(.*)$/s.exec(line);
      return m ? { subject: m[1], texts: [m[2] as string] } : { texts: [line] };
    }),
    sellerName: text(seller?.['cac:PartyName']?.['cbc:Name']) ?? '',
    sellerVat: vat(seller),
    sellerLegalId: text(seller?.['cac:PartyLegalEntity']?.['cbc:CompanyID']),
    buyerName: text(buyer?.['cac:PartyName']?.['cbc:Name']) ?? '',
    buyerVat: vat(buyer),
    buyerLegalId: text(buyer?.['cac:PartyLegalEntity']?.['cbc:CompanyID']),
    purchaseOrder: text(root['cac:OrderReference']?.['cbc:ID']),
    paymentMeansCode: text(means?.['cbc:PaymentMeansCode']),
    iban: text(means?.['cac:PayeeFinancialAccount']?.['cbc:ID']),
    paymentReference: text(means?.['cbc:PaymentID']),
    dueDate: text(root['cbc:DueDate']) ?? text(means?.['cbc:PaymentDueDate']),
    paymentTerms: text(list(root['cac:PaymentTerms']?.['cbc:Note'])[0]),
    deliveryDate: text(root['cac:Delivery']?.['cbc:ActualDeliveryDate']),
    periodStart: text(root['cac:InvoicePeriod']?.['cbc:StartDate']),
    periodEnd: text(root['cac:InvoicePeriod']?.['cbc:EndDate']),
    deliverToCountry: text(
      root['cac:Delivery']?.['cac:DeliveryLocation']?.['cac:Address']?.['cac:Country']?.[
        'cbc:IdentificationCode'
      ],
    ),
    preceding: ref && { number: text(ref['cbc:ID']), date: text(ref['cbc:IssueDate']) },
    lines: list(root[credit ? 'cac:CreditNoteLine' : 'cac:InvoiceLine']).map((line) => {
      const category = line['cac:Item']['cac:ClassifiedTaxCategory'];
      return {
        id: text(line['cbc:ID']) ?? '',
        quantity: Number(text(line[credit ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity'])),
        priceCents: parseCents(text(line['cac:Price']['cbc:PriceAmount'])),
        allowanceCents: list(line['cac:AllowanceCharge'])
          .filter((a) => text(a['cbc:ChargeIndicator']) === 'false')
          .map((a) => parseCents(text(a['cbc:Amount']))),
        netCents: parseCents(text(line['cbc:LineExtensionAmount'])),
        category: text(category['cbc:ID']) ?? '',
        rateBp: parseRate(text(category['cbc:Percent'])),
      };
    }),
    breakdown: list(taxTotal?.['cac:TaxSubtotal']).map((s) => ({
      category: text(s['cac:TaxCategory']['cbc:ID']) ?? '',
      rateBp: parseRate(text(s['cac:TaxCategory']['cbc:Percent'])),
      baseCents: parseCents(text(s['cbc:TaxableAmount'])),
      vatCents: parseCents(text(s['cbc:TaxAmount'])),
      reason: text(s['cac:TaxCategory']['cbc:TaxExemptionReason']),
      reasonCode: text(s['cac:TaxCategory']['cbc:TaxExemptionReasonCode']),
    })),
    totals: {
      lineCents: parseCents(text(totals['cbc:LineExtensionAmount'])),
      allowanceCents: parseCents(text(totals['cbc:AllowanceTotalAmount'])),
      chargeCents: parseCents(text(totals['cbc:ChargeTotalAmount'])),
      taxBasisCents: parseCents(text(totals['cbc:TaxExclusiveAmount'])),
      taxCents: parseCents(text(taxTotal?.['cbc:TaxAmount'])),
      grandCents: parseCents(text(totals['cbc:TaxInclusiveAmount'])),
      prepaidCents: parseCents(text(totals['cbc:PrepaidAmount'])),
      roundingCents: parseCents(text(totals['cbc:PayableRoundingAmount'])),
      dueCents: parseCents(text(totals['cbc:PayableAmount'])),
    },
  };
};

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
/** amount × rate, half-up to the cent, in integers (BR-CO-17 rounds the VAT of each rate). */
const vatOn = (baseCents: number, rateBp: number) => {
  const sign = baseCents < 0 ? -1 : 1;
  return sign * Math.floor((Math.abs(baseCents) * rateBp + 5_000) / 10_000);
};

/** Categories whose VAT is nil, with their rule prefix. */
const nilCategories = new Set(['Z', 'E', 'AE', 'K', 'G', 'O']);
const exemptCategories = new Set(['E', 'AE', 'K', 'G', 'O']);

/**
 * The rules broken by a file. `frenchNotes`: the coded notes a French business invoice must carry
 * (BR-FR-05: PMT and PMD; AAB for the early-payment discount terms).
 */
export const checkEn16931 = (
  inv: SemanticInvoice,
  options: { frenchNotes?: ('PMT' | 'PMD' | 'AAB')[] } = {},
): RuleBreach[] => {
  const out: RuleBreach[] = [];
  const breach = (rule: string, ok: boolean, message: string) => {
    if (!ok) out.push({ rule, message });
  };
  const t = inv.totals;
  const money = (c: number) => (c / 100).toFixed(2);

  breach('BR-01', Boolean(inv.specification), 'specification identifier (BT-24) missing');
  breach('BR-02', Boolean(inv.number), 'invoice number (BT-1) missing');
  breach('BR-03', /^\d{4}-\d{2}-\d{2}$/.test(inv.issueDate), 'issue date (BT-2) missing');
  breach(
    'BR-04',
    ['380', '381', '384', '386', '389', '751'].includes(inv.typeCode),
    `type code ${inv.typeCode}`,
  );
  breach('BR-05', inv.currency === 'EUR', `currency ${inv.currency}`);
  breach('BR-06', Boolean(inv.sellerName), 'seller name (BT-27) missing');
  breach('BR-07', Boolean(inv.buyerName), 'buyer name (BT-44) missing');
  breach('BR-16', inv.lines.length > 0, 'no invoice line');
  breach(
    'BR-CO-26',
    Boolean(inv.sellerVat || inv.sellerLegalId),
    'seller has neither VAT nor legal identifier',
  );

  for (const line of inv.lines) {
    breach('BR-27', line.priceCents >= 0, `line ${line.id}: negative net price`);
    // EN 16931 calculation of BT-131: quantity × net price − allowances, to the cent.
    const gross = Math.round((Math.round(line.quantity * 1000) * line.priceCents) / 1000);
    breach(
      'line net (BT-131)',
      gross - sum(line.allowanceCents) === line.netCents,
      `line ${line.id}: ${line.quantity} × ${money(line.priceCents)} − ${money(sum(line.allowanceCents))} ≠ ${money(line.netCents)}`,
    );
  }

  breach(
    'BR-CO-10',
    sum(inv.lines.map((l) => l.netCents)) === t.lineCents,
    `Σ line nets ≠ BT-106 ${money(t.lineCents)}`,
  );
  breach(
    'BR-CO-13',
    t.lineCents - t.allowanceCents + t.chargeCents === t.taxBasisCents,
    'BT-109 ≠ BT-106 − BT-107 + BT-108',
  );
  breach(
    'BR-CO-14',
    sum(inv.breakdown.map((b) => b.vatCents)) === t.taxCents,
    `Σ BT-117 ≠ BT-110 ${money(t.taxCents)}`,
  );
  breach('BR-CO-15', t.taxBasisCents + t.taxCents === t.grandCents, 'BT-112 ≠ BT-109 + BT-110');
  breach(
    'BR-CO-16',
    t.grandCents - t.prepaidCents + t.roundingCents === t.dueCents,
    'BT-115 ≠ BT-112 − BT-113 + BT-114',
  );
  breach('BR-CO-18', inv.breakdown.length > 0, 'no VAT breakdown (BG-23)');

  const keyOf = (c: string, r?: number) => `${c}/${c === 'O' ? '-' : (r ?? 0)}`;
  const groups = new Set(inv.breakdown.map((b) => keyOf(b.category, b.rateBp)));
  for (const line of inv.lines)
    breach(
      `BR-${line.category}-08`,
      groups.has(keyOf(line.category, line.rateBp)),
      `line ${line.id}: no breakdown for its VAT category and rate`,
    );
  for (const b of inv.breakdown) {
    const base = sum(
      inv.lines
        .filter((l) => keyOf(l.category, l.rateBp) === keyOf(b.category, b.rateBp))
        .map((l) => l.netCents),
    );
    breach(
      `BR-${b.category}-08`,
      base === b.baseCents,
      `${keyOf(b.category, b.rateBp)}: BT-116 ${money(b.baseCents)} ≠ Σ lines ${money(base)}`,
    );
    if (b.category === 'S') {
      breach(
        'BR-S-09',
        vatOn(b.baseCents, b.rateBp ?? 0) === b.vatCents,
        `S ${b.rateBp} bp: VAT ${money(b.vatCents)} ≠ base × rate`,
      );
      breach('BR-S-05', (b.rateBp ?? 0) > 0, 'standard rate must be above zero');
    }
    if (nilCategories.has(b.category))
      breach(`BR-${b.category}-09`, b.vatCents === 0, `${b.category}: VAT must be 0`);
    if (exemptCategories.has(b.category))
      breach(
        `BR-${b.category}-10`,
        Boolean(b.reason || b.reasonCode),
        `${b.category}: exemption reason (BT-120/121) missing`,
      );
    if (b.category === 'O') breach('BR-O-05', b.rateBp === undefined, 'O: no VAT rate allowed');
  }
  const categories = new Set(inv.lines.map((l) => l.category));
  if (categories.has('S')) breach('BR-S-02', Boolean(inv.sellerVat), 'S: seller VAT identifier missing');
  if (categories.has('AE'))
    breach(
      'BR-AE-02',
      Boolean(inv.sellerVat && (inv.buyerVat || inv.buyerLegalId)),
      'AE: seller and buyer identifiers',
    );
  if (categories.has('K')) {
    breach('BR-IC-02', Boolean(inv.sellerVat && inv.buyerVat), 'K: seller and buyer VAT identifiers');
    breach(
      'BR-IC-11',
      Boolean(inv.deliveryDate || inv.periodStart),
      'K: actual delivery date or invoicing period',
    );
    breach('BR-IC-12', Boolean(inv.deliverToCountry), 'K: deliver-to country (BT-80)');
  }
  if (categories.has('G')) breach('BR-G-02', Boolean(inv.sellerVat), 'G: seller VAT identifier missing');
  if (categories.has('E')) breach('BR-E-02', Boolean(inv.sellerVat), 'E: seller VAT identifier missing');
  if (categories.has('O')) {
    breach('BR-O-02', !inv.sellerVat && !inv.buyerVat, 'O: no VAT identifier allowed');
    breach('BR-O-11', categories.size === 1, 'O: no other VAT category allowed');
  }

  breach(
    'BR-CO-25',
    t.dueCents <= 0 || Boolean(inv.dueDate || inv.paymentTerms),
    'amount due without due date or terms',
  );
  if (inv.paymentMeansCode === '58' || inv.paymentMeansCode === '30')
    breach('BR-61', Boolean(inv.iban), 'credit transfer without account identifier (BT-84)');

  // French rules (XP Z12-012): one content per note, each subject code once, the coded notes present.
  for (const note of inv.notes) breach('CII-SR-030', note.texts.length === 1, 'a note with several contents');
  const subjects = inv.notes.flatMap((n) => (n.subject ? [n.subject] : []));
  for (const code of new Set(subjects))
    breach('BR-FR-06', subjects.filter((s) => s === code).length === 1, `subject code ${code} used twice`);
  for (const code of options.frenchNotes ?? [])
    breach('BR-FR-05', subjects.includes(code), `note ${code} missing`);
  if (inv.typeCode === '381')
    breach(
      'BR-FR-CO-05',
      Boolean(inv.preceding?.number && inv.preceding.date),
      'credit note without the preceding invoice number and date (BT-25, BT-26)',
    );
  return out;
};
