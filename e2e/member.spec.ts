// A member's day: sign in, see their activities, create an activity and a client, stay out of
// other members' things.
import { expect, test } from '@playwright/test';
import { nav, signIn, signInWithForm } from './support.ts';

test('Léa signs in, sees her activities and clients, and signs out', async ({ page }) => {
  await signInWithForm(page, 'lea.martin@example.org');
  await expect(page.getByRole('heading', { name: 'Bonjour Léa' })).toBeVisible();
  const activities = page.getByRole('region', { name: 'Mes activités en cours' });
  await expect(activities.getByRole('link', { name: 'Cours de MAO' })).toBeVisible();
  await expect(activities.getByRole('link', { name: 'Sonorisation de concerts' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Théâtre des Tisserands' })).toBeVisible();
  // Karim's activity is not hers.
  await expect(page.getByText('Montage vidéo')).toHaveCount(0);
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('button', { name: 'Se connecter' })).toBeVisible();
  // Signed out for real: the home sends back to the sign-in page.
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Se connecter' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Bonjour Léa' })).toHaveCount(0);
});

test('a wrong password is refused with a clear message', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill('lea.martin@example.org');
  await page.getByLabel('Mot de passe').fill('pas-le-bon-mot');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByText('E-mail ou mot de passe incorrect.')).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

test('Léa creates an activity and finds it in her list', async ({ page }) => {
  await signIn(page, 'lea.martin@example.org');
  await nav(page).getByRole('link', { name: 'Mes activités' }).click();
  await page.getByRole('link', { name: 'Nouvelle activité' }).click();
  await page.getByRole('combobox', { name: 'Entité juridique' }).click();
  await page.getByRole('option', { name: /Commune Création SCIC/ }).click();
  await expect(page.getByText('Contribution coopérative : 8,5 %')).toBeVisible();
  await page.getByLabel('Nom de l’activité').fill('Régie lumière');
  await page.getByLabel('Métier').fill('éclairagiste');
  await page.getByRole('button', { name: 'Créer' }).click();
  await expect(page.getByRole('heading', { name: 'Régie lumière' })).toBeVisible();
  await nav(page).getByRole('link', { name: 'Mes activités' }).click();
  const list = page.getByRole('table', { name: 'Mes activités' });
  await expect(list.getByRole('link', { name: 'Régie lumière' })).toBeVisible();
  await page.getByLabel('Rechercher une activité').fill('lumière');
  await expect(list.getByRole('link', { name: 'Cours de MAO' })).toHaveCount(0);
  await expect(list.getByRole('link', { name: 'Régie lumière' })).toBeVisible();
});

test('Léa creates a client: an invalid SIREN is refused, then the fixed client is linked', async ({
  page,
}) => {
  await signIn(page, 'lea.martin@example.org');
  await nav(page).getByRole('link', { name: 'Mes clients' }).click();
  await page.getByRole('link', { name: 'Nouveau client' }).click();
  await page.getByLabel('Entreprise').check();
  await page.getByLabel('Raison sociale').fill('Compagnie du Hibou');
  await page.getByLabel('SIREN', { exact: true }).fill('123456789');
  await page.getByLabel('Adresse (numéro et rue)').fill('12 rue Gambetta');
  await page.getByLabel('Code postal').fill('59000');
  await page.getByLabel('Ville').fill('Lille');
  await page.getByRole('combobox', { name: 'Activité', exact: true }).click();
  await page.getByRole('option', { name: /Cours de MAO/ }).click();
  await page.getByRole('button', { name: 'Créer' }).click();

  // The message is under the SIREN field, in French, and the field is marked invalid.
  const siren = page.getByRole('textbox', { name: 'SIREN', exact: true });
  await expect(siren).toHaveAttribute('aria-invalid', 'true');
  await expect(siren).toHaveAccessibleDescription(/SIREN invalide/);
  await expect(page).toHaveURL(/\/clients\/new$/);
  // Nothing was created.
  const search = await page.request.get('/api/v1/clients', { params: { q: 'Hibou' } });
  expect((await search.json()).total).toBe(0);

  await siren.fill('732829320');
  await expect(siren).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Créer' }).click();
  await expect(page.getByRole('heading', { name: 'Compagnie du Hibou' })).toBeVisible();
  const linked = page.getByRole('region', { name: 'Activités liées' });
  await expect(linked.getByRole('link', { name: 'Cours de MAO' })).toBeVisible();

  await linked.getByRole('link', { name: 'Cours de MAO' }).click();
  await expect(
    page.getByRole('region', { name: 'Clients liés' }).getByRole('link', { name: 'Compagnie du Hibou' }),
  ).toBeVisible();
  await nav(page).getByRole('link', { name: 'Mes clients' }).click();
  await expect(page.getByRole('link', { name: 'Compagnie du Hibou' })).toBeVisible();
});

test("Karim cannot open Léa's activity", async ({ page, browser }) => {
  await signIn(page, 'lea.martin@example.org');
  await page.getByRole('link', { name: 'Cours de MAO' }).click();
  await expect(page.getByRole('heading', { name: 'Cours de MAO' })).toBeVisible();
  const leaActivityUrl = page.url();

  const other = await browser.newContext({ locale: 'fr-FR' });
  const karim = await other.newPage();
  await signIn(karim, 'karim.benali@example.org');
  await karim.goto(leaActivityUrl);
  await expect(karim.getByRole('heading', { name: 'Page introuvable' })).toBeVisible();
  await expect(karim.getByText('Cours de MAO')).toHaveCount(0);
  // Nor through the API: the same answer as for an activity that does not exist.
  const id = new URL(leaActivityUrl).pathname.split('/').at(-1);
  const answer = await karim.request.get(`/api/v1/activities/${id}`);
  expect(answer.status()).toBe(404);
  await other.close();
});

test("the books are not a member's page", async ({ page }) => {
  await signIn(page, 'lea.martin@example.org');
  await expect(nav(page).getByRole('link', { name: 'Comptabilité' })).toHaveCount(0);
  await page.goto('/ledger');
  await expect(page.getByRole('heading', { name: 'Page introuvable' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Comptabilité' })).toHaveCount(0);
});

test('the interface switches to English', async ({ page }) => {
  await signIn(page, 'lea.martin@example.org');
  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Hello Léa' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(nav(page).getByRole('link', { name: 'My activities' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // The choice is remembered.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  // The server answers in English too.
  await nav(page).getByRole('link', { name: 'My clients' }).click();
  await page.getByRole('link', { name: 'New client' }).click();
  await page.getByLabel('Company name').fill('Owl Company');
  await page.getByLabel('SIREN', { exact: true }).fill('123456789');
  await page.getByLabel('Address (number and street)').fill('12 rue Gambetta');
  await page.getByLabel('Postcode').fill('59000');
  await page.getByLabel('City').fill('Lille');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('textbox', { name: 'SIREN', exact: true })).toHaveAccessibleDescription(
    /Invalid SIREN/,
  );
  await page.getByText('FR', { exact: true }).click();
  await expect(page.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
});
