// The directory: a client with no account finds a photographer in Lille on the public directory and
// sends her a request; Chloé finds it in her inbox, answers it (relayed by the cooperative) and
// answers with a quote, which opens as a prefilled draft in the sales module.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { dataDir, nav, signIn } from './support.ts';

const shots = 'test-results/directory';

test.describe.configure({ timeout: 180_000 });

/** The decoded text of the last .eml written for `to` whose body matches `pattern`. */
async function mailFor(to: string, pattern: RegExp): Promise<{ raw: string; text: string }> {
  const outbox = join(dataDir, 'outbox');
  for (let attempt = 0; attempt < 60; attempt++) {
    const files = (await readdir(outbox).catch(() => [] as string[]))
      .filter((f) => f.endsWith('.eml'))
      .sort();
    for (const file of files.reverse()) {
      const raw = await readFile(join(outbox, file), 'utf8');
      if (!new RegExp(`^To: .*${to.replace(/[.+]/g, '\\$&')}`, 'im').test(raw)) continue;
      const text = raw
        .split(/\r?\n\r?\n/)
        .map((part) =>
          /^[A-Za-z0-9+/=\r\n]+$/.test(part.trim()) && part.trim().length > 40
            ? Buffer.from(part.replace(/\s/g, ''), 'base64').toString('utf8')
            : Buffer.from(
                part
                  .replace(/=\r?\n/g, '')
                  .replace(/=([0-9A-F]{2})/g, (_, hex: string) =>
                    String.fromCharCode(Number.parseInt(hex, 16)),
                  ),
                'latin1',
              ).toString('utf8'),
        )
        .join('\n\n');
      if (pattern.test(text)) return { raw, text };
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no e-mail for ${to} matching ${pattern}`);
}

async function pick(page: Page, label: string, option: string | RegExp) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

test('a client finds a photographer in Lille and sends a request; she answers it and answers with a quote', async ({
  page,
  browser,
}) => {
  const subject = `Photos du festival Lumière du Nord ${Date.now()}`;
  const email = `camille.roussel.${Date.now()}@example.net`;

  // ——— The client, without an account ———
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Trouver un membre dans l’annuaire' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Annuaire des membres de la coopérative' }),
  ).toBeVisible();
  await page.getByRole('searchbox', { name: 'Métier, compétence, ville…' }).fill('photographe lille');
  await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
  await expect(page).toHaveURL(/\/annuaire\?q=photographe\+lille/);
  const chloe = page.getByRole('article').filter({ hasText: 'Chloé Lefèvre' });
  await expect(chloe).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /profil/ })).toHaveText('1 profil');
  await expect(chloe).toContainText('Photographe et illustratrice');
  await expect(chloe).toContainText('Lille');
  // No member's e-mail address anywhere on the public page.
  expect(await page.content()).not.toContain('@example.org');
  await chloe.getByLabel('Choisir Chloé Lefèvre').check();
  await page.screenshot({ path: `${shots}/public-search.png`, fullPage: true });

  const request = page.getByRole('form', { name: 'Votre demande' });
  await request.getByLabel('Votre nom').fill('Camille Roussel');
  await request.getByLabel('Votre e-mail').fill(email);
  await request.getByLabel('Structure (facultatif)').fill('Festival Lumière du Nord');
  await request.getByLabel('Objet').fill(subject);
  // Too short a message is refused under its field, before anything is sent.
  await request.getByLabel('Message').fill('Bonjour');
  await request.getByRole('button', { name: 'Envoyer la demande' }).click();
  await expect(request.getByText(/au moins 20|at least 20|trop petit|Trop court/i)).toBeVisible();
  await request
    .getByLabel('Message')
    .fill(
      'Bonjour, nous cherchons une photographe pour couvrir notre festival les 4 et 5 juin 2027 à Lille.',
    );
  await request.getByRole('button', { name: 'Envoyer la demande' }).click();
  const sent = page.getByRole('status').filter({ hasText: 'Demande envoyée' });
  await expect(sent).toContainText(/Votre demande MR-\w+ a été transmise/);
  await page.screenshot({ path: `${shots}/request-sent.png`, fullPage: true });
  const reference = /MR-\w+/.exec((await sent.textContent()) ?? '')?.[0] as string;
  const receipt = await mailFor(email, new RegExp(reference));
  expect(receipt.text).toContain('Chloé Lefèvre');
  expect(receipt.raw).not.toContain('chloe.lefevre@example.org');

  // ——— Chloé, the photographer ———
  const context = await browser.newContext();
  const member = await context.newPage();
  await signIn(member, 'chloe.lefevre@example.org');
  await nav(member).getByRole('link', { name: 'Annuaire' }).click();
  await expect(member.getByRole('heading', { level: 1, name: 'Annuaire des membres' })).toBeVisible();
  await expect(member.getByRole('article').first()).toBeVisible();
  await member.screenshot({ path: `${shots}/member-directory.png`, fullPage: true });
  await member.getByRole('link', { name: /Demandes reçues/ }).click();
  await member.getByRole('link', { name: subject }).click();
  await expect(member.getByRole('heading', { level: 1, name: subject })).toBeVisible();
  await expect(member.getByText('Camille Roussel')).toBeVisible();
  await expect(member.getByText(reference)).toBeVisible();
  await member.screenshot({ path: `${shots}/inbox-request.png`, fullPage: true });

  await member
    .getByLabel('Votre réponse')
    .fill('Bonjour, je suis disponible les 4 et 5 juin. Je vous envoie un devis dans la journée.');
  await member.getByRole('button', { name: 'Envoyer la réponse' }).click();
  await expect(member.getByText('Réponse envoyée à Camille Roussel.')).toBeVisible();
  const reply = await mailFor(email, /je suis disponible les 4 et 5 juin/);
  expect(reply.text).toContain('Chloé Lefèvre');
  expect(reply.raw).not.toContain('chloe.lefevre');

  await member.getByRole('button', { name: 'Répondre par un devis' }).click();
  const modal = member.getByRole('dialog', { name: 'Répondre par un devis' });
  await pick(member, 'Activité qui établit le devis', 'Identités visuelles pour associations');
  await expect(modal.getByLabel('Nom du client')).toHaveValue('Festival Lumière du Nord');
  await modal.getByLabel('Adresse').fill('12 rue Gambetta');
  await modal.getByLabel('Code postal').fill('59000');
  await expect(modal.getByLabel('Ville')).toHaveValue('');
  await modal.getByLabel('Ville').fill('Lille');
  await member.screenshot({ path: `${shots}/quote-modal.png`, fullPage: true });
  await modal.getByRole('button', { name: 'Ouvrir le devis' }).click();
  await expect(member).toHaveURL(/\/sales\/quotes\/[0-9a-f-]{36}\/edit$/);
  await expect(member.getByLabel('Objet')).toHaveValue(subject);
  await expect(member.getByRole('combobox', { name: 'Client', exact: true })).toHaveValue(
    'Festival Lumière du Nord',
  );
  await member.screenshot({ path: `${shots}/draft-quote.png`, fullPage: true });

  // Back in the inbox the request is answered and leads to the draft.
  await member.goto('/directory/inbox');
  const row = member.getByRole('row').filter({ hasText: subject });
  await expect(row).toContainText('Répondue');
  await context.close();
});

test('a member publishes her profile only with consent, and withdraws it at once', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'lea.martin@example.org');
  await page.goto('/directory/profile');
  await expect(page.getByRole('heading', { level: 1, name: 'Mon profil dans l’annuaire' })).toBeVisible();
  await page.getByRole('button', { name: 'Retirer mon profil' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Retirer mon profil' }).click();
  await expect(page.getByText('Votre profil a été retiré de l’annuaire.')).toBeVisible();
  // Gone from the public search at once.
  // The visitor is on a phone.
  const visitor = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await visitor.goto('/annuaire?q=technicienne+son');
  await expect(visitor.getByText('Aucun profil ne correspond à cette recherche.')).toBeVisible();
  // Publishing without ticking the consent is refused with a clear message.
  await page.getByRole('button', { name: 'Publier mon profil' }).click();
  // (the withdrawal's notice may still be showing: it is an alert too)
  await expect(page.getByRole('alert').filter({ hasText: 'cochez la case de consentement' })).toBeVisible();
  await page.screenshot({ path: `${shots}/consent-refused.png`, fullPage: true });
  await page.getByRole('checkbox', { name: /J’accepte que mon nom/ }).check();
  await page.getByRole('button', { name: 'Publier mon profil' }).click();
  await expect(page.getByText('Votre profil est publié dans l’annuaire.')).toBeVisible();
  await expect(page.getByText(/consentement donné, profil publié/).first()).toBeVisible();
  await page.screenshot({ path: `${shots}/profile-published.png`, fullPage: true });
  await visitor.reload();
  await expect(visitor.getByRole('article').filter({ hasText: 'Léa Martin' })).toBeVisible();
  await visitor.screenshot({ path: `${shots}/public-phone.png`, fullPage: true });
  await visitor.close();
  await context.close();
});
