// Two-factor login in tests: the factory enrols staff and admins with TEST_TOTP_SECRET
// (sealed with the test configuration's key), and the login helpers compute its code
// for the app's FakeClock.
import type { Express } from 'express';
import { loadConfig } from '../../src/config.js';
import { createSecretBox } from '../../src/security/secret-box.js';
import { totpCode } from '../../src/features/two-factor/totp.js';
import { clockOf, prismaOf } from './test-app.js';
import { DEMO_TOTP_SECRET } from '../../src/db/seed/demo-data.js';

/**
 * The factory's secret is the published demo secret, so the login helpers also log in
 * the demo staff and admin that browser tests seed (src/db/seed/demo-data.ts).
 */
export const TEST_TOTP_SECRET = DEMO_TOTP_SECRET;

const testBox = createSecretBox(loadConfig({ NODE_ENV: 'test' }).secretKey);

/** A secret sealed as the test app stores it (users.totp_secret). */
export function sealForTests(secret: string = TEST_TOTP_SECRET): string {
  return testBox.seal(secret);
}

/** The code the authenticator app would show now, by the app's clock. */
export function currentCode(app: Express, secret: string = TEST_TOTP_SECRET): string {
  return totpCode(secret, clockOf(app).now());
}

/** The next step's code: the clock moves on 30 seconds (a step already used is refused). */
export function nextStepCode(app: Express, secret: string = TEST_TOTP_SECRET): string {
  clockOf(app).advance(30_000);
  return currentCode(app, secret);
}

/**
 * The code for a helper's login of `email`. A step the server already accepted would be
 * refused as a replay: when the clock has not moved past it, the clock moves on to the
 * next step; when a test set the clock back (far behind the accepted step), the
 * account's replay guard is cleared instead, as the test's time line started over.
 */
export async function loginCode(app: Express, email: string, secret: string = TEST_TOTP_SECRET): Promise<string> {
  const clock = clockOf(app);
  const prisma = prismaOf(app);
  const stepNow = () => Math.floor(clock.now().getTime() / 30_000);
  const user = await prisma.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, totpLastStep: true } });
  const last = user?.totpLastStep ?? null;
  if (user && last !== null && last >= stepNow()) {
    if (last - stepNow() <= 2) clock.advance((last + 1 - stepNow()) * 30_000);
    else await prisma.user.update({ where: { id: user.id }, data: { totpLastStep: null } });
  }
  return totpCode(secret, clock.now());
}

/** The secret shown as text on an enrolment page (groups of four). */
export function secretFromPage(html: string): string {
  const match = /class="two-factor-secret"[^>]*>([A-Z2-7 ]+)</.exec(html);
  if (!match?.[1]) throw new Error('No secret on the page');
  return match[1].replaceAll(' ', '');
}
