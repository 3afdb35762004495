/** An error with an HTTP status, rendered by the central error handler. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message?: string,
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
