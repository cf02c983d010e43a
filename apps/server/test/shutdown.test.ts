import { describe, expect, it } from 'vitest';
import { cleanUpServerProcesses, exitCodeWithin, spawnServer } from './support/server-process.js';
import { waitFor } from './support/wait.js';

cleanUpServerProcesses();

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
