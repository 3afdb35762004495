/** An error with an HTTP status, rendered by the central error handler. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message?: string,
    /** The error page's text (a locale key with .title and .body), when the status's own is not the right one. */
    readonly messageKey?: string,
  ) {
    super(message ?? `HTTP ${status}`);
    this.name = 'HttpError';
  }
}

/**
 * What may be logged of an error: its class and code (e.g. `Error:ECONNREFUSED`),
 * never its message — SMTP and database messages can quote addresses and values.
 */
export function errorKind(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' || typeof code === 'number' ? `${error.name}:${code}` : error.name;
  }
  return typeof error;
}

/**
 * An error as it may be logged: its kind and the stack's frames, without the message
 * line (database and SMTP messages can quote personal data).
 */
export function loggableError(error: unknown): { errorKind: string; stack?: string } {
  const kind = errorKind(error);
  if (!(error instanceof Error) || !error.stack) return { errorKind: kind };
  const frames = error.stack
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .join('\n');
  return { errorKind: kind, stack: frames };
}
