// `npm run test:instances`: two portal processes on one database, shown by requests.
//
// One embedded PostgreSQL (started here, under a temporary directory), two portal
// processes in production mode on PORT_A and PORT_B with DATABASE_URL to it, the same
// SESSION_SECRET, demo data (loaded by A), each with its own MAIL_DIR and job worker.
// Shown, each as a row of the table printed at the end (exit code 1 on any failure):
//   (a) a login on A is valid on B (sessions in PostgreSQL);
//   (b) failed logins spread over A and B meet the limit at LOGIN_RATE_LIMIT in total;
//   (c) interest submissions spread over A and B meet INTEREST_RATE_LIMIT in total;
//   (d) a burst of queued e-mails is delivered once each, by one worker or the other;
//   (e) both processes registered the product's crontab in the one known_crontabs
//       table, and a cron entry due while two workers run fires once: two workers of
//       this script (own connection pools, as two processes have) run the product's
//       crontab with every entry made due each minute, on a schema of their own so
//       the portals' workers do not take their jobs.
//
// The servers run from source (`node --import tsx src/server.ts`): no build step, and
// the code under test is the working tree, as in the tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Logger as WorkerLogger, run, type Runner, type Task } from 'graphile-worker';
import pg from 'pg';
import { startEmbeddedPostgres, EMBEDDED_APP_DATABASE, type EmbeddedPostgresServer } from '../src/db/embedded-postgres.js';
import { createDatabase } from '../src/db/database.js';
import { queueMail } from '../src/mail/outbox.js';
import { CRONTAB } from '../src/jobs/worker.js';
import { projectRoot } from '../src/paths.js';
import { cleanUpOnInterrupt } from './script-support.js';

const PORT_A = 3104;
const PORT_B = 3114;
const PG_PORT = 5504;
const LOGIN_LIMIT = 5;
const INTEREST_LIMIT = 5;
const MAIL_BURST = 40;
const DEMO_PASSWORD = 'Frivillig-demo-2026';
const DEMO_MEMBER = 'forening@example.org';

const log = (message: string): void => {
  process.stderr.write(`[instances] ${message}\n`);
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Row {
  check: string;
  expected: string;
  observed: string;
  ok: boolean;
}
const rows: Row[] = [];
function record(check: string, expected: string, observed: string, ok: boolean): void {
  rows.push({ check, expected, observed, ok });
  log(`${ok ? 'ok  ' : 'FAIL'} ${check}: ${observed}`);
}

/** A browser's cookie jar over fetch, for one client talking to either instance. */
class Client {
  private cookies = new Map<string, string>();
  async request(
    base: string,
    pathname: string,
    form?: Record<string, string>,
  ): Promise<{ status: number; text: string; location: string | null }> {
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(`${base}${pathname}`, {
      method: form ? 'POST' : 'GET',
      headers,
      redirect: 'manual',
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (pair && at > 0) this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return { status: response.status, text: await response.text(), location: response.headers.get('location') };
  }
}

function hidden(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]+)"`).exec(html);
  if (!match?.[1]) throw new Error(`no ${name} on the page`);
  return match[1];
}

interface Instance {
  name: string;
  base: string;
  child: ChildProcess;
  mailDir: string;
  logFile: string;
}

async function startInstance(name: string, port: number, env: Record<string, string>, root: string): Promise<Instance> {
  const mailDir = path.join(root, `mail-${name}`);
  await mkdir(mailDir);
  const logFile = path.join(root, `${name}.log`);
  const out = createWriteStream(logFile);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: projectRoot,
    env: { ...process.env, ...env, PORT: String(port), BASE_URL: `http://127.0.0.1:${port}`, MAIL_DIR: mailDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`instance ${name} exited (${child.exitCode}); see its log`);
    try {
      if ((await fetch(`${base}/readyz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`instance ${name} not ready in time`);
    await sleep(500);
  }
  log(`instance ${name} ready at ${base}`);
  return { name, base, child, mailDir, logFile };
}

async function stopInstance(instance: Instance): Promise<void> {
  const { child } = instance;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(killer);
}

async function mailSubjects(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.json'));
  return Promise.all(names.map(async (name) => (JSON.parse(await readFile(path.join(dir, name), 'utf8')) as { subject: string }).subject));
}

async function main(): Promise<void> {
  const started = performance.now();
  // Under /tmp and traversable: as root, PostgreSQL runs as `postgres`.
  const root = await mkdtemp(path.join(os.tmpdir(), 'portal-instances-'));
  await chmod(root, 0o755);
  const instances: Instance[] = [];
  let pgServer: EmbeddedPostgresServer | undefined;
  const runners: Runner[] = [];
  const pools: pg.Pool[] = [];
  let cleaning: Promise<void> | undefined;
  const cleanUp = (): Promise<void> =>
    (cleaning ??= (async () => {
      await Promise.allSettled(runners.map((runner) => runner.stop()));
      await Promise.allSettled(pools.map((pool) => pool.end()));
      await Promise.allSettled(instances.map(stopInstance));
      await pgServer?.stop().catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    })());
  cleanUpOnInterrupt(cleanUp, log);

  try {
    log(`starting PostgreSQL on port ${PG_PORT} in ${root}`);
    pgServer = await startEmbeddedPostgres({ dataDir: path.join(root, 'pg'), port: PG_PORT });
    await pgServer.ensureDatabase(EMBEDDED_APP_DATABASE);
    const url = pgServer.url(EMBEDDED_APP_DATABASE);
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: url,
      SESSION_SECRET: randomBytes(32).toString('hex'),
      COOKIE_SECURE: 'false',
      LOG_LEVEL: 'warn',
      LOGIN_RATE_LIMIT: String(LOGIN_LIMIT),
      INTEREST_RATE_LIMIT: String(INTEREST_LIMIT),
      JOBS_ENABLED: 'true',
    };
    // A migrates and loads the demo data; B starts on the database A made.
    instances.push(await startInstance('A', PORT_A, { ...env, SEED_DEMO_DATA: 'true' }, root));
    instances.push(await startInstance('B', PORT_B, { ...env, SEED_DEMO_DATA: 'false' }, root));
    const [a, b] = instances as [Instance, Instance];

    // (a) Log in on A; the session cookie opens /min-side on B.
    {
      const client = new Client();
      const page = await client.request(a.base, '/log-ind');
      const login = await client.request(a.base, '/log-ind', {
        _csrf: hidden(page.text, '_csrf'),
        email: DEMO_MEMBER,
        password: DEMO_PASSWORD,
      });
      const onB = await client.request(b.base, '/min-side');
      record(
        '(a) log in on A, open /min-side on B',
        'A: 303, B: 200',
        `A: ${login.status} → ${login.location ?? '-'}, B: ${onB.status}`,
        login.status === 303 && onB.status === 200,
      );
    }

    // (b) Failed logins for one account, alternating A and B.
    {
      const client = new Client();
      const page = await client.request(a.base, '/log-ind');
      const token = hidden(page.text, '_csrf');
      const statuses: string[] = [];
      for (let attempt = 0; attempt <= LOGIN_LIMIT; attempt += 1) {
        const instance = attempt % 2 === 0 ? a : b;
        const answer = await client.request(instance.base, '/log-ind', {
          _csrf: token,
          email: 'ingen.konto@example.org',
          password: `forkert-${attempt}`,
        });
        statuses.push(`${instance.name}:${answer.status}`);
      }
      const expected = [...Array.from({ length: LOGIN_LIMIT }, () => '401'), '429'];
      record(
        `(b) ${LOGIN_LIMIT + 1} failed logins, A and B in turn (limit ${LOGIN_LIMIT})`,
        `${LOGIN_LIMIT}× 401, then 429`,
        statuses.join(' '),
        statuses.every((status, i) => status.endsWith(expected[i] ?? '')),
      );
    }

    // (c) Interest submissions for one opening, alternating A and B.
    {
      const search = await new Client().request(a.base, '/opgaver');
      const openingId = /href="\/opgaver\/(\d+)"/.exec(search.text)?.[1];
      if (!openingId) throw new Error('no opening on /opgaver');
      const statuses: string[] = [];
      for (let n = 0; n <= INTEREST_LIMIT; n += 1) {
        const instance = n % 2 === 0 ? a : b;
        const client = new Client();
        const page = await client.request(instance.base, `/opgaver/${openingId}`);
        const answer = await client.request(instance.base, `/opgaver/${openingId}/interesse`, {
          _csrf: hidden(page.text, '_csrf'),
          submissionKey: hidden(page.text, 'submissionKey'),
          name: 'Test Borgersen',
          email: `borger${n}@example.org`,
          phone: '+45 00 00 00 11',
          message: 'Jeg har tid tirsdag eftermiddag.',
          consent: 'ja',
        });
        statuses.push(`${instance.name}:${answer.status}`);
      }
      const expected = [...Array.from({ length: INTEREST_LIMIT }, () => '303'), '429'];
      record(
        `(c) ${INTEREST_LIMIT + 1} interests, A and B in turn (limit ${INTEREST_LIMIT})`,
        `${INTEREST_LIMIT}× 303, then 429`,
        statuses.join(' '),
        statuses.every((status, i) => status.endsWith(expected[i] ?? '')),
      );
    }

    // (d) A burst of e-mails queued at once (the product's queueMail, one transaction):
    // both workers take from the one queue; each message is written once.
    {
      const database = createDatabase({ url });
      const marker = `instances-${randomBytes(4).toString('hex')}`;
      try {
        await database.prisma.$transaction((tx) =>
          queueMail(
            tx,
            Array.from({ length: MAIL_BURST }, (_, i) => ({ to: `modtager${i}@example.org`, subject: `${marker} ${i}`, text: 'test' })),
          ),
        );
        const deadline = Date.now() + 90_000;
        for (;;) {
          const { rows: left } = await database.pool.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'send-mail'",
          );
          if ((left[0]?.n ?? 0) === 0 || Date.now() > deadline) break;
          await sleep(250);
        }
      } finally {
        await database.close();
      }
      await sleep(1000);
      const fromA = (await mailSubjects(a.mailDir)).filter((s) => s.startsWith(marker));
      const fromB = (await mailSubjects(b.mailDir)).filter((s) => s.startsWith(marker));
      const all = [...fromA, ...fromB];
      const distinct = new Set(all).size;
      record(
        `(d) ${MAIL_BURST} e-mails queued at once`,
        `${MAIL_BURST} written, each once`,
        `${all.length} written (A ${fromA.length}, B ${fromB.length}), ${distinct} distinct`,
        all.length === MAIL_BURST && distinct === MAIL_BURST,
      );
    }

    // (e) The crontab, once across processes.
    {
      const expectedIds = CRONTAB.split('\n').map((line) => line.trim().split(/\s+/)[5] ?? '');
      const known = await (async () => {
        const pool = new pg.Pool({ connectionString: url, max: 1 });
        try {
          const { rows: found } = await pool.query<{ identifier: string }>(
            'SELECT identifier FROM graphile_worker._private_known_crontabs ORDER BY identifier',
          );
          return found.map((row) => row.identifier);
        } finally {
          await pool.end();
        }
      })();
      record(
        '(e1) crontab entries registered by A and B',
        `${expectedIds.length} rows, one per entry`,
        `${known.length} rows (${known.join(', ')})`,
        known.length === expectedIds.length && expectedIds.every((id) => known.includes(id)),
      );

      // The product's entries, each due every minute; executions counted per worker.
      const everyMinute = CRONTAB.split('\n')
        .map((line) => `* * * * * ${line.trim().split(/\s+/).slice(5).join(' ')}`)
        .join('\n');
      const executions: { worker: string; task: string; ts: string }[] = [];
      // Only the queue's warnings and errors, on stderr with the script's own lines.
      const quiet = new WorkerLogger(() => (level, message) => {
        if (level === 'error' || level === 'warning') log(`cron worker: ${message}`);
      });
      const taskList = (worker: string): Record<string, Task> =>
        Object.fromEntries(
          expectedIds.map((id) => [
            id,
            (payload: unknown) => {
              const ts = (payload as { _cron?: { ts?: string } })._cron?.ts ?? '?';
              executions.push({ worker, task: id, ts });
            },
          ]),
        );
      for (const worker of ['1', '2']) {
        const pool = new pg.Pool({ connectionString: url, max: 4 });
        pool.on('error', (error) => log(`cron worker ${worker}: idle connection failed: ${error.message}`));
        pool.on('connect', (client) => client.on('error', (error) => log(`cron worker ${worker}: connection failed: ${error.message}`)));
        pools.push(pool);
        runners.push(
          await run({
            pgPool: pool,
            schema: 'instances_cron_check',
            taskList: taskList(worker),
            crontab: everyMinute,
            logger: quiet,
            concurrency: 2,
            noHandleSignals: true,
            pollInterval: 500,
          }),
        );
      }
      // Until two minute boundaries have passed with both workers running.
      const firstMinute = Math.floor(Date.now() / 60_000) + 1;
      log('two cron workers running; waiting for two minute boundaries');
      while (Math.floor(Date.now() / 60_000) < firstMinute + 1) await sleep(1000);
      await sleep(5000);
      await Promise.all(runners.splice(0).map((runner) => runner.stop()));
      const perTaskAndMinute = new Map<string, number>();
      for (const execution of executions) {
        const key = `${execution.task}@${execution.ts}`;
        perTaskAndMinute.set(key, (perTaskAndMinute.get(key) ?? 0) + 1);
      }
      const twice = [...perTaskAndMinute.values()].filter((n) => n > 1).length;
      const minutes = new Set(executions.map((e) => e.ts)).size;
      const byWorker = ['1', '2'].map((w) => `worker ${w}: ${executions.filter((e) => e.worker === w).length}`).join(', ');
      record(
        `(e2) ${expectedIds.length} cron entries due each minute, two workers`,
        `each entry once per minute`,
        `${executions.length} runs over ${minutes} minutes (${byWorker}), ${twice} entry-minutes run twice`,
        executions.length === expectedIds.length * minutes && minutes >= 2 && twice === 0,
      );
    }
  } catch (error) {
    for (const instance of instances) {
      const tail = (await readFile(instance.logFile, 'utf8').catch(() => '')).split('\n').slice(-15).join('\n');
      log(`log of instance ${instance.name} (last lines):\n${tail}`);
    }
    throw error;
  } finally {
    await cleanUp();
  }

  const lines = [
    `Two portal processes (production mode, from source) on one embedded PostgreSQL, Node ${process.version}; ` +
      `total ${((performance.now() - started) / 1000).toFixed(0)} s.`,
    '',
    '| check | expected | observed | |',
    '| --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.check} | ${row.expected} | ${row.observed} | ${row.ok ? 'ok' : 'FAILED'} |`),
  ];
  process.stdout.write(`\n${lines.join('\n')}\n`);
  if (rows.some((row) => !row.ok)) throw new Error('a check failed');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`instances failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
