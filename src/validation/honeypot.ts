// The honeypot: a text field hidden from people (and from assistive technology) that
// bots filling every input fill too. A form that has it filled is answered exactly as
// a real submission would be, so the bot learns nothing, and nothing is stored or sent.
// Forms render it with views/partials/honeypot.ejs.
export const HONEYPOT_FIELD = 'website';

export function honeypotFilled(body: unknown): boolean {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[HONEYPOT_FIELD] : undefined;
  return typeof value === 'string' && value.trim() !== '';
}
