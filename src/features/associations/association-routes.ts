// Associations: registration, directory, profiles, membership, staff review.
import express, { type Router } from 'express';
import type { FeatureDeps } from '../feature-deps.js';

export function associationRoutes(_deps: FeatureDeps): Router {
  const router = express.Router();
  return router;
}
