// One-shot messages across a POST/redirect/GET, stored in the session as locale keys.
import type { Request, RequestHandler } from 'express';
import type { Flash } from '../types/express.js';
import { sessionPending } from './session.js';

export function addFlash(req: Request, type: Flash['type'], key: string, near?: string): void {
  req.session.flash = [...(req.session.flash ?? []), { type, key, ...(near ? { near } : {}) }];
}

export const exposeFlash: RequestHandler = (req, res, next) => {
  // No session made yet (session.ts): no message waiting, and none made for asking.
  if (sessionPending(req)) {
    res.locals.flash = [];
    next();
    return;
  }
  res.locals.flash = req.session?.flash ?? [];
  if (req.session?.flash) delete req.session.flash;
  next();
};
