// Receipts are recognised by their bytes, never by their name or the type the browser claims: a
// photo from a phone (JPEG, PNG, WebP, HEIC) or a PDF. A truncated file or another kind is refused.

export type ReceiptType = {
  mime: 'application/pdf' | 'image/jpeg' | 'image/png' | 'image/webp' | 'image/heic';
  extension: string;
};

export const receiptLimits = { maxBytes: 10 * 1024 * 1024, minBytes: 64 } as const;

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0) =>
  sig.every((b, i) => bytes[at + i] === b);
const ascii = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, to));

/** The receipt's type from its content, or null when it is not a receipt we keep (or is truncated). */
export function sniffReceipt(bytes: Uint8Array): ReceiptType | null {
  if (bytes.length < receiptLimits.minBytes || bytes.length > receiptLimits.maxBytes) return null;
  if (ascii(bytes, 0, 5) === '%PDF-') {
    // A complete PDF ends with %%EOF (possibly followed by a line end or a little padding).
    return ascii(bytes, Math.max(0, bytes.length - 1024), bytes.length).includes('%%EOF')
      ? { mime: 'application/pdf', extension: 'pdf' }
      : null;
  }
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) {
    // JPEG ends with the EOI marker FF D9 (some cameras pad a few bytes after it).
    const tail = bytes.subarray(Math.max(0, bytes.length - 32));
    for (let i = tail.length - 2; i >= 0; i -= 1)
      if (tail[i] === 0xff && tail[i + 1] === 0xd9) return { mime: 'image/jpeg', extension: 'jpg' };
    return null;
  }
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    // PNG ends with the IEND chunk and its CRC.
    return ascii(bytes, bytes.length - 8, bytes.length - 4) === 'IEND'
      ? { mime: 'image/png', extension: 'png' }
      : null;
  }
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') {
    const declared =
      (bytes[4] ?? 0) | ((bytes[5] ?? 0) << 8) | ((bytes[6] ?? 0) << 16) | ((bytes[7] ?? 0) << 24);
    return declared + 8 === bytes.length ? { mime: 'image/webp', extension: 'webp' } : null;
  }
  if (
    ascii(bytes, 4, 8) === 'ftyp' &&
    ['heic', 'heix', 'mif1', 'msf1', 'heim', 'heis'].includes(ascii(bytes, 8, 12))
  ) {
    return { mime: 'image/heic', extension: 'heic' };
  }
  return null;
}
