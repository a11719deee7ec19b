// The back office's pages (the cockpit is part of the staff's home page).
export { DashboardPage } from './dashboard-page.tsx';
