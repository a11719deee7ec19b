// Shared steps of the journeys: signing in as a demo persona.
//
// Sign-in is rate-limited per address (10 a minute), and every journey comes from the same one.
// So a persona signs in through the form once per run and the other journeys reuse that session,
// kept in the run's data folder (fresh each run, like the database that holds the sessions).
// Journeys about signing in or out themselves use `signInWithForm`, which opens a session of
// their own: signing out ends only that one.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { dataDir } from './server.ts';

export const demoPassword = 'commune-demo';

export { dataDir } from './server.ts';

const sessionsDir = join(dataDir, 'e2e-sessions');

/** Signs in through the sign-in page, as a person would; ends on the home page. */
export async function signInWithForm(page: Page, email: string, password = demoPassword): Promise<void> {
  // The journeys of a run all come from one address: past the sign-in limit (10 a minute), wait the
  // minute out as a person would, then try again.
  for (let attempt = 0; ; attempt++) {
    await page.goto('/sign-in');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const signedIn = page.getByRole('button', { name: 'Se déconnecter' });
    const limited = page.getByText('Trop de tentatives. Réessayez dans une minute.');
    await expect(signedIn.or(limited)).toBeVisible();
    if (await signedIn.isVisible()) return;
    if (attempt >= 2) throw new Error(`sign-in of ${email} still limited after ${attempt + 1} attempts`);
    await page.waitForTimeout(61_000);
  }
}

type Cookie = Parameters<ReturnType<Page['context']>['addCookies']>[0][number];

/** Opens the home page signed in as a demo persona, reusing the run's session of that persona. */
export async function signIn(page: Page, email: string): Promise<void> {
  const file = join(sessionsDir, `${email}.json`);
  const saved = await readFile(file, 'utf8')
    .then((text) => JSON.parse(text) as Cookie[])
    .catch(() => null);
  if (saved) {
    await page.context().addCookies(saved);
    await page.goto('/');
    const signOut = page.getByRole('button', { name: 'Se déconnecter' });
    const signInButton = page.getByRole('button', { name: 'Se connecter' });
    await expect(signOut.or(signInButton)).toBeVisible();
    if (await signOut.isVisible()) return;
  }
  await signInWithForm(page, email);
  await mkdir(sessionsDir, { recursive: true });
  await writeFile(file, JSON.stringify(await page.context().cookies()));
}

/** The main navigation, where the links of the sidebar live (in French or English). */
export const nav = (page: Page) =>
  page.getByRole('navigation', { name: /^(Navigation principale|Main navigation)$/ });
