// The front page: the newest public openings and how many openings and associations
// there are.
import express, { type Router } from 'express';
import type { Clock } from '../../clock.js';
import type { HomeService } from './home-service.js';

export function homeRoutes(deps: { clock: Clock; services: { home: HomeService } }): Router {
  const { home } = deps.services;
  const router = express.Router();
  router.get('/', async (req, res) => {
    const { openings, counts } = await home.frontPage(deps.clock.now());
    res.render('home/index', { title: req.t('home.title'), openings, counts });
  });
  return router;
}
