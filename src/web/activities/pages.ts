// The activities module's pages, loaded together on first use.
export { ActivitiesPage } from './activities-page.tsx';
export { ActivityPage } from './activity-page.tsx';
export { NewActivityPage } from './new-activity-page.tsx';
