// The public directory (GET /foreninger) and profile pages (GET /foreninger/:slug).
// All state is in the query string, so a search can be bookmarked and shared, and the
// filter form is a plain GET form: it works without JavaScript.
import { asList } from '../../validation/fields.js';
import type { RequestHandler } from 'express';
import { HttpError } from '../../errors.js';
import { paginationFor } from '../../views/pagination.js';
import type { OrganisationType } from '../../generated/prisma/enums.js';
import { labelOf } from './association-options.js';
import { ORGANISATION_TYPES } from './association-schemas.js';
import { calendarFormat } from '../calendar/calendar-format.js';
import { describeSchedule } from '../calendar/schedule-text.js';
import type { DirectoryQuery } from './directory-service.js';
import type { AssociationControllerDeps } from './association-routes.js';

const MAX_QUERY_LENGTH = 200;

/** The query-string names (Danish, like the paths). */
export const DIRECTORY_PARAMS = { text: 'q', fieldsOfWork: 'fagomraade', localAreas: 'omraade', types: 'type', page: 'side' } as const;

function list(value: unknown): string[] {
  const values = asList(value);
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v.length <= 100))];
}

/** Reads the query string; unknown filter values are dropped, not errors (old links keep working). */
export function parseDirectoryQuery(query: Record<string, unknown>): DirectoryQuery {
  const text =
    typeof query[DIRECTORY_PARAMS.text] === 'string' ? (query[DIRECTORY_PARAMS.text] as string).trim().slice(0, MAX_QUERY_LENGTH) : '';
  const page = Number(query[DIRECTORY_PARAMS.page]);
  return {
    text,
    fieldsOfWork: list(query[DIRECTORY_PARAMS.fieldsOfWork]),
    localAreas: list(query[DIRECTORY_PARAMS.localAreas]),
    types: list(query[DIRECTORY_PARAMS.types]).filter((t): t is OrganisationType => (ORGANISATION_TYPES as string[]).includes(t)),
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

/** The directory's address for a query (page 1 is left out). */
export function directoryUrl(query: DirectoryQuery): string {
  const params = new URLSearchParams();
  if (query.text) params.append(DIRECTORY_PARAMS.text, query.text);
  for (const v of query.fieldsOfWork) params.append(DIRECTORY_PARAMS.fieldsOfWork, v);
  for (const v of query.localAreas) params.append(DIRECTORY_PARAMS.localAreas, v);
  for (const v of query.types) params.append(DIRECTORY_PARAMS.types, v);
  if (query.page > 1) params.append(DIRECTORY_PARAMS.page, String(query.page));
  const search = params.toString();
  return search ? `/foreninger?${search}` : '/foreninger';
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/;

export function createDirectoryController(deps: AssociationControllerDeps) {
  const { directory, publicProfiles: profiles } = deps.services;

  const index: RequestHandler = async (req, res) => {
    const asked = parseDirectoryQuery(req.query as Record<string, unknown>);
    // The filter form is a plain GET form: without JavaScript it sends an empty q=; a
    // shared address should say only what was chosen, in one order (#10). The target
    // parses to the same query, so it never loops. 302: search addresses do not move for good.
    const questionMark = req.originalUrl.indexOf('?');
    if (questionMark !== -1) {
      const canonical = directoryUrl(asked);
      const askedQuery = new URLSearchParams(req.originalUrl.slice(questionMark + 1)).toString();
      if (askedQuery === '' || askedQuery !== canonical.replace(/^\/foreninger\??/, '')) {
        res.redirect(302, canonical);
        return;
      }
    }
    const result = await directory.search(asked, req.lang);
    const { query } = result;
    const typeLabel = (type: string) => req.t(`associations.organisationTypes.${type}`);
    const without = (key: 'fieldsOfWork' | 'localAreas' | 'types', value: string): string =>
      directoryUrl({ ...query, page: 1, [key]: (query[key] as string[]).filter((v) => v !== value) } as DirectoryQuery);
    const chosen = [
      ...(query.text
        ? [
            {
              label: req.t('associations.directory.chosenText', { text: query.text }),
              removeUrl: directoryUrl({ ...query, text: '', page: 1 }),
            },
          ]
        : []),
      ...result.facets.fieldsOfWork.filter((f) => f.selected).map((f) => ({ label: f.label, removeUrl: without('fieldsOfWork', f.value) })),
      ...result.facets.localAreas.filter((f) => f.selected).map((f) => ({ label: f.label, removeUrl: without('localAreas', f.value) })),
      ...result.facets.types.filter((f) => f.selected).map((f) => ({ label: typeLabel(f.value), removeUrl: without('types', f.value) })),
    ];
    const title =
      result.total > 0 && (chosen.length > 0 || result.page > 1)
        ? req.t('associations.directory.titleFiltered', { count: result.total, page: result.page, pages: result.pageCount })
        : req.t('associations.directory.title');
    res.render('associations/directory', {
      title,
      query,
      result,
      chosen,
      pagination: paginationFor(result.page, result.pageCount, (page) => directoryUrl({ ...query, page })),
      types: result.facets.types.map((f) => ({ ...f, label: typeLabel(f.value) })),
      resetUrl: '/foreninger',
      params: DIRECTORY_PARAMS,
      limits: { q: MAX_QUERY_LENGTH },
    });
  };

  const profile: RequestHandler = async (req, res, next) => {
    const slug = String(req.params.slug);
    if (!SLUG.test(slug)) return next(new HttpError(404));
    const now = deps.clock.now();
    const found = await profiles.bySlug(slug, now);
    if (!found) throw new HttpError(404);
    const { association, openings, activities, collaborations } = found;
    res.render('associations/profile', {
      title: association.name,
      breadcrumbs: [
        { href: '/foreninger', label: req.t('nav.associations') },
        { label: association.name, typed: true },
      ],
      association,
      localArea: association.localArea ? labelOf(association.localArea, req.lang) : null,
      fieldsOfWork: association.fieldsOfWork.map((f) => ({ slug: f.slug, label: labelOf(f, req.lang) })),
      openings,
      collaborations: collaborations.map((c) => ({ ...c, href: `/samarbejder/${c.id}` })),
      activities: activities.map((a) => ({
        ...a,
        when: describeSchedule(req.t, calendarFormat(req.lang), a, { style: 'profile', now }),
        localArea: a.localArea ? labelOf(a.localArea, req.lang) : null,
      })),
      websiteHost: association.websiteUrl ? new URL(association.websiteUrl).host : null,
    });
  };

  return { index, profile };
}
