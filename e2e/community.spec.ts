// The life of the cooperative: a prospect registers on the Lille office's public page and confirms
// by the e-mailed link; the adviser creates a one-place workshop, Chloé takes the place, Léa is
// waitlisted and gets the place when Chloé unregisters; Léa books the sound studio, and Karim, whose
// calendar still showed the slot free, is refused, while the studio's price lands on the account of
// Léa's activity; the adviser adds a space with its form.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { dataDir, nav, signIn } from './support.ts';

const shots = 'test-results/community';

// Three people's browsers in a journey: more than the default minute on a busy machine.
test.describe.configure({ timeout: 180_000 });
const phone = { width: 390, height: 844 };

/** The text of the last .eml written for `to` whose body matches `pattern` (base64 or quoted-printable undone). */
async function mailFor(to: string, pattern: RegExp): Promise<string> {
  const outbox = join(dataDir, 'outbox');
  for (let attempt = 0; attempt < 40; attempt++) {
    const files = (await readdir(outbox).catch(() => [] as string[]))
      .filter((f) => f.endsWith('.eml'))
      .sort();
    for (const file of files.reverse()) {
      const raw = await readFile(join(outbox, file), 'utf8');
      if (!new RegExp(`^To: .*${to.replace(/[.+]/g, '\\$&')}`, 'im').test(raw)) continue;
      const decoded = raw
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
      if (pattern.test(decoded)) return decoded;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no e-mail for ${to} matching ${pattern}`);
}

async function pick(page: Page, label: string, option: string | RegExp) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

async function as(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

test('a prospect registers on the public page of the Lille office and confirms by the e-mailed link', async ({
  page,
}) => {
  await page.goto('/agences/lille');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Commune Lille : réunions et ateliers' }),
  ).toBeVisible();
  const session = page.getByRole('article').filter({ hasText: 'Découvrir la coopérative' }).first();
  await expect(session).toBeVisible();
  await page.screenshot({ path: `${shots}/public-office.png`, fullPage: true });
  const email = `ines.roux.${Date.now()}@example.net`;
  await session.getByLabel('Votre nom').fill('Inès Roux');
  await session.getByLabel('Votre e-mail').fill(email);
  await session.getByRole('button', { name: 'Je m’inscris' }).click();
  await expect(session.getByRole('status')).toContainText(`ouvrez le lien envoyé à ${email}`);

  const mail = await mailFor(email, /confirmation\?token=/);
  const link = /https?:\/\/\S+\/agences\/lille\/confirmation\?token=[\w-]+/.exec(mail)?.[0];
  expect(link).toBeTruthy();
  await page.goto(new URL(link as string).pathname + new URL(link as string).search);
  await expect(page.getByRole('status')).toContainText(
    'C’est confirmé : vous êtes inscrit·e à « Découvrir la coopérative »',
  );
  await page.screenshot({ path: `${shots}/confirmed.png` });

  await page.setViewportSize(phone);
  await page.goto('/agences/lille');
  await expect(page.getByRole('article').first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
  await page.screenshot({ path: `${shots}/public-office-phone.png`, fullPage: true });
});

test('a member waitlisted for a full workshop gets the place when someone unregisters', async ({
  browser,
}) => {
  const adviser = await as(browser, 'conseil.lille@commune.coop');
  await nav(adviser).getByRole('link', { name: 'Événements' }).click();
  await adviser.getByRole('link', { name: 'Nouvel événement' }).click();
  await pick(adviser, 'Agence', 'Commune Lille');
  await pick(adviser, 'Type', 'Atelier');
  const title = `Financer son projet par le crowdfunding ${Date.now().toString(36)}`;
  await adviser.getByLabel('Titre').fill(title);
  await adviser
    .getByLabel('Description')
    .fill('Préparer une campagne, fixer les contreparties, la TVA et la facturation.');
  const day = new Date(Date.now() + 12 * 86_400_000).toISOString().slice(0, 10);
  await adviser.getByLabel('Date').fill(day);
  await adviser.getByLabel('Début').fill('14:00');
  await adviser.getByLabel('Fin').fill('16:00');
  await adviser.getByLabel('Adresse').fill('Agence de Lille, 82 rue Léon Gambetta');
  await adviser.getByLabel('Capacité').fill('1');
  await pick(adviser, 'Public', /^Membres$/);
  await adviser.screenshot({ path: `${shots}/editor.png`, fullPage: true });
  await adviser.getByRole('button', { name: 'Créer' }).click();
  await expect(adviser.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const eventUrl = adviser.url();

  const chloe = await as(browser, 'chloe.lefevre@example.org');
  await chloe.goto(eventUrl);
  await chloe.getByRole('button', { name: `S’inscrire — ${title}` }).click();
  await expect(chloe.getByText('Inscrit·e', { exact: true })).toBeVisible();

  const lea = await as(browser, 'lea.martin@example.org');
  await nav(lea).getByRole('link', { name: 'Événements' }).click();
  const card = lea.getByRole('article').filter({ hasText: title });
  await expect(card.getByText('Complet')).toBeVisible();
  await card.getByRole('button', { name: `Rejoindre la liste d’attente — ${title}` }).click();
  await expect(card.getByText('Liste d’attente n° 1')).toBeVisible();
  await lea.screenshot({ path: `${shots}/events-waitlisted.png`, fullPage: true });

  await chloe.getByRole('button', { name: `Se désinscrire — ${title}` }).click();
  // Léa took the freed place at once: the workshop is full again for Chloé.
  await expect(chloe.getByRole('button', { name: `Rejoindre la liste d’attente — ${title}` })).toBeVisible();

  await lea.goto(eventUrl);
  await expect(lea.getByText('Inscrit·e', { exact: true })).toBeVisible();
  await mailFor(
    'lea.martin@example.org',
    /Une place s’est libérée : vous êtes inscrit·e à « Financer son projet/,
  );

  await adviser.reload();
  const sheet = adviser.getByRole('table');
  await expect(sheet.getByRole('row').filter({ hasText: 'Martin Léa' })).toBeVisible();
  // The box follows the server: it is ticked once the attendance is recorded.
  await sheet.getByRole('checkbox', { name: 'Présent·e — Martin Léa' }).click();
  await expect(sheet.getByRole('checkbox', { name: 'Présent·e — Martin Léa' })).toBeChecked();
  await adviser.screenshot({ path: `${shots}/attendance.png`, fullPage: true });
});

test('a member books the sound studio, charged to her activity; a second booking of the same slot is refused', async ({
  browser,
}) => {
  const lea = await as(browser, 'lea.martin@example.org');
  const karim = await as(browser, 'karim.benali@example.org');
  for (const p of [lea, karim]) {
    await nav(p).getByRole('link', { name: 'Espaces' }).click();
    await pick(p, 'Agence', 'Commune Lille');
    await pick(p, 'Espace', 'Studio son');
    await p.getByRole('button', { name: 'Semaine suivante' }).click();
  }
  // Both see the same Tuesday 10:00 free; Léa books first.
  const slot = lea.locator('[data-slot$="T10:00"]').first();
  const slotId = await slot.getAttribute('data-slot');
  await slot.click();
  await karim.locator(`[data-slot="${slotId}"]`).click();
  await expect(lea.getByText('Prix : 15,00 €')).toBeVisible();
  const activity = await lea.getByRole('combobox', { name: 'Activité facturée' }).inputValue();
  expect(activity).not.toBe('');
  await lea.getByRole('button', { name: 'Réserver', exact: true }).click();
  await expect(lea.getByText('Réservation enregistrée.')).toBeVisible();
  await expect(lea.getByText(/Studio son · .*10:00–11:00 · 15,00\s€/)).toBeVisible();
  await expect(lea.locator(`[data-slot="${slotId}"]`)).toHaveCount(0);
  await lea.screenshot({ path: `${shots}/spaces-booked.png`, fullPage: true });

  await karim.getByRole('button', { name: 'Réserver', exact: true }).click();
  await expect(karim.getByRole('alert')).toContainText(
    'Ce créneau vient d’être réservé par quelqu’un d’autre.',
  );
  await karim.screenshot({ path: `${shots}/spaces-refused.png`, fullPage: true });

  await lea.setViewportSize(phone);
  await lea.reload();
  await expect(lea.getByRole('heading', { level: 1, name: 'Espaces et salles' })).toBeVisible();
  await lea.screenshot({ path: `${shots}/spaces-phone.png`, fullPage: true });

  // The price is charged to the activity Léa chose: its line is on the activity's account, at the
  // time she booked (office hours).
  const [day] = (slotId as string).split('T') as [string];
  const charge = `Réservation Studio son ${day.split('-').reverse().join('/')} 10:00–11:00`;
  await lea.setViewportSize({ width: 1280, height: 900 });
  await lea.goto('/activities');
  await lea.getByRole('link', { name: activity, exact: true }).first().click();
  await lea.getByRole('link', { name: 'Compte d’activité' }).click();
  await expect(lea.getByRole('heading', { level: 1, name: `Compte d’activité — ${activity}` })).toBeVisible();
  const line = lea.getByRole('row').filter({ hasText: charge });
  await expect(line).toHaveCount(1);
  await expect(line.getByRole('cell').nth(3)).toHaveText(/^[-−]15,00\s€$/);
  await line.scrollIntoViewIfNeeded();
  await lea.screenshot({ path: `${shots}/spaces-charged.png` });
});

test('the adviser adds a space with its form; refusals show under their fields', async ({ browser }) => {
  const adviser = await as(browser, 'conseil.lille@commune.coop');
  await nav(adviser).getByRole('link', { name: 'Espaces' }).click();
  await adviser.getByRole('button', { name: 'Nouvel espace' }).click();
  const dialog = adviser.getByRole('dialog', { name: 'Nouvel espace' });
  const name = `Studio photo ${Date.now().toString(36)}`;
  await dialog.getByLabel('Nom de l’espace').fill(name);
  await pick(adviser, 'Type d’espace', 'Studio');
  await dialog.getByLabel('Capacité (personnes)').fill('6');
  // Open on Saturday morning too; the closing time typed before the opening one first.
  await dialog.getByRole('checkbox', { name: 'Samedi' }).check();
  await dialog.getByLabel('Ouverture le samedi').fill('10:00');
  await dialog.getByLabel('Fermeture le samedi').fill('09:00');
  await dialog.getByLabel('Règles').fill('Fond blanc et flashs fournis ; rangez le matériel en partant.');
  await dialog.getByLabel('Prix par heure (€)').fill('12,5');
  await dialog.getByLabel('Prix par jour (€)').fill('60');
  await adviser.screenshot({ path: `${shots}/space-form.png` });
  await dialog.getByRole('button', { name: 'Créer' }).click();
  await expect(dialog.getByText('La fermeture doit suivre l’ouverture.')).toBeVisible();
  await expect(dialog.getByLabel('Fermeture le samedi')).toHaveAttribute('aria-invalid', 'true');
  await adviser.screenshot({ path: `${shots}/space-form-error.png`, fullPage: true });
  await dialog.getByLabel('Fermeture le samedi').fill('13:00');
  await dialog.getByRole('button', { name: 'Créer' }).click();
  await expect(adviser.getByText('Espace créé.')).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(adviser.getByRole('heading', { level: 2, name })).toBeVisible();
  await expect(adviser.getByText('12,50 € / heure')).toBeVisible();
  await expect(adviser.getByText('60,00 € / jour')).toBeVisible();
  await expect(adviser.getByText('Fond blanc et flashs fournis')).toBeVisible();
  // The week shows Saturday's morning.
  await expect(adviser.getByRole('columnheader', { name: /^sam\./ })).toBeVisible();
  await adviser.screenshot({ path: `${shots}/space-created.png`, fullPage: true });

  // Named like another space of the office: the API refuses, and says so under the name.
  await adviser.getByRole('button', { name: 'Modifier l’espace' }).click();
  const edit = adviser.getByRole('dialog', { name: `Modifier « ${name} »` });
  await expect(edit.getByLabel('Prix par heure (€)')).toHaveValue('12,50');
  await edit.getByLabel('Nom de l’espace').fill('Studio son');
  await edit.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(edit.getByText('Un espace de cette agence porte déjà ce nom.')).toBeVisible();
  await expect(edit.getByLabel('Nom de l’espace')).toHaveAttribute('aria-invalid', 'true');
  await edit.getByLabel('Nom de l’espace').fill(`${name} (grand)`);
  await edit.getByLabel('Capacité (personnes)').fill('10');
  await edit.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(adviser.getByText('Espace enregistré.')).toBeVisible();
  await expect(adviser.getByRole('heading', { level: 2, name: `${name} (grand)` })).toBeVisible();
  await expect(adviser.getByText('10 personnes')).toBeVisible();

  // On a phone the form takes the whole screen and nothing runs off its side.
  await adviser.setViewportSize(phone);
  await adviser.getByRole('button', { name: 'Modifier l’espace' }).click();
  const onPhone = adviser.getByRole('dialog', { name: `Modifier « ${name} (grand) »` });
  await expect(onPhone.getByLabel('Fermeture le samedi')).toHaveValue('13:00');
  expect(await adviser.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
  const box = await onPhone.getByLabel('Fermeture le dimanche').boundingBox();
  // Within the dialog's padding.
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(phone.width - 8);
  await adviser.screenshot({ path: `${shots}/space-form-phone.png` });
  await onPhone.getByRole('button', { name: 'Enregistrer' }).scrollIntoViewIfNeeded();
  await adviser.screenshot({ path: `${shots}/space-form-phone-end.png` });
  await onPhone.getByRole('button', { name: 'Annuler' }).click();
  await expect(onPhone).toBeHidden();
  await adviser.screenshot({ path: `${shots}/spaces-staff-phone.png`, fullPage: true });

  // A workshop in the new studio next Tuesday holds it: the week shows the workshop, and a second
  // event at that time is refused under its space.
  await adviser.setViewportSize({ width: 1280, height: 900 });
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  const tuesday = new Date(Date.UTC(y, m - 1, d - weekday + 8)).toISOString().slice(0, 10);
  const studio = `${name} (grand)`;
  const workshop = `Portrait en studio ${Date.now().toString(36)}`;
  const newEvent = async (title: string) => {
    await adviser.goto('/events/new');
    await pick(adviser, 'Agence', 'Commune Lille');
    await pick(adviser, 'Type', 'Atelier');
    await adviser.getByLabel('Titre').fill(title);
    await adviser.getByLabel('Date').fill(tuesday);
    await adviser.getByLabel('Début').fill('14:00');
    await adviser.getByLabel('Fin').fill('16:00');
    await pick(adviser, 'Lieu', 'Un espace de l’agence');
    await pick(adviser, 'Espace', studio);
    await adviser.getByLabel('Capacité').fill('6');
    await adviser.getByRole('button', { name: 'Créer' }).click();
  };
  await newEvent(workshop);
  await expect(adviser.getByRole('heading', { level: 1, name: workshop })).toBeVisible();
  await nav(adviser).getByRole('link', { name: 'Espaces' }).click();
  await pick(adviser, 'Agence', 'Commune Lille');
  await pick(adviser, 'Espace', studio);
  await adviser.getByRole('button', { name: 'Semaine suivante' }).click();
  await expect(adviser.getByTitle(`— Événement : ${workshop}`, { exact: false }).first()).toBeVisible();
  await expect(adviser.locator(`[data-slot="${tuesday}T14:00"]`)).toHaveCount(0);
  await expect(adviser.locator(`[data-slot="${tuesday}T16:00"]`)).toHaveCount(1);
  await adviser.screenshot({ path: `${shots}/space-event-held.png`, fullPage: true });

  await newEvent(`${workshop} (bis)`);
  await expect(
    adviser.getByText('Cet espace est déjà réservé à ce moment-là', { exact: false }),
  ).toBeVisible();
  await expect(adviser.getByRole('combobox', { name: 'Espace' })).toHaveAttribute('aria-invalid', 'true');
  await adviser.screenshot({ path: `${shots}/event-space-taken.png`, fullPage: true });
});
