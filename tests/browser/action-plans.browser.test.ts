/// <reference lib="dom" />
// Action plans in a real browser, in both languages: the list, the plan's form (empty
// and with errors), the plan's page, the goal and action forms (the action form with
// errors), the history, and the page a failed "task → action" form shows have no axe
// WCAG 2.1 A/AA violations and no horizontal scroll at 320 px; a plan, a goal and an
// action are made without JavaScript.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserApp, browserAvailable, wcagViolations } from '../helpers/browser.js';
import { aPlan, anAction, anAgreement, anAssociation, anOpening, aUser, TEST_PASSWORD } from '../helpers/factories/index.js';

const LIST = '/medarbejder/handleplaner';
const STAFF_EMAIL = 'handleplaner-medarbejder@example.org';

describe.skipIf(!browserAvailable)('action plans in a real browser', () => {
  let planId = 0;
  let partyPath = '';
  const app = browserApp(async (ctx) => {
    const prisma = ctx.db.prisma;
    await aUser(prisma, { role: 'STAFF', email: STAFF_EMAIL });
    const association = await anAssociation(prisma, { name: 'Frivilligcenter Browser' });
    await anOpening(prisma, association.id, { title: 'Besøgsven søges' });
    const agreement = await anAgreement(prisma, { title: 'Besøgsvenner', associationIds: [association.id] });
    const party = agreement.parties[1]!;
    await prisma.agreementParty.update({ where: { id: party.id }, data: { tasks: 'Stiller besøgsvenner til rådighed' } });
    partyPath = `/medarbejder/samarbejdsaftaler/${agreement.id}/parter/${party.id}/handling`;
    const plan = await aPlan(prisma, { title: 'Handleplan for frivillighed 2017–2022', firstYear: 2017, lastYear: 2022 });
    planId = plan.id;
    await prisma.planGoal.update({ where: { id: plan.goals[0]!.id }, data: { sdgs: [3, 17], volunteersDo: 'Besøger ensomme.' } });
    const first = await anAction(prisma, plan.id, {
      year: 2017,
      title: 'Frivillig Fredag',
      associationIds: [association.id],
      units: ['Kultur og Fritid'],
      indicator: 'Antal deltagere',
      indicatorTarget: 200,
    });
    await anAction(prisma, plan.id, { year: 2018, title: 'Frivillig Fredag igen', carriedFromId: first.id, goalNumbers: [1, 2] });
  });

  async function staffPage(lang: 'da' | 'en', options: { width?: number; javaScript?: boolean } = {}): Promise<Page> {
    const page = await app.session.newPage(lang, options);
    await app.session.logIn(page, STAFF_EMAIL, TEST_PASSWORD);
    return page;
  }

  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const submit = async (page: Page) => {
    await page.locator('main form button[type=submit]').first().click();
    await page.waitForLoadState();
  };

  for (const lang of ['da', 'en'] as const) {
    it(`the plans' pages and forms, with and without errors, have no violations (${lang})`, async () => {
      const page = await staffPage(lang);
      const plan = `${LIST}/${planId}`;
      const checks: [string, string][] = [
        ['list', LIST],
        ['new plan', `${LIST}/ny`],
        ['plan', plan],
        ['edit plan', `${plan}/rediger`],
        ['new goal', `${plan}/maal/ny`],
        ['new action', `${plan}/handlinger/ny?aar=2019`],
        ['history', `${plan}/historik`],
      ];
      for (const [name, path] of checks) {
        await page.goto(app.session.baseUrl + path);
        expect(await wcagViolations(page), name).toEqual([]);
      }

      await page.goto(`${app.session.baseUrl}${LIST}/ny`);
      await page.fill('#title', '');
      await page.fill('#lastYear', '1999');
      await submit(page);
      expect(await page.locator('[data-module="error-summary"]').count()).toBe(1);
      expect(await wcagViolations(page), 'new plan with errors').toEqual([]);

      await page.goto(`${app.session.baseUrl}${plan}/handlinger/ny`);
      await page.fill('#year', '2030');
      await page.fill('#plannedFrom', '2030-05-01');
      await page.fill('#plannedTo', '2030-04-01');
      await page.fill('#responsible-0-name', 'Kultur og Fritid');
      await submit(page);
      expect(await page.locator('[data-module="error-summary"]').count()).toBe(1);
      expect(await wcagViolations(page), 'new action with errors').toEqual([]);

      const action = await app.ctx.db.prisma.planAction.findFirstOrThrow({ where: { planId, year: 2017 } });
      await page.goto(`${app.session.baseUrl}${plan}/handlinger/${action.id}/rediger`);
      expect(await wcagViolations(page), 'edit action').toEqual([]);
      const goal = await app.ctx.db.prisma.planGoal.findFirstOrThrow({ where: { planId, number: 1 } });
      await page.goto(`${app.session.baseUrl}${plan}/maal/${goal.id}/rediger`);
      expect(await wcagViolations(page), 'edit goal').toEqual([]);

      // The failed "task → action" form: its page of its own.
      await page.evaluate(
        ([path, id]) => {
          const form = document.createElement('form');
          form.method = 'post';
          form.action = path!;
          const token = document.querySelector<HTMLInputElement>('input[name=_csrf]')!.cloneNode() as HTMLInputElement;
          const plan = Object.assign(document.createElement('input'), { name: 'planId', value: id });
          const year = Object.assign(document.createElement('input'), { name: 'year', value: '2040' });
          form.append(token, plan, year);
          document.body.append(form);
          form.submit();
        },
        [partyPath, String(planId)],
      );
      await page.waitForURL(`**${partyPath}`);
      await page.waitForLoadState();
      expect(await page.locator('[data-module="error-summary"]').count()).toBe(1);
      expect(await wcagViolations(page), 'task → action with errors').toEqual([]);

      // Corrected, it makes the action: the edit page says it is created and leads back to the agreement.
      await page.locator(`main form[action="${partyPath}"] input[name=year]`).fill('2019');
      await page.locator(`main form[action="${partyPath}"] button[type=submit]`).click();
      await page.waitForURL(/\/handlinger\/\d+\/rediger\?aftale=\d+$/);
      await page.waitForLoadState();
      expect(await page.locator('main .alert-success').count()).toBe(1);
      expect(await wcagViolations(page), 'edit action right after task → action').toEqual([]);
      // The history names the action it made.
      await page.goto(`${app.session.baseUrl}${plan}/historik`);
      expect(await page.locator('main td span', { hasText: 'Besøgsvenner' }).count()).toBeGreaterThan(0);
      expect(await wcagViolations(page), 'history with what changed').toEqual([]);
      await app.ctx.db.prisma.planAction.deleteMany({ where: { planId, year: 2019 } });
      await page.context().close();
    });
  }

  it('has no horizontal scroll at 320 px, and a plan, a goal and an action are made without JavaScript', async () => {
    const page = await staffPage('da', { width: 320, javaScript: false });
    await page.goto(`${app.session.baseUrl}${LIST}/ny`);
    await page.fill('#title', 'Plan uden JavaScript');
    await page.fill('#firstYear', '2024');
    await page.fill('#lastYear', '2026');
    await page.fill('#vision', 'Alle kan være frivillige.');
    await submit(page);
    const plan = new URL(page.url()).pathname;
    expect(plan).toMatch(/^\/medarbejder\/handleplaner\/\d+$/);
    expect(await page.locator('main h1').textContent()).toBe('Plan uden JavaScript');

    await page.goto(`${app.session.baseUrl}${plan}/maal/ny`);
    await page.fill('#title', 'Flere unge frivillige');
    await page.check('#sdgs');
    await submit(page);
    expect(await page.locator('main h3', { hasText: 'Mål 1: Flere unge frivillige' }).count()).toBe(1);

    await page.goto(`${app.session.baseUrl}${plan}/handlinger/ny?aar=2025`);
    await page.fill('#title', 'Ungdommens Frivillig Fredag');
    await page.check('#goalNumbers');
    await page.fill('#responsible-0-name', 'Ungdomsskolen');
    await page.check('#associationIds');
    await submit(page);
    expect(await page.locator('#aar-2025 + ul + div table').textContent()).toContain('Ungdommens Frivillig Fredag');

    const existing = `${LIST}/${planId}`;
    for (const path of [LIST, plan, `${plan}/handlinger/ny`, `${plan}/maal/ny`, `${plan}/historik`, existing, `${existing}/rediger`]) {
      await page.goto(app.session.baseUrl + path);
      expect(await overflow(page), path).toBeLessThanOrEqual(0);
    }
    await page.context().close();
  });
});
