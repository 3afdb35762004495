// Server-side sessions in PostgreSQL (connect-pg-simple on the shared pool; the
// `session` table is created by a Prisma migration, not by the store). The cookie
// is HttpOnly, SameSite=Lax, host-only, Secure behind TLS. `rolling` renews the
// cookie on each request so maxAge is an idle timeout; the absolute timeout is
// enforced by `absoluteSessionTimeout` below (ASVS 7.3.1–2).
import { HttpError, loggableError } from '../errors.js';
import type { RequestHandler } from 'express';
import session from 'express-session';
import connectPgSimple from 'connect-pg-simple';
import type pg from 'pg';
import type { Logger } from '../logger.js';

export const SESSION_COOKIE = 'portal.sid';

export interface SessionOptions {
  pool: pg.Pool;
  secret: string;
  idleMinutes: number;
  cookieSecure: boolean;
  logger: Logger;
}

/**
 * The store's own error log (pruning expired sessions fails, its pool errs): into the
 * JSON log. connect-pg-simple calls it as console.error is called, ('Failed to prune
 * sessions:', error), so the error is not the first argument; its default is
 * console.error itself, outside the JSON log.
 */
export function sessionStoreErrorLog(logger: Logger): (...args: unknown[]) => void {
  return (...args) => logger.error(loggableError(args.find((arg) => arg instanceof Error) ?? args[0]), 'session store error');
}

export function sessions(options: SessionOptions): RequestHandler {
  const PgStore = connectPgSimple(session);
  const store = new PgStore({
    pool: options.pool,
    tableName: 'session',
    createTableIfMissing: false,
    // Expired rows are pruned by the store every 15 minutes.
    pruneSessionInterval: 15 * 60,
    errorLog: sessionStoreErrorLog(options.logger),
  });
  const middleware = session({
    name: SESSION_COOKIE,
    store,
    secret: options.secret,
    resave: false,
    // No session (and no cookie) until there is something to keep: a login, a flash
    // message, a receipt. Form tokens are cookies of their own (csrf.ts, ADR 0032).
    saveUninitialized: false,
    rolling: true,
    unset: 'destroy',
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: options.cookieSecure,
      path: '/',
      maxAge: options.idleMinutes * 60 * 1000,
    },
  });
  return (req, res, next) => {
    middleware(req, res, (error?: unknown) => {
      if (res.headersSent) {
        // express-session stores (or touches, or deletes) the session after the answer
        // is written and hands a failure to `next` then. Past the error handler, that
        // reached Express's final handler, which printed it with console.error and
        // reset the connection under an answer already sent. The answer is gone: log it.
        if (error) options.logger.error(loggableError(error), 'session could not be stored after the answer');
        return;
      }
      if (error) {
        // The session could not be loaded (the database is away): no page can be
        // served without it, so a 503, never the reader's fault. Dropping the id keeps
        // express-session from deleting the reader's session at the end of this answer
        // (`unset: 'destroy'` took the missing session for a logout), which also failed
        // while the database was away.
        delete (req as { sessionID?: string }).sessionID;
        const unavailable = new HttpError(503, 'session store unavailable');
        unavailable.cause = error;
        next(unavailable);
        return;
      }
      next();
    });
  };
}

/** Ends a logged-in session that is older than the absolute limit, however active. */
export function absoluteSessionTimeout(absoluteHours: number, now: () => number = Date.now): RequestHandler {
  const limitMs = absoluteHours * 60 * 60 * 1000;
  return (req, res, next) => {
    const startedAt = req.session?.authenticatedAt;
    if (startedAt === undefined || now() - startedAt <= limitMs) {
      next();
      return;
    }
    req.session.destroy((error: unknown) => {
      if (error) {
        next(error);
        return;
      }
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      res.redirect(303, '/log-ind?udloebet=1');
    });
  };
}
