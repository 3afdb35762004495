// The stateless reset token: signed for one user in one password state, for 60 minutes.
import { describe, expect, it } from 'vitest';
import { createResetToken, RESET_TOKEN_VALID_MINUTES, resetTokenUserId, verifyResetToken } from '../../../src/features/auth/reset-token.js';

const SECRET = 'a-test-secret-that-is-long-enough-000';
const NOW = new Date('2026-11-22T10:00:00Z');
const MINUTE = 60 * 1000;
const alice = { id: 7, passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA', passwordChangedAt: new Date('2026-01-01T00:00:00Z') };
const bob = { id: 8, passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$b3RoZXI', passwordChangedAt: new Date('2026-01-01T00:00:00Z') };

const at = (minutes: number) => new Date(NOW.getTime() + minutes * MINUTE);

describe('reset tokens', () => {
  it('verify for the user they were made for, with a 256-bit signature', () => {
    const token = createResetToken(SECRET, alice, NOW);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(resetTokenUserId(token, NOW)).toBe(7);
    expect(verifyResetToken(SECRET, token, alice, NOW)).toBe(true);
  });

  it('expire after 60 minutes', () => {
    expect(RESET_TOKEN_VALID_MINUTES).toBe(60);
    const token = createResetToken(SECRET, alice, NOW);
    expect(verifyResetToken(SECRET, token, alice, at(59.99))).toBe(true);
    expect(verifyResetToken(SECRET, token, alice, at(60))).toBe(false);
    expect(resetTokenUserId(token, at(61))).toBeNull();
  });

  it('stop working when the password changes (single use)', () => {
    const token = createResetToken(SECRET, alice, NOW);
    expect(verifyResetToken(SECRET, token, { ...alice, passwordHash: `${alice.passwordHash}x` }, NOW)).toBe(false);
    expect(verifyResetToken(SECRET, token, { ...alice, passwordChangedAt: at(1) }, NOW)).toBe(false);
  });

  it("cannot be used for another user, not even with the payload rewritten to that user's id", () => {
    const token = createResetToken(SECRET, alice, NOW);
    expect(verifyResetToken(SECRET, token, bob, NOW)).toBe(false);
    const [, signature] = token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ u: bob.id, e: at(30).getTime() })).toString('base64url');
    expect(verifyResetToken(SECRET, `${forgedPayload}.${signature}`, bob, NOW)).toBe(false);
  });

  it('refuses a longer expiry written into the payload', () => {
    const token = createResetToken(SECRET, alice, NOW);
    const [, signature] = token.split('.');
    const longer = Buffer.from(JSON.stringify({ u: alice.id, e: at(24 * 60).getTime() })).toString('base64url');
    expect(verifyResetToken(SECRET, `${longer}.${signature}`, alice, NOW)).toBe(false);
  });

  it('refuses any altered signature, including spellings that decode to the same bytes', () => {
    const token = createResetToken(SECRET, alice, NOW);
    const [payload, signature] = token.split('.') as [string, string];
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (const position of [0, 20, 42]) {
      for (const replacement of alphabet) {
        if (replacement === signature[position]) continue;
        const altered = signature.slice(0, position) + replacement + signature.slice(position + 1);
        expect(verifyResetToken(SECRET, `${payload}.${altered}`, alice, NOW)).toBe(false);
      }
    }
  });

  it('is made with the secret: another secret neither makes nor verifies it', () => {
    const token = createResetToken(SECRET, alice, NOW);
    expect(verifyResetToken(`${SECRET}-other`, token, alice, NOW)).toBe(false);
    expect(createResetToken(`${SECRET}-other`, alice, NOW)).not.toBe(token);
  });

  it('reads nothing from malformed tokens', () => {
    const garbage = ['', 'abc', 'a.b', '.', `${'x'.repeat(500)}.${'y'.repeat(43)}`, `not-json.${'y'.repeat(43)}`];
    const claims = (value: unknown) => `${Buffer.from(JSON.stringify(value)).toString('base64url')}.${'y'.repeat(43)}`;
    garbage.push(
      claims(null),
      claims([]),
      claims({ u: '7', e: at(5).getTime() }),
      claims({ u: 7 }),
      claims({ u: -1, e: at(5).getTime() }),
      claims({ u: 1.5, e: at(5).getTime() }),
    );
    for (const token of garbage) {
      expect(resetTokenUserId(token, NOW)).toBeNull();
      expect(verifyResetToken(SECRET, token, alice, NOW)).toBe(false);
    }
  });
});
