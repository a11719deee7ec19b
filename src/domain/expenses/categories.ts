// Expense categories a member picks, each booked to a PCG account, with the share of VAT the
// cooperative may deduct when the receipt is an invoice made out to it. Dated data with sources.
import type { IsoDate } from '../dates.ts';
import { applyRate, type BasisPoints, type Cents } from '../money.ts';

export type ExpenseCategory = {
  code: string;
  account: string;
  label: { fr: string; en: string };
  /** Share of the VAT that is deductible (10,000 = all of it). */
  vatDeductibleBp: BasisPoints;
  /** Mileage is computed from the scale and carries no VAT or receipt of its own. */
  mileage?: true;
  validFrom: IsoDate;
  source: string;
};

const cat = (
  code: string,
  account: string,
  fr: string,
  en: string,
  vatDeductibleBp: BasisPoints,
  source = 'CGI art. 271 (droit à déduction)',
): ExpenseCategory => ({
  code,
  account,
  label: { fr, en },
  vatDeductibleBp,
  validFrom: '2026-01-01',
  source,
});

export const expenseCategories: readonly ExpenseCategory[] = [
  cat(
    'travel',
    '6251',
    'Transport (train, avion, taxi, péage, parking)',
    'Travel (train, plane, taxi, tolls, parking)',
    0,
    'CGI ann. II art. 206 IV 2 3° (transport de personnes exclu)',
  ),
  cat(
    'fuel',
    '6251',
    'Carburant (véhicule de tourisme)',
    'Fuel (passenger car)',
    8000,
    'CGI art. 298-4-1° (gazole et essence : 80 %)',
  ),
  cat(
    'lodging',
    '6256',
    'Hébergement en mission',
    'Lodging on assignment',
    0,
    'CGI ann. II art. 206 IV 2 1° (logement des dirigeants et salariés exclu)',
  ),
  cat('meals', '6256', 'Repas en mission', 'Meals on assignment', 10_000),
  cat('reception', '6257', 'Réceptions, repas d’affaires', 'Business meals and receptions', 10_000),
  cat('supplies', '6064', 'Fournitures de bureau', 'Office supplies', 10_000),
  cat('equipment', '6063', 'Petit matériel et outillage', 'Small equipment and tools', 10_000),
  cat('rental', '6135', 'Location de matériel', 'Equipment rental', 10_000),
  cat(
    'documentation',
    '618',
    'Documentation, formations, colloques',
    'Documentation, courses, conferences',
    10_000,
  ),
  cat('telecom', '626', 'Téléphone, internet, affranchissement', 'Phone, internet, postage', 10_000),
  cat('printing', '6236', 'Impression, cartes de visite', 'Printing, business cards', 10_000),
  cat('advertising', '6231', 'Publicité, annonces', 'Advertising', 10_000),
  cat('subcontracting', '611', 'Sous-traitance', 'Subcontracting', 10_000),
  cat('fees', '6226', 'Honoraires', 'Professional fees', 10_000),
  cat(
    'insurance',
    '616',
    'Assurance',
    'Insurance',
    0,
    'CGI art. 261 C 2° (assurances exonérées : pas de TVA)',
  ),
  cat('other', '628', 'Autres frais', 'Other expenses', 10_000),
  {
    ...cat('mileage', '6251', 'Indemnités kilométriques', 'Mileage allowance', 0, 'BOI-BAREME-000001'),
    mileage: true,
  },
];

export const findExpenseCategory = (code: string) => expenseCategories.find((c) => c.code === code) ?? null;

/** Splits a receipt's VAT into what the cooperative deducts (44566) and what stays an expense. */
export function splitVat(category: ExpenseCategory, vatCents: Cents, receiptIsInvoiceToCoop: boolean) {
  const deductibleCents = receiptIsInvoiceToCoop ? applyRate(vatCents, category.vatDeductibleBp, 'down') : 0;
  return { deductibleCents, chargedCents: vatCents - deductibleCents };
}
