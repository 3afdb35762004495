import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

// Browser tests (Chromium + axe) are named *.browser.test.ts and form their own project,
// so `npm run test:quick` (the `quick` project) leaves them out of the inner loop and
// `npm test` still runs both.
const BROWSER_TESTS = 'tests/**/*.browser.test.ts';

const shared = {
  pool: 'forks',
  // Each file has its own database and app, so a worker process can run file after
  // file without a fresh module graph: the app (Express, Prisma, EJS, i18n) is imported
  // once per worker instead of once per file, and the browser files in a worker share
  // its one Chromium (tests/helpers/browser.ts).
  isolate: false,
  // Browser tests (axe on full pages, Chromium) need far more than request tests on 2 cores.
  testTimeout: 60000,
  hookTimeout: 60000,
} as const;

export default defineConfig({
  test: {
    // On the root only: a project that extends the root would start a PostgreSQL of its own.
    // Every project sees what this one provides.
    globalSetup: ['tests/setup/global-setup.ts'],
    // One worker per core, not vitest's default of one fewer: much of a test's time is
    // spent waiting for PostgreSQL and Chromium, which run in processes of their own.
    maxWorkers: availableParallelism(),
    projects: [
      { test: { ...shared, name: 'quick', include: ['tests/**/*.test.ts'], exclude: [...configDefaults.exclude, BROWSER_TESTS] } },
      { test: { ...shared, name: 'browser', include: [BROWSER_TESTS] } },
    ],
  },
});
