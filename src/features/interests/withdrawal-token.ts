// The secret in a citizen's withdrawal link. 256 bits from the OS's CSPRNG; only its
// SHA-256 is stored, so a copy of the database cannot be used to withdraw (or to learn
// the links). A plain hash is enough: the token has full entropy, nothing to brute-force.
import { createHash, randomBytes } from 'node:crypto';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newWithdrawalToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashWithdrawalToken(token) };
}

export function hashWithdrawalToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Only well-formed tokens are looked up; anything else is "nothing to withdraw". */
export function isWellFormedToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_PATTERN.test(value);
}

export function withdrawalUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/interesse/tilbagetraek/${token}`;
}
