// The members module's pages, loaded together on first use.
export { EditMemberPage, NewMemberPage } from './member-form.tsx';
export { MemberPage } from './member-page.tsx';
export { MembersPage } from './members-page.tsx';
