// Access control as route middleware: a route declares the policy (src/access/policies.ts)
// it needs. Anonymous readers are sent to log in (GET requests come back afterwards);
// logged-in users without the right get the 403 page, and every refusal is logged and
// recorded as a security event (who, which policy, which path).
import type { Request, RequestHandler } from 'express';
import type { SecurityEvents } from '../audit/audit-log.js';
import type { AuthenticatedUser } from '../features/auth/authenticated-user.js';
import { HttpError } from '../errors.js';
import { adminPolicy, staffPolicy } from './policies.js';

/** Answers whether this user may do this request. */
export type RoutePolicy = (user: AuthenticatedUser, req: Request) => boolean | Promise<boolean>;

export function createAccessControl(security: SecurityEvents) {
  function authorize(policy: RoutePolicy, name: string): RequestHandler {
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
      await security.record({
        action: 'access.denied',
        actorUserId: user.id,
        requestId: String(req.id),
        details: { policy: name, method: req.method, path: req.originalUrl.split('?')[0] ?? req.path },
      });
      // Another association's page: say so, rather than that another role is needed.
      next(new HttpError(403, undefined, name === 'association-member' ? 'errors.otherAssociation' : undefined));
    };
  }
  return {
    authorize,
    requireLogin: authorize(() => true, 'logged-in'),
    requireStaff: authorize((user) => staffPolicy.canUseStaffArea(user), 'staff'),
    requireAdmin: authorize((user) => adminPolicy.canManageTemplates(user), 'admin'),
  };
}

export type AccessControl = ReturnType<typeof createAccessControl>;
