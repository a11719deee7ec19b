// The governance module's pages (shares, register, assemblies and votes), loaded on first use.
export { AssemblyPage } from './assembly-page.tsx';
export { GovernancePage } from './governance-page.tsx';
