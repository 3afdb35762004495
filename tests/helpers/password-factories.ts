// Helpers for the password tests: asking for a reset link, reading it from the
// e-mail, and waiting for e-mails the app sends after it has answered.
import supertest from 'supertest';
import type { StoredMail } from '../../src/mail/mailer.js';
import { csrfTokenFrom, type Agent, type TestContext } from './test-app.js';

/** The password e-mails are sent after the reply (so timing does not reveal users): poll for them. */
export async function waitForMail(ctx: TestContext, match: (mail: StoredMail) => boolean, count = 1): Promise<StoredMail[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const found = (await ctx.readMail()).filter(match);
    if (found.length >= count) return found;
    if (Date.now() > deadline) throw new Error(`Expected ${count} e-mail(s), found ${found.length}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function postForgotPassword(agent: Agent, email: string) {
  const page = await agent.get('/glemt-adgangskode').expect(200);
  return agent
    .post('/glemt-adgangskode')
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), email });
}

/** The path of the reset link in an e-mail, e.g. /nulstil-adgangskode/abc.def */
export function resetPathFrom(mail: StoredMail): string {
  const match = /https?:\/\/[^/\s]+(\/nulstil-adgangskode\/[A-Za-z0-9_.-]+)/.exec(mail.text);
  if (!match?.[1]) throw new Error('No reset link in the e-mail');
  return match[1];
}

/** Asks for a link for this e-mail and returns the path in the newest e-mail to it. */
export async function resetLinkFor(ctx: TestContext, email: string): Promise<string> {
  const isResetMail = (m: StoredMail) => m.to === email && m.subject.startsWith('Nulstil');
  const before = (await ctx.readMail()).filter(isResetMail).length;
  const response = await postForgotPassword(supertest.agent(ctx.app), email);
  if (response.status !== 303) throw new Error(`Forgot-password form answered ${response.status}`);
  const mails = await waitForMail(ctx, isResetMail, before + 1);
  return resetPathFrom(mails.at(-1)!);
}

/** Opens the reset page and submits a new password (and its repeat). */
export async function submitNewPassword(agent: Agent, path: string, password: string, repeat = password) {
  const page = await agent.get(path);
  if (page.status !== 200) return page;
  return agent
    .post(path)
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), password, passwordRepeat: repeat });
}
