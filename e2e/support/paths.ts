import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/** Where the e2e server of one project keeps its data (and its dev outbox of e-mails). */
export function e2eDataDir(project: string): string {
  return path.join(root, 'e2e/.data', project);
}
