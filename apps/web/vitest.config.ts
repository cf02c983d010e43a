import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Also runnable on its own with -c from the repository root.
  root: new URL('.', import.meta.url).pathname,
  resolve: { conditions: ['source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions] } },
  test: { name: 'web', environment: 'node', include: ['src/**/*.test.ts'] },
});
