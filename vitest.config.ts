import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['tests/setup/global-setup.ts'],
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 20000,
    hookTimeout: 60000,
  },
});
