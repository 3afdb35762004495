// `npm run bench -- --pages`: the stack's own ceiling and the public pages against it.
// Every page is measured in one run, side by side, with the demo data and production
// settings, so the ratios (static page / /healthz, each page / static page) compare
// like with like on whatever machine runs it.
//
// The server is the real one, as operators start it: a child process `node --import tsx
// src/server.ts` (or `node dist/src/server.js`, BENCH_SERVER=dist below) with
// NODE_ENV=production and DATABASE_URL pointing at an embedded PostgreSQL in a temporary directory (request log on, at info, to
// /dev/null; the job worker off so its polling does not blur the figures). A first
// start migrates and loads the demo data; the second start is the cold start measured
// (process start → /readyz 200, database already initialised) and then serves the
// load. The load: autocannon, CONCURRENCY connections for DURATION_S seconds per page
// after a warm-up, anonymous (no cookies). RSS of the server after the run from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { freePort } from '../src/db/free-port.js';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { projectRoot } from '../src/paths.js';

const CONCURRENCY = 8;
const DURATION_S = Number(process.env.BENCH_PAGE_SECONDS ?? 5);
const WARMUP_S = 2;

const log = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`);
};

interface PageResult {
  name: string;
  path: string;
  rps: number;
  p50: number;
  p95: number;
  non2xx: number;
  errors: number;
  kbPerRequest: number;
  /** The server's CPU time (user + system) per request during the measured load. */
  cpuUsPerRequest: number;
}

// For profiling: BENCH_PROFILE_DIR=dir writes the measured server's CPU profile there
// (node --cpu-prof, on exit); BENCH_ONLY=/tilgaengelighed,/healthz measures only those.
// BENCH_SERVER=dist starts the compiled server (`node dist/src/server.js`, after
// `npm run build`) instead of the source under tsx.
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;
const FROM_DIST = process.env.BENCH_SERVER === 'dist';
const SERVER_ARGS = FROM_DIST ? ['dist/src/server.js'] : ['--import', 'tsx', 'src/server.ts'];
const ONLY = process.env.BENCH_ONLY?.split(',');

function startServer(env: NodeJS.ProcessEnv, profile = false): ChildProcess {
  const profiling = profile && PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  return spawn(process.execPath, [...profiling, ...SERVER_ARGS], {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitReady(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      await response.arrayBuffer();
      if (response.status === 200) return performance.now() - started;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('server not ready in time');
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * The server's CPU time so far in ms (utime + stime from /proc, in clock ticks of 10 ms).
 * On a machine shared with other work req/s move with the load; the server's CPU time
 * per request hardly does, so the ratios are also given by it.
 */
function cpuMs(pid: number): number {
  const fields = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

async function load(baseUrl: string, urlPath: string, seconds: number): Promise<autocannon.Result> {
  return autocannon({ url: baseUrl + urlPath, connections: CONCURRENCY, duration: seconds });
}

export async function benchPages(): Promise<string> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'portal-bench-pages-pg-'));
  let pgServer: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
  let child: ChildProcess | undefined;
  try {
    log(`pages: starting PostgreSQL in ${dataDir}`);
    pgServer = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    await pgServer.createDatabase('bench');
    const databaseUrl = pgServer.url('bench');
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      SESSION_SECRET: randomBytes(32).toString('hex'),
      PORT: String(port),
      BASE_URL: baseUrl,
      JOBS_ENABLED: 'false',
      LOG_LEVEL: 'info',
      // As the Dockerfile runs the server (memory: docs/PERFORMANCE.md).
      MALLOC_ARENA_MAX: '2',
    };

    log('pages: first start (migrations and demo data)');
    child = startServer({ ...env, SEED_DEMO_DATA: 'true' });
    await waitReady(baseUrl, child, 180_000);
    await stopServer(child);

    log('pages: cold start with the initialised database');
    child = startServer(env, true);
    const coldStartMs = await waitReady(baseUrl, child, 60_000);
    const rssAtReady = child.pid ? rssMiB(child.pid) : NaN;
    log(`pages: ready in ${coldStartMs.toFixed(0)} ms, RSS ${rssAtReady.toFixed(0)} MB`);

    const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    const ids = await pool.query<{ opening: number; slug: string }>(
      `SELECT (SELECT o.id FROM openings o JOIN associations a ON a.id = o.association_id
                WHERE o.status = 'PUBLISHED' AND a.status = 'APPROVED'
                  AND (o.deadline IS NULL OR o.deadline >= (now() AT TIME ZONE 'Europe/Copenhagen')::date) ORDER BY o.id LIMIT 1) AS opening,
              (SELECT slug FROM associations WHERE status = 'APPROVED' ORDER BY id LIMIT 1) AS slug`,
    );
    await pool.end();
    const row = ids.rows[0];
    if (!row) throw new Error('no demo data');

    const pages = [
      { name: '/healthz (ceiling)', path: '/healthz' },
      { name: 'Static page /tilgaengelighed', path: '/tilgaengelighed' },
      { name: 'Home /', path: '/' },
      { name: 'Search /opgaver', path: '/opgaver' },
      { name: `Opening /opgaver/${row.opening}`, path: `/opgaver/${row.opening}` },
      { name: 'Directory /foreninger', path: '/foreninger' },
      { name: `Association /foreninger/${row.slug}`, path: `/foreninger/${encodeURIComponent(row.slug)}` },
      { name: 'Calendar /kalender', path: '/kalender' },
    ];
    const results: PageResult[] = [];
    for (const page of pages) {
      if (ONLY && !ONLY.includes(page.path)) continue;
      await load(baseUrl, page.path, WARMUP_S);
      const cpuBefore = child.pid ? cpuMs(child.pid) : NaN;
      const r = await load(baseUrl, page.path, DURATION_S);
      const cpuUsed = child.pid ? cpuMs(child.pid) - cpuBefore : NaN;
      const result: PageResult = {
        ...page,
        rps: r.requests.average,
        p50: r.latency.p50,
        p95: r.latency.p97_5,
        non2xx: r.non2xx,
        errors: r.errors + r.timeouts,
        kbPerRequest: r.requests.total > 0 ? r.throughput.total / r.requests.total / 1024 : 0,
        cpuUsPerRequest: r.requests.total > 0 ? (cpuUsed * 1000) / r.requests.total : NaN,
      };
      results.push(result);
      log(`${page.path}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, ${result.cpuUsPerRequest.toFixed(0)} µs CPU/request`);
    }
    const rss = child.pid ? rssMiB(child.pid) : NaN;

    const healthz = results[0]?.rps ?? NaN;
    const staticRps = results[1]?.rps ?? NaN;
    const healthzCpu = results[0]?.cpuUsPerRequest ?? NaN;
    const staticCpu = results[1]?.cpuUsPerRequest ?? NaN;
    const pct = (value: number): string => `${((value * 100) as number).toFixed(0)}%`;
    const lines = [
      `Pages with the demo data, production settings, ${CONCURRENCY} connections, ${DURATION_S} s each after ${WARMUP_S} s warm-up ` +
        `(autocannon; anonymous, no compression asked for); Node ${process.version}, ${os.cpus().length} CPU cores ` +
        `(${os.cpus()[0]?.model.trim() ?? 'unknown'}); server \`node ${SERVER_ARGS.join(' ')}\`, client in the bench process.`,
      '',
      '| Page | req/s | p50 ms | p97.5 ms | KiB/response | ratio | server CPU µs/request | ratio by CPU | non-2xx |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...results.map((r, i) => {
        const ratio = i === 0 ? '' : i === 1 ? `${pct(r.rps / healthz)} of /healthz` : `${pct(r.rps / staticRps)} of static`;
        // By CPU: how many of this page the server's CPU serves for one of the reference.
        const byCpu = i === 0 ? '' : i === 1 ? pct(healthzCpu / r.cpuUsPerRequest) : pct(staticCpu / r.cpuUsPerRequest);
        return `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p95} | ${r.kbPerRequest.toFixed(1)} | ${ratio} | ${r.cpuUsPerRequest.toFixed(0)} | ${byCpu} | ${r.non2xx + r.errors} |`;
      }),
      '',
      `Server RSS after the run: ${rss.toFixed(0)} MB (at ready: ${rssAtReady.toFixed(0)} MB). Cold start with an initialised database (process start → /readyz 200): ${(coldStartMs / 1000).toFixed(2)} s.`,
    ];
    return lines.join('\n');
  } finally {
    if (child) await stopServer(child);
    await pgServer?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
