// A forgotten password: the link arrives by e-mail (an .eml file in the data folder when no SMTP
// server is configured), and the new password opens the session.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { dataDir, signInWithForm } from './support.ts';

const outbox = join(dataDir, 'outbox');

async function resetLinkFor(email: string): Promise<string> {
  for (let attempt = 0; attempt < 60; attempt++) {
    const files = await readdir(outbox).catch(() => []);
    for (const file of files.filter((f) => f.endsWith('.eml'))) {
      // Quoted-printable soft line breaks and escaped '=' are undone before looking for the link.
      const raw = (await readFile(join(outbox, file), 'utf8')).replace(/=\r?\n/g, '').replace(/=3D/g, '=');
      if (!raw.includes(`To: ${email}`) && !raw.includes(`<${email}>`)) continue;
      const link = /https?:\/\/\S+reset-password\S+/.exec(raw)?.[0];
      if (link) return link;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no reset e-mail for ${email} in ${outbox}`);
}

test('a member resets a forgotten password through the e-mailed link', async ({ page }) => {
  const email = 'chloe.lefevre@example.org';
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
  await page.getByLabel('E-mail').fill(email);
  await page.getByRole('button', { name: 'Recevoir le lien' }).click();
  await expect(page.getByText(/un e-mail vient de partir/)).toBeVisible();

  await page.goto(await resetLinkFor(email));
  await page.getByLabel('Nouveau mot de passe').fill('un-tout-nouveau-secret');
  await page.getByLabel('Confirmer le mot de passe').fill('un-tout-nouveau-secret');
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(page.getByText(/Mot de passe enregistré/)).toBeVisible();
  await signInWithForm(page, email, 'un-tout-nouveau-secret');
});
