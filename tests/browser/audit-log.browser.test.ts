/// <reference lib="dom" />
// The audit log viewer and the staff start page's attention list in a real browser, in
// both languages: the log (filtered, and with filter errors), one row with before/after
// and the start page have no axe WCAG 2.1 A/AA violations and no horizontal scroll at
// 320 px; the filter works without JavaScript.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserApp, browserAvailable, wcagViolations } from '../helpers/browser.js';
import { anAssociation, aPlan, aUser, TEST_PASSWORD } from '../helpers/factories/index.js';

const LOG = '/administration/log';
const ADMIN_EMAIL = 'log-admin@example.org';
let changedRowId = '';

describe.skipIf(!browserAvailable)('the audit log and the attention list in a real browser', () => {
  const app = browserApp(async (ctx) => {
    const prisma = ctx.db.prisma;
    await aUser(prisma, { role: 'ADMIN', email: ADMIN_EMAIL, name: 'Ada Administrator' });
    const staff = await aUser(prisma, { role: 'STAFF', name: 'Søren Sagsbehandler' });
    await anAssociation(prisma, { status: 'PENDING', name: 'Foreningen Venter' });
    await aPlan(prisma, { title: 'Handleplan for frivillighed', firstYear: 2025, lastYear: 2028 });
    const changed = await prisma.auditLog.create({
      data: {
        action: 'agreement.updated',
        at: new Date('2026-11-20T09:00:00Z'),
        actorUserId: staff.id,
        targetType: 'agreement',
        targetId: '12',
        details: {
          version: 4,
          before: { title: 'Samarbejde om lektiecafé i Nordbyen og omegn', purposeSummaryWithAVeryLongFieldName: 'x'.repeat(80) },
          after: { title: 'Samarbejde om lektiecafé og fritidsaktiviteter i hele kommunen', purposeSummaryWithAVeryLongFieldName: null },
        },
      },
    });
    changedRowId = String(changed.id);
    await prisma.auditLog.create({
      data: {
        action: 'retention.ran',
        at: new Date('2026-11-21T01:15:00Z'),
        targetType: 'retention',
        targetId: '*',
        details: { interests: 3 },
      },
    });
  });

  async function adminPage(lang: 'da' | 'en', options: { width?: number; javaScript?: boolean } = {}): Promise<Page> {
    const page = await app.session.newPage(lang, options);
    await app.session.logIn(page, ADMIN_EMAIL, TEST_PASSWORD);
    return page;
  }

  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  for (const lang of ['da', 'en'] as const) {
    it(`the log, a filtered log with errors, one row and the start page have no violations (${lang})`, async () => {
      const page = await adminPage(lang);
      await page.goto(app.session.baseUrl + LOG);
      expect(await wcagViolations(page), 'log').toEqual([]);
      await page.goto(`${app.session.baseUrl}${LOG}?fra=31-02-2026&til=nope`);
      expect(
        await page.locator('[data-module="error-summary"] a').evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
      ).toEqual(['#fra', '#til']);
      expect(await wcagViolations(page), 'log with filter errors').toEqual([]);
      await page.goto(`${app.session.baseUrl}${LOG}/${changedRowId}`);
      expect(await wcagViolations(page), 'row').toEqual([]);
      await page.goto(`${app.session.baseUrl}/medarbejder`);
      expect(await wcagViolations(page), 'start page').toEqual([]);
      await page.context().close();
    });
  }

  it('has no horizontal scroll at 320 px, and the filter works without JavaScript', async () => {
    const page = await adminPage('da', { width: 320, javaScript: false });
    for (const path of [LOG, `${LOG}?fra=31-02-2026`, `${LOG}/${changedRowId}`, '/medarbejder']) {
      await page.goto(app.session.baseUrl + path);
      expect(await overflow(page), path).toBeLessThanOrEqual(0);
    }
    await page.goto(app.session.baseUrl + LOG);
    await page.selectOption('#handling', 'retention.ran');
    await page.locator('main form button[type=submit]').click();
    await page.waitForLoadState();
    expect(new URL(page.url()).search).toContain('handling=retention.ran');
    const rows = page.locator('main table tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Sletning efter opbevaringsperioder kørt');
    await page.context().close();
  });
});
