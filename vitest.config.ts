import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['tests/setup/global-setup.ts'],
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    // Browser tests (axe on full pages, Chromium) need far more than request tests on 2 cores.
    testTimeout: 60000,
    hookTimeout: 60000,
  },
});
