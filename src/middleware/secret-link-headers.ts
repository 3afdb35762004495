// A page whose address carries a secret (a password reset, a withdrawal, a partner's
// answer or evaluation link): the address must not leave in a Referer header to other
// sites, nor stay in a shared cache.
import type { Response } from 'express';

export function protectSecretLink(res: Response): void {
  res.set('Referrer-Policy', 'no-referrer');
  res.set('Cache-Control', 'no-store');
}
