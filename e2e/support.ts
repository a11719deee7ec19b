// Shared steps of the journeys: signing in as a demo persona.
import { expect, type Page } from '@playwright/test';

export const demoPassword = 'commune-demo';

export async function signIn(page: Page, email: string, password = demoPassword): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
}

/** The main navigation, where the links of the sidebar live. */
export const nav = (page: Page) => page.getByRole('navigation');
