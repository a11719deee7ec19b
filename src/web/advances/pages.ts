// The advances module's pages.
export { AdvancesPage } from './advances-page.tsx';
