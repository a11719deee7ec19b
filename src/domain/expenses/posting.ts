// How money going out reaches the books (PCG): an approved expense claim is an expense of its
// activity owed to the member (467, their auxiliary account), a supplier invoice one owed to the
// supplier (401, the supplier's auxiliary account); the deductible share of VAT goes to 44566 and the
// rest stays in the expense. A payout batch then settles 467/401 against the bank (512, journal BQ).
import type { IsoDate } from '../dates.ts';
import type { Cents } from '../money.ts';
import { findExpenseCategory, splitVat } from './categories.ts';
import type { MileageScale, VehicleKind } from './mileage.ts';
import { tripAllowance } from './mileage.ts';
import type { ExpenseKind } from './schemas.ts';

export type PostableExpense = {
  kind: ExpenseKind;
  reference: string;
  activityId: string;
  expenseDate: IsoDate;
  category: string;
  label: string;
  supplierName: string | null;
  supplierInvoiceNumber: string | null;
  amountExclVatCents: Cents;
  vatCents: Cents;
  amountInclVatCents: Cents;
  deductibleVatCents: Cents;
  memberId: string | null;
  supplierAuxiliaryId: string | null;
};

type Line = {
  accountNumber: string;
  activityId?: string | null;
  memberId?: string | null;
  auxiliaryAccountId?: string | null;
  label?: string;
  debitCents?: number;
  creditCents?: number;
};

export type ExpenseEntry = {
  journalCode: 'OD' | 'AC';
  entryDate: IsoDate;
  label: string;
  pieceRef: string;
  pieceDate: IsoDate;
  lines: Line[];
};

/** What the books say of an expense, in the words the activity account shows the member. */
export function expenseLabel(
  e: Pick<PostableExpense, 'kind' | 'reference' | 'label' | 'supplierName' | 'supplierInvoiceNumber'>,
) {
  const text = (s: string) =>
    s
      .replace(/[|\t\r\n]+/g, ' ')
      .replace(/ {2,}/g, ' ')
      .trim();
  switch (e.kind) {
    case 'mileage':
      return text(`Note de frais ${e.reference} – indemnités kilométriques : ${e.label}`).slice(0, 200);
    case 'receipt':
      return text(`Note de frais ${e.reference} – ${e.supplierName ?? ''} : ${e.label}`).slice(0, 200);
    case 'supplier_invoice':
      return text(`Facture ${e.supplierName ?? ''} ${e.supplierInvoiceNumber ?? ''} : ${e.label}`).slice(
        0,
        200,
      );
  }
}

/** The deductible VAT of an expense (none on mileage, none without an invoice made out to the cooperative). */
export function deductibleVat(
  kind: ExpenseKind,
  category: string,
  vatCents: Cents,
  invoiceToCoop: boolean,
): Cents {
  const c = findExpenseCategory(category);
  if (!c || kind === 'mileage') return 0;
  // A supplier invoice is by definition made out to the cooperative.
  return splitVat(c, vatCents, kind === 'supplier_invoice' || invoiceToCoop).deductibleCents;
}

/**
 * The balanced entry of an approved expense: 6xx (+ 44566) against 467 (member) or 401 (supplier),
 * dated the day it is approved (the piece keeps the receipt's date).
 */
export function expenseEntry(e: PostableExpense, entryDate: IsoDate): ExpenseEntry {
  const category = findExpenseCategory(e.category);
  if (!category) throw new RangeError(`Unknown expense category ${e.category}`);
  const label = expenseLabel(e);
  const charged = e.amountInclVatCents - e.deductibleVatCents;
  const lines: Line[] = [{ accountNumber: category.account, activityId: e.activityId, debitCents: charged }];
  if (e.deductibleVatCents > 0) lines.push({ accountNumber: '44566', debitCents: e.deductibleVatCents });
  if (e.kind === 'supplier_invoice') {
    if (!e.supplierAuxiliaryId) throw new RangeError('A supplier invoice needs its supplier account');
    lines.push({
      accountNumber: '401',
      auxiliaryAccountId: e.supplierAuxiliaryId,
      creditCents: e.amountInclVatCents,
    });
  } else {
    if (!e.memberId) throw new RangeError('An expense claim needs its member');
    lines.push({ accountNumber: '467', memberId: e.memberId, creditCents: e.amountInclVatCents });
  }
  return {
    journalCode: e.kind === 'supplier_invoice' ? 'AC' : 'OD',
    entryDate,
    label,
    pieceRef: (e.kind === 'supplier_invoice' ? (e.supplierInvoiceNumber ?? e.reference) : e.reference).slice(
      0,
      60,
    ),
    pieceDate: e.expenseDate,
    lines,
  };
}

export type PayoutLine = {
  kind: ExpenseKind;
  reference: string;
  activityId: string;
  amountCents: Cents;
  memberId: string | null;
  supplierAuxiliaryId: string | null;
  payee: string;
};

/**
 * The bank entry of an executed batch: each reimbursement debits 467 (the member), each supplier
 * payment 401 (the supplier), tagged with its activity so the activity account shows it was paid;
 * the bank is credited with the total.
 */
export function payoutEntry(
  batch: { reference: string; executionDate: IsoDate },
  items: readonly PayoutLine[],
) {
  if (items.length === 0) throw new RangeError('An empty batch pays nothing');
  const lines: Line[] = items.map((i) => ({
    accountNumber: i.kind === 'supplier_invoice' ? '401' : '467',
    ...(i.kind === 'supplier_invoice'
      ? { auxiliaryAccountId: i.supplierAuxiliaryId }
      : { memberId: i.memberId }),
    activityId: i.activityId,
    label: (i.kind === 'supplier_invoice'
      ? `Paiement ${i.reference} ${i.payee}`
      : `Remboursement ${i.reference} ${i.payee}`
    ).slice(0, 200),
    debitCents: i.amountCents,
  }));
  const total = items.reduce((t, i) => t + i.amountCents, 0);
  lines.push({ accountNumber: '512', creditCents: total });
  return {
    journalCode: 'BQ' as const,
    entryDate: batch.executionDate,
    label: `Remboursements et paiements fournisseurs, lot ${batch.reference} (${items.length} virement${items.length > 1 ? 's' : ''})`,
    pieceRef: batch.reference,
    pieceDate: batch.executionDate,
    lines,
  };
}

/** A trip's allowance given the distance already claimed that year with the same vehicle. */
export function mileageAmount(
  scale: MileageScale,
  v: { vehicleKind: VehicleKind; fiscalCv: number; electric: boolean },
  kmBefore: number,
  distanceKm: number,
): Cents {
  return tripAllowance(
    scale,
    { kind: v.vehicleKind, fiscalCv: v.fiscalCv, electric: v.electric },
    kmBefore,
    distanceKm,
  );
}
