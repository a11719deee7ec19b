// The outbox carries out jobs after their transaction commits, retries with back-off, gives up
// after a few attempts, never runs a done job twice, and lets several workers share the queue.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../testing.ts';
import { enqueue, runDueJobs, startWorker } from './outbox.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ seed: 'none' });
});

afterAll(async () => {
  await t?.close();
});

const mail = (to: string) => ({ kind: 'email' as const, payload: { to, subject: 'Bonjour', text: 'Texte' } });
/** Jobs are due from the database's now(); the worker's clock starts a little after it. */
const later = (seconds = 5) => new Date(Date.now() + seconds * 1000);
const jobTo = (to: string) =>
  t.handle.db.selectFrom('outbox').selectAll().where(sql`payload->>'to'`, '=', to).executeTakeFirstOrThrow();

describe('outbox', () => {
  it('runs a committed job once, and never the jobs of a transaction that rolled back', async () => {
    await expect(
      t.handle.db.transaction().execute(async (trx) => {
        await enqueue(trx, mail('perdu@example.org'));
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await t.handle.db.transaction().execute((trx) => enqueue(trx, mail('garde@example.org')));
    const sent: string[] = [];
    const handlers = { email: async (m: { to: string }) => void sent.push(m.to) };
    expect(await runDueJobs(t.handle.db, handlers, () => later())).toBe(1);
    expect(await runDueJobs(t.handle.db, handlers, () => later())).toBe(0);
    expect(sent).toEqual(['garde@example.org']);
    expect(await jobTo('garde@example.org')).toMatchObject({
      attempts: 1,
      lastError: null,
      doneAt: expect.anything(),
    });
  });

  it('retries a failing job later with back-off, then runs it once', async () => {
    await enqueue(t.handle.db, mail('retry@example.org'));
    const start = later().getTime();
    let clock = new Date(start);
    let fail = true;
    const sent: string[] = [];
    const handlers = {
      email: async (m: { to: string }) => {
        if (fail) throw new Error('SMTP down');
        sent.push(m.to);
      },
    };
    expect(await runDueJobs(t.handle.db, handlers, () => clock)).toBe(1);
    expect(await jobTo('retry@example.org')).toMatchObject({
      attempts: 1,
      lastError: 'SMTP down',
      doneAt: null,
    });
    // Not due before its back-off (30 s after the first failure).
    fail = false;
    clock = new Date(start + 10_000);
    expect(await runDueJobs(t.handle.db, handlers, () => clock)).toBe(0);
    clock = new Date(start + 31_000);
    expect(await runDueJobs(t.handle.db, handlers, () => clock)).toBe(1);
    expect(await runDueJobs(t.handle.db, handlers, () => clock)).toBe(0);
    expect(sent).toEqual(['retry@example.org']);
    expect(await jobTo('retry@example.org')).toMatchObject({ attempts: 2, doneAt: expect.anything() });
  });

  it('doubles the wait after each failure and gives up after eight attempts, keeping the last error', async () => {
    await enqueue(t.handle.db, mail('jamais@example.org'));
    let clock = later().getTime();
    let calls = 0;
    const handlers = {
      email: async () => {
        calls++;
        throw new Error(`refus ${calls}`);
      },
    };
    const waits: number[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      expect(await runDueJobs(t.handle.db, handlers, () => new Date(clock))).toBe(1);
      const job = await jobTo('jamais@example.org');
      waits.push(Math.round((new Date(job.availableAt).getTime() - clock) / 1000));
      clock = new Date(job.availableAt).getTime() + 1000;
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 960, 1920, 3840]);
    // Given up: no later clock makes it due again.
    expect(await runDueJobs(t.handle.db, handlers, () => new Date(clock + 86_400_000))).toBe(0);
    expect(calls).toBe(8);
    expect(await jobTo('jamais@example.org')).toMatchObject({
      attempts: 8,
      lastError: 'refus 8',
      doneAt: null,
    });
  });

  it('lets two workers share the queue without sending anything twice', async () => {
    const recipients = Array.from({ length: 12 }, (_, i) => `lot.${i}@example.org`);
    for (const to of recipients) await enqueue(t.handle.db, mail(to));
    const sent: string[] = [];
    const handlers = {
      email: async (m: { to: string }) => {
        sent.push(m.to);
        await new Promise((resolve) => setTimeout(resolve, 2));
      },
    };
    const [a, b] = await Promise.all([
      runDueJobs(t.handle.db, handlers, () => later(), 8),
      runDueJobs(t.handle.db, handlers, () => later(), 8),
    ]);
    expect(a + b).toBe(12);
    expect(sent.filter((to) => to.startsWith('lot.')).sort()).toEqual([...recipients].sort());
  });

  it('works in the background until stopped', async () => {
    const sent: string[] = [];
    const stop = startWorker(t.handle.db, { email: async (m) => void sent.push(m.to) }, () => later(), 5);
    try {
      await enqueue(t.handle.db, mail('fond@example.org'));
      await vi.waitFor(() => expect(sent).toContain('fond@example.org'), { timeout: 10_000, interval: 20 });
    } finally {
      await stop();
    }
    await enqueue(t.handle.db, mail('apres@example.org'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent).not.toContain('apres@example.org');
    expect((await jobTo('apres@example.org')).doneAt).toBeNull();
  });
});
