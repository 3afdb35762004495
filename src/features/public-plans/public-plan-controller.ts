// GET /handleplaner, /handleplaner/:slug and /handleplaner/:slug/feed.xml — the public
// pages of the municipality's action plans and each plan's feed. No login; what is
// public is decided in public-plan-service.ts (finalised reviews only).
//
// The feed is Atom, built with the `feed` package as the openings feeds are
// (openings/feed-controller.ts): same content type style, absolute links on
// config.baseUrl (a feed is read away from the portal), titles and texts escaped
// because readers show them as HTML. One format is enough here: the address is fixed
// (feed.xml), and Atom carries an update time per entry, which is what "the status
// was corrected" needs.
import type { Request, RequestHandler } from 'express';
import type { TFunction } from 'i18next';
import { Feed } from 'feed';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import { HttpError } from '../../errors.js';
import { dateFormatter } from '../../middleware/locale.js';
import { escapeHtml } from '../../views/escape-html.js';
import { linkParts } from './link-parts.js';
import type { PublicAmendment, PublicPlanService } from './public-plan-service.js';

export const PUBLIC_PLANS_PATH = '/handleplaner';
export const publicPlanPath = (slug: string) => `${PUBLIC_PLANS_PATH}/${encodeURIComponent(slug)}`;
export const publicPlanFeedPath = (slug: string) => `${publicPlanPath(slug)}/feed.xml`;
/** Anchors on the plan page the feed items point to. */
export const yearAnchor = (year: number) => `aar-${year}`;
export const amendmentAnchor = (id: number) => `rettelse-${id}`;

export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';

/** Fields of an entry or review whose values are statuses, shown by their label. */
const STATUS_FIELDS = new Set(['status']);

/**
 * The text as the end of a sentence: a full stop added, unless it already ends with
 * punctuation (user text such as "…på Facebook." must not become "…på Facebook..").
 */
export function sentence(text: string): string {
  const trimmed = text.trimEnd();
  return trimmed === '' || /[.!?…:;]["”')\]]?$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** An indicator with its target and what was achieved, as sentences ("Nye medlemmer. Mål for året: 20. Opnået: 14"). */
export function indicatorLine(parts: string[]): string {
  return parts.filter((part) => part !== '').reduce((line, part) => (line === '' ? part : `${sentence(line)} ${part}`), '');
}

/** An amendment as the page shows it: which field, its values before and after, in words. */
export interface AmendmentView extends PublicAmendment {
  fieldLabel: string;
  beforeText: string;
  afterText: string;
}

function valueText(t: TFunction, field: string, value: unknown, lang: 'da' | 'en'): string {
  if (value === null || value === undefined || value === '') return t('publicPlans.review.empty');
  if (typeof value === 'string' && STATUS_FIELDS.has(field)) return t(`actionPlans.status.${value}`, { defaultValue: value });
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/.test(value)) return dateFormatter(lang)(new Date(value));
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function amendmentView(req: Pick<Request, 't' | 'lang'>, amendment: PublicAmendment): AmendmentView {
  return {
    ...amendment,
    fieldLabel: req.t(`publicPlans.field.${amendment.field}`, { defaultValue: amendment.field }),
    // Sentences, so the text "Før: … Efter: …" puts no second full stop after user text.
    beforeText: sentence(valueText(req.t, amendment.field, amendment.before, req.lang)),
    afterText: sentence(valueText(req.t, amendment.field, amendment.after, req.lang)),
  };
}

/** A correction in a feed entry: the year, what changed from what to what, and why. */
function amendmentHtml(req: Pick<Request, 't' | 'lang'>, item: PublicAmendment & { year: number }): string {
  const view = amendmentView(req, item);
  const what =
    item.actionTitle === null
      ? req.t('publicPlans.review.amendmentOfReview', { field: view.fieldLabel })
      : req.t('publicPlans.review.amendmentOf', { field: view.fieldLabel, action: item.actionTitle });
  return [
    req.t('publicPlans.review.heading', { year: item.year }),
    what,
    req.t('publicPlans.review.beforeAfter', { before: view.beforeText, after: view.afterText }),
    req.t('publicPlans.review.reason', { reason: item.reason }),
  ]
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('');
}

/**
 * The feed's language on its root element: the `feed` package writes `language` only
 * into RSS, so the Atom root gets xml:lang here (the texts are in the reader's language).
 */
export function withXmlLang(atom: string, lang: string): string {
  return atom.replace(/<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/, (root) => `${root} xml:lang="${lang}"`);
}

export function createPublicPlanController(deps: { clock: Clock; config: Pick<Config, 'baseUrl'>; publicPlans: PublicPlanService }) {
  const base = deps.config.baseUrl.replace(/\/+$/, '');

  const list: RequestHandler = async (req, res) => {
    const plans = await deps.publicPlans.list();
    const title = req.t('publicPlans.list.title');
    res.render('public-plans/list', {
      title,
      plans: plans.map((p) => ({ ...p, href: publicPlanPath(p.slug) })),
    });
  };

  const show: RequestHandler = async (req, res) => {
    const plan = await deps.publicPlans.find(String(req.params.slug), deps.clock.now());
    if (!plan) throw new HttpError(404);
    const feedHref = publicPlanFeedPath(plan.slug);
    res.render('public-plans/show', {
      title: plan.title,
      breadcrumbs: [
        { href: PUBLIC_PLANS_PATH, label: req.t('publicPlans.list.title') },
        { label: plan.title, typed: true },
      ],
      plan: {
        ...plan,
        years: plan.years.map((y) => ({
          ...y,
          anchor: yearAnchor(y.year),
          actions: y.actions.map((a) => ({
            ...a,
            evidenceParts: linkParts(a.entry?.evidence ?? ''),
            indicatorLine: indicatorLine([
              a.indicator,
              a.indicatorTarget === null ? '' : req.t('publicPlans.show.target', { target: a.indicatorTarget }),
              a.entry && a.entry.indicatorActual !== null ? req.t('publicPlans.show.actual', { actual: a.entry.indicatorActual }) : '',
            ]),
          })),
          review: y.review
            ? { ...y.review, amendments: y.review.amendments.map((a) => ({ ...amendmentView(req, a), anchor: amendmentAnchor(a.id) })) }
            : null,
        })),
      },
      feedHref,
      headLinks: [
        {
          rel: 'alternate',
          type: 'application/atom+xml',
          href: feedHref,
          title: req.t('publicPlans.feed.linkTitle', { plan: plan.title }),
        },
      ],
    });
  };

  const feed: RequestHandler = async (req, res) => {
    const plan = await deps.publicPlans.feed(String(req.params.slug));
    if (!plan) throw new HttpError(404);
    const { municipality } = res.locals as { municipality: { name: string } };
    const pageUrl = base + publicPlanPath(plan.slug);
    const feed = new Feed({
      title: req.t('publicPlans.feed.title', { plan: plan.title, municipality: municipality.name }),
      description: req.t('publicPlans.feed.description', { plan: plan.title }),
      id: pageUrl,
      link: pageUrl,
      language: req.lang,
      updated: plan.updatedAt,
      generator: false,
      copyright: municipality.name,
      feedLinks: { atom: base + publicPlanFeedPath(plan.slug) },
    });
    for (const item of plan.items) {
      if (item.kind === 'review-finalised') {
        const url = `${pageUrl}#${yearAnchor(item.year)}`;
        feed.addItem({
          title: escapeHtml(req.t('publicPlans.feed.reviewFinalised', { year: item.year })),
          id: url,
          link: url,
          date: item.at,
          description: `<p>${escapeHtml(req.t('publicPlans.feed.reviewFinalisedText', { year: item.year, municipality: municipality.name }))}</p>`,
          author: [{ name: municipality.name }],
        });
      } else {
        const url = `${pageUrl}#${amendmentAnchor(item.id)}`;
        // The title names what was corrected: "Rettet: Det skete — <action>".
        const field = req.t(`publicPlans.field.${item.field}`, { defaultValue: item.field });
        const title =
          item.actionTitle === null
            ? req.t('publicPlans.feed.amendedReview', { field, year: item.year })
            : req.t('publicPlans.feed.amendedAction', { field, action: item.actionTitle });
        feed.addItem({
          title: escapeHtml(title),
          id: url,
          link: url,
          date: item.at,
          description: amendmentHtml(req, item),
          author: [{ name: municipality.name }],
        });
      }
    }
    res.type(ATOM_CONTENT_TYPE);
    res.send(withXmlLang(feed.atom1(), req.lang));
  };

  return { list, show, feed };
}
