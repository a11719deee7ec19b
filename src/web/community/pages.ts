// The community module's pages (events, the offices' public pages, spaces), loaded on first use.
export { EventPage, EventsPage } from './events-page.tsx';
export { NewEventPage } from './new-event-page.tsx';
export { CancelRegistrationPage, ConfirmRegistrationPage, PublicOfficePage } from './public-pages.tsx';
export { SpacesPage } from './spaces-page.tsx';
