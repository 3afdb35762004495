// Setting a password (by a reset link, or on "Min side") writes its audit row in the
// change's transaction: when that row cannot be written, the reader gets the error
// page, the password stays, no session is ended and no e-mail is queued.
//
// The shared failAuditWrites (tests/helpers/audit.ts) lets every auth.* row through,
// as most of them are security events; the two password changes are data changes, so
// this file refuses exactly those two.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { csrfTokenFrom, logIn } from '../helpers/http.js';
import { resetLinkFor, submitNewPassword } from '../helpers/forms.js';
import { aUser, TEST_PASSWORD } from '../helpers/factories/index.js';

const NEW = 'en helt ny og lang adgangssætning';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterEach(() => allowPasswordAudit());
afterAll(() => ctx.close());

async function refusePasswordAudit(): Promise<void> {
  await ctx.db.prisma.$executeRaw`
    CREATE OR REPLACE FUNCTION test_fail_password_audit() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      IF NEW.action IN ('auth.password.changed', 'auth.passwordReset.completed') THEN
        RAISE EXCEPTION 'audit write refused (test)';
      END IF;
      RETURN NEW;
    END
    $fn$`;
  await ctx.db.prisma.$executeRaw`DROP TRIGGER IF EXISTS test_fail_password_audit ON audit_log`;
  await ctx.db.prisma
    .$executeRaw`CREATE TRIGGER test_fail_password_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION test_fail_password_audit()`;
}

async function allowPasswordAudit(): Promise<void> {
  await ctx.db.prisma.$executeRaw`DROP TRIGGER IF EXISTS test_fail_password_audit ON audit_log`;
}

async function queuedJobs(): Promise<number> {
  const [row] = await ctx.db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker.jobs`;
  return row?.n ?? 0;
}

async function failsWithoutAudit(request: () => Promise<{ status: number; text: string }>): Promise<void> {
  await ctx.runJobs();
  const jobsBefore = await queuedJobs();
  await refusePasswordAudit();
  const response = await request();
  await allowPasswordAudit();
  expect(response.status).toBe(500);
  expect(response.text).toContain('Der skete en fejl');
  expect(await queuedJobs()).toBe(jobsBefore);
}

describe('password changes roll back when their audit row cannot be written', () => {
  it('reset by link: the old password still works, the link too, and other sessions live on', async () => {
    const user = await aUser(ctx.db.prisma);
    const other = await logIn(ctx.app, user.email, TEST_PASSWORD);
    const before = await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    const link = await resetLinkFor(ctx, user.email);

    await failsWithoutAudit(() => submitNewPassword(supertest.agent(ctx.app), link, NEW));

    const after = await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.passwordChangedAt).toEqual(before.passwordChangedAt);
    await other.get('/min-side').expect(200);
    await supertest(ctx.app).get(link).expect(200);
  });

  it('change on "Min side": the password stays and other sessions live on', async () => {
    const user = await aUser(ctx.db.prisma);
    const other = await logIn(ctx.app, user.email, TEST_PASSWORD);
    const agent = await logIn(ctx.app, user.email, TEST_PASSWORD);
    const before = await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });

    await failsWithoutAudit(async () => {
      const page = await agent.get('/min-side/adgangskode').expect(200);
      return agent
        .post('/min-side/adgangskode')
        .type('form')
        .send({ _csrf: csrfTokenFrom(page.text), currentPassword: TEST_PASSWORD, password: NEW, passwordRepeat: NEW });
    });

    const after = await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.passwordChangedAt).toEqual(before.passwordChangedAt);
    await other.get('/min-side').expect(200);
  });
});
