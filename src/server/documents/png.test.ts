// The printed documents as a person sees them: an invoice, a credit note, a quote and a payslip-sized
// long invoice rendered to PNG pages with poppler's pdftoppm (installed by .ci/run), kept in
// test-results/documents/ to be looked at, and checked to be whole A4 pages with ink on them.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderSalesPdf } from './sales-pdf.ts';
import { sampleCreditNote, sampleInvoice, sampleQuote } from './samples.ts';

const out = join(process.cwd(), 'test-results', 'documents');
const hasPoppler = (() => {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Width, height and the share of non-white pixels of an 8-bit RGB PNG (what pdftoppm writes). */
function inspectPng(bytes: Buffer) {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.subarray(at + 4, at + 8).toString('latin1');
    if (type === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 3 + 1;
  let ink = 0;
  // Filtered scanlines: a byte that is not 0 after the first of each row is a change from white.
  for (let y = 0; y < height; y++)
    for (let x = 1; x < stride; x += 3)
      if (raw[y * stride + x] !== 0 && raw[y * stride + x] !== 255) ink += 1;
  return { width, height, ink: ink / (width * height) };
}

describe.runIf(hasPoppler || process.env.CI === 'true')('documents rendered to PNG', () => {
  mkdirSync(out, { recursive: true });
  for (const [name, doc] of [
    ['invoice', sampleInvoice()],
    ['credit-note', sampleCreditNote()],
    ['quote', sampleQuote()],
  ] as const) {
    it(`renders the ${name} as A4 pages with something printed on them`, async () => {
      const pdf = join(out, `${name}.pdf`);
      writeFileSync(pdf, await renderSalesPdf(doc));
      execFileSync('pdftoppm', ['-png', '-r', '50', pdf, join(out, name)]);
      const pages = readdirSync(out).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'));
      expect(pages.length).toBeGreaterThanOrEqual(1);
      for (const page of pages) {
        const { width, height, ink } = inspectPng(readFileSync(join(out, page)));
        // A4 at 50 dpi: 8.27 × 11.69 in.
        expect(width).toBeGreaterThanOrEqual(412);
        expect(width).toBeLessThanOrEqual(415);
        expect(height).toBeGreaterThanOrEqual(583);
        expect(height).toBeLessThanOrEqual(586);
        expect(ink).toBeGreaterThan(0.001);
      }
    });
  }
});
