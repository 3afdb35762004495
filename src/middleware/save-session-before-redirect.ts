// Redirect only after the session is stored. express-session saves a changed session
// at the end of the response, but sends the headers first; a browser follows a 303 as
// soon as it has them, so the next GET could read the session before a flash message,
// a receipt marker or a login's `returnTo` reached PostgreSQL (seen in Chromium).
// supertest waits for the whole response, so request tests never see the race.
// Every res.redirect in the portal goes through this, so no handler can forget it.
//
// The same holds for a page: express-session writes the page before the session it
// changed is stored. Form tokens no longer live in the session (csrf.ts, ADR 0032), but
// a page that takes a flash message out of it would otherwise let the next request
// read the old session and show the message again. A rendered page whose session
// changed is therefore sent only after the session is stored; a page that changed
// nothing (every anonymous page) touches no session at all.
//
// A regenerated session (a login, a password step, a password reset) needs one more
// guard: express-session stores it a second time at the end of the response, after
// the redirect's headers are out, because the Session that `regenerate` makes lacks
// the wrapped `save` that records what was stored. That late copy could land after
// the next page had stored its form token in the same session, and wipe it: the
// code step of a login was then refused as "the form has expired" (rarely, on a busy
// machine). `regenerate` is therefore wrapped so the new session skips a save of data
// it has already stored.
import type { Request, RequestHandler } from 'express';
import type { Session, SessionData } from 'express-session';
import { sessionPending } from './session.js';

type StoredSession = Session & Partial<SessionData>;

/** The session's data without its cookie (which `rolling` renews on every answer). */
function dataOf(session: object | undefined): string {
  if (!session) return '';
  return JSON.stringify(Object.entries(session).filter(([key, value]) => key !== 'cookie' && typeof value !== 'function'));
}

/** Own, non-enumerable: the store serialises the session's enumerable data only. */
function replaceMethod<K extends 'save' | 'regenerate'>(session: StoredSession, name: K, method: StoredSession[K]): void {
  Object.defineProperty(session, name, { configurable: true, enumerable: false, writable: true, value: method });
}

/** Wraps this session's `regenerate` so that the session it makes saves each state once. */
export function guardRegenerate(req: Request, session: StoredSession): void {
  const regenerate = session.regenerate.bind(session);
  replaceMethod(session, 'regenerate', (callback: (error: unknown) => void) =>
    regenerate((error: unknown) => {
      const fresh = req.session as StoredSession | undefined;
      if (fresh && fresh !== session) {
        const save = fresh.save.bind(fresh);
        let stored: string | undefined;
        replaceMethod(fresh, 'save', (done?: (error: unknown) => void) => {
          const data = dataOf(fresh);
          if (data === stored) {
            done?.(undefined);
            return fresh;
          }
          return save((saveError: unknown) => {
            if (!saveError) stored = data;
            done?.(saveError);
          });
        });
        guardRegenerate(req, fresh);
      }
      callback(error);
    }),
  );
}

/** What dataOf gives for a session just made: nothing but its cookie. */
const EMPTY_SESSION_DATA = '[]';

export const saveSessionBeforeRedirect: RequestHandler = (req, res, next) => {
  // A session made on first use (no cookie came, session.ts) gets its guard then:
  // sessions({ onStart: guardRegenerate }) in app.ts. Until it is made nothing can have
  // changed in it, so neither wrapper below reads it (reading would make it).
  const deferred = sessionPending(req);
  if (!deferred && req.session) guardRegenerate(req, req.session);
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = ((...args: unknown[]) => {
    if (sessionPending(req)) {
      redirect(...args);
      return;
    }
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

  const before = deferred ? EMPTY_SESSION_DATA : dataOf(req.session);
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
      const session = sessionPending(req) ? undefined : req.session;
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
