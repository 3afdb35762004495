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
