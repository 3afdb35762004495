// After a successful "Jeg vil gerne hjælpe" the browser is redirected (303) to the
// receipt page. The session remembers only WHICH opening the receipt is for — no
// name or e-mail — so the receipt URL carries no personal data and a stranger who
// opens it without having sent anything is sent to the opening instead.
import type { Request } from 'express';

declare module 'express-session' {
  interface SessionData {
    interestReceipt?: { openingId: number };
  }
}

export function rememberReceipt(req: Request, openingId: number): void {
  req.session.interestReceipt = { openingId };
}

export function hasReceipt(req: Request, openingId: number): boolean {
  return req.session.interestReceipt?.openingId === openingId;
}
