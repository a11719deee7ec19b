// The FEC (fichier des écritures comptables), LPF art. A47 A-1: one flat file per fiscal year,
// the 18 legal fields in order with their names on the first line, `|` between fields, CRLF after
// each record, dates AAAAMMJJ, amounts with a decimal comma and no thousands separator. The activity
// follows as an extra analytic column (allowed after the 18 legal ones). Text fields are never quoted,
// so separators and line breaks are taken out of them.

export const fecColumns = [
  'JournalCode',
  'JournalLib',
  'EcritureNum',
  'EcritureDate',
  'CompteNum',
  'CompteLib',
  'CompAuxNum',
  'CompAuxLib',
  'PieceRef',
  'PieceDate',
  'EcritureLib',
  'Debit',
  'Credit',
  'EcritureLet',
  'DateLet',
  'ValidDate',
  'Montantdevise',
  'Idevise',
  'CodeAnalytique',
] as const;

export const fecSeparator = '|';
export const fecEol = '\r\n';

export type FecLine = {
  journalCode: string;
  journalLabel: string;
  entryReference: string;
  entryDate: string;
  accountNumber: string;
  accountLabel: string;
  auxiliaryCode: string | null;
  auxiliaryLabel: string | null;
  pieceRef: string;
  pieceDate: string;
  label: string;
  debitCents: number;
  creditCents: number;
  /** The day the entry was posted (validated): entries are never drafts here. */
  validDate: string;
  activityCode: string | null;
};

/** `2026-11-20` → `20261120` */
export const fecDate = (isoDate: string): string => isoDate.slice(0, 10).replaceAll('-', '');

/** 123456 → `1234,56`; -5 → `-0,05` */
export const fecAmount = (cents: number): string => {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const rest = abs % 100;
  return `${sign}${(abs - rest) / 100},${rest < 10 ? '0' : ''}${rest}`;
};

/** Separators, tabs and line breaks become one space (with the spaces around them); edges are trimmed. */
export const fecText = (text: string | null | undefined): string =>
  (text ?? '').replace(/\s*[|\t\r\n\u2028\u2029][|\s]*/g, ' ').trim();

export const fecHeader = (): string => fecColumns.join(fecSeparator) + fecEol;

export const formatFecLine = (l: FecLine): string =>
  [
    fecText(l.journalCode),
    fecText(l.journalLabel),
    fecText(l.entryReference),
    fecDate(l.entryDate),
    fecText(l.accountNumber),
    fecText(l.accountLabel),
    fecText(l.auxiliaryCode),
    fecText(l.auxiliaryLabel),
    fecText(l.pieceRef),
    fecDate(l.pieceDate),
    fecText(l.label),
    fecAmount(l.debitCents),
    fecAmount(l.creditCents),
    '',
    '',
    fecDate(l.validDate),
    '',
    '',
    fecText(l.activityCode),
  ].join(fecSeparator) + fecEol;

/** LPF art. A47 A-1, IX: `<SIREN>FEC<closing date AAAAMMJJ>`, with the usual `.txt`. */
export const fecFileName = (siren: string, closingDate: string): string =>
  `${siren}FEC${fecDate(closingDate)}.txt`;
