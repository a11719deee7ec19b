// Money coming in: the Paris adviser follows Karim's late invoice and pauses its reminders; the
// accountant finds the client's transfer on the bank statement, confirms the suggested match in one
// click, and the invoice leaves the collection queue, paid.
import { expect, test } from '@playwright/test';
import { nav, signIn } from './support.ts';

test('a late invoice is followed by the adviser, then paid from the bank statement', async ({ browser }) => {
  test.setTimeout(300_000); // two people, two pages each, and perhaps a minute of sign-in limit
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

test('the accountant imports a CAMT.053 of the clients’ transfers, confirms the matches, and the activity account shows the money in', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signIn(page, 'compta@commune.coop');
  const entities = (await (await page.request.get('/api/v1/entities')).json()).items as {
    id: string;
    code: string;
  }[];
  const cae = entities.find((e) => e.code === 'CAE')?.id as string;
  const open = (await (await page.request.get(`/api/v1/treasury/open-invoices?entityId=${cae}`)).json())
    .items as {
    number: string;
    clientName: string;
    activityId: string;
    outstandingCents: number;
  }[];
  expect(open.length).toBeGreaterThan(0);
  const account = (await (await page.request.get(`/api/v1/treasury/bank-accounts?entityId=${cae}`)).json())
    .items[0] as { iban: string };
  // The statement the bank would send for these transfers, each quoting its invoice.
  const entries = open
    .map(
      (
        inv,
        k,
      ) => `<Ntry><Amt Ccy="EUR">${(inv.outstandingCents / 100).toFixed(2)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
<BookgDt><Dt>2026-11-19</Dt></BookgDt><AcctSvcrRef>E2E-${k}</AcctSvcrRef><NtryDtls><TxDtls><RltdPties><Dbtr><Nm>${inv.clientName.replace(/&/g, '&amp;')}</Nm></Dbtr></RltdPties>
<RmtInf><Ustrd>Paiement ${inv.number}</Ustrd></RmtInf></TxDtls></NtryDtls><AddtlNtryInf>VIR SEPA RECU ${k}</AddtlNtryInf></Ntry>`,
    )
    .join('');
  const camt = `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>E2E</MsgId><CreDtTm>2026-11-19T21:00:00</CreDtTm></GrpHdr><Stmt><Id>E2E</Id><Acct><Id><IBAN>${account.iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>${entries}</Stmt></BkToCstmrStmt></Document>`;

  await nav(page).getByRole('link', { name: 'Banque' }).click();
  await expect(page.getByRole('heading', { name: 'Banque' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Entité' }).click();
  await page.getByRole('option', { name: /CAE/ }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Importer un relevé' }).click();
  await (await chooser).setFiles({
    name: 'releve-cae.xml',
    mimeType: 'application/xml',
    buffer: Buffer.from(camt),
  });
  await expect(page.getByText(`${open.length} opération(s) nouvelle(s) sur ${open.length}`)).toBeVisible();

  for (const inv of open) {
    const line = page.getByRole('row').filter({ hasText: `Paiement ${inv.number}` });
    await expect(line).toContainText('99 %');
    await line.getByRole('button', { name: 'Confirmer' }).click();
    await expect(page.getByRole('row').filter({ hasText: `Paiement ${inv.number}` })).toHaveCount(0);
  }
  // The same file again adds nothing.
  const again = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Importer un relevé' }).click();
  await (await again).setFiles({
    name: 'releve-cae.xml',
    mimeType: 'application/xml',
    buffer: Buffer.from(camt),
  });
  await expect(page.getByText('a déjà été importé')).toBeVisible();

  const first = open[0] as (typeof open)[number];
  await page.goto(`/activities/${first.activityId}/account`);
  const row = page.getByRole('row').filter({ hasText: `Règlement ${first.clientName} ${first.number}` });
  await expect(row).toContainText('Encaissement');
});
