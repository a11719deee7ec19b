// Staff journeys: an adviser follows the members of their offices; an admin opens accounts.
import { expect, test } from '@playwright/test';
import { nav, signIn } from './support.ts';

test('the Lille adviser finds a member of his offices, whose NIR and IBAN stay masked', async ({ page }) => {
  await signIn(page, 'conseil.lille@commune.coop');
  await nav(page).getByRole('link', { name: 'Membres de mes agences' }).click();
  const list = page.getByRole('table', { name: 'Membres de mes agences' });
  await expect(list.getByRole('link', { name: 'MARTIN Léa' })).toBeVisible();
  await expect(list.getByRole('link', { name: 'LEFÈVRE Chloé' })).toBeVisible();
  // Members of other offices are not listed (Karim is in Paris).
  await expect(list.getByRole('link', { name: /BENALI/ })).toHaveCount(0);
  await expect(list.getByText('Commune Paris')).toHaveCount(0);

  await page.getByLabel('Rechercher un membre').fill('Martin');
  await expect(list.getByRole('link', { name: 'LEFÈVRE Chloé' })).toHaveCount(0);
  await expect(page).toHaveURL(/[?&]q=Martin/);
  await list.getByRole('link', { name: 'MARTIN Léa' }).click();
  await expect(page.getByRole('heading', { name: 'Léa Martin', level: 1 })).toBeVisible();
  const bank = page.getByRole('region', { name: 'Paie et banque' });
  await expect(bank.getByText(/^2 •• •• ••/)).toBeVisible();
  await expect(bank.getByText(/^FR76 ••••/)).toBeVisible();
  await expect(page.getByText('2 91 04 59 350 112 81')).toHaveCount(0);
  await expect(page.getByText(/4255 9000 4121/)).toHaveCount(0);
});

test('the admin creates an adviser account, which appears in the list with its role', async ({ page }) => {
  await signIn(page, 'admin@commune.coop');
  await nav(page).getByRole('link', { name: 'Comptes et rôles' }).click();
  await page.getByRole('link', { name: 'Nouveau compte' }).click();
  await page.getByLabel('Nom', { exact: true }).fill('Inès Garnier');
  await page.getByLabel('E-mail', { exact: true }).fill('ines.garnier@commune.coop');
  await page.getByRole('checkbox', { name: 'Conseiller·e' }).check();
  await page.getByRole('button', { name: 'Créer' }).click();
  await expect(page.getByText(/Compte créé/)).toBeVisible();

  await nav(page).getByRole('link', { name: 'Comptes et rôles' }).click();
  await page.getByLabel('Rechercher un compte').fill('Garnier');
  const row = page.getByRole('row', { name: /Inès Garnier/ });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('link', { name: 'Inès Garnier' })).toBeVisible();
  await expect(row.getByText('Conseiller·e')).toBeVisible();
});
