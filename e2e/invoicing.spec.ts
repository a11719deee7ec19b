// A sale from quote to credit note: Léa drafts a quote and sends it; the client accepts it through the
// e-mailed link; it becomes an invoice that her adviser validates (issued, numbered, posted); Léa
// downloads its PDF and Factur-X; a credit note cancels half of it; the activity account shows each step.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { dataDir, signIn } from './support.ts';

const lea = 'lea.martin@example.org';
const adviser = 'conseil.lille@commune.coop';
const clientMail = 'administration@theatre-tisserands.example';

/** The acceptance link of the last quote e-mailed to `to` (quoted-printable undone). */
async function quoteLink(to: string): Promise<string> {
  const outbox = join(dataDir, 'outbox');
  for (let attempt = 0; attempt < 40; attempt++) {
    const files = (await readdir(outbox).catch(() => [] as string[]))
      .filter((f) => f.endsWith('.eml'))
      .sort();
    for (const file of files.reverse()) {
      const raw = await readFile(join(outbox, file), 'utf8');
      if (!raw.includes(`To: ${to}`)) continue;
      const text = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
      const link = /https?:\/\/\S+\/devis\/[0-9a-f-]{36}\.[\w-]+/.exec(text)?.[0];
      if (link) return new URL(link).pathname;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no quote e-mailed to ${to}`);
}

async function pick(page: Page, label: string, option: string | RegExp) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

async function modalAction(
  page: Page,
  opener: string,
  fill?: (page: Page) => Promise<void>,
  confirm = opener,
) {
  await page.getByRole('button', { name: opener, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  if (fill) await fill(page);
  await dialog.getByRole('button', { name: confirm, exact: true }).click();
}

test('a quote becomes an invoice, validated, downloaded and half credited, step by step in the account', async ({
  browser,
}) => {
  // Many steps through three people's screens: longer than the default on a busy machine.
  test.setTimeout(240_000);
  const leaPage = await (await browser.newContext()).newPage();
  await signIn(leaPage, lea);

  // Léa drafts a quote: the totals follow what she types.
  await leaPage.goto('/sales/new/quote');
  await pick(leaPage, 'Activité', 'Sonorisation de concerts');
  await leaPage.getByRole('combobox', { name: 'Client' }).fill('Tisserands');
  await leaPage.getByRole('option', { name: 'Théâtre des Tisserands' }).click();
  await leaPage.getByLabel('Objet').fill('Sonorisation du festival');
  await leaPage.getByLabel('Désignation').fill('Régie son façade');
  await leaPage.getByLabel('Quantité').fill('2');
  await leaPage.getByLabel('Prix unitaire HT (€)').fill('450');
  await expect(leaPage.getByTestId('total-incl')).toHaveText(/1\s080,00\s€/);
  await leaPage.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await expect(leaPage.getByRole('heading', { level: 1 })).toContainText('Devis');

  // She sends it: it gets its number, the client gets the e-mail with the link.
  await modalAction(leaPage, 'Envoyer par e-mail');
  await expect(leaPage.getByRole('heading', { level: 1 })).toContainText(/DE-2026-\d{6}/);
  await expect(leaPage.getByText('Envoyé', { exact: true }).first()).toBeVisible();

  // The client accepts through the link, without an account.
  const link = await quoteLink(clientMail);
  const clientPage = await (await browser.newContext()).newPage();
  await clientPage.goto(link);
  await expect(clientPage.getByRole('heading', { level: 1 })).toContainText(/Devis DE-2026-\d{6}/);
  await clientPage.getByLabel('Votre nom').fill('Claire Dumont');
  await clientPage.getByRole('button', { name: 'J’accepte ce devis' }).click();
  await expect(clientPage.getByRole('status')).toContainText('Claire Dumont');

  // Léa turns it into an invoice and asks her adviser to validate it.
  await leaPage.reload();
  await expect(leaPage.getByText(/Accepté par Claire Dumont/)).toBeVisible();
  await modalAction(leaPage, 'Facturer', undefined, 'Facturer le devis');
  await expect(leaPage.getByRole('heading', { level: 1 })).toContainText('Facture');
  await modalAction(leaPage, 'Demander la validation', async (p) => {
    await p.getByRole('dialog').getByLabel('Commentaire').fill('Festival du 5 décembre');
  });
  await expect(leaPage.getByText('À valider', { exact: true }).first()).toBeVisible();
  const invoiceUrl = leaPage.url();

  // The adviser finds it in the queue of the cockpit, his home page, and validates it: issued and numbered.
  const adviserPage = await (await browser.newContext()).newPage();
  await signIn(adviserPage, adviser);
  await expect(
    adviserPage.getByRole('region', { name: 'Devis et factures au-delà du plafond' }),
  ).toBeVisible();
  await adviserPage.goto(new URL(invoiceUrl).pathname);
  await modalAction(adviserPage, 'Valider et émettre');
  await expect(adviserPage.getByRole('heading', { level: 1 })).toContainText(/Facture FA-2026-\d{6}/);
  const invoiceNumber = ((await adviserPage.getByRole('heading', { level: 1 }).textContent()) ?? '').match(
    /FA-2026-\d{6}/,
  )?.[0] as string;

  // Léa downloads the PDF and the Factur-X.
  await leaPage.reload();
  await expect(leaPage.getByText('Émise', { exact: true }).first()).toBeVisible();
  for (const [button, name] of [
    ['PDF', `${invoiceNumber}.pdf`],
    ['Factur-X', `${invoiceNumber}.pdf`],
  ]) {
    const download = leaPage.waitForEvent('download');
    await leaPage.getByRole('link', { name: button, exact: true }).click();
    expect((await download).suggestedFilename()).toBe(name);
  }

  // Half of it is cancelled by a credit note (her activity does not let her issue alone: the adviser does).
  await adviserPage.reload();
  await modalAction(
    adviserPage,
    'Faire un avoir',
    async (p) => {
      await p.getByRole('dialog').getByLabel('Motif').fill('Une soirée annulée');
    },
    'Avoir sur la facture',
  );
  await expect(adviserPage.getByRole('heading', { level: 1 })).toContainText(/Avoir AV-2026-\d{6}/);
  await expect(adviserPage.getByText(`Avoir sur la facture ${invoiceNumber}`)).toBeVisible();
  await expect(adviserPage.getByTestId('total-incl')).toHaveText(/540,00\s€/);

  // The activity account shows the invoice and the credit note.
  await leaPage.goto('/activities');
  await leaPage.getByRole('link', { name: 'Sonorisation de concerts' }).first().click();
  // The activity's own address, once the click has led there (not the list's).
  await leaPage.waitForURL(/\/activities\/[0-9a-f-]{36}$/);
  await leaPage.goto(`${new URL(leaPage.url()).pathname}/account`);
  await expect(leaPage.getByText(invoiceNumber).first()).toBeVisible();
  await expect(leaPage.getByText(/AV-2026-\d{6}/).first()).toBeVisible();
});
