// The portal's one way to handle a submitted form (docs/adr/0006): parse it with
// zod; on failure re-render the same page with status 422, the user's input kept and
// each error shown in the summary and at its field. Errors carry locale keys, so they
// render in the reader's language.
import type { z } from 'zod';

export interface FieldError {
  /** The form field's name; also the input's id, so the summary can link to it. */
  field: string;
  /** Locale key of the message, e.g. "validation.required". */
  key: string;
  params?: Record<string, string | number>;
}

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldError[] };

/**
 * Schemas may give a message that is a locale key (e.g. `{ error: 'auth.login.emailInvalid' }`);
 * otherwise the issue code picks a generic key.
 */
function issueToError(issue: z.core.$ZodIssue): FieldError {
  const field = issue.path.map(String).join('.') || 'form';
  if (issue.message && /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+$/.test(issue.message)) {
    return { field, key: issue.message };
  }
  switch (issue.code) {
    case 'too_small':
      return Number(issue.minimum) <= 1 && issue.origin === 'string'
        ? { field, key: 'validation.required' }
        : { field, key: 'validation.tooShort', params: { min: Number(issue.minimum) } };
    case 'too_big':
      return { field, key: 'validation.tooLong', params: { max: Number(issue.maximum) } };
    case 'invalid_format':
      return { field, key: issue.format === 'email' ? 'validation.email' : 'validation.format' };
    case 'invalid_type':
      return { field, key: issue.input === undefined ? 'validation.required' : 'validation.invalid' };
    default:
      return { field, key: 'validation.invalid' };
  }
}

export function parseForm<S extends z.ZodType>(schema: S, input: unknown): FormResult<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  // One message per field: the first is the one to fix first.
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of result.error.issues) {
    const error = issueToError(issue);
    if (seen.has(error.field)) continue;
    seen.add(error.field);
    errors.push(error);
  }
  return { ok: false, errors };
}

/** The submitted values to show again, without secrets. */
export function keepValues(body: unknown, omit: readonly string[] = ['password', '_csrf']): Record<string, unknown> {
  if (!body || typeof body !== 'object') return {};
  return Object.fromEntries(Object.entries(body).filter(([key]) => !omit.includes(key)));
}

/**
 * The errors in the order their fields appear on the page, so the summary reads top to
 * bottom like the form (a schema's issue order follows its keys and refinements, which
 * drift from the page). The page's HTML is the one source of that order: each summary
 * link goes to `#field`, so the field's position is where `id="field"` is. Errors whose
 * target is not on the page (e.g. "form") come first, in their own order; the sort is stable.
 */
export function orderErrorsByPage<E extends { field: string }>(errors: readonly E[], pageHtml: string): E[] {
  const position = (field: string) => pageHtml.indexOf(`id="${field}"`);
  return errors
    .map((error, index) => ({ error, index, at: position(error.field) }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map(({ error }) => error);
}
