// The public "Samarbejder" pages: only ACTIVE agreements, only their public fields, read
// from the version in force (never the working copy), each with its public openings;
// an association's public profile links the agreements it is a public partner in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import {
  acceptAll,
  anAgreement,
  anAgreementInForce,
  anAssociation,
  anOpening,
  linkOpening,
  sendVersion,
} from '../../helpers/factories/index.js';
import { PAGE_SIZE } from '../../../src/features/collaborations/collaboration-service.js';

let ctx: TestContext;
let volunteerCentre: { id: number; name: string; slug: string; email: string | null };
let anon: ReturnType<typeof supertest.agent>;

beforeAll(async () => {
  ctx = await createTestContext();
  volunteerCentre = await anAssociation(ctx.db.prisma, { name: 'Frivilligcenter Offentlig' });
  anon = supertest.agent(ctx.app);
});
afterAll(() => ctx.close());

/** Markers that must never appear on the public pages. */
const SECRET = {
  budget: 'HEMMELIG-BUDGETPOST',
  contactName: 'HEMMELIG-KONTAKTPERSON',
  contactEmail: 'hemmelig-kontakt@aftenskolen.example.org',
  municipalContact: 'HEMMELIG-KOMMUNAL-MEDARBEJDER',
  tasks: 'HEMMELIGE-OPGAVER',
  contributes: 'HEMMELIGT-BIDRAG',
  section: 'HEMMELIGT-AFSNIT',
  unsentPurpose: 'HEMMELIG-USENDT-FORMÅL',
  unsentTitle: 'HEMMELIG-USENDT-TITEL',
  unsentHowToJoin: 'HEMMELIG-USENDT-VÆR-MED',
  termination: 'HEMMELIG-OPSIGELSESGRUND',
};

/**
 * An ACTIVE agreement with a marker in every non-public field, accepted as version 1,
 * then edited in the working copy (not sent) and given notice.
 */
async function leakyAgreement(title: string) {
  const prisma = ctx.db.prisma;
  const agreement = await anAgreement(prisma, {
    title,
    associationIds: [volunteerCentre.id],
    externals: [{ name: 'Aftenskolen Offentlig', contactEmail: SECRET.contactEmail, contactName: SECRET.contactName }],
    sectionBody: (key) => (key === 'purpose' ? `Formålet med ${title}.` : `${SECRET.section} ${key}`),
    howToJoin: `Skriv til os om ${title}.`,
  });
  for (const party of agreement.parties) {
    await prisma.agreementParty.update({
      where: { id: party.id },
      data: {
        tasks: `${SECRET.tasks} ${party.sortOrder}`,
        contributes: `${SECRET.contributes} ${party.sortOrder}`,
        ...(party.kind === 'MUNICIPALITY' ? { contactName: SECRET.municipalContact } : {}),
      },
    });
  }
  await prisma.agreementBudgetLine.create({ data: { agreementId: agreement.id, label: SECRET.budget, amountDkk: 4711, sortOrder: 1 } });
  await sendVersion(prisma, agreement.id);
  await acceptAll(prisma, agreement.id, 'ACTIVE');
  // Staff edit the working copy afterwards and give notice: none of it is in force.
  await prisma.agreement.update({
    where: { id: agreement.id },
    data: {
      title: SECRET.unsentTitle,
      howToJoin: SECRET.unsentHowToJoin,
      terminatedOn: new Date('2026-11-20T00:00:00.000Z'),
      terminationReason: SECRET.termination,
    },
  });
  await prisma.agreementSection.updateMany({ where: { agreementId: agreement.id, key: 'purpose' }, data: { body: SECRET.unsentPurpose } });
  return agreement;
}

const expectNoSecrets = (html: string) => {
  for (const [field, marker] of Object.entries(SECRET)) expect([field, html.includes(marker)]).toEqual([field, false]);
  expect(html).not.toContain('4711');
  expect(html).not.toContain('4.711');
};

describe('the public collaborations page', () => {
  it('is in the main menu and shows an ACTIVE agreement with only its public fields, from the version in force', async () => {
    const agreement = await leakyAgreement('Grow Your Life Offentlig');
    const home = await anon.get('/').expect(200);
    expect(home.text).toContain('href="/samarbejder"');
    expect(home.text).toContain('Samarbejder');

    const list = await anon.get('/samarbejder').expect(200);
    const page = await anon.get(`/samarbejder/${agreement.id}`).expect(200);
    for (const html of [list.text, page.text]) {
      expect(html).toContain('Grow Your Life Offentlig');
      expect(html).toContain('Formålet med Grow Your Life Offentlig.');
      expect(html).toContain('Skriv til os om Grow Your Life Offentlig.');
      expect(html).toContain('Fælles opgaveløsning');
      expect(html).toContain('Aftenskolen Offentlig');
      expect(html).toContain('Center for Sundhed');
      // An association partner links to its public profile.
      expect(html).toContain(`<a href="/foreninger/${volunteerCentre.slug}">Frivilligcenter Offentlig</a>`);
      expectNoSecrets(html);
      if (volunteerCentre.email) expect(html).not.toContain(volunteerCentre.email);
    }
    expect(list.text).toContain(`href="/samarbejder/${agreement.id}"`);
    expect(page.text).toContain('<h1>Grow Your Life Offentlig</h1>');
  });

  it('hides a field whose public flag is off', async () => {
    const partner = await anAssociation(ctx.db.prisma, { name: 'SYNLIG-PARTNER' });
    const agreement = await anAgreementInForce(ctx.db.prisma, {
      title: 'Skjulte felter',
      level: 'PARTNERSHIP',
      associationIds: [partner.id],
      sectionBody: (key) => (key === 'purpose' ? 'SYNLIGT-FORMÅL' : ''),
      howToJoin: 'SYNLIGT-VÆR-MED',
    });
    const url = `/samarbejder/${agreement.id}`;
    const before = await anon.get(url).expect(200);
    expect(before.text).toContain('SYNLIGT-FORMÅL');
    expect(before.text).toContain('SYNLIGT-VÆR-MED');
    expect(before.text).toContain('SYNLIG-PARTNER');
    expect(before.text).toContain('Formelt partnerskab');

    const cases = [
      ['publicPurpose', 'SYNLIGT-FORMÅL'],
      ['publicHowToJoin', 'SYNLIGT-VÆR-MED'],
      ['publicPartners', 'SYNLIG-PARTNER'],
      ['publicLevel', 'Formelt partnerskab'],
    ] as const;
    for (const [flag, text] of cases) {
      await ctx.db.prisma.agreement.update({ where: { id: agreement.id }, data: { [flag]: false } });
      expect([flag, (await anon.get(url).expect(200)).text.includes(text)]).toEqual([flag, false]);
      // The list shows only this agreement with these texts (the level: the only PARTNERSHIP).
      expect([flag, (await anon.get('/samarbejder').expect(200)).text.includes(text)]).toEqual([flag, false]);
    }
    // The title is always shown: it is how the public page names the agreement.
    expect((await anon.get(url).expect(200)).text).toContain('<h1>Skjulte felter</h1>');
  });

  it('lists no DRAFT, SENT, ACCEPTED (not started), ENDED or EVALUATED agreement, and answers 404 for each', async () => {
    const prisma = ctx.db.prisma;
    const draft = await anAgreement(prisma, { title: 'Ikke offentlig kladde', associationIds: [volunteerCentre.id] });
    const sent = await anAgreement(prisma, { title: 'Ikke offentlig sendt', associationIds: [volunteerCentre.id] });
    await sendVersion(prisma, sent.id);
    const accepted = await anAgreementInForce(prisma, { title: 'Ikke offentlig accepteret', inForceStatus: 'ACCEPTED' });
    const ended = await anAgreementInForce(prisma, { title: 'Ikke offentlig afsluttet', inForceStatus: 'ENDED' });
    const evaluated = await anAgreementInForce(prisma, { title: 'Ikke offentlig evalueret', inForceStatus: 'EVALUATED' });
    const list = await anon.get('/samarbejder').expect(200);
    for (const agreement of [draft, sent, accepted, ended, evaluated]) {
      expect(list.text).not.toContain(agreement.title);
      await anon.get(`/samarbejder/${agreement.id}`).expect(404);
    }
  });

  it('answers 404 for an id that is no id or no agreement', async () => {
    await anon.get('/samarbejder/abc').expect(404);
    await anon.get('/samarbejder/0').expect(404);
    await anon.get('/samarbejder/99999999').expect(404);
  });

  it("shows an agreement's public openings, and not its drafts, closed, passed or other agreements' openings", async () => {
    const prisma = ctx.db.prisma;
    const agreement = await anAgreementInForce(prisma, { title: 'Med opgaver', associationIds: [volunteerCentre.id] });
    const other = await anAgreementInForce(prisma, { title: 'Anden aftale', associationIds: [volunteerCentre.id] });
    const pending = await anAssociation(prisma, { name: 'Venteforening', status: 'PENDING' });
    const open = await anOpening(prisma, volunteerCentre.id, { title: 'ÅBEN-OPGAVE', deadline: '2026-12-31' });
    const draft = await anOpening(prisma, volunteerCentre.id, { title: 'KLADDE-OPGAVE', status: 'DRAFT' });
    const closed = await anOpening(prisma, volunteerCentre.id, { title: 'LUKKET-OPGAVE', status: 'CLOSED' });
    const passed = await anOpening(prisma, volunteerCentre.id, { title: 'FRIST-PASSERET-OPGAVE', deadline: '2026-11-21' });
    const ofPending = await anOpening(prisma, pending.id, { title: 'IKKE-GODKENDT-OPGAVE' });
    const elsewhere = await anOpening(prisma, volunteerCentre.id, { title: 'ANDEN-AFTALES-OPGAVE' });
    const unlinked = await anOpening(prisma, volunteerCentre.id, { title: 'UKOBLET-OPGAVE' });
    for (const opening of [open, draft, closed, passed, ofPending]) await linkOpening(prisma, opening.id, agreement.id);
    await linkOpening(prisma, elsewhere.id, other.id);

    const page = await anon.get(`/samarbejder/${agreement.id}`).expect(200);
    expect(page.text).toContain(`<a href="/opgaver/${open.id}">ÅBEN-OPGAVE</a>`);
    expect(page.text).toContain('31. december 2026');
    for (const hidden of ['KLADDE-OPGAVE', 'LUKKET-OPGAVE', 'FRIST-PASSERET-OPGAVE', 'IKKE-GODKENDT-OPGAVE', 'ANDEN-AFTALES-OPGAVE'])
      expect([hidden, page.text.includes(hidden)]).toEqual([hidden, false]);
    expect(page.text).not.toContain(unlinked.title);
    const otherPage = await anon.get(`/samarbejder/${other.id}`).expect(200);
    expect(otherPage.text).toContain('ANDEN-AFTALES-OPGAVE');
    expect(otherPage.text).not.toContain('ÅBEN-OPGAVE');
    // An agreement without open openings says so.
    const lonely = await anAgreementInForce(prisma, { title: 'Uden opgaver' });
    expect((await anon.get(`/samarbejder/${lonely.id}`).expect(200)).text).toContain('Der er ingen åbne frivilligopgaver');
  });

  it('pages a long list, newest first, showing each agreement once', async () => {
    const prisma = ctx.db.prisma;
    const titles = Array.from({ length: PAGE_SIZE + 1 }, (_, n) => `Side-aftale ${String(n).padStart(2, '0')}`);
    for (const title of titles) await anAgreementInForce(prisma, { title });
    const total = await prisma.agreement.count({ where: { status: 'ACTIVE' } });
    const pages = Math.ceil(total / PAGE_SIZE);
    expect(pages).toBeGreaterThan(1);
    const first = await anon.get('/samarbejder').expect(200);
    expect(first.text).toContain('class="pagination"');
    expect(first.text).toContain(`href="/samarbejder?side=${pages}"`);
    // The newest first: the last one made leads page 1.
    expect(first.text).toContain(titles.at(-1));
    const shown: string[] = [];
    for (let page = 1; page <= pages; page++) {
      const html = (await anon.get(`/samarbejder?side=${page}`).expect(200)).text;
      shown.push(...[...html.matchAll(/>(Side-aftale \d\d)<\/a><\/h2>/g)].map((m) => m[1]!));
      if (page > 1) expect(html).toContain(`<title>Samarbejder (side ${page} af ${pages})`);
    }
    expect(shown.sort()).toEqual(titles);
    // A page number out of range or no number shows a page, never an error.
    await anon.get('/samarbejder?side=999').expect(200);
    await anon.get('/samarbejder?side=x').expect(200);
  });

  it('is in English for an English reader', async () => {
    const agreement = await anAgreementInForce(ctx.db.prisma, { title: 'English reader' });
    const english = supertest.agent(ctx.app);
    await english.get('/sprog/en').expect(303);
    const page = await english.get(`/samarbejder/${agreement.id}`).expect(200);
    expect(page.text).toContain('Where you can join in');
    expect(page.text).toContain('Shared tasks');
  });
});

describe("an association's public profile", () => {
  it('links the active agreements it is a public partner in, and no others', async () => {
    const prisma = ctx.db.prisma;
    const association = await anAssociation(prisma, { name: 'Profilforeningen' });
    const active = await anAgreementInForce(prisma, { title: 'PROFIL-AKTIV', associationIds: [association.id] });
    const hiddenPartners = await anAgreementInForce(prisma, { title: 'PROFIL-SKJULTE-PARTNERE', associationIds: [association.id] });
    await prisma.agreement.update({ where: { id: hiddenPartners.id }, data: { publicPartners: false } });
    await anAgreementInForce(prisma, { title: 'PROFIL-AFSLUTTET', associationIds: [association.id], inForceStatus: 'ENDED' });
    await anAgreement(prisma, { title: 'PROFIL-KLADDE', associationIds: [association.id] });
    await anAgreementInForce(prisma, { title: 'PROFIL-ANDEN-FORENING', associationIds: [volunteerCentre.id] });

    const profile = await anon.get(`/foreninger/${association.slug}`).expect(200);
    expect(profile.text).toContain('Samarbejder med kommunen');
    expect(profile.text).toContain(`<a href="/samarbejder/${active.id}">PROFIL-AKTIV</a>`);
    for (const hidden of ['PROFIL-SKJULTE-PARTNERE', 'PROFIL-AFSLUTTET', 'PROFIL-KLADDE', 'PROFIL-ANDEN-FORENING'])
      expect([hidden, profile.text.includes(hidden)]).toEqual([hidden, false]);

    const none = await anAssociation(prisma, { name: 'Uden samarbejder' });
    expect((await anon.get(`/foreninger/${none.slug}`).expect(200)).text).not.toContain('Samarbejder med kommunen');
  });
});
