// The outbox carries out jobs after their transaction commits, retries with back-off, and never
// runs a done job twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing.ts';
import { enqueue, runDueJobs } from './outbox.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ seed: 'none' });
});

afterAll(async () => {
  await t?.close();
});

const mail = (to: string) => ({ kind: 'email' as const, payload: { to, subject: 'Bonjour', text: 'Texte' } });

describe('outbox', () => {
  it('does not run jobs of a transaction that rolled back', async () => {
    await expect(
      t.handle.db.transaction().execute(async (trx) => {
        await enqueue(trx, mail('perdu@example.org'));
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    const sent: string[] = [];
    await runDueJobs(t.handle.db, { email: async (m) => void sent.push(m.to) }, () => new Date());
    expect(sent).toEqual([]);
  });

  it('retries a failing job later with back-off, then runs it once', async () => {
    await enqueue(t.handle.db, mail('retry@example.org'));
    // Jobs are due from the database's now(); the worker's clock starts a little after it.
    const start = Date.now() + 5_000;
    let clock = new Date(start);
    const now = () => clock;
    let fail = true;
    const sent: string[] = [];
    const handlers = {
      email: async (m: { to: string }) => {
        if (fail) throw new Error('SMTP down');
        sent.push(m.to);
      },
    };
    expect(await runDueJobs(t.handle.db, handlers, now)).toBe(1);
    const failed = await t.handle.db
      .selectFrom('outbox')
      .selectAll()
      .where('doneAt', 'is', null)
      .executeTakeFirst();
    expect(failed?.lastError).toBe('SMTP down');
    // Not due before its back-off (30 s after the first failure).
    fail = false;
    clock = new Date(start + 10_000);
    expect(await runDueJobs(t.handle.db, handlers, now)).toBe(0);
    clock = new Date(start + 31_000);
    expect(await runDueJobs(t.handle.db, handlers, now)).toBe(1);
    expect(await runDueJobs(t.handle.db, handlers, now)).toBe(0);
    expect(sent).toEqual(['retry@example.org']);
  });
});
