// Receipt files for tests and the demo: a real PNG (1×1 pixel, drawn here), a small PDF and a JPEG
// skeleton, each complete so that sniffReceipt recognises it, in base64 as the API takes them.
import { crc32, deflateSync } from 'node:zlib';

const chunk = (type: string, data: Buffer) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

/**
 * A PNG of width × height pixels: paper of one colour with, when it is tall enough, dark lines like
 * the printed lines of a till receipt (so that a preview looks like one).
 */
export function pngBytes(width = 1, height = 1, rgb: [number, number, number] = [240, 240, 235]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, no interlace
  const ink: [number, number, number] = [70, 70, 75];
  const line = (y: number, x: number) =>
    height >= 40 &&
    y > height * 0.08 &&
    y < height * 0.92 &&
    y % 10 < 2 &&
    x > width * 0.1 &&
    x < width * (y % 30 < 10 ? 0.9 : 0.6);
  const pixels = Buffer.concat(
    Array.from({ length: height }, (_, y) =>
      Buffer.concat([
        Buffer.from([0]),
        Buffer.from(Array.from({ length: width }, (_, x) => (line(y, x) ? ink : rgb)).flat()),
      ]),
    ),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A one-page PDF saying `text` (no xref offsets checked by readers of this size). */
export function pdfBytes(text = 'Ticket de caisse'): Buffer {
  const stream = `BT /F1 14 Tf 40 760 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  return Buffer.from(
    [
      '%PDF-1.4',
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >> endobj',
      '4 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj',
      `5 0 obj << /Length ${stream.length} >> stream`,
      stream,
      'endstream endobj',
      'trailer << /Root 1 0 R >>',
      '%%EOF',
      '',
    ].join('\n'),
    'latin1',
  );
}

export const receiptOf = (fileName: string, bytes: Buffer) => ({
  fileName,
  contentBase64: bytes.toString('base64'),
});
