// Tabular exports of reports: CSV streamed as rows come, XLSX built in memory (see ADR 0007).
// CSV follows what French spreadsheet users open without an import wizard: UTF-8 with a BOM, `;`
// between fields, CRLF, amounts with a decimal comma, dates ISO.
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import writeExcelFile from 'write-excel-file/node';
import { DomainError } from '../../domain/errors.ts';

export type ExportColumn<T> = {
  header: string;
  kind?: 'text' | 'cents' | 'date' | 'integer';
  value: (row: T) => string | number | null | undefined;
  width?: number;
};

/** Excel's own limit is 1,048,576 rows; a workbook this large is built in memory, so stop well before. */
export const maxXlsxRows = 100_000;

const centsText = (cents: number) => {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
};

const csvField = (value: string) => (/[;"\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

const csvValue = <T>(c: ExportColumn<T>, row: T): string => {
  const v = c.value(row);
  if (v === null || v === undefined) return '';
  if (c.kind === 'cents') return centsText(Number(v));
  return csvField(String(v));
};

export async function* csvChunks<T>(
  columns: readonly ExportColumn<T>[],
  pages: AsyncIterable<readonly T[]> | Iterable<readonly T[]>,
): AsyncGenerator<string> {
  yield `\uFEFF${columns.map((c) => csvField(c.header)).join(';')}\r\n`;
  for await (const page of pages) {
    let out = '';
    for (const row of page) out += `${columns.map((c) => csvValue(c, row)).join(';')}\r\n`;
    if (out) yield out;
  }
}

export async function xlsxBuffer<T>(
  sheet: string,
  columns: readonly ExportColumn<T>[],
  pages: AsyncIterable<readonly T[]> | Iterable<readonly T[]>,
): Promise<Buffer> {
  const rows: T[] = [];
  for await (const page of pages) {
    rows.push(...page);
    if (rows.length > maxXlsxRows)
      throw new DomainError('ledger.export_too_large', `More than ${maxXlsxRows} rows: export as CSV`);
  }
  const header = columns.map((c) => ({ value: c.header, fontWeight: 'bold' as const }));
  const body = rows.map((row) =>
    columns.map((c) => {
      const v = c.value(row);
      if (v === null || v === undefined || v === '') return null;
      if (c.kind === 'cents') return { value: Number(v) / 100, format: '#,##0.00' };
      if (c.kind === 'integer') return { value: Number(v) };
      if (c.kind === 'date') return { value: new Date(`${v}T00:00:00Z`), format: 'dd/mm/yyyy' };
      return { value: String(v) };
    }),
  );
  return writeExcelFile([header, ...body], {
    sheet: sheet.slice(0, 31),
    columns: columns.map((c) => ({ width: c.width ?? (c.kind === 'text' || !c.kind ? 24 : 14) })),
    stickyRowsCount: 1,
  }).toBuffer();
}

/** Sends rows as a CSV stream or an XLSX file named `<fileBase>.csv|xlsx`. */
export async function sendExport<T>(
  reply: FastifyReply,
  format: 'csv' | 'xlsx',
  fileBase: string,
  columns: readonly ExportColumn<T>[],
  pages: AsyncIterable<readonly T[]> | Iterable<readonly T[]>,
) {
  const name = `${fileBase.replace(/[^\w.-]+/g, '-')}.${format}`;
  reply.header('content-disposition', `attachment; filename="${name}"`);
  if (format === 'csv')
    return reply.type('text/csv; charset=utf-8').send(Readable.from(csvChunks(columns, pages)));
  return reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .send(await xlsxBuffer(fileBase, columns, pages));
}
