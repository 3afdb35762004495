// PostgreSQL refuses the NUL character (0x00) in text, so a NUL anywhere in input used
// to reach a query and answer 500 (#11). Input is cleaned or refused here, once, before
// any route sees it:
// - a path with an encoded control character names no page: 404;
// - a GET or HEAD whose query string has one is sent (302) to the same address without
//   it — the reader's search survives, minus the invisible character; other methods
//   get 400;
// - form fields lose C0 control characters other than tab, line feed and carriage
//   return (and DEL): invisible, never typed on purpose, and NUL breaks storage.
// Multipart uploads (multer, mounted later) carry no free text of their own.
import type { RequestHandler } from 'express';
import { HttpError } from '../errors.js';

/** Percent-encoded C0 controls except tab (09), LF (0A) and CR (0D), and DEL (7F). */
const ENCODED_CONTROL = /%(?:0[0-8BCEF]|1[0-9A-F]|7F)/i;
const ENCODED_CONTROLS = new RegExp(ENCODED_CONTROL.source, 'gi');
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

function cleanValue(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(CONTROL, '');
  if (Array.isArray(value)) return value.map(cleanValue);
  return value;
}

export const controlCharacters: RequestHandler = (req, res, next) => {
  // Split at the first '?' (a regex split cost more than the rest of this check).
  const url = req.originalUrl;
  const mark = url.indexOf('?');
  const path = mark === -1 ? url : url.slice(0, mark);
  const query = mark === -1 ? undefined : url.slice(mark + 1);
  if (ENCODED_CONTROL.test(path)) {
    next(new HttpError(404));
    return;
  }
  if (query !== undefined && ENCODED_CONTROL.test(query)) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next(new HttpError(400));
      return;
    }
    const cleaned = query.replace(ENCODED_CONTROLS, '');
    res.redirect(302, cleaned ? `${path}?${cleaned}` : path);
    return;
  }
  const body: unknown = req.body;
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
    const fields = body as Record<string, unknown>;
    for (const key of Object.keys(fields)) fields[key] = cleanValue(fields[key]);
  }
  next();
};
