import fs from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import { e2eDataDir } from './paths.js';

/** The newest password-reset link e-mailed to `to`, read from the server's dev outbox. */
export async function resetLinkFor(project: string, to: string): Promise<string> {
  const dir = path.join(e2eDataDir(project), 'dev-outbox');
  let link: string | undefined;
  await expect
    .poll(
      () => {
        if (!fs.existsSync(dir)) return undefined;
        const mails = fs
          .readdirSync(dir)
          .sort()
          .reverse()
          .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
          .filter((m) => m.startsWith(`To: ${to}\n`));
        link = mails[0]?.match(/https?:\/\/\S+\/reset-password#token=[A-Za-z0-9_-]+/)?.[0];
        return link;
      },
      { timeout: 10_000 },
    )
    .toBeTruthy();
  return link as string;
}
