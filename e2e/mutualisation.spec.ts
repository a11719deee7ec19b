// The guarantee fund, end to end: Karim's client has not paid his invoice yet, and his salary is
// paid anyway, covered by the fund, with the reasons on his screen; the payroll desk shows the day the
// fund promised it by, and the payroll officer pays it early with an extra run of the month (the
// portage company's covered salaries, past their day, show in red); the client pays and the cover is
// released; a theatre company in liquidation never will, the accountant declares its invoice
// irrecoverable from the collection page, and the direction reads the fund — balance, covers, the
// loss it absorbed and the stress test of its three largest clients — and finds the same covers and
// balance on its dashboard.
import { expect, type Page, test } from '@playwright/test';
import { nav, signIn } from './support.ts';

const json = async <T>(
  res: Promise<{ ok: () => boolean; json: () => Promise<unknown>; text: () => Promise<string> }>,
) => {
  const r = await res;
  if (!r.ok()) throw new Error(await r.text());
  return (await r.json()) as T;
};

async function newPage(browser: import('@playwright/test').Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

test('a salary covered by the fund before the client pays, released when it does; a default absorbed', async ({
  browser,
}, info) => {
  test.setTimeout(400_000);
  const karim = await newPage(browser, 'karim.benali@example.org');
  const adviser = await newPage(browser, 'conseil.paris@commune.coop');

  // Karim's invoice to Atelier Docs & Cie, issued by his adviser, not paid yet.
  const home = await json<{ activities: { id: string; name: string }[] }>(karim.request.get('/api/v1/home'));
  const montage = home.activities.find((a) => a.name === 'Montage de documentaires')?.id as string;
  const docs = (
    await json<{ items: { id: string }[] }>(karim.request.get('/api/v1/clients?q=Atelier%20Docs'))
  ).items[0]?.id as string;
  const draft = await json<{ id: string }>(
    karim.request.post('/api/v1/invoices', {
      data: {
        activityId: montage,
        clientId: docs,
        subject: 'Montage du documentaire « Les Canuts »',
        lines: [
          {
            designation: 'Montage, 10 jours',
            quantity: 10,
            unitCode: 'DAY',
            unitPriceCents: 65_000,
            vatCategory: 'standard',
          },
        ],
      },
    }),
  );
  const invoice = await json<{
    id: string;
    number: string;
    totalInclVatCents: number;
    entity: { id: string };
  }>(adviser.request.post(`/api/v1/invoices/${draft.id}/issue`));

  // Karim asks for more than his balance: the fund says it will cover the difference, and why.
  const balance = await json<{ availableForSalaryCents: number }>(
    karim.request.get(`/api/v1/activities/${montage}/salary-balance`),
  );
  const budget = Math.max(0, balance.availableForSalaryCents) + 150_000;
  await nav(karim).getByRole('link', { name: 'Mon salaire' }).click();
  await expect(karim.getByRole('heading', { name: 'Mon salaire' })).toBeVisible();
  await karim.getByRole('combobox', { name: 'Activité' }).click();
  await karim.getByRole('option', { name: /Montage de documentaires/ }).click();
  await karim.getByLabel('Budget (coût employeur)').fill(String(budget / 100).replace('.', ','));
  const hint = karim.getByTestId('guarantee-hint');
  await expect(hint).toContainText('le fonds de garantie couvrira', { timeout: 30_000 });
  await expect(hint).toContainText(invoice.number);
  await expect(hint).toContainText('exposition client');
  await expect(hint).toContainText('jours ouvrés');
  await karim.screenshot({ path: info.outputPath('mutualisation-cover-preview.png'), fullPage: true });
  await karim.getByRole('button', { name: 'Envoyer la demande' }).click();
  await expect(karim.getByText('Demande envoyée au service paie.')).toBeVisible();
  const mine = karim.getByRole('region', { name: 'Mes demandes' });
  await expect(mine.getByText(/Couvert par le fonds de garantie/).first()).toBeVisible();
  await expect(mine.getByText(/En cours/).first()).toBeVisible();
  await karim.screenshot({ path: info.outputPath('mutualisation-covered-request.png'), fullPage: true });

  // The payroll desk lists it first among the requests to decide, with the day the fund promised it by.
  const covered = (
    await json<{ items: { id: string; period: string; payableOn: string | null }[] }>(
      karim.request.get(`/api/v1/salary-requests?activityId=${montage}&limit=1`),
    )
  ).items[0] as { id: string; period: string; payableOn: string };
  expect(covered.payableOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  const day = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short' }).format(
    new Date(`${covered.payableOn}T12:00:00Z`),
  );

  // His adviser's cockpit counts it among the covered salaries still to pay, with that day.
  await adviser.goto('/');
  const salaries = adviser.getByRole('region', { name: 'Demandes de salaire' });
  await expect(salaries.getByTestId('covered-salaries')).toContainText(
    /\d+ salaires? couverts? par le fonds de garantie/,
  );
  await expect(salaries.getByTestId('covered-salaries')).toContainText(`le ${day}`);
  await expect(salaries.getByRole('listitem').filter({ hasText: 'Karim Benali' })).toContainText(
    `à payer au plus tard le ${day}`,
  );
  await adviser.screenshot({ path: info.outputPath('mutualisation-cockpit.png'), fullPage: true });

  const paie = await newPage(browser, 'paie@commune.coop');
  await nav(paie).getByRole('link', { name: 'Paie' }).click();
  await paie.getByRole('combobox', { name: 'Entité' }).click();
  await paie.getByRole('option', { name: /Commune Création SCIC/ }).click();
  const queue = paie.getByRole('region', { name: 'Demandes à traiter' });
  const karimRow = queue.getByRole('row').filter({ hasText: 'Karim Benali' });
  await expect(karimRow.getByTestId('payable-by')).toContainText(`À payer au plus tard le ${day}`);
  await expect(queue.getByRole('row').nth(1).getByTestId('payable-by')).toBeVisible();
  await paie.screenshot({ path: info.outputPath('mutualisation-payroll-desk.png'), fullPage: true });

  // Validated, it waits for a run: the desk prompts for an extra run of its month, which pays it now.
  await karimRow.getByRole('button', { name: 'Valider' }).click();
  await expect(paie.getByText('Demande validée.')).toBeVisible();
  const toPay = paie.getByRole('region', { name: 'Salaires couverts à verser' });
  await expect(toPay.getByRole('row').filter({ hasText: 'Karim Benali' })).toContainText(
    `À payer au plus tard le ${day}`,
  );
  await paie.screenshot({ path: info.outputPath('mutualisation-covered-to-pay.png'), fullPage: true });
  await toPay.getByRole('button', { name: `Ouvrir une paie supplémentaire de ${covered.period}` }).click();
  await expect(paie.getByText(`Paie supplémentaire de ${covered.period} ouverte`)).toBeVisible();
  await expect(toPay).toContainText(`La paie de ${covered.period} est ouverte`);
  await paie.screenshot({ path: info.outputPath('mutualisation-extra-run.png'), fullPage: true });
  const run = paie
    .getByRole('region', { name: 'Paies du mois' })
    .getByRole('row', { name: new RegExp(covered.period) })
    .first();
  await expect(run.getByText('0 bulletin(s) sur 1')).toBeVisible();
  await run.getByRole('button', { name: 'Calculer' }).click();
  await expect(run.getByText('1 bulletin(s) sur 1')).toBeVisible({ timeout: 30_000 });
  await run.getByRole('button', { name: 'Clôturer' }).click();
  await expect(run.getByText('Clôturée')).toBeVisible();
  await expect(toPay).toHaveCount(0);
  await karim.reload();
  await expect(mine.getByText('Payée').first()).toBeVisible();

  // The portage company's covered salaries of October and November are past their day: in red.
  await paie.getByRole('combobox', { name: 'Entité' }).click();
  await paie.getByRole('option', { name: /Commune Portage/ }).click();
  const late = queue.getByRole('row').filter({ hasText: 'Mai Nguyen' }).getByTestId('payable-by');
  await expect(late.first()).toHaveAttribute('data-urgency', 'overdue');
  await expect(late.first()).toContainText('Date promise dépassée');
  await paie.screenshot({ path: info.outputPath('mutualisation-payroll-late.png'), fullPage: true });
  // On the cockpit, the whole cooperative's covered salaries: those past their day counted apart.
  await paie.goto('/');
  const all = paie.getByRole('region', { name: 'Demandes de salaire' }).getByTestId('covered-salaries');
  await expect(all).toContainText(/\d+ en retard/);
  await paie.screenshot({ path: info.outputPath('mutualisation-cockpit-late.png'), fullPage: true });

  // The client pays: the accountant records the transfer, and the cover goes back to the fund.
  const compta = await newPage(browser, 'compta@commune.coop');
  const bank = (
    await json<{ items: { id: string }[] }>(
      compta.request.get(`/api/v1/treasury/bank-accounts?entityId=${invoice.entity.id}`),
    )
  ).items[0]?.id as string;
  await json(
    compta.request.post('/api/v1/payments', {
      headers: { 'idempotency-key': `e2e-${invoice.id}` },
      data: {
        bankAccountId: bank,
        clientId: docs,
        paymentDate: new Date().toISOString().slice(0, 10),
        amountCents: invoice.totalInclVatCents,
        method: 'transfer',
        reference: `VIR ATELIER DOCS ${invoice.number}`,
        allocations: [{ documentId: invoice.id, amountCents: invoice.totalInclVatCents }],
      },
    }),
  );
  await karim.reload();
  await expect(mine.getByText(/Couvert par le fonds de garantie .* · Levée/).first()).toBeVisible();
  await expect(mine.getByText('Couverture levée au règlement du client').first()).toBeVisible();
  await karim.screenshot({ path: info.outputPath('mutualisation-cover-released.png'), fullPage: true });

  // The theatre company is in liquidation: the accountant declares its invoice irrecoverable.
  await nav(compta).getByRole('link', { name: 'Recouvrement' }).click();
  await expect(compta.getByRole('heading', { name: 'Recouvrement' })).toBeVisible();
  const row = compta.getByRole('row').filter({ hasText: 'Compagnie du Vent Debout' });
  await expect(row).toContainText('Contentieux depuis le');
  const number = (await row.locator('td').first().locator('p').first().textContent())?.trim() ?? '';
  await row.getByRole('button', { name: 'Déclarer irrécouvrable' }).click();
  const dialog = compta.getByRole('dialog');
  await dialog
    .getByLabel('Motif (liquidation judiciaire, certificat d’irrécouvrabilité…)')
    .fill('Liquidation judiciaire de la compagnie, créance non admise par le liquidateur');
  await compta.screenshot({ path: info.outputPath('mutualisation-irrecoverable.png'), fullPage: true });
  await dialog.getByRole('button', { name: 'Déclarer irrécouvrable' }).click();
  await expect(compta.getByText(/Facture déclarée irrécouvrable : le fonds a absorbé 960,00/)).toBeVisible();
  await expect(compta.getByRole('row').filter({ hasText: number })).toHaveCount(0);

  // The direction reads the fund.
  const admin = await newPage(browser, 'admin@commune.coop');
  await nav(admin).getByRole('link', { name: 'Fonds de garantie' }).click();
  await expect(admin.getByRole('heading', { name: 'Fonds de garantie', level: 1 })).toBeVisible();
  await admin.getByRole('combobox', { name: 'Entité' }).click();
  await admin.getByRole('option', { name: /SCIC/ }).click();
  await expect(admin.getByTestId('fund-balance')).toContainText('€');
  const losses = admin.getByRole('region', { name: 'Créances irrécouvrables absorbées' });
  await expect(losses.getByRole('row').filter({ hasText: number })).toContainText('960,00');
  await expect(admin.getByTestId('stress-verdict')).toContainText(/Le fonds (tient|serait épuisé)/);
  await expect(
    admin.getByRole('region', { name: 'Test de résistance : les 3 plus gros clients font défaut' }),
  ).toBeVisible();
  await admin.screenshot({ path: info.outputPath('mutualisation-fund.png'), fullPage: true });

  // The direction dashboard, read from the ledger by account, says the same of the SCIC's fund.
  const amountOf = async (testId: string) =>
    ((await admin.getByTestId(testId).locator('p').nth(1).textContent()) ?? '').trim();
  const fundBalance = await amountOf('fund-balance');
  const fundExposure = await amountOf('fund-exposure');
  const scic = (
    await json<{ items: { code: string; name: string }[] }>(admin.request.get('/api/v1/entities'))
  ).items.find((e) => e.code === 'SCIC')?.name as string;
  await nav(admin).getByRole('link', { name: 'Pilotage' }).click();
  await expect(admin.getByRole('heading', { name: 'Tableau de bord de la direction' })).toBeVisible();
  await admin.getByRole('combobox', { name: 'Entité' }).click();
  await admin.getByRole('option', { name: scic, exact: true }).click();
  const covers = admin.locator('.mantine-Card-root').filter({ hasText: 'Couvertures du fonds' }).first();
  await expect(covers).toContainText(fundExposure);
  await expect(covers).toContainText(`Solde du fonds : ${fundBalance}`);
  await admin.screenshot({ path: info.outputPath('mutualisation-dashboard.png'), fullPage: true });
});

test('a member asks for an equipment loan, the adviser approves it and the schedule shows', async ({
  browser,
}, info) => {
  test.setTimeout(300_000);
  const lea = await newPage(browser, 'lea.martin@example.org');
  await nav(lea).getByRole('link', { name: 'Avances et prêts' }).click();
  await expect(lea.getByRole('heading', { name: 'Avances et prêts' })).toBeVisible();
  await lea.getByRole('button', { name: 'Demander une avance ou un prêt' }).click();
  const form = lea.getByRole('dialog');
  await form.getByRole('combobox', { name: 'Activité' }).click();
  await lea.getByRole('option', { name: /Sonorisation de concerts/ }).click();
  await form.getByLabel('Objet').fill('Console de mixage numérique pour les concerts');
  await form.getByLabel('Montant (€)').fill('2400');
  await form.getByLabel('Nombre d’échéances').fill('4');
  await lea.screenshot({ path: info.outputPath('advance-request.png'), fullPage: true });
  await form.getByRole('button', { name: 'Envoyer la demande' }).click();
  await expect(lea.getByText('Demande envoyée à votre agence.')).toBeVisible();

  const adviser = await newPage(browser, 'conseil.lille@commune.coop');
  await nav(adviser).getByRole('link', { name: 'Avances et prêts' }).click();
  const card = adviser.getByTestId('advance').filter({ hasText: 'Console de mixage numérique' });
  await card.getByRole('button', { name: /Accorder/ }).click();
  const decide = adviser.getByRole('dialog');
  await decide.getByLabel('Frais de dossier (%)').fill('1,5');
  await decide.getByRole('button', { name: 'Accorder' }).click();
  await expect(adviser.getByText('Avance accordée et versée sur l’activité.')).toBeVisible();

  await lea.reload();
  const mineCard = lea.getByTestId('advance').filter({ hasText: 'Console de mixage numérique' });
  await expect(mineCard).toContainText('En cours');
  await expect(mineCard).toContainText('Frais de dossier : 36,00');
  await expect(mineCard.getByTestId('advance-remaining')).toContainText('2 400,00');
  await expect(mineCard.getByRole('row')).toHaveCount(5);
  await lea.screenshot({ path: info.outputPath('advance-schedule.png'), fullPage: true });
});
