// The first-run set-up code: printed in the server's start-up output and typed by the
// person who sets the portal up. Twelve characters from an alphabet without look-alikes
// (no 0/O, 1/I/L), shown in groups of four: about 59 bits, and the form is rate-limited.
// Only its SHA-256 is stored (setup_codes), like the e-mailed link tokens.
import { createHash, randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LENGTH = 12;
const GROUP = 4;

/** A new code, grouped for reading: "ABCD-EFGH-JKMN". */
export function newSetupCode(): string {
  const chars = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]!);
  const groups: string[] = [];
  for (let i = 0; i < LENGTH; i += GROUP) groups.push(chars.slice(i, i + GROUP).join(''));
  return groups.join('-');
}

/** The code as typed, reduced to its characters: case, spaces and dashes do not matter. */
export function normaliseSetupCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]+/g, '');
}

export function hashSetupCode(code: string): string {
  return createHash('sha256').update(normaliseSetupCode(code), 'utf8').digest('hex');
}

/** Only a code of the right shape is looked up. */
export function isWellFormedSetupCode(typed: string): boolean {
  const code = normaliseSetupCode(typed);
  return code.length === LENGTH && [...code].every((char) => ALPHABET.includes(char));
}
