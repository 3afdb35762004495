// /administration: the admins' index of the administration pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { logIn } from '../../helpers/http.js';
import { aUser, TEST_PASSWORD } from '../../helpers/factories/index.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('the administration index', () => {
  it('links every admin page, in Danish and English', async () => {
    const admin = await aUser(ctx.db.prisma, { role: 'ADMIN' });
    const agent = await logIn(ctx.app, admin.email, TEST_PASSWORD);
    const page = await agent.get('/administration').expect(200);
    for (const href of [
      '/administration/brugere',
      '/administration/indstillinger',
      '/administration/sider',
      '/administration/ordlister',
      '/administration/opbevaring',
      '/administration/log',
      '/administration/sletning',
      '/medarbejder/aftaleskabelon',
    ]) {
      expect(page.text).toContain(`href="${href}"`);
    }
    expect(page.text).toContain('Brugere');
    await agent.get('/sprog/en').expect(303);
    const english = await agent.get('/administration').expect(200);
    expect(english.text).toContain('Users');
    expect(english.text).toContain('Vocabularies');
  });

  it('is for admins only: staff get 403, anonymous readers go to log in', async () => {
    const staff = await aUser(ctx.db.prisma, { role: 'STAFF' });
    const agent = await logIn(ctx.app, staff.email, TEST_PASSWORD);
    await agent.get('/administration').expect(403);
    const anonymous = await supertest(ctx.app).get('/administration').expect(303);
    expect(anonymous.headers.location).toBe('/log-ind');
  });
});
