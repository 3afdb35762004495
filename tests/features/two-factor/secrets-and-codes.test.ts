// The building blocks without the database: the secret box, TOTP with drift and the
// replay guard, recovery codes, the QR code's accessible name.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveSecretKey, loadConfig } from '../../../src/config.js';
import { createSecretBox } from '../../../src/security/secret-box.js';
import { groupedSecret, newTotpSecret, qrCode, totpCode, totpUri, verifyTotp } from '../../../src/features/two-factor/totp.js';
import {
  hashRecoveryCode,
  newRecoveryCodes,
  normaliseRecoveryCode,
  RECOVERY_CODE_COUNT,
} from '../../../src/features/two-factor/recovery-codes.js';

describe('secret box', () => {
  const box = createSecretBox(randomBytes(32));

  it('opens what it sealed, with a new IV every time', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(box.seal('JBSWY3DPEHPK3PXP')).not.toBe(sealed);
  });

  it('refuses a changed value, a malformed one and another key', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    const [version, iv, tag, ciphertext] = sealed.split('.') as [string, string, string, string];
    const flipped = Buffer.from(ciphertext, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(box.open([version, iv, tag, flipped.toString('base64url')].join('.'))).toBeNull();
    expect(box.open([version, iv, Buffer.alloc(16).toString('base64url'), ciphertext].join('.'))).toBeNull();
    expect(box.open('not sealed')).toBeNull();
    expect(box.open(`v2.${iv}.${tag}.${ciphertext}`)).toBeNull();
    expect(createSecretBox(randomBytes(32)).open(sealed)).toBeNull();
  });

  it('takes its key from TOTP_SECRET_KEY, or else derives one of its own from SESSION_SECRET', () => {
    const sessionSecret = 's'.repeat(40);
    const fromSession = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: sessionSecret }).secretKey;
    expect(fromSession).toHaveLength(32);
    expect(fromSession.toString('utf8')).not.toContain(sessionSecret.slice(0, 32));
    expect(fromSession.equals(deriveSecretKey(sessionSecret))).toBe(true);
    const own = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: sessionSecret, TOTP_SECRET_KEY: 'k'.repeat(40) }).secretKey;
    expect(own.equals(fromSession)).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'test', TOTP_SECRET_KEY: 'short' })).toThrow(/TOTP_SECRET_KEY/);
  });
});

describe('TOTP', () => {
  const secret = newTotpSecret();
  const at = new Date('2026-11-27T10:00:10Z');
  const step = Math.floor(at.getTime() / 30_000);

  it('accepts the current code and one step of drift either way, not two', () => {
    expect(verifyTotp(secret, totpCode(secret, at), at, null)).toBe(step);
    expect(verifyTotp(secret, totpCode(secret, new Date(at.getTime() - 30_000)), at, null)).toBe(step - 1);
    expect(verifyTotp(secret, totpCode(secret, new Date(at.getTime() + 30_000)), at, null)).toBe(step + 1);
    expect(verifyTotp(secret, totpCode(secret, new Date(at.getTime() - 60_000)), at, null)).toBeNull();
    expect(verifyTotp(secret, totpCode(secret, new Date(at.getTime() + 60_000)), at, null)).toBeNull();
  });

  it('refuses a step at or before the last accepted one (replay)', () => {
    const code = totpCode(secret, at);
    expect(verifyTotp(secret, code, at, step)).toBeNull();
    expect(verifyTotp(secret, code, at, step - 1)).toBe(step);
  });

  it('tolerates spaces and refuses anything but six digits', () => {
    const code = totpCode(secret, at);
    expect(verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, at, null)).toBe(step);
    expect(verifyTotp(secret, 'abcdef', at, null)).toBeNull();
    expect(verifyTotp(secret, `${code}1`, at, null)).toBeNull();
  });

  it('draws the QR code (size and path for the view) and groups the secret by four', async () => {
    const uri = totpUri({ issuer: 'Test Kommune', account: 'a@example.org', secret });
    expect(uri).toMatch(/^otpauth:\/\/totp\/Test%20Kommune:a%40example\.org\?secret=/);
    expect(uri).toContain('issuer=Test%20Kommune');
    const drawing = await qrCode(uri);
    expect(drawing.size).toBeGreaterThan(21);
    expect(drawing.path).toMatch(/^M[\d. hvmM]+$/);
    expect(groupedSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
  });
});

describe('recovery codes', () => {
  it('makes ten different codes and stores only their hashes', () => {
    const { codes, hashes } = newRecoveryCodes();
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(hashes).toEqual(codes.map((code) => hashRecoveryCode(normaliseRecoveryCode(code)!)));
    expect(hashes.join()).not.toContain(codes[0]!.replace('-', ''));
  });

  it('reads a code typed with other case, spaces or dashes, and nothing else', () => {
    expect(normaliseRecoveryCode(' ABCDE 23456 ')).toBe('abcde23456');
    expect(normaliseRecoveryCode('abc-de-234-56')).toBe('abcde23456');
    expect(normaliseRecoveryCode('abcde2345')).toBeNull();
    expect(normaliseRecoveryCode('abcde2345l')).toBeNull();
  });
});
