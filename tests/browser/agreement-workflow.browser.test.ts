/// <reference lib="dom" />
// An agreement's life in a real browser, in both languages: the agreement's page with
// its status panel (answers, unsent changes, the send and notice forms, and the notice
// form's error), the versions, one version as sent, the difference between two
// versions, the history, the list and the staff start page have no axe WCAG 2.1 A/AA
// violations and no horizontal scroll at 320 px; the list shows the status on a phone
// without scrolling; giving notice (folded in a <details>) works without JavaScript.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserApp, browserAvailable, wcagViolations } from '../helpers/browser.js';
import { acceptAll, answerVersion, aSendableAgreement, aUser, sendVersion, TEST_PASSWORD } from '../helpers/factories/index.js';

const LIST = '/medarbejder/samarbejdsaftaler';
const STAFF_EMAIL = 'aftale-forloeb@example.org';

describe.skipIf(!browserAvailable)('the agreement workflow in a real browser', () => {
  const agreements: number[] = [];
  /** An ended agreement and the draft renewing it (the renewal chain, no edit, a draft's next step). */
  const others: number[] = [];
  const app = browserApp(async (ctx) => {
    const prisma = ctx.db.prisma;
    const staff = await aUser(prisma, { role: 'STAFF', email: STAFF_EMAIL, name: 'Sara Sagsbehandler' });
    // Three agreements, one per test run that gives notice: each in force, amended
    // (version 2 sent and answered by one partner) and changed again since.
    for (let i = 0; i < 3; i++) {
      const { agreement, associationParty } = await aSendableAgreement(prisma, { title: `Grow Your Life ${i + 1}` });
      await sendVersion(prisma, agreement.id, { sentById: staff.id, note: 'Første udkast' });
      await acceptAll(prisma, agreement.id, 'ACTIVE');
      const purpose = agreement.sections[0]!;
      await prisma.agreementSection.update({ where: { id: purpose.id }, data: { body: 'Unge og ældre dyrker grøntsager sammen.' } });
      const v2 = await sendVersion(prisma, agreement.id, { sentById: staff.id });
      await answerVersion(prisma, {
        versionId: v2.id,
        partyId: associationParty.id,
        answer: 'CHANGES_REQUESTED',
        comment: 'Kun tirsdage.',
      });
      await prisma.agreementSection.update({ where: { id: purpose.id }, data: { body: 'Unge og ældre dyrker grøntsager hver tirsdag.' } });
      await prisma.auditLog.create({
        data: {
          action: 'agreement.sent',
          actorUserId: staff.id,
          targetType: 'agreement',
          targetId: String(agreement.id),
          details: { version: 2 },
        },
      });
      agreements.push(agreement.id);
    }
    const ended = (await aSendableAgreement(prisma, { title: 'Afsluttet aftale' })).agreement;
    await sendVersion(prisma, ended.id, { sentById: staff.id });
    await acceptAll(prisma, ended.id, 'ENDED');
    const renewal = await prisma.agreement.create({
      data: {
        title: 'Fornyet aftale',
        municipalUnit: 'Center for Sundhed',
        level: 'SHARED_TASKS',
        templateVersion: 0,
        renewedFromId: ended.id,
      },
    });
    others.push(ended.id, renewal.id);
  });

  async function staffPage(lang: 'da' | 'en', options: { width?: number; javaScript?: boolean } = {}): Promise<Page> {
    const page = await app.session.newPage(lang, options);
    await app.session.logIn(page, STAFF_EMAIL, TEST_PASSWORD);
    return page;
  }

  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const pages = (id: number) => [
    `${LIST}/${id}`,
    `${LIST}/${id}/versioner`,
    `${LIST}/${id}/versioner/1`,
    `${LIST}/${id}/forskel?fra=1&til=2`,
    `${LIST}/${id}/historik`,
    LIST,
    '/medarbejder',
  ];

  (['da', 'en'] as const).forEach((lang, index) => {
    it(`the status panel, the versions, a version, the diff and the history have no violations (${lang})`, async () => {
      const id = agreements[index]!;
      const page = await staffPage(lang);
      for (const path of [...pages(id), ...others.map((other) => `${LIST}/${other}`)]) {
        await page.goto(app.session.baseUrl + path);
        expect(await wcagViolations(page), path).toEqual([]);
      }
      // The diff form with a version that does not exist: its error summary.
      await page.goto(`${app.session.baseUrl}${LIST}/${id}/forskel?fra=1&til=9`);
      expect(await page.locator('[data-module="error-summary"]').count()).toBe(1);
      expect(await wcagViolations(page), 'diff form with errors').toEqual([]);
      // The notice form sent without a reason: the error summary and the field's error.
      await page.goto(`${app.session.baseUrl}${LIST}/${id}`);
      expect(await page.locator('details.agreement-notice[open]').count()).toBe(0);
      await page.locator('details.agreement-notice summary').click();
      await page.locator(`form[action="${LIST}/${id}/opsig"] button[type=submit]`).click();
      await page.waitForLoadState();
      expect(await page.locator('[data-module="error-summary"]').count()).toBe(1);
      // Open again after the failed notice, so its error is in sight.
      expect(await page.locator('details.agreement-notice[open]').count()).toBe(1);
      expect(await wcagViolations(page), 'notice form with errors').toEqual([]);
      await page.context().close();
    });
  });

  it('has no horizontal scroll at 320 px, and notice is given without JavaScript', async () => {
    const id = agreements[2]!;
    const page = await staffPage('da', { width: 320, javaScript: false });
    for (const path of pages(id)) {
      await page.goto(app.session.baseUrl + path);
      expect(await overflow(page), path).toBeLessThanOrEqual(0);
    }
    await page.goto(`${app.session.baseUrl}${LIST}/${id}`);
    await page.locator('details.agreement-notice summary').click();
    await page.fill('#terminationReason', 'Projektet slutter.');
    await page.locator(`form[action="${LIST}/${id}/opsig"] button[type=submit]`).click();
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).toBe(`${LIST}/${id}`);
    expect(await page.locator('main').textContent()).toContain('Projektet slutter.');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.context().close();
  });

  it('shows each agreement’s status in the list on a 375 px phone without scrolling sideways', async () => {
    const page = await staffPage('da', { width: 375 });
    await page.goto(app.session.baseUrl + LIST);
    const status = await page.locator('table thead th').nth(1);
    expect(await status.textContent()).toBe('Status');
    const box = (await status.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    await page.context().close();
  });
});
