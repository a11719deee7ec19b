// The payroll module's pages, loaded on first use.
export { SimulatorPage } from './simulator-page.tsx';
