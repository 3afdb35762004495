// `?q=a&q=b` arrives as an array; no page of ours takes repeated scalar parameters
// unless it says so, and a handler expecting a string must never get an array
// (ASVS 15.3.7). Routes that accept lists name them (e.g. filter checkboxes).
import type { RequestHandler } from 'express';
import { HttpError } from '../errors.js';

export const LIST_PARAMETERS = new Set<string>(['omraade', 'maalgruppe', 'fagomraade', 'form', 'type', 'tid', 'kompetence']);

export const rejectRepeatedQueryParameters: RequestHandler = (req, _res, next) => {
  for (const [key, value] of Object.entries(req.query)) {
    if (Array.isArray(value) && !LIST_PARAMETERS.has(key)) {
      next(new HttpError(400));
      return;
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      next(new HttpError(400));
      return;
    }
  }
  next();
};
