// Redirect targets taken from a request must stay on this site: a path starting with
// one "/" (not "//host" or "/\host"), without control characters.
export function safeLocalPath(candidate: unknown, fallback: string): string {
  if (typeof candidate !== 'string') return fallback;
  if (!candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) return fallback;
  // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(candidate) || candidate.length > 2000) return fallback;
  return candidate;
}
