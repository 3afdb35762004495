// The public side of openings, for everyone: the search (/opgaver) and its feeds, the
// opening's own page (/opgaver/:id) and showing interest in it (the form, the receipt,
// the rate limit). What happens to an interest afterwards is the interests feature's;
// an association's management of its openings is association-openings'.
import express, { type Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { SecurityEvents } from '../../audit/audit-log.js';
import type { RateLimitStores } from '../../security/rate-limit-store.js';
import type { InterestService } from '../interests/interest-service.js';
import { feedController } from './feed-controller.js';
import { createOpeningPageController } from './opening-page-controller.js';
import type { OpeningPageService } from './opening-page-service.js';
import { searchController } from './search-controller.js';
import type { OpeningSearch } from './search-service.js';

const HOUR_MS = 60 * 60 * 1000;

export interface OpeningRoutesDeps {
  clock: Clock;
  config: Pick<Config, 'baseUrl' | 'interestRateLimit'>;
  security: SecurityEvents;
  rateLimits: RateLimitStores;
  services: { openingSearch: OpeningSearch; openingPages: OpeningPageService; interests: InterestService };
}

export function openingRoutes(deps: OpeningRoutesDeps): Router {
  const { openingSearch, openingPages, interests } = deps.services;
  const search = searchController({ clock: deps.clock }, openingSearch);
  const feed = feedController({ clock: deps.clock, config: deps.config }, openingSearch);
  const openingPage = createOpeningPageController({
    clock: deps.clock,
    config: deps.config,
    security: deps.security,
    openingPages,
    interests,
  });

  // Anti-automation (ASVS 2.4.1): per address, at most config.interestRateLimit
  // interests an hour (accepted submissions: 303 answers, honeypot hits included);
  // failed attempts (422) do not use that up, so a citizen fixing typos is not
  // locked out — but every attempt counts towards a ten times wider limit.
  const limiterOptions = {
    windowMs: HOUR_MS,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: openingPage.rateLimited,
  } as const;
  // Counted in PostgreSQL, so every portal process counts together.
  const interestSubmissions = rateLimit({
    ...limiterOptions,
    store: deps.rateLimits.store('interest-submissions'),
    limit: deps.config.interestRateLimit,
    skipFailedRequests: true,
  });
  const interestAttempts = rateLimit({
    ...limiterOptions,
    store: deps.rateLimits.store('interest-attempts'),
    limit: deps.config.interestRateLimit * 10,
  });

  const router = express.Router();
  router.get('/opgaver', search.page);
  router.get('/feed/opgaver.rss', (req, res) => feed('rss', req, res));
  router.get('/feed/opgaver.atom', (req, res) => feed('atom', req, res));
  router.get('/opgaver/:id', openingPage.showOpening);
  router.post('/opgaver/:id/interesse', interestAttempts, interestSubmissions, openingPage.submitInterest);
  router.get('/opgaver/:id/interesse/kvittering', openingPage.showReceipt);
  return router;
}
