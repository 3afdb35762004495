// Public search of openings (/opgaver) and its feeds (/feed/opgaver.rss|.atom).
// /opgaver/:id (the opening's own page) belongs to the interests feature.
import express, { type Router } from 'express';
import type { FeatureDeps } from '../feature-deps.js';
import { feedController } from './feed-controller.js';
import { searchController } from './search-controller.js';
import { createOpeningSearch } from './search-service.js';

export function openingSearchRoutes(deps: FeatureDeps): Router {
  const search = createOpeningSearch(deps.prisma);
  const page = searchController(deps, search);
  const feed = feedController(deps, search);
  const router = express.Router();
  router.get('/opgaver', page.page);
  router.get('/feed/opgaver.rss', (req, res) => feed('rss', req, res));
  router.get('/feed/opgaver.atom', (req, res) => feed('atom', req, res));
  return router;
}
