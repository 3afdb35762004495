// The association's side of interests: /min-forening/:associationId/interesserede
// lists the citizens who want to help (personal data: interestPolicy decides who may
// see them), and the status form marks each one as contacted, accepted or declined.
// Every query carries the association's id.
import type { Request, RequestHandler, Response } from 'express';
import { HttpError } from '../../errors.js';
import { csvFile } from '../../text/csv-file.js';
import { localDateOf } from '../calendar/copenhagen-time.js';
import type { Clock } from '../../clock.js';
import { type ChangeContext, changeContext } from '../../audit/audit-log.js';
import { addFlash } from '../../middleware/flash.js';
import { parseForm, type FieldError } from '../../validation/form.js';
import { requireId } from '../../validation/ids.js';
import { paginationFor } from '../../views/pagination.js';
import { areaPath, managedAssociation } from '../association-area/association-area.js';
import type { ManagedAssociation } from '../association-area/association-area-service.js';
import type { InterestService } from './interest-service.js';
import { INTEREST_STATUSES, interestFilterSchema, statusChangeSchema } from './interest-schemas.js';

type Filter = ReturnType<typeof interestFilterSchema.parse>;

/** The list's URL with its filters, for links and for returning after a change. */
export function interestListUrl(associationId: number, filter: Filter): string {
  const query = new URLSearchParams();
  if (filter.status) query.set('status', filter.status);
  if (filter.opgave) query.set('opgave', String(filter.opgave));
  if (filter.side && filter.side > 1) query.set('side', String(filter.side));
  const qs = query.toString();
  return areaPath(associationId, `/interesserede${qs ? `?${qs}` : ''}`);
}

export function createAssociationInterestsController(deps: { clock: Clock; interests: InterestService }) {
  const render = async (
    req: Request,
    res: Response,
    status: number,
    association: ManagedAssociation,
    filter: Filter,
    errors: FieldError[] = [],
  ) => {
    const list = await deps.interests.listForAssociation(association.id, {
      status: filter.status,
      openingId: filter.opgave,
      page: filter.side,
    });
    res.status(status).render('interests/association-interests', {
      title: req.t('interests.manage.title', { association: association.name }),
      breadcrumbs: [{ href: '/min-side', label: req.t('nav.myPage') }, { label: req.t('interests.manage.heading') }],
      association,
      filter,
      statuses: INTEREST_STATUSES,
      list,
      pagination: paginationFor(list.page, list.pageCount, (page) => interestListUrl(association.id, { ...filter, side: page })),
      errors,
    });
  };

  /** The association's own download of its interests, for its follow-up in a spreadsheet (#10). */
  const download: RequestHandler = async (req, res) => {
    const association = managedAssociation(res);
    const rows = await deps.interests.exportForAssociation(association.id);
    const t = req.t;
    const header = ['opening', 'name', 'email', 'phone', 'message', 'status', 'createdAt'].map((key) => t(`interests.csv.${key}`));
    const lines = rows.map((row) => [
      row.opening.title,
      row.name,
      row.email,
      row.phone ?? '',
      row.message,
      t(`interests.statuses.${row.status}`),
      localDateOf(row.createdAt),
    ]);
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      // Personal data: never kept by a cache on the way.
      .set('Cache-Control', 'no-store')
      .set('Content-Disposition', `attachment; filename="interesserede-${localDateOf(deps.clock.now())}.csv"`)
      .send(csvFile(header, lines));
  };

  const list: RequestHandler = async (req, res) => {
    await render(req, res, 200, managedAssociation(res), interestFilterSchema.parse(req.query));
  };

  const changeStatus: RequestHandler = async (req, res) => {
    const association = managedAssociation(res);
    const interestId = requireId(req.params.interestId);
    const body = (req.body ?? {}) as Record<string, unknown>;
    // Where the member was in the list, so they return there after the change.
    const filter = interestFilterSchema.parse({ status: body.listStatus, opgave: body.listOpening, side: body.listPage });

    const form = parseForm(statusChangeSchema, body);
    if (!form.ok) {
      // Only reachable by tampering (the select offers valid values), but answered
      // like any failed form: the list again, the error at that interest's select.
      await render(req, res, 422, association, filter, [{ field: `status-${interestId}`, key: 'interests.manage.errors.statusInvalid' }]);
      return;
    }
    const context: ChangeContext = changeContext(req, deps.clock.now());
    const outcome = await deps.interests.changeStatus(association.id, interestId, form.data.status, context);
    if (!outcome.ok) throw new HttpError(404);
    // Shown in the interest's card, where the page lands, not at the top out of sight (#10).
    addFlash(req, 'success', 'interests.manage.statusSaved', `interest-${outcome.interestId}`);
    res.redirect(303, `${interestListUrl(association.id, filter)}#interest-${outcome.interestId}`);
  };

  return { list, changeStatus, download };
}
