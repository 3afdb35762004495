// Password-reset tokens (ASVS 6.4.3, 11.5.1) without a table: a signed, stateless
// token `base64url(JSON{u: userId, e: expiresAtMs}) + "." + base64url(HMAC-SHA256)`.
// The MAC covers the payload AND the user's current password hash and
// passwordChangedAt, so:
// - nobody without the server's secret can make or alter one (256-bit MAC);
// - it stops working the moment the password changes — using it changes the
//   password, so it works once; every other link sent earlier dies with it;
// - it expires RESET_TOKEN_VALID_MINUTES after it was made.
// The key is derived from the session secret with a purpose label, so a MAC made
// here can never be confused with any other use of that secret (cookie signing).
import { createHmac, timingSafeEqual } from 'node:crypto';

export const RESET_TOKEN_VALID_MINUTES = 60;

/** What of the user the signature binds. */
export interface ResetTokenUser {
  id: number;
  passwordHash: string;
  passwordChangedAt: Date;
}

const PURPOSE = 'password-reset-token/v1';
// A payload is a short JSON object; a signature is 32 bytes = 43 base64url characters.
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{1,120}\.[A-Za-z0-9_-]{43}$/;

function keyFor(secret: string): Buffer {
  return createHmac('sha256', secret).update(PURPOSE).digest();
}

function sign(secret: string, payload: string, user: ResetTokenUser): Buffer {
  // Newline-separated: none of the three parts can contain a newline, so the input
  // is unambiguous.
  return createHmac('sha256', keyFor(secret)).update(`${payload}\n${user.passwordHash}\n${user.passwordChangedAt.toISOString()}`).digest();
}

export function createResetToken(secret: string, user: ResetTokenUser, now: Date): string {
  const expiresAt = now.getTime() + RESET_TOKEN_VALID_MINUTES * 60 * 1000;
  const payload = Buffer.from(JSON.stringify({ u: user.id, e: expiresAt }), 'utf8').toString('base64url');
  return `${payload}.${sign(secret, payload, user).toString('base64url')}`;
}

/**
 * The user id a token claims, if it is well-formed and not expired. Unverified: use
 * it only to look the user up, then call verifyResetToken with that user.
 */
export function resetTokenUserId(token: string, now: Date): number | null {
  if (!TOKEN_FORMAT.test(token)) return null;
  const [payload] = token.split('.');
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof claims !== 'object' || claims === null) return null;
  const { u, e } = claims as { u?: unknown; e?: unknown };
  if (typeof u !== 'number' || !Number.isSafeInteger(u) || u <= 0) return null;
  if (typeof e !== 'number' || !Number.isFinite(e) || e <= now.getTime()) return null;
  return u;
}

/** True when the token was made by us for this user in their current password state, and is still valid. */
export function verifyResetToken(secret: string, token: string, user: ResetTokenUser, now: Date): boolean {
  if (resetTokenUserId(token, now) !== user.id) return false;
  const [payload, signature] = token.split('.') as [string, string];
  // Compared as text, not decoded bytes: base64url decoding ignores the spare bits of
  // the last character, so several spellings decode alike; only ours is accepted.
  const given = Buffer.from(signature, 'utf8');
  const expected = Buffer.from(sign(secret, payload, user).toString('base64url'), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
