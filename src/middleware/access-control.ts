// Access control in one reusable middleware (STYLE practice 10): a route declares a
// policy; anonymous readers are sent to log in, logged-in users without the right get
// the 403 page, and every refusal is logged and audited (ASVS 8.2.1, 16.3.2).
import type { Request, RequestHandler } from 'express';
import type { Role } from '../generated/prisma/enums.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { AuthenticatedUser } from '../features/auth/authenticated-user.js';
import { HttpError } from '../errors.js';

/** Answers whether this user may do this request. */
export type Policy = (user: AuthenticatedUser, req: Request) => boolean | Promise<boolean>;

export const policies = {
  hasRole:
    (...roles: Role[]): Policy =>
    (user) =>
      roles.includes(user.role),
  /** Members of the association named by a route parameter, and admins. */
  memberOfAssociationParam:
    (param: string): Policy =>
    (user, req) =>
      user.role === 'ADMIN' || user.associationIds.includes(Number(req.params[param])),
};

export function createAccessControl(audit: AuditLog) {
  function authorize(policy: Policy, name: string): RequestHandler {
    return async (req, res, next) => {
      const user = req.user;
      if (!user) {
        if (req.method === 'GET') req.session.returnTo = req.originalUrl;
        res.redirect(303, '/log-ind');
        return;
      }
      if (await policy(user, req)) {
        next();
        return;
      }
      req.log?.warn({ userId: user.id, policy: name, path: req.path }, 'access denied');
      await audit.record({
        action: 'access.denied',
        actorUserId: user.id,
        requestId: String(req.id),
        details: { policy: name, method: req.method, path: req.path },
      });
      next(new HttpError(403));
    };
  }
  return {
    authorize,
    requireLogin: authorize(() => true, 'logged-in'),
    requireRole: (...roles: Role[]) => authorize(policies.hasRole(...roles), `role:${roles.join('|')}`),
  };
}

export type AccessControl = ReturnType<typeof createAccessControl>;
