import express, { type Router } from 'express';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { Clock } from '../../clock.js';
import { createHomeService } from './home-service.js';

export function homeRoutes(deps: { prisma: PrismaClient; clock: Clock }): Router {
  const service = createHomeService(deps.prisma);
  const router = express.Router();
  router.get('/', async (req, res) => {
    const now = deps.clock.now();
    const [openings, counts] = await Promise.all([service.latestOpenings(now), service.counts(now)]);
    res.render('home/index', { title: req.t('home.title'), openings, counts });
  });
  return router;
}
