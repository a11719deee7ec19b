// The printed quote, invoice, deposit invoice or credit note: every mention French law asks of it
// (CGI art. 242 nonies A ann. II, C. com. L441-9 and L441-10, D441-5), laid out from what the
// `SalesDocument` says. Nothing is computed here but formats: amounts come from the document.
import type {
  Party,
  SalesDocument,
  SalesDocumentKind,
  VatCategory,
} from '../../domain/invoicing/document.ts';
import {
  createPdf,
  formatDate,
  formatMoney,
  formatQuantity,
  formatRate,
  type Pdf,
  type PdfLanguage,
  type PdfOptions,
  type TextLine,
} from './pdf.ts';

const labels = {
  fr: {
    title: {
      quote: 'Devis',
      invoice: 'Facture',
      deposit_invoice: 'Facture d’acompte',
      credit_note: 'Avoir',
    } satisfies Record<SalesDocumentKind, string>,
    colon: ' :',
    number: 'N°',
    draft: 'Brouillon — sans numéro',
    issued: 'Date d’émission',
    quoteDate: 'Date du devis',
    service: 'Date de la prestation',
    period: (from: string, to: string) => `Prestation du ${from} au ${to}`,
    due: 'Échéance',
    validUntil: 'Valable jusqu’au',
    creditFor: (n: string, d: string) => `Avoir sur la facture ${n} du ${d}`,
    seller: 'Émetteur',
    buyer: 'Client',
    references: 'Références',
    siren: 'SIREN',
    siret: 'SIRET',
    vat: 'N° TVA intracommunautaire',
    capital: (form: string, amount: string) => `${form} au capital de ${amount}`,
    activity: 'Activité',
    member: 'Prestation réalisée par',
    purchaseOrder: 'Bon de commande',
    buyerReference: 'Référence client',
    subject: 'Objet',
    columns: ['Désignation', 'Qté', 'Unité', 'P.U. HT', 'Remise HT', 'TVA', 'Montant HT'],
    vatColumns: ['TVA', 'Base HT', 'Montant TVA'],
    vatLabel: {
      S: (rate: string) => rate,
      Z: (rate: string) => `${rate} (taux zéro)`,
      E: () => 'Exonéré',
      AE: () => 'Autoliquidation',
      K: () => 'Exonéré (UE)',
      G: () => 'Exonéré (export)',
      O: () => 'Hors champ',
    },
    /** In the lines table's narrow column. */
    vatShort: { E: 'Exonéré', AE: 'Autoliq.', K: 'Exo. UE', G: 'Exo. export', O: 'Hors champ' } as Record<
      string,
      string
    >,
    totalExcl: 'Total HT',
    totalVat: 'Total TVA',
    totalIncl: 'Total TTC',
    prepaid: 'Acomptes déjà facturés',
    amountDue: 'Net à payer',
    creditTotal: 'Montant de l’avoir TTC',
    payment: 'Règlement',
    dueOn: (d: string) => `À régler au plus tard le ${d}.`,
    transfer: 'Par virement bancaire',
    accountHolder: 'Titulaire',
    remittance: 'Référence à indiquer avec le virement',
    notes: 'Notes',
    conditions: 'Conditions et mentions légales',
    noDiscount: 'Pas d’escompte pour paiement anticipé.',
    penalties: (rate: string) =>
      `En cas de retard de paiement, pénalités au taux annuel de ${rate} (art. L441-10 du Code de commerce).`,
    indemnity: (amount: string) =>
      `Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : ${amount} (art. D441-5 du Code de commerce).`,
    acceptance: 'Bon pour accord',
    acceptanceLines: [
      'Devis à retourner daté et signé, précédé de la mention « Bon pour accord ».',
      'Nom et qualité du signataire :',
      'Date :',
      'Signature :',
    ],
    units: { C62: 'unité', HUR: 'heure', DAY: 'jour', MON: 'mois', LS: 'forfait', KMT: 'km' } as Record<
      string,
      string
    >,
  },
  en: {
    title: {
      quote: 'Quote',
      invoice: 'Invoice',
      deposit_invoice: 'Deposit invoice',
      credit_note: 'Credit note',
    } satisfies Record<SalesDocumentKind, string>,
    colon: ':',
    number: 'No.',
    draft: 'Draft — not numbered',
    issued: 'Issue date',
    quoteDate: 'Quote date',
    service: 'Date of service',
    period: (from: string, to: string) => `Service from ${from} to ${to}`,
    due: 'Due date',
    validUntil: 'Valid until',
    creditFor: (n: string, d: string) => `Credit note for invoice ${n} of ${d}`,
    seller: 'From',
    buyer: 'Bill to',
    references: 'References',
    siren: 'SIREN',
    siret: 'SIRET',
    vat: 'VAT number',
    capital: (form: string, amount: string) => `${form} with a share capital of ${amount}`,
    activity: 'Activity',
    member: 'Service performed by',
    purchaseOrder: 'Purchase order',
    buyerReference: 'Your reference',
    subject: 'Subject',
    columns: ['Description', 'Qty', 'Unit', 'Unit price', 'Discount', 'VAT', 'Amount excl. VAT'],
    vatColumns: ['VAT', 'Taxable amount', 'VAT amount'],
    vatLabel: {
      S: (rate: string) => rate,
      Z: (rate: string) => `${rate} (zero rate)`,
      E: () => 'Exempt',
      AE: () => 'Reverse charge',
      K: () => 'Exempt (EU)',
      G: () => 'Exempt (export)',
      O: () => 'Out of scope',
    },
    vatShort: { E: 'Exempt', AE: 'Rev. charge', K: 'Exempt (EU)', G: 'Export', O: 'Out of scope' } as Record<
      string,
      string
    >,
    totalExcl: 'Total excl. VAT',
    totalVat: 'Total VAT',
    totalIncl: 'Total incl. VAT',
    prepaid: 'Deposits already invoiced',
    amountDue: 'Amount due',
    creditTotal: 'Credit note total incl. VAT',
    payment: 'Payment',
    dueOn: (d: string) => `Payable no later than ${d}.`,
    transfer: 'By bank transfer',
    accountHolder: 'Account holder',
    remittance: 'Reference to quote with the transfer',
    notes: 'Notes',
    conditions: 'Terms and legal notices',
    noDiscount: 'No discount for early payment.',
    penalties: (rate: string) =>
      `Late payment penalties at an annual rate of ${rate} (French Commercial Code, art. L441-10).`,
    indemnity: (amount: string) =>
      `Fixed indemnity for recovery costs in case of late payment: ${amount} (French Commercial Code, art. D441-5).`,
    acceptance: 'Acceptance',
    acceptanceLines: [
      'Please return this quote dated and signed, preceded by the words “Approved and accepted”.',
      'Name and position of the signatory:',
      'Date:',
      'Signature:',
    ],
    units: { C62: 'unit', HUR: 'hour', DAY: 'day', MON: 'month', LS: 'lump sum', KMT: 'km' } as Record<
      string,
      string
    >,
  },
};

type Labels = (typeof labels)['fr'];

/** "Échéance : 30/12/2026" in French, "Due date: 30 Dec 2026" in English. */
const field = (l: Labels, label: string, value: string) => `${label}${l.colon} ${value}`;

/** "123456782" → "123 456 782"; SIRET "123 456 782 00017". */
const groupSiren = (id: string) =>
  id.replace(/^(\d{3})(\d{3})(\d{3})(\d*)$/, (_, a, b, c, d) => [a, b, c, d].filter(Boolean).join(' '));
const groupIban = (iban: string) => iban.replace(/\s/g, '').replace(/(.{4})(?=.)/g, '$1 ');

const countryName = (code: string, language: PdfLanguage) =>
  new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;

const addressLines = (party: Party, language: PdfLanguage, home: string): string[] => {
  const a = party.address;
  return [
    a.line1,
    ...(a.line2 ? [a.line2] : []),
    `${a.postcode} ${a.city}`,
    ...(a.country === home ? [] : [countryName(a.country, language).toUpperCase()]),
  ];
};

const identityLines = (party: Party, l: Labels): string[] => [
  ...(party.siret
    ? [`${l.siret} ${groupSiren(party.siret)}`]
    : party.siren
      ? [`${l.siren} ${groupSiren(party.siren)}`]
      : []),
  ...(party.vatNumber ? [`${l.vat} ${party.vatNumber}`] : []),
];

const sellerBlock = (doc: SalesDocument, l: Labels) => {
  const s = doc.seller;
  const lines: TextLine[] = [];
  if (s.legalForm)
    lines.push(
      s.capitalCents === undefined
        ? s.legalForm
        : l.capital(s.legalForm, formatMoney(s.capitalCents, doc.language)),
    );
  lines.push(...addressLines(s, doc.language, s.address.country));
  if (s.siren)
    lines.push(`${l.siren} ${groupSiren(s.siren)}${s.siret ? ` — ${l.siret} ${groupSiren(s.siret)}` : ''}`);
  if (s.registration) lines.push(s.registration);
  if (s.vatNumber) lines.push(`${l.vat} ${s.vatNumber}`);
  if (s.email) lines.push({ text: s.email, muted: true });
  return { title: s.name, lines };
};

const titleBlock = (doc: SalesDocument, l: Labels) => {
  const d = (date: string) => formatDate(date, doc.language);
  const lines: TextLine[] = [
    { text: l.title[doc.kind].toUpperCase(), bold: true, size: 18 },
    { text: doc.number ? `${l.number} ${doc.number}` : l.draft, bold: true, size: 11 },
    ' ',
    field(l, doc.kind === 'quote' ? l.quoteDate : l.issued, d(doc.issueDate)),
  ];
  if (doc.serviceDate && doc.lastServiceDate && doc.lastServiceDate !== doc.serviceDate)
    lines.push(l.period(d(doc.serviceDate), d(doc.lastServiceDate)));
  else if (doc.serviceDate) lines.push(field(l, l.service, d(doc.serviceDate)));
  if (doc.kind === 'quote' && doc.validUntil)
    lines.push({ text: field(l, l.validUntil, d(doc.validUntil)), bold: true });
  if (doc.kind !== 'quote' && doc.dueDate) lines.push({ text: field(l, l.due, d(doc.dueDate)), bold: true });
  if (doc.precedingInvoice)
    lines.push({
      text: l.creditFor(doc.precedingInvoice.number, d(doc.precedingInvoice.issueDate)),
      bold: true,
    });
  return { lines, align: 'right' as const };
};

const vatLabel = (v: VatCategory, l: Labels, language: PdfLanguage) =>
  l.vatLabel[v.code](formatRate(v.rateBp, language));

/** Legal mentions: the document's own, then any the structured fields call for and they miss. */
const conditions = (doc: SalesDocument, l: Labels): string[] => {
  const out = [...doc.mentions];
  const said = (subject: string) => doc.codedNotes.some((n) => n.subject === subject && out.includes(n.text));
  for (const note of doc.codedNotes) if (!out.includes(note.text)) out.push(note.text);
  if (doc.kind !== 'quote' && !said('AAB')) out.push(l.noDiscount);
  if (doc.latePenaltyRateBp !== undefined && !said('PMD'))
    out.push(l.penalties(formatRate(doc.latePenaltyRateBp, doc.language)));
  if (doc.recoveryIndemnityCents !== undefined && !said('PMT'))
    out.push(l.indemnity(formatMoney(doc.recoveryIndemnityCents, doc.language)));
  return out;
};

const footerOf = (s: Party, l: Labels, language: PdfLanguage) =>
  [
    s.name,
    s.legalForm && s.capitalCents !== undefined
      ? l.capital(s.legalForm, formatMoney(s.capitalCents, language))
      : s.legalForm,
    `${s.address.line1}, ${s.address.postcode} ${s.address.city}`,
    s.siren && `${l.siren} ${groupSiren(s.siren)}`,
    s.registration,
    s.vatNumber && `${l.vat} ${s.vatNumber}`,
  ]
    .filter(Boolean)
    .join(' — ');

const drawLines = (pdf: Pdf, doc: SalesDocument, l: Labels) => {
  const lang = doc.language;
  const [designation, qty, unit, price, discount, vatCol, amount] = l.columns as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  pdf.table(
    [
      { header: designation, width: 0.35 },
      { header: qty, width: 0.07, align: 'right' },
      { header: unit, width: 0.1 },
      { header: price, width: 0.12, align: 'right' },
      { header: discount, width: 0.1, align: 'right' },
      { header: vatCol, width: 0.11, align: 'right' },
      { header: amount, width: 0.15, align: 'right' },
    ],
    doc.lines.map((line) => [
      { text: line.designation, ...(line.description ? { detail: line.description } : {}) },
      formatQuantity(line.quantity, lang),
      l.units[line.unitCode] ?? line.unitCode,
      formatMoney(line.unitPriceCents, lang),
      line.discountCents ? formatMoney(line.discountCents, lang) : '—',
      l.vatShort[line.vat.code] ?? vatLabel(line.vat, l, lang),
      formatMoney(line.netCents, lang),
    ]),
  );
};

const drawTotals = (pdf: Pdf, doc: SalesDocument, l: Labels) => {
  const lang = doc.language;
  const rows = [
    { label: l.totalExcl, value: formatMoney(doc.totalExclVatCents, lang) },
    { label: l.totalVat, value: formatMoney(doc.totalVatCents, lang) },
    {
      label: doc.kind === 'credit_note' ? l.creditTotal : l.totalIncl,
      value: formatMoney(doc.totalInclVatCents, lang),
      bold: doc.kind === 'credit_note' || doc.kind === 'quote',
    },
  ];
  if (doc.prepaidCents !== 0)
    rows.push({ label: l.prepaid, value: formatMoney(-doc.prepaidCents, lang), bold: false });
  if (doc.kind === 'invoice' || doc.kind === 'deposit_invoice')
    rows.push({ label: l.amountDue, value: formatMoney(doc.dueCents, lang), bold: true });
  const [rate, base, amount] = l.vatColumns as [string, string, string];
  pdf.ensureSpace(Math.max(rows.length, doc.vatBreakdown.length + 1) * 18 + 16);
  pdf.space(8);
  pdf.beside(
    () =>
      pdf.table(
        [
          { header: rate, width: 0.34 },
          { header: base, width: 0.33, align: 'right' },
          { header: amount, width: 0.33, align: 'right' },
        ],
        doc.vatBreakdown.map((g) => [
          vatLabel(g, l, lang),
          formatMoney(g.baseCents, lang),
          formatMoney(g.vatCents, lang),
        ]),
        { width: 0.48 },
      ),
    () => pdf.keyValues(rows, { width: pdf.width * 0.42 }),
  );
};

const drawPayment = (pdf: Pdf, doc: SalesDocument, l: Labels) => {
  const lines: TextLine[] = [];
  if (doc.dueDate && doc.kind !== 'quote')
    lines.push({ text: l.dueOn(formatDate(doc.dueDate, doc.language)), bold: true });
  if (doc.paymentTermsText) lines.push(doc.paymentTermsText);
  if (doc.payment && doc.kind !== 'quote' && doc.kind !== 'credit_note') {
    const p = doc.payment;
    lines.push(
      `${l.transfer} — IBAN ${groupIban(p.iban)}${p.bic ? ` — BIC ${p.bic}` : ''}`,
      field(l, l.accountHolder, p.accountName),
      { text: field(l, l.remittance, p.remittance), bold: true },
    );
  }
  if (lines.length === 0) return;
  pdf.space(14);
  pdf.blocks([{ label: l.payment, lines, boxed: true }]);
};

/** The visual PDF of a sales document; `options.pdfA` is used by the Factur-X builder. */
export const drawSalesPdf = (doc: SalesDocument, extra: Pick<PdfOptions, 'pdfA'> = {}): Pdf => {
  const l = labels[doc.language];
  const lang = doc.language;
  const title = `${l.title[doc.kind]} ${doc.number ?? ''}`.trim();
  const pdf = createPdf({
    title,
    language: lang,
    createdAt: new Date(`${doc.issueDate}T12:00:00Z`),
    author: doc.seller.name,
    subject: `${title} — ${doc.buyer.name}`,
    footer: footerOf(doc.seller, l, lang),
    runningHeader: `${title} — ${doc.buyer.name}`,
    ...extra,
  });
  pdf.header(sellerBlock(doc, l), titleBlock(doc, l));

  const buyer = doc.buyer;
  const refs: TextLine[] = [
    field(l, l.activity, `${doc.activity.code} — ${doc.activity.name}`),
    field(l, l.member, doc.memberName),
    ...(doc.purchaseOrder ? [field(l, l.purchaseOrder, doc.purchaseOrder)] : []),
    ...(doc.buyerReference ? [field(l, l.buyerReference, doc.buyerReference)] : []),
  ];
  pdf.blocks(
    [
      {
        label: l.buyer,
        title: buyer.name,
        lines: [
          ...(buyer.legalForm && !buyer.name.includes(buyer.legalForm) ? [buyer.legalForm] : []),
          ...addressLines(buyer, lang, doc.seller.address.country),
          ...(buyer.isBusiness ? identityLines(buyer, l) : []),
        ],
        boxed: true,
      },
      { label: l.references, lines: refs, boxed: true },
    ],
    [0.55, 0.45],
  );
  if (doc.subject) {
    pdf.space(12);
    pdf.paragraph(field(l, l.subject, doc.subject), { bold: true });
  }
  pdf.space(10);
  drawLines(pdf, doc, l);
  drawTotals(pdf, doc, l);
  drawPayment(pdf, doc, l);
  if (doc.notes?.trim()) {
    pdf.space(12);
    pdf.heading(l.notes);
    pdf.paragraph(doc.notes);
  }
  const mentions = conditions(doc, l);
  if (mentions.length > 0) {
    pdf.space(12);
    pdf.heading(l.conditions);
    for (const m of mentions) pdf.paragraph(m, { size: 8 });
  }
  if (doc.kind === 'quote') {
    pdf.space(14);
    pdf.ensureSpace(130);
    const [intro, ...fields] = l.acceptanceLines as [string, ...string[]];
    pdf.blocks(
      [
        {
          label: l.acceptance,
          lines: [{ text: intro, muted: true }, ' ', ...fields.flatMap((f) => [f, ' ']), ' ', ' '],
          boxed: true,
        },
      ],
      [1],
    );
  }
  return pdf;
};

/** The quote, invoice, deposit invoice or credit note as a PDF, in the document's language. */
export const renderSalesPdf = (doc: SalesDocument): Promise<Uint8Array> => drawSalesPdf(doc).toBytes();
