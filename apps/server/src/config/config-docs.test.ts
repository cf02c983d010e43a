import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from './config.js';

const root = path.resolve(import.meta.dirname, '../../../..');
const variables = Object.keys(ConfigSchema.shape).sort();

describe('configuration documentation', () => {
  it('README lists every environment variable in its configuration table, and no others', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const documented = [...readme.matchAll(/^\| `([A-Z0-9_]+)` +\|/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(variables);
  });

  it('.env.example mentions every environment variable', () => {
    const example = fs.readFileSync(path.join(root, '.env.example'), 'utf8');
    const listed = [...example.matchAll(/^# ([A-Z0-9_]+)=/gm)].map((m) => m[1]).sort();
    expect(listed).toEqual(variables);
  });
});
