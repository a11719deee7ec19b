// A month of salary: Léa asks for a salary from her sound activity with the payslip computed as she
// types; the payroll officer validates it, runs and closes the month and downloads the SEPA file;
// Léa downloads her payslip; the accountant finds the payroll entry in the books. The payroll officer
// also edits a contract.
import { readFile, writeFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { pdfPages } from '../src/server/documents/pdf-text.ts';
import { nav, signIn } from './support.ts';

const month = new Date().toISOString().slice(0, 7);

test('a member is paid from her activity’s balance, from request to payslip and books', async ({
  page,
}, info) => {
  test.setTimeout(180_000);
  await signIn(page, 'lea.martin@example.org');
  await nav(page).getByRole('link', { name: 'Mon salaire' }).click();
  await expect(page.getByRole('heading', { name: 'Mon salaire' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Activité' }).click();
  await page.getByRole('option', { name: /Sonorisation de concerts/ }).click();
  await expect(page.getByText(/Disponible pour un salaire/)).toBeVisible();
  await page.getByLabel('Budget (coût employeur)').fill('600');
  // The payslip is computed with the URSSAF rules as she types.
  const preview = page.getByText('Votre bulletin serait').locator('..');
  await expect(preview.getByRole('cell', { name: 'Net payé' })).toBeVisible({ timeout: 30_000 });
  await expect(preview.getByRole('cell', { name: /600,00/ })).toBeVisible();
  await page.screenshot({ path: info.outputPath('salary-preview.png'), fullPage: true });
  await page.getByRole('button', { name: 'Envoyer la demande' }).click();
  await expect(page.getByText('Demande envoyée au service paie.')).toBeVisible();
  const mine = page.getByRole('region', { name: 'Mes demandes' });
  await expect(mine.getByText('En attente')).toBeVisible();

  // The payroll officer validates it, then runs and closes the month.
  await page.context().clearCookies();
  await signIn(page, 'paie@commune.coop');
  await nav(page).getByRole('link', { name: 'Paie' }).click();
  await page.getByRole('combobox', { name: 'Entité' }).click();
  await page.getByRole('option', { name: /Commune Création SCIC/ }).click();
  const queue = page.getByRole('region', { name: 'Demandes à traiter' });
  const row = queue.getByRole('row', { name: /Léa Martin/ });
  await row.getByRole('button', { name: 'Valider' }).click();
  await expect(page.getByText('Demande validée.')).toBeVisible();
  const runs = page.getByRole('region', { name: 'Paies du mois' });
  await runs.getByLabel('Mois').fill(month);
  await runs.getByRole('button', { name: 'Ouvrir la paie du mois' }).click();
  // The newest run of the month (an earlier one may have paid a covered salary early).
  const run = runs.getByRole('row', { name: new RegExp(month) }).first();
  await expect(run.getByText('0 bulletin(s) sur 1')).toBeVisible();
  await run.getByRole('button', { name: 'Calculer' }).click();
  await expect(run.getByText('1 bulletin(s) sur 1')).toBeVisible({ timeout: 30_000 });
  await run.getByRole('button', { name: 'Clôturer' }).click();
  await expect(run.getByText('Clôturée')).toBeVisible();
  const sepa = page.waitForEvent('download');
  await run.getByRole('link', { name: 'Virements SEPA (XML)' }).click();
  const xml = await readFile(await (await sepa).path(), 'utf8');
  expect(xml).toContain('urn:iso:std:iso:20022:tech:xsd:pain.001.001.09');
  expect(xml).toContain('<Nm>Lea Martin</Nm>');
  await run.getByRole('button', { name: 'Cotisations' }).click();
  await expect(page.getByRole('cell', { name: 'URSSAF' })).toBeVisible();
  await page.screenshot({ path: info.outputPath('payroll-desk.png'), fullPage: true });

  // The payroll officer edits a contract: Karim's job title, in the contract's dialog.
  const contracts = page.getByRole('region', { name: 'Contrats de travail' });
  await contracts.getByRole('button', { name: 'Modifier — Karim Benali' }).click();
  const dialog = page.getByRole('dialog', { name: /Modifier le contrat — Karim Benali/ });
  await expect(dialog.getByLabel('Emploi')).toHaveValue('Monteur vidéo');
  await dialog.getByLabel('Emploi').fill('Monteur vidéo et étalonneur');
  await page.screenshot({ path: info.outputPath('contract-edit.png'), fullPage: true });
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Contrat enregistré.')).toBeVisible();
  await expect(contracts.getByRole('cell', { name: 'Monteur vidéo et étalonneur' })).toBeVisible();

  // Léa downloads her payslip.
  await page.context().clearCookies();
  await signIn(page, 'lea.martin@example.org');
  await nav(page).getByRole('link', { name: 'Mon salaire' }).click();
  await expect(page.getByRole('region', { name: 'Mes demandes' }).getByText('Payée')).toBeVisible();
  const slip = page.waitForEvent('download');
  await page.getByRole('link', { name: `Bulletin ${month} (PDF)` }).click();
  const bytes = await readFile(await (await slip).path());
  // Kept with the run's artefacts, to look at.
  await writeFile(info.outputPath(`bulletin-${month}.pdf`), bytes);
  await page.screenshot({ path: info.outputPath('salary-payslips.png'), fullPage: true });
  const text = (await pdfPages(bytes)).join(' ').replace(/\s+/g, ' ');
  expect(text).toContain('Bulletin de paie');
  expect(text).toContain('Léa Martin');
  expect(text).toContain('conservez ce bulletin de paie sans limitation de durée');

  // The accountant finds the payroll entry in the SAL journal.
  await page.context().clearCookies();
  await signIn(page, 'compta@commune.coop');
  await nav(page).getByRole('link', { name: 'Comptabilité' }).click();
  await page.getByRole('tab', { name: 'Écritures' }).click();
  await expect(
    page.getByRole('row', { name: new RegExp(`Salaire ${month} Martin Léa`) }).first(),
  ).toBeVisible();
});
