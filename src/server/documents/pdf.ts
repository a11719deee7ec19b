// The product's one PDF kit (pdfkit, ADR 0009): quotes, invoices, credit notes, payslips and
// attendance sheets are all laid out with it. A4 portrait, DejaVu Sans Condensed embedded (regular
// and bold, from the `dejavu-fonts-ttf` package, so nothing depends on the machine's fonts), the
// same margins, footer and page numbers everywhere. Output is deterministic: the creation date is an
// argument and pdfkit derives the file ID from it, so the same input gives the same bytes.
//
// API (plain functions and data; positions in PDF points, 72 pt = 1 inch, A4 = 595 × 842):
//   createPdf(options: PdfOptions): Pdf                     a new document, first page open
//   pdf.header(left: TextBlock, right: TextBlock)           two blocks side by side, a rule under them
//   pdf.blocks(blocks: TextBlock[], widths?: number[])      blocks side by side (widths in fractions)
//   pdf.heading(text) · pdf.paragraph(text, style?)         wrapped text across the content width
//   pdf.table(columns, rows, { width? })                    column widths in fractions, right-aligned
//                                                          amounts, header repeated on every page
//   pdf.beside(...draws: (() => void)[])                    draws starting at the same height, side by
//                                                          side (a narrow table left, keyValues right)
//   pdf.keyValues(rows: KeyValue[], { width })             label/amount pairs flush right (totals)
//   pdf.space(points) · pdf.ensureSpace(points) · pdf.rule()
//   pdf.attach(name, bytes, options)                        embedded file (Factur-X XML, PDF/A-3 AF)
//   pdf.appendXmp(xml)                                      extra XMP (rdf:Description) in the metadata
//   pdf.toBytes(): Promise<Uint8Array>                      page numbers "1/2" and footer, then the file
//   formatMoney(cents, language) · formatDate(iso, language) · formatQuantity(q, language)
//   formatRate(basisPoints, language)                       the formats every document prints
// `pdf.doc` is the underlying PDFKit document for anything the kit does not cover (draw with it
// between kit calls; `pdf.y` is where the next kit call writes).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { IsoDate } from '../../domain/dates.ts';
import { type BasisPoints, type Cents, formatBasisPoints, formatCents } from '../../domain/money.ts';

export type PdfLanguage = 'fr' | 'en';

export type PdfOptions = {
  title: string;
  language: PdfLanguage;
  /** Written as the document's creation date (info and XMP): pass the document's own date or instant. */
  createdAt: Date;
  author?: string;
  subject?: string;
  /** Printed at the bottom of every page, centred, small (e.g. the issuer's legal identity). */
  footer?: string;
  /** Printed small at the top of every page but the first ("Facture FA-2026-000042"). */
  runningHeader?: string;
  /** 'PDF/A-3b' makes the file archival (sRGB output intent, XMP pdfaid) and allows attachments. */
  pdfA?: 'PDF/A-3b';
};

export type TextLine = string | { text: string; bold?: boolean; muted?: boolean; size?: number };

export type TextBlock = {
  /** Small grey caption above the block ("Client", "Émetteur"). */
  label?: string;
  /** First line, bold and larger. */
  title?: string;
  lines: TextLine[];
  align?: 'left' | 'right';
  /** Draws a thin frame around the block. */
  boxed?: boolean;
};

export type TableColumn = {
  header: string;
  /** Fraction of the content width; the fractions of a table add up to 1. */
  width: number;
  align?: 'left' | 'right';
};

/** A cell: plain text, or a main text with a smaller grey text under it. */
export type TableCell = string | { text: string; detail?: string; bold?: boolean };
export type TableRow = TableCell[];

export type KeyValue = { label: string; value: string; bold?: boolean; muted?: boolean };

export type Pdf = {
  doc: PDFKit.PDFDocument;
  language: PdfLanguage;
  /** Left edge and width of the content area. */
  left: number;
  width: number;
  readonly y: number;
  header(left: TextBlock, right: TextBlock): void;
  blocks(blocks: TextBlock[], widths?: number[]): void;
  heading(text: string): void;
  paragraph(text: string, style?: { bold?: boolean; muted?: boolean; size?: number }): void;
  /** `width`: fraction of the content width the table takes, flush left (1 by default). */
  table(columns: TableColumn[], rows: TableRow[], options?: { width?: number }): void;
  /** Runs each draw from the same height and leaves the cursor under the tallest; keep them short
   * enough for one page (call ensureSpace first). */
  beside(...draws: (() => void)[]): void;
  keyValues(rows: KeyValue[], options?: { width?: number }): void;
  space(points: number): void;
  ensureSpace(points: number): void;
  rule(): void;
  attach(
    name: string,
    bytes: Uint8Array,
    options: { mimeType: string; description?: string; relationship?: 'Alternative' | 'Data' | 'Source' },
  ): void;
  appendXmp(xml: string): void;
  toBytes(): Promise<Uint8Array>;
};

const MARGIN = 50;
const FOOTER_ZONE = 40;
const BODY_SIZE = 9;
const SMALL_SIZE = 7.5;
const MUTED = '#5f6368';
const INK = '#1a1a1a';
const LINE = '#c4c7cc';
const SHADE = '#eef0f3';

const require = createRequire(import.meta.url);
/** The fontkit pdfkit itself depends on: parsing a TTF costs about 30 ms, so each face is parsed once
 * per process and the parsed font handed to every document (pdfkit accepts one in registerFont). */
const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { create(data: Uint8Array): object };
type ParsedFont = object;
let fonts: { regular: ParsedFont; bold: ParsedFont } | undefined;
const loadFonts = () => {
  fonts ??= {
    regular: fontkit.create(readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf'))),
    bold: fontkit.create(readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed-Bold.ttf'))),
  };
  return fonts;
};

const locale = (language: PdfLanguage) => (language === 'fr' ? 'fr-FR' : 'en-GB');

/** 123456 → "1 234,56 €" (fr) or "€1,234.56" (en). */
export const formatMoney = (amount: Cents, language: PdfLanguage): string =>
  formatCents(amount, locale(language));

const dateFormats = {
  fr: new Intl.DateTimeFormat('fr-FR', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
};
/** "2026-11-30" → "30/11/2026" (fr) or "30 Nov 2026" (en). */
export const formatDate = (date: IsoDate, language: PdfLanguage): string =>
  dateFormats[language].format(new Date(`${date}T00:00:00Z`));

/** 1.5 → "1,5" (fr) or "1.5" (en); up to three decimals, as quantities are stored. */
export const formatQuantity = (quantity: number, language: PdfLanguage): string =>
  new Intl.NumberFormat(locale(language), { maximumFractionDigits: 3 }).format(quantity);

/** 2000 → "20 %" (fr) or "20%" (en). */
export const formatRate = (rate: BasisPoints, language: PdfLanguage): string =>
  formatBasisPoints(rate, locale(language));

const xmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * PDF/A wants the XMP to repeat the document information: pdfkit writes it unescaped (a client
 * named "Dupont & Fils" would break the XML), so archival files get this escaped version instead.
 */
const writeXmpInfo = (doc: PDFKit.PDFDocument, options: PdfOptions) => {
  const created = `${options.createdAt.toISOString().split('.')[0]}Z`;
  const alt = (tag: string, text: string) =>
    `<${tag}><rdf:Alt><rdf:li xml:lang="x-default">${xmlText(text)}</rdf:li></rdf:Alt></${tag}>`;
  (doc as unknown as { _addInfo: () => void })._addInfo = function (this: {
    appendXML(xml: string): void;
    info: { Creator: string; Producer: string };
  }) {
    this.appendXML(
      [
        `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">`,
        `<xmp:CreateDate>${created}</xmp:CreateDate><xmp:CreatorTool>${xmlText(this.info.Creator)}</xmp:CreatorTool>`,
        '</rdf:Description>',
        `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">`,
        alt('dc:title', options.title),
        options.author
          ? `<dc:creator><rdf:Seq><rdf:li>${xmlText(options.author)}</rdf:li></rdf:Seq></dc:creator>`
          : '',
        alt('dc:description', options.subject ?? options.title),
        '</rdf:Description>',
        `<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">`,
        `<pdf:Producer>${xmlText(this.info.Producer)}</pdf:Producer>`,
        '</rdf:Description>',
      ].join('\n'),
    );
  };
};

/** Tabs become spaces and other control characters go: a font has no glyph for them (a box). */
export const printable = (text: string): string =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  text.replace(/\t/g, ' ').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');

/** Every text this document writes or measures goes through `printable` first. */
const printableOnly = (doc: PDFKit.PDFDocument) => {
  const target = doc as unknown as Record<
    'text' | 'heightOfString' | 'widthOfString',
    (...a: unknown[]) => unknown
  >;
  for (const method of ['text', 'heightOfString', 'widthOfString'] as const) {
    const original = target[method].bind(doc);
    target[method] = (first: unknown, ...rest: unknown[]) =>
      original(typeof first === 'string' ? printable(first) : first, ...rest);
  }
};

const lineOf = (line: TextLine) => (typeof line === 'string' ? { text: line } : line);
const cellOf = (cell: TableCell) => (typeof cell === 'string' ? { text: cell } : cell);

export const createPdf = (options: PdfOptions): Pdf => {
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER_ZONE },
    bufferPages: true,
    autoFirstPage: true,
    pdfVersion: '1.7',
    ...(options.pdfA ? { subset: options.pdfA } : {}),
    lang: options.language === 'fr' ? 'fr-FR' : 'en-GB',
    displayTitle: true,
    info: {
      Title: options.title,
      ...(options.author ? { Author: options.author } : {}),
      Subject: options.subject ?? options.title,
      Creator: 'Commune',
      Producer: 'Commune (pdfkit)',
      CreationDate: options.createdAt,
    },
  } as PDFKit.PDFDocumentOptions);
  if (options.pdfA) writeXmpInfo(doc, options);
  printableOnly(doc);
  doc.registerFont('regular', regular as unknown as Buffer);
  doc.registerFont('bold', bold as unknown as Buffer);
  doc.font('regular').fontSize(BODY_SIZE).fillColor(INK);

  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  const newPage = () => {
    doc.addPage();
    doc.x = left;
    doc.y = doc.page.margins.top;
  };
  const ensureSpace = (points: number) => {
    if (doc.y + points > bottom()) newPage();
  };

  const style = (s: { bold?: boolean; muted?: boolean; size?: number }) =>
    doc
      .font(s.bold ? 'bold' : 'regular')
      .fontSize(s.size ?? BODY_SIZE)
      .fillColor(s.muted ? MUTED : INK);

  const blockHeight = (block: TextBlock, w: number) => {
    let h = block.boxed ? 12 : 0;
    if (block.label) h += style({ size: SMALL_SIZE }).heightOfString(block.label, { width: w }) + 2;
    if (block.title) h += style({ bold: true, size: 11 }).heightOfString(block.title, { width: w }) + 2;
    for (const raw of block.lines) {
      const line = lineOf(raw);
      h += style(line).heightOfString(line.text || ' ', { width: w }) + 1;
    }
    return h;
  };

  const drawBlock = (block: TextBlock, x: number, y: number, w: number, height: number) => {
    const pad = block.boxed ? 6 : 0;
    if (block.boxed) doc.lineWidth(0.6).strokeColor(LINE).rect(x, y, w, height).stroke();
    const inner = w - 2 * pad;
    const align = block.align ?? 'left';
    let cy = y + pad;
    const put = (text: string, s: { bold?: boolean; muted?: boolean; size?: number }, after: number) => {
      style(s).text(text || ' ', x + pad, cy, { width: inner, align });
      cy = doc.y + after;
    };
    if (block.label) put(block.label.toUpperCase(), { muted: true, size: SMALL_SIZE }, 2);
    if (block.title) put(block.title, { bold: true, size: 11 }, 2);
    for (const raw of block.lines) {
      const line = lineOf(raw);
      put(line.text, line, 1);
    }
  };

  const blocks = (list: TextBlock[], widths?: number[]) => {
    const gap = 16;
    const fractions = widths ?? list.map(() => 1 / list.length);
    const available = width - gap * (list.length - 1);
    const sizes = fractions.map((f) => f * available);
    const heights = list.map((b, i) => blockHeight(b, (sizes[i] as number) - (b.boxed ? 12 : 0)));
    const height = Math.max(...heights);
    ensureSpace(height);
    const top = doc.y;
    let x = left;
    list.forEach((b, i) => {
      const w = sizes[i] as number;
      drawBlock(b, x, top, w, b.boxed ? height : (heights[i] as number));
      x += w + gap;
    });
    doc.x = left;
    doc.y = top + height;
    style({});
  };

  const rule = (w = width) => {
    doc
      .lineWidth(0.6)
      .strokeColor(LINE)
      .moveTo(left, doc.y)
      .lineTo(left + w, doc.y)
      .stroke();
  };

  const space = (points: number) => {
    doc.y += points;
  };

  const table = (columns: TableColumn[], rows: TableRow[], opts: { width?: number } = {}) => {
    const pad = 4;
    const tableWidth = (opts.width ?? 1) * width;
    const xs: number[] = [];
    const ws: number[] = [];
    let x = left;
    for (const column of columns) {
      xs.push(x);
      ws.push(column.width * tableWidth);
      x += column.width * tableWidth;
    }
    const cellHeight = (cell: TableCell, i: number) => {
      const c = cellOf(cell);
      const w = (ws[i] as number) - 2 * pad;
      let h = style({ bold: c.bold }).heightOfString(c.text || ' ', { width: w });
      if (c.detail) h += 1 + style({ muted: true, size: SMALL_SIZE }).heightOfString(c.detail, { width: w });
      return h + 2 * pad;
    };
    const drawHeader = () => {
      const h =
        Math.max(
          ...columns.map((c, i) =>
            style({ bold: true, size: SMALL_SIZE }).heightOfString(c.header, {
              width: (ws[i] as number) - 2 * pad,
            }),
          ),
        ) +
        2 * pad;
      const top = doc.y;
      doc.rect(left, top, tableWidth, h).fill(SHADE);
      columns.forEach((c, i) => {
        style({ bold: true, size: SMALL_SIZE }).text(c.header, (xs[i] as number) + pad, top + pad, {
          width: (ws[i] as number) - 2 * pad,
          align: c.align ?? 'left',
        });
      });
      doc.y = top + h;
    };
    ensureSpace(60);
    drawHeader();
    for (const row of rows) {
      const h = Math.max(...row.map(cellHeight));
      if (doc.y + h > bottom()) {
        newPage();
        drawHeader();
      }
      const top = doc.y;
      row.forEach((cell, i) => {
        const c = cellOf(cell);
        const w = (ws[i] as number) - 2 * pad;
        const align = columns[i]?.align ?? 'left';
        style({ bold: c.bold }).text(c.text || ' ', (xs[i] as number) + pad, top + pad, { width: w, align });
        if (c.detail) {
          style({ muted: true, size: SMALL_SIZE }).text(c.detail, (xs[i] as number) + pad, doc.y + 1, {
            width: w,
            align,
          });
        }
      });
      doc.y = top + h;
      rule(tableWidth);
    }
    doc.x = left;
    style({});
  };

  const keyValues = (rows: KeyValue[], opts: { width?: number } = {}) => {
    const w = opts.width ?? width * 0.45;
    const x = left + width - w;
    const labelWidth = w * 0.6;
    const valueWidth = w - labelWidth;
    for (const row of rows) {
      const s = { bold: row.bold, muted: row.muted };
      const h =
        Math.max(
          style(s).heightOfString(row.label, { width: labelWidth - 8 }),
          style(s).heightOfString(row.value, { width: valueWidth }),
        ) + 6;
      ensureSpace(h);
      const top = doc.y;
      if (row.bold) doc.rect(x, top, w, h).fill(SHADE);
      style(s).text(row.label, x + 4, top + 3, { width: labelWidth - 8 });
      style(s).text(row.value, x + labelWidth, top + 3, { width: valueWidth - 4, align: 'right' });
      doc.y = top + h;
    }
    doc.x = left;
    style({});
  };

  const pdf: Pdf = {
    doc,
    language: options.language,
    left,
    width,
    get y() {
      return doc.y;
    },
    header(l, r) {
      blocks([l, { ...r, align: r.align ?? 'right' }], [0.55, 0.45]);
      space(8);
      rule();
      space(12);
    },
    blocks,
    heading(text) {
      ensureSpace(40);
      style({ bold: true, size: 10.5 }).text(text, left, doc.y, { width });
      space(3);
      style({});
    },
    paragraph(text, s = {}) {
      const h = style(s).heightOfString(text || ' ', { width });
      ensureSpace(Math.min(h, 40));
      style(s).text(text || ' ', left, doc.y, { width, align: 'left' });
      space(2);
      style({});
    },
    table,
    beside(...draws) {
      const top = doc.y;
      let lowest = top;
      for (const draw of draws) {
        doc.y = top;
        draw();
        lowest = Math.max(lowest, doc.y);
      }
      doc.x = left;
      doc.y = lowest;
    },
    keyValues,
    space,
    ensureSpace,
    rule: () => rule(),
    attach(name, bytes, o) {
      doc.file(Buffer.from(bytes), {
        name,
        type: o.mimeType,
        description: o.description,
        relationship: o.relationship ?? 'Data',
        creationDate: options.createdAt,
        modifiedDate: options.createdAt,
      } as PDFKit.Mixins.PDFAttachmentOptions);
    },
    appendXmp(xml) {
      (doc as unknown as { appendXML(xml: string): void }).appendXML(xml);
    },
    toBytes() {
      const range = doc.bufferedPageRange();
      const total = range.count;
      for (let i = range.start; i < range.start + total; i++) {
        doc.switchToPage(i);
        const savedBottom = doc.page.margins.bottom;
        doc.page.margins.bottom = 0;
        const y = doc.page.height - MARGIN - 8;
        doc
          .lineWidth(0.6)
          .strokeColor(LINE)
          .moveTo(left, y - 6)
          .lineTo(left + width, y - 6)
          .stroke();
        if (options.runningHeader && i > range.start) {
          style({ muted: true, size: SMALL_SIZE }).text(options.runningHeader, left, MARGIN - 22, {
            width,
            align: 'right',
            lineBreak: false,
          });
        }
        if (options.footer) {
          style({ muted: true, size: 6.5 }).text(options.footer, left, y, {
            width: width - 50,
            align: 'left',
          });
        }
        style({ muted: true, size: SMALL_SIZE }).text(
          `${i - range.start + 1}/${total}`,
          left + width - 50,
          y,
          {
            width: 50,
            align: 'right',
            lineBreak: false,
          },
        );
        doc.page.margins.bottom = savedBottom;
      }
      const chunks: Uint8Array[] = [];
      return new Promise<Uint8Array>((resolve, reject) => {
        doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
        doc.on('error', reject);
        doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
        doc.end();
      });
    },
  };
  return pdf;
};
