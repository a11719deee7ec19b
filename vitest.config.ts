import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    env: { TZ: 'UTC' },
    projects: [
      {
        test: { name: 'domain', include: ['src/domain/**/*.test.ts', 'src/*.test.ts'], environment: 'node' },
      },
      {
        // The web app's pure parts (no DOM): catalogs, how API answers become field messages.
        test: { name: 'web', include: ['src/web/**/*.test.ts'], environment: 'node' },
      },
      {
        test: {
          name: 'server',
          include: ['src/server/**/*.test.ts', 'src/seed/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file gets its own database; two at a time suit a 2-core machine.
          maxWorkers: 2,
        },
      },
    ],
  },
});
