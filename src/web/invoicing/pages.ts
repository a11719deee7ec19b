// The sales module's pages, loaded together on first use.
export { SalesDocumentPage } from './document-page.tsx';
export { EditSalesDocumentPage, NewSalesDocumentPage } from './editor-page.tsx';
export { PublicQuotePage } from './public-quote-page.tsx';
export { SalesDigest, SalesPage } from './sales-page.tsx';
