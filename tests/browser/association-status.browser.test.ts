/// <reference lib="dom" />
// Suspending and reinstating an association in a real browser at 320 px, in Danish and
// English: the staff page with the suspend and archive forms, the same form with its
// error, the suspended association's page with the reinstate form, the staff list, and
// the members' notice have no axe WCAG 2.1 A/AA violations and no horizontal scroll. The forms work
// without JavaScript.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserApp, browserAvailable, wcagViolations } from '../helpers/browser.js';
import { anAssociation, aUser, TEST_PASSWORD } from '../helpers/factories/index.js';

const STAFF_EMAIL = 'status-medarbejder@example.org';
const memberEmail = (lang: string) => `status-medlem-${lang}@example.org`;
const associationIds: Record<'da' | 'en' | 'nojs', number> = { da: 0, en: 0, nojs: 0 };

describe.skipIf(!browserAvailable)('suspending an association in a real browser', () => {
  const app = browserApp(async (ctx) => {
    const prisma = ctx.db.prisma;
    await prisma.municipalitySettings.create({ data: { name: 'Testkommune', contactEmail: 'frivillig@kommune.example.org' } });
    await aUser(prisma, { role: 'STAFF', email: STAFF_EMAIL });
    for (const lang of ['da', 'en', 'nojs'] as const) {
      const association = await anAssociation(prisma, { name: `Statusforeningen ${lang}` });
      associationIds[lang] = association.id;
      await aUser(prisma, { email: memberEmail(lang), associationId: association.id });
    }
  });

  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  /** axe needs JavaScript in the page; without it, only the overflow is checked. */
  async function check(page: Page, what: string, axe = true) {
    if (axe) expect(await wcagViolations(page), what).toEqual([]);
    expect(await overflow(page), what).toBeLessThanOrEqual(0);
  }

  const texts = {
    da: {
      suspend: 'Suspendér foreningen',
      reinstate: 'Genaktivér foreningen',
      required: 'Skriv en begrundelse for suspensionen',
      notice: 'Kommunen har suspenderet jeres forening',
    },
    en: {
      suspend: 'Suspend the association',
      reinstate: 'Reinstate the association',
      required: 'Write a reason for the suspension',
      notice: 'The municipality has suspended your association',
    },
  } as const;

  for (const [lang, javaScript] of [
    ['da', true],
    ['en', true],
    ['da', false],
  ] as const) {
    const name = javaScript
      ? `suspends and reinstates at 320 px without violations (${lang})`
      : 'suspends and reinstates without JavaScript';
    it(name, { timeout: 120_000 }, async () => {
      const which = javaScript ? lang : 'nojs';
      const id = associationIds[which];
      const axe = javaScript;
      const staffPage = await app.session.newPage(lang, { width: 320, javaScript });
      await app.session.logIn(staffPage, STAFF_EMAIL, TEST_PASSWORD);
      await staffPage.goto(`${app.session.baseUrl}/medarbejder/foreninger/${id}`);
      expect(await staffPage.getAttribute('html', 'lang')).toBe(lang);
      await check(staffPage, 'approved, with the forms', axe);

      // Without a reason: the error summary and the field's error.
      await staffPage.getByRole('button', { name: texts[lang].suspend }).click();
      await staffPage.waitForLoadState();
      expect(await staffPage.locator('main').textContent()).toContain(texts[lang].required);
      await check(staffPage, 'the suspend form with its error', axe);

      await staffPage.fill('#suspendReason', 'Vi undersøger en klage. Ring gerne til os.');
      await staffPage.getByRole('button', { name: texts[lang].suspend }).click();
      await staffPage.waitForURL(new RegExp(`/medarbejder/foreninger/${id}$`));
      expect(await staffPage.getByRole('button', { name: texts[lang].reinstate }).count()).toBe(1);
      await check(staffPage, 'suspended, with the reinstate form', axe);
      await staffPage.goto(`${app.session.baseUrl}/medarbejder/foreninger`);
      await check(staffPage, 'the list with the suspended association', axe);
      await staffPage.goto(`${app.session.baseUrl}/medarbejder/foreninger/${id}`);

      const memberPage = await app.session.newPage(lang, { width: 320, javaScript });
      await app.session.logIn(memberPage, memberEmail(which), TEST_PASSWORD);
      for (const path of ['opgaver', 'profil']) {
        await memberPage.goto(`${app.session.baseUrl}/min-forening/${id}/${path}`);
        expect(await memberPage.locator('main').textContent()).toContain(texts[lang].notice);
        await check(memberPage, `the members' notice on ${path}`, axe);
      }

      // The form leads back to the same address: wait for the page's new content, not the URL.
      await staffPage.getByRole('button', { name: texts[lang].reinstate }).click();
      await staffPage.getByRole('button', { name: texts[lang].suspend }).waitFor();
      expect(await staffPage.getByRole('button', { name: texts[lang].reinstate }).count()).toBe(0);
      await memberPage.goto(`${app.session.baseUrl}/min-forening/${id}/opgaver`);
      expect(await memberPage.locator('main').textContent()).not.toContain(texts[lang].notice);
      await memberPage.context().close();
      await staffPage.context().close();
    });
  }
});
