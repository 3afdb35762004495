// Opening pages, show-interest, withdrawal, and associations' management of openings and interests.
import express, { type Router } from 'express';
import type { FeatureDeps } from '../feature-deps.js';

export function openingRoutes(_deps: FeatureDeps): Router {
  const router = express.Router();
  return router;
}
