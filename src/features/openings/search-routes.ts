// Public search of openings (/opgaver), feeds.
import express, { type Router } from 'express';
import type { FeatureDeps } from '../feature-deps.js';

export function openingSearchRoutes(_deps: FeatureDeps): Router {
  const router = express.Router();
  return router;
}
