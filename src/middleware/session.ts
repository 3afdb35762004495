// Server-side sessions in PostgreSQL (connect-pg-simple on the shared pool; the
// `session` table is created by a Prisma migration, not by the store). The cookie
// is HttpOnly, SameSite=Lax, host-only, Secure behind TLS. `rolling` renews the
// cookie on each request so maxAge is an idle timeout; the absolute timeout is
// enforced by `absoluteSessionTimeout` below (ASVS 7.3.1–2).
import { HttpError, loggableError } from '../errors.js';
import type { Request, RequestHandler } from 'express';
import session, { type Session } from 'express-session';
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
  /** Called with each session made on first use (a request that came without a cookie). */
  onStart?: (req: Request, session: Session) => void;
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
  const handle: RequestHandler = (req, res, next) => {
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
  return (req, res, next) => {
    // A request without our cookie has no session to load: express-session would only
    // make a new one (a random id, three hashes of its data, wrapped res.end) to find at
    // the end that nothing was put in it. That was most of an anonymous page view's
    // session work. Instead the session is made when something first reads or writes
    // req.session (a login, a flash message, a receipt), then exactly as before: with
    // no cookie express-session makes it synchronously, without the store. The
    // middleware that only read a session (passport's session strategy, the flash, the
    // timeouts) ask sessionPending first and leave it unmade.
    if (req.headers.cookie?.includes(`${SESSION_COOKIE}=`)) {
      handle(req, res, next);
      return;
    }
    deferSession(req, () => {
      let failure: unknown;
      handle(req, res, (error?: unknown) => {
        failure = error;
      });
      // Never from the cookie-less path (nothing asynchronous runs there); kept loud in case
      // a later express-session version does otherwise.
      if (failure) throw failure instanceof Error ? failure : new Error('session could not be started');
      if (req.session) options.onStart?.(req, req.session);
    });
    next();
  };
}

const pending = new WeakSet<Request>();

/** True while this request's session is not made yet (deferred above, nothing touched it). */
export function sessionPending(req: Request): boolean {
  return pending.has(req);
}

/** req.session as an own accessor that runs `start` on first use, then is a plain property again. */
function deferSession(req: Request, start: () => void): void {
  pending.add(req);
  const settle = (): void => {
    pending.delete(req);
    // express-session skips a request that already has a session ("self-awareness"): the
    // accessor goes before it runs.
    delete (req as { session?: unknown }).session;
  };
  Object.defineProperty(req, 'session', {
    configurable: true,
    enumerable: true,
    get(this: Request) {
      settle();
      start();
      return this.session;
    },
    set(this: Request, value: unknown) {
      settle();
      (this as { session?: unknown }).session = value;
    },
  });
}

/** Ends a logged-in session that is older than the absolute limit, however active. */
export function absoluteSessionTimeout(absoluteHours: number, now: () => number = Date.now): RequestHandler {
  const limitMs = absoluteHours * 60 * 60 * 1000;
  return (req, res, next) => {
    const startedAt = sessionPending(req) ? undefined : req.session?.authenticatedAt;
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
