// The ledger module's pages, loaded together on first use.
export { ActivityAccountPage } from './activity-account-page.tsx';
export { BooksPage } from './books-page.tsx';
