// Password hashing and the password rules (OWASP ASVS 6.2, 11.4.2): argon2id with
// memory ≥ 19 MiB and t ≥ 2; length 12–128, no composition rules, no truncation,
// common passwords refused.
import { hash, verify } from '@node-rs/argon2';

// The package declares Algorithm as a const enum, which isolated modules cannot
// import; 2 is its Argon2id member.
const ARGON2ID = 2;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

const ARGON2_OPTIONS = {
  algorithm: ARGON2ID,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize('NFC'));
  } catch {
    // A malformed stored hash is a failed login, not a crash.
    return false;
  }
}

// A hash computed once so that a login for an unknown e-mail costs as much as one
// for a known e-mail (no user enumeration through timing).
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('dummy-password-for-timing-equalisation');
  await verifyPassword(await dummyHash, password);
  return false;
}
