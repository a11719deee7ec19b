// Tasks that run on their own at a steady pace (the dunning reminders, every hour). Each task must be
// idempotent: a run that overlaps another, or repeats after a restart, changes nothing more.
export function every(intervalMs: number, name: string, task: () => Promise<unknown>): () => Promise<void> {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    if (stopped) return;
    running = task().catch((error) => console.error(name, error));
    await running;
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  // The first run waits a minute: starting the server stays quick.
  let timer = setTimeout(tick, Math.min(intervalMs, 60_000));
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
