/// <reference lib="dom" />
// The "tried as a new user would", in a real browser from start to end: staff
// write "Grow Your Life" from the template with three partners (the volunteer centre,
// an association, and an evening school with no account) and send it; the volunteer
// centre asks for a change; staff revise and send version 2; all three accept version
// 2 — the evening school through the link in its e-mail, while its version-1 link is
// refused — and the agreement is active; staff and the volunteer centre evaluate it,
// the comparison flags where they differ, and staff decide to continue. The history
// and the diff between versions 1 and 2 show what happened. axe on every page passed.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserApp, browserAvailable, wcagViolations } from '../helpers/browser.js';
import { anAssociation, aUser, TEST_PASSWORD } from '../helpers/factories/index.js';
import { DEFAULT_CHECKLIST } from '../../src/features/agreement-template/default-template.js';

const LIST = '/medarbejder/samarbejdsaftaler';
const STAFF = 'sara.sagsbehandler@example.org';
const CENTRE_MEMBER = 'frivilligcenter@example.org';
const SCHOOL_MEMBER = 'aftenskole@example.org';
const FOF = 'kontakt@fof-test.example.org';
const LINK = /https?:\/\/[^\s]+\/samarbejdsaftale\/svar\/[A-Za-z0-9_-]{43}/;

describe.skipIf(!browserAvailable)('Grow Your Life, from draft to evaluation, in a browser', () => {
  let centreId = 0;
  let schoolId = 0;
  const app = browserApp(async (ctx) => {
    const prisma = ctx.db.prisma;
    await aUser(prisma, { role: 'STAFF', email: STAFF, name: 'Sara Sagsbehandler' });
    centreId = (await anAssociation(prisma, { name: 'Frivilligcenter Nord' })).id;
    schoolId = (await anAssociation(prisma, { name: 'Aftenskolen Nord' })).id;
    await aUser(prisma, { email: CENTRE_MEMBER, name: 'Frida Frivillig', associationId: centreId });
    await aUser(prisma, { email: SCHOOL_MEMBER, name: 'Aage Aftenskole', associationId: schoolId });
  });

  async function expectAccessible(page: Page, what: string) {
    expect(await wcagViolations(page), what).toEqual([]);
  }

  async function submit(page: Page, form: string) {
    await page.locator(`${form} button[type=submit]`).click();
    await page.waitForLoadState();
  }

  const mailsTo = async (to: string) => (await app.ctx.readMail()).filter((mail) => mail.to === to);
  const linkIn = (text: string) => {
    const match = LINK.exec(text);
    if (!match) throw new Error('no answer link in the mail');
    return new URL(match[0]).pathname;
  };

  async function memberAnswers(email: string, associationId: number, agreementPath: string, answer: string, comment = '') {
    const page = await app.session.newPage('da', { width: 375 });
    await app.session.logIn(page, email, TEST_PASSWORD);
    await page.goto(`${app.session.baseUrl}/min-forening/${associationId}/samarbejdsaftaler`);
    await expectAccessible(page, 'association agreements list');
    await page.getByRole('link', { name: 'Grow Your Life' }).first().click();
    await page.waitForURL(new RegExp(`/min-forening/${associationId}/samarbejdsaftaler/\\d+$`));
    expect(new URL(page.url()).pathname.endsWith(agreementPath.split('/').pop()!)).toBe(true);
    await expectAccessible(page, 'association agreement page');
    await page.check(`input[name=answer][value=${answer}]`);
    if (comment) await page.fill('#comment', comment);
    await submit(page, 'main form[action$="/svar"]');
    return page;
  }

  it('is written, sent, revised, accepted by all, active, evaluated, with history and diff', async () => {
    const prisma = app.ctx.db.prisma;
    // Staff write the draft from the template, on a desktop.
    const staff = await app.session.newPage('da', { width: 1280 });
    await app.session.logIn(staff, STAFF, TEST_PASSWORD);
    await staff.goto(`${app.session.baseUrl}${LIST}/ny`);
    await staff.fill('#title', 'Grow Your Life');
    await staff.fill('#municipalUnit', 'Center for Sundhed og Trivsel');
    await staff.check('input[name=level][value=PARTNERSHIP]');
    // Started in June; reviewed every six months: the first review (1 December) is
    // within a month of the test clock's 22 November.
    await staff.fill('#startsOn', '2026-06-01');
    await staff.fill('#endsOn', '2028-05-31');
    await staff.fill('#noticeMonths', '3');
    await staff.fill('#reviewIntervalMonths', '6');
    await staff.check(`input[name=associationIds][value="${centreId}"]`);
    await staff.check(`input[name=associationIds][value="${schoolId}"]`);
    await staff.fill('#external-1-name', 'FOF Test');
    await staff.fill('#external-1-contactEmail', FOF);
    await staff.fill('#external-1-contactName', 'Frederik FOF');
    await submit(staff, 'main form');
    await staff.waitForURL(/\/medarbejder\/samarbejdsaftaler\/\d+$/);
    const agreementPath = new URL(staff.url()).pathname;
    const agreementId = Number(agreementPath.split('/').pop());
    expect(await staff.locator('main h1').textContent()).toBe('Grow Your Life');
    await expectAccessible(staff, 'draft');

    // The purpose, written in the edit form.
    const purpose = await prisma.agreementSection.findFirstOrThrow({ where: { agreementId, key: 'purpose' } });
    await staff.goto(`${app.session.baseUrl}${agreementPath}/rediger`);
    await staff.fill(`#section-${purpose.id}-body`, 'Aktiviteter for unge voksne med udviklingshæmning, tre aftener om ugen.');
    await submit(staff, 'main form');
    await staff.waitForURL(new RegExp(`${agreementPath}$`));

    // Version 1 sent to the three partners.
    await staff.fill('#sendNote', 'Første udkast til jer alle.');
    await submit(staff, `main form[action="${agreementPath}/send"]`);
    expect(await staff.locator('main').textContent()).toContain('Sendt');
    await expectAccessible(staff, 'sent');
    const firstLink = linkIn((await mailsTo(FOF)).at(-1)!.text);

    // The volunteer centre asks for a change.
    const centre = await memberAnswers(
      CENTRE_MEMBER,
      centreId,
      agreementPath,
      'CHANGES_REQUESTED',
      'Skriv venligst to aftener om ugen: vi har ikke frivillige til tre.',
    );
    expect(await centre.locator('main').textContent()).toContain('Frida Frivillig');

    // Staff see the request, revise the purpose and send version 2.
    await staff.goto(`${app.session.baseUrl}${agreementPath}`);
    expect(await staff.locator('main').textContent()).toContain('vi har ikke frivillige til tre');
    await staff.goto(`${app.session.baseUrl}${agreementPath}/rediger`);
    await staff.fill(`#section-${purpose.id}-body`, 'Aktiviteter for unge voksne med udviklingshæmning, to aftener om ugen.');
    await submit(staff, 'main form');
    await staff.waitForURL(new RegExp(`${agreementPath}$`));
    await staff.fill('#sendNote', 'Nu to aftener om ugen, som Frivilligcenter Nord bad om.');
    await submit(staff, `main form[action="${agreementPath}/send"]`);
    await expectAccessible(staff, 'version 2 sent');
    const secondLink = linkIn((await mailsTo(FOF)).at(-1)!.text);
    expect(secondLink).not.toBe(firstLink);

    // Everyone accepts version 2: the two associations in their areas, the evening
    // school through its link without an account (its version-1 link is refused).
    await memberAnswers(CENTRE_MEMBER, centreId, agreementPath, 'ACCEPTED');
    await memberAnswers(SCHOOL_MEMBER, schoolId, agreementPath, 'ACCEPTED');
    const school = await app.session.newPage('en', { width: 375 });
    const refused = await school.goto(`${app.session.baseUrl}${firstLink}`);
    expect(refused?.status()).toBe(410);
    await expectAccessible(school, 'superseded link');
    await school.goto(`${app.session.baseUrl}${secondLink}`);
    expect(await school.locator('main').textContent()).toContain('to aftener om ugen');
    await expectAccessible(school, 'link answer page');
    await school.check('input[name=answer][value=ACCEPTED]');
    await submit(school, 'main form');
    // The session that answered may still read its answer; anyone else finds the link used.
    const reused = await app.session.newPage('en');
    expect((await reused.goto(`${app.session.baseUrl}${secondLink}`))?.status()).toBe(410);

    // All accepted and started in June: active at once, version 2 in force.
    const active = await prisma.agreement.findUniqueOrThrow({ where: { id: agreementId } });
    expect(active).toMatchObject({ status: 'ACTIVE', sentVersion: 2, acceptedVersion: 2 });
    await staff.goto(`${app.session.baseUrl}${agreementPath}`);
    expect(await staff.locator('main h1 + p').textContent()).toContain('Aktiv');

    // The evaluation: staff open it and give the municipality's view.
    await staff.goto(`${app.session.baseUrl}${agreementPath}/evaluering`);
    await expectAccessible(staff, 'evaluation due');
    await staff.locator('#open').click();
    await staff.waitForLoadState();
    for (const item of DEFAULT_CHECKLIST) await staff.check(`input[name="item-${item.key}-rating"][value="4"]`);
    await staff.fill('#volunteersInvolved', '12');
    await staff.fill('#citizensReached', '40');
    await submit(staff, 'main form[action$="/evaluering/svar"]');
    await expectAccessible(staff, 'evaluation with the municipality answered');

    // The volunteer centre sees it differently on the economy.
    const centreEvaluation = await app.session.newPage('da', { width: 375 });
    await app.session.logIn(centreEvaluation, CENTRE_MEMBER, TEST_PASSWORD);
    await centreEvaluation.goto(`${app.session.baseUrl}/min-forening/${centreId}/samarbejdsaftaler/${agreementId}/evaluering`);
    await expectAccessible(centreEvaluation, 'association evaluation form');
    for (const item of DEFAULT_CHECKLIST) {
      await centreEvaluation.check(`input[name="item-${item.key}-rating"][value="${item.key === 'economic-frame' ? '1' : '4'}"]`);
    }
    await centreEvaluation.fill('#outcomes', 'Tolv faste frivillige; vi mangler penge til materialer.');
    await submit(centreEvaluation, 'main form');

    // Side by side, the difference flagged; staff decide to continue.
    await staff.goto(`${app.session.baseUrl}${agreementPath}/evaluering`);
    const comparison = await staff.locator('main').textContent();
    expect(comparison).toContain('Frivilligcenter Nord');
    expect(await staff.locator('main .evaluation-differs').count()).toBeGreaterThan(0);
    await expectAccessible(staff, 'comparison');
    await staff.check('input[name=decision][value=CONTINUE]');
    await submit(staff, 'main form[action$="/evaluering/beslutning"]');
    const evaluation = await prisma.agreementEvaluation.findFirstOrThrow({ where: { agreementId } });
    expect(evaluation.decision).toBe('CONTINUE');

    // The history tells who did what when; the diff shows the change from 1 to 2.
    await staff.goto(`${app.session.baseUrl}${agreementPath}/historik`);
    const history = (await staff.locator('main').textContent()) ?? '';
    for (const who of ['Sara Sagsbehandler', 'Frida Frivillig', 'Aage Aftenskole', 'FOF Test']) expect(history).toContain(who);
    await expectAccessible(staff, 'history');
    await staff.goto(`${app.session.baseUrl}${agreementPath}/forskel?fra=1&til=2`);
    expect(await staff.locator('main del').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('tre')]));
    expect(await staff.locator('main ins').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('to')]));
    await expectAccessible(staff, 'diff');

    // Every step is in the audit log.
    const actions = (await prisma.auditLog.findMany({ where: { targetType: 'agreement', targetId: String(agreementId) } })).map(
      (row) => row.action,
    );
    for (const action of [
      'agreement.created',
      'agreement.updated',
      'agreement.sent',
      'agreement.answered',
      'agreement.accepted',
      'agreement.evaluation-opened',
      'agreement.evaluation-answered',
      'agreement.decided',
    ]) {
      expect(actions).toContain(action);
    }
    await staff.context().close();
  });
});
