/// <reference lib="dom" />
// The administration issue tried as new users would, in a real browser, on a portal
// installed without demo data: the first admin is created with the set-up code the
// server prints, sets up two-factor login, names the municipality and adds a local
// area; a staff member is invited, accepts, enrols two-factor login and signs in with
// it; a citizen finds and withdraws their interests through "Mine data"; the admin
// erases a person and sees the erasure in the audit log. Every page on the way is
// checked with axe.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserApp, browserAvailable, wcagViolations } from '../helpers/browser.js';
import { anAssociation, anInterest, anOpening } from '../helpers/factories/index.js';
import { secretFromPage } from '../helpers/two-factor.js';
import { totpCode } from '../../src/features/two-factor/totp.js';

const ADMIN = { name: 'Anne Admin', email: 'anne.admin@testrup.example.org', password: 'Testrup kommunes første administrator' };
const STAFF = { name: 'Søren Sagsbehandler', email: 'soeren@testrup.example.org', password: 'en god lang adgangssætning til Søren' };
const CITIZEN = 'borger.hansen@example.org';
const ERASED = 'skal.slettes@example.org';

describe.skipIf(!browserAvailable)('administering a new portal, end to end', () => {
  const app = browserApp();
  const url = (path: string) => app.session.baseUrl + path;
  const path = (page: Page) => new URL(page.url()).pathname;
  const submit = async (page: Page, form = 'main form') => {
    await Promise.all([page.waitForNavigation(), page.locator(`${form} button[type=submit]`).first().click()]);
    await page.waitForLoadState();
  };
  const expectAccessible = async (page: Page, what: string) => expect(await wcagViolations(page), what).toEqual([]);

  /** Password, then two-factor enrolment (the QR page's secret typed into an "app"), then the recovery codes. */
  async function logInAndEnrol(page: Page, who: { email: string; password: string }): Promise<string> {
    await page.goto(url('/log-ind'));
    await page.fill('#email', who.email);
    await page.fill('#password', who.password);
    await submit(page);
    expect(path(page)).toBe('/log-ind/tofaktor');
    await expectAccessible(page, 'enrolment');
    expect(await page.locator('main svg[role="img"]:not(.alert-icon)').count()).toBe(1);
    const secret = secretFromPage(await page.content());
    await page.fill('#code', totpCode(secret, app.ctx.clock.now()));
    await submit(page);
    expect(path(page)).toBe('/log-ind/gendannelseskoder');
    await expectAccessible(page, 'recovery codes');
    await page.locator('main a.button-primary').click();
    await page.waitForLoadState();
    // The clock moves on, as it would between this login and the next.
    app.ctx.clock.advance(60_000);
    return secret;
  }

  it('runs from the first admin to an erasure in the audit log', async () => {
    // The server found no admin at start-up and printed a set-up code.
    const setupCode = await app.ctx.services.firstRun.prepare();
    if (!setupCode) throw new Error('Expected a set-up code on an empty portal');

    // 1. The first admin.
    const admin = await app.session.newPage('da');
    await admin.goto(url('/opsaetning'));
    await expectAccessible(admin, 'set-up');
    await admin.fill('#setupCode', setupCode.toLowerCase());
    await admin.fill('#municipalityName', 'Testrup Kommune');
    await admin.fill('#name', ADMIN.name);
    await admin.fill('#email', ADMIN.email);
    await admin.fill('#password', ADMIN.password);
    await admin.fill('#passwordRepeat', ADMIN.password);
    await submit(admin);
    expect(path(admin)).toBe('/log-ind');
    // The set-up page closes once there is an admin.
    expect((await admin.request.get(url('/opsaetning'))).status()).toBe(404);

    await logInAndEnrol(admin, ADMIN);
    expect(await admin.locator('header').textContent()).toContain('Testrup Kommune');

    // 2. The municipality's contact and a local area.
    await admin.goto(url('/administration'));
    await expectAccessible(admin, 'administration');
    await admin.goto(url('/administration/indstillinger'));
    await admin.fill('#contactEmail', 'frivillig@testrup.example.org');
    await submit(admin, 'main form[action="/administration/indstillinger"]');
    expect(await admin.locator('footer').textContent()).toContain('frivillig@testrup.example.org');
    await admin.goto(url('/administration/ordlister/omraader/ny'));
    await admin.fill('#nameDa', 'Nordby');
    await admin.fill('#nameEn', 'Nordby');
    await submit(admin);
    expect(path(admin)).toBe('/administration/ordlister/omraader');
    expect(await admin.locator('main table').textContent()).toContain('Nordby');

    // 3. A staff member, invited by e-mail.
    await admin.goto(url('/administration/brugere'));
    await admin.fill('#email', STAFF.email);
    await admin.check('input[name="role"][value="STAFF"]');
    await submit(admin, 'main form[action="/administration/brugere/inviter"]');
    const invitation = (await app.ctx.readMail()).filter((mail) => mail.to === STAFF.email).at(-1);
    const link = /\/medarbejder-invitation\/[A-Za-z0-9_-]+/.exec(invitation?.text ?? '')?.[0];
    if (!link) throw new Error('No invitation e-mail');

    const staff = await app.session.newPage('en');
    await staff.goto(url(link));
    await expectAccessible(staff, 'invitation (en)');
    await staff.fill('#name', STAFF.name);
    await staff.fill('#password', STAFF.password);
    await staff.fill('#passwordRepeat', STAFF.password);
    await submit(staff);
    expect(path(staff)).toBe('/log-ind');
    const staffSecret = await logInAndEnrol(staff, STAFF);
    expect(path(staff)).toBe('/medarbejder');
    expect(await staff.locator('header').textContent()).toContain(STAFF.name);

    // Next time: password and a code from the app.
    await staff.locator('header button.log-off').click();
    await staff.waitForLoadState();
    await staff.goto(url('/log-ind'));
    await staff.fill('#email', STAFF.email);
    await staff.fill('#password', STAFF.password);
    await submit(staff);
    expect(path(staff)).toBe('/log-ind/kode');
    await expectAccessible(staff, 'code step (en)');
    await staff.fill('#code', totpCode(staffSecret, app.ctx.clock.now()));
    await submit(staff);
    expect(path(staff)).toBe('/medarbejder');

    // 4. A citizen's interests, found and withdrawn through "Mine data".
    const association = await anAssociation(app.ctx.db.prisma, { name: 'Testrup Idrætsforening' });
    const opening = await anOpening(app.ctx.db.prisma, association.id, { title: 'Træner til U10' });
    await anInterest(app.ctx.db.prisma, opening.id, { email: CITIZEN });
    await anInterest(app.ctx.db.prisma, opening.id, { email: ERASED, name: 'Slet Migsen' });

    const citizen = await app.session.newPage('da');
    await citizen.goto(url('/'));
    await citizen.locator('footer a[href="/mine-data"]').click();
    await citizen.waitForLoadState();
    await expectAccessible(citizen, 'Mine data');
    await citizen.fill('#email', CITIZEN.toUpperCase());
    await submit(citizen);
    expect(path(citizen)).toBe('/mine-data/sendt');
    const dataMail = (await app.ctx.readMail()).filter((mail) => mail.to.toLowerCase() === CITIZEN).at(-1);
    const dataLink = /\/mine-data\/[A-Za-z0-9_-]{20,}/.exec(dataMail?.text ?? '')?.[0];
    if (!dataLink) throw new Error('No "Mine data" e-mail');
    await citizen.goto(url(dataLink));
    await expectAccessible(citizen, 'the interests');
    expect(await citizen.locator('main').textContent()).toContain('Træner til U10');
    await citizen.locator('main form[action$="/tilbagetraek-alle"] button').click();
    await citizen.waitForLoadState();
    expect(await app.ctx.db.prisma.interest.count({ where: { email: CITIZEN } })).toBe(0);

    // 5. The admin erases a person on request, and the log shows it, without the address.
    await admin.goto(url('/administration/sletning'));
    await admin.fill('#email', ERASED);
    await submit(admin);
    await expectAccessible(admin, 'erasure preview');
    await admin.locator('main form button[type=submit]').last().click();
    await admin.waitForLoadState();
    expect(await app.ctx.db.prisma.interest.count({ where: { email: ERASED } })).toBe(0);

    await admin.goto(url('/administration/log'));
    await expectAccessible(admin, 'audit log');
    const log = (await admin.locator('main').textContent()) ?? '';
    expect(log).toContain('Person slettet efter anmodning');
    expect(log).not.toContain(ERASED);
  });
});
