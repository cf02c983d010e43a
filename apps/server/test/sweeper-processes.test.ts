import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { openDatabase } from '../src/db/database.js';
import { DAY, ManualClock } from '../src/lib/clock.js';
import { signUp } from './support/factories.js';
import { cleanUpServerProcesses, spawnServer } from './support/server-process.js';
import { waitFor } from './support/wait.js';

const url = process.env.TEST_DATABASE_URL;
if (!url)
  console.warn('NOTICE: TEST_DATABASE_URL is not set; the two-process sweeper test is skipped.');

cleanUpServerProcesses();

async function admin(sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

const COUPLES = 12;

describe.skipIf(!url)('the grace-period sweeper in two server processes on PostgreSQL', () => {
  it('ends every overdue couple exactly once when two instances start at the same time', async () => {
    const schema = `t_sweep_${Date.now().toString(36)}`;
    await admin(`create schema ${schema}`);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-sweep-'));
    try {
      // Set the couples up eight days ago, so each grace period ended a day before the processes start.
      const clock = new ManualClock(Date.now() - 8 * DAY);
      const generous = { limit: 1000, windowMs: 60_000 };
      const { app } = await buildApp({
        config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0' }),
        database: openDatabase({ kind: 'postgres', url: url as string, poolSize: 4, schema }),
        clock,
        jobs: false,
        rateRules: { signUpPerIp: generous },
      });
      const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
      const coupleIds: string[] = [];
      for (let i = 0; i < COUPLES; i++) {
        const a = await signUp(baseUrl);
        const b = await signUp(baseUrl);
        const request = await a.client.post('/api/connection-requests', {
          username: b.input.username,
        });
        const approved = await b.client.post(
          `/api/connection-requests/${request.body.request.id}/approval`,
          {},
        );
        expect(approved.status).toBe(201);
        expect((await a.client.post('/api/couple/ending')).status).toBe(200);
        coupleIds.push(approved.body.couple.id);
      }
      await app.close();

      const dbUrl = new URL(url as string);
      dbUrl.searchParams.set('options', `-c search_path=${schema}`);
      const env = {
        PORT: '0',
        DATABASE_URL: dbUrl.toString(),
        LOG_LEVEL: 'info',
        NODE_ENV: 'production',
      };
      const servers = [spawnServer(env), spawnServer(env)];

      await waitFor(
        async () => {
          const r = await admin(
            `select count(*)::int as n from ${schema}.couples where status = 'ended'`,
          );
          return r.rows[0].n === COUPLES;
        },
        'every couple to be ended',
        30_000,
      );
      const members = await admin(`select count(*)::int as n from ${schema}.couple_members`);
      expect(members.rows[0].n).toBe(0);
      const events = await admin(`select count(*)::int as n from ${schema}.couple_events`);
      expect(events.rows[0].n).toBe(0);

      // Each couple was claimed by exactly one of the two processes.
      const endedLines = servers
        .flatMap((s) => s.output().split('\n'))
        .filter((line) => line.includes('couple ended after the grace period'))
        .map((line) => JSON.parse(line).coupleId as string);
      expect(endedLines.sort()).toEqual([...coupleIds].sort());
      for (const s of servers) s.child.kill('SIGTERM');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
      await admin(`drop schema if exists ${schema} cascade`);
    }
  }, 90_000);
});
