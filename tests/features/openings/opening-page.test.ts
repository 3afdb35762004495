// The public opening page: everything a volunteer needs, in Danish and English; only
// public openings for the public; previews for the owning association and admins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { logIn } from '../../helpers/http.js';
import { aUser, anAssociation, anOpening, TEST_PASSWORD } from '../../helpers/factories/index.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('GET /opgaver/:id', () => {
  it('shows everything a volunteer needs to decide, and the interest form', async () => {
    const association = await anAssociation(ctx.db.prisma, { name: 'IF Testlimone' });
    const opening = await anOpening(ctx.db.prisma, association.id, { detailed: true });
    const page = await supertest(ctx.app).get(`/opgaver/${opening.id}`).expect(200);
    const html = page.text;
    expect(html).toContain('<title>Lektiehjælper til unge – ');
    expect(html).toContain(`href="/foreninger/${association.slug}"`);
    for (const text of [
      'Hjælp unge med lektierne om tirsdagen.',
      'Vi holder lektiecafé hver tirsdag.',
      '<li>Hjælpe med matematik</li>',
      'Fast frivillig i en forening',
      'Hver uge<br><span>2 timer om ugen</span>',
      'Klubhuset',
      'Testrup',
      'Unge',
      'Socialt',
      'Du er tålmodig.',
      'Opgaven kræver børneattest.',
      'Kriminalregistret',
      '1. december 2026 til 30. juni 2027',
      '15. december 2026',
      'Kontakt Eksempel',
      'mailto:kontakt@example.org',
      'tel:+4500000001',
      'href="/opgaver"',
      'Jeg vil gerne hjælpe',
      'Lad dette felt være tomt',
      '12 måneder',
    ]) {
      expect(html, text).toContain(text);
    }
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    // The form: CSRF, one-time key, honeypot out of the tab order.
    expect(html).toMatch(/name="_csrf" value="[^"]+"/);
    expect(html).toMatch(/name="submissionKey" value="[A-Za-z0-9_-]{22}"/);
    expect(html).toMatch(/name="website" value="" autocomplete="off" tabindex="-1"/);
  });

  it('names the local area under the place only when the place does not already (#10)', async () => {
    const association = await anAssociation(ctx.db.prisma);
    const opening = await anOpening(ctx.db.prisma, association.id, { detailed: true });
    const placeOf = async () => {
      const html = (await supertest(ctx.app).get(`/opgaver/${opening.id}`).expect(200)).text;
      const start = html.indexOf('Klubhuset');
      return html.slice(start, html.indexOf('</dd>', start));
    };
    expect(await placeOf()).toBe('Klubhuset</span><br>Testrup');
    await ctx.db.prisma.opening.update({ where: { id: opening.id }, data: { place: 'Klubhuset, testrup' } });
    expect(await placeOf()).toBe('Klubhuset, testrup</span>');
  });

  it('explains in plain words when no børneattest is needed', async () => {
    const association = await anAssociation(ctx.db.prisma);
    const opening = await anOpening(ctx.db.prisma, association.id, { detailed: true, childCertificateRequired: false, contactPhone: null });
    const page = await supertest(ctx.app).get(`/opgaver/${opening.id}`).expect(200);
    expect(page.text).toContain('Opgaven kræver ikke børneattest.');
    expect(page.text).not.toContain('tel:');
  });

  it('renders in English', async () => {
    const association = await anAssociation(ctx.db.prisma);
    const opening = await anOpening(ctx.db.prisma, association.id, { detailed: true });
    const page = await supertest(ctx.app).get(`/opgaver/${opening.id}`).set('Cookie', 'lang=en').expect(200);
    expect(page.text).toContain('<html lang="en"');
    for (const text of [
      "I'd like to help",
      'What you will do',
      'child protection certificate',
      'Young people',
      '1 December 2026 to 30 June 2027',
      'Every week',
    ]) {
      expect(page.text, text).toContain(text.replaceAll("'", '&#39;'));
    }
  });

  it('marks what the association typed as Danish on an English page, and only that (#10)', async () => {
    const association = await anAssociation(ctx.db.prisma, { name: 'Lektiecaféen' });
    const opening = await anOpening(ctx.db.prisma, association.id, { detailed: true });
    const english = (await supertest(ctx.app).get(`/opgaver/${opening.id}`).set('Cookie', 'lang=en').expect(200)).text;
    for (const marked of [
      '<h1 class="mb-3" lang="da">Lektiehjælper til unge</h1>',
      ' lang="da">Lektiecaféen</a>',
      '<p class="font-lead" lang="da">Hjælp unge med lektierne om tirsdagen.</p>',
      '<p class="mb-2" lang="da">Kontakt Eksempel</p>',
      // The last step of the breadcrumb trail is the opening's title.
      '<span lang="da">Lektiehjælper til unge</span></li>',
      '<span lang="da">Klubhuset</span>',
      // The commitment is ours (English), the time text theirs: one element each.
      'Every week<br><span lang="da">2 timer om ugen</span>',
    ]) {
      expect(english, marked).toContain(marked);
    }
    expect(english).toMatch(/<div lang="da">\s*<p>Vi holder lektiecafé hver tirsdag.<\/p>/);
    expect(english).toMatch(/<ul lang="da">\s*<li>Hjælpe med matematik<\/li>/);
    expect(english).toMatch(/<div lang="da">\s*<p>Du er tålmodig.<\/p>/);
    expect(english).not.toContain('Every week –');
    // On a Danish page the whole page is Danish: no attribute needed.
    const danish = (await supertest(ctx.app).get(`/opgaver/${opening.id}`).expect(200)).text;
    expect(danish).not.toContain('lang="da">');
  });

  it('gives 404 to the public for drafts, closed, expired and pending associations’ openings', async () => {
    const approved = await anAssociation(ctx.db.prisma);
    const pending = await anAssociation(ctx.db.prisma, { status: 'PENDING' });
    const hidden = [
      await anOpening(ctx.db.prisma, approved.id, { status: 'DRAFT' }),
      await anOpening(ctx.db.prisma, approved.id, { status: 'CLOSED' }),
      await anOpening(ctx.db.prisma, approved.id, { deadline: new Date('2026-11-21T00:00:00Z') }),
      await anOpening(ctx.db.prisma, pending.id),
    ];
    for (const opening of hidden) {
      const page = await supertest(ctx.app).get(`/opgaver/${opening.id}`).expect(404);
      expect(page.text).toContain('Siden findes ikke');
    }
    // The deadline day itself still counts.
    const lastDay = await anOpening(ctx.db.prisma, approved.id, { deadline: new Date('2026-11-22T00:00:00Z') });
    await supertest(ctx.app).get(`/opgaver/${lastDay.id}`).expect(200);
  });

  it('answers 404 (never 500) for ids that are not openings', async () => {
    for (const path of ['/opgaver/999999', '/opgaver/abc', '/opgaver/0', '/opgaver/1e3', '/opgaver/99999999999999', '/opgaver/-1']) {
      await supertest(ctx.app).get(path).expect(404);
    }
  });

  it('lets the owning association and admins preview a draft, with a clear banner; others get 404', async () => {
    const association = await anAssociation(ctx.db.prisma, { status: 'PENDING' });
    const draft = await anOpening(ctx.db.prisma, association.id, { detailed: true, status: 'DRAFT' });
    const member = await aUser(ctx.db.prisma, { associationId: association.id });
    const memberAgent = await logIn(ctx.app, member.email, TEST_PASSWORD);
    const preview = await memberAgent.get(`/opgaver/${draft.id}`).expect(200);
    expect(preview.text).toContain('Opgaven er ikke offentlig');
    expect(preview.text).toContain('den er en kladde');
    expect(preview.text).toContain('foreningen er endnu ikke godkendt');
    expect(preview.text).not.toContain('name="submissionKey"');
    expect(preview.headers['cache-control']).toBe('no-store');

    const admin = await aUser(ctx.db.prisma, { role: 'ADMIN' });
    const adminAgent = await logIn(ctx.app, admin.email, TEST_PASSWORD);
    await adminAgent.get(`/opgaver/${draft.id}`).expect(200);

    const other = await anAssociation(ctx.db.prisma);
    const outsider = await aUser(ctx.db.prisma, { associationId: other.id });
    const outsiderAgent = await logIn(ctx.app, outsider.email, TEST_PASSWORD);
    await outsiderAgent.get(`/opgaver/${draft.id}`).expect(404);
    const staff = await aUser(ctx.db.prisma, { role: 'STAFF' });
    const staffAgent = await logIn(ctx.app, staff.email, TEST_PASSWORD);
    await staffAgent.get(`/opgaver/${draft.id}`).expect(404);
  });

  it('escapes text the association typed', async () => {
    const association = await anAssociation(ctx.db.prisma);
    const opening = await anOpening(ctx.db.prisma, association.id, { title: '<script>alert(1)</script>"><img src=x onerror=alert(1)>' });
    const page = await supertest(ctx.app).get(`/opgaver/${opening.id}`).expect(200);
    expect(page.text).not.toContain('<script>alert(1)</script>');
    expect(page.text).not.toContain('<img src=x');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
