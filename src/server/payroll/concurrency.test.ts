// Concurrent salary requests on one activity: each holds the activity row while it compares the
// balance with what is already held, so together they never hold more than the activity has. On
// PostgreSQL (`npm run test:pg`) the requests really run at once, on separate connections.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type Session, signInDemo, type TestApp } from '../testing.ts';

let t: TestApp;
let lea: Session;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp({ seed: 'demo' });
  [lea, admin] = await signInDemo(t.app, 'lea', 'admin');
});
afterAll(async () => {
  await t?.close();
});

it('never lets concurrent requests hold more than the balance', async () => {
  const me = (await lea.get('/api/v1/me')).json();
  const entities = (await admin.get('/api/v1/entities')).json();
  const scic = (Array.isArray(entities) ? entities : entities.items).find(
    (e: { code: string }) => e.code === 'SCIC',
  );
  const activity = (
    await admin.post('/api/v1/activities', {
      entityId: scic.id,
      name: 'Régie de festival',
      memberIds: [me.memberId],
    })
  ).json();
  const funded = await admin.post('/api/v1/ledger/entries', {
    entityId: scic.id,
    journalCode: 'BQ',
    entryDate: '2026-11-10',
    label: 'Règlement du festival',
    lines: [
      { accountNumber: '512', debitCents: 250_000 },
      { accountNumber: '706', activityId: activity.id, creditCents: 250_000 },
    ],
  });
  expect(funded.statusCode, funded.body).toBe(201);

  // Five budgets of 1,000 € at once against 2,500 €: two fit, three must be refused.
  const answers = await Promise.all(
    Array.from({ length: 5 }, () =>
      lea.post('/api/v1/salary-requests', {
        activityId: activity.id,
        period: '2026-11',
        amountKind: 'employerCost',
        amountCents: 100_000,
      }),
    ),
  );
  const statuses = answers.map((a) => a.statusCode).sort();
  expect(statuses).toEqual([201, 201, 422, 422, 422]);
  for (const a of answers.filter((x) => x.statusCode === 422))
    expect(a.json().code).toBe('salary.insufficient_balance');
  const balance = (await lea.get(`/api/v1/activities/${activity.id}/salary-balance`)).json();
  expect(balance.balanceCents).toBe(250_000);
  expect(balance.pendingSalaryCents).toBeLessThanOrEqual(250_000);
  expect(balance.pendingSalaryCents).toBe(
    answers.filter((a) => a.statusCode === 201).reduce((s, a) => s + a.json().reservedCents, 0),
  );
}, 300_000); // five budgets solved with the rules, one after the other on one core
