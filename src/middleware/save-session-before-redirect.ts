// Redirect only after the session is stored. express-session saves a changed session
// at the end of the response, but sends the headers first; a browser follows a 303 as
// soon as it has them, so the next GET could read the session before a flash message,
// a receipt marker or a login's `returnTo` reached PostgreSQL (seen in Chromium).
// supertest waits for the whole response, so request tests never see the race.
// Every res.redirect in the portal goes through this, so no handler can forget it.
import type { RequestHandler } from 'express';

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
  next();
};
