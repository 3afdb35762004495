// The small pure rules behind the forms: CVR check digit, slugs, password rules.
import { describe, expect, it } from 'vitest';
import { hasValidCvrCheckDigit, normaliseCvr } from '../../../src/features/associations/cvr.js';
import { firstFreeSlug, slugify } from '../../../src/features/associations/slug.js';
import { isCommonPassword, newPasswordSchema, passwordLength } from '../../../src/features/auth/password-rules.js';

describe('CVR numbers', () => {
  it('accepts numbers whose weighted digit sum (2,7,6,5,4,3,2,1) is divisible by 11', () => {
    expect(hasValidCvrCheckDigit('12345674')).toBe(true);
    // The Danish Agency for Digital Government's CVR number.
    expect(hasValidCvrCheckDigit('34051178')).toBe(true);
  });

  it('refuses a changed digit, swapped digits and the wrong length', () => {
    expect(hasValidCvrCheckDigit('12345678')).toBe(false);
    expect(hasValidCvrCheckDigit('12345647')).toBe(false);
    expect(hasValidCvrCheckDigit('1234567')).toBe(false);
    expect(hasValidCvrCheckDigit('123456740')).toBe(false);
    expect(hasValidCvrCheckDigit('1234567a')).toBe(false);
  });

  it('reads the number the way people write it', () => {
    expect(normaliseCvr('12 34 56 74')).toBe('12345674');
    expect(normaliseCvr('DK12345674')).toBe('12345674');
    expect(normaliseCvr('1234-5674')).toBe('12345674');
  });
});

describe('slugs', () => {
  it('spells out æ, ø and å and drops other accents and signs', () => {
    expect(slugify('Ærø Ølklub & Åkande')).toBe('aeroe-oelklub-aakande');
    expect(slugify('  Café Über—Fælles!  ')).toBe('cafe-uber-faelles');
    expect(slugify('IF Limone')).toBe('if-limone');
  });

  it('never gives a reserved or empty slug', () => {
    expect(slugify('Ny')).toBe('ny-forening');
    expect(slugify('!!!')).toBe('forening');
    expect(slugify('x'.repeat(200))).toHaveLength(80);
  });

  it('adds -2, -3 ... when taken', () => {
    expect(firstFreeSlug('kor', new Set())).toBe('kor');
    expect(firstFreeSlug('kor', new Set(['kor', 'kor-2', 'koret']))).toBe('kor-3');
  });
});

describe('password rules', () => {
  const errorOf = (password: string) => newPasswordSchema.safeParse(password).error?.issues[0]?.message;

  it('counts Unicode characters', () => {
    expect(passwordLength('🌻'.repeat(12))).toBe(12);
    expect(errorOf('🌻'.repeat(12))).toBeUndefined();
    expect(errorOf('🌻'.repeat(11))).toBe('auth.passwords.tooShort');
    // "å" written as a + combining ring counts as one character.
    expect(passwordLength('a\u030a'.repeat(12))).toBe(12);
  });

  it('has no composition rules: lower-case words with spaces are fine', () => {
    expect(errorOf('hest og ko på marken')).toBeUndefined();
  });

  it('allows 128 characters, not 129', () => {
    expect(errorOf('a b '.repeat(32))).toBeUndefined();
    expect(errorOf(`${'a b '.repeat(32)}c`)).toBe('auth.passwords.tooLong');
  });

  it('knows the common ones, case-insensitively', () => {
    expect(isCommonPassword('Password1234')).toBe(true);
    expect(isCommonPassword('SOMMERFUGL123')).toBe(true);
    expect(isCommonPassword('en helt personlig sætning')).toBe(false);
    expect(errorOf('qwertyuiopas')).toBe('auth.passwords.common');
  });
});
