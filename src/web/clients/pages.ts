// The clients module's pages, loaded together on first use.
export { EditClientPage, NewClientPage } from './client-form.tsx';
export { ClientPage } from './client-page.tsx';
export { ClientsPage } from './clients-page.tsx';
