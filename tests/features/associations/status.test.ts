// Staff suspend, archive and reinstate an approved association: the transitions and
// their refusals, the e-mails and audit rows, the members' notice, and that the
// association and everything of it disappears from the public pages while it is not
// approved — and comes back when it is reinstated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { dateFormatter } from '../../../src/middleware/locale.js';
import { logIn, type Agent, expectStatus, postForm } from '../../helpers/http.js';
import {
  aPlan,
  aUser,
  anAction,
  anActivity,
  anAgreementInForce,
  anAssociation,
  anOpening,
  TEST_PASSWORD,
} from '../../helpers/factories/index.js';

let ctx: TestContext;
let staff: Agent;
let staffUserId: number;
beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.db.prisma.municipalitySettings.create({
    data: { name: 'Testkommune', contactEmail: 'frivillig@kommune.example.org' },
  });
  const staffUser = await aUser(ctx.db.prisma, { role: 'STAFF' });
  staffUserId = staffUser.id;
  staff = await logIn(ctx.app, staffUser.email, TEST_PASSWORD);
});
afterAll(() => ctx.close());

const page = (id: number) => `/medarbejder/foreninger/${id}`;
const post = (id: number, action: 'suspender' | 'arkiver' | 'genaktiver', form: Record<string, string>) =>
  postForm(staff, page(id), `${page(id)}/${action}`, form);

async function withMember(name: string, email: string, status: 'APPROVED' | 'PENDING' | 'SUSPENDED' = 'APPROVED') {
  const association = await anAssociation(ctx.db.prisma, { name, status });
  await aUser(ctx.db.prisma, { email, associationId: association.id });
  return association;
}

const danishDate = dateFormatter('da');
const row = (id: number) => ctx.db.prisma.association.findUniqueOrThrow({ where: { id } });
const mailTo = async (to: string) => (await ctx.readMail()).filter((m) => m.to === to);

describe('suspending, archiving and reinstating an association', () => {
  it('suspends with a reason: status, reason, date, version, audit row and an e-mail to each member', async () => {
    const association = await withMember('Suspensionsklubben', 'susp-a@example.org');
    await aUser(ctx.db.prisma, { email: 'susp-b@example.org', associationId: association.id });
    const before = await staff.get(page(association.id)).expect(200);
    expect(before.text).toContain(`action="${page(association.id)}/suspender"`);
    expect(before.text).toContain(`action="${page(association.id)}/arkiver"`);
    expect(before.text).not.toContain(`action="${page(association.id)}/genaktiver"`);
    expect(before.text).toContain('frivilligopgaver og aktiviteter forsvinder fra portalen');

    const reason = 'Vi undersøger en klage over foreningen. Kontakt os gerne.';
    const done = await post(association.id, 'suspender', { version: '1', suspendReason: reason }).then(expectStatus(303));
    expect(done.headers.location).toBe(page(association.id));

    const suspended = await row(association.id);
    expect(suspended.status).toBe('SUSPENDED');
    expect(suspended.statusReason).toBe(reason);
    expect(suspended.statusChangedAt).toEqual(ctx.clock.now());
    expect(suspended.version).toBe(2);

    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({
      where: { action: 'association.suspended', targetId: String(association.id) },
    });
    expect(audit.actorUserId).toBe(staffUserId);
    expect(audit.targetType).toBe('association');
    expect(audit.details).toEqual({ reason, before: { status: 'APPROVED' }, after: { status: 'SUSPENDED' } });

    for (const to of ['susp-a@example.org', 'susp-b@example.org']) {
      const [mail] = await mailTo(to);
      expect(mail?.subject).toBe('Suspensionsklubben er suspenderet');
      expect(mail?.text).toContain(reason);
      expect(mail?.text).toContain('frivillig@kommune.example.org');
      expect(mail?.text).toContain(`/min-forening/${association.id}/opgaver`);
    }

    const after = await staff.get(page(association.id)).expect(200);
    // A status change said as such, not as the registration's decision (review #13).
    expect(after.text).toContain(`Foreningen har været suspenderet siden ${danishDate(ctx.clock.now())}.`);
    expect(after.text).not.toContain('allerede afgjort');
    expect(after.text).toContain(reason);
    expect(after.text).toContain(`action="${page(association.id)}/genaktiver"`);
    expect(after.text).toContain(`action="${page(association.id)}/arkiver"`);
    expect(after.text).not.toContain(`action="${page(association.id)}/suspender"`);

    // The list has a section of all suspended and archived ones, with their status.
    const list = await staff.get('/medarbejder/foreninger').expect(200);
    const inactive = list.text.slice(list.text.indexOf('id="inactive-heading"'));
    const listRow = inactive.slice(inactive.indexOf('Suspensionsklubben'));
    expect(listRow.slice(0, listRow.indexOf('</tr>'))).toContain('suspenderet');
  });

  it('archives an approved or suspended association, and reinstates it with an optional note', async () => {
    const association = await withMember('Arkivforeningen', 'arkiv@example.org');
    await post(association.id, 'arkiver', { version: '1', archiveReason: 'Foreningen er nedlagt.' }).then(expectStatus(303));
    const archived = await row(association.id);
    expect(archived.status).toBe('ARCHIVED');
    expect(archived.statusReason).toBe('Foreningen er nedlagt.');
    const [archivedMail] = await mailTo('arkiv@example.org');
    expect(archivedMail?.subject).toBe('Arkivforeningen er arkiveret');
    expect(archivedMail?.text).toContain('Foreningen er nedlagt.');

    ctx.clock.advance(60 * 60 * 1000);
    await post(association.id, 'genaktiver', { version: '2', reinstateNote: 'Velkommen tilbage.' }).then(expectStatus(303));
    const reinstated = await row(association.id);
    expect(reinstated.status).toBe('APPROVED');
    expect(reinstated.statusReason).toBeNull();
    expect(reinstated.statusChangedAt).toEqual(ctx.clock.now());
    expect(reinstated.approvedAt).toEqual(archived.approvedAt);
    const reinstatedMail = (await mailTo('arkiv@example.org')).find((m) => m.subject === 'Arkivforeningen er genaktiveret');
    expect(reinstatedMail?.text).toContain('Velkommen tilbage.');
    expect(reinstatedMail?.text).toContain(`/foreninger/${association.slug}`);
    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({
      where: { action: 'association.reinstated', targetId: String(association.id) },
    });
    expect(audit.details).toEqual({ note: 'Velkommen tilbage.', before: { status: 'ARCHIVED' }, after: { status: 'APPROVED' } });

    // A suspended one can be archived straight away (the suspension became permanent).
    const other = await withMember('Suspenderet først', 'foerst@example.org', 'SUSPENDED');
    await post(other.id, 'arkiver', { version: '1', archiveReason: 'Permanent.' }).then(expectStatus(303));
    expect((await row(other.id)).status).toBe('ARCHIVED');
    // Reinstating without a note: the e-mail has no empty message section.
    await post(other.id, 'genaktiver', { version: '2', reinstateNote: '   ' }).then(expectStatus(303));
    const plain = (await mailTo('foerst@example.org')).find((m) => m.subject === 'Suspenderet først er genaktiveret');
    expect(plain?.text).not.toContain('Besked fra kommunen');
    const plainAudit = await ctx.db.prisma.auditLog.findFirstOrThrow({
      where: { action: 'association.reinstated', targetId: String(other.id) },
    });
    expect(plainAudit.details).toEqual({ before: { status: 'ARCHIVED' }, after: { status: 'APPROVED' } });
  });

  it('refuses an empty or too long reason with 422, keeping the form and changing nothing', async () => {
    const association = await withMember('Grundløs', 'grundloes@example.org');
    const empty = await post(association.id, 'suspender', { version: '1', suspendReason: '  ' }).then(expectStatus(422));
    expect(empty.text).toContain('Skriv en begrundelse for suspensionen');
    expect(empty.text).toContain('href="#suspendReason"');
    const emptyArchive = await post(association.id, 'arkiver', { version: '1' }).then(expectStatus(422));
    expect(emptyArchive.text).toContain('Skriv en begrundelse for arkiveringen');
    const long = await post(association.id, 'suspender', { version: '1', suspendReason: 'x'.repeat(1001) }).then(expectStatus(422));
    expect(long.text).toContain('x'.repeat(1001));
    expect(long.text).toContain('maxlength="1000"');
    expect((await row(association.id)).status).toBe('APPROVED');
    expect(await ctx.db.prisma.auditLog.count({ where: { targetId: String(association.id), targetType: 'association' } })).toBe(0);
  });

  it('refuses a change that does not fit the status with a clear message, not an error', async () => {
    const pending = await withMember('Ventende', 'ventende@example.org', 'PENDING');
    const refused = await post(pending.id, 'suspender', { version: '1', suspendReason: 'Test' }).then(expectStatus(409));
    expect(refused.text).toContain('Kun en godkendt forening kan suspenderes. Foreningen er nu: afventer godkendelse. Intet er ændret.');
    expect(refused.text).not.toContain(`action="${page(pending.id)}/suspender"`);
    await post(pending.id, 'arkiver', { version: '1', archiveReason: 'Test' }).then(expectStatus(409));
    const approved = await withMember('Allerede godkendt', 'godkendt@example.org');
    const reinstate = await post(approved.id, 'genaktiver', { version: '1' }).then(expectStatus(409));
    expect(reinstate.text).toContain('Kun en suspenderet eller arkiveret forening kan genaktiveres.');
    expect((await row(pending.id)).status).toBe('PENDING');
    expect((await row(approved.id)).version).toBe(1);
    expect(await mailTo('ventende@example.org')).toEqual([]);
  });

  it('gives a stale form the conflict alert (409) and keeps what the colleague decided', async () => {
    const association = await withMember('Dobbeltsuspenderet', 'dobbelt-s@example.org');
    await post(association.id, 'suspender', { version: '1', suspendReason: 'Først' }).then(expectStatus(303));
    const stale = await post(association.id, 'arkiver', { version: '1', archiveReason: 'For sent' }).then(expectStatus(409));
    expect(stale.text).toContain('En anden har ændret foreningen eller truffet en afgørelse');
    const current = await row(association.id);
    expect(current.status).toBe('SUSPENDED');
    expect(current.statusReason).toBe('Først');
  });

  it('answers 404 for an unknown or malformed id', async () => {
    await post(999999, 'suspender', { version: '1', suspendReason: 'x' }).then(expectStatus(404));
    await postForm(staff, '/medarbejder/foreninger', '/medarbejder/foreninger/abc/suspender', { version: '1', suspendReason: 'x' }).then(
      expectStatus(404),
    );
  });

  it('lets only staff change the status', async () => {
    const association = await withMember('Beskyttet', 'beskyttet@example.org');
    const member = await logIn(ctx.app, 'beskyttet@example.org', TEST_PASSWORD);
    await postForm(member, `/min-forening/${association.id}/profil`, `${page(association.id)}/suspender`, {
      version: '1',
      suspendReason: 'Selvsuspension',
    }).then(expectStatus(403));
    expect((await row(association.id)).status).toBe('APPROVED');
  });
});

describe('the staff pages after reinstating (review #13)', () => {
  it('keep the approval day as the decision and name the reinstatement separately', async () => {
    const association = await withMember('Genaktiveringsklubben', 'genakt@example.org');
    const approvedAt = new Date('2025-10-03T10:00:00Z');
    await ctx.db.prisma.association.update({ where: { id: association.id }, data: { approvedAt } });
    await post(association.id, 'suspender', { version: '1', suspendReason: 'Midlertidigt.' }).then(expectStatus(303));
    await post(association.id, 'genaktiver', { version: '2' }).then(expectStatus(303));

    const detail = (await staff.get(page(association.id)).expect(200)).text;
    expect(detail).toContain(`Godkendt: ${danishDate(approvedAt)}`);
    expect(detail).toContain(`Genaktiveret: ${danishDate(ctx.clock.now())}`);
    const list = (await staff.get('/medarbejder/foreninger').expect(200)).text;
    const decided = list.slice(list.indexOf('id="decided-heading"'), list.indexOf('id="inactive-heading"'));
    const listRow = decided.slice(decided.indexOf('Genaktiveringsklubben'));
    expect(listRow.slice(0, listRow.indexOf('</tr>'))).toContain(danishDate(approvedAt));
  });
});

describe('the members while suspended or archived', () => {
  it('shows the status, the reason and whom to contact on their pages; they can still edit', async () => {
    const association = await withMember('Noteforeningen', 'note@example.org');
    const member = await logIn(ctx.app, 'note@example.org', TEST_PASSWORD);
    const normal = await member.get(`/min-forening/${association.id}/opgaver`).expect(200);
    expect(normal.text).not.toContain('association-status-heading');

    await post(association.id, 'suspender', { version: '1', suspendReason: 'Vi mangler jeres vedtægter.' }).then(expectStatus(303));
    for (const path of ['opgaver', 'profil', 'medlemmer', 'aktiviteter']) {
      const html = (await member.get(`/min-forening/${association.id}/${path}`).expect(200)).text;
      expect(html).toContain('Kommunen har suspenderet jeres forening');
      expect(html).toContain('Vi mangler jeres vedtægter.');
      expect(html).toContain('href="mailto:frivillig@kommune.example.org"');
      expect(html).toContain('kan ikke offentliggøre nye opgaver');
    }
    const english = await member.get(`/min-forening/${association.id}/opgaver`).set('Cookie', 'lang=en').expect(200);
    expect(english.text).toContain('The municipality has suspended your association');
    expect(english.text).toContain('<p class="alert-text preserve-lines" lang="da">Vi mangler jeres vedtægter.</p>');

    // Drafts can still be written; publishing is refused until reinstated.
    const draft = await anOpening(ctx.db.prisma, association.id, { title: 'Kladde under suspension', status: 'DRAFT' });
    const edit = await member.get(`/min-forening/${association.id}/opgaver/${draft.id}/rediger`).expect(200);
    expect(edit.text).toContain('Kladde under suspension');
    // Said once, by the notice at the top; no second box saying the same (review #13).
    expect(edit.text).not.toContain('Jeres forening er suspenderet, så I kan ikke offentliggøre opgaver');
    expect(edit.text.split('kan ikke offentliggøre').length - 1).toBe(1);
    const list = (await member.get(`/min-forening/${association.id}/opgaver`).expect(200)).text;
    expect(list).not.toContain('Jeres forening er suspenderet, så I kan ikke offentliggøre opgaver');
    expect(list.split('kan ikke offentliggøre').length - 1).toBe(1);
    const activities = (await member.get(`/min-forening/${association.id}/aktiviteter`).expect(200)).text;
    expect(activities).not.toContain('afventer kommunens godkendelse');

    // Min side says it too, with the reason (review #13).
    const myPage = (await member.get('/min-side').expect(200)).text;
    expect(myPage).toContain('Kommunen har suspenderet jeres forening');
    expect(myPage).toContain('Vi mangler jeres vedtægter.');
    expect(edit.text).not.toContain('value="offentliggoer"');
    const publish = await postForm(
      member,
      `/min-forening/${association.id}/opgaver`,
      `/min-forening/${association.id}/opgaver/${draft.id}/offentliggoer`,
      { version: '1' },
    ).then(expectStatus(422));
    expect(publish.text).toContain('før kommunen har godkendt jeres forening');
    expect((await ctx.db.prisma.opening.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe('DRAFT');

    await post(association.id, 'genaktiver', { version: '2' }).then(expectStatus(303));
    const back = await member.get(`/min-forening/${association.id}/opgaver`).expect(200);
    expect(back.text).not.toContain('association-status-heading');
    expect((await member.get('/min-side').expect(200)).text).not.toContain('Kommunen har suspenderet jeres forening');
  });
});

describe('what the public sees of a suspended or archived association', () => {
  it('hides its profile, openings, activities, feeds and links while suspended and shows them again when reinstated', async () => {
    const prisma = ctx.db.prisma;
    const association = await withMember('Skjulteklubben', 'skjult@example.org');
    const opening = await anOpening(prisma, association.id, { title: 'SYNLIG-OPGAVE-SKJULT' });
    await anActivity(prisma, association.id, { title: 'SYNLIG-AKTIVITET-SKJULT', startsAt: new Date('2026-11-25T17:00:00Z') });
    const agreement = await anAgreementInForce(prisma, { title: 'Skjult aftale', associationIds: [association.id] });
    const plan = await aPlan(prisma, { slug: 'skjult-plan' });
    await anAction(prisma, plan.id, { year: 2017, title: 'Skjult handling', associationIds: [association.id] });

    const anonymous = supertest(ctx.app);
    const profileLink = `href="/foreninger/${association.slug}"`;
    const checks = async (visible: boolean) => {
      const seen = (text: string, needle: string) => expect([needle, text.includes(needle)]).toEqual([needle, visible]);
      // The search form repeats the query, so look for the result's link.
      seen((await anonymous.get('/opgaver?q=SYNLIG-OPGAVE-SKJULT').expect(200)).text, `href="/opgaver/${opening.id}"`);
      await anonymous.get(`/opgaver/${opening.id}`).expect(visible ? 200 : 404);
      seen((await anonymous.get('/feed/opgaver.rss').expect(200)).text, 'SYNLIG-OPGAVE-SKJULT');
      seen((await anonymous.get('/feed/opgaver.atom').expect(200)).text, 'SYNLIG-OPGAVE-SKJULT');
      seen((await anonymous.get('/kalender?fra=2026-11-23').expect(200)).text, 'SYNLIG-AKTIVITET-SKJULT');
      seen((await anonymous.get('/kalender.ics').expect(200)).text, 'SYNLIG-AKTIVITET-SKJULT');
      await anonymous.get(`/foreninger/${association.slug}/kalender.ics`).expect(visible ? 200 : 404);
      seen((await anonymous.get('/foreninger').expect(200)).text, 'Skjulteklubben');
      await anonymous.get(`/foreninger/${association.slug}`).expect(visible ? 200 : 404);
      seen((await anonymous.get(`/samarbejder/${agreement.id}`).expect(200)).text, profileLink);
      seen((await anonymous.get(`/handleplaner/${plan.slug}`).expect(200)).text, profileLink);
    };

    await checks(true);
    await post(association.id, 'suspender', { version: '1', suspendReason: 'Midlertidigt skjult.' }).then(expectStatus(303));
    await checks(false);
    await post(association.id, 'genaktiver', { version: '2' }).then(expectStatus(303));
    await checks(true);
    await post(association.id, 'arkiver', { version: '3', archiveReason: 'Nedlagt.' }).then(expectStatus(303));
    await checks(false);
    await post(association.id, 'genaktiver', { version: '4' }).then(expectStatus(303));
    await checks(true);
  });

  it('does not count a suspended or archived association as approved on the staff start page', async () => {
    const before = await ctx.services.staffOverview.overview(ctx.clock.now());
    const association = await withMember('Tælleforeningen', 'taelle@example.org');
    const added = await ctx.services.staffOverview.overview(ctx.clock.now());
    expect(added.approved).toBe(before.approved + 1);
    await post(association.id, 'suspender', { version: '1', suspendReason: 'Tælles ikke.' }).then(expectStatus(303));
    const suspended = await ctx.services.staffOverview.overview(ctx.clock.now());
    expect(suspended.approved).toBe(before.approved);
    expect(suspended.pending.map((p) => p.id)).not.toContain(association.id);
  });
});
