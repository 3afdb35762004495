// Debian's Chromium, driven by playwright-core (which downloads no browser of its own),
// started the one way this machine allows: headless, no sandbox (we run as root), and
// none of the background connections a closed network refuses. Used by the browser
// tests (tests/helpers/browser.ts) and `npm run screenshots`.
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
