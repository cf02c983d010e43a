import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '..');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!fs.existsSync(executablePath)) {
  console.warn(`NOTICE: no Chromium at ${executablePath}; end-to-end tests cannot run.`);
}

// SQLite (the embedded defaults) always; PostgreSQL + Redis when the test services are configured.
const targets = [
  { name: 'sqlite', port: 3211 },
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'postgres', port: 3212 }] : []),
];
if (targets.length === 1) {
  console.warn('NOTICE: TEST_DATABASE_URL is not set; end-to-end tests run on SQLite only.');
}

export default defineConfig({
  testDir: './specs',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // One worker: the couple spec moves the server's clock, which other specs must not see mid-test.
  workers: 1,
  retries: 0,
  reporter: 'list',
  outputDir: path.join(root, 'test-results'),
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: targets.map((t) => ({
    name: t.name,
    use: { baseURL: `http://127.0.0.1:${t.port}` },
  })),
  webServer: targets.map((t) => ({
    command: 'npx tsx e2e/start-server.ts',
    cwd: root,
    url: `http://127.0.0.1:${t.port}/readyz`,
    env: { E2E_DB: t.name, PORT: String(t.port) },
    reuseExistingServer: false,
    timeout: 60_000,
    // SIGTERM lets the server shut down cleanly and the wrapper drop its PostgreSQL schema.
    gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 10_000 },
    stdout: 'pipe' as const,
    stderr: 'pipe' as const,
  })),
});
