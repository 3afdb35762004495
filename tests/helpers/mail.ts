// Reading the e-mails the app sent: waiting for them, and the links in them.
import type { StoredMail } from '../../src/mail/mailer.js';
import type { TestContext } from './test-app.js';

/** Some e-mails are sent after the reply (so timing does not reveal users): poll for them. */
export async function waitForMail(ctx: TestContext, match: (mail: StoredMail) => boolean, count = 1): Promise<StoredMail[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const found = (await ctx.readMail()).filter(match);
    if (found.length >= count) return found;
    if (Date.now() > deadline) throw new Error(`Expected ${count} e-mail(s), found ${found.length}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The path of the reset link in an e-mail, e.g. /nulstil-adgangskode/abc.def */
export function resetPathFrom(mail: StoredMail): string {
  const match = /https?:\/\/[^/\s]+(\/nulstil-adgangskode\/[A-Za-z0-9_.-]+)/.exec(mail.text);
  if (!match?.[1]) throw new Error('No reset link in the e-mail');
  return match[1];
}

/** The invitation link's token from an e-mail text. */
export function invitationTokenFrom(text: string): string {
  const match = /\/invitation\/([A-Za-z0-9_-]{43})/.exec(text);
  if (!match?.[1]) throw new Error('No invitation link in the e-mail');
  return match[1];
}
