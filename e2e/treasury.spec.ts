// Money coming in: the Paris adviser follows Karim's late invoice and pauses its reminders; the
// accountant finds the client's transfer on the bank statement, confirms the suggested match in one
// click, and the invoice leaves the collection queue, paid.
import { expect, test } from '@playwright/test';
import { nav, signIn } from './support.ts';

test('a late invoice is followed by the adviser, then paid from the bank statement', async ({ browser }) => {
  test.setTimeout(120_000); // two people, two pages each
  const adviser = await (await browser.newContext()).newPage();
  await signIn(adviser, 'conseil.paris@commune.coop');
  await nav(adviser).getByRole('link', { name: 'Recouvrement' }).click();
  await expect(adviser.getByRole('heading', { name: 'Recouvrement' })).toBeVisible();
  const row = adviser.getByRole('row').filter({ hasText: 'Les Films du Canal' });
  await expect(row).toContainText('j de retard');
  await expect(row).toContainText('indemnité 40,00 €');
  const number = (await row.locator('td').first().locator('p').first().textContent())?.trim() ?? '';
  expect(number).toMatch(/^FA-2026-\d{6}$/);
  await row.getByRole('button', { name: 'Suspendre les relances' }).click();
  const dialog = adviser.getByRole('dialog');
  await dialog
    .getByLabel('Motif (litige, échéancier accordé…)')
    .fill('Le client annonce un virement cette semaine');
  await dialog.getByRole('button', { name: 'Suspendre les relances' }).click();
  await expect(row).toContainText('Relances suspendues : Le client annonce un virement cette semaine');

  const compta = await (await browser.newContext()).newPage();
  await signIn(compta, 'compta@commune.coop');
  await nav(compta).getByRole('link', { name: 'Banque' }).click();
  await expect(compta.getByRole('heading', { name: 'Banque' })).toBeVisible();
  await compta.getByRole('combobox', { name: 'Entité' }).click();
  await compta.getByRole('option', { name: /CAE/ }).click();
  const line = compta.getByRole('row').filter({ hasText: 'LES FILMS DU CANAL' });
  await expect(line).toContainText('N° de facture cité');
  await expect(line).toContainText('99 %');
  await expect(line).toContainText(number);
  await line.getByRole('button', { name: 'Confirmer' }).click();
  await expect(compta.getByText('Règlement enregistré et comptabilisé.')).toBeVisible();
  await expect(compta.getByRole('row').filter({ hasText: 'LES FILMS DU CANAL' })).toHaveCount(0);
  await compta.getByRole('tab', { name: 'Rapprochées' }).click();
  await expect(compta.getByRole('row').filter({ hasText: 'LES FILMS DU CANAL' })).toBeVisible();
  await compta.getByRole('tab', { name: 'Règlements' }).click();
  await expect(compta.getByRole('row').filter({ hasText: 'Les Films du Canal' })).toContainText(number);

  // Paid: the invoice leaves the adviser's queue.
  await adviser.reload();
  await expect(adviser.getByRole('heading', { name: 'Recouvrement' })).toBeVisible();
  await expect(adviser.getByRole('row').filter({ hasText: number })).toHaveCount(0);
});
