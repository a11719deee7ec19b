// On a phone: the menu opens and closes, and no page is wider than the screen.
import { expect, type Page, test } from '@playwright/test';
import { signIn } from './support.ts';

const phone = { width: 390, height: 844 };

/** Nothing sticks out sideways: the page scrolls only down (tables keep their own scroll). */
async function expectNoSidewaysScroll(page: Page) {
  await page.waitForLoadState('networkidle');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(phone.width);
}

test('Léa uses Commune on her phone', async ({ page }) => {
  await signIn(page, 'lea.martin@example.org');
  await page.setViewportSize(phone);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Bonjour Léa' })).toBeVisible();
  await expectNoSidewaysScroll(page);

  const menu = page.getByRole('navigation', { name: 'Navigation principale' });
  // Closed, the menu is off screen and out of the keyboard's way.
  await expect(menu.getByRole('link', { name: 'Mes clients' })).not.toBeInViewport();
  await expect(menu).toHaveAttribute('inert');
  await page.getByRole('button', { name: 'Ouvrir le menu' }).click();
  await expect(menu.getByRole('link', { name: 'Mes clients' })).toBeInViewport();
  await menu.getByRole('link', { name: 'Mes clients' }).click();
  await expect(page.getByRole('heading', { name: 'Mes clients', level: 1 })).toBeVisible();
  await expect(menu.getByRole('link', { name: 'Mes clients' })).not.toBeInViewport();
  const list = page.getByRole('table', { name: 'Mes clients' });
  await expect(list.getByRole('link', { name: 'Festival Les Nuits Wazemmoises' })).toBeVisible();
  await expectNoSidewaysScroll(page);

  await list.getByRole('link', { name: 'Festival Les Nuits Wazemmoises' }).click();
  await expect(page.getByRole('heading', { name: 'Festival Les Nuits Wazemmoises' })).toBeVisible();
  // The remove buttons keep their whole label beside long contact details.
  const remove = page.getByRole('button', { name: /Retirer le contact Maxime Delcourt/ });
  await expect(remove).toBeVisible();
  expect(await remove.evaluate((b) => b.scrollWidth <= b.clientWidth)).toBe(true);
  await expectNoSidewaysScroll(page);

  await page.goto('/clients/new');
  await expect(page.getByRole('heading', { name: 'Nouveau client' })).toBeVisible();
  await expectNoSidewaysScroll(page);

  // Signing out is in the menu on a phone.
  await page.getByRole('button', { name: 'Ouvrir le menu' }).click();
  await expect(page.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
});
