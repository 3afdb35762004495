// `npm run bench` (all parts; `-- --pages` or `-- --search` for one): the public pages
// against the stack's ceiling (scripts/bench-pages.ts), and how fast is the public search (/opgaver) with 100,000 openings
// from 10,000 associations? A script, not a test: it prints a Markdown table of
// p50/p95/p99 latency per scenario — for one client alone (the latency a visitor
// sees) and for CONCURRENCY clients at once (the machine saturated) — and the
// requests per second the latter reach, for the README.
//
// It builds everything it measures and removes it again: an embedded PostgreSQL in a
// temporary directory, the migrations, the demo data (for the lookup tables and the
// real lektiehjælp openings), the bulk data (scripts/bench-data.ts), VACUUM ANALYZE,
// and the real app (createApp, production settings: compiled views, no request log)
// on a loopback port. The load comes from a worker thread (scripts/bench-load.ts)
// with a fixed number of requests per scenario and run. Fixed searches are what the
// portal sees most (the plain list, a popular word); the "each search new" scenarios
// never repeat a search, so they show the cost of counting facets from scratch.
// After the search it measures the static page (every row's throughput is also given as
// a share of the static page's), opening pages, the directory and association pages
// over many different rows of the seeded data. BENCH_SCENARIOS=word,word runs only the
// rows naming one of the words (and the static page). Loopback only; nothing else is
// contacted. Runtime: about four and a half minutes on a 2-core machine. Everything it started is stopped at the end, failure or not.
import { freePort } from '../src/db/free-port.js';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createApp } from '../src/app.js';
import { systemClock } from '../src/clock.js';
import type { FacetIndex } from '../src/features/openings/search-index/search-facet-index.js';
import { createLogger } from '../src/logger.js';
import { createServices } from '../src/services.js';
import { createDatabase } from '../src/db/database.js';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { seedDemoData } from '../src/db/seed/seed-demo-data.js';
import { BENCH_ASSOCIATIONS, BENCH_OPENINGS, seedBenchData } from './bench-data.js';
import type { LoadJob, LoadResult } from './bench-load.js';
import { benchPages } from './bench-pages.js';
import { measuredAppConfig, cleanUpOnInterrupt } from './script-support.js';

const CONCURRENCY = 8;
const WARMUP_REQUESTS = 40;

interface Scenario {
  name: string;
  /** Requests from one client (latency without queueing). */
  single: number;
  /** Requests from CONCURRENCY clients (throughput, and latency under load). */
  concurrent: number;
  /**
   * The path of request number i. Scenarios that vary give each i a different search
   * (warm-up, single and concurrent runs use different i), so nothing is cached.
   */
  path(i: number): string;
}

const q = encodeURIComponent;
const WORDS = [
  'lektiehjælp',
  'besøgsven',
  'fodbold',
  'kasserer',
  'køkken',
  'chauffør',
  'spejder',
  'café',
  'mentor',
  'sprog',
  'natur',
  'cykel',
  'kor',
  'have',
  'svømning',
  'højtlæsning',
  'it',
  'madlavning',
  'ledsager',
  'værksted',
];
const AREAS = ['kongens-lyngby', 'virum', 'sorgenfri', 'lundtofte', 'taarbaek', 'hjortekaer', 'bondebyen', 'ulrikkenborg', 'brede'];
const GROUPS = [
  'boern',
  'unge',
  'familier',
  'aeldre',
  'mennesker-med-handicap',
  'psykisk-saarbare',
  'ensomme',
  'flygtninge',
  'tosprogede',
  'alle',
];
const FORMS = ['ONGOING', 'EPISODIC', 'PROGRAMME', 'SELF_ORGANISED'];
const COMMITMENTS = ['ONE_OFF', 'OCCASIONAL', 'MONTHLY', 'WEEKLY'];

/** Request i as digits in mixed radix: a different combination for every i below the product of the lengths. */
function combination(i: number, ...lists: (readonly string[])[]): string[] {
  let rest = i;
  return lists.map((list) => {
    const value = list[rest % list.length] as string;
    rest = Math.floor(rest / list.length);
    return value;
  });
}

const SCENARIOS: Scenario[] = [
  { name: 'No query (newest first)', single: 300, concurrent: 1500, path: () => '/opgaver' },
  { name: 'q=lektiehjælp', single: 300, concurrent: 1500, path: () => `/opgaver?q=${q('lektiehjælp')}` },
  {
    name: 'q=lektiehjælp + area + target group',
    single: 300,
    concurrent: 1500,
    path: () => `/opgaver?q=${q('lektiehjælp')}&omraade=lundtofte&maalgruppe=unge`,
  },
  {
    name: 'Filters only: area + target group + how often',
    single: 300,
    concurrent: 1500,
    path: () => '/opgaver?omraade=virum&maalgruppe=aeldre&tid=WEEKLY',
  },
  { name: 'Sort by deadline', single: 300, concurrent: 1500, path: () => '/opgaver?sortering=frist' },
  { name: 'Deepest page (side=100)', single: 300, concurrent: 1500, path: () => '/opgaver?side=100' },
  {
    // 7,200 different searches: no count is ever reused, the cost of a search nobody
    // has made in the last half minute.
    name: 'Varied: text + 3 filters, each search new',
    single: 300,
    concurrent: 1000,
    path: (i) => {
      const [word, area, group, form] = combination(i, WORDS, AREAS, GROUPS, FORMS);
      return `/opgaver?q=${q(word ?? '')}&omraade=${area}&maalgruppe=${group}&form=${form}`;
    },
  },
  {
    // The worst case: broad searches (thousands of matches) never seen before.
    name: 'Varied: 3 filters, no text, each search new',
    single: 60,
    concurrent: 200,
    path: (i) => {
      const [area, group, commitment] = combination(i, AREAS, GROUPS, COMMITMENTS);
      return `/opgaver?omraade=${area}&maalgruppe=${group}&tid=${commitment}`;
    },
  },
];

/** What the page scenarios pick from, read from the seeded database (not guessed). */
interface SeededValues {
  /** Public openings' ids (published, approved association, deadline not passed), in a stable mixed order. */
  openingIds: number[];
  /** Approved associations' slugs, in a stable mixed order. */
  associationSlugs: string[];
  /** Active fields of work's slugs (the directory's first filter). */
  fieldsOfWork: string[];
}

/** The name of the static page's row: every row's throughput is given as a share of it. */
const STATIC_PAGE = 'Static page /tilgaengelighed (no query)';

/**
 * After the search: the static page (the ceiling of a rendered page, for the ratio
 * column) and the other public pages at this scale, each over many different rows,
 * so the figures are not one row's cached pages. The directory's addresses are in
 * its canonical order (q, fagomraade, omraade, type, side); any other order answers
 * with a redirect, which the table would count as non-200.
 */
function pageScenarios(seeded: SeededValues): Scenario[] {
  const { openingIds, associationSlugs, fieldsOfWork } = seeded;
  const nth = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;
  return [
    { name: STATIC_PAGE, single: 300, concurrent: 2000, path: () => '/tilgaengelighed' },
    {
      name: `Opening page /opgaver/:id, ${openingIds.length.toLocaleString('en')} different`,
      single: 300,
      concurrent: 1500,
      path: (i) => `/opgaver/${nth(openingIds, i)}`,
    },
    { name: 'Directory /foreninger (no query)', single: 200, concurrent: 800, path: () => '/foreninger' },
    {
      name: 'Directory: field of work + area, each pair in turn',
      single: 200,
      concurrent: 800,
      path: (i) => {
        const [field, area] = combination(i, fieldsOfWork, AREAS);
        return `/foreninger?fagomraade=${field}&omraade=${area}`;
      },
    },
    {
      name: 'Directory: name search q=Stjernen + type',
      single: 150,
      concurrent: 600,
      path: () => `/foreninger?q=Stjernen&type=ASSOCIATION`,
    },
    // About 450 pages of 20 approved associations: page 400 sorts (nearly) all of them.
    { name: 'Directory: deep page (side=400)', single: 150, concurrent: 600, path: () => '/foreninger?side=400' },
    {
      name: `Association page /foreninger/:slug, ${associationSlugs.length.toLocaleString('en')} different`,
      single: 300,
      concurrent: 1500,
      path: (i) => `/foreninger/${nth(associationSlugs, i)}`,
    },
  ];
}

/** `BENCH_SCENARIOS=word,word` runs only the rows whose name contains one of the words (and the static page). */
function selected(scenarios: Scenario[]): Scenario[] {
  const words = (process.env.BENCH_SCENARIOS ?? '')
    .split(',')
    .map((word) => word.trim().toLowerCase())
    .filter(Boolean);
  if (words.length === 0) return scenarios;
  return scenarios.filter((s) => s.name === STATIC_PAGE || words.some((word) => s.name.toLowerCase().includes(word)));
}

// ---------------------------------------------------------------------------------
// The bench
// ---------------------------------------------------------------------------------

function loadInWorker(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // Node 20 does not pass tsx's loader on to a worker's entry module, so the worker
    // registers it itself before importing the TypeScript file.
    const entry = new URL('./bench-load.ts', import.meta.url).href;
    const code = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
    const worker = new Worker(code, { eval: true, workerData: job });
    worker.once('message', (result: LoadResult) => {
      void worker.terminate();
      resolve(result);
    });
    worker.once('error', reject);
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

const log = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`);
};

async function benchSearch(): Promise<string> {
  const totalStarted = performance.now();
  // Under /tmp (world-traversable): as root, PostgreSQL runs as `postgres`.
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'portal-bench-pg-'));
  let pgServer: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
  let httpServer: Server | undefined;
  let database: ReturnType<typeof createDatabase> | undefined;
  let facetIndex: FacetIndex | undefined;
  let cleaning: Promise<void> | undefined;
  const cleanUp = (): Promise<void> =>
    (cleaning ??= (async () => {
      await new Promise<void>((resolve) => {
        if (!httpServer) return resolve();
        httpServer.closeAllConnections();
        httpServer.close(() => resolve());
      });
      await facetIndex?.stop();
      await database?.close();
      await pgServer?.stop();
      await rm(dataDir, { recursive: true, force: true });
    })());
  cleanUpOnInterrupt(cleanUp, log);
  try {
    log(`starting PostgreSQL in ${dataDir}`);
    pgServer = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    await pgServer.createDatabase('bench');
    const url = pgServer.url('bench');
    await migrateDatabase(url);

    const now = new Date();
    const seedDb = createDatabase({ url, statementTimeoutMs: 15 * 60_000 });
    try {
      await seedDemoData(seedDb.prisma, { now });
      const seedStarted = performance.now();
      log(`seeding ${BENCH_OPENINGS.toLocaleString('en')} openings across ${BENCH_ASSOCIATIONS.toLocaleString('en')} associations`);
      await seedBenchData(seedDb.prisma, now);
      log(`seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s; VACUUM ANALYZE`);
      await seedDb.pool.query('VACUUM ANALYZE');
    } finally {
      await seedDb.close();
    }

    const config = measuredAppConfig(url);
    database = createDatabase({ url, poolMax: config.database.poolMax });
    const facts = await database.pool.query<{ version: string; openings: string; public: string }>(
      `SELECT split_part(version(), ' ', 2) AS version,
              (SELECT count(*) FROM openings) AS openings,
              (SELECT count(*) FROM openings o JOIN associations a ON a.id = o.association_id
                WHERE o.status = 'PUBLISHED' AND a.status = 'APPROVED'
                  AND (o.deadline IS NULL OR o.deadline >= (now() AT TIME ZONE 'Europe/Copenhagen')::date)) AS public`,
    );
    const seeded: SeededValues = {
      // Public by the portal's day, Copenhagen's (not the server's UTC date: between
      // midnight in Copenhagen and in UTC, openings due "today" would be 404).
      openingIds: (
        await database.pool.query<{ id: number }>(
          `SELECT o.id FROM openings o JOIN associations a ON a.id = o.association_id
            WHERE o.status = 'PUBLISHED' AND a.status = 'APPROVED'
              AND (o.deadline IS NULL OR o.deadline >= (now() AT TIME ZONE 'Europe/Copenhagen')::date)
            ORDER BY hashint4(o.id), o.id LIMIT 5000`,
        )
      ).rows.map((row) => row.id),
      associationSlugs: (
        await database.pool.query<{ slug: string }>(
          `SELECT slug FROM associations WHERE status = 'APPROVED' ORDER BY hashint4(id), id LIMIT 5000`,
        )
      ).rows.map((row) => row.slug),
      fieldsOfWork: (
        await database.pool.query<{ slug: string }>(`SELECT slug FROM fields_of_work WHERE retired_at IS NULL ORDER BY sort_order, id`)
      ).rows.map((row) => row.slug),
    };
    // The services as src/server.ts builds them, with the search's facet index loaded.
    const services = createServices({ prisma: database.prisma, clock: systemClock, config, logger: createLogger(config.logLevel) });
    facetIndex = services.searchFacetIndex;
    const indexLoaded = facetIndex.nextLoad();
    const indexStarted = performance.now();
    facetIndex.start(database.pool);
    const snapshot = await indexLoaded;
    log(
      `search facet index: ${snapshot.size.toLocaleString('en')} openings, ${(snapshot.bytes / 1e6).toFixed(1)} MB, ` +
        `loaded in ${((performance.now() - indexStarted) / 1000).toFixed(2)} s`,
    );
    const app = createApp({ prisma: database.prisma, pool: database.pool, config, services });
    httpServer = await new Promise<Server>((resolve) => {
      const server = app.listen(0, '127.0.0.1', () => resolve(server));
    });
    const address = httpServer.address();
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    log(`app listening on ${baseUrl}`);

    const measured: { name: string; cells: string[]; rps: number; failures: number }[] = [];
    const paths = (scenario: Scenario, from: number, count: number): string[] =>
      Array.from({ length: count }, (_, i) => scenario.path(from + i));
    const summary = (result: LoadResult): string[] => {
      const sorted = [...result.latenciesMs].sort((a, b) => a - b);
      return [50, 95, 99].map((p) => percentile(sorted, p).toFixed(1));
    };
    for (const scenario of selected([...SCENARIOS, ...pageScenarios(seeded)])) {
      const { single, concurrent } = scenario;
      // Warm-up: compiled views, query plans, caches — the state a running portal is in.
      await loadInWorker({ baseUrl, paths: paths(scenario, single + concurrent, WARMUP_REQUESTS), concurrency: 2 });
      const alone = await loadInWorker({ baseUrl, paths: paths(scenario, 0, single), concurrency: 1 });
      const loaded = await loadInWorker({ baseUrl, paths: paths(scenario, single, concurrent), concurrency: CONCURRENCY });
      const rps = (loaded.latenciesMs.length / loaded.durationMs) * 1000;
      const cells = [...summary(alone), ...summary(loaded)];
      const failures = alone.failures + loaded.failures;
      measured.push({ name: scenario.name, cells, rps, failures });
      log(`| ${scenario.name} | ${cells.join(' | ')} | ${rps.toFixed(0)} | ${failures} |`);
    }
    // Each row's 8-client throughput as a share of the static page's in the same run
    // (the issue's goals are ratios: absolute req/s move with the machine's load).
    const staticRps = measured.find((row) => row.name === STATIC_PAGE)?.rps;
    const rows = measured.map(
      ({ name, cells, rps, failures }) =>
        `| ${name} | ${cells.join(' | ')} | ${rps.toFixed(0)} | ${staticRps ? `${Math.round((100 * rps) / staticRps)}%` : '–'} | ${failures} |`,
    );

    const fact = facts.rows[0];
    const lines = [
      `Search page (/opgaver), then the static page, opening pages, directory and association pages, with ${Number(fact?.openings).toLocaleString('en')} openings ` +
        `(${Number(fact?.public).toLocaleString('en')} public) from ${BENCH_ASSOCIATIONS.toLocaleString('en')} associations; ` +
        `PostgreSQL ${fact?.version} (embedded, default settings), Node ${process.version}, ` +
        `${os.cpus().length} CPU cores (${os.cpus()[0]?.model.trim() ?? 'unknown'}); ` +
        `clients over loopback, after ${WARMUP_REQUESTS} warm-up requests per scenario. Latencies in ms.`,
      '',
      `| Scenario | 1 client p50 | p95 | p99 | ${CONCURRENCY} clients p50 | p95 | p99 | req/s (${CONCURRENCY} clients) | of static page | non-200 |`,
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows,
      '',
      `Total bench time ${((performance.now() - totalStarted) / 1000).toFixed(0)} s.`,
    ];
    return lines.join('\n');
  } finally {
    await cleanUp();
  }
}

/**
 * `npm run bench` runs every part; `-- --pages` or `-- --search` only that part (the
 * pages take about two minutes, the search and the pages at its scale about four and a half).
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const only = (['--pages', '--search'] as const).filter((flag) => args.includes(flag));
  const parts = only.length === 0 ? ['--pages', '--search'] : only;
  const tables: string[] = [];
  if (parts.includes('--pages')) tables.push(await benchPages());
  if (parts.includes('--search')) tables.push(await benchSearch());
  process.stdout.write(`\n${tables.join('\n\n')}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
