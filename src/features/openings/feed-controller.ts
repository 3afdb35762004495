// GET /feed/opgaver.rss and /feed/opgaver.atom: the newest public openings, for feed
// readers and for other sites to show. They take the search page's filters too, so
// "subscribe" on a filtered search (say, openings in Lundtofte for young people)
// gives a feed of just those. Links are absolute (config.baseUrl): a feed is read
// away from the portal.
import type { Request, Response } from 'express';
import { Feed } from 'feed';
import { dateFormatter } from '../../middleware/locale.js';
import { escapeHtml } from '../../views/escape-html.js';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import { parseSearchQuery } from './search-schemas.js';
import type { OpeningHit, OpeningSearch } from './search-service.js';
import { searchHref, searchLinks } from './search-url.js';

export const FEED_SIZE = 50;

export type FeedFormat = 'rss' | 'atom';

const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
};

export function feedController(deps: { clock: Clock; config: Pick<Config, 'baseUrl'> }, search: OpeningSearch) {
  const base = deps.config.baseUrl.replace(/\/+$/, '');

  // Feed readers show titles and summaries as HTML (the `feed` package marks them so),
  // while ours are plain text typed by associations: escaped, so "<b>" stays text.
  function describe(req: Request, hit: OpeningHit): string {
    const lines = [hit.summary, `${req.t('openings.search.result.association')}: ${hit.associationName}`];
    if (hit.localArea) lines.push(`${req.t('openings.search.result.localArea')}: ${hit.localArea[req.lang]}`);
    if (hit.deadline) lines.push(`${req.t('openings.search.result.deadline')}: ${dateFormatter(req.lang)(hit.deadline)}`);
    return lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('');
  }

  return async function feed(format: FeedFormat, req: Request, res: Response): Promise<void> {
    const state = { ...parseSearchQuery(req.query), sort: 'nyeste' as const, page: 1 };
    const now = deps.clock.now();
    const hits = await search.newest(state, now, FEED_SIZE);
    const { municipality } = res.locals;
    const links = searchLinks(state);
    const pageUrl = base + searchHref(state);
    const feed = new Feed({
      title: req.t('openings.search.feed.title', { municipality: municipality.name }),
      description: req.t('openings.search.feed.description', { municipality: municipality.name }),
      id: pageUrl,
      link: pageUrl,
      language: req.lang,
      // The newest opening's publication: readers use it to see whether to fetch again.
      updated: hits[0]?.publishedAt ?? now,
      generator: false,
      copyright: municipality.name,
      feedLinks: { rss: base + links.feed('rss'), atom: base + links.feed('atom') },
    });
    for (const hit of hits) {
      const url = `${base}/opgaver/${hit.id}`;
      feed.addItem({
        title: escapeHtml(hit.title),
        id: url,
        link: url,
        date: hit.publishedAt ?? now,
        description: describe(req, hit),
        author: [{ name: hit.associationName }],
      });
    }
    res.type(CONTENT_TYPES[format]);
    res.send(format === 'rss' ? feed.rss2() : feed.atom1());
  };
}
