// Screenshots of key pages as a person sees them (desktop and phone, Danish and
// English), for review: `npx tsx scripts/screenshots.ts [baseUrl] [outDir]`.
// Needs Debian's chromium (/usr/bin/chromium); playwright-core downloads no browser.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchChromium } from './chromium.js';

const baseUrl = process.argv[2] ?? 'http://localhost:3000';
const outDir = process.argv[3] ?? '.data/screenshots';
const pages = ['/', '/log-ind', '/findes-ikke', '/tilgaengelighed'];
const viewports = { desktop: { width: 1280, height: 900 }, phone: { width: 375, height: 740 } };

async function main() {
  mkdirSync(outDir, { recursive: true });
  const browser = await launchChromium();
  try {
    for (const [device, viewport] of Object.entries(viewports)) {
      for (const lang of ['da', 'en']) {
        const context = await browser.newContext({ viewport });
        await context.addCookies([{ name: 'lang', value: lang, url: baseUrl }]);
        const page = await context.newPage();
        for (const p of pages) {
          await page.goto(baseUrl + p);
          const name = `${device}-${lang}-${p === '/' ? 'home' : p.replaceAll('/', '')}.png`;
          await page.screenshot({ path: path.join(outDir, name), fullPage: true });
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
}

void main();
