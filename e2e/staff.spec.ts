// Staff journeys: an adviser follows the members of their offices; an admin opens accounts.
import { expect, test } from '@playwright/test';
import { nav, signIn } from './support.ts';

test('the Lille adviser finds a member of his offices, whose NIR and IBAN stay masked', async ({ page }) => {
  await signIn(page, 'conseil.lille@commune.coop');
  await nav(page).getByRole('link', { name: 'Membres' }).click();
  await expect(page.getByRole('link', { name: /Martin/ }).first()).toBeVisible();
  // Members of other offices are not listed.
  await expect(page.getByText('Commune Lyon')).toHaveCount(0);
  await page.getByLabel('Rechercher un membre').fill('Martin');
  await page.getByRole('link', { name: /Léa/ }).first().click();
  await expect(page.getByRole('heading', { name: /Léa Martin/ })).toBeVisible();
  await expect(page.getByText(/2 •• •• ••/)).toBeVisible();
  await expect(page.getByText(/FR76 ••••/)).toBeVisible();
  await expect(page.getByText('2 91 04 59 350 112 81')).toHaveCount(0);
});

test('the admin creates an adviser account, which appears in the list', async ({ page }) => {
  await signIn(page, 'admin@commune.coop');
  await page.goto('/admin/users');
  await page.getByRole('link', { name: 'Nouveau compte' }).click();
  await page.getByLabel('Nom', { exact: true }).fill('Inès Garnier');
  await page.getByLabel('E-mail', { exact: true }).fill('ines.garnier@commune.coop');
  await page.getByRole('checkbox', { name: 'Conseiller·e' }).check();
  await page.getByRole('button', { name: 'Créer' }).click();
  await expect(page.getByText(/Compte créé/)).toBeVisible();
  await page.goto('/admin/users');
  await page.getByLabel('Rechercher un compte').fill('Garnier');
  await expect(page.getByRole('link', { name: 'Inès Garnier' })).toBeVisible();
});
