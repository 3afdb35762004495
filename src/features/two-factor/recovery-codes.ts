// Recovery codes: ten per enrolment, each 10 characters from an alphabet without
// look-alikes (50 bits), shown once and stored only as SHA-256 hashes: the codes have
// full entropy, so a plain hash is enough (as for secret links, src/security/secret-token.ts).
// Typing is forgiving: spaces, dashes and case do not matter.
import { createHash, randomInt } from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const LENGTH = 10;

function newCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** The canonical form: lower case, no separators; null if it cannot be a recovery code. */
export function normaliseRecoveryCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, '').toLowerCase();
  return code.length === LENGTH && [...code].every((c) => ALPHABET.includes(c)) ? code : null;
}

export function hashRecoveryCode(normalised: string): string {
  return createHash('sha256').update(normalised, 'utf8').digest('hex');
}

/** New codes to show (grouped "xxxxx-xxxxx") and the hashes to store. */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) codes.add(newCode());
  const list = [...codes];
  return { codes: list, hashes: list.map((code) => hashRecoveryCode(normaliseRecoveryCode(code)!)) };
}
