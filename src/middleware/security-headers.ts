// helmet with a Content-Security-Policy that every page satisfies: scripts, styles,
// fonts and images only from this origin (DKFDS is served by us), no inline script,
// no plugins, no framing, no <base> hijacking.
//
// The same headers go on every response, including those Express never sees: Node's
// HTTP parser answers a request it cannot parse (431 for oversized headers, 400 for
// garbage) by itself. `rawSecurityHeaders` takes helmet's headers by running helmet
// once on a stand-in response, so the two sets cannot drift apart.
import type { IncomingMessage, ServerResponse, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

export interface SecurityHeaderOptions {
  /** Strict-Transport-Security and upgrade-insecure-requests, for deployments behind TLS. */
  hsts: boolean;
}

/**
 * Every response's security headers. helmet's headers do not depend on the request, so
 * they are taken from helmet once (rawSecurityHeaders) and set from that list: helmet
 * itself runs a dozen nested middleware functions per request for the same result.
 * (X-Powered-By, which helmet would remove, is never set: app.ts disables it.)
 */
export function securityHeaders(options: SecurityHeaderOptions): RequestHandler {
  const headers = rawSecurityHeaders(options);
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

function helmetHeaders(options: SecurityHeaderOptions): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        upgradeInsecureRequests: options.hsts ? [] : null,
      },
    },
    strictTransportSecurity: options.hsts ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
    // The CSP forbids all framing (frame-ancestors 'none'); helmet's default
    // SAMEORIGIN would tell older browsers, which read only this header, otherwise.
    xFrameOptions: { action: 'deny' },
  });
}

/**
 * The headers helmet sets with our options, as name/value pairs: helmet run once on a
 * stand-in response that records what it is given. helmet's headers do not depend
 * on the request, so one run holds for every response.
 */
export function rawSecurityHeaders(options: SecurityHeaderOptions): ReadonlyArray<readonly [string, string]> {
  const recorded = new Map<string, string>();
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      recorded.set(name, Array.isArray(value) ? value.join(', ') : String(value));
      return response;
    },
    removeHeader(name: string) {
      recorded.delete(name);
    },
  };
  let ran = false;
  // helmet reads nothing from the request and only setHeader/removeHeader from the
  // response; the casts give it those two and nothing else.
  helmetHeaders(options)({} as never, response as never, () => {
    ran = true;
  });
  // helmet calls next() synchronously; if a future version did not, the set would be incomplete.
  if (!ran) throw new Error('helmet did not finish synchronously');
  return [...recorded.entries()];
}

const STATUS_OF_PARSER_ERROR: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'Payload Too Large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout'],
};

/**
 * A 'clientError' listener for the HTTP server: what Node would answer itself (431,
 * 413, 408, else 400), with the security headers, a request-free plain-text body and
 * `Connection: close`. Attaching a listener replaces Node's own answer.
 */
export function clientErrorHandler(options: SecurityHeaderOptions): (error: Error & { code?: string }, socket: Duplex) => void {
  const headerLines = rawSecurityHeaders(options)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return (error, socket) => {
    // A client that went away, or a socket we already answered on: nothing to write.
    // (bytesWritten > 0: a response had started, so another would corrupt the stream.)
    const written = (socket as Duplex & { bytesWritten?: number }).bytesWritten ?? 0;
    if (error.code === 'ECONNRESET' || !socket.writable || written > 0) {
      socket.destroy();
      return;
    }
    const [status, reason] = STATUS_OF_PARSER_ERROR[error.code ?? ''] ?? [400, 'Bad Request'];
    const body = `${status} ${reason}\n`;
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\n` +
        headerLines +
        'Content-Type: text/plain; charset=utf-8\r\n' +
        'Cache-Control: no-store\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
      // As Node's own answer does: the connection ends once the answer is out, whatever the client does.
      () => socket.destroy(),
    );
  };
}

/** Gives the server the 'clientError' answer above (src/server.ts, and the tests' servers). */
export function answerClientErrorsWithSecurityHeaders(
  server: Server<typeof IncomingMessage, typeof ServerResponse>,
  options: SecurityHeaderOptions,
): void {
  server.on('clientError', clientErrorHandler(options));
}
