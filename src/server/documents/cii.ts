// The UN/CEFACT Cross Industry Invoice (D16B) of an invoice, deposit invoice or credit note, in the
// Factur-X EN 16931 profile (guideline urn:cen.eu:en16931:2017): what Factur-X embeds as
// factur-x.xml. Written here rather than by @e-invoice-eu/core, which loses BG-3 and the BT-21
// subject codes French rules ask for (DOMAIN.md §2). Element order follows the CII schema.
import type { Party, SalesDocument, VatCategory } from '../../domain/invoicing/document.ts';
import { formatCents } from '../../domain/money.ts';
import {
  compactDate,
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

export const ciiNamespaces = {
  rsm: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  qdt: 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
  ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  udt: 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
} as const;

/** BT-24: the EN 16931 specification identifier, Factur-X "EN 16931" (Comfort) profile. */
export const EN16931_GUIDELINE = 'urn:cen.eu:en16931:2017';

type Node = Record<string, unknown>;

const dateTime = (date: string) => ({ 'udt:DateTimeString': { '@format': '102', '#': compactDate(date) } });
const money = (cents: number) => decimalOf(cents);

/** BT-95 … BT-121: the category, its rate (none outside the scope of VAT) and exemption basis. */
const tax = (v: VatCategory, amounts?: { baseCents: number; vatCents: number }): Node => ({
  ...(amounts ? { 'ram:CalculatedAmount': money(amounts.vatCents) } : {}),
  'ram:TypeCode': 'VAT',
  ...(amounts && v.exemptionReason ? { 'ram:ExemptionReason': v.exemptionReason } : {}),
  ...(amounts ? { 'ram:BasisAmount': money(amounts.baseCents) } : {}),
  'ram:CategoryCode': v.code,
  ...(amounts && v.exemptionCode ? { 'ram:ExemptionReasonCode': v.exemptionCode } : {}),
  ...(v.code === 'O' ? {} : { 'ram:RateApplicablePercent': percentOf(v.rateBp) }),
});

/** BG-4 / BG-7: name, BT-33 legal information, SIREN (scheme 0002), address, e-mail, VAT number. */
const party = (p: Party, withVat: boolean, description?: string): Node => {
  const a = p.address;
  return {
    'ram:Name': p.name,
    ...(description ? { 'ram:Description': description } : {}),
    ...(p.siren && a.country === 'FR'
      ? { 'ram:SpecifiedLegalOrganization': { 'ram:ID': { '@schemeID': '0002', '#': p.siren } } }
      : {}),
    'ram:PostalTradeAddress': {
      'ram:PostcodeCode': a.postcode,
      'ram:LineOne': a.line1,
      ...(a.line2 ? { 'ram:LineTwo': a.line2 } : {}),
      'ram:CityName': a.city,
      'ram:CountryID': a.country,
    },
    ...(p.email
      ? { 'ram:URIUniversalCommunication': { 'ram:URIID': { '@schemeID': 'EM', '#': p.email } } }
      : {}),
    ...(withVat && p.vatNumber
      ? { 'ram:SpecifiedTaxRegistration': { 'ram:ID': { '@schemeID': 'VA', '#': p.vatNumber } } }
      : {}),
  };
};

/** The CII XML (UTF-8) of an issued invoice, deposit invoice or credit note. */
export const buildCii = (doc: SalesDocument): string => {
  const typeCode = typeCodeOf(doc);
  const withVat = showsVatIds(doc);
  const terms = paymentTermsOf(doc);
  const legalInfo = sellerLegalInfo(doc, (c) => formatCents(c, doc.language === 'fr' ? 'fr-FR' : 'en-GB'));
  const period =
    doc.serviceDate && doc.lastServiceDate && doc.lastServiceDate !== doc.serviceDate
      ? { start: doc.serviceDate, end: doc.lastServiceDate }
      : undefined;
  const root = {
    'rsm:CrossIndustryInvoice': {
      '@xmlns:rsm': ciiNamespaces.rsm,
      '@xmlns:qdt': ciiNamespaces.qdt,
      '@xmlns:ram': ciiNamespaces.ram,
      '@xmlns:udt': ciiNamespaces.udt,
      'rsm:ExchangedDocumentContext': {
        'ram:GuidelineSpecifiedDocumentContextParameter': { 'ram:ID': EN16931_GUIDELINE },
      },
      'rsm:ExchangedDocument': {
        'ram:ID': doc.number,
        'ram:TypeCode': typeCode,
        'ram:IssueDateTime': dateTime(doc.issueDate),
        'ram:IncludedNote': notesOf(doc).map((n) => ({
          'ram:Content': n.text,
          ...(n.subject ? { 'ram:SubjectCode': n.subject } : {}),
        })),
      },
      'rsm:SupplyChainTradeTransaction': {
        'ram:IncludedSupplyChainTradeLineItem': doc.lines.map((line) => ({
          'ram:AssociatedDocumentLineDocument': { 'ram:LineID': String(line.position) },
          'ram:SpecifiedTradeProduct': {
            'ram:Name': line.designation,
            ...(line.description ? { 'ram:Description': line.description } : {}),
          },
          'ram:SpecifiedLineTradeAgreement': {
            'ram:NetPriceProductTradePrice': { 'ram:ChargeAmount': money(line.unitPriceCents) },
          },
          'ram:SpecifiedLineTradeDelivery': {
            'ram:BilledQuantity': { '@unitCode': line.unitCode, '#': quantityOf(line.quantity) },
          },
          'ram:SpecifiedLineTradeSettlement': {
            'ram:ApplicableTradeTax': tax(line.vat),
            ...(line.discountCents
              ? {
                  // BG-27 line allowance; BR-42 wants a reason: code 95 (discount) and its words.
                  'ram:SpecifiedTradeAllowanceCharge': {
                    'ram:ChargeIndicator': { 'udt:Indicator': 'false' },
                    'ram:ActualAmount': money(line.discountCents),
                    'ram:ReasonCode': '95',
                    'ram:Reason': doc.language === 'fr' ? 'Remise' : 'Discount',
                  },
                }
              : {}),
            'ram:SpecifiedTradeSettlementLineMonetarySummation': {
              'ram:LineTotalAmount': money(line.netCents),
            },
          },
        })),
        'ram:ApplicableHeaderTradeAgreement': {
          ...(doc.buyerReference ? { 'ram:BuyerReference': doc.buyerReference } : {}),
          'ram:SellerTradeParty': party(doc.seller, withVat, legalInfo),
          'ram:BuyerTradeParty': party(doc.buyer, withVat),
          ...(doc.purchaseOrder
            ? { 'ram:BuyerOrderReferencedDocument': { 'ram:IssuerAssignedID': doc.purchaseOrder } }
            : {}),
        },
        'ram:ApplicableHeaderTradeDelivery': {
          ...(deliveredToBuyer(doc)
            ? {
                'ram:ShipToTradeParty': {
                  'ram:Name': doc.buyer.name,
                  'ram:PostalTradeAddress': party(doc.buyer, false)['ram:PostalTradeAddress'],
                },
              }
            : {}),
          ...(doc.serviceDate
            ? {
                'ram:ActualDeliverySupplyChainEvent': { 'ram:OccurrenceDateTime': dateTime(doc.serviceDate) },
              }
            : {}),
        },
        'ram:ApplicableHeaderTradeSettlement': {
          ...(doc.payment ? { 'ram:PaymentReference': doc.payment.remittance } : {}),
          'ram:InvoiceCurrencyCode': doc.currency,
          ...(doc.payment && doc.kind !== 'credit_note'
            ? {
                // BG-16: 58 SEPA credit transfer, to the entity's account (BT-84, BT-85, BT-86).
                'ram:SpecifiedTradeSettlementPaymentMeans': {
                  'ram:TypeCode': '58',
                  'ram:PayeePartyCreditorFinancialAccount': {
                    'ram:IBANID': doc.payment.iban.replace(/\s/g, ''),
                    'ram:AccountName': doc.payment.accountName,
                  },
                  ...(doc.payment.bic
                    ? { 'ram:PayeeSpecifiedCreditorFinancialInstitution': { 'ram:BICID': doc.payment.bic } }
                    : {}),
                },
              }
            : {}),
          'ram:ApplicableTradeTax': doc.vatBreakdown.map((g) => tax(g, g)),
          ...(period
            ? {
                'ram:BillingSpecifiedPeriod': {
                  'ram:StartDateTime': dateTime(period.start),
                  'ram:EndDateTime': dateTime(period.end),
                },
              }
            : {}),
          ...(terms || doc.dueDate
            ? {
                'ram:SpecifiedTradePaymentTerms': {
                  ...(terms ? { 'ram:Description': terms } : {}),
                  ...(doc.dueDate ? { 'ram:DueDateDateTime': dateTime(doc.dueDate) } : {}),
                },
              }
            : {}),
          'ram:SpecifiedTradeSettlementHeaderMonetarySummation': {
            'ram:LineTotalAmount': money(doc.totalExclVatCents),
            'ram:TaxBasisTotalAmount': money(doc.totalExclVatCents),
            'ram:TaxTotalAmount': { '@currencyID': doc.currency, '#': money(doc.totalVatCents) },
            'ram:GrandTotalAmount': money(doc.totalInclVatCents),
            ...(doc.prepaidCents ? { 'ram:TotalPrepaidAmount': money(doc.prepaidCents) } : {}),
            'ram:DuePayableAmount': money(doc.dueCents),
          },
          ...(doc.precedingInvoice
            ? {
                // BG-3 (BT-25, BT-26): the invoice a credit note corrects (BR-FR-CO-05).
                'ram:InvoiceReferencedDocument': {
                  'ram:IssuerAssignedID': doc.precedingInvoice.number,
                  'ram:FormattedIssueDateTime': {
                    'qdt:DateTimeString': {
                      '@format': '102',
                      '#': compactDate(doc.precedingInvoice.issueDate),
                    },
                  },
                },
              }
            : {}),
        },
      },
    },
  };
  return xmlOf(root);
};
