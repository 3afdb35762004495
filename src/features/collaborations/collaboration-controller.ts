// GET /samarbejder and /samarbejder/:agreementId — the public pages of the
// municipality's active collaboration agreements. No login; only the public fields of
// the version in force (collaboration-service.ts). Anything not ACTIVE is not found.
import type { Request, RequestHandler } from 'express';
import type { Clock } from '../../clock.js';
import { HttpError } from '../../errors.js';
import { requireId } from '../../validation/ids.js';
import { paginationFor } from '../../views/pagination.js';
import type { CollaborationService } from './collaboration-service.js';

export const COLLABORATIONS_PATH = '/samarbejder';
export const collaborationPath = (id: number) => `${COLLABORATIONS_PATH}/${id}`;
/** The query-string name of the page number (Danish, like the paths). */
const PAGE_PARAM = 'side';

const pageUrl = (page: number) => (page > 1 ? `${COLLABORATIONS_PATH}?${PAGE_PARAM}=${page}` : COLLABORATIONS_PATH);

/** The page asked for; anything that is not a sensible page number is page 1 (old links keep working). */
function pageOf(req: Request): number {
  const page = Number(req.query[PAGE_PARAM]);
  return Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
}

export function createCollaborationController(deps: { clock: Clock; collaborations: CollaborationService }) {
  const list: RequestHandler = async (req, res) => {
    const result = await deps.collaborations.list(pageOf(req), deps.clock.now());
    const title = req.t('collaborations.list.title');
    res.render('collaborations/list', {
      title: result.page > 1 ? req.t('collaborations.list.titlePaged', { page: result.page, pages: result.pageCount }) : title,
      heading: title,
      collaborations: result.collaborations.map((c) => ({ ...c, href: collaborationPath(c.id) })),
      total: result.total,
      pagination: paginationFor(result.page, result.pageCount, pageUrl),
    });
  };

  const show: RequestHandler = async (req, res) => {
    const collaboration = await deps.collaborations.find(requireId(req.params.agreementId), deps.clock.now());
    if (!collaboration) throw new HttpError(404);
    res.render('collaborations/show', {
      title: collaboration.title,
      breadcrumbs: [
        { href: COLLABORATIONS_PATH, label: req.t('collaborations.list.title') },
        { label: collaboration.title, typed: true },
      ],
      collaboration,
    });
  };

  return { list, show };
}
