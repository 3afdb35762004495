// The two rate-limit shapes that several forms share (express-rate-limit):
//
// - `emailedLinkLimits`: a form that e-mails a link to the address typed in (password
//   reset, "Mine data"). Requests that went through count (a form with errors does
//   not), per address asked for and per network address: this caps the e-mails one
//   mailbox can be sent whatever the sender's network address.
// - `currentPasswordLimit`: guessing a logged-in user's current password on a session
//   left open (changing the password, deleting the account; ASVS 6.3.1). Only
//   responses the controller marked with `noteWrongPassword` count; no lock-out, the
//   window runs out.
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { normaliseEmail } from '../features/auth/auth-service.js';
import type { RateLimitStores } from '../security/rate-limit-store.js';

type LimitHandler = (req: Request, res: Response) => void;

const HOUR_MS = 60 * 60 * 1000;

/** [per network address, per e-mail address], to mount before the form's handler. */
export function emailedLinkLimits(options: {
  /** The form's name: its limiters' prefixes in the shared store ("<name>-email", "<name>-address"). */
  name: string;
  stores: RateLimitStores;
  perEmailPerHour: number;
  perAddressPerHour: number;
  handler: LimitHandler;
}): RequestHandler[] {
  const shared = {
    windowMs: HOUR_MS,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipFailedRequests: true,
    handler: options.handler,
  } as const;
  const perEmail = rateLimit({
    ...shared,
    store: options.stores.store(`${options.name}-email`),
    limit: options.perEmailPerHour,
    keyGenerator: (req: Request) => {
      const body = req.body as { email?: unknown } | undefined;
      return `email|${typeof body?.email === 'string' ? normaliseEmail(body.email) : ''}`;
    },
  });
  const perAddress = rateLimit({
    ...shared,
    store: options.stores.store(`${options.name}-address`),
    limit: options.perAddressPerHour,
    keyGenerator: (req: Request) => ipKeyGenerator(req.ip ?? ''),
  });
  return [perAddress, perEmail];
}

// Responses that refused a wrong current password: only these count towards the
// guessing limit (a new password that breaks the rules is no guess).
const wrongPasswords = new WeakSet<Response>();

/** The controller says: this response refused a wrong current password. */
export function noteWrongPassword(res: Response): void {
  wrongPasswords.add(res);
}

export function currentPasswordLimit(options: {
  /** The form's name: the limiter's prefix in the shared store. */
  name: string;
  stores: RateLimitStores;
  windowMinutes: number;
  max: number;
  handler: LimitHandler;
}): RequestHandler {
  return rateLimit({
    store: options.stores.store(options.name),
    windowMs: options.windowMinutes * 60 * 1000,
    limit: options.max,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => !wrongPasswords.has(res),
    keyGenerator: (req: Request) => `user|${req.user?.id ?? ''}`,
    handler: options.handler,
  });
}
