// Reads back what a produced PDF says, for the documents' tests: its text per page (pdf.js through
// `unpdf`, an independent parser) with the spaces Intl puts in amounts made plain.
import { extractText, getDocumentProxy } from 'unpdf';

/** The text of each page; narrow and non-breaking spaces become plain spaces. */
export const pdfPages = async (bytes: Uint8Array): Promise<string[]> => {
  const proxy = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(proxy, { mergePages: false });
  return text.map((page) => page.replace(/[\u00a0\u202f]/g, ' '));
};
