// The association's side of interests: /min-forening/:associationId/interesserede
// lists the citizens who want to help (personal data: members of that association
// and admins only — the route's policy), and the status form marks each one as
// contacted, accepted or declined. Every query carries the association's id.
import type { Request, RequestHandler, Response } from 'express';
import { HttpError } from '../../errors.js';
import { paginationFor } from '../../views/pagination.js';
import { addFlash } from '../../middleware/flash.js';
import type { FeatureDeps } from '../feature-deps.js';
import { parseForm, type FieldError } from '../../validation/form.js';
import { findManagedAssociation, type ManagedAssociation } from './association-scope.js';
import type { InterestService } from './interest-service.js';
import { INTEREST_STATUSES, interestFilterSchema, statusChangeSchema } from './interest-schemas.js';
import { parseId } from './route-params.js';

type Filter = ReturnType<typeof interestFilterSchema.parse>;

/** The list's URL with its filters, for links and for returning after a change. */
export function interestListUrl(associationId: number, filter: Filter): string {
  const query = new URLSearchParams();
  if (filter.status) query.set('status', filter.status);
  if (filter.opgave) query.set('opgave', String(filter.opgave));
  if (filter.side && filter.side > 1) query.set('side', String(filter.side));
  const qs = query.toString();
  return `/min-forening/${associationId}/interesserede${qs ? `?${qs}` : ''}`;
}

export function createAssociationInterestsController(deps: FeatureDeps & { interests: InterestService }) {
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
      association,
      filter,
      statuses: INTEREST_STATUSES,
      list,
      pagination: paginationFor(list.page, list.pageCount, (page) => interestListUrl(association.id, { ...filter, side: page })),
      errors,
    });
  };

  const list: RequestHandler = async (req, res) => {
    const association = await findManagedAssociation(deps.prisma, req.params.associationId);
    await render(req, res, 200, association, interestFilterSchema.parse(req.query));
  };

  const changeStatus: RequestHandler = async (req, res) => {
    const association = await findManagedAssociation(deps.prisma, req.params.associationId);
    const interestId = parseId(req.params.interestId);
    if (interestId === null) throw new HttpError(404);
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
    const changed = await deps.interests.changeStatus(association.id, interestId, form.data.status, deps.clock.now());
    if (!changed) throw new HttpError(404);
    await deps.audit.record({
      action: 'interest.status.changed',
      actorUserId: req.user?.id,
      targetType: 'interest',
      targetId: changed.interestId,
      requestId: String(req.id),
      details: { associationId: association.id, openingId: changed.openingId, from: changed.from, to: changed.to },
    });
    addFlash(req, 'success', 'interests.manage.statusSaved');
    res.redirect(303, `${interestListUrl(association.id, filter)}#interest-${changed.interestId}`);
  };

  return { list, changeStatus };
}
