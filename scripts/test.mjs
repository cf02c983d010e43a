#!/usr/bin/env node
// `npm test`: lint, typecheck, unit + integration (vitest), end-to-end (Playwright + Chromium),
// then one summary line ("N passed, N failed, N skipped") over every test that ran.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-test-reports-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
let failedStage;

function run(stage, command, args, env = {}) {
  console.log(`\n▶ ${stage}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  if (result.status !== 0 && !failedStage) failedStage = stage;
  return result.status === 0;
}

function addVitest(file) {
  if (!fs.existsSync(file)) return;
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + r.numTodoTests;
}

function addPlaywright(file) {
  if (!fs.existsSync(file)) return;
  const s = JSON.parse(fs.readFileSync(file, 'utf8')).stats;
  totals.passed += s.expected + s.flaky;
  totals.failed += s.unexpected;
  totals.skipped += s.skipped;
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (run('lint', 'npx', ['biome', 'check', '.']) && run('typecheck', 'npm', ['run', 'typecheck'])) {
  const vitestJson = path.join(reports, 'vitest.json');
  run('unit + integration', 'npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${vitestJson}`,
  ]);
  addVitest(vitestJson);

  if (fs.existsSync(chromium)) {
    const pwJson = path.join(reports, 'playwright.json');
    if (run('build', 'npm', ['run', 'build'])) {
      run(
        'end-to-end',
        'npx',
        ['playwright', 'test', '-c', 'e2e/playwright.config.ts', '--reporter=list,json'],
        {
          PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson,
        },
      );
      addPlaywright(pwJson);
    }
  } else {
    console.warn(
      `\nNOTICE: no Chromium at ${chromium}; end-to-end tests skipped (apt-get install chromium, or set CHROMIUM_PATH).`,
    );
  }
}

console.log(`\n${failedStage ? `FAILED at stage: ${failedStage}` : 'All stages passed'}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedStage ? 1 : 0);
