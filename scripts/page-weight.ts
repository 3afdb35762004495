// `npx tsx scripts/page-weight.ts`: what a first visit to a page transfers, and what a
// second page view asks for again (#12: ≤ 200 KiB; no asset requested twice). Headless
// Chromium loads each page in a fresh profile against the real app (production
// settings, demo data, an embedded PostgreSQL in a temporary directory); the bytes are
// Chromium's own count of what came over the wire (headers and compressed bodies), the
// requests the server's. Loopback only. Everything it started is stopped at the end.
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../src/app.js';
import { createDatabase } from '../src/db/database.js';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { freePort } from '../src/db/free-port.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { seedDemoData } from '../src/db/seed/seed-demo-data.js';
import { launchChromium } from './chromium.js';
import { measuredAppConfig } from './script-support.js';

const PAGES = ['/', '/opgaver', '/foreninger'];
/** Viewed after the first page, in the same profile: which of its assets are fetched again? */
const SECOND_VIEW = '/tilgaengelighed';

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'portal-weight-pg-'));
  const pgServer = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  let server: Server | undefined;
  let database: ReturnType<typeof createDatabase> | undefined;
  const browser = await launchChromium();
  try {
    await pgServer.createDatabase('weight');
    const url = pgServer.url('weight');
    await migrateDatabase(url);
    const seedDb = createDatabase({ url });
    await seedDemoData(seedDb.prisma, { now: new Date() });
    await seedDb.close();
    const config = measuredAppConfig(url);
    database = createDatabase({ url, poolMax: config.database.poolMax });
    const app = createApp({ prisma: database.prisma, pool: database.pool, config });
    const requested: string[] = [];
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
      listening.on('request', (req: { url?: string }) => requested.push(req.url ?? ''));
    });
    const address = server.address();
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    // The brotli copies are made in the background at start; a visitor after the first
    // second gets them.
    await new Promise((resolve) => setTimeout(resolve, 3000));

    console.log('| page | requests | transferred | of which fonts | second view: asset requests |');
    console.log('|---|---:|---:|---:|---:|');
    for (const page of PAGES) {
      const context = await browser.newContext();
      const tab = await context.newPage();
      const cdp = await context.newCDPSession(tab);
      await cdp.send('Network.enable');
      const urls = new Map<string, string>();
      let total = 0;
      let fonts = 0;
      cdp.on('Network.requestWillBeSent', (event) => urls.set(event.requestId, event.request.url));
      cdp.on('Network.loadingFinished', (event) => {
        total += event.encodedDataLength;
        if (/\.(woff2?|ttf|eot)$/.test(urls.get(event.requestId) ?? '')) fonts += event.encodedDataLength;
      });
      requested.length = 0;
      await tab.goto(baseUrl + page, { waitUntil: 'networkidle' });
      const firstCount = requested.length;
      requested.length = 0;
      await tab.goto(baseUrl + SECOND_VIEW, { waitUntil: 'networkidle' });
      const again = requested.filter((request) => !request.startsWith(SECOND_VIEW));
      console.log(
        `| ${page} | ${firstCount} | ${kib(total)} | ${kib(fonts)} | ${again.length}${again.length ? ` (${again.join(', ')})` : ''} |`,
      );
      await context.close();
    }
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await database?.close();
    await pgServer.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
