/// <reference lib="dom" />
// Alerts for new openings in a real browser, in both languages: the form (with and
// without errors), "check your e-mail", the confirmation link's page and its answer, an
// expired link, the unsubscribe page and its answer have no axe WCAG 2.1 A/AA violations;
// at 320 px without JavaScript nothing scrolls sideways and the whole subscription works.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserApp, browserAvailable, wcagViolations } from '../helpers/browser.js';
import { aLookup } from '../helpers/factories/index.js';
import { newSecretToken } from '../../src/security/secret-token.js';

const FORM = '/opgaver/besked?omraade=noerrebro&q=lektier';

describe.skipIf(!browserAvailable)('alerts for new openings in a real browser', () => {
  const app = browserApp(async (ctx) => {
    await aLookup(ctx.db.prisma, 'localArea', 'noerrebro', 'Nørrebro', { nameEn: 'Noerrebro district' });
  });

  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  const submit = async (page: Page) => {
    await page.locator('main form button[type=submit]').click();
    await page.waitForLoadState();
  };

  /** Fills and sends the form; answers the confirmation link's path from the e-mail (in English, through the language switch). */
  async function subscribe(page: Page, email: string): Promise<string> {
    await page.goto(app.session.baseUrl + FORM);
    await page.fill('#email', email);
    await page.check('#frequency');
    await Promise.all([page.waitForURL((url) => url.pathname === '/opgaver/besked/sendt'), submit(page)]);
    const mail = (await app.ctx.readMail()).find((m) => m.to === email);
    const path =
      mail &&
      /https?:\/\/[^/\s]+(\/(?:sprog\/en\?tilbage=%2Fopgaver%2Fbesked%2Fbekraeft%2F|opgaver\/besked\/bekraeft\/)[A-Za-z0-9_-]{43})/.exec(
        mail.text,
      )?.[1];
    if (!path) throw new Error('no confirmation link');
    return path;
  }

  for (const lang of ['da', 'en'] as const) {
    it(`the form, its errors, the confirmation and the unsubscribe pages have no violations (${lang})`, async () => {
      const page = await app.session.newPage(lang);
      await page.goto(app.session.baseUrl + '/opgaver');
      expect(await wcagViolations(page), 'search page with the link').toEqual([]);
      await page.goto(app.session.baseUrl + FORM);
      expect(await wcagViolations(page), 'form').toEqual([]);
      await page.fill('#email', 'ikke-en-adresse');
      await submit(page);
      expect(
        await page.locator('[data-module="error-summary"] a').evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
      ).toEqual(['#email', '#frequency']);
      expect(await wcagViolations(page), 'form with errors').toEqual([]);

      const confirm = await subscribe(page, `browser-${lang}@example.org`);
      expect(await wcagViolations(page), 'sent').toEqual([]);
      await page.goto(app.session.baseUrl + confirm);
      expect(await wcagViolations(page), 'confirm').toEqual([]);
      await submit(page);
      expect(await page.locator('main h1').textContent()).toBe(lang === 'da' ? 'Beskederne er slået til' : 'Your e-mails are on');
      expect(await wcagViolations(page), 'confirmed').toEqual([]);
      await page.goto(app.session.baseUrl + confirm);
      expect(await wcagViolations(page), 'used link').toEqual([]);

      const alert = await app.ctx.db.prisma.openingAlert.findFirstOrThrow({ where: { email: `browser-${lang}@example.org` } });
      await page.goto(`${app.session.baseUrl}/opgaver/besked/afmeld/${alert.unsubscribeToken}`);
      expect(await wcagViolations(page), 'unsubscribe').toEqual([]);
      await submit(page);
      expect(await wcagViolations(page), 'unsubscribed').toEqual([]);
      expect(await app.ctx.db.prisma.openingAlert.count({ where: { id: alert.id } })).toBe(0);
      await page.context().close();
    });
  }

  it('lists alerts in "Mine data" with no violations in both languages, and no horizontal scroll at 320 px', async () => {
    const email = 'mine-data-besked@example.org';
    await app.ctx.db.prisma.openingAlert.create({
      data: { email, query: 'omraade=noerrebro&q=lektier', frequency: 'WEEKLY', unsubscribeToken: newSecretToken().token },
    });
    const { token, tokenHash } = newSecretToken();
    await app.ctx.db.prisma.dataAccessLink.create({ data: { email, tokenHash, expiresAt: new Date('2030-01-01') } });
    for (const lang of ['da', 'en'] as const) {
      const page = await app.session.newPage(lang);
      await page.goto(`${app.session.baseUrl}/mine-data/${token}`);
      expect(await page.locator('main').textContent()).toContain(lang === 'da' ? 'Lokalområde: Nørrebro' : 'Noerrebro district');
      expect(await wcagViolations(page), `mine data (${lang})`).toEqual([]);
      await page.context().close();
    }
    const narrow = await app.session.newPage('da', { width: 320, javaScript: false });
    await narrow.goto(`${app.session.baseUrl}/mine-data/${token}`);
    expect(await overflow(narrow)).toBeLessThanOrEqual(0);
    await narrow.context().close();
  });

  it('subscribes, confirms and unsubscribes without JavaScript at 320 px, with no horizontal scroll', async () => {
    const page = await app.session.newPage('da', { width: 320, javaScript: false });
    await page.goto(app.session.baseUrl + FORM);
    expect(await overflow(page), 'form').toBeLessThanOrEqual(0);
    const confirm = await subscribe(page, 'smal@example.org');
    expect(await overflow(page), 'sent').toBeLessThanOrEqual(0);
    await page.goto(app.session.baseUrl + confirm);
    expect(await overflow(page), 'confirm').toBeLessThanOrEqual(0);
    await submit(page);
    expect(await page.locator('main h1').textContent()).toBe('Beskederne er slået til');
    expect(await overflow(page), 'confirmed').toBeLessThanOrEqual(0);
    const alert = await app.ctx.db.prisma.openingAlert.findFirstOrThrow({ where: { email: 'smal@example.org' } });
    expect(alert.confirmedAt).not.toBeNull();
    await page.goto(`${app.session.baseUrl}/opgaver/besked/afmeld/${alert.unsubscribeToken}`);
    expect(await overflow(page), 'unsubscribe').toBeLessThanOrEqual(0);
    await submit(page);
    expect(await page.locator('main h1').textContent()).toBe('Du får ikke flere e-mails');
    expect(await app.ctx.db.prisma.openingAlert.count({ where: { id: alert.id } })).toBe(0);
    await page.context().close();
  });
});
