import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type App, type AppOptions, buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { ManualClock } from '../../src/lib/clock.js';
import type { Mailer, MailMessage } from '../../src/mail/mailer.js';
import type { TestDatabase } from './databases.js';

export interface TestApp extends App {
  baseUrl: string;
  clock: ManualClock;
  /** E-mails "sent" by the app, unless a real mailer was passed in. */
  outbox: MailMessage[];
  close(): Promise<void>;
}

/** A question bank with no keywords: no built-in question comes up. */
export const NO_QUESTIONS = path.join(import.meta.dirname, 'no-questions.json');
/** One keyword, 소풍, with one question: what the isolation and end-to-end suites ask. */
export const ONE_QUESTION = path.join(import.meta.dirname, 'one-question.json');
/** The built-in bank, as a file, for the suites about questions. */
export const BUILT_IN_QUESTION_BANK = path.resolve(
  import.meta.dirname,
  '../../src/questions/question-bank.json',
);

/** The real server on an ephemeral port, with a movable clock and an in-memory outbox. */
export async function startTestApp(
  database: TestDatabase,
  overrides: Partial<Omit<AppOptions, 'config' | 'database'>> & {
    env?: Record<string, string>;
  } = {},
): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-app-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    // Questions would lock the chat in suites about other things; their own suite opts in.
    QUESTION_BANK_FILE: NO_QUESTIONS,
    ...overrides.env,
  });
  const outbox: MailMessage[] = [];
  const memoryMailer: Mailer = {
    async send(m) {
      outbox.push(m);
    },
    async close() {},
  };
  const clock =
    (overrides.clock as ManualClock | undefined) ?? new ManualClock(Date.UTC(2026, 10, 24, 12));
  const built = await buildApp({
    jobs: false,
    mailer: memoryMailer,
    ...overrides,
    clock,
    config,
    database: await database.open(),
  });
  const address = await built.app.listen({ host: '127.0.0.1', port: 0 });
  return {
    ...built,
    clock,
    baseUrl: address,
    outbox,
    async close() {
      await built.app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
