// The cooperative fee's pages: a member's contribution and the direction's policies.
export { ContributionPage } from './contribution-page.tsx';
export { FeePoliciesPage } from './policies-page.tsx';
