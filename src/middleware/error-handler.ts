// The central error handler, the one place where failures become pages: every
// failure becomes a page in the reader's language with the request id to quote, never
// a stack trace, SQL or an error's message — in every mode, development included
// (the details are in the log, under the same request id). A database that cannot be
// reached is a 503 with Retry-After, not a 500 (src/db/errors.ts). 5xx are logged
// with the error's kind and where it was thrown (the stack without its message line:
// database and SMTP messages can quote personal data); 4xx are the reader's mistake
// and logged briefly.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { HttpError, loggableError } from '../errors.js';
import { FALLBACK_MUNICIPALITY } from '../features/municipality/settings-service.js';
import { permissionsFor } from '../access/policies.js';
import { isDatabaseUnavailable } from '../db/errors.js';

/** Seconds a reader (or a client) is asked to wait when the database is away: a supervised restart takes a few. */
export const RETRY_AFTER_SECONDS = 10;

interface ErrorLike {
  status?: unknown;
  statusCode?: unknown;
  code?: unknown;
  type?: unknown;
}

function statusOf(error: unknown): number {
  if (error instanceof HttpError) return error.status;
  if (isDatabaseUnavailable(error)) return 503;
  const e = (error ?? {}) as ErrorLike;
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : 500;
  return status >= 400 && status < 600 ? status : 500;
}

function messageKeyOf(error: unknown, status: number): string {
  const e = (error ?? {}) as ErrorLike;
  if (e.code === 'EBADCSRFTOKEN') return 'errors.csrf';
  if (error instanceof HttpError && error.messageKey) return error.messageKey;
  if (status === 413) return 'errors.tooLarge';
  if (status === 400) return 'errors.badRequest';
  if (status === 403) return 'errors.forbidden';
  if (status === 404) return 'errors.notFound';
  if (status === 429) return 'errors.tooManyRequests';
  if (status === 503) return 'errors.unavailable';
  return 'errors.serverError';
}

export const notFound: RequestHandler = (_req, _res, next) => next(new HttpError(404));

export function errorHandler(): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = statusOf(error);
    // An error standing for another (e.g. the session store's, turned into a 503) is
    // logged as the one it stands for: that is where it was thrown.
    const logged = error instanceof HttpError && error.cause !== undefined ? error.cause : error;
    if (status >= 500) req.log?.error(loggableError(logged), 'request failed');
    const messageKey = messageKeyOf(error, status);
    res.status(status);
    // The failure may have come before the page's locals were set (e.g. the
    // database is down): give the layout what it needs to still render.
    res.locals.municipality ??= FALLBACK_MUNICIPALITY;
    res.locals.errors ??= [];
    res.locals.flash ??= [];
    res.locals.currentPath ??= req.originalUrl;
    res.locals.user ??= undefined;
    res.locals.can ??= permissionsFor(req.user);
    res.set('Cache-Control', 'no-store');
    if (status === 503) res.set('Retry-After', String(RETRY_AFTER_SECONDS));
    res.render(
      'errors/error',
      {
        title: res.locals.t(`${messageKey}.title`),
        status,
        messageKey,
        requestId: String(req.id),
      },
      (renderError: Error | null, html?: string) => {
        if (renderError) {
          req.log?.error(loggableError(renderError), 'error page failed to render');
          res.type('text/plain').send(`Error ${status}. Request id: ${req.id}`);
          return;
        }
        res.send(html);
      },
    );
  };
}
