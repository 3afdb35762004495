// CSRF protection for every state-changing request (ASVS 3.5.1): the synchroniser
// token pattern (csrf-sync) with the token kept in the server-side session and sent
// back in a hidden `_csrf` form field. GET/HEAD/OPTIONS are never state-changing here.
import type { RequestHandler } from 'express';
import { csrfSync } from 'csrf-sync';

export function csrfProtection(): { protect: RequestHandler; exposeToken: RequestHandler } {
  const { csrfSynchronisedProtection, generateToken } = csrfSync({
    getTokenFromRequest: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      const fromBody = body?._csrf;
      if (typeof fromBody === 'string') return fromBody;
      const header = req.headers['x-csrf-token'];
      return typeof header === 'string' ? header : undefined;
    },
  });
  const exposeToken: RequestHandler = (req, res, next) => {
    // A function, called by the form partial: a page without a form creates no
    // session just for a token. csrf-sync reuses the session's token once made.
    res.locals.csrfToken = () => generateToken(req);
    next();
  };
  return { protect: csrfSynchronisedProtection, exposeToken };
}
