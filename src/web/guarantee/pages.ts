// The guarantee fund's pages.
export { FundPage } from './fund-page.tsx';
