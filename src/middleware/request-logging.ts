// A request id on every request (taken from a trusted proxy's X-Request-Id when it
// looks safe, else new), echoed in the response and in every log line, and shown on
// error pages so a citizen can quote it to support.
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../logger.js';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

// Paths that carry a secret (withdrawal, invitation, staff invitation, password-reset and agreement
// partner links): the token is a credential, so logs get a placeholder instead.
const SECRET_PATH_SEGMENT =
  /(\/interesse\/tilbagetraek\/|\/invitation\/|\/medarbejder-invitation\/|\/nulstil-adgangskode\/|\/samarbejdsaftale\/(?:svar|evaluering)\/|\/mine-data\/(?!sendt(?:$|[/?]))|\/opgaver\/besked\/(?:bekraeft|afmeld)\/)[^/?]+/g;

export function loggablePath(url: string): string {
  return (url.split('?')[0] ?? '').replace(SECRET_PATH_SEGMENT, '$1[token]');
}

/** What every line about a request carries: never the query, a body, cookies or headers. */
interface RequestBinding {
  id: string;
  method: string;
  path: string;
}

// Not logged: the probes an orchestrator sends every few seconds.
const UNLOGGED = new Set(['/healthz', '/readyz']);

/**
 * One line per answered request ("request completed", at warn for 4xx and error for
 * 5xx) and `req.log` for the handlers' own lines, both with the request's id, method
 * and loggable path (taken when the request arrives, before routing changes req.url).
 *
 * Our own middleware rather than pino-http: pino-http made a child logger for every
 * request, serialising the request binding each time, whether or not a handler ever
 * logged anything; that was ~6% of a static page's CPU (docs/PERFORMANCE.md). Here
 * the child is made only when a handler uses `req.log`, and the completed line is one
 * call on the base logger.
 */
export function requestLogging(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', id);
    req.id = id;
    const binding: RequestBinding = { id, method: req.method, path: loggablePath(req.url) };
    let child: Logger | undefined;
    Object.defineProperty(req, 'log', {
      configurable: true,
      enumerable: true,
      get: () => (child ??= logger.child({ req: binding })),
    });
    if (UNLOGGED.has(req.url)) {
      next();
      return;
    }
    const started = Date.now();
    // 'finish' when the answer was handed to the socket; 'close' alone when the client
    // went away first. Either way, one line.
    const done = (): void => {
      res.off('finish', done);
      res.off('close', done);
      const statusCode = res.statusCode;
      const line = { req: binding, res: { statusCode }, responseTime: Date.now() - started };
      if (!res.writableFinished) logger.info(line, 'request aborted');
      else if (statusCode >= 500) logger.error(line, 'request errored');
      else if (statusCode >= 400) logger.warn(line, 'request completed');
      else logger.info(line, 'request completed');
    };
    res.on('finish', done);
    res.on('close', done);
    next();
  };
}
