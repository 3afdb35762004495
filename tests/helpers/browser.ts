// A real browser for tests: Debian's Chromium driven by playwright-core, against the
// real app listening on a loopback port. No browser download (scripts/ensure-chromium.mjs).
// Every browser test goes through startBrowserSession; such files are named
// *.browser.test.ts, so `npm run test:quick` can leave them out.
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Express } from 'express';
import { afterAll, beforeAll, expect } from 'vitest';
import { clockOf, createTestContext, type TestContext } from './test-app.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CHROMIUM_PATH, launchChromium } from '../../scripts/chromium.js';
import { AxeBuilder } from '@axe-core/playwright';
import { loginCode, secretFromPage } from './two-factor.js';

/** Browser tests run wherever Chromium is; in CI its absence is a failure, not a skip. */
export const browserAvailable = existsSync(CHROMIUM_PATH) || process.env.CI === 'true';

// One Chromium per test worker process, launched on first use: vitest runs the browser
// files one after another in the same worker (isolate is off), so each file need not
// start a browser of its own. Sessions share it through contexts of their own, which
// keep cookies and storage apart. Playwright ends the browser when the worker exits.
let workerBrowser: Promise<Browser> | undefined;

function sharedBrowser(): Promise<Browser> {
  workerBrowser ??= launchChromium().then(
    (browser) => {
      browser.once('disconnected', () => (workerBrowser = undefined));
      return browser;
    },
    (error: unknown) => {
      workerBrowser = undefined;
      throw error;
    },
  );
  return workerBrowser;
}

async function listen(app: Express): Promise<{ baseUrl: string; close(): Promise<void> }> {
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
  const axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  // By default axe checks every frame on its own and merges the results in an extra
  // blank page, which about doubles the time of a check. A page without frames (the
  // portal has none) gets the same results from one run in the page itself.
  if (page.frames().length === 1) axe.setLegacyMode();
  const result = await axe.analyze();
  return result.violations.map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export interface ContextOptions {
  /** The `lang` cookie; without it the app picks the language as for a first visit. */
  lang?: 'da' | 'en';
  width?: number;
  height?: number;
  javaScript?: boolean;
}

/** The real app on a loopback port plus the worker's Chromium, for a test file's browser tests. */
export interface BrowserSession {
  baseUrl: string;
  /** A fresh browser context (cookies of its own), closed by close() at the latest. */
  newContext(options?: ContextOptions): Promise<BrowserContext>;
  /** A page in a fresh context in the given language (the `lang` cookie). */
  newPage(lang: 'da' | 'en', options?: Omit<ContextOptions, 'lang'>): Promise<Page>;
  /** Logs in through the login form (and the second step, as http.ts's logIn) and waits for the page it leads to. */
  logIn(page: Page, email: string, password: string): Promise<void>;
  close(): Promise<void>;
}

export async function startBrowserSession(app: Express): Promise<BrowserSession> {
  // The naming is what keeps browser tests out of `npm run test:quick`.
  const testPath = expect.getState().testPath;
  if (testPath && !testPath.endsWith('.browser.test.ts')) {
    throw new Error(`${testPath} starts a browser: name it *.browser.test.ts`);
  }
  const server = await listen(app);
  const browser = await sharedBrowser();
  const contexts = new Set<BrowserContext>();

  async function newContext(options: ContextOptions = {}): Promise<BrowserContext> {
    const context = await browser.newContext({
      viewport: { width: options.width ?? 1024, height: options.height ?? 800 },
      javaScriptEnabled: options.javaScript ?? true,
    });
    contexts.add(context);
    context.once('close', () => contexts.delete(context));
    if (options.lang) await context.addCookies([{ name: 'lang', value: options.lang, url: server.baseUrl }]);
    return context;
  }

  return {
    baseUrl: server.baseUrl,
    newContext,
    async newPage(lang, options = {}) {
      return (await newContext({ ...options, lang })).newPage();
    },
    async logIn(page, email, password) {
      // Each step waits until the browser has left the page it submitted from: on a busy
      // machine the click returns before the navigation has begun, and reading the URL
      // then would see the old page and skip the second step.
      const submitAndLeave = async (from: string, timeout = 30_000) => {
        await Promise.all([page.waitForURL((url) => url.pathname !== from, { timeout }), page.locator('main button[type=submit]').click()]);
        await page.waitForLoadState();
      };
      const attempt = async (codeTimeout: number) => {
        await page.goto(`${server.baseUrl}/log-ind`);
        await page.fill('#email', email);
        await page.fill('#password', password);
        await submitAndLeave('/log-ind');
        const path = new URL(page.url()).pathname;
        if (path !== '/log-ind/kode' && path !== '/log-ind/tofaktor') return;
        const secret = path === '/log-ind/tofaktor' ? secretFromPage(await page.content()) : undefined;
        await page.fill('#code', await loginCode(app, email, secret));
        await submitAndLeave(path, codeTimeout);
      };
      try {
        await attempt(20_000);
      } catch (error) {
        const path = new URL(page.url()).pathname;
        if (path !== '/log-ind/kode' && path !== '/log-ind/tofaktor') throw error;
        // Refused on a busy machine, rarely: say what the page said, then log in again
        // from the start, with the next time step's code. (The "Formularen er udløbet"
        // refusals seen here came from a late second store of the regenerated session,
        // fixed in src/middleware/save-session-before-redirect.ts.)
        const said = (await page.locator('main').textContent())?.replace(/\s+/g, ' ').slice(0, 200);
        process.stderr.write(`logIn(${email}): the code step stayed on ${path}: ${said}\n`);
        clockOf(app).advance(30_000);
        await attempt(30_000);
      }
    },
    async close() {
      // Contexts a failed test left open; the browser itself stays for the next file.
      await Promise.all([...contexts].map((context) => context.close()));
      await server.close();
    },
  };
}

/**
 * The usual start of a browser test file: the real app on a fresh database, prepared by
 * `prepare` (e.g. loading the demo data), and a browser session on it; both closed
 * after the file. Read `ctx` and `session` inside tests (they exist once beforeAll ran).
 */
export function browserApp(prepare?: (ctx: TestContext) => Promise<unknown>): {
  readonly ctx: TestContext;
  readonly session: BrowserSession;
} {
  const state: { ctx?: TestContext; session?: BrowserSession } = {};
  beforeAll(async () => {
    state.ctx = await createTestContext();
    await prepare?.(state.ctx);
    state.session = await startBrowserSession(state.ctx.app);
  });
  afterAll(async () => {
    await state.session?.close();
    await state.ctx?.close();
  });
  return {
    get ctx() {
      if (!state.ctx) throw new Error('browserApp: read ctx inside a test');
      return state.ctx;
    },
    get session() {
      if (!state.session) throw new Error('browserApp: read session inside a test');
      return state.session;
    },
  };
}
