// SEPA credit transfers (pain.001.001.09) built with `sepa` (kewisch/sepa.js): one batch from one
// debtor account to many creditors — net salaries today, expense reimbursements tomorrow. Every file
// is checked against the official XSD in the tests (documents/schemas/pain.001.001.09.xsd).
//
// `purposeCode` is never set: sepa.js writes <Purp> after <RmtInf>, which the XSD's sequence refuses.
import SEPA from 'sepa';
import type { Cents } from '../../domain/money.ts';

export type CreditTransfer = {
  /** Unique per transfer, printed on the creditor's statement (≤ 35 characters). */
  endToEndId: string;
  creditorName: string;
  creditorIban: string;
  creditorBic?: string | null;
  amountCents: Cents;
  /** Unstructured remittance information (≤ 140 characters). */
  remittance: string;
};

export type CreditTransferBatch = {
  /**
   * Unique per file for the debtor's bank (≤ 26 characters: sepa.js derives the batch and instruction
   * ids from it, `<id>.1` and `<id>.1.<n>`, which must stay within 35).
   */
  messageId: string;
  createdAt: Date;
  /** The day the bank should execute the transfers (ISO date). */
  executionDate: string;
  debtor: { name: string; iban: string; bic: string };
  transfers: readonly CreditTransfer[];
};

/**
 * Text in the EPC's basic Latin set (a-z A-Z 0-9 / - ? : ( ) . , ' + space): accents dropped,
 * anything else a space, trimmed to the field's length. Banks refuse or garble other characters.
 */
export const sepaText = (text: string, max: number): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘]/g, "'")
    .replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);

const compact = (iban: string) => iban.replace(/\s/g, '').toUpperCase();

/** The pain.001.001.09 XML of a batch. Throws on an empty batch or a non-positive amount. */
export function sepaCreditTransfers(batch: CreditTransferBatch): string {
  if (batch.transfers.length === 0) throw new RangeError('A transfer file needs at least one transfer');
  if (batch.transfers.length > 99_999) throw new RangeError('At most 99,999 transfers a file');
  const doc = new SEPA.Document('pain.001.001.09');
  doc.grpHdr.id = sepaText(batch.messageId, 26);
  doc.grpHdr.created = batch.createdAt;
  doc.grpHdr.initiatorName = sepaText(batch.debtor.name, 70);

  const info = doc.createPaymentInfo();
  info.requestedExecutionDate = new Date(`${batch.executionDate}T12:00:00Z`);
  info.debtorIBAN = compact(batch.debtor.iban);
  info.debtorBIC = batch.debtor.bic.toUpperCase();
  info.debtorName = sepaText(batch.debtor.name, 70);
  doc.addPaymentInfo(info);

  for (const t of batch.transfers) {
    if (!Number.isSafeInteger(t.amountCents) || t.amountCents <= 0)
      throw new RangeError(`Bad transfer amount: ${t.amountCents}`);
    const tx = info.createTransaction();
    tx.creditorName = sepaText(t.creditorName, 70);
    tx.creditorIBAN = compact(t.creditorIban);
    if (t.creditorBic) tx.creditorBIC = t.creditorBic.toUpperCase();
    // The library takes euros as a number and writes them with two decimals: cents / 100 is exact
    // to that precision for any amount a transfer carries.
    tx.amount = t.amountCents / 100;
    tx.remittanceInfo = sepaText(t.remittance, 140);
    tx.end2endId = sepaText(t.endToEndId, 35);
    info.addTransaction(tx);
  }
  return doc.toString();
}
