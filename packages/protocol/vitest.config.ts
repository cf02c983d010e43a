import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// 'source' resolves workspace packages to their TypeScript sources, so tests need no build step.
const conditions = ['source', ...defaultServerConditions];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    name: 'protocol',
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
