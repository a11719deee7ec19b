// Every page of the app and its address. Each module's pages load on first use, so signing in
// downloads only the frame, the sign-in and home pages.
import type { ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import { ForgotPasswordPage } from './auth/forgot-password-page.tsx';
import { ResetPasswordPage } from './auth/reset-password-page.tsx';
import { SignInPage } from './auth/sign-in-page.tsx';
import { HomePage } from './home/home-page.tsx';
import { SignedInLayout } from './ui/layout.tsx';
import { Loading, NotFound, RouteError } from './ui/states.tsx';

const members = () => import('./members/pages.ts');
const activities = () => import('./activities/pages.ts');
const clients = () => import('./clients/pages.ts');
const sales = () => import('./invoicing/pages.ts');
const admin = () => import('./admin/pages.ts');
const payroll = () => import('./payroll/pages.ts');
const ledger = () => import('./ledger/pages.ts');
const community = () => import('./community/pages.ts');
const governance = () => import('./governance/pages.ts');
const directory = () => import('./directory/pages.ts');
const expenses = () => import('./expenses/pages.ts');
const treasury = () => import('./treasury/pages.ts');
const backoffice = () => import('./backoffice/pages.ts');
const guarantee = () => import('./guarantee/pages.ts');
const advances = () => import('./advances/pages.ts');
const fees = () => import('./fees/pages.ts');

/** A route whose component is `name` in the module `load` imports. */
const page = <M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) => ({
  lazy: async () => ({ Component: (await load())[name] as ComponentType }),
});

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/forgot-password', element: <ForgotPasswordPage /> },
  { path: '/reset-password', element: <ResetPasswordPage /> },
  // Public: the salary simulator needs no account.
  // Public: the page a client opens from a quote's e-mail to accept or refuse it.
  { path: '/devis/:token', ...page(sales, 'PublicQuotePage'), hydrateFallbackElement: <Loading /> },
  { path: '/simulateur', ...page(payroll, 'SimulatorPage'), hydrateFallbackElement: <Loading /> },
  // Public: each office's page of open events, and the links prospects confirm and unregister with.
  { path: '/agences/:code', ...page(community, 'PublicOfficePage'), hydrateFallbackElement: <Loading /> },
  {
    path: '/agences/:code/confirmation',
    ...page(community, 'ConfirmRegistrationPage'),
    hydrateFallbackElement: <Loading />,
  },
  {
    path: '/agences/:code/desinscription',
    ...page(community, 'CancelRegistrationPage'),
    hydrateFallbackElement: <Loading />,
  },
  // Public: the directory of members who published a profile, and the requests clients send them.
  { path: '/annuaire', ...page(directory, 'PublicDirectoryPage'), hydrateFallbackElement: <Loading /> },
  {
    path: '/annuaire/profils/:memberId',
    ...page(directory, 'PublicProfilePage'),
    hydrateFallbackElement: <Loading />,
  },
  {
    path: '/annuaire/reseaux/:slug',
    ...page(directory, 'PublicNetworkPage'),
    hydrateFallbackElement: <Loading />,
  },
  {
    element: <SignedInLayout />,
    hydrateFallbackElement: <Loading />,
    errorElement: <RouteError />,
    children: [
      {
        // A page that fails shows its error inside the frame, the navigation still there.
        errorElement: <RouteError />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'members', ...page(members, 'MembersPage') },
          { path: 'members/new', ...page(members, 'NewMemberPage') },
          { path: 'members/:id', ...page(members, 'MemberPage') },
          { path: 'members/:id/edit', ...page(members, 'EditMemberPage') },
          { path: 'activities', ...page(activities, 'ActivitiesPage') },
          { path: 'activities/new', ...page(activities, 'NewActivityPage') },
          { path: 'activities/:id', ...page(activities, 'ActivityPage') },
          { path: 'activities/:id/account', ...page(ledger, 'ActivityAccountPage') },
          { path: 'ledger', ...page(ledger, 'BooksPage') },
          { path: 'salary', ...page(payroll, 'SalaryPage') },
          { path: 'contribution', ...page(fees, 'ContributionPage') },
          { path: 'payroll', ...page(payroll, 'PayrollPage') },
          { path: 'events', ...page(community, 'EventsPage') },
          { path: 'events/new', ...page(community, 'NewEventPage') },
          { path: 'events/:id', ...page(community, 'EventPage') },
          { path: 'spaces', ...page(community, 'SpacesPage') },
          { path: 'governance', ...page(governance, 'GovernancePage') },
          { path: 'governance/assemblies/:id', ...page(governance, 'AssemblyPage') },
          { path: 'directory', ...page(directory, 'DirectoryPage') },
          { path: 'directory/profile', ...page(directory, 'MyDirectoryProfilePage') },
          { path: 'directory/inbox', ...page(directory, 'InboxPage') },
          { path: 'directory/inbox/:id', ...page(directory, 'InboxItemPage') },
          { path: 'directory/profiles/:memberId', ...page(directory, 'DirectoryProfilePage') },
          { path: 'directory/networks', ...page(directory, 'DirectoryPage') },
          { path: 'directory/networks/:slug', ...page(directory, 'NetworkPage') },
          { path: 'expenses', ...page(expenses, 'ExpensesPage') },
          { path: 'expenses/new', ...page(expenses, 'NewExpensePage') },
          { path: 'payouts', ...page(expenses, 'PayoutsPage') },
          { path: 'bank', ...page(treasury, 'BankPage') },
          { path: 'collection', ...page(treasury, 'CollectionPage') },
          { path: 'direction', ...page(backoffice, 'DashboardPage') },
          { path: 'guarantee', ...page(guarantee, 'FundPage') },
          { path: 'advances', ...page(advances, 'AdvancesPage') },
          { path: 'sales', ...page(sales, 'SalesPage') },
          { path: 'sales/new/:kind', ...page(sales, 'NewSalesDocumentPage') },
          { path: 'sales/:tab', ...page(sales, 'SalesPage') },
          { path: 'sales/:collection/:id', ...page(sales, 'SalesDocumentPage') },
          { path: 'sales/:collection/:id/edit', ...page(sales, 'EditSalesDocumentPage') },
          { path: 'clients', ...page(clients, 'ClientsPage') },
          { path: 'clients/new', ...page(clients, 'NewClientPage') },
          { path: 'clients/:id', ...page(clients, 'ClientPage') },
          { path: 'clients/:id/edit', ...page(clients, 'EditClientPage') },
          { path: 'admin/entities', ...page(admin, 'EntitiesPage') },
          { path: 'admin/entities/new', ...page(admin, 'EntityFormPage') },
          { path: 'admin/entities/:id', ...page(admin, 'EntityFormPage') },
          { path: 'admin/offices', ...page(admin, 'OfficesPage') },
          { path: 'admin/offices/new', ...page(admin, 'OfficeFormPage') },
          { path: 'admin/offices/:id', ...page(admin, 'OfficeFormPage') },
          { path: 'admin/users', ...page(admin, 'UsersPage') },
          { path: 'admin/users/new', ...page(admin, 'UserFormPage') },
          { path: 'admin/users/:id', ...page(admin, 'UserFormPage') },
          { path: 'admin/audit', ...page(admin, 'AuditPage') },
          { path: 'admin/fees', ...page(fees, 'FeePoliciesPage') },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
