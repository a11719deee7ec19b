// The expenses module's pages.
export { ExpensesPage } from './expenses-page.tsx';
export { NewExpensePage } from './new-expense-page.tsx';
export { PayoutsPage } from './payouts-page.tsx';
