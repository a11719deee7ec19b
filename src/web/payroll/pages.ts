// The payroll module's pages, loaded on first use.

export { PayrollPage } from './payroll-page.tsx';
export { SalaryPage } from './salary-page.tsx';
export { SimulatorPage } from './simulator-page.tsx';
