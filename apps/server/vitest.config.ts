import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// 'source' resolves workspace packages to their TypeScript sources, so tests need no build step.
// Not 'module': it makes Node pick the AWS SDK's bundler-only ESM build, which Node cannot run.
const conditions = ['source', ...defaultServerConditions.filter((c) => c !== 'module')];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    name: 'server',
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Each file gets its own database (SQLite file / PostgreSQL schema), so files run in parallel.
    pool: 'forks',
  },
});
