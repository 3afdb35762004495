// Browser tests (accessibility with axe-core, keyboard checks) drive Debian's Chromium
// through playwright-core, which downloads no browser of its own. This makes sure it
// is there before `npm test`: already installed → nothing; missing and we may use
// apt-get (root) → install it; otherwise say how, and the browser tests are skipped
// outside CI (and fail in CI, where CI=true).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (existsSync(CHROMIUM)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (!isRoot || !hasApt) {
  process.stderr.write(
    `\nChromium not found at ${CHROMIUM}: browser tests will be skipped.\n` +
      `Install it with: sudo apt-get install chromium  (or set CHROMIUM_PATH)\n\n`,
  );
  process.exit(0);
}

process.stderr.write('Installing Debian chromium for the browser tests (once)…\n');
const run = (args) =>
  spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
run(['update', '-qq']);
const install = run(['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-dejavu-core']);
if (install.status !== 0 || !existsSync(CHROMIUM)) {
  process.stderr.write('Could not install chromium; browser tests will be skipped (and fail in CI).\n');
}
process.exit(0);
