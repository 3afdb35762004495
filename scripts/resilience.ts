// `npm run test:resilience`: the portal under steady traffic while its database hangs,
// dies and comes back, and then a SIGTERM under load. Not part of `npm test`: it takes
// a minute or two and measures time, which tests must not (README, "Resilience").
//
// It starts the real portal as a child process (from source, `node --import tsx`: no
// build step, so it measures the code as it is in the worktree), on its own ports and
// a temporary data directory, and drives it over HTTP as browsers would: searches, and
// interest submissions with the form's CSRF token and submission key. Phases:
//   baseline → pause (every PostgreSQL process SIGSTOPped: the database hangs) →
//   resumed (SIGCONT) → kill (SIGKILL the postmaster) → after kill → SIGTERM under load.
// Rules (exit code 1 when one is broken): no 5xx or failed request outside a fault
// window (fault start until the portal is ready again); recovery within the limit
// after each fault; every acknowledged interest (303 to its receipt) is in the
// database afterwards; on SIGTERM every request already connected gets its answer,
// the process exits 0 within its grace and logs no error.
//
// --database=embedded (default): the portal starts its own embedded PostgreSQL, so it
//   runs with NODE_ENV=development (production refuses the embedded server); after
//   the kill it must bring the server back itself.
// --database=external: this script runs the PostgreSQL server and the portal runs as
//   in production (NODE_ENV=production, DATABASE_URL); after the kill the script
//   starts the server again after the phase, as a service manager would, and the
//   portal's pool must reconnect on its own.
//
// Environment: RESILIENCE_PORT (3103), RESILIENCE_PG_PORT (5503), RESILIENCE_CLIENTS (6),
// RESILIENCE_PHASE_SECONDS (5), RESILIENCE_RECOVERY_SECONDS (30),
// RESILIENCE_REPORT (.data/resilience-report.json).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { EMBEDDED_APP_DATABASE, startEmbeddedPostgres, type EmbeddedPostgresServer } from '../src/db/embedded-postgres.js';
import { projectRoot } from '../src/paths.js';

const PORT = Number(process.env.RESILIENCE_PORT ?? 3103);
const PG_PORT = Number(process.env.RESILIENCE_PG_PORT ?? 5503);
const CLIENTS = Number(process.env.RESILIENCE_CLIENTS ?? 6);
const PHASE_MS = Number(process.env.RESILIENCE_PHASE_SECONDS ?? 5) * 1000;
const RECOVERY_LIMIT_MS = Number(process.env.RESILIENCE_RECOVERY_SECONDS ?? 30) * 1000;
const REPORT_FILE = path.resolve(projectRoot, process.env.RESILIENCE_REPORT ?? '.data/resilience-report.json');
/** The portal's own grace (SHUTDOWN_GRACE_MS in src/server.ts) and a margin for the exit itself. */
const SHUTDOWN_GRACE_MS = 10_000;
const EXIT_MARGIN_MS = 2_000;
const STARTUP_LIMIT_MS = 180_000;
/** A request that has not been answered by then counts as timed out. */
const REQUEST_TIMEOUT_MS = 20_000;

const databaseMode = process.argv.includes('--database=external') ? 'external' : 'embedded';
const BASE = `http://127.0.0.1:${PORT}`;
// No keep-alive: each request has its own connection, so "in flight" is exact (a
// connection the server accepted carries exactly one request) and a reused idle
// connection racing the server's close cannot pass for a lost request.
const agent = new http.Agent({ keepAlive: false });

// ---------------------------------------------------------------- records

type Outcome = number | 'timeout' | 'refused' | 'reset' | 'error';

interface RequestRecord {
  kind: 'search' | 'opening' | 'interest' | 'slow-interest' | 'readyz' | 'healthz';
  start: number;
  end: number;
  /** When the TCP connection was established (undefined: it never was). */
  connectedAt?: number;
  outcome: Outcome;
  phase: string;
}

interface PhaseMark {
  name: string;
  start: number;
  end?: number;
  /** A fault phase: the database is paused or dead. */
  fault: boolean;
}

const t0 = Date.now();
const records: RequestRecord[] = [];
const phases: PhaseMark[] = [];
const acknowledged: string[] = [];
const notes: string[] = [];
const violations: string[] = [];

function currentPhase(): string {
  return phases.at(-1)?.name ?? 'start-up';
}

function beginPhase(name: string, fault = false): void {
  const now = Date.now();
  const last = phases.at(-1);
  if (last && last.end === undefined) last.end = now;
  phases.push({ name, start: now, fault });
  log(`phase ${name}`);
}

function log(message: string): void {
  process.stdout.write(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${message}\n`);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------- HTTP

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

interface RequestOptions {
  method?: 'GET' | 'POST';
  cookie?: string;
  form?: Record<string, string>;
  /** Send the body in pieces over this many ms (a slow client: the request stays in flight). */
  trickleMs?: number;
}

/** One request on its own connection; records it; never throws. */
function request(kind: RequestRecord['kind'], pathAndQuery: string, options: RequestOptions = {}): Promise<Answer | undefined> {
  const record: RequestRecord = { kind, start: Date.now(), end: 0, outcome: 'error', phase: currentPhase() };
  records.push(record);
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: Outcome, answer?: Answer) => {
      if (settled) return;
      settled = true;
      record.end = Date.now();
      record.outcome = outcome;
      resolve(answer);
    };
    const req = http.request(
      `${BASE}${pathAndQuery}`,
      {
        method: options.method ?? 'GET',
        agent,
        headers: {
          connection: 'close',
          ...(options.cookie ? { cookie: options.cookie } : {}),
          ...(body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          finish(res.statusCode ?? 0, { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        // Cut off after the head: the answer was not whole.
        res.on('error', () => finish('reset'));
      },
    );
    req.on('socket', (socket) => socket.once('connect', () => (record.connectedAt = Date.now())));
    req.setTimeout(REQUEST_TIMEOUT_MS, () => {
      finish('timeout');
      req.destroy();
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED') finish('refused');
      else if (err.code === 'ECONNRESET' || err.code === 'EPIPE' || err.message === 'socket hang up') finish('reset');
      else finish('error');
    });
    if (body === undefined) {
      req.end();
    } else if (!options.trickleMs) {
      req.end(body);
    } else {
      // Half now, the rest after the pause: the server has the request and waits for its body.
      const half = Math.floor(body.length / 2);
      req.write(body.slice(0, half));
      setTimeout(() => req.end(body.slice(half)), options.trickleMs);
    }
  });
}

/** The session cookie(s) a response set, as a Cookie header (merged into the old one). */
function mergeCookies(previous: string | undefined, answer: Answer): string | undefined {
  const jar = new Map(
    (previous ?? '')
      .split('; ')
      .filter(Boolean)
      .map((pair) => [pair.split('=')[0]!, pair] as const),
  );
  for (const line of answer.headers['set-cookie'] ?? []) {
    const pair = line.split(';')[0]!;
    jar.set(pair.split('=')[0]!, pair);
  }
  return jar.size > 0 ? [...jar.values()].join('; ') : undefined;
}

const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1];

// ---------------------------------------------------------------- traffic

const SEARCH_WORDS = ['', 'hjælp', 'sport', 'børn', 'kultur', 'natur', 'fodbold', 'lektie', 'musik', 'ældre'];
let openingIds: number[] = [];
let areaValues: string[] = [];
let submissionCounter = 0;
const runId = randomBytes(4).toString('hex');

async function discover(): Promise<void> {
  const page = await request('search', '/opgaver');
  if (!page || page.status !== 200) throw new Error(`GET /opgaver answered ${page?.status ?? 'nothing'}`);
  openingIds = [...new Set([...page.body.matchAll(/href="\/opgaver\/(\d+)"/g)].map((m) => Number(m[1])))];
  areaValues = [...new Set([...page.body.matchAll(/name="omraade" value="([^"]+)"/g)].map((m) => m[1]!))];
  if (openingIds.length === 0) throw new Error('No openings on /opgaver: is the demo data loaded?');
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

async function search(): Promise<void> {
  const params = new URLSearchParams();
  const word = pick(SEARCH_WORDS);
  if (word) params.set('q', word);
  if (areaValues.length > 0 && Math.random() < 0.3) params.set('omraade', pick(areaValues));
  const query = params.toString();
  await request('search', `/opgaver${query ? `?${query}` : ''}`);
}

/** Opens an opening's page, posts its interest form; an acknowledged one is remembered. */
async function submitInterest(trickleMs?: number): Promise<void> {
  const id = pick(openingIds);
  const page = await request('opening', `/opgaver/${id}`);
  if (!page || page.status !== 200) return;
  const cookie = mergeCookies(undefined, page);
  const csrf = hidden(page.body, '_csrf');
  const submissionKey = hidden(page.body, 'submissionKey');
  if (!csrf || !submissionKey) return;
  submissionCounter += 1;
  const email = `resilience-${runId}-${submissionCounter}@example.org`;
  const answer = await request(trickleMs ? 'slow-interest' : 'interest', `/opgaver/${id}/interesse`, {
    method: 'POST',
    cookie,
    trickleMs,
    // The honeypot field stays out, as a person leaves it empty.
    form: {
      _csrf: csrf,
      submissionKey,
      name: 'Resilience Test',
      email,
      phone: '',
      message: 'Sendt af npm run test:resilience',
      consent: 'ja',
    },
  });
  if (answer?.status === 303 && answer.headers.location === `/opgaver/${id}/interesse/kvittering`) acknowledged.push(email);
}

let trafficRunning = false;

async function client(): Promise<void> {
  while (trafficRunning) {
    if (Math.random() < 0.6) await search();
    else await submitInterest();
    // Bounded traffic: a short breath between a client's requests.
    await sleep(20 + Math.random() * 40);
  }
}

function startTraffic(): Promise<void[]> {
  trafficRunning = true;
  return Promise.all(Array.from({ length: CLIENTS }, () => client()));
}

/** /readyz and /healthz every 250 ms, for the recovery times and the report. */
let monitorRunning = false;
async function monitor(): Promise<void> {
  monitorRunning = true;
  while (monitorRunning) {
    await Promise.all([request('readyz', '/readyz'), request('healthz', '/healthz')]);
    await sleep(250);
  }
}

/** Waits until /readyz answers 200 (the monitor's records), at most `limitMs`; the time it took. */
async function waitForReady(since: number, limitMs: number): Promise<number | undefined> {
  const deadline = since + limitMs;
  while (Date.now() < deadline) {
    const ready = records.find((r) => r.kind === 'readyz' && r.start >= since && r.outcome === 200);
    if (ready) return ready.end - since;
    await sleep(100);
  }
  return undefined;
}

// ---------------------------------------------------------------- processes

interface Portal {
  child: ChildProcess;
  lines: { at: number; text: string }[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

function startPortal(env: NodeJS.ProcessEnv): Portal {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Portal['lines'] = [];
  const collect = (stream: NodeJS.ReadableStream) => {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop() ?? '';
      for (const text of parts) if (text.trim()) lines.push({ at: Date.now(), text });
    });
  };
  collect(child.stdout!);
  collect(child.stderr!);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  children.add(child);
  void exited.then(() => children.delete(child));
  return { child, lines, exited };
}

async function waitUntilServing(portal: Portal): Promise<void> {
  const deadline = Date.now() + STARTUP_LIMIT_MS;
  let exited = false;
  void portal.exited.then(() => (exited = true));
  while (Date.now() < deadline && !exited) {
    const answer = await probe('/readyz');
    if (answer === 200) return;
    await sleep(500);
  }
  throw new Error(`The portal did not become ready (${exited ? 'it exited' : 'timed out'}):\n${tail(portal)}`);
}

const tail = (portal: Portal) =>
  portal.lines
    .slice(-15)
    .map((l) => l.text.slice(0, 400))
    .join('\n');

/** A request that is not recorded (start-up checks). */
function probe(pathAndQuery: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = http.get(`${BASE}${pathAndQuery}`, { agent, timeout: 3000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
  });
}

/** Error-level (and worse) JSON log lines, and lines that are not JSON (outside the log), since `from`. */
function logFigures(portal: Portal, from: number, to = Infinity): { errors: number; nonJson: number; errorKinds: string[] } {
  let errors = 0;
  let nonJson = 0;
  const errorKinds = new Set<string>();
  // The start-up banner (plain stdout on purpose, written at once) is not a stray line.
  const bannerAt = portal.lines.find((l) => l.text.startsWith('The volunteer portal is running'))?.at;
  for (const { at, text } of portal.lines) {
    if (at < from || at > to) continue;
    if (!text.startsWith('{')) {
      if (at !== bannerAt) nonJson += 1;
      continue;
    }
    try {
      const entry = JSON.parse(text) as { level?: number; errorKind?: string; msg?: string };
      if ((entry.level ?? 0) >= 50) {
        errors += 1;
        errorKinds.add(`${entry.errorKind ?? ''} ${entry.msg ?? ''}`.trim());
      }
    } catch {
      nonJson += 1;
    }
  }
  return { errors, nonJson, errorKinds: [...errorKinds] };
}

const children = new Set<ChildProcess>();
let scriptDatabase: EmbeddedPostgresServer | undefined;

/** The postmaster's pid from its pid file, if that process is alive. */
function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

/** The postmaster's children (backends, checkpointer, ...): each has a process group of its own. */
function childPids(parent: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid ...: comm may hold spaces, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent) pids.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}

function signal(pids: number[], sig: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, sig);
    } catch {
      // Gone meanwhile.
    }
  }
}

async function startScriptDatabase(dataDir: string): Promise<EmbeddedPostgresServer> {
  // After a SIGKILL the old backends may hold the shared memory a moment longer.
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      return await startEmbeddedPostgres({ dataDir, port: PG_PORT });
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await sleep(500);
    }
  }
}

// ---------------------------------------------------------------- the run

interface Report {
  when: string;
  database: string;
  clients: number;
  phaseSeconds: number;
  phases: {
    name: string;
    fault: boolean;
    seconds: number;
    requests: number;
    statuses: Record<string, number>;
    serverErrors: number;
    readyz: Record<string, number>;
    healthz: Record<string, number>;
  }[];
  recovery: {
    afterResumeMs: number | null;
    afterKillMs: number | null;
    firstSuccessAfterResumeMs: number | null;
    firstSuccessAfterKillMs: number | null;
  };
  outsideFaultWindows: { requests: number; failures: number };
  writes: { acknowledged: number; found: number | null };
  sigterm: {
    inFlightAtSigterm: number;
    inFlightAnswered: number;
    inFlightLost: number;
    afterSigterm: Record<string, number>;
    exitCode: number | null;
    exitMs: number | null;
    errorLogLines: number;
    errorKinds: string[];
  } | null;
  logs: { errorLines: number; nonJsonLines: number; errorKinds: string[] };
  notes: string[];
  violations: string[];
}

async function run(): Promise<Report> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'portal-resilience-'));
  cleanups.push(() => rm(tmp, { recursive: true, force: true }));
  // PostgreSQL runs as the postgres user when we are root: it must reach its data directory.
  await chmod(tmp, 0o755);
  const dataDir = path.join(tmp, 'postgres');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(PORT),
    MAIL_DIR: path.join(tmp, 'mail'),
    SEED_DEMO_DATA: 'true',
    LOG_LEVEL: 'info',
    // Every submission comes from one address: the anti-spam limit would refuse them.
    INTEREST_RATE_LIMIT: '1000000',
    COOKIE_SECURE: 'false',
    SESSION_SECRET: randomBytes(32).toString('hex'),
  };
  delete env.DATABASE_URL;
  if (databaseMode === 'external') {
    scriptDatabase = await startScriptDatabase(dataDir);
    await scriptDatabase.ensureDatabase(EMBEDDED_APP_DATABASE);
    Object.assign(env, { NODE_ENV: 'production', DATABASE_URL: scriptDatabase.url(EMBEDDED_APP_DATABASE) });
  } else {
    // Production refuses the embedded server (src/config.ts); development differs in
    // error pages and cookie defaults, not in how the database is handled.
    Object.assign(env, { NODE_ENV: 'development', EMBEDDED_PG_DIR: dataDir, EMBEDDED_PG_PORT: String(PG_PORT) });
  }

  log(`starting the portal (${databaseMode} database, NODE_ENV=${env.NODE_ENV}) on port ${PORT}`);
  let portal = startPortal(env);
  const portals = [portal];
  await waitUntilServing(portal);
  await discover();
  log(`${openingIds.length} openings to show interest in; ${CLIENTS} clients`);

  const monitoring = monitor();
  beginPhase('baseline');
  const traffic = startTraffic();
  await sleep(PHASE_MS);

  /** Waits for /readyz after a fault; a broken rule when it does not come. */
  const recovery = async (from: number, fault: 'resumed' | 'killed', after: string): Promise<number | undefined> => {
    const ms = await waitForReady(from, RECOVERY_LIMIT_MS);
    if (ms === undefined) {
      violations.push(`no recovery within ${RECOVERY_LIMIT_MS / 1000} s after the database was ${fault}`);
      log(`NO RECOVERY within ${RECOVERY_LIMIT_MS / 1000} s after ${after}`);
    } else log(`ready again ${ms} ms after ${after}`);
    return ms;
  };

  // Pause: the postmaster first (no new backends), then every child, so the whole
  // server hangs, as a frozen VM or a full disk would; SIGSTOP of the postmaster alone
  // would leave the open connections working.
  const pausedPostmaster = postmasterPid(dataDir);
  if (!pausedPostmaster) throw new Error('No PostgreSQL server found to pause');
  beginPhase('paused', true);
  signal([pausedPostmaster], 'SIGSTOP');
  const paused = [pausedPostmaster, ...childPids(pausedPostmaster)];
  signal(paused.slice(1), 'SIGSTOP');
  await sleep(PHASE_MS);
  signal([...paused.slice(1), pausedPostmaster], 'SIGCONT');
  beginPhase('resumed');
  const resumedAt = Date.now();
  const afterResumeMs = await recovery(resumedAt, 'resumed', 'the resume');
  await sleep(PHASE_MS);

  const killedPostmaster = postmasterPid(dataDir);
  if (!killedPostmaster) throw new Error(`No PostgreSQL server found to kill. The portal's log:\n${tail(portal)}`);
  beginPhase('killed', true);
  signal([killedPostmaster], 'SIGKILL');
  await sleep(PHASE_MS);
  if (databaseMode === 'external') {
    // The service manager brings the database back; the portal must find it again.
    scriptDatabase = await startScriptDatabase(dataDir);
  }
  beginPhase('after-kill');
  const killEndedAt = Date.now();
  const afterKillMs = await recovery(killEndedAt, 'killed', 'the kill phase ended');
  if (afterKillMs !== undefined) await sleep(PHASE_MS);

  // SIGTERM under load. Without recovery the portal is stopped and started again, so
  // the shutdown is still checked on a portal with a working database.
  if (afterKillMs === undefined) {
    beginPhase('restart');
    trafficRunning = false;
    await traffic;
    portal.child.kill('SIGKILL');
    await portal.exited;
    const orphan = postmasterPid(dataDir);
    if (orphan) signal([orphan], 'SIGKILL');
    notes.push('The portal did not recover after the kill: it was killed and started again for the SIGTERM phase.');
    portal = startPortal(env);
    portals.push(portal);
    await waitUntilServing(portal);
  }
  beginPhase('sigterm');
  const load = afterKillMs === undefined ? startTraffic() : traffic;
  await sleep(Math.min(PHASE_MS, 2000));
  // Slow requests, in flight when the signal comes: their bodies arrive after it.
  const slow = Array.from({ length: 3 }, () => submitInterest(1500));
  await sleep(800);
  const sigtermAt = Date.now();
  portal.child.kill('SIGTERM');
  const exit = await Promise.race([portal.exited, sleep(SHUTDOWN_GRACE_MS + EXIT_MARGIN_MS).then(() => undefined)]);
  // A moment of traffic against the closed port: new connections must be refused.
  await sleep(500);
  trafficRunning = false;
  monitorRunning = false;
  await Promise.all([load, monitoring, ...slow]);
  const ended = Date.now();
  const last = phases.at(-1);
  if (last) last.end = ended;
  if (!exit) {
    violations.push(`the portal did not exit within ${(SHUTDOWN_GRACE_MS + EXIT_MARGIN_MS) / 1000} s of SIGTERM`);
    portal.child.kill('SIGKILL');
    await portal.exited;
  }

  // ---- the figures
  const inFlight = records.filter(
    (r) => r.kind !== 'readyz' && r.kind !== 'healthz' && r.connectedAt !== undefined && r.connectedAt < sigtermAt && r.end >= sigtermAt,
  );
  const lost = inFlight.filter((r) => typeof r.outcome !== 'number');
  const afterSigterm = count(records.filter((r) => r.start >= sigtermAt && r.kind !== 'readyz' && r.kind !== 'healthz'));
  const shutdownLog = logFigures(portal, sigtermAt);
  if (lost.length > 0) {
    const which = lost.map(
      (r) => `${r.kind} ${r.outcome}, connected ${r.connectedAt! - sigtermAt} ms and ended ${r.end - sigtermAt} ms after the signal`,
    );
    violations.push(`${lost.length} request(s) in flight at SIGTERM got no answer: ${which.join('; ')}`);
  }
  if (exit && exit.code !== 0) violations.push(`the portal exited with ${exit.code ?? exit.signal} after SIGTERM`);
  if (shutdownLog.errors > 0)
    violations.push(`${shutdownLog.errors} error line(s) in the portal's log during shutdown: ${shutdownLog.errorKinds.join('; ')}`);
  if (shutdownLog.nonJson > 0) violations.push(`${shutdownLog.nonJson} line(s) outside the JSON log during shutdown`);
  const answeredAfterExit = records.filter((r) => exit && r.start > exit.at && typeof r.outcome === 'number');
  if (answeredAfterExit.length > 0) violations.push(`${answeredAfterExit.length} request(s) answered after the portal exited`);

  // Fault windows: from a fault's start until the portal is ready again after it.
  const windows: [number, number][] = [];
  const pausedPhase = phases.find((p) => p.name === 'paused')!;
  windows.push([pausedPhase.start, afterResumeMs === undefined ? Infinity : resumedAt + afterResumeMs]);
  const killedPhase = phases.find((p) => p.name === 'killed')!;
  const restart = phases.find((p) => p.name === 'restart');
  windows.push([killedPhase.start, afterKillMs === undefined ? (restart?.end ?? Infinity) : killEndedAt + afterKillMs]);
  const overlapsFault = (r: RequestRecord) => windows.some(([from, to]) => r.start < to && r.end > from);
  const traffic_ = records.filter((r) => r.kind !== 'readyz' && r.kind !== 'healthz' && r.start < sigtermAt && r.phase !== 'restart');
  const outside = traffic_.filter((r) => !overlapsFault(r));
  const failures = outside.filter((r) => typeof r.outcome !== 'number' || r.outcome >= 500);
  if (failures.length > 0) {
    violations.push(`${failures.length} request(s) outside the fault windows failed: ${JSON.stringify(count(failures))}`);
  }
  const firstSuccess = (since: number) => {
    const ok = traffic_.find((r) => r.start >= since && typeof r.outcome === 'number' && r.outcome < 400);
    return ok ? ok.end - since : null;
  };

  // ---- acknowledged writes, read from the database with the portal stopped
  let found: number | null = null;
  try {
    found = await countStored(dataDir);
    if (found !== acknowledged.length) violations.push(`${acknowledged.length - found} acknowledged interest(s) missing from the database`);
  } catch (err) {
    violations.push(`could not read the database to check the writes: ${err instanceof Error ? err.message : String(err)}`);
  }

  const wholeLog = portals.map((p) => logFigures(p, 0));
  // The portal's own output, for a closer look at what the figures show.
  await mkdir(path.dirname(REPORT_FILE), { recursive: true });
  await writeFile(
    REPORT_FILE.replace(/\.json$/, '') + '-portal.log',
    portals
      .flatMap((p, i) => [`---- portal ${i + 1}`, ...p.lines.map((l) => `[${((l.at - t0) / 1000).toFixed(1)} s] ${l.text}`)])
      .join('\n') + '\n',
  );
  return {
    when: new Date().toISOString(),
    database: databaseMode,
    clients: CLIENTS,
    phaseSeconds: PHASE_MS / 1000,
    phases: phases.map((phase) => {
      const inPhase = records.filter((r) => r.phase === phase.name);
      const trafficInPhase = inPhase.filter((r) => r.kind !== 'readyz' && r.kind !== 'healthz');
      const statuses = count(trafficInPhase);
      return {
        name: phase.name,
        fault: phase.fault,
        seconds: Math.round(((phase.end ?? ended) - phase.start) / 100) / 10,
        requests: trafficInPhase.length,
        statuses,
        serverErrors: trafficInPhase.filter((r) => typeof r.outcome === 'number' && r.outcome >= 500).length,
        readyz: count(inPhase.filter((r) => r.kind === 'readyz')),
        healthz: count(inPhase.filter((r) => r.kind === 'healthz')),
      };
    }),
    recovery: {
      afterResumeMs: afterResumeMs ?? null,
      afterKillMs: afterKillMs ?? null,
      firstSuccessAfterResumeMs: firstSuccess(resumedAt),
      firstSuccessAfterKillMs: afterKillMs === undefined ? null : firstSuccess(killEndedAt),
    },
    outsideFaultWindows: { requests: outside.length, failures: failures.length },
    writes: { acknowledged: acknowledged.length, found },
    sigterm: {
      inFlightAtSigterm: inFlight.length,
      inFlightAnswered: inFlight.length - lost.length,
      inFlightLost: lost.length,
      afterSigterm,
      exitCode: exit?.code ?? null,
      exitMs: exit ? exit.at - sigtermAt : null,
      errorLogLines: shutdownLog.errors,
      errorKinds: shutdownLog.errorKinds,
    },
    logs: {
      errorLines: wholeLog.reduce((sum, l) => sum + l.errors, 0),
      nonJsonLines: wholeLog.reduce((sum, l) => sum + l.nonJson, 0),
      errorKinds: [...new Set(wholeLog.flatMap((l) => l.errorKinds))],
    },
    notes,
    violations,
  };
}

function count(list: RequestRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of list) counts[String(r.outcome)] = (counts[String(r.outcome)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/** How many acknowledged e-mails have their interest stored. */
async function countStored(dataDir: string): Promise<number> {
  if (databaseMode === 'embedded') {
    // The portal stopped its server; start one of our own on the same data.
    const leftover = postmasterPid(dataDir);
    if (leftover) {
      signal([leftover], 'SIGINT');
      await sleep(2000);
    }
    scriptDatabase = await startScriptDatabase(dataDir);
  }
  const client = new pg.Client({ connectionString: scriptDatabase!.url(EMBEDDED_APP_DATABASE) });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>('SELECT count(DISTINCT email)::int AS n FROM interests WHERE email = ANY($1)', [
      acknowledged,
    ]);
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

function printReport(report: Report): void {
  const lines: string[] = [];
  const fmt = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([k, v]) => `${k}:${v}`)
      .join(' ') || '-';
  lines.push('', `Resilience run (${report.database} database, ${report.clients} clients, phases of ${report.phaseSeconds} s)`, '');
  lines.push(`${'phase'.padEnd(11)} ${'s'.padStart(5)} ${'requests'.padStart(8)}  ${'statuses'.padEnd(44)} ${'readyz'.padEnd(24)} healthz`);
  for (const phase of report.phases) {
    lines.push(
      `${(phase.name + (phase.fault ? '*' : '')).padEnd(11)} ${phase.seconds.toFixed(1).padStart(5)} ${String(phase.requests).padStart(8)}  ${fmt(phase.statuses).padEnd(44)} ${fmt(phase.readyz).padEnd(24)} ${fmt(phase.healthz)}`,
    );
  }
  const ms = (value: number | null) => (value === null ? 'no recovery' : `${(value / 1000).toFixed(1)} s`);
  lines.push('(* fault phase)', '');
  lines.push(
    `ready again after the resume:       ${ms(report.recovery.afterResumeMs)} (first success ${ms(report.recovery.firstSuccessAfterResumeMs)})`,
  );
  lines.push(
    `ready again after the kill phase:   ${ms(report.recovery.afterKillMs)} (first success ${ms(report.recovery.firstSuccessAfterKillMs)})`,
  );
  lines.push(
    `outside the fault windows:          ${report.outsideFaultWindows.requests} requests, ${report.outsideFaultWindows.failures} failed`,
  );
  lines.push(`acknowledged interests:             ${report.writes.acknowledged}, found afterwards ${report.writes.found ?? '?'}`);
  if (report.sigterm) {
    const s = report.sigterm;
    lines.push(
      `SIGTERM: in flight ${s.inFlightAtSigterm} (answered ${s.inFlightAnswered}, lost ${s.inFlightLost}); started after: ${fmt(s.afterSigterm)}`,
    );
    lines.push(`         exit code ${s.exitCode ?? '-'} after ${ms(s.exitMs)}; error log lines during shutdown ${s.errorLogLines}`);
  }
  lines.push(`portal log: ${report.logs.errorLines} error line(s), ${report.logs.nonJsonLines} line(s) outside the JSON log`);
  // The first few kinds: a dead database gives the same few errors many times.
  for (const kind of report.logs.errorKinds.slice(0, 12)) lines.push(`  error: ${kind.slice(0, 160)}`);
  for (const note of report.notes) lines.push(`note: ${note}`);
  lines.push('', report.violations.length === 0 ? 'All rules held.' : `RULES BROKEN:\n  ${report.violations.join('\n  ')}`, '');
  process.stdout.write(lines.join('\n') + '\n');
}

// ---------------------------------------------------------------- clean-up

const cleanups: (() => Promise<unknown>)[] = [];

async function cleanUp(): Promise<void> {
  trafficRunning = false;
  monitorRunning = false;
  for (const child of children) child.kill('SIGKILL');
  // Bounded: stop() waits for an exit event a killed server never sends.
  if (scriptDatabase) await Promise.race([scriptDatabase.stop().catch(() => {}), sleep(10_000)]);
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    void cleanUp().finally(() => process.exit(130));
  });
}

try {
  const report = await run();
  await cleanUp();
  printReport(report);
  await mkdir(path.dirname(REPORT_FILE), { recursive: true });
  await writeFile(REPORT_FILE, JSON.stringify(report, null, 2) + '\n');
  log(`report written to ${path.relative(projectRoot, REPORT_FILE)}`);
  process.exit(report.violations.length === 0 ? 0 : 1);
} catch (err) {
  process.stderr.write(`resilience run failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  await cleanUp();
  process.exit(2);
}
