// CSRF protection for every state-changing request (ASVS 3.5.1, 4.2.2): a signed
// double-submit token (csrf-csrf), so that showing a form writes nothing to the
// database and starts no session (an anonymous page view used to create a session row
// just to hold csrf-sync's token; docs/adr/0032).
//
// The token is a random value and an HMAC over it, made with a key derived from the
// session secret. It goes out twice: in an HttpOnly, SameSite=Lax cookie (__Host-
// prefixed behind TLS, so no subdomain or plain-HTTP page can plant one) and in the
// form's hidden `_csrf` field. A POST is accepted only when both are present, equal and
// carry a valid HMAC: a cross-site page can neither read the cookie nor forge a value
// the HMAC accepts. For a logged-in user the HMAC also covers the session id, so a
// token is bound to the login it was made for: a cookie planted before the login (or
// taken from another session) is refused, and a new login (a regenerated session)
// needs a new token, as the session-held token of csrf-sync did.
// GET/HEAD/OPTIONS are never state-changing here.
import { hkdfSync } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { doubleCsrf } from 'csrf-csrf';

/** The cookie's name: __Host- needs Secure (and no Domain, path /), so only behind TLS. */
export function csrfCookieName(secure: boolean): string {
  return secure ? '__Host-portal.csrf' : 'portal.csrf';
}

export interface CsrfOptions {
  /** The session secret; the token key is derived from it (never the secret itself). */
  secret: string;
  cookieSecure: boolean;
}

/** What a token is bound to: the session of a logged-in user; nothing more for a visitor. */
function sessionIdentifier(req: Request): string {
  return req.user ? req.sessionID : '';
}

export function csrfProtection(options: CsrfOptions): { protect: RequestHandler; exposeToken: RequestHandler } {
  // Its own key, so a CSRF HMAC can never be taken for a session cookie signature (or
  // the other way round): both would otherwise be HMAC-SHA256 under the same secret.
  const key = Buffer.from(hkdfSync('sha256', options.secret, 'frivillig-portal', 'csrf token v1', 32)).toString('base64');
  const { doubleCsrfProtection, generateCsrfToken } = doubleCsrf({
    getSecret: () => key,
    getSessionIdentifier: sessionIdentifier,
    cookieName: csrfCookieName(options.cookieSecure),
    // A browser-session cookie (no maxAge): it lives as long as the tab's forms can.
    cookieOptions: { httpOnly: true, sameSite: 'lax', secure: options.cookieSecure, path: '/' },
    getCsrfTokenFromRequest: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      const fromBody = body?._csrf;
      if (typeof fromBody === 'string') return fromBody;
      const header = req.headers['x-csrf-token'];
      return typeof header === 'string' ? header : undefined;
    },
  });
  const exposeToken: RequestHandler = (req, res, next) => {
    // A function, called by the form partial: a page without a form sets no cookie.
    // Made once per answer: each call without a valid cookie would draw a new value
    // (and a new cookie), leaving the page's earlier forms with a token that no
    // longer matches. A valid cookie is reused, so open tabs keep working.
    let token: string | undefined;
    res.locals.csrfToken = () => (token ??= generateCsrfToken(req, res));
    next();
  };
  return { protect: doubleCsrfProtection, exposeToken };
}
