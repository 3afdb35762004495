// The public action-plan pages (/handleplaner) and each plan's feed: the plan's goals
// and actions with the associations credited and linked, only FINALISED reviews (a
// marker in every text of a DRAFT or IN_COMMITTEE review never appears on the page or
// in the feed), corrections after finalisation without staff names, 404 for an unknown
// slug, and a well-formed Atom feed with one entry per finalised review and correction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import xmljs from 'xml-js';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import {
  aPlan,
  anAction,
  anAgreement,
  anAgreementInForce,
  anAssociation,
  anOpening,
  aReview,
  aUser,
} from '../../helpers/factories/index.js';
import type { ReviewState } from '../../../src/generated/prisma/enums.js';
import { excerpt } from '../../../src/features/public-plans/public-plan-service.js';
import { linkParts } from '../../../src/features/public-plans/link-parts.js';
import { indicatorLine, sentence } from '../../../src/features/public-plans/public-plan-controller.js';

const BASE_URL = 'https://frivillig.example.org';
const STAFF_NAME = 'HEMMELIG-MEDARBEJDER-NAVN';

/** Markers written into every text of a review in the given state. */
const marker = (state: ReviewState, field: string) => `MARKER-${state}-${field}`;
const FIELDS = [
  'whatHappened',
  'evidence',
  'nextStep',
  'summary',
  'meetingPlace',
  'participants',
  'decision',
  'reference',
  'partner',
  'amendment',
];

let ctx: TestContext;
let anon: ReturnType<typeof supertest.agent>;
let slug: string;
const ids: { limone?: { slug: string }; pending?: { slug: string }; agreement?: number; opening?: number } = {};

// xml-js's compact form: elements become keys, text is `_text`.
interface XmlNode {
  [key: string]: XmlNode | XmlNode[] | string | undefined;
  _text?: string;
  _cdata?: string;
}
const asArray = (node: XmlNode | XmlNode[] | string | undefined): XmlNode[] =>
  node === undefined || typeof node === 'string' ? [] : Array.isArray(node) ? node : [node];

beforeAll(async () => {
  ctx = await createTestContext({ BASE_URL });
  const prisma = ctx.db.prisma;
  anon = supertest.agent(ctx.app);
  await prisma.municipalitySettings.create({ data: { id: 1, name: 'Testrup Kommune', contactEmail: 'frivillig@example.org' } });
  const staff = await aUser(prisma, { role: 'STAFF', name: STAFF_NAME });
  const limone = await anAssociation(prisma, { name: 'IF Limone Test' });
  const pending = await anAssociation(prisma, { name: 'Ventende Forening Test', status: 'PENDING' });
  ids.limone = limone;
  ids.pending = pending;

  const plan = await aPlan(prisma, {
    title: 'Frivillighed og medborgerskab',
    slug: 'frivillighed-test',
    vision: 'Vi vil styrke de lokale fællesskaber.\nSammen.',
  });
  slug = plan.slug;
  await prisma.planGoal.update({
    where: { planId_number: { planId: plan.id, number: 1 } },
    data: { volunteersDo: 'Rekrutterer på nye måder.', municipalityDoes: 'Åbner lokaler.', sdgs: [17, 3] },
  });

  // 2017: finalised. 2018: in committee. 2019: draft.
  const done = await anAction(prisma, plan.id, {
    year: 2017,
    title: 'Ind i fællesskaber',
    associationIds: [limone.id, pending.id],
    units: ['Center for Kultur'],
    indicator: 'Nye medlemmer',
    indicatorTarget: 20,
  });
  // Linked agreements and openings: only those with a public page of their own show.
  const inForce = await anAgreementInForce(prisma, { title: 'Aftale i kraft', associationIds: [limone.id] });
  await prisma.agreement.update({ where: { id: inForce.id }, data: { title: 'HEMMELIG-USENDT-TITEL' } });
  const draftAgreement = await anAgreement(prisma, { title: 'HEMMELIG-KLADDE-AFTALE' });
  const publicOpening = await anOpening(prisma, limone.id, { title: 'Træner for et pigehold' });
  const draftOpening = await anOpening(prisma, limone.id, { title: 'HEMMELIG-KLADDE-OPGAVE', status: 'DRAFT' });
  await prisma.planAction.update({
    where: { id: done.id },
    data: {
      agreements: { connect: [{ id: inForce.id }, { id: draftAgreement.id }] },
      openings: { connect: [{ id: publicOpening.id }, { id: draftOpening.id }] },
    },
  });
  ids.agreement = inForce.id;
  ids.opening = publicOpening.id;
  const insurance = await anAction(prisma, plan.id, { year: 2017, title: 'Fælles forsikring <b>for</b> alle', goalNumbers: [3] });
  const carried = await anAction(prisma, plan.id, {
    year: 2018,
    title: 'Ind i fællesskaber, år 2',
    carriedFromId: done.id,
    associationIds: [limone.id],
  });
  await anAction(prisma, plan.id, { year: 2019, title: 'Handling i 2019' });

  for (const [year, state] of [
    [2017, 'FINALISED'],
    [2018, 'IN_COMMITTEE'],
    [2019, 'DRAFT'],
  ] as const) {
    const review = await aReview(prisma, plan.id, year, { state, finalisedById: staff.id });
    const m = (field: string) => marker(state, field);
    await prisma.planReview.update({
      where: { id: review.id },
      data: {
        meetingDate: new Date(Date.UTC(year, 8, 29)),
        meetingPlace: m('meetingPlace'),
        participants: m('participants'),
        summary: m('summary'),
        finalisedAt: state === 'FINALISED' ? new Date('2017-11-20T10:00:00Z') : null,
      },
    });
    for (const entry of review.entries) {
      await prisma.planReviewEntry.update({
        where: { id: entry.id },
        data: {
          status: entry.actionId === insurance.id ? 'DONE' : 'IN_PROGRESS',
          whatHappened: m('whatHappened'),
          evidence: `${m('evidence')} https://example.org/referat-${year}.`,
          nextStep: m('nextStep'),
          indicatorActual: entry.actionId === done.id ? 14 : null,
          updatedById: staff.id,
        },
      });
    }
    await prisma.committeeDecision.create({
      data: {
        reviewId: review.id,
        committee: `Social- og Sundhedsudvalget ${year}`,
        meetingDate: new Date(Date.UTC(year, 10, 9)),
        reference: m('reference'),
        decision: m('decision'),
      },
    });
    const actionId = year === 2017 ? done.id : year === 2018 ? carried.id : null;
    if (actionId !== null) {
      await prisma.planReviewPartnerEntry.create({
        data: { reviewId: review.id, actionId, associationId: limone.id, status: 'DONE', comment: m('partner'), answeredAt: new Date() },
      });
    }
    if (state !== 'DRAFT') {
      await prisma.reviewAmendment.create({
        data: {
          reviewId: review.id,
          actionId: year === 2017 ? insurance.id : carried.id,
          field: 'status',
          before: 'IN_PROGRESS',
          after: 'DONE',
          reason: m('amendment'),
          amendedById: staff.id,
          amendedAt: new Date(Date.UTC(year, 11, 5, 9)),
        },
      });
    }
  }

  await aPlan(prisma, { title: 'En ældre plan', slug: 'aeldre-plan', firstYear: 2012, lastYear: 2016, vision: 'Kort vision.' });
});
afterAll(() => ctx.close());

describe('GET /handleplaner', () => {
  it('lists every plan with its period and the start of its vision, newest period first', async () => {
    const response = await anon.get('/handleplaner').expect(200);
    const text = response.text;
    expect(text).toContain('<h1>Handleplaner</h1>');
    expect(text).toContain(`href="/handleplaner/${slug}"`);
    expect(text).toContain('Handleplan 2017–2022');
    expect(text).toContain('Vi vil styrke de lokale fællesskaber. Sammen.');
    expect(text.indexOf('Frivillighed og medborgerskab')).toBeLessThan(text.indexOf('En ældre plan'));
    expect(text).toContain('href="/handleplaner" class="nav-link" aria-current="page"');
  });

  it('cuts a long vision at a word', () => {
    expect(excerpt('ord '.repeat(100), 20)).toBe('ord ord ord ord ord…');
    expect(excerpt('kort')).toBe('kort');
  });
});

describe('GET /handleplaner/:slug', () => {
  it('shows the vision, goals with what each side does and their SDGs by number and name', async () => {
    const text = (await anon.get(`/handleplaner/${slug}`).expect(200)).text;
    expect(text).toContain('<h1>Frivillighed og medborgerskab</h1>');
    expect(text).toContain('Vi vil styrke de lokale fællesskaber.\nSammen.');
    expect(text).toContain('Mål 1: Mål 1');
    expect(text).toContain('Rekrutterer på nye måder.');
    expect(text).toContain('Åbner lokaler.');
    expect(text.indexOf('Verdensmål 3: Sundhed og trivsel')).toBeLessThan(text.indexOf('Verdensmål 17: Partnerskaber for handling'));
  });

  it('credits the responsible associations, linking only approved ones to their profile', async () => {
    const text = (await anon.get(`/handleplaner/${slug}`).expect(200)).text;
    expect(text).toContain(`<a href="/foreninger/${ids.limone!.slug}">IF Limone Test</a>`);
    expect(text).toContain('Ventende Forening Test');
    expect(text).not.toContain(`/foreninger/${ids.pending!.slug}`);
    expect(text).toContain('Center for Kultur');
    expect(text).toContain('Videreført fra 2017');
    expect(text).toContain('Nye medlemmer. Mål for året: 20. Opnået: 14');
  });

  it('links the action’s agreement in force (titled as its public page) and its public openings, nothing else', async () => {
    const text = (await anon.get(`/handleplaner/${slug}`).expect(200)).text;
    expect(text).toContain(`<a href="/samarbejder/${ids.agreement}">Aftale i kraft</a>`);
    expect(text).toContain(`<a href="/opgaver/${ids.opening}">Træner for et pigehold</a>`);
    expect(text).not.toContain('HEMMELIG-USENDT-TITEL');
    expect(text).not.toContain('HEMMELIG-KLADDE-AFTALE');
    expect(text).not.toContain('HEMMELIG-KLADDE-OPGAVE');
  });

  it('shows the finalised review: meeting, statuses, texts, evidence links, decisions, the association’s own view and corrections', async () => {
    const text = (await anon.get(`/handleplaner/${slug}`).expect(200)).text;
    expect(text).toContain('Årlig status 2017');
    expect(text).toContain('Godkendt 20. november 2017.');
    expect(text).toContain('29. september 2017');
    for (const field of FIELDS) expect(text, field).toContain(marker('FINALISED', field));
    expect(text).toContain('<a href="https://example.org/referat-2017">https://example.org/referat-2017</a>.');
    expect(text).toContain('Social- og Sundhedsudvalget 2017');
    expect(text).toMatch(/<dt>Vurdering fra IF Limone Test<\/dt>\s*<dd><strong>Gennemført<\/strong>/);
    expect(text).toContain('Status for “Fælles forsikring &lt;b&gt;for&lt;/b&gt; alle”');
    expect(text).toContain('Før: I gang. Efter: Gennemført.');
    expect(text).not.toContain('Gennemført..');
    expect(text).toContain('Rettet 5. december 2017');
    expect(text).toContain('id="rettelse-');
    expect(text).toContain('Status for 2018 er ikke godkendt endnu.');
  });

  it('never shows anything of a draft or in-committee review, nor who changed anything', async () => {
    for (const lang of ['da', 'en']) {
      const text = (await anon.get(`/handleplaner/${slug}`).set('Cookie', `lang=${lang}`).expect(200)).text;
      for (const state of ['DRAFT', 'IN_COMMITTEE'] as const) {
        for (const field of FIELDS) expect(text, `${state} ${field}`).not.toContain(marker(state, field));
      }
      expect(text).not.toContain('Social- og Sundhedsudvalget 2018');
      expect(text).not.toContain('referat-2018');
      expect(text).not.toContain(STAFF_NAME);
    }
  });

  it('links its feed for feed readers', async () => {
    const text = (await anon.get(`/handleplaner/${slug}`).expect(200)).text;
    expect(text).toContain(`<link rel="alternate" type="application/atom+xml" href="/handleplaner/${slug}/feed.xml"`);
  });

  it('is in English for English readers', async () => {
    const text = (await anon.get(`/handleplaner/${slug}`).set('Cookie', 'lang=en').expect(200)).text;
    expect(text).toContain('Goal 1: <span lang="da">Mål 1</span>');
    expect(text).toContain('SDG 3: ');
    expect(text).toContain('Yearly status 2017');
    expect(text).toContain('Carried over from 2017');
  });

  it('says so when a plan has no actions yet', async () => {
    const text = (await anon.get('/handleplaner/aeldre-plan').expect(200)).text;
    expect(text).toContain('Planen har endnu ingen handlinger.');
    expect(text).not.toContain('Årlig status');
  });

  it('answers 404 for an unknown plan and its feed', async () => {
    await anon.get('/handleplaner/findes-ikke').expect(404);
    await anon.get('/handleplaner/findes-ikke/feed.xml').expect(404);
  });
});

describe('GET /handleplaner/:slug/feed.xml', () => {
  it('is Atom with one entry per finalised review and per correction, newest first, with absolute links', async () => {
    const response = await anon.get(`/handleplaner/${slug}/feed.xml`).expect(200);
    expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const feed = (xmljs.xml2js(response.text, { compact: true }) as XmlNode).feed as XmlNode;
    expect((feed._attributes as XmlNode | undefined)?.xmlns).toBe('http://www.w3.org/2005/Atom');
    const entries = asArray(feed.entry);
    expect(entries.map((e) => (e.title as XmlNode)._cdata ?? (e.title as XmlNode)._text)).toEqual([
      'Rettet: Status — Fælles forsikring &lt;b&gt;for&lt;/b&gt; alle',
      'Årlig status 2017 er godkendt',
    ]);
    const hrefs = entries.map((e) => (asArray(e.link)[0]?._attributes as XmlNode | undefined)?.href);
    expect(hrefs[0]).toMatch(new RegExp(`^${BASE_URL}/handleplaner/${slug}#rettelse-\\d+$`));
    expect(hrefs[1]).toBe(`${BASE_URL}/handleplaner/${slug}#aar-2017`);
    expect((feed.updated as XmlNode)._text).toBe('2017-12-05T09:00:00.000Z');
    const self = asArray(feed.link).find((link) => (link._attributes as XmlNode | undefined)?.rel === 'self');
    expect((self?._attributes as XmlNode | undefined)?.href).toBe(`${BASE_URL}/handleplaner/${slug}/feed.xml`);
    expect(response.text).toContain(marker('FINALISED', 'amendment'));
    for (const state of ['DRAFT', 'IN_COMMITTEE'] as const) {
      for (const field of FIELDS) expect(response.text, `${state} ${field}`).not.toContain(marker(state, field));
    }
    expect(response.text).not.toContain('2018');
    expect(response.text).not.toContain(STAFF_NAME);
    expect(response.text).not.toContain('<b>');
  });

  it('is in English for English readers', async () => {
    const response = await anon.get(`/handleplaner/${slug}/feed.xml`).set('Cookie', 'lang=en').expect(200);
    expect(response.text).toContain('Yearly status 2017 approved');
    expect(response.text).toContain('Corrected: Status — ');
  });

  it('has no entries for a plan without a finalised review', async () => {
    const response = await anon.get('/handleplaner/aeldre-plan/feed.xml').expect(200);
    const feed = (xmljs.xml2js(response.text, { compact: true }) as XmlNode).feed as XmlNode;
    expect(asArray(feed.entry)).toEqual([]);
  });
});

describe('punctuation after user text and the field a correction changed', () => {
  let punctuated: string;
  beforeAll(async () => {
    const prisma = ctx.db.prisma;
    const staff = await aUser(prisma, { role: 'STAFF' });
    const plan = await aPlan(prisma, { title: 'Tegnplan', slug: 'tegnplan', firstYear: 2017, lastYear: 2018 });
    punctuated = plan.slug;
    const action = await anAction(prisma, plan.id, {
      year: 2017,
      title: 'Opslag om frivillige',
      indicator: 'Nye frivillige.',
      indicatorTarget: 5,
    });
    const review = await aReview(prisma, plan.id, 2017, { state: 'FINALISED', finalisedById: staff.id });
    await prisma.planReview.update({ where: { id: review.id }, data: { finalisedAt: new Date('2017-11-20T10:00:00Z') } });
    await prisma.reviewAmendment.create({
      data: {
        reviewId: review.id,
        actionId: action.id,
        field: 'whatHappened',
        before: 'Vi lagde det på Facebook.',
        after: 'Vi lagde det på Facebook og i avisen',
        reason: 'Avisen kom med',
        amendedById: staff.id,
        amendedAt: new Date('2017-12-05T09:00:00Z'),
      },
    });
  });

  it('adds no full stop after text that ends with punctuation, and one after text that does not', async () => {
    const text = (await anon.get(`/handleplaner/${punctuated}`).expect(200)).text;
    expect(text).toContain('Før: Vi lagde det på Facebook. Efter: Vi lagde det på Facebook og i avisen.');
    expect(text).toContain('Nye frivillige. Mål for året: 5');
    expect(text).not.toContain('..');
    const feed = (await anon.get(`/handleplaner/${punctuated}/feed.xml`).expect(200)).text;
    expect(feed).toContain('Før: Vi lagde det på Facebook. Efter: Vi lagde det på Facebook og i avisen.');
    expect(feed).not.toContain('Facebook..');
  });

  it('names the corrected field in the feed item title', async () => {
    const da = (await anon.get(`/handleplaner/${punctuated}/feed.xml`).expect(200)).text;
    expect(da).toContain('Rettet: Det skete — Opslag om frivillige');
    expect(da).not.toContain('Status rettet');
    const en = (await anon.get(`/handleplaner/${punctuated}/feed.xml`).set('Cookie', 'lang=en').expect(200)).text;
    expect(en).toContain('Corrected: What happened — Opslag om frivillige');
  });

  it('ends a sentence only where it has no punctuation', () => {
    expect(sentence('på Facebook.')).toBe('på Facebook.');
    expect(sentence('Hvorfor?')).toBe('Hvorfor?');
    expect(sentence('I gang')).toBe('I gang.');
    expect(indicatorLine(['Nye medlemmer', 'Mål for året: 20', ''])).toBe('Nye medlemmer. Mål for året: 20');
  });
});

describe('language signals', () => {
  it('says the language of the page and that it varies with the cookie', async () => {
    for (const lang of ['da', 'en']) {
      const response = await anon.get(`/handleplaner/${slug}`).set('Cookie', `lang=${lang}`).expect(200);
      expect(response.headers['content-language']).toBe(lang);
      expect(response.headers.vary).toMatch(/\bCookie\b/);
    }
    const fallback = await supertest(ctx.app).get('/handleplaner').expect(200);
    expect(fallback.headers['content-language']).toBe('da');
  });

  it('gives the Atom feed its language as xml:lang', async () => {
    for (const lang of ['da', 'en']) {
      const response = await anon.get(`/handleplaner/${slug}/feed.xml`).set('Cookie', `lang=${lang}`).expect(200);
      const feed = (xmljs.xml2js(response.text, { compact: true }) as XmlNode).feed as XmlNode;
      expect((feed._attributes as XmlNode | undefined)?.['xml:lang']).toBe(lang);
      expect(response.headers['content-language']).toBe(lang);
    }
  });
});

describe('linkParts', () => {
  it('makes http(s) addresses links and leaves the rest as text', () => {
    expect(linkParts('Se https://example.org/a?b=1. Og javascript:alert(1)')).toEqual([
      { text: 'Se ' },
      { text: 'https://example.org/a?b=1', href: 'https://example.org/a?b=1' },
      { text: '. Og javascript:alert(1)' },
    ]);
    expect(linkParts('')).toEqual([]);
  });
});
