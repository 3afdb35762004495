import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { anOpening, anAssociation, referenceData, type ReferenceData } from '../../helpers/factories/index.js';

let ctx: TestContext;
let ref: ReferenceData;

/** The names of the listed associations, in page order. */
function names(html: string): string[] {
  return [...html.matchAll(/<h3 class="h4 directory-entry-name"><a href="[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]!);
}

/** The count shown next to a filter checkbox, by its value. */
function facetCount(html: string, param: string, value: string): number | undefined {
  const re = new RegExp(
    `name="${param}" value="${value}"[^>]*>\\s*<label[^>]*>[^<]*<span class="facet-count" aria-hidden="true">\\((\\d+)\\)`,
  );
  const match = re.exec(html);
  return match ? Number(match[1]) : undefined;
}

beforeAll(async () => {
  ctx = await createTestContext();
  ref = await referenceData(ctx.db.prisma);
  const { fieldId, areaId } = ref;
  const p = ctx.db.prisma;
  await anAssociation(p, {
    name: 'Virum Fodbold',
    organisationType: 'ASSOCIATION',
    fieldOfWorkIds: [fieldId.idraet, fieldId['boern-og-unge']],
    localAreaId: areaId.virum,
    description: 'Fodbold for børn og unge.',
  });
  await anAssociation(p, {
    name: 'Virum Kor',
    organisationType: 'ASSOCIATION',
    fieldOfWorkIds: [fieldId.kultur],
    localAreaId: areaId.virum,
    description: 'Vi synger 100% for sjov.',
  });
  await anAssociation(p, {
    name: 'Sorgenfri Svømning',
    organisationType: 'ASSOCIATION',
    fieldOfWorkIds: [fieldId.idraet],
    localAreaId: areaId.sorgenfri,
    description: 'Svømning for alle.',
  });
  await anAssociation(p, {
    name: 'Ældresagen Taarbæk',
    organisationType: 'NETWORK',
    fieldOfWorkIds: [fieldId['socialt-arbejde']],
    localAreaId: areaId.taarbaek,
    description: 'Besøgsvenner.',
  });
  await anAssociation(p, {
    name: 'Åens Venner',
    organisationType: 'SELF_ORGANISED_GROUP',
    fieldOfWorkIds: [fieldId.kultur, fieldId['socialt-arbejde']],
    localAreaId: null,
    description: 'Vi passer på åen.',
  });
  await anAssociation(p, {
    name: 'Øresunds Idræt',
    organisationType: 'ASSOCIATION',
    fieldOfWorkIds: [fieldId.idraet],
    localAreaId: areaId.sorgenfri,
    description: 'Idræt ved vandet.',
  });
  await anAssociation(p, {
    name: 'Zebra Klubben',
    organisationType: 'NETWORK',
    fieldOfWorkIds: [fieldId.idraet],
    localAreaId: areaId.virum,
    description: 'Stribet idræt.',
  });
  // Never listed:
  await anAssociation(p, { name: 'Virum Ventende', status: 'PENDING', fieldOfWorkIds: [fieldId.idraet], localAreaId: areaId.virum });
  await anAssociation(p, { name: 'Virum Afvist', status: 'REJECTED', fieldOfWorkIds: [fieldId.idraet], localAreaId: areaId.virum });
  await anAssociation(p, { name: 'Virum Arkiveret', status: 'ARCHIVED', fieldOfWorkIds: [fieldId.idraet], localAreaId: areaId.virum });
});
afterAll(() => ctx.close());

describe('the association directory', () => {
  it('lists approved associations only, in Danish alphabetical order (… Z, Æ, Ø, Å)', async () => {
    const page = await supertest(ctx.app).get('/foreninger').expect(200);
    expect(names(page.text)).toEqual([
      'Sorgenfri Svømning',
      'Virum Fodbold',
      'Virum Kor',
      'Zebra Klubben',
      'Ældresagen Taarbæk',
      'Øresunds Idræt',
      'Åens Venner',
    ]);
    expect(page.text).toContain('7 foreninger');
    expect(page.text).not.toMatch(/Ventende|Afvist|Arkiveret/);
  });

  it('combines filters (OR within one, AND across) and counts each value against the other filters', async () => {
    const page = await supertest(ctx.app).get('/foreninger?fagomraade=idraet&omraade=virum&omraade=sorgenfri').expect(200);
    expect(names(page.text)).toEqual(
      ['Sorgenfri Svømning', 'Virum Fodbold', 'Øresunds Idræt', 'Zebra Klubben'].sort((a, b) => a.localeCompare(b, 'da')),
    );
    // Field-of-work counts: within Virum or Sorgenfri, whatever the field.
    expect(facetCount(page.text, 'fagomraade', 'idraet')).toBe(4);
    expect(facetCount(page.text, 'fagomraade', 'kultur')).toBe(1);
    // A value that would show none is left out (#10).
    expect(facetCount(page.text, 'fagomraade', 'socialt-arbejde')).toBeUndefined();
    expect(page.text).not.toContain('value="socialt-arbejde"');
    // Area counts: with sport, whatever the area.
    expect(facetCount(page.text, 'omraade', 'virum')).toBe(2);
    expect(facetCount(page.text, 'omraade', 'sorgenfri')).toBe(2);
    expect(facetCount(page.text, 'omraade', 'taarbaek')).toBeUndefined();
    // Type counts: both filters apply.
    expect(facetCount(page.text, 'type', 'ASSOCIATION')).toBe(3);
    expect(facetCount(page.text, 'type', 'NETWORK')).toBe(1);
    // Chosen filters are ticked and can be removed one by one.
    expect(page.text).toMatch(/name="fagomraade" value="idraet" checked/);
    expect(page.text).toContain('href="/foreninger?fagomraade=idraet&amp;omraade=sorgenfri"');

    const narrowed = await supertest(ctx.app).get('/foreninger?fagomraade=idraet&omraade=virum&omraade=sorgenfri&type=NETWORK').expect(200);
    expect(names(narrowed.text)).toEqual(['Zebra Klubben']);

    // A chosen value with nothing stays, ticked, so it can be unticked.
    const nothing = await supertest(ctx.app).get('/foreninger?fagomraade=idraet&omraade=taarbaek').expect(200);
    expect(names(nothing.text)).toEqual([]);
    expect(nothing.text).toMatch(/name="fagomraade" value="idraet" checked/);
    expect(facetCount(nothing.text, 'omraade', 'taarbaek')).toBe(0);
  });

  it('searches name and description as plain text, wildcards and SQL included', async () => {
    expect(names((await supertest(ctx.app).get('/foreninger?q=fodbold').expect(200)).text)).toEqual(['Virum Fodbold']);
    expect(names((await supertest(ctx.app).get('/foreninger?q=SVØMNING').expect(200)).text)).toEqual(['Sorgenfri Svømning']);
    expect(
      names(
        (
          await supertest(ctx.app)
            .get(`/foreninger?q=${encodeURIComponent('100%')}`)
            .expect(200)
        ).text,
      ),
    ).toEqual(['Virum Kor']);
    expect(names((await supertest(ctx.app).get('/foreninger?q=%25').expect(200)).text)).toEqual(['Virum Kor']);
    const injection = await supertest(ctx.app)
      .get(`/foreninger?q=${encodeURIComponent("' OR 1=1--")}`)
      .expect(200);
    expect(names(injection.text)).toEqual([]);
  });

  it('says what to try when nothing matches', async () => {
    const page = await supertest(ctx.app).get('/foreninger?q=xyzzy&type=CHURCH').expect(200);
    expect(page.text).toContain('Ingen foreninger passer på din søgning');
    expect(page.text).toContain('bruge færre eller andre ord');
    expect(page.text).toContain('fjerne nogle af filtrene');
    expect(page.text).toContain('href="/opgaver?q=xyzzy"');
  });

  it('ignores unknown filter values and bad page numbers, and refuses repeated scalar parameters', async () => {
    // What cannot be read leaves the address (#10); an unknown field of work stays there, ignored.
    await supertest(ctx.app).get('/foreninger?type=MARTIAN&side=abc').expect(302).expect('location', '/foreninger');
    const page = await supertest(ctx.app).get('/foreninger?fagomraade=findes-ikke&type=MARTIAN&side=abc').redirects(1).expect(200);
    expect(names(page.text)).toHaveLength(7);
    expect(names((await supertest(ctx.app).get('/foreninger?type=MARTIAN').redirects(1).expect(200)).text)).toHaveLength(7);
    await supertest(ctx.app).get('/foreninger?q=a&q=b').expect(400);
  });

  it('sends a form sent with empty fields to the minimal address (#10)', async () => {
    await supertest(ctx.app).get('/foreninger?q=').expect(302).expect('location', '/foreninger');
    await supertest(ctx.app).get('/foreninger?q=&omraade=virum').expect(302).expect('location', '/foreninger?omraade=virum');
    await supertest(ctx.app).get('/foreninger?q=+kor+&side=1').expect(302).expect('location', '/foreninger?q=kor');
    await supertest(ctx.app)
      .get('/foreninger?type=NETWORK&fagomraade=idraet')
      .expect(302)
      .expect('location', '/foreninger?fagomraade=idraet&type=NETWORK');
    await supertest(ctx.app).get('/foreninger?q=kor').expect(200);
    const html = (await supertest(ctx.app).get('/foreninger').expect(200)).text;
    expect(html).toContain('<form method="get" action="/foreninger" class="directory-form" data-minimal-url>');
  });

  it('pages by 20, keeping the filters in every link', async () => {
    for (let i = 1; i <= 23; i++) {
      await anAssociation(ctx.db.prisma, { name: `Kultur ${String(i).padStart(2, '0')}`, fieldOfWorkIds: [ref.fieldId.kultur] });
    }
    const first = await supertest(ctx.app).get('/foreninger?fagomraade=kultur').expect(200);
    expect(names(first.text)).toHaveLength(20);
    expect(first.text).toContain('href="/foreninger?fagomraade=kultur&amp;side=2"');
    const second = await supertest(ctx.app).get('/foreninger?fagomraade=kultur&side=2').expect(200);
    // 25 in Danish order: "Kultur 01"…"Kultur 23", then Virum Kor and Åens Venner.
    expect(names(second.text)).toEqual(['Kultur 21', 'Kultur 22', 'Kultur 23', 'Virum Kor', 'Åens Venner']);
    expect(second.text).toContain('aria-current="page"');
    expect(second.text).toContain('<title>Foreninger: 25 resultater, side 2 af 2');
    // Past the last page: the last page.
    const beyond = await supertest(ctx.app).get('/foreninger?fagomraade=kultur&side=99').expect(200);
    expect(names(beyond.text)).toEqual(names(second.text));
    await ctx.db.prisma.association.deleteMany({ where: { name: { startsWith: 'Kultur ' } } });
  });

  it('renders in English', async () => {
    const page = await supertest(ctx.app).get('/foreninger?fagomraade=kultur').set('Cookie', 'lang=en').expect(200);
    expect(page.text).toContain('<html lang="en"');
    expect(page.text).toContain('Associations and communities');
    expect(page.text).toContain('Field of work');
    expect(page.text).toContain('Culture');
    expect(page.text).toContain('2 associations');
    expect(page.text).toContain('Self-organised group');
  });
});

describe('the association profile page', () => {
  it('shows the profile, its open openings and coming activities, and the calendar link', async () => {
    const association = await anAssociation(ctx.db.prisma, {
      name: 'Profilforeningen',
      slug: 'profilforeningen',
      fieldOfWorkIds: [ref.fieldId.kultur],
      localAreaId: ref.areaId.taarbaek,
      websiteUrl: 'https://profil.example.org/om',
      description: 'Vi laver <b>kultur</b>.',
    });
    const open = await anOpening(ctx.db.prisma, association.id, { title: 'Åben opgave', deadline: new Date('2026-12-31') });
    await anOpening(ctx.db.prisma, association.id, { title: 'Udløbet opgave', deadline: new Date('2026-11-01') });
    await anOpening(ctx.db.prisma, association.id, { title: 'Kladdeopgave', status: 'DRAFT' });
    const now = ctx.clock.now();
    await ctx.db.prisma.activity.createMany({
      data: [
        {
          associationId: association.id,
          title: 'Koncert i kirken',
          place: 'Taarbæk Kirke',
          startsAt: new Date('2026-12-05T15:00:00Z'),
          endsAt: new Date('2026-12-05T17:00:00Z'),
          accessibilityNotes: 'Trinfri adgang',
        },
        {
          associationId: association.id,
          title: 'Ugentlig øvning',
          place: 'Medborgerhuset',
          recurrence: 'WEEKLY',
          startsAt: new Date('2026-09-01T16:00:00Z'),
          endsAt: new Date('2026-09-01T18:00:00Z'),
          repeatUntil: new Date('2027-06-01'),
        },
        { associationId: association.id, title: 'Forbi aktivitet', place: 'Et sted', startsAt: new Date(now.getTime() - 86_400_000) },
        {
          associationId: association.id,
          title: 'Afsluttet ugentlig',
          place: 'Et sted',
          recurrence: 'WEEKLY',
          startsAt: new Date('2026-01-01T10:00:00Z'),
          repeatUntil: new Date('2026-06-01'),
        },
        {
          associationId: association.id,
          title: 'Skjult aktivitet',
          place: 'Et sted',
          startsAt: new Date('2026-12-06T10:00:00Z'),
          published: false,
        },
      ],
    });

    const page = await supertest(ctx.app).get('/foreninger/profilforeningen').expect(200);
    const html = page.text;
    expect(html).toContain('<h1>Profilforeningen</h1>');
    expect(html).toContain('<title>Profilforeningen');
    expect(html).toContain('Vi laver &lt;b&gt;kultur&lt;/b&gt;.');
    expect(html).toContain('Taarbæk');
    expect(html).toContain('Kultur');
    expect(html).toMatch(/<a href="https:\/\/profil\.example\.org\/om" rel="noopener noreferrer external"[^>]*>profil\.example\.org/);
    expect(html).toContain('(link til en anden hjemmeside)');
    expect(html).toContain(`href="/opgaver/${open.id}"`);
    expect(html).not.toContain('Udløbet opgave');
    expect(html).not.toContain('Kladdeopgave');
    expect(html).toContain('Koncert i kirken');
    expect(html).toContain('lørdag den 5. december 2026, kl. 16.00–18.00');
    expect(html).toContain('Trinfri adgang');
    expect(html).toContain('Ugentlig øvning');
    expect(html).toContain('Hver tirsdag kl. 18.00–20.00 til og med 1. juni 2027');
    expect(html).not.toContain('Forbi aktivitet');
    expect(html).not.toContain('Afsluttet ugentlig');
    expect(html).not.toContain('Skjult aktivitet');
    expect(html).toContain('href="/foreninger/profilforeningen/kalender.ics"');
  });

  it('is not found for pending, rejected, archived and unknown associations', async () => {
    for (const status of ['PENDING', 'REJECTED', 'ARCHIVED'] as const) {
      const association = await anAssociation(ctx.db.prisma, { name: `Skjult ${status}`, status });
      await supertest(ctx.app).get(`/foreninger/${association.slug}`).expect(404);
    }
    await supertest(ctx.app).get('/foreninger/findes-ikke').expect(404);
    await supertest(ctx.app).get('/foreninger/%C3%A6bler').expect(404);
  });
});
