// Liveness (/healthz) and readiness (/readyz). Mounted before sessions, so probes never
// create sessions or touch the session store.
//
// /healthz: the process answers and can recover by itself: 503 only when the embedded
// PostgreSQL's supervisor gave up restarting it (src/db/supervised-postgres.ts), so
// an orchestrator restarts the container. A database that is merely away (restarting,
// paused, an external one down) is not a reason to restart the portal.
// /readyz: send traffic here now: 503 while shutting down, while the embedded server is
// being restarted (or was given up), and when the database does not answer in time.
import express, { type Router } from 'express';
import type pg from 'pg';
import type { DatabaseState } from '../../db/supervised-postgres.js';

export interface Lifecycle {
  shuttingDown: boolean;
  /** The embedded PostgreSQL's supervisor, when the portal runs one. */
  databaseSupervision?: { readonly state: DatabaseState };
}

export function healthRoutes(pool: pg.Pool, lifecycle: Lifecycle, readinessTimeoutMs = 2000): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store');
    if (lifecycle.databaseSupervision?.state === 'failed') {
      res.status(503).json({ status: 'failed', database: 'failed' });
      return;
    }
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    if (lifecycle.shuttingDown) {
      res.status(503).json({ status: 'shutting-down' });
      return;
    }
    const supervised = lifecycle.databaseSupervision?.state;
    if (supervised === 'restarting' || supervised === 'failed') {
      res.status(503).json({ status: 'unavailable', database: supervised });
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        pool.query('SELECT 1'),
        new Promise((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error('readiness check timed out')), readinessTimeoutMs);
        }),
      ]);
      res.json({ status: 'ok', database: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable', database: 'unreachable' });
    } finally {
      clearTimeout(timer);
    }
  });
  return router;
}
