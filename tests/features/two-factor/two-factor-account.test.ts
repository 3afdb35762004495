// "Min side": members turn two-factor on and off; anyone enrolled makes new recovery
// codes or moves to a new app with a current code; staff cannot turn it off. And an
// admin's reset for someone who lost their phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { csrfTokenFrom, logIn, type Agent } from '../../helpers/http.js';
import { aUser, TEST_PASSWORD, TEST_TOTP_SECRET } from '../../helpers/factories/index.js';
import { nextStepCode, secretFromPage } from '../../helpers/two-factor.js';
import { totpCode } from '../../../src/features/two-factor/totp.js';
import { hashRecoveryCode } from '../../../src/features/two-factor/recovery-codes.js';
import { createSecretBox } from '../../../src/security/secret-box.js';
import { randomBytes } from 'node:crypto';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function post(agent: Agent, action: string, code: string) {
  const page = await agent.get('/min-side/tofaktor').expect(200);
  return agent
    .post('/min-side/tofaktor')
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), action, [`${action}Code`]: code });
}

const codesOn = (html: string) => [...html.matchAll(/<code lang="en">([a-z2-9]{5}-[a-z2-9]{5})<\/code>/g)].map((m) => m[1]!);

async function passwordStep(email: string) {
  const agent = supertest.agent(ctx.app);
  const page = await agent.get('/log-ind').expect(200);
  const response = await agent
    .post('/log-ind')
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), email, password: TEST_PASSWORD })
    .expect(303);
  return { agent, location: response.headers.location as string };
}

describe('/min-side/tofaktor', () => {
  it('lets a member turn two-factor on, stay logged in, and then need the code at login', async () => {
    const member = await aUser(ctx.db.prisma);
    const agent = await logIn(ctx.app, member.email, TEST_PASSWORD);
    expect((await agent.get('/min-side').expect(200)).text).toContain('href="/min-side/tofaktor"');
    const page = await agent.get('/min-side/tofaktor').expect(200);
    expect(page.text).toContain('Tofaktor-login er slået fra');
    expect(page.text).toMatch(/<svg [^>]*role="img"/);
    const secret = secretFromPage(page.text);

    const wrong = await post(agent, 'enrol', '000000');
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('href="#enrolCode"');

    const done = await post(agent, 'enrol', totpCode(secret, ctx.clock.now()));
    expect([done.status, done.headers.location]).toEqual([303, '/log-ind/gendannelseskoder']);
    const codes = codesOn((await agent.get('/log-ind/gendannelseskoder').expect(200)).text);
    expect(codes).toHaveLength(10);
    // This session gave the code: still logged in.
    const after = await agent.get('/min-side/tofaktor').expect(200);
    expect(after.text).toContain('Tofaktor-login er slået til');
    expect(after.text).toContain('Du har 10 ubrugte gendannelseskoder');
    expect(after.text).not.toMatch(/<svg [^>]*role="img"/);
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'user.two-factor-enrolled', targetId: String(member.id) } })).toBe(1);

    expect((await passwordStep(member.email)).location).toBe('/log-ind/kode');
  });

  it('makes new recovery codes for a current code; the old ones stop working', async () => {
    const admin = await aUser(ctx.db.prisma, { role: 'ADMIN' });
    const agent = await logIn(ctx.app, admin.email, TEST_PASSWORD);
    expect((await post(agent, 'renew', '000000')).status).toBe(422);
    const first = await post(agent, 'renew', nextStepCode(ctx.app));
    expect(first.headers.location).toBe('/log-ind/gendannelseskoder');
    const oldCodes = codesOn((await agent.get('/log-ind/gendannelseskoder')).text);
    const second = await post(agent, 'renew', nextStepCode(ctx.app));
    expect(second.status).toBe(303);
    const newCodes = codesOn((await agent.get('/log-ind/gendannelseskoder')).text);
    expect(newCodes).toHaveLength(10);
    expect(newCodes).not.toContain(oldCodes[0]);
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'user.recovery-codes-renewed', targetId: String(admin.id) } })).toBe(2);

    const old = await passwordStep(admin.email);
    const codePage = await old.agent.get('/log-ind/kode?gendannelseskode=1');
    const refused = await old.agent
      .post('/log-ind/kode')
      .type('form')
      .send({ _csrf: csrfTokenFrom(codePage.text), mode: 'recovery', code: oldCodes[0] });
    expect(refused.status).toBe(422);
    const accepted = await old.agent
      .post('/log-ind/kode')
      .type('form')
      .send({ _csrf: csrfTokenFrom(refused.text), mode: 'recovery', code: newCodes[0] });
    expect(accepted.status).toBe(303);
  });

  it('lets a member turn it off with a current code, but not staff', async () => {
    const member = await aUser(ctx.db.prisma, { twoFactor: true });
    const agent = await logIn(ctx.app, member.email, TEST_PASSWORD);
    expect((await agent.get('/min-side/tofaktor')).text).toContain('name="disableCode"');
    expect((await post(agent, 'disable', '000000')).status).toBe(422);
    const off = await post(agent, 'disable', nextStepCode(ctx.app));
    expect([off.status, off.headers.location]).toEqual([303, '/min-side/tofaktor']);
    const row = await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: member.id }, include: { recoveryCodes: true } });
    expect([row.totpSecret, row.totpEnabledAt, row.recoveryCodes]).toEqual([null, null, []]);
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'user.two-factor-disabled', targetId: String(member.id) } })).toBe(1);
    expect((await passwordStep(member.email)).location).toBe('/min-side');

    const staff = await aUser(ctx.db.prisma, { role: 'STAFF' });
    const staffAgent = await logIn(ctx.app, staff.email, TEST_PASSWORD);
    const staffPage = await staffAgent.get('/min-side/tofaktor').expect(200);
    expect(staffPage.text).toContain('Som medarbejder skal du bruge tofaktor-login');
    expect(staffPage.text).not.toContain('name="disableCode"');
    expect((await post(staffAgent, 'disable', nextStepCode(ctx.app))).status).toBe(403);
    expect((await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: staff.id } })).totpEnabledAt).not.toBeNull();
  });

  it('moves to a new authenticator app after a current code', async () => {
    const staff = await aUser(ctx.db.prisma, { role: 'STAFF' });
    const agent = await logIn(ctx.app, staff.email, TEST_PASSWORD);
    // Without a current code there is no new secret to enrol.
    expect((await agent.get('/min-side/tofaktor')).text).not.toMatch(/<svg [^>]*role="img"/);
    const refused = await post(agent, 'enrol', nextStepCode(ctx.app));
    expect(refused.headers.location).toBe('/min-side/tofaktor');
    expect((await post(agent, 'replace', nextStepCode(ctx.app))).status).toBe(303);
    const page = await agent.get('/min-side/tofaktor').expect(200);
    const secret = secretFromPage(page.text);
    const done = await post(agent, 'enrol', totpCode(secret, ctx.clock.now()));
    expect(done.headers.location).toBe('/log-ind/gendannelseskoder');
    const row = await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: staff.id } });
    expect(row.totpSecret).not.toBe(staff.totpSecret);
    await agent.get('/medarbejder').expect(200);
  });

  it('after the key changed (SESSION_SECRET rotated), lets staff in with a recovery code and enrol again', async () => {
    const staff = await aUser(ctx.db.prisma, { role: 'STAFF' });
    await ctx.db.prisma.user.update({
      where: { id: staff.id },
      data: { totpSecret: createSecretBox(randomBytes(32)).seal(TEST_TOTP_SECRET) },
    });
    await ctx.db.prisma.userRecoveryCode.create({ data: { userId: staff.id, codeHash: hashRecoveryCode('abcde23456') } });
    const { agent } = await passwordStep(staff.email);
    const codePage = await agent.get('/log-ind/kode').expect(200);
    const refused = await agent
      .post('/log-ind/kode')
      .type('form')
      .send({ _csrf: csrfTokenFrom(codePage.text), code: nextStepCode(ctx.app) });
    expect(refused.status).toBe(422);
    await agent
      .post('/log-ind/kode')
      .type('form')
      .send({ _csrf: csrfTokenFrom(refused.text), mode: 'recovery', code: 'abcde-23456' })
      .expect(303);
    const page = await agent.get('/min-side/tofaktor').expect(200);
    const secret = secretFromPage(page.text);
    const done = await post(agent, 'enrol', totpCode(secret, ctx.clock.now()));
    expect(done.headers.location).toBe('/log-ind/gendannelseskoder');
  });

  it('after a recovery-code login (a lost phone), moves to a new app without a code from the old one', async () => {
    const staff = await aUser(ctx.db.prisma, { role: 'STAFF' });
    await ctx.db.prisma.userRecoveryCode.create({ data: { userId: staff.id, codeHash: hashRecoveryCode('abcde34567') } });
    const { agent } = await passwordStep(staff.email);
    const codePage = await agent.get('/log-ind/kode?gendannelseskode=1').expect(200);
    const loggedIn = await agent
      .post('/log-ind/kode')
      .type('form')
      .send({ _csrf: csrfTokenFrom(codePage.text), mode: 'recovery', code: 'abcde-34567' })
      .expect(303);
    expect(loggedIn.headers.location).toBe('/min-side/tofaktor');

    const page = await agent.get('/min-side/tofaktor').expect(200);
    expect(page.text).toContain('Du loggede ind med en gendannelseskode');
    // Neither setting up the new app nor new recovery codes asks for the old app's code.
    expect(page.text).not.toContain('name="replaceCode"');
    expect(page.text).not.toContain('name="renewCode"');
    const renewed = await agent
      .post('/min-side/tofaktor')
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), action: 'renew' });
    expect(renewed.headers.location).toBe('/log-ind/gendannelseskoder');
    expect(codesOn((await agent.get('/log-ind/gendannelseskoder').expect(200)).text)).toHaveLength(10);

    const enrolPage = await agent.get('/min-side/tofaktor').expect(200);
    const secret = secretFromPage(enrolPage.text);
    const done = await post(agent, 'enrol', totpCode(secret, ctx.clock.now()));
    expect(done.headers.location).toBe('/log-ind/gendannelseskoder');
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'user.two-factor-enrolled', targetId: String(staff.id) } })).toBe(1);
    // The panel is gone once the new app is set up.
    expect((await agent.get('/min-side/tofaktor').expect(200)).text).not.toContain('Du loggede ind med en gendannelseskode');

    // The old app's code no longer logs in; the new app's does.
    const withOld = await passwordStep(staff.email);
    ctx.clock.advance(30_000);
    const oldCodePage = await withOld.agent.get('/log-ind/kode').expect(200);
    await withOld.agent
      .post('/log-ind/kode')
      .type('form')
      .send({ _csrf: csrfTokenFrom(oldCodePage.text), code: totpCode(TEST_TOTP_SECRET, ctx.clock.now()) })
      .expect(422);
    const newCodePage = await withOld.agent.get('/log-ind/kode').expect(200);
    const withNew = await withOld.agent
      .post('/log-ind/kode')
      .type('form')
      .send({ _csrf: csrfTokenFrom(newCodePage.text), code: totpCode(secret, ctx.clock.now()) });
    expect([withNew.status, withNew.headers.location]).toEqual([303, '/medarbejder']);
  });

  it('lets the recovery-code window run out after ten minutes: then the old app is asked for again', async () => {
    const staff = await aUser(ctx.db.prisma, { role: 'STAFF' });
    await ctx.db.prisma.userRecoveryCode.create({ data: { userId: staff.id, codeHash: hashRecoveryCode('abcde45678') } });
    const { agent } = await passwordStep(staff.email);
    const codePage = await agent.get('/log-ind/kode?gendannelseskode=1').expect(200);
    await agent
      .post('/log-ind/kode')
      .type('form')
      .send({ _csrf: csrfTokenFrom(codePage.text), mode: 'recovery', code: 'abcde45678' })
      .expect(303);
    ctx.clock.advance(11 * 60 * 1000);
    const page = await agent.get('/min-side/tofaktor').expect(200);
    expect(page.text).not.toContain('Du loggede ind med en gendannelseskode');
    expect(page.text).toContain('name="replaceCode"');
    expect(page.text).toContain('name="renewCode"');
  });

  it('refuses an unknown action with 422, never a 500', async () => {
    const member = await aUser(ctx.db.prisma);
    const agent = await logIn(ctx.app, member.email, TEST_PASSWORD);
    expect((await post(agent, 'explode', '123456')).status).toBe(422);
  });
});

describe('an admin resets two-factor login', () => {
  const resetPath = (id: number | string) => `/administration/brugere/${id}/nulstil-tofaktor`;
  async function postReset(agent: Agent, id: number | string) {
    const page = await agent.get('/min-side').expect(200);
    return agent
      .post(resetPath(id))
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text) });
  }

  it("clears the secret and recovery codes and ends the user's sessions; they enrol again at login", async () => {
    const admin = await aUser(ctx.db.prisma, { role: 'ADMIN' });
    const staff = await aUser(ctx.db.prisma, { role: 'STAFF' });
    await ctx.db.prisma.userRecoveryCode.create({ data: { userId: staff.id, codeHash: 'x'.repeat(64) } });
    const staffAgent = await logIn(ctx.app, staff.email, TEST_PASSWORD);
    await staffAgent.get('/medarbejder').expect(200);

    const adminAgent = await logIn(ctx.app, admin.email, TEST_PASSWORD);
    const response = await postReset(adminAgent, staff.id);
    expect([response.status, response.headers.location]).toEqual([303, `/administration/brugere/${staff.id}`]);

    await staffAgent.get('/medarbejder').expect(303).expect('location', '/log-ind');
    const row = await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: staff.id }, include: { recoveryCodes: true } });
    expect([row.totpSecret, row.totpEnabledAt, row.totpLastStep, row.recoveryCodes]).toEqual([null, null, null, []]);
    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'user.two-factor-reset', targetId: String(staff.id) } });
    expect(audit.actorUserId).toBe(admin.id);
    expect(JSON.stringify(audit.details)).not.toContain(staff.email);
    expect((await passwordStep(staff.email)).location).toBe('/log-ind/tofaktor');
  });

  it("refuses an admin's own reset (another admin does it), and answers 404 for unknown or bad ids", async () => {
    const admin = await aUser(ctx.db.prisma, { role: 'ADMIN' });
    const agent = await logIn(ctx.app, admin.email, TEST_PASSWORD);
    const own = await postReset(agent, admin.id);
    expect(own.status).toBe(303);
    expect((await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).totpEnabledAt).not.toBeNull();
    expect((await agent.get('/min-side').expect(200)).text).toContain('Du kan ikke nulstille dit eget tofaktor-login');
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'user.two-factor-reset', targetId: String(admin.id) } })).toBe(0);
    expect((await postReset(agent, 999999)).status).toBe(404);
    expect((await postReset(agent, 'abc')).status).toBe(404);
  });
});

describe('the notice of a change (ASVS 2.5.5)', () => {
  const noticesTo = async (email: string) =>
    (await ctx.readMail()).filter((mail) => mail.to === email && mail.subject.startsWith('Dit tofaktor-login er ændret'));

  it('mails the owner when two-factor is turned on, given new recovery codes, turned off, or reset by an admin', async () => {
    const member = await aUser(ctx.db.prisma);
    const agent = await logIn(ctx.app, member.email, TEST_PASSWORD);
    const secret = secretFromPage((await agent.get('/min-side/tofaktor').expect(200)).text);
    expect((await post(agent, 'enrol', totpCode(secret, ctx.clock.now()))).status).toBe(303);
    let notices = await noticesTo(member.email);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toContain('Tofaktor-login blev slået til');
    expect(notices[0]!.text).toContain('/glemt-adgangskode');

    // A wrong code changes nothing, and tells nobody.
    expect((await post(agent, 'renew', '000000')).status).toBe(422);
    expect(await noticesTo(member.email)).toHaveLength(1);

    ctx.clock.advance(30_000);
    expect((await post(agent, 'renew', totpCode(secret, ctx.clock.now()))).status).toBe(303);
    ctx.clock.advance(30_000);
    expect((await post(agent, 'disable', totpCode(secret, ctx.clock.now()))).status).toBe(303);
    notices = await noticesTo(member.email);
    expect(notices.map((mail) => mail.text.split('\n')[2])).toEqual([
      expect.stringContaining('blev slået til'),
      expect.stringContaining('nye gendannelseskoder'),
      expect.stringContaining('blev slået fra'),
    ]);

    const staff = await aUser(ctx.db.prisma, { role: 'STAFF' });
    const admin = await aUser(ctx.db.prisma, { role: 'ADMIN' });
    const adminAgent = await logIn(ctx.app, admin.email, TEST_PASSWORD);
    const page = await adminAgent.get('/min-side').expect(200);
    await adminAgent
      .post(`/administration/brugere/${staff.id}/nulstil-tofaktor`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text) })
      .expect(303);
    const reset = await noticesTo(staff.email);
    expect(reset).toHaveLength(1);
    expect(reset[0]!.text).toContain('En administrator nulstillede dit tofaktor-login');
  });
});
