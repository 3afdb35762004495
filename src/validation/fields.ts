// Building blocks for the forms' zod schemas, so every form treats text the same way:
// trimmed, a missing required field gets the form's own "fill me in" message, and
// everything else (too long, wrong format) parseForm's generic messages with the limit.
import { z } from 'zod';

/** The key for a missing field only; other problems (too long) keep their own message. */
export const whenMissing = (key: string) => (issue: { input?: unknown }) => (issue.input === undefined ? key : undefined);

/** A required, trimmed string with its own "fill me in" message (dates, times, codes). */
export const requiredString = (requiredKey: string) =>
  z
    .string({ error: whenMissing(requiredKey) })
    .trim()
    .min(1, { error: requiredKey });

/** A required, trimmed text field with its own "fill me in" message. */
export const requiredText = (max: number, requiredKey: string) => requiredString(requiredKey).max(max);

/** An optional text field: missing or blank becomes "". */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => value ?? '');

/** Digits with the usual separators and an optional leading +, e.g. "+45 12 34 56 78". */
export const PHONE_PATTERN = /^\+?[0-9][0-9 ()./-]{5,}$/;

/** Checkboxes arrive as nothing, one string, or an array of strings. */
export const asList = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/**
 * A web address as people type it, one rule for every form (association website, the
 * municipality's website, an event's link): "www.forening.dk" gets https:// in front;
 * only http and https are accepted (a link shown to readers must never run script or
 * open something else; ASVS 1.2.2), with a real host name and no user name or password.
 */
export const webAddress = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: 'validation.tooLong' })
    .transform((value) => (/^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`))
    .refine(
      (value) => {
        let url: URL;
        try {
          url = new URL(value);
        } catch {
          return false;
        }
        return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.') && !url.username && !url.password;
      },
      { error: 'validation.webAddress' },
    );
