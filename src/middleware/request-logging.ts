// A request id on every request (taken from a trusted proxy's X-Request-Id when it
// looks safe, else new), echoed in the response and in every log line, and shown on
// error pages so a citizen can quote it to support.
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../logger.js';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

// Paths that carry a secret (withdrawal, invitation, staff invitation, password-reset and agreement
// partner links): the token is a credential, so logs get a placeholder instead.
const SECRET_PATH_SEGMENT =
  /(\/interesse\/tilbagetraek\/|\/invitation\/|\/medarbejder-invitation\/|\/nulstil-adgangskode\/|\/samarbejdsaftale\/(?:svar|evaluering)\/|\/mine-data\/(?!sendt(?:$|[/?]))|\/opgaver\/besked\/(?:bekraeft|afmeld)\/)[^/?]+/g;

export function loggablePath(url: string): string {
  return (url.split('?')[0] ?? '').replace(SECRET_PATH_SEGMENT, '$1[token]');
}

export function requestLogging(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId(req, res) {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // Log the path without the query string: queries may carry search terms typed
    // by citizens. Never log bodies, cookies or headers beyond these. The serializers
    // get Node's own request and response (wrapSerializers off): pino-http's wrappers
    // would first copy each into an object of every header, on every request, only
    // for these few fields to be picked out of it. The request line is serialized when
    // the request arrives (the request logger's binding), before routing changes url.
    wrapSerializers: false,
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: loggablePath(req.url),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel(_req, res, error) {
      if (error || res.statusCode >= 500) return 'error';
      if (res.statusCode >= 400) return 'warn';
      return 'info';
    },
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
  });
}
