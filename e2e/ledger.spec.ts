// The books: a member reads the account of their activity; an accountant reads the trial balance,
// posts a manual entry, reverses it, and takes the FEC.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { nav, signIn } from './support.ts';

test('Léa reads the account of her activity and exports it', async ({ page }) => {
  await signIn(page, 'lea.martin@example.org');
  await page.getByRole('link', { name: 'Cours de MAO' }).first().click();
  await page.getByRole('link', { name: 'Compte d’activité' }).click();
  await expect(page.getByRole('heading', { name: 'Compte d’activité — Cours de MAO' })).toBeVisible();
  await expect(page.getByText('Solde disponible').first()).toBeVisible();
  await expect(page.getByRole('img', { name: /solde disponible par mois/ })).toBeVisible();
  await expect(page.getByRole('cell', { name: /Règlement MJC du Vieux-Lille/ }).first()).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Exporter (CSV)' }).click();
  const csv = await readFile(await (await download).path(), 'utf8');
  expect(csv).toContain('Règlement MJC du Vieux-Lille');
});

test('the accountant posts a manual entry, reverses it, and downloads the FEC', async ({ page }) => {
  await signIn(page, 'compta@commune.coop');
  await nav(page).getByRole('link', { name: 'Comptabilité' }).click();
  await expect(page.getByRole('table', { name: 'Balance' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Totaux' })).toBeVisible();

  await page.getByRole('tab', { name: 'Écritures' }).click();
  await page.getByRole('button', { name: 'Nouvelle écriture' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nouvelle écriture' });
  await dialog.getByLabel('Date').fill('2026-11-18');
  await dialog.getByLabel('Libellé', { exact: true }).fill('Frais de tenue de compte novembre');
  await dialog.getByLabel('Compte de la ligne 1').fill('627');
  await dialog.getByLabel('Débit de la ligne 1').fill('12,50');
  await dialog.getByLabel('Compte de la ligne 2').fill('512');
  await dialog.getByLabel('Crédit de la ligne 2').fill('12,40');
  await dialog.getByRole('button', { name: 'Enregistrer l’écriture' }).click();
  // Unbalanced: refused with the ledger's message, nothing posted.
  await expect(dialog.getByText(/équilibr/i)).toBeVisible();
  await dialog.getByLabel('Crédit de la ligne 2').fill('12,50');
  await dialog.getByRole('button', { name: 'Enregistrer l’écriture' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('row', { name: /Frais de tenue de compte novembre/ });
  await expect(row).toBeVisible();
  const reference = (await row.getByRole('cell').first().textContent())?.trim() ?? '';
  expect(reference).toMatch(/^OD-2026-\d{6}$/);

  await row.getByRole('button', { name: `Contre-passer l’écriture ${reference}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Contre-passer' }).click();
  await expect(row.getByText('Contre-passée')).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Télécharger le FEC 2026' }).click();
  const fec = await download;
  expect(fec.suggestedFilename()).toMatch(/^\d{9}FEC20261231\.txt$/);
  const text = await readFile(await fec.path(), 'utf8');
  expect(text.split('\r\n')[0]).toMatch(/^JournalCode\|JournalLib\|EcritureNum\|EcritureDate\|CompteNum/);
  expect(text).toContain('Frais de tenue de compte novembre');
});
