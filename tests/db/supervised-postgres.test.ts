// The embedded PostgreSQL under supervision, on a server of its own (its own data
// directory and port, not the run's shared one): killed with SIGKILL it is started
// again and answers; paused it is left alone; when it cannot be started the supervisor
// gives up and liveness fails.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import express from 'express';
import supertest from 'supertest';
import pg from 'pg';
import { freePort } from '../../src/db/free-port.js';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from '../../src/db/embedded-postgres.js';
import { superviseEmbeddedPostgres, type DatabaseState, type DatabaseSupervisor } from '../../src/db/supervised-postgres.js';
import { healthRoutes, type Lifecycle } from '../../src/features/health/health-routes.js';
import { memoryLogger } from '../helpers/memory-logger.js';

const FAST = { checkIntervalMs: 50, initialDelayMs: 50, maxDelayMs: 200 };

let dataDir: string;
let port: number;
let server: EmbeddedPostgresServer;

beforeAll(async () => {
  // Under /tmp (world-traversable), since as root PostgreSQL runs as `postgres`.
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'portal-supervised-pg-'));
  port = await freePort();
  server = await startEmbeddedPostgres({ dataDir, port });
});
afterAll(async () => {
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function postmasterPid(): Promise<number> {
  return Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
}

async function selectOne(): Promise<number> {
  const client = new pg.Client({ connectionString: server.url(), connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ one: number }>('SELECT 1 AS one');
    return rows[0]?.one ?? 0;
  } finally {
    await client.end();
  }
}

/** Resolves when the supervisor reports `state`. */
function reaching(states: DatabaseState[], state: DatabaseState): Promise<void> {
  return new Promise((resolve) => {
    const check = setInterval(() => {
      if (states.includes(state)) {
        clearInterval(check);
        resolve();
      }
    }, 10);
  });
}

function watch(maxAttempts: number): { supervisor: DatabaseSupervisor; states: DatabaseState[]; log: ReturnType<typeof memoryLogger> } {
  const states: DatabaseState[] = [];
  const log = memoryLogger();
  const supervisor = superviseEmbeddedPostgres(server, {
    ...FAST,
    maxAttempts,
    logger: log.logger,
    onStateChange: (state) => states.push(state),
  });
  return { supervisor, states, log };
}

describe('the supervised embedded PostgreSQL', () => {
  it('restarts a server killed with SIGKILL on the same data directory and port, and it answers again', async () => {
    const { supervisor, states, log } = watch(5);
    try {
      const before = await postmasterPid();
      expect(await selectOne()).toBe(1);
      process.kill(before, 'SIGKILL');
      await reaching(states, 'running');
      expect(states).toEqual(['restarting', 'running']);
      expect(supervisor.restarts).toBe(1);
      expect(await postmasterPid()).not.toBe(before);
      expect(await selectOne()).toBe(1);
      const events = log
        .text()
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { event: string }).event);
      expect(events).toContain('database-process-exited');
      expect(events).toContain('database-restarted');
    } finally {
      supervisor.stop();
    }
  });

  it('leaves a paused (SIGSTOP) server alone: paused is not dead', async () => {
    const { supervisor, states } = watch(5);
    const pid = await postmasterPid();
    process.kill(pid, 'SIGSTOP');
    try {
      // Many supervision rounds (50 ms each) pass while the server is paused.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(states).toEqual([]);
      expect(supervisor.state).toBe('running');
    } finally {
      process.kill(pid, 'SIGCONT');
      supervisor.stop();
    }
    expect(await postmasterPid()).toBe(pid);
    expect(await selectOne()).toBe(1);
  });

  it('does not take a stale postmaster.pid naming a live process that is not PostgreSQL for a running server', async () => {
    // After a SIGKILL the file stays; its pid can be given to another process, even to
    // the portal itself. A second data directory with such a file: a fresh start.
    const otherDir = await mkdtemp(path.join(os.tmpdir(), 'portal-stale-pid-'));
    try {
      const first = await startEmbeddedPostgres({ dataDir: otherDir, port: await freePort() });
      const content = await readFile(path.join(otherDir, 'postmaster.pid'), 'utf8');
      await first.stop();
      const lines = content.split('\n');
      lines[0] = String(process.pid);
      await writeFile(path.join(otherDir, 'postmaster.pid'), lines.join('\n'));
      const again = await startEmbeddedPostgres({ dataDir: otherDir, port: await freePort() });
      try {
        expect(again.reused).toBe(false);
        expect(again.alive()).toBe(true);
      } finally {
        await again.stop();
      }
    } finally {
      await rm(otherDir, { recursive: true, force: true });
    }
  });

  it('gives up after its attempts when the server cannot start; readiness and then liveness fail', async () => {
    const { supervisor, states, log } = watch(2);
    const lifecycle: Lifecycle = { shuttingDown: false, databaseSupervision: supervisor };
    const pool = new pg.Pool({ connectionString: server.url(), connectionTimeoutMillis: 500 });
    pool.on('error', () => undefined);
    const app = express().use(healthRoutes(pool, lifecycle, 500));
    const versionFile = path.join(dataDir, 'PG_VERSION');
    const version = await readFile(versionFile, 'utf8');
    try {
      await supertest(app).get('/healthz').expect(200);
      await supertest(app).get('/readyz').expect(200);
      // A data directory PostgreSQL refuses (FATAL at start): every restart fails.
      await writeFile(versionFile, 'not a version\n');
      process.kill(await postmasterPid(), 'SIGKILL');
      await reaching(states, 'failed');
      expect(states).toEqual(['restarting', 'failed']);
      expect((await supertest(app).get('/readyz').expect(503)).body).toEqual({ status: 'unavailable', database: 'failed' });
      expect((await supertest(app).get('/healthz').expect(503)).body).toEqual({ status: 'failed', database: 'failed' });
      const lines = log
        .text()
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { event: string; serverSays?: string[] });
      expect(lines.filter((line) => line.event === 'database-restart-failed')).toHaveLength(2);
      expect(lines.some((line) => line.serverSays?.some((said) => said.includes('FATAL')))).toBe(true);
      expect(lines.at(-1)?.event).toBe('database-supervisor-gave-up');
    } finally {
      supervisor.stop();
      await pool.end();
      await writeFile(versionFile, version);
      await server.restart();
    }
    expect(await selectOne()).toBe(1);
  });

  it('answers readiness 503 "restarting" while a restart is under way, with liveness still up', async () => {
    const lifecycle: Lifecycle = { shuttingDown: false, databaseSupervision: { state: 'restarting' } };
    const pool = new pg.Pool({ connectionString: server.url() });
    const app = express().use(healthRoutes(pool, lifecycle));
    try {
      expect((await supertest(app).get('/readyz').expect(503)).body).toEqual({ status: 'unavailable', database: 'restarting' });
      await supertest(app).get('/healthz').expect(200);
    } finally {
      await pool.end();
    }
  });
});
