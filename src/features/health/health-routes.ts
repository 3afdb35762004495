// Liveness (/healthz: the process answers) and readiness (/readyz: the database
// answers, and we are not shutting down). Mounted before sessions, so probes never
// create sessions or touch the session store.
import express, { type Router } from 'express';
import type pg from 'pg';

export interface Lifecycle {
  shuttingDown: boolean;
}

export function healthRoutes(pool: pg.Pool, lifecycle: Lifecycle, readinessTimeoutMs = 2000): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    if (lifecycle.shuttingDown) {
      res.status(503).json({ status: 'shutting-down' });
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
