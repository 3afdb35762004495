// The time within which the citizen is told to expect the association's answer: the
// receipt page, the receipt e-mail and the association's "new interest" e-mail all name
// this one period, so the association knows what the citizen was promised.
type Translate = (key: string, options: { count: number }) => string;

export const REPLY_WITHIN_WEEKS = 2;

/** "2 uger" / "2 weeks" in the translator's language. */
export function replyPeriod(t: Translate): string {
  return t('interests.replyTime.weeks', { count: REPLY_WITHIN_WEEKS });
}
