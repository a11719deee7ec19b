// End-to-end journeys in Debian's Chromium against the real app on a fresh demo database.
import { defineConfig } from '@playwright/test';
import { dataDir, port } from './e2e/server.ts';

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  // One more try for a journey that fails: on a busy 2-core machine a browser step can miss its
  // timeout once. Playwright reports it as flaky and .ci/run names it in its summary.
  retries: 1,
  // Room for one wait on the sign-in limit (support.ts) in any journey.
  timeout: 180_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://localhost:${port}`,
    locale: 'fr-FR',
    // A step that waits longer than this has failed: say so at once, not at the test's timeout.
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    // A new data folder each run: migrated and seeded with the demo cooperative on start.
    command: `rm -rf ${dataDir} && node src/server/main.ts`,
    env: {
      PORT: String(port),
      DATA_DIR: dataDir,
      PUBLIC_URL: `http://localhost:${port}`,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    url: `http://localhost:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
  },
});
