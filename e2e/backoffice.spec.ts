// The back office: the Lille adviser starts the day on the cockpit (what waits in their offices and
// the activities to watch) and reaches an activity's account in one click; the direction reads
// turnover, fee, salaries and the guarantee fund's covers on its dashboard and exports them.
import { expect, test } from '@playwright/test';
import { nav, signIn } from './support.ts';

const shots = 'test-results/backoffice';

test('the adviser’s cockpit lists the queues of their offices and opens an activity account in one click', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, 'conseil.lille@commune.coop');
  await expect(page.getByRole('heading', { name: 'À valider dans vos agences' })).toBeVisible();
  const expenses = page.getByRole('region', { name: 'Notes de frais et factures fournisseurs' });
  await expect(expenses).toBeVisible();
  await expect(page.getByRole('region', { name: 'Nouveaux membres (prospects)' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Activités à surveiller' })).toBeVisible();
  await page.screenshot({ path: `${shots}/cockpit.png`, fullPage: true });

  // One click from a queue item (or an activity at risk) to the activity account.
  const account = page.getByRole('link', { name: 'Compte d’activité →' }).first();
  await expect(account).toBeVisible();
  await account.click();
  await expect(page).toHaveURL(/\/activities\/[0-9a-f-]{36}\/account$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'À valider dans vos agences' })).toBeVisible();
  await page.screenshot({ path: `${shots}/cockpit-phone.png`, fullPage: true });
});

test('the direction dashboard shows turnover, fee, salaries and the fund’s covers, and exports them', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, 'admin@commune.coop');
  await nav(page).getByRole('link', { name: 'Pilotage' }).click();
  await expect(page.getByRole('heading', { name: 'Tableau de bord de la direction' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Année' }).click();
  await page.getByRole('option', { name: '2026' }).click();
  const stat = (label: string) => page.locator('.mantine-Card-root').filter({ hasText: label }).first();
  for (const label of [
    'Facturé',
    'Encaissé',
    'Contribution coopérative',
    'Salaires bruts',
    'Couvertures du fonds',
  ])
    await expect(stat(label)).toContainText('€');
  await expect(stat('Facturé')).not.toContainText(/^Facturé0,00 €/);
  await expect(page.getByRole('img', { name: 'Chiffre d’affaires facturé et encaissé' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Mois par mois' })).toContainText('novembre');
  await page.screenshot({ path: `${shots}/dashboard.png`, fullPage: true });

  // One office: the figures narrow, the table per office keeps only it.
  await page.getByRole('combobox', { name: 'Agence' }).click();
  await page.getByRole('option', { name: 'Lille' }).click();
  const perOffice = page.getByRole('table', { name: 'Par entité et agence sur l’année' });
  await expect(perOffice).toContainText('Lille');
  await expect(perOffice).not.toContainText('Paris');

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Exporter en CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^tableau-de-bord-2026-Commune-Lille\.csv$/);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${shots}/dashboard-phone.png`, fullPage: true });
});
