// The directory's pages (public search and profiles, the members' directory, profile and inbox), loaded on first use.
export { DirectoryPage, DirectoryProfilePage, NetworkPage } from './directory-page.tsx';
export { InboxItemPage, InboxPage } from './inbox-page.tsx';
export { MyDirectoryProfilePage } from './profile-page.tsx';
export { PublicDirectoryPage, PublicNetworkPage, PublicProfilePage } from './public-pages.tsx';
