// The secret in an e-mailed link (an invitation, a withdrawal, a partner's answer):
// 256 bits from the OS's CSPRNG, sent only in the e-mail. The database keeps only its
// SHA-256, so a copy of the database cannot be used to follow the links (ASVS 6.4.3,
// 11.5.1). A plain hash is enough, as the token has full entropy; looking up by hash
// makes a constant-time comparison unnecessary. Expiry and single use are the
// caller's table's columns.
import { createHash, randomBytes } from 'node:crypto';

/** 32 bytes in base64url are 43 characters; anything else cannot be ours. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newSecretToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashSecretToken(token) };
}

export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Only well-formed tokens are looked up; anything else is treated as unknown. */
export function isWellFormedSecretToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_PATTERN.test(value);
}
