// The central error handler, the one place where failures become pages: every
// failure becomes a page in the reader's language with the request id to quote, never
// a stack trace or SQL. 5xx are logged with the error's kind and where it was thrown
// (the stack without its message line: database and SMTP messages can quote personal
// data); 4xx are the reader's mistake and logged briefly.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { HttpError, loggableError } from '../errors.js';
import { FALLBACK_MUNICIPALITY } from '../features/municipality/settings-service.js';
import { permissionsFor } from '../access/policies.js';

interface ErrorLike {
  status?: unknown;
  statusCode?: unknown;
  code?: unknown;
  type?: unknown;
}

function statusOf(error: unknown): number {
  if (error instanceof HttpError) return error.status;
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

export function errorHandler(options: { exposeDetails: boolean }): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = statusOf(error);
    if (status >= 500) req.log?.error(loggableError(error), 'request failed');
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
    res.render(
      'errors/error',
      {
        title: res.locals.t(`${messageKey}.title`),
        status,
        messageKey,
        requestId: String(req.id),
        // Only for local development: the message, never the stack, even there.
        detail: options.exposeDetails && error instanceof Error ? error.message : undefined,
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
