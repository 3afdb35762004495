// Language across the journeys (#10): on English pages what associations and staff
// typed (Danish) is marked lang="da" and Danish pages carry no such marks; every page
// below the top level has a breadcrumb trail starting at the front page, and the
// top-level pages have none; the login page names the opening page's real button.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { logIn, type Agent } from '../../helpers/http.js';
import { aUser, anActivity, anAssociation, anEvent, anOpening, TEST_PASSWORD } from '../../helpers/factories/index.js';
import { showInterest, VALID_INTEREST } from '../../helpers/forms.js';

let ctx: TestContext;
let association: { id: number; slug: string };
let openingId: number;
let member: Agent;
let staff: Agent;
let admin: Agent;

beforeAll(async () => {
  ctx = await createTestContext();
  association = await anAssociation(ctx.db.prisma, { name: 'Lyngby Roklub', description: 'Vi ror på Lyngby Sø.' });
  openingId = (await anOpening(ctx.db.prisma, association.id, { detailed: true, title: 'Bådvært om lørdagen' })).id;
  const users = await Promise.all([
    aUser(ctx.db.prisma, { associationId: association.id }),
    aUser(ctx.db.prisma, { role: 'STAFF' }),
    aUser(ctx.db.prisma, { role: 'ADMIN' }),
  ]);
  const [memberUser, staffUser, adminUser] = users;
  member = await logIn(ctx.app, memberUser.email, TEST_PASSWORD);
  staff = await logIn(ctx.app, staffUser.email, TEST_PASSWORD);
  admin = await logIn(ctx.app, adminUser.email, TEST_PASSWORD);
});
afterAll(() => ctx.close());

const english = (path: string) => supertest(ctx.app).get(path).set('Cookie', 'lang=en').expect(200);
const danish = (path: string) => supertest(ctx.app).get(path).expect(200);

/** The element that shows `text` (up to a link inside it) is marked lang="da". */
const markedDanish = (html: string, text: string) => new RegExp(`lang="da"[^>]*>(<a [^>]*>)?${text}<`).test(html);
/** lang="da" anywhere but on <html>. */
const anyDanishMark = (html: string) => html.replace('<html lang="da"', '').includes('lang="da"');

describe('Danish user content on English pages (WCAG 3.1.2)', () => {
  it('is marked lang="da" on the front page, the directory and the association profile', async () => {
    const home = (await english('/')).text;
    expect(markedDanish(home, 'Bådvært om lørdagen')).toBe(true);
    expect(markedDanish(home, 'Lyngby Roklub')).toBe(true);
    const directory = (await english('/foreninger')).text;
    expect(markedDanish(directory, 'Lyngby Roklub')).toBe(true);
    expect(markedDanish(directory, 'Vi ror på Lyngby Sø.')).toBe(true);
    const profile = (await english(`/foreninger/${association.slug}`)).text;
    expect(markedDanish(profile, 'Lyngby Roklub')).toBe(true);
    expect(markedDanish(profile, 'Bådvært om lørdagen')).toBe(true);
    expect(markedDanish(profile, 'Vi ror på Lyngby Sø.')).toBe(true);
    // The breadcrumb naming the association too (the trail's last step).
    expect(profile).toContain('<span lang="da">Lyngby Roklub</span></li>');
    // Our own words stay in the page's language.
    expect(profile).toMatch(/<h2 id="about-heading">[^<]+<\/h2>/);
  });

  it('is marked in the association area and the staff lists too', async () => {
    const list = (await member.get(`/min-forening/${association.id}/opgaver`).set('Cookie', 'lang=en').expect(200)).text;
    expect(markedDanish(list, 'Bådvært om lørdagen')).toBe(true);
    const review = (await staff.get('/medarbejder/foreninger').set('Cookie', 'lang=en').expect(200)).text;
    expect(markedDanish(review, 'Lyngby Roklub')).toBe(true);
  });

  // #10 review 7: the interest form's sentences, the receipt, an event's and a staff account's crumb.
  it('is marked inside our sentences on the interest form and its receipt', async () => {
    const opening = (await english(`/opgaver/${openingId}`)).text;
    expect(opening).toContain('we will send your interest to <span lang="da">Lyngby Roklub</span>. The association');
    expect(opening).toContain('will be sent to <span lang="da">Lyngby Roklub</span>. Only');
    expect(opening).toContain('Yes, <span lang="da">Lyngby Roklub</span> may receive my information');
    const agent = supertest.agent(ctx.app);
    await agent.get('/sprog/en').expect(303);
    const { response } = await showInterest(ctx.app, openingId, { ...VALID_INTEREST, email: 'lang-da@example.org' }, agent);
    const receipt = (await agent.get(response.headers.location!).expect(200)).text;
    expect(receipt).toContain(
      'We have sent your interest in “<span lang="da">Bådvært om lørdagen</span>” to <span lang="da">Lyngby Roklub</span>.',
    );
    expect(receipt).toContain('<li><span lang="da">Lyngby Roklub</span> can now see your information');
  });

  it("is marked in the trail's last step on an event page and a staff account page", async () => {
    const event = await anEvent(ctx.db.prisma, { title: 'Netværksmøde for idrætsforeninger' });
    const page = (await english(`/kalender/arrangementer/${event.id}`)).text;
    expect(page).toContain('<span lang="da">Netværksmøde for idrætsforeninger</span></li>');
    const named = await aUser(ctx.db.prisma, { role: 'STAFF', name: 'Søren Sørensen' });
    const account = (await admin.get(`/administration/brugere/${named.id}`).set('Cookie', 'lang=en').expect(200)).text;
    expect(account).toContain('<span lang="da">Søren Sørensen</span></li>');
    const danishPage = (await danish(`/kalender/arrangementer/${event.id}`)).text;
    expect(danishPage).toContain('<span>Netværksmøde for idrætsforeninger</span></li>');
  });

  it('carries no lang="da" marks on Danish pages', async () => {
    for (const path of ['/', '/foreninger', `/foreninger/${association.slug}`]) {
      const page = (await danish(path)).text;
      expect(page, path).toContain('Lyngby Roklub');
      expect(anyDanishMark(page), path).toBe(false);
    }
  });
});

describe('breadcrumbs: one rule', () => {
  const trailOf = (html: string) => {
    const start = html.indexOf('<nav class="breadcrumbs"');
    return start < 0 ? null : html.slice(start, html.indexOf('</nav>', start));
  };
  const firstCrumb = (trail: string) => /<li class="breadcrumbs__list-item"[^>]*>(.*?)<\/li>/s.exec(trail)?.[1] ?? '';

  it('starts every trail below the top level at the front page, once', async () => {
    const pages: [Agent | null, string][] = [
      [null, `/foreninger/${association.slug}`],
      [null, '/foreninger/ny'],
      [null, `/opgaver/${openingId}`],
      [null, '/om'],
      [null, '/tilgaengelighed'],
      [null, '/privatliv'],
      [null, '/mine-data'],
      [member, `/min-forening/${association.id}/opgaver`],
      [member, `/min-forening/${association.id}/opgaver/ny`],
      [member, `/min-forening/${association.id}/interesserede`],
      [member, `/min-forening/${association.id}/medlemmer`],
      [member, '/min-side/tofaktor'],
      [staff, '/medarbejder/foreninger'],
      [staff, `/medarbejder/foreninger/${association.id}`],
      [staff, '/medarbejder/samarbejdsaftaler'],
      [staff, '/medarbejder/handleplaner'],
      [admin, '/administration/log'],
      [admin, '/administration/brugere'],
    ];
    for (const [agent, path] of pages) {
      const html = (await (agent ?? supertest(ctx.app)).get(path).expect(200)).text;
      const trail = trailOf(html);
      expect(trail, path).not.toBeNull();
      expect(firstCrumb(trail!), path).toBe('<a class="breadcrumbs__link" href="/">Forside</a>');
      expect(trail!.match(/href="\/"/g), path).toHaveLength(1);
    }
    const englishTrail = trailOf((await english(`/foreninger/${association.slug}`)).text)!;
    expect(firstCrumb(englishTrail)).toBe('<a class="breadcrumbs__link" href="/">Home</a>');
  });

  // #10 review 11: the staff event pages had "Back to…" links instead; the activity pages
  // skipped the list or named the association in a step.
  it('gives the staff event pages and the activity pages the same trails as their neighbours', async () => {
    const steps = async (agent: Agent, path: string) => {
      const trail = trailOf((await agent.get(path).expect(200)).text)!;
      expect(trail, path).not.toBeNull();
      return [
        ...trail.matchAll(
          /<li class="breadcrumbs__list-item"[^>]*>(?:<svg[\s\S]*?<\/svg>)?(?:<a [^>]*href="([^"]*)"[^>]*>|<span[^>]*>)?([^<]*)/g,
        ),
      ].map(([, href, label]) => (href ? `${label} (${href})` : label));
    };
    const event = await anEvent(ctx.db.prisma, { title: 'Fyraftensmøde' });
    const staffSteps = ['Forside (/)', 'Medarbejder (/medarbejder)'];
    const events = 'Kommunens arrangementer';
    expect(await steps(staff, '/medarbejder/arrangementer')).toEqual([...staffSteps, events]);
    const list = `${events} (/medarbejder/arrangementer)`;
    expect(await steps(staff, '/medarbejder/arrangementer/ny')).toEqual([...staffSteps, list, 'Opret arrangement']);
    expect(await steps(staff, `/medarbejder/arrangementer/${event.id}/rediger`)).toEqual([...staffSteps, list, 'Redigér arrangement']);
    expect(await steps(staff, `/medarbejder/arrangementer/${event.id}/slet`)).toEqual([...staffSteps, list, 'Slet arrangement']);
    const eventsPage = (await staff.get('/medarbejder/arrangementer').expect(200)).text;
    expect(eventsPage).not.toContain('class="back-link"');

    const activity = await anActivity(ctx.db.prisma, association.id, { title: 'Kaproning' });
    const area = `/min-forening/${association.id}/aktiviteter`;
    const mySteps = ['Forside (/)', 'Min side (/min-side)'];
    expect(await steps(member, area)).toEqual([...mySteps, 'Aktiviteter']);
    expect(await steps(member, `${area}/ny`)).toEqual([...mySteps, `Aktiviteter (${area})`, 'Opret aktivitet']);
    expect(await steps(member, `${area}/${activity.id}/rediger`)).toEqual([...mySteps, `Aktiviteter (${area})`, 'Redigér aktivitet']);
    expect(await steps(member, `${area}/${activity.id}/slet`)).toEqual([...mySteps, `Aktiviteter (${area})`, 'Slet aktivitet']);
  });

  it('shows no trail on the top-level pages (the front page and the main menu targets)', async () => {
    const pages: [Agent | null, string][] = [
      [null, '/'],
      [null, '/opgaver'],
      [null, '/foreninger'],
      [null, '/samarbejder'],
      [null, '/handleplaner'],
      [null, '/kalender'],
      [member, '/min-side'],
      [staff, '/medarbejder'],
      [admin, '/administration'],
    ];
    for (const [agent, path] of pages) {
      const html = (await (agent ?? supertest(ctx.app)).get(path).expect(200)).text;
      expect(trailOf(html), path).toBeNull();
    }
  });
});

describe('the login page', () => {
  it('names the opening page’s button by its real label, in both languages', async () => {
    for (const [get, verb] of [
      [danish, 'tryk'],
      [english, 'press'],
    ] as const) {
      const login = (await get('/log-ind')).text;
      const named = new RegExp(`${verb} &#34;(.+?)&#34;`).exec(login)?.[1];
      expect(named).toBeTruthy();
      const opening = (await get(`/opgaver/${openingId}`)).text;
      expect(opening).toContain(`class="button button-primary">${named}</a>`);
    }
  });
});
