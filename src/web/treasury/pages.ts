// The treasury module's pages.
export { BankPage } from './bank-page.tsx';
