// A real browser for tests: Debian's Chromium driven by playwright-core, against the
// real app listening on a loopback port. No browser download (scripts/ensure-chromium.mjs).
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Express } from 'express';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Browser tests run wherever Chromium is; in CI its absence is a failure, not a skip. */
export const browserAvailable = existsSync(CHROMIUM_PATH) || process.env.CI === 'true';

export async function launchBrowser(): Promise<Browser> {
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

export async function listen(app: Express): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** WCAG 2.1 A/AA violations on the page, as readable lines (empty when none). */
export async function wcagViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The real app on a loopback port plus one Chromium, for a test file's browser tests. */
export interface BrowserSession {
  baseUrl: string;
  browser: Browser;
  /** A fresh browser context in the given language (the `lang` cookie), and a page in it. */
  newPage(lang: 'da' | 'en', options?: { width?: number; height?: number; javaScript?: boolean }): Promise<Page>;
  close(): Promise<void>;
}

export async function startBrowserSession(app: Express): Promise<BrowserSession> {
  const server = await listen(app);
  const browser = await launchBrowser();
  return {
    baseUrl: server.baseUrl,
    browser,
    async newPage(lang, options = {}) {
      const context = await browser.newContext({
        viewport: { width: options.width ?? 1024, height: options.height ?? 800 },
        javaScriptEnabled: options.javaScript ?? true,
      });
      await context.addCookies([{ name: 'lang', value: lang, url: server.baseUrl }]);
      return context.newPage();
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
