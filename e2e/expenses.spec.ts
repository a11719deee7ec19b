// Money going out: Léa records a receipt and a trip from her phone and sends them; her adviser
// approves them with the receipt in view; the accountant batches the reimbursements, downloads the
// SEPA file and marks it executed; the activity account shows the expense.
import { readFile } from 'node:fs/promises';
import { crc32, deflateSync } from 'node:zlib';
import { expect, type Page, test } from '@playwright/test';
import { nav, signIn } from './support.ts';

const phone = { width: 390, height: 844 };
const shots = 'test-results/expenses';

/** A small PNG (a receipt photo stand-in), whole so the server recognises it by its bytes. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Array.from({ length: height }, (_, y) =>
    Buffer.concat([
      Buffer.from([0]),
      Buffer.from(
        Array.from({ length: width }, (_, x) => ((x + y) % 24 < 3 ? [60, 60, 60] : [250, 248, 240])).flat(),
      ),
    ]),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function pick(page: Page, label: string, option: string | RegExp) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

/** Nothing sticks out sideways on a phone. */
async function fitsThePhone(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(phone.width);
}

test('a receipt and a trip go from Léa’s phone to the bank and onto her activity account', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const open = async (viewport: { width: number; height: number }) =>
    (await browser.newContext({ baseURL, viewport, locale: 'fr-FR' })).newPage();
  const label = `Déjeuner organisateur ${Date.now().toString(36)}`;
  const lea = await open(phone);
  await signIn(lea, 'lea.martin@example.org');
  await lea.goto('/expenses/new');
  await expect(lea.getByRole('heading', { name: 'Nouvelle dépense' })).toBeVisible();
  await pick(lea, 'Activité', 'Sonorisation de concerts');
  await pick(lea, 'Catégorie', /Réceptions/);
  await lea.getByLabel('Objet de la dépense', { exact: true }).fill(label);
  await lea.getByLabel('Fournisseur', { exact: true }).fill('Brasserie du Théâtre');
  await lea.getByLabel('HT (€)', { exact: true }).fill('40');
  await lea.getByLabel('TVA (€)', { exact: true }).fill('4');
  // Incl. VAT follows, and the check says the amounts agree.
  await expect(lea.getByLabel('TTC (€)', { exact: true })).toHaveValue('44,00');
  await expect(lea.getByTestId('amounts-check')).toHaveText('✓ HT + TVA = TTC');
  await lea.getByLabel('TTC (€)', { exact: true }).fill('45');
  await expect(lea.getByTestId('amounts-check')).toContainText('ne correspond pas');
  await lea.getByLabel('TTC (€)', { exact: true }).fill('44');
  await lea.getByLabel('Facture au nom de la coopérative', { exact: true }).check();
  await lea.locator('input[type=file]').setInputFiles({
    name: 'ticket.jpg',
    mimeType: 'image/jpeg',
    buffer: png(120, 160),
  });
  await fitsThePhone(lea);
  await lea.screenshot({ path: `${shots}/phone-receipt.png`, fullPage: true });
  await lea.getByRole('button', { name: 'Enregistrer et envoyer' }).click();
  await expect(lea.getByText('Dépense enregistrée et envoyée.')).toBeVisible();
  const row = lea.getByTestId('expense-row').filter({ hasText: label });
  await expect(row.getByText('Envoyée')).toBeVisible();

  // A trip: no receipt, the allowance from the scale shown before sending.
  await lea.goto('/expenses/new');
  await lea.getByText('Trajet', { exact: true }).click();
  await pick(lea, 'Activité', 'Sonorisation de concerts');
  await lea.getByLabel('Motif du trajet', { exact: true }).fill('Concert à Arras');
  await lea.getByLabel('Départ', { exact: true }).fill('Lille');
  await lea.getByLabel('Arrivée', { exact: true }).fill('Arras');
  await lea.getByLabel('Puissance fiscale (CV)', { exact: true }).fill('5');
  await lea.getByLabel('Distance (km)', { exact: true }).fill('120');
  await expect(lea.getByTestId('mileage-estimate')).toHaveText(/Indemnité calculée : \d+,\d\d\s€/);
  await fitsThePhone(lea);
  await lea.screenshot({ path: `${shots}/phone-mileage.png`, fullPage: true });
  await lea.getByRole('button', { name: 'Enregistrer et envoyer' }).click();
  await expect(lea.getByText('Dépense enregistrée et envoyée.')).toBeVisible();
  await expect(lea.getByTestId('expense-row').filter({ hasText: 'Concert à Arras' }).first()).toBeVisible();
  await lea.screenshot({ path: `${shots}/phone-list.png`, fullPage: true });

  // The adviser of her office approves both, the receipt in view.
  const adviser = await open({ width: 1280, height: 900 });
  await signIn(adviser, 'conseil.lille@commune.coop');
  await nav(adviser).getByRole('link', { name: 'Dépenses' }).click();
  const card = adviser.getByTestId('queue-item').filter({ hasText: label });
  await expect(card.getByRole('img', { name: /Justificatif NDF-/ })).toBeVisible();
  await adviser.screenshot({ path: `${shots}/adviser-queue.png`, fullPage: true });
  for (const what of [label, 'Concert à Arras']) {
    await adviser
      .getByTestId('queue-item')
      .filter({ hasText: what })
      .first()
      .getByRole('button', { name: 'Approuver' })
      .click();
    const dialog = adviser.getByRole('dialog', { name: 'Approuver la dépense' });
    await dialog.getByLabel('Commentaire', { exact: true }).fill('Vu, merci');
    await dialog.getByRole('button', { name: 'Approuver' }).click();
    await expect(dialog).toBeHidden();
  }
  await expect(adviser.getByTestId('queue-item').filter({ hasText: label })).toHaveCount(0);

  // The accountant pays them in one batch and takes the SEPA file.
  const compta = await open({ width: 1280, height: 900 });
  compta.on('dialog', (d) => void d.accept());
  await signIn(compta, 'compta@commune.coop');
  await nav(compta).getByRole('link', { name: 'Virements sortants' }).click();
  await pick(compta, 'Entité', /SCIC/);
  await compta.getByRole('checkbox', { name: new RegExp(label) }).check();
  await compta
    .getByRole('checkbox', { name: /Concert à Arras/ })
    .first()
    .check();
  const iban = compta.getByLabel('IBAN du compte débité', { exact: true });
  if ((await iban.inputValue()) === '') {
    await iban.fill('FR76 4255 9100 0008 0112 3456 155');
    await compta.getByLabel('BIC', { exact: true }).fill('CCOPFRPPXXX');
  }
  await compta.screenshot({ path: `${shots}/payouts-select.png`, fullPage: true });
  await compta.getByRole('button', { name: 'Créer le lot de virements' }).click();
  await expect(compta.getByText('Lot de virements créé.')).toBeVisible();
  const batch = compta.getByTestId('payout-batch').filter({ hasText: 'À exécuter' }).first();
  await expect(batch).toContainText('Léa Martin');
  const download = compta.waitForEvent('download');
  await batch.getByRole('link', { name: 'Télécharger le fichier SEPA' }).click();
  const xml = await readFile(await (await download).path(), 'utf8');
  expect(xml).toContain('urn:iso:std:iso:20022:tech:xsd:pain.001.001.09');
  expect(xml).toContain('<InstdAmt Ccy="EUR">44.00</InstdAmt>');
  await batch.getByRole('button', { name: 'Marquer comme exécuté' }).click();
  await expect(compta.getByText('Lot exécuté et comptabilisé.')).toBeVisible();
  await compta.screenshot({ path: `${shots}/payouts-executed.png`, fullPage: true });

  // Léa sees them paid, and the expense on her activity account.
  await lea.goto('/expenses');
  await expect(
    lea.getByTestId('expense-row').filter({ hasText: label }).getByText('Payée', { exact: true }),
  ).toBeVisible();
  await lea.setViewportSize({ width: 1280, height: 900 });
  await lea.goto('/activities');
  await lea.getByRole('link', { name: 'Sonorisation de concerts' }).first().click();
  await lea.getByRole('link', { name: 'Compte d’activité' }).click();
  await expect(lea.getByRole('cell', { name: new RegExp(`Brasserie du Théâtre : ${label}`) })).toBeVisible();
  await lea.screenshot({ path: `${shots}/activity-account.png`, fullPage: true });
});
