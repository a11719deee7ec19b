// The treasury module's pages.
export { BankPage } from './bank-page.tsx';
export { CollectionPage } from './collection-page.tsx';
