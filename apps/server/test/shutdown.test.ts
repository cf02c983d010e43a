import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from './support/wait.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

interface ServerProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

const started: ServerProcess[] = [];
const tempDirs: string[] = [];

/** Runs the real entry point the way production does, with only the variables given. */
function spawnServer(env: Record<string, string>): ServerProcess {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-proc-'));
  tempDirs.push(dataDir);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=source', 'apps/server/src/main.ts'],
    {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? os.tmpdir(),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout?.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    out += chunk;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const server = { child, output: () => out, exited };
  started.push(server);
  return server;
}

/** The exit code, or a failure if the process is still running after `ms`. */
async function exitCodeWithin(server: ServerProcess, ms: number): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`still running after ${ms} ms:\n${server.output()}`)),
      ms,
    );
  });
  try {
    return await Promise.race([server.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

afterEach(async () => {
  for (const server of started.splice(0)) {
    if (server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await exitCodeWithin(server, 5000).catch(() => undefined);
    }
  }
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the server process', () => {
  it('starts, serves /healthz, and exits 0 on SIGTERM after logging the shutdown', async () => {
    // Port 0 lets the OS pick a free port; the address is read back from the startup log.
    const server = spawnServer({ PORT: '0' });
    let baseUrl: string | undefined;
    await waitFor(
      () => {
        baseUrl = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(server.output())?.[1];
        return baseUrl !== undefined || server.child.exitCode !== null;
      },
      'the server to listen',
      30_000,
    );
    expect(baseUrl, server.output()).toBeDefined();
    await waitFor(
      async () => (await fetch(`${baseUrl}/healthz`).catch(() => undefined))?.status === 200,
      '/healthz to answer',
      10_000,
    );
    expect((await fetch(`${baseUrl}/readyz`)).status).toBe(200);

    server.child.kill('SIGTERM');
    const code = await exitCodeWithin(server, 10_000);
    expect(code, server.output()).toBe(0);
    expect(server.output()).toMatch(/shutting down/);
    expect(server.output()).toContain('SIGTERM');
    await expect(fetch(`${baseUrl}/healthz`)).rejects.toThrow();
  }, 60_000);

  it('exits 78 and names the variable when the configuration is wrong', async () => {
    const server = spawnServer({ PORT: 'abc' });
    const code = await exitCodeWithin(server, 20_000);
    expect(code, server.output()).toBe(78);
    expect(server.output()).toMatch(/\bPORT\b/);
    expect(server.output()).not.toMatch(/Server listening/);
  }, 30_000);
});
