// Redirect only after the session is stored. express-session saves a changed session
// at the end of the response, but sends the headers first; a browser follows a 303 as
// soon as it has them, so the next GET could read the session before a flash message,
// a receipt marker or a login's `returnTo` reached PostgreSQL (seen in Chromium).
// supertest waits for the whole response, so request tests never see the race.
// Every res.redirect in the portal goes through this, so no handler can forget it.
//
// The same holds for a page: express-session writes the page before the session it
// changed is stored, so a page whose form token was made while rendering it could be
// posted (by a fast hand, or a test on a busy machine) before the token reached
// PostgreSQL — and be refused as "the form has expired". A rendered page whose session
// changed is therefore sent only after the session is stored.
import type { RequestHandler } from 'express';

/** The session's data without its cookie (which `rolling` renews on every answer). */
function dataOf(session: object | undefined): string {
  if (!session) return '';
  return JSON.stringify(Object.entries(session).filter(([key]) => key !== 'cookie'));
}

export const saveSessionBeforeRedirect: RequestHandler = (req, res, next) => {
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = ((...args: unknown[]) => {
    const session = req.session;
    // A new session holding nothing but its cookie is not worth a row (and a cookie).
    const holdsData = session && Object.keys(session).some((key) => key !== 'cookie');
    if (!holdsData) {
      redirect(...args);
      return;
    }
    session.save((error: unknown) => {
      if (error) {
        next(error);
        return;
      }
      redirect(...args);
    });
  }) as typeof res.redirect;

  const before = dataOf(req.session);
  const render = res.render.bind(res) as (view: string, options?: object, callback?: (error: Error | null, html: string) => void) => void;
  res.render = ((view: string, options?: unknown, callback?: unknown) => {
    // A caller that takes the HTML itself (a callback) sends it itself.
    if (typeof options === 'function' || typeof callback === 'function') {
      (render as (...args: unknown[]) => void)(view, options, callback);
      return;
    }
    render(view, (options ?? {}) as object, (error, html) => {
      // As Express's own res.render does without a callback.
      if (error) {
        req.next?.(error);
        return;
      }
      const session = req.session;
      if (!session || dataOf(session) === before) {
        res.send(html);
        return;
      }
      // Sent even if storing fails (as before this change): the error page must not
      // loop back here while the database is away.
      session.save(() => res.send(html));
    });
  }) as typeof res.render;
  next();
};
