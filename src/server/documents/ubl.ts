// The OASIS UBL 2.1 Invoice or CreditNote of a sales document, shaped as PEPPOL BIS Billing 3.0
// (the form Belgian clients receive over Peppol, and a download for anyone). Element order follows
// the UBL 2.1 schemas; the credit note's BillingReference carries the invoice it corrects (BG-3).
import type { Party, SalesDocument, VatCategory } from '../../domain/invoicing/document.ts';
import { formatCents } from '../../domain/money.ts';
import {
  decimalOf,
  deliveredToBuyer,
  notesOf,
  paymentTermsOf,
  percentOf,
  quantityOf,
  sellerLegalInfo,
  showsVatIds,
  typeCodeOf,
  xmlOf,
} from './einvoice.ts';

export const ublNamespaces = {
  invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  creditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
} as const;

export const PEPPOL_CUSTOMIZATION =
  'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
export const PEPPOL_PROFILE = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

type Node = Record<string, unknown>;

/**
 * BT-34 / BT-49 electronic address (PEPPOL asks for one): a French SIREN (EAS 0002), a Belgian
 * enterprise number (0208, the VAT number's digits), else the e-mail address (EM).
 */
const endpointOf = (p: Party): Node => {
  if (p.siren && p.address.country === 'FR') return { '@schemeID': '0002', '#': p.siren };
  if (p.vatNumber?.startsWith('BE')) return { '@schemeID': '0208', '#': p.vatNumber.slice(2) };
  return p.email ? { '@schemeID': 'EM', '#': p.email } : {};
};

const category = (v: VatCategory, withReason: boolean): Node => ({
  'cbc:ID': v.code,
  ...(v.code === 'O' ? {} : { 'cbc:Percent': percentOf(v.rateBp) }),
  ...(withReason && v.exemptionCode ? { 'cbc:TaxExemptionReasonCode': v.exemptionCode } : {}),
  ...(withReason && v.exemptionReason ? { 'cbc:TaxExemptionReason': v.exemptionReason } : {}),
  'cac:TaxScheme': { 'cbc:ID': 'VAT' },
});

const address = (a: Party['address']): Node => ({
  'cbc:StreetName': a.line1,
  ...(a.line2 ? { 'cbc:AdditionalStreetName': a.line2 } : {}),
  'cbc:CityName': a.city,
  'cbc:PostalZone': a.postcode,
  'cac:Country': { 'cbc:IdentificationCode': a.country },
});

const party = (p: Party, withVat: boolean, legalInfo?: string): Node => {
  const endpoint = endpointOf(p);
  const a = p.address;
  return {
    'cac:Party': {
      ...('#' in endpoint ? { 'cbc:EndpointID': endpoint } : {}),
      'cac:PartyName': { 'cbc:Name': p.name },
      'cac:PostalAddress': address(a),
      ...(withVat && p.vatNumber
        ? { 'cac:PartyTaxScheme': { 'cbc:CompanyID': p.vatNumber, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } } }
        : {}),
      'cac:PartyLegalEntity': {
        'cbc:RegistrationName': p.name,
        ...(p.siren && a.country === 'FR' ? { 'cbc:CompanyID': { '@schemeID': '0002', '#': p.siren } } : {}),
        ...(legalInfo ? { 'cbc:CompanyLegalForm': legalInfo } : {}),
      },
      ...(p.email ? { 'cac:Contact': { 'cbc:ElectronicMail': p.email } } : {}),
    },
  };
};

/** The UBL 2.1 XML (UTF-8): an Invoice for 380 and 386, a CreditNote for 381. */
export const buildUbl = (doc: SalesDocument): string => {
  const typeCode = typeCodeOf(doc);
  const credit = typeCode === '381';
  const withVat = showsVatIds(doc);
  const amount = (cents: number) => ({ '@currencyID': doc.currency, '#': decimalOf(cents) });
  const notes = notesOf(doc);
  const terms = paymentTermsOf(doc);
  const legalInfo = sellerLegalInfo(doc, (c) => formatCents(c, doc.language === 'fr' ? 'fr-FR' : 'en-GB'));
  const period =
    doc.serviceDate && doc.lastServiceDate && doc.lastServiceDate !== doc.serviceDate
      ? { 'cbc:StartDate': doc.serviceDate, 'cbc:EndDate': doc.lastServiceDate }
      : undefined;
  const body: Node = {
    '@xmlns': credit ? ublNamespaces.creditNote : ublNamespaces.invoice,
    '@xmlns:cac': ublNamespaces.cac,
    '@xmlns:cbc': ublNamespaces.cbc,
    'cbc:CustomizationID': PEPPOL_CUSTOMIZATION,
    'cbc:ProfileID': PEPPOL_PROFILE,
    'cbc:ID': doc.number,
    'cbc:IssueDate': doc.issueDate,
    ...(!credit && doc.dueDate ? { 'cbc:DueDate': doc.dueDate } : {}),
    [credit ? 'cbc:CreditNoteTypeCode' : 'cbc:InvoiceTypeCode']: typeCode,
    // PEPPOL allows one document note: the notes one per line, coded ones prefixed "#PMT#" as
    // French UBL invoices write BT-21 subject codes.
    ...(notes.length
      ? { 'cbc:Note': notes.map((n) => (n.subject ? `#${n.subject}#${n.text}` : n.text)).join('\n') }
      : {}),
    'cbc:DocumentCurrencyCode': doc.currency,
    // PEPPOL-EN16931-R003 wants a buyer reference or an order reference: the client gives them.
    ...(doc.buyerReference ? { 'cbc:BuyerReference': doc.buyerReference } : {}),
    ...(period ? { 'cac:InvoicePeriod': period } : {}),
    ...(doc.purchaseOrder ? { 'cac:OrderReference': { 'cbc:ID': doc.purchaseOrder } } : {}),
    ...(doc.precedingInvoice
      ? {
          'cac:BillingReference': {
            'cac:InvoiceDocumentReference': {
              'cbc:ID': doc.precedingInvoice.number,
              'cbc:IssueDate': doc.precedingInvoice.issueDate,
            },
          },
        }
      : {}),
    'cac:AccountingSupplierParty': party(doc.seller, withVat, legalInfo),
    'cac:AccountingCustomerParty': party(doc.buyer, withVat),
    ...((doc.serviceDate && !period) || deliveredToBuyer(doc)
      ? {
          'cac:Delivery': {
            ...(doc.serviceDate && !period ? { 'cbc:ActualDeliveryDate': doc.serviceDate } : {}),
            ...(deliveredToBuyer(doc)
              ? {
                  'cac:DeliveryLocation': { 'cac:Address': address(doc.buyer.address) },
                  'cac:DeliveryParty': { 'cac:PartyName': { 'cbc:Name': doc.buyer.name } },
                }
              : {}),
          },
        }
      : {}),
    ...(doc.payment && !credit
      ? {
          'cac:PaymentMeans': {
            'cbc:PaymentMeansCode': '58',
            'cbc:PaymentID': doc.payment.remittance,
            'cac:PayeeFinancialAccount': {
              'cbc:ID': doc.payment.iban.replace(/\s/g, ''),
              'cbc:Name': doc.payment.accountName,
              ...(doc.payment.bic ? { 'cac:FinancialInstitutionBranch': { 'cbc:ID': doc.payment.bic } } : {}),
            },
          },
        }
      : {}),
    ...(terms ? { 'cac:PaymentTerms': { 'cbc:Note': terms } } : {}),
    'cac:TaxTotal': {
      'cbc:TaxAmount': amount(doc.totalVatCents),
      'cac:TaxSubtotal': doc.vatBreakdown.map((g) => ({
        'cbc:TaxableAmount': amount(g.baseCents),
        'cbc:TaxAmount': amount(g.vatCents),
        'cac:TaxCategory': category(g, true),
      })),
    },
    'cac:LegalMonetaryTotal': {
      'cbc:LineExtensionAmount': amount(doc.totalExclVatCents),
      'cbc:TaxExclusiveAmount': amount(doc.totalExclVatCents),
      'cbc:TaxInclusiveAmount': amount(doc.totalInclVatCents),
      ...(doc.prepaidCents ? { 'cbc:PrepaidAmount': amount(doc.prepaidCents) } : {}),
      'cbc:PayableAmount': amount(doc.dueCents),
    },
    [credit ? 'cac:CreditNoteLine' : 'cac:InvoiceLine']: doc.lines.map((line) => ({
      'cbc:ID': String(line.position),
      [credit ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity']: {
        '@unitCode': line.unitCode,
        '#': quantityOf(line.quantity),
      },
      'cbc:LineExtensionAmount': amount(line.netCents),
      ...(line.discountCents
        ? {
            'cac:AllowanceCharge': {
              'cbc:ChargeIndicator': 'false',
              'cbc:AllowanceChargeReasonCode': '95',
              'cbc:AllowanceChargeReason': doc.language === 'fr' ? 'Remise' : 'Discount',
              'cbc:Amount': amount(line.discountCents),
            },
          }
        : {}),
      'cac:Item': {
        ...(line.description ? { 'cbc:Description': line.description } : {}),
        'cbc:Name': line.designation,
        'cac:ClassifiedTaxCategory': category(line.vat, false),
      },
      'cac:Price': { 'cbc:PriceAmount': amount(line.unitPriceCents) },
    })),
  };
  return xmlOf({ [credit ? 'CreditNote' : 'Invoice']: body });
};
