// Governance: the admin convenes the SCIC's sociétaires to an assembly with two resolutions;
// Karim, Hugo and Thomas vote; Léa sees her shares, votes in the browser, changes her mind and keeps
// her receipts; the admin closes the vote and the results come out weighted by college (a head count
// would have said otherwise); Léa finds her receipt among the counted ballots.
import { type Browser, expect, type Page, test } from '@playwright/test';
import { signIn } from './support.ts';

const shots = 'test-results/governance';
test.describe.configure({ timeout: 240_000 });

async function as(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

const origin = (page: Page) => new URL(page.url()).origin;

async function call<T>(page: Page, method: 'get' | 'post', path: string, data?: unknown): Promise<T> {
  const res = await page.request[method](path, {
    headers: { origin: origin(page) },
    ...(data !== undefined ? { data } : {}),
  });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

test('a sociétaire votes at the general assembly and the results come out weighted by college', async ({
  browser,
}) => {
  const admin = await as(browser, 'admin@commune.coop');
  const entities = await call<{ items: { entityId: string; entityCode: string }[] }>(
    admin,
    'get',
    '/api/v1/governance/entities',
  );
  const scic = entities.items.find((e) => e.entityCode === 'SCIC')?.entityId as string;
  const now = Date.now();
  const title = `Assemblée de mi-année — projets ${now.toString(36)}`;
  const assembly = await call<{ id: string; resolutions: { id: string }[] }>(
    admin,
    'post',
    '/api/v1/governance/assemblies',
    {
      entityId: scic,
      kind: 'ordinary',
      title,
      place: 'Tiers-lieu de la rue du Molinel, Lille',
      agenda: '1. Ouverture d’un studio partagé à Roubaix.\n2. Charte des tarifs.',
      heldAt: new Date(now + 2 * 86_400_000).toISOString(),
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 86_400_000).toISOString(),
      resolutions: [
        { title: 'Ouverture d’un studio partagé à Roubaix', majority: 'simple' },
        { title: 'Adoption de la charte des tarifs', majority: 'two_thirds' },
      ],
    },
  );
  await call(admin, 'post', `/api/v1/governance/assemblies/${assembly.id}/convene`);
  const [r1, r2] = assembly.resolutions.map((r) => r.id) as [string, string];

  // Three other sociétaires vote: Karim (salarié·es-entrepreneur·es), Hugo (clients et usagers),
  // Thomas (fondateurs).
  for (const [email, first, second] of [
    ['karim.benali@example.org', 'against', 'for'],
    ['hugo.garcia@example.org', 'against', 'for'],
    ['thomas.girard@example.org', 'for', 'against'],
  ] as const) {
    const page = await as(browser, email);
    await call(page, 'post', `/api/v1/governance/assemblies/${assembly.id}/votes`, {
      ballots: [
        { resolutionId: r1, choice: first },
        { resolutionId: r2, choice: second },
      ],
    });
    await page.context().close();
  }

  // Léa: her shares, then the assembly.
  const lea = await as(browser, 'lea.martin@example.org');
  await lea.goto('/governance');
  await expect(lea.getByRole('heading', { name: 'Parts sociales et assemblées' })).toBeVisible();
  await expect(lea.getByText('Commune Création SCIC').first()).toBeVisible();
  await expect(lea.getByText('Sociétaire', { exact: true }).first()).toBeVisible();
  await lea.screenshot({ path: `${shots}/1-my-shares.png`, fullPage: true });
  await lea.getByRole('link', { name: title }).click();
  await expect(lea.getByRole('heading', { name: title })).toBeVisible();
  const vote = lea.getByRole('region', { name: 'Votre vote' });
  // First thoughts: against both, then she changes her mind before the close.
  await vote
    .getByRole('radiogroup', { name: /Ouverture d’un studio/ })
    .getByLabel('Contre')
    .check();
  await vote
    .getByRole('radiogroup', { name: /charte des tarifs/ })
    .getByLabel('Contre')
    .check();
  await vote.getByRole('button', { name: 'Voter' }).click();
  await expect(lea.getByText(/Vote enregistré/)).toBeVisible();
  await expect(vote.getByRole('button', { name: 'Modifier mon vote' })).toBeVisible();
  const firstReceipt = (await vote.locator('code').first().textContent())?.trim() as string;
  await vote
    .getByRole('radiogroup', { name: /Ouverture d’un studio/ })
    .getByLabel('Pour')
    .check();
  await vote
    .getByRole('radiogroup', { name: /charte des tarifs/ })
    .getByLabel('Pour')
    .check();
  await vote.getByRole('button', { name: 'Modifier mon vote' }).click();
  await expect(vote.getByText(/Vous avez voté/)).toBeVisible();
  // The change gives new receipts: the first ones no longer count.
  await expect(vote.locator('code').first()).not.toHaveText(firstReceipt);
  await expect(vote.getByRole('radiogroup', { name: /charte des tarifs/ }).getByLabel('Pour')).toBeChecked();
  const receipt = (await vote.locator('code').first().textContent())?.trim() as string;
  expect(receipt).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
  await lea.screenshot({ path: `${shots}/2-lea-voted.png`, fullPage: true });

  // The admin sees participation, never the choices, and closes the vote.
  await admin.goto(`/governance/assemblies/${assembly.id}`);
  await expect(admin.getByText('4 / 7 sociétaires ont voté').first()).toBeVisible();
  await expect(admin.getByRole('region', { name: 'Votre vote' })).toHaveCount(0);
  await admin.getByRole('button', { name: 'Clore le vote maintenant' }).click();
  await admin
    .getByRole('dialog')
    .getByRole('button', { name: /Clore le vote|Confirmer/ })
    .click();
  await expect(admin.getByRole('heading', { name: 'Résultats' })).toBeVisible();

  // Resolution 1, 2 for and 2 against by heads, but weighted: workers 1–1 (50 %), clients 0–1,
  // founders 1–0, partners silent → (50·½ + 20·0 + 10·1) / 80 = 43,75 % for: rejected.
  const first = admin.getByRole('article', { name: /^1\. Ouverture/ });
  await expect(first.getByText('Rejetée')).toBeVisible();
  await expect(first.getByText(/Pour : 43,75/)).toBeVisible();
  // Resolution 2 (two thirds): workers 2–0, clients 1–0, founders 0–1 → (50 + 20) / 80 = 87,5 %: adopted.
  const second = admin.getByRole('article', { name: /^2\. Adoption/ });
  await expect(second.getByText('Adoptée')).toBeVisible();
  await expect(second.getByText(/Pour : 87,5/)).toBeVisible();
  const workers = second.getByRole('row', { name: /Salarié·es-entrepreneur·es/ });
  await expect(workers.getByRole('cell')).toHaveText([
    'Salarié·es-entrepreneur·es',
    /^50/,
    '2',
    '0',
    '0',
    /^62,5/,
  ]);
  await admin.screenshot({ path: `${shots}/3-results.png`, fullPage: true });
  const minutes = await admin.request.get(`/api/v1/governance/assemblies/${assembly.id}/minutes.pdf`);
  expect(minutes.status()).toBe(200);
  expect((await minutes.body()).subarray(0, 5).toString()).toBe('%PDF-');

  // Léa checks that her ballot was counted as cast.
  await lea.reload();
  await lea.getByLabel('Vérifier un reçu').fill(receipt);
  await expect(lea.getByRole('status').filter({ hasText: /Reçu trouvé : « Pour »/ })).toBeVisible();
  // Her ballots are listed with their receipts, each found among the counted ones.
  const mine = lea.getByRole('region', { name: 'Mes bulletins et leurs reçus' });
  await expect(mine.getByText(/✓ compté/)).toHaveCount(2);
  await lea.screenshot({ path: `${shots}/4-lea-receipt.png`, fullPage: true });
});

test('the admin sees the SCIC register with its colleges and sets up the portage entity’s shares', async ({
  browser,
}) => {
  const admin = await as(browser, 'admin@commune.coop');
  await admin.goto('/governance');
  const register = admin.getByRole('region', { name: 'Registre des parts' });
  await register.getByRole('combobox', { name: 'Entité' }).click();
  await admin.getByRole('option', { name: 'Commune Création SCIC' }).click();
  await expect(register.getByText(/102 parts souscrites/)).toBeVisible();
  await expect(register.getByRole('cell', { name: /Léa Martin/ }).first()).toBeVisible();
  await expect(
    register.getByText('Total : 100 % (100 % attendus, chaque collège entre 10 et 50 %)'),
  ).toBeVisible();
  await admin.screenshot({ path: `${shots}/5-admin-register.png`, fullPage: true });
  // Commune Portage has no shares yet: one person one vote, 20 € a share.
  await register.getByRole('combobox', { name: 'Entité' }).click();
  await admin.getByRole('option', { name: 'Commune Portage' }).click();
  await register.getByLabel('Valeur nominale d’une part (€)').fill('20');
  await register.getByRole('button', { name: 'Enregistrer les règles' }).click();
  await expect(admin.getByText('Règles enregistrées.')).toBeVisible();
  await expect(register.getByText(/Valeur nominale 20,00/)).toBeVisible();
});
