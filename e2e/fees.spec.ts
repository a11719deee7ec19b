// The cooperative fee: the direction records a new version of the SCIC's policy for artistic
// activities from today (the form refuses a date in the past first); Léa, whose sound activity is
// artistic, finds the fee line by line on her activity account and, on "Ma contribution", what her
// fees amounted to this year, the rate that now applies and what the pooled fees paid for.
import { expect, test } from '@playwright/test';
import { nav, signIn } from './support.ts';

const today = () => new Date().toISOString().slice(0, 10);

test('the direction sets a policy version; a member sees her fee and what it paid for', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const admin = await (await browser.newContext({ viewport: { width: 1360, height: 1000 } })).newPage();
  await signIn(admin, 'admin@commune.coop');
  await nav(admin).getByRole('link', { name: 'Contribution coopérative' }).click();
  await expect(admin.getByRole('heading', { name: 'Contribution coopérative', level: 1 })).toBeVisible();
  // The SCIC (first entity) shows its timeline: since the start, the 2026 version in force, next year's.
  const timeline = admin.getByRole('region', { name: 'Versions' });
  await expect(timeline.getByText('En vigueur')).toBeVisible();
  await expect(timeline.getByText('Prévue')).toBeVisible();
  await expect(timeline.getByText(/8,5\s% du chiffre d’affaires HT facturé/).first()).toBeVisible();

  const form = admin.getByRole('region', { name: 'Nouvelle version' });
  await form.getByRole('combobox', { name: 'Type d’activité' }).click();
  await admin.getByRole('option', { name: 'Activités artistiques' }).click();
  await form.getByLabel('En vigueur à partir du').fill('2026-01-15');
  await form.getByLabel('Taux', { exact: true }).fill('8');
  await form.getByLabel('Part versée au fonds de garantie').fill('20');
  await form
    .getByLabel('Note (décision, assemblée…)')
    .fill('Conseil coopératif : 8 % pour les activités artistiques');
  await form.getByRole('button', { name: 'Enregistrer la version' }).click();
  // Retroactive: refused, with the reason under the date.
  await expect(form.getByText('jamais rétroactivement')).toBeVisible();
  await form.getByLabel('En vigueur à partir du').fill(today());
  await form.getByRole('button', { name: 'Enregistrer la version' }).click();
  await expect(admin.getByText(/Version enregistrée, en vigueur à partir du/)).toBeVisible();
  await expect(timeline.getByText('Activités artistiques', { exact: true })).toBeVisible();
  await expect(
    timeline.getByText(/^8\s% du chiffre d’affaires HT facturé ; 20\s% au fonds de garantie$/),
  ).toBeVisible();
  await admin.screenshot({ path: 'test-results/fees-policies.png', fullPage: true });

  const lea = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signIn(lea, 'lea.martin@example.org');
  await lea.goto('/activities');
  await lea.getByRole('link', { name: 'Sonorisation de concerts' }).first().click();
  // The activity's page says the terms of its policy today and what the year's fee came to so far.
  await expect(lea.getByText(/^Contribution 2026 à ce jour/)).toBeVisible();
  await expect(lea.getByText('Type d’activité : Activités artistiques')).toBeVisible();
  await lea.screenshot({ path: 'test-results/fees-activity.png' });
  await lea.getByRole('link', { name: 'Compte d’activité' }).first().click();
  const movements = lea.getByRole('table', { name: 'Mouvements' });
  await expect(movements.getByText(/Contribution coopérative FA-2026/).first()).toBeVisible();
  await lea.screenshot({ path: 'test-results/fees-activity-account.png', fullPage: true });

  await nav(lea).getByRole('link', { name: 'Ma contribution' }).click();
  await expect(lea.getByRole('heading', { name: 'Ma contribution coopérative' })).toBeVisible();
  const byActivity = lea.getByRole('table', { name: 'Par activité' });
  const sono = byActivity.getByRole('row').filter({ hasText: 'Sonorisation de concerts' });
  await expect(sono).toContainText(/(^|[^,\d])8\s%/);
  await expect(sono).toContainText(/20\s% au fonds de garantie/);
  const paidFor = lea.getByRole('table', { name: 'Ce que votre contribution a financé' });
  await expect(paidFor).toContainText('Accompagnement');
  await expect(paidFor).toContainText(/\d\s% de votre contribution|\d\s% du reste/);
  await expect(paidFor).toContainText('part fixée par la politique');
  await lea.screenshot({ path: 'test-results/fees-contribution.png', fullPage: true });
});
