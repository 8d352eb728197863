import { defineConfig } from 'vitest/config';

// Browser journeys against a real Naaste server (started once in the global setup) and Debian's Chromium.
// biome-ignore lint/style/noDefaultExport: vitest reads the default export of its config file.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/support/server.ts'],
    testTimeout: 60_000,
    hookTimeout: 150_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
