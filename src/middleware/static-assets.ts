// Static files: our own (public/) and the design system's compiled assets, served from
// node_modules/dkfds/dist so no page depends on a CDN. Before sessions, so asset
// requests never touch the database.
import path from 'node:path';
import express, { type Router } from 'express';
import { projectRoot } from '../paths.js';

export function staticAssets(options: { production: boolean }): Router {
  const router = express.Router();
  const maxAge = options.production ? '7d' : 0;
  router.use('/static', express.static(path.join(projectRoot, 'public'), { maxAge, index: false }));
  router.use('/assets/dkfds', express.static(path.join(projectRoot, 'node_modules', 'dkfds', 'dist'), { maxAge, index: false }));
  return router;
}
