// "Min side" in one place: every page of the account and of an association's area has
// exactly one link to Min side, the first step of its breadcrumb trail, and no page
// has its own "Tilbage til Min side" any more (src/views/my-page-trail.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { expectStatus, logIn, type Agent } from '../../helpers/http.js';
import { anActivity, anAssociation, anOpening, aUser, TEST_PASSWORD } from '../../helpers/factories/index.js';
import { withMyPageTrail } from '../../../src/views/my-page-trail.js';

describe('withMyPageTrail', () => {
  it('puts one Min side first under /min-side/ and /min-forening/, and leaves other pages alone', () => {
    expect(withMyPageTrail([], '/min-side/tofaktor', 'Tofaktor', 'Min side')).toEqual([
      { href: '/min-side', label: 'Min side' },
      { label: 'Tofaktor' },
    ]);
    const own = [{ href: '/min-side', label: 'Konto' }, { label: 'Handleplaner' }];
    expect(withMyPageTrail(own, '/min-forening/3/handleplaner', 'x', 'Min side')).toEqual([
      { href: '/min-side', label: 'Min side' },
      { label: 'Handleplaner' },
    ]);
    const deeper = [{ href: '/min-forening/3/samarbejdsaftaler', label: 'Aftaler' }, { label: 'Aftale' }];
    expect(withMyPageTrail(deeper, '/min-forening/3/samarbejdsaftaler/9', 'x', 'Min side')).toEqual([
      { href: '/min-side', label: 'Min side' },
      ...deeper,
    ]);
    expect(withMyPageTrail([], '/min-side', 'Min side', 'Min side')).toEqual([]);
    expect(withMyPageTrail([], '/min-side?fane=1', 'Min side', 'Min side')).toEqual([]);
    expect(withMyPageTrail([{ label: 'Søg' }], '/opgaver', 'Søg', 'Min side')).toEqual([{ label: 'Søg' }]);
  });
});

let ctx: TestContext;
let member: Agent;
let associationId: number;
let openingId: number;
let activityId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  const prisma = ctx.db.prisma;
  associationId = (await anAssociation(prisma, { name: 'Min side-foreningen' })).id;
  openingId = (await anOpening(prisma, associationId)).id;
  activityId = (await anActivity(prisma, associationId)).id;
  member = await logIn(ctx.app, (await aUser(prisma, { associationId })).email, TEST_PASSWORD);
});
afterAll(() => ctx.close());

const main = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
const count = (text: string, part: string) => text.split(part).length - 1;

describe('each page under Min side links back to it exactly once, in its breadcrumbs', () => {
  const area = () => `/min-forening/${associationId}`;
  const pages = (): string[] => [
    '/min-side/adgangskode',
    '/min-side/tofaktor',
    '/min-side/slet-konto',
    `${area()}/opgaver`,
    `${area()}/opgaver/ny`,
    `${area()}/opgaver/${openingId}/rediger`,
    `${area()}/aktiviteter`,
    `${area()}/aktiviteter/ny`,
    `${area()}/aktiviteter/${activityId}/rediger`,
    `${area()}/interesserede`,
    `${area()}/profil`,
    `${area()}/medlemmer`,
    `${area()}/samarbejdsaftaler`,
    `${area()}/handleplaner`,
  ];

  it('in Danish', async () => {
    for (const path of pages()) {
      const html = main((await member.get(path).then(expectStatus(200))).text);
      expect(count(html, 'href="/min-side"'), path).toBe(1);
      const trail = /<nav class="breadcrumbs"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
      // The trail starts at the front page (views/partials/breadcrumbs.ejs); Min side is its second step.
      const steps = [...trail.matchAll(/<li class="breadcrumbs__list-item"[^>]*>([\s\S]*?)<\/li>/g)].map((step) => step[1] ?? '');
      expect(steps[0], path).toContain('href="/">Forside</a>');
      expect(steps[1], path).toContain('<a class="breadcrumbs__link" href="/min-side">Min side</a>');
      expect(html, path).not.toContain('Tilbage til Min side');
    }
  });

  it('in English', async () => {
    for (const path of [`${area()}/opgaver`, '/min-side/tofaktor']) {
      const html = main((await member.get(path).set('Cookie', 'lang=en').then(expectStatus(200))).text);
      expect(count(html, 'href="/min-side"'), path).toBe(1);
      expect(html, path).toContain('href="/min-side">My page</a>');
      expect(html, path).not.toContain('Back to My page');
    }
  });

  it('Min side itself has no link to itself', async () => {
    const html = main((await member.get('/min-side').then(expectStatus(200))).text);
    expect(count(html, 'href="/min-side"')).toBe(0);
  });
});
