// GET /opgaver: the public search page. Everything it needs is in the query string;
// a value that makes no sense is ignored (search-schemas.ts), so no URL leads to an
// error page.
import type { Request, Response } from 'express';
import type { Clock } from '../../clock.js';
import { MAX_QUERY_LENGTH, parseSearchQuery } from './search-schemas.js';
import type { OpeningSearch } from './search-service.js';
import { searchPageModel } from './search-view-model.js';
import { canonicalSearchRedirect, searchQueryString } from './search-url.js';
import { alertHref } from '../opening-alerts/opening-alert-routes.js';

export function searchController(deps: { clock: Clock }, search: OpeningSearch) {
  return {
    async page(req: Request, res: Response): Promise<void> {
      const state = parseSearchQuery(req.query);
      // The filter form is a plain GET form, so without JavaScript it also sends its
      // empty fields (q=, boerneattest=); a shared URL should say only what was chosen.
      const canonical = canonicalSearchRedirect(req.originalUrl, state);
      if (canonical) {
        // 302, not 301: a browser must not remember that a search address moves.
        res.redirect(302, canonical);
        return;
      }
      const outcome = await search.search(state, deps.clock.now());
      const model = searchPageModel(outcome, req.t, req.lang);
      // Only an empty result suggests the volunteer centre, so only then look it up.
      const volunteerCentre = outcome.total === 0 ? await search.volunteerCentre() : null;
      res.render('openings/search', {
        title: model.title,
        search: model,
        // Longer search words are cut to this length, not refused, so there is no schema max.
        limits: { q: MAX_QUERY_LENGTH },
        volunteerCentre,
        alertHref: alertHref(searchQueryString(outcome.state, { includeSortAndPage: false })),
        headLinks: [
          { rel: 'alternate', type: 'application/rss+xml', href: model.feeds.rss, title: req.t('openings.search.feed.rssTitle') },
          { rel: 'alternate', type: 'application/atom+xml', href: model.feeds.atom, title: req.t('openings.search.feed.atomTitle') },
        ],
      });
    },
  };
}
