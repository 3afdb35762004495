import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../src/features/auth/password.js';

describe('password hashing', () => {
  it('stores argon2id with at least 19 MiB memory and two passes (ASVS 11.4.2)', async () => {
    const stored = await hashPassword('en lang og god adgangssætning');
    const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
    expect(match).not.toBeNull();
    expect(Number(match?.[1])).toBeGreaterThanOrEqual(19456);
    expect(Number(match?.[2])).toBeGreaterThanOrEqual(2);
  });

  it('verifies the password, not a prefix of it, and survives a malformed hash', async () => {
    const long = 'æøå '.repeat(20) + 'slutningen betyder noget';
    const stored = await hashPassword(long);
    expect(await verifyPassword(stored, long)).toBe(true);
    expect(await verifyPassword(stored, long.slice(0, 72))).toBe(false);
    expect(await verifyPassword('not-a-hash', long)).toBe(false);
  });
});
