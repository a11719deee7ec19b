// The activity's side of a salary: from what it invoices to what the employer cost may use, and
// back; and the income tax withheld from the net. Integer cents, named roundings.
import { DomainError } from '../errors.ts';
import { applyRate, type BasisPoints, type Cents, cents, divideRounded, subtract } from '../money.ts';

/** The cooperative fee on an amount invoiced excl. VAT, rounded half-up to the cent. */
export const feeOn = (invoicedCents: Cents, feeRateBp: BasisPoints): Cents =>
  applyRate(invoicedCents, feeRateBp, 'half-up');

/** What is left for the salary once the fee and the activity's expenses are taken from the invoice. */
export function budgetFromInvoice(o: {
  invoicedCents: Cents;
  feeRateBp: BasisPoints;
  expensesCents: Cents;
}): {
  feeCents: Cents;
  budgetCents: Cents;
} {
  const feeCents = feeOn(o.invoicedCents, o.feeRateBp);
  return { feeCents, budgetCents: subtract(subtract(o.invoicedCents, feeCents), o.expensesCents) };
}

/**
 * The smallest amount to invoice so that, after the fee and the expenses, the budget covers
 * `employerCostCents`. Starts from the exact quotient rounded up, then steps by a cent while the fee's
 * own rounding says otherwise (at most a cent or two either way).
 */
export function invoiceForEmployerCost(o: {
  employerCostCents: Cents;
  feeRateBp: BasisPoints;
  expensesCents: Cents;
}): Cents {
  if (o.feeRateBp < 0 || o.feeRateBp >= 10_000) throw new RangeError(`Bad fee rate: ${o.feeRateBp}`);
  const needed = o.employerCostCents + o.expensesCents;
  const covers = (invoiced: number) =>
    budgetFromInvoice({ invoicedCents: invoiced, feeRateBp: o.feeRateBp, expensesCents: o.expensesCents })
      .budgetCents >= o.employerCostCents;
  let invoiced = divideRounded(needed * 10_000, 10_000 - o.feeRateBp, 'up');
  while (!covers(invoiced)) invoiced += 1;
  while (invoiced > 0 && covers(invoiced - 1)) invoiced -= 1;
  return cents(invoiced);
}

/**
 * Income tax withheld at source (prélèvement à la source, CGI art. 204 A) at the person's rate, on
 * the net taxable pay of the month, to the nearest cent. modele-social's own `impôt . montant` models
 * the yearly income tax, rounded to the euro a year, so it is not used for a monthly withholding.
 */
export const withholdingOn = (netTaxableCents: Cents, rateBp: BasisPoints): Cents =>
  applyRate(netTaxableCents, rateBp, 'half-up');

/** Refuses a budget that cannot pay any salary. */
export function assertPositiveBudget(budgetCents: Cents): void {
  if (budgetCents <= 0)
    throw new DomainError(
      'payroll.budget_not_positive',
      'The invoice does not cover the fee and the expenses',
      {
        errors: [{ pointer: '/from/invoicedCents', code: 'payroll.budget_not_positive', message: '' }],
      },
    );
}
