/// <reference lib="dom" />
// The "tried as a new user would", in one browser session each: a citizen
// finds lektiehjælp for young people in Lundtofte, opens it and offers to help; the
// association logs in, sees the interest and marks it contacted. Demo data, real app,
// real Chromium, axe on every page passed through.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserApp, browserAvailable, wcagViolations } from '../helpers/browser.js';
import { seedAllDemoData } from '../../src/db/seed/seed-all.js';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-data.js';

describe.skipIf(!browserAvailable)('a volunteer and an association, end to end in a browser', () => {
  const app = browserApp((ctx) => seedAllDemoData(ctx.db.prisma, { now: ctx.clock.now() }));

  async function expectAccessible(page: Page, what: string) {
    expect(await wcagViolations(page), what).toEqual([]);
  }

  it('finds, offers help, and the association marks the volunteer contacted', async () => {
    // The citizen, on a phone.
    const citizen = await (await app.session.newContext({ width: 375, height: 740 })).newPage();
    await citizen.goto(`${app.session.baseUrl}/`);
    await citizen.fill('#q', 'lektiehjælper');
    await citizen.keyboard.press('Enter');
    await citizen.waitForURL(/\/opgaver\?/);
    // On a phone the filters are folded away under the results' heading until asked for.
    await citizen.locator('summary', { hasText: 'Filtre' }).click();
    await citizen.getByRole('checkbox', { name: /^Unge\b/ }).check();
    await citizen.getByRole('checkbox', { name: /^Lundtofte\b/ }).check();
    await citizen.getByRole('button', { name: 'Søg', exact: true }).click();
    await citizen.waitForURL(/omraade=lundtofte/);
    await expectAccessible(citizen, 'search with filters');

    await citizen.getByRole('link', { name: 'Lektiehjælper til unge i Lundtofte' }).first().click();
    await citizen.waitForURL(/\/opgaver\/\d+$/);
    await expectAccessible(citizen, 'opening page');
    await citizen.fill('#name', 'Jytte Rejsesen');
    await citizen.fill('#email', 'jytte.rejsesen@example.org');
    await citizen.fill('#message', 'Jeg kan hjælpe med matematik om tirsdagen.');
    await citizen.check('#consent');
    await citizen.locator('form button.interest-submit').click();
    await citizen.waitForURL(/\/interesse\/kvittering$/);
    expect(await citizen.locator('h1').textContent()).toContain('Tak');
    await expectAccessible(citizen, 'receipt');

    const receiptMail = (await app.ctx.readMail()).find((mail) => mail.to === 'jytte.rejsesen@example.org');
    expect(receiptMail?.text).toMatch(/\/interesse\/tilbagetraek\/[A-Za-z0-9_-]{40,}/);

    // The association, on a desktop.
    const member = await (await app.session.newContext({ width: 1280, height: 900 })).newPage();
    await member.goto(`${app.session.baseUrl}/log-ind`);
    await member.fill('#email', 'forening@example.org');
    await member.fill('#password', DEMO_PASSWORD);
    await member.locator('main button[type=submit]').click();
    await member.waitForURL(/\/min-side$/);
    await member.getByRole('link', { name: 'Interesserede frivillige' }).first().click();
    await member.waitForURL(/\/interesserede$/);
    await expectAccessible(member, 'interests list');
    const card = member.locator('li', { hasText: 'Jytte Rejsesen' }).last();
    await card.locator('select[name=status]').selectOption('CONTACTED');
    await card.getByRole('button', { name: /Jytte Rejsesen/ }).click();
    await member.waitForLoadState();
    await expect
      .poll(async () => (await member.locator('li', { hasText: 'Jytte Rejsesen' }).last().locator('dd strong').textContent()) ?? '')
      .toBe('Kontaktet');

    const stored = await app.ctx.db.prisma.interest.findFirstOrThrow({ where: { email: 'jytte.rejsesen@example.org' } });
    expect(stored.status).toBe('CONTACTED');
  });

  it('offers help without JavaScript, and no session starts before the form is sent', async () => {
    const context = await app.session.newContext({ javaScript: false });
    const citizen = await context.newPage();
    const opening = await app.ctx.db.prisma.opening.findFirstOrThrow({ where: { title: 'Lektiehjælper til unge i Lundtofte' } });
    await citizen.goto(`${app.session.baseUrl}/opgaver/${opening.id}`);
    const names = async () => (await context.cookies()).map((cookie) => cookie.name);
    // The form's token came as its own cookie; no session yet (ADR 0032).
    expect(await names()).not.toContain('portal.sid');
    expect(await names()).toContain('portal.csrf');
    await citizen.fill('#name', 'Uden Skript');
    await citizen.fill('#email', 'uden.skript@example.org');
    await citizen.check('#consent');
    await citizen.locator('form button.interest-submit').click();
    await citizen.waitForURL(/\/interesse\/kvittering$/);
    expect(await citizen.locator('h1').textContent()).toContain('Tak');
    expect(await names()).toContain('portal.sid');
  });
});
