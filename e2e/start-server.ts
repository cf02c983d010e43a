// Starts the built server for one end-to-end project: SQLite (embedded defaults) or PostgreSQL + Redis.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { e2eDataDir } from './support/paths.js';

const kind = process.env.E2E_DB === 'postgres' ? 'postgres' : 'sqlite';
const port = process.env.PORT ?? '3211';
const root = path.resolve(import.meta.dirname, '..');
const dataDir = e2eDataDir(kind);
fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });

/**
 * The built-in bank's food (음식, 밥, …) and picnic (소풍, …) keywords with their real questions,
 * and no others: the questions spec talks about them; the other specs chat about anything else.
 */
function questionBankFile(): string {
  const builtIn = JSON.parse(
    fs.readFileSync(path.join(root, 'apps/server/src/questions/question-bank.json'), 'utf8'),
  ) as { version: number; keywords: { id: string }[] };
  const file = path.join(dataDir, 'question-bank.json');
  const keywords = builtIn.keywords.filter((k) => ['food', 'picnic'].includes(k.id));
  fs.writeFileSync(file, JSON.stringify({ ...builtIn, keywords }));
  return file;
}

const env: Record<string, string | undefined> = {
  ...process.env,
  PORT: port,
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  PUBLIC_URL: `http://127.0.0.1:${port}`,
  LOG_LEVEL: 'warn',
  // The test clock lets a spec move past the 7-day grace period; the config refuses it in production.
  NODE_ENV: 'test',
  TEST_CLOCK: 'true',
  // Every spec signs up fresh users from one IP; the Redis limiter counts in real time.
  SIGNUPS_PER_IP_PER_HOUR: '1000',
  QUESTION_BANK_FILE: questionBankFile(),
  DATABASE_URL: undefined,
  REDIS_URL: undefined,
};

let schema: string | undefined;
const dbUrl = process.env.TEST_DATABASE_URL;
if (kind === 'postgres') {
  if (!dbUrl) throw new Error('E2E_DB=postgres needs TEST_DATABASE_URL');
  schema = `e2e_${Date.now().toString(36)}`;
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  await client.query(`create schema ${schema}`);
  await client.end();
  const url = new URL(dbUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  env.DATABASE_URL = url.toString();
  env.REDIS_URL = process.env.TEST_REDIS_URL;
  env.REDIS_PREFIX = `${schema}:`;
}

const server = spawn(process.execPath, [path.join(root, 'apps/server/dist/main.js')], {
  env,
  stdio: 'inherit',
});

async function dropSchema() {
  if (!schema || !dbUrl) return;
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  await client.query(`drop schema if exists ${schema} cascade`);
  await client.end();
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => server.kill(signal));
}
server.on('exit', (code) => {
  dropSchema()
    .catch((err) => console.error('could not drop the e2e schema', err))
    .finally(() => process.exit(code ?? 0));
});
