// The one rule for everything under /min-forening/:associationId (see
// src/features/association-area/association-area.ts): a malformed id is a 404; anonymous
// readers log in; a user who may not manage the association gets an audited 403 whether
// or not it exists; an allowed user (an admin) asking for one that does not exist gets 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { logIn, type Agent } from '../../helpers/http.js';
import { aUser, anAssociation, TEST_PASSWORD } from '../../helpers/factories/index.js';

let ctx: TestContext;
let own: { id: number; name: string };
let other: { id: number; name: string };
let member: Agent;
let admin: Agent;
let memberId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  own = await anAssociation(ctx.db.prisma);
  other = await anAssociation(ctx.db.prisma);
  const user = await aUser(ctx.db.prisma, { associationId: own.id });
  memberId = user.id;
  member = await logIn(ctx.app, user.email, TEST_PASSWORD);
  const adminUser = await aUser(ctx.db.prisma, { role: 'ADMIN' });
  admin = await logIn(ctx.app, adminUser.email, TEST_PASSWORD);
});
afterAll(() => ctx.close());

const PAGES = ['/profil', '/medlemmer', '/opgaver', '/interesserede', '/aktiviteter'];

describe('the association area', () => {
  it('answers 404 for ids that are not plain positive integers, before anything else', async () => {
    for (const id of ['abc', '1e2', '01', '-1', '0', '99999999999']) {
      await supertest(ctx.app).get(`/min-forening/${id}/profil`).expect(404);
      await member.get(`/min-forening/${id}/opgaver`).expect(404);
    }
  });

  it('sends anonymous readers to log in', async () => {
    for (const page of PAGES) {
      await supertest(ctx.app).get(`/min-forening/${own.id}${page}`).expect(303).expect('location', '/log-ind');
    }
  });

  it("refuses another association's pages with an audited 403, whether it exists or not", async () => {
    const before = await ctx.db.prisma.auditLog.count({ where: { action: 'access.denied', actorUserId: memberId } });
    for (const page of PAGES) {
      await member.get(`/min-forening/${other.id}${page}`).expect(403);
      await member.get(`/min-forening/2147483000${page}`).expect(403);
    }
    const after = await ctx.db.prisma.auditLog.count({ where: { action: 'access.denied', actorUserId: memberId } });
    expect(after - before).toBe(PAGES.length * 2);
  });

  it('says the page belongs to another association, not that another role is needed (#10)', async () => {
    const page = (await member.get(`/min-forening/${other.id}/opgaver`).expect(403)).text;
    expect(page).toContain('Siden hører til en anden forening');
    expect(page).toContain('href="/min-side"');
    expect(page).not.toContain('kræver en anden rolle');
    // Other refusals keep the general text.
    const staffPage = (await member.get('/medarbejder').expect(403)).text;
    expect(staffPage).toContain('kræver en anden rolle');
  });

  it('lets members into their own pages, and admins into any; a missing association is 404 for those allowed', async () => {
    for (const page of PAGES) {
      await member.get(`/min-forening/${own.id}${page}`).expect(200);
      await admin.get(`/min-forening/${other.id}${page}`).expect(200);
      await admin.get(`/min-forening/2147483000${page}`).expect(404);
    }
  });

  it('tells an admin who is not a member that they work as administrator, and leads the trail back to the staff page (review #12)', async () => {
    const trailOf = (html: string) => /<nav class="breadcrumbs"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
    for (const page of PAGES) {
      const html = (await admin.get(`/min-forening/${other.id}${page}`).expect(200)).text;
      expect(html).toContain(`Du arbejder som administrator for ${other.name}.`);
      const trail = trailOf(html);
      expect(trail).toContain(`<a class="breadcrumbs__link" href="/medarbejder/foreninger/${other.id}">${other.name}</a>`);
      expect(trail).not.toContain('href="/min-side"');
    }
    await admin.get('/sprog/en');
    const english = (await admin.get(`/min-forening/${other.id}/opgaver`).expect(200)).text;
    expect(english).toContain(`You are working as administrator for <span lang="da">${other.name}</span>.`);
    expect(trailOf(english)).toContain(`href="/medarbejder/foreninger/${other.id}" lang="da">${other.name}</a>`);
    await admin.get('/sprog/da');
  });

  it('addresses a member as a member: no administrator notice, and Min side first in the trail', async () => {
    const html = (await member.get(`/min-forening/${own.id}/opgaver`).expect(200)).text;
    expect(html).not.toContain('som administrator for');
    expect(/<nav class="breadcrumbs"[\s\S]*?<\/nav>/.exec(html)?.[0]).toContain('href="/min-side"');
  });
});
