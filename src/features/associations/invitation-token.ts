// Invitation tokens (ASVS 6.4.3, 11.5.1): 256 random bits, sent only in the e-mail;
// the database keeps their SHA-256, so a leaked database cannot be used to join an
// association. Looking up by hash makes a constant-time comparison unnecessary.
import { createHash, randomBytes } from 'node:crypto';

export const INVITATION_VALID_DAYS = 7;

export function newInvitationToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashInvitationToken(token) };
}

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** 32 bytes in base64url are 43 characters; anything else cannot be ours. */
export function looksLikeInvitationToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
