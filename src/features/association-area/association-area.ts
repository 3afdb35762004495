// The association's own area: everything under /min-forening/:associationId goes
// through this one guard, mounted once in the app before the feature routers. In order:
//   1. the id is not a plain positive integer            → 404 (no such page)
//   2. nobody is logged in                               → to the login page (GET comes back)
//   3. the user may not manage that association          → 403, recorded as access.denied —
//      whether or not the association exists, so the answer tells outsiders nothing
//   4. the association does not exist (admins, stale ids) → 404
// Then `managedAssociation(res)` gives the loaded association to every handler below,
// and `res.locals.areaAsAdministrator` says that the user is in it as an admin, not as a
// member: the layout then says so at the top (partials/association-status-notice) and
// the trail's first step is the association's staff page, not Min side, which does not
// list it (src/views/my-page-trail.ts).
// Rows inside the area (openings, activities, interests, invitations) are always looked
// up together with this association's id: another association's row id is a 404.
import type { RequestHandler, Response } from 'express';
import type { AccessControl } from '../../access/access-control.js';
import { associationPolicy } from '../../access/policies.js';
import { HttpError } from '../../errors.js';
import { parseId } from '../../validation/ids.js';
import type { AssociationAreaService, ManagedAssociation } from './association-area-service.js';

export const ASSOCIATION_AREA = '/min-forening/:associationId';

export function associationAreaGuard(deps: { access: AccessControl; area: AssociationAreaService }): RequestHandler[] {
  const validId: RequestHandler = (req, _res, next) => {
    next(parseId(req.params.associationId) === null ? new HttpError(404) : undefined);
  };
  const mayManage = deps.access.authorize(
    (user, req) => associationPolicy.canManage(user, Number(req.params.associationId)),
    'association-member',
  );
  const load: RequestHandler = async (req, res, next) => {
    const association = await deps.area.find(Number(req.params.associationId));
    if (!association) throw new HttpError(404);
    res.locals.managedAssociation = association;
    res.locals.areaAsAdministrator = workingAsAdministrator(req.user, association.id);
    next();
  };
  return [validId, mayManage, load];
}

/** An admin (let in by the policy) who is not one of the association's members. */
export function workingAsAdministrator(user: { associationIds: readonly number[] } | undefined, associationId: number): boolean {
  return !!user && !user.associationIds.includes(associationId);
}

/** The association of the area this request is in (set by the guard). */
export function managedAssociation(res: Response): ManagedAssociation {
  const association = res.locals.managedAssociation;
  if (!association) throw new Error('managedAssociation() outside /min-forening/:associationId');
  return association;
}

/** The path of a page in an association's area. */
export function areaPath(associationId: number, rest = ''): string {
  return `/min-forening/${associationId}${rest}`;
}
