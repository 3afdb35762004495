// The staff's follow-up page: four lists (waiting for answers, starting, due for review,
// ending), each with the agreements inside the 60-day window and none just outside it;
// partners that asked for changes or declined are flagged and come first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { logIn, type Agent } from '../../helpers/http.js';
import {
  acceptAll,
  anAgreement,
  anAssociation,
  anEvaluation,
  answerVersion,
  aUser,
  sendVersion,
  TEST_PASSWORD,
  type AgreementOptions,
} from '../../helpers/factories/index.js';
import type { AgreementStatus } from '../../../src/generated/prisma/enums.js';

const LIST = '/medarbejder/samarbejdsaftaler';
const PAGE = `${LIST}/opfoelgning`;

let ctx: TestContext;
let staff: Agent;
let alfa: { id: number; name: string };

// The test clock's today is 22 November 2026: the window ends 21 January 2027.
beforeAll(async () => {
  ctx = await createTestContext();
  const prisma = ctx.db.prisma;
  staff = await logIn(ctx.app, (await aUser(prisma, { role: 'STAFF' })).email, TEST_PASSWORD);
  alfa = await anAssociation(prisma, { name: 'Foreningen Alfa' });
});
afterAll(() => ctx.close());

const partners = (): AgreementOptions => ({
  associationIds: [alfa.id],
  externals: [{ name: 'Aftenskolen Beta', contactEmail: 'beta@example.org' }],
});

/** An agreement sent and accepted by every partner, in force with `status`. */
async function inForce(title: string, options: AgreementOptions, status: AgreementStatus = 'ACTIVE') {
  const agreement = await anAgreement(ctx.db.prisma, { title, reviewIntervalMonths: null, ...partners(), ...options });
  await sendVersion(ctx.db.prisma, agreement.id);
  return acceptAll(ctx.db.prisma, agreement.id, status);
}

/** A first version sent on `sentOn`, not yet answered by all. */
async function sent(title: string, sentOn: string) {
  const agreement = await anAgreement(ctx.db.prisma, { title, reviewIntervalMonths: null, ...partners() });
  const version = await sendVersion(ctx.db.prisma, agreement.id, { now: new Date(`${sentOn}T10:00:00Z`) });
  const [alfaParty, betaParty] = agreement.parties.filter((p) => p.kind !== 'MUNICIPALITY');
  return { agreement, version, alfaParty: alfaParty!, betaParty: betaParty! };
}

/** The part of the page under the heading with `id`, up to the next heading. */
function section(html: string, id: string): string {
  const start = html.indexOf(`<h2 id="${id}"`);
  expect(start, id).toBeGreaterThan(-1);
  const end = html.indexOf('<h2', start + 1);
  return html.slice(start, end === -1 ? html.indexOf('</main>', start) : end);
}

/** The table row of the agreement titled `title`. */
function reviewRow(html: string, title: string): string {
  const start = html.indexOf(`>${title}</a>`);
  expect(start, title).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</tr>', start));
}

describe('the follow-up page', () => {
  it('is linked from the staff start page and the agreements list, and says so when each list is empty', async () => {
    expect((await staff.get('/medarbejder').expect(200)).text).toContain(`href="${PAGE}"`);
    expect((await staff.get(LIST).expect(200)).text).toContain(`href="${PAGE}"`);
    // Not taken for an agreement id by the agreements router.
    const page = await staff.get(PAGE).expect(200);
    expect(page.text).toContain('<h1>Opfølgning på samarbejdsaftaler</h1>');
    expect(section(page.text, 'awaiting')).toContain('Venter på svar (0)');
    expect(section(page.text, 'awaiting')).toContain('Ingen aftaler venter på svar.');
    expect(section(page.text, 'starting')).toContain('Ingen accepterede aftaler starter inden for 60 dage.');
    expect(section(page.text, 'review')).toContain('Ingen aktive aftaler skal evalueres inden for 60 dage.');
    expect(section(page.text, 'ending')).toContain('Ingen aftaler udløber inden for 60 dage.');
    const english = await staff.get(PAGE).set('Cookie', 'lang=en').expect(200);
    expect(english.text).toContain('No agreements are waiting for answers.');
  });

  it('is for staff only', async () => {
    const member = await logIn(ctx.app, (await aUser(ctx.db.prisma, { associationId: alfa.id })).email, TEST_PASSWORD);
    await member.get(PAGE).expect(403);
    await supertest(ctx.app).get(PAGE).expect(303).expect('Location', '/log-ind');
  });

  it('lists what waits for answers: flagged requests for changes and refusals first, then the longest waiting', async () => {
    const prisma = ctx.db.prisma;
    const changes = await sent('Aftale med ønske', '2026-11-10');
    await answerVersion(prisma, {
      versionId: changes.version.id,
      partyId: changes.alfaParty.id,
      answer: 'CHANGES_REQUESTED',
      comment: 'Flere timer',
    });
    await sent('Aftale uden svar', '2026-11-01');
    const declined = await sent('Aftale afvist', '2026-11-15');
    await answerVersion(prisma, { versionId: declined.version.id, partyId: declined.alfaParty.id });
    await answerVersion(prisma, { versionId: declined.version.id, partyId: declined.betaParty.id, answer: 'DECLINED', comment: 'Nej tak' });
    const amended = await inForce('Aftale med ændring', {});
    await sendVersion(prisma, amended.id, { now: new Date('2026-11-12T10:00:00Z') });
    await inForce('Aftale i kraft', {});

    const html = section((await staff.get(PAGE).expect(200)).text, 'awaiting');
    expect(html).toContain('Venter på svar (4)');
    const order = ['Aftale med ønske', 'Aftale afvist', 'Aftale uden svar', 'Aftale med ændring'].map((title) =>
      html.indexOf(`>${title}</a>`),
    );
    expect(order.every((at) => at > -1)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).not.toContain('Aftale i kraft');

    const row = (title: string) => {
      const start = html.indexOf(`>${title}</a>`);
      return html.slice(start, html.indexOf('</tr>', start));
    };
    expect(row('Aftale med ønske')).toContain('<span class="badge badge-warning">Ønsker ændringer</span> Foreningen Alfa');
    expect(row('Aftale med ønske')).toContain('Har ikke svaret: Aftenskolen Beta');
    expect(row('Aftale med ønske')).toContain('10. november 2026');
    expect(row('Aftale afvist')).toContain('<span class="badge badge-error">Afvist</span> Aftenskolen Beta');
    expect(row('Aftale afvist')).not.toContain('Har ikke svaret');
    expect(row('Aftale uden svar')).toContain('Har ikke svaret: Foreningen Alfa, Aftenskolen Beta');
    expect(row('Aftale uden svar')).toContain('Foreningen Alfa, Aftenskolen Beta</td>');
    expect(row('Aftale med ændring')).toContain('Ændring: version 2');
    // The answers are the second column (in view at 375 px), the partners last.
    const head = html.slice(html.indexOf('<thead>'), html.indexOf('</thead>'));
    expect(head.indexOf('>Svar<')).toBeLessThan(head.indexOf('>Sendt<'));
    expect(head.indexOf('>Sendt<')).toBeLessThan(head.indexOf('>Partnere<'));
    expect(row('Aftale med ønske').indexOf('Ønsker ændringer')).toBeLessThan(row('Aftale med ønske').indexOf('10. november 2026'));
    expect(row('Aftale med ændring')).toContain('12. november 2026');
    expect(html).toContain(`href="${LIST}/${amended.id}"`);
  });

  it('lists accepted agreements starting within 60 days', async () => {
    const inside = await inForce('Starter i vinduet', { startsOn: '2027-01-21' }, 'ACCEPTED');
    await inForce('Starter efter vinduet', { startsOn: '2027-01-22' }, 'ACCEPTED');
    const html = section((await staff.get(PAGE).expect(200)).text, 'starting');
    expect(html).toContain('Starter snart (1)');
    expect(html).toContain(`<a href="${LIST}/${inside.id}">Starter i vinduet</a>`);
    expect(html).toContain('21. januar 2027');
    expect(html).not.toContain('Starter efter vinduet');
  });

  it('lists active agreements due for review within 60 days, and overdue reviews without a decision', async () => {
    const prisma = ctx.db.prisma;
    await inForce('Evaluering i vinduet', { startsOn: '2026-01-21', reviewIntervalMonths: 12 });
    await inForce('Evaluering efter vinduet', { startsOn: '2026-01-22', reviewIntervalMonths: 12 });
    await inForce('Evaluering overskredet', { startsOn: '2025-06-01', reviewIntervalMonths: 12 });
    const decided = await inForce('Evaluering besluttet', { startsOn: '2025-06-01', reviewIntervalMonths: 12 });
    await anEvaluation(prisma, decided.id, { reviewDate: '2026-06-01', decision: 'CONTINUE' });
    const early = await inForce('Evalueret før tid', { startsOn: '2026-01-10', reviewIntervalMonths: 12 });
    await anEvaluation(prisma, early.id, { reviewDate: '2027-01-10', decision: 'CONTINUE', openedAt: new Date('2026-11-20T10:00:00Z') });
    const open = await inForce('Evaluering åben', { startsOn: '2025-06-02', reviewIntervalMonths: 12 });
    await anEvaluation(prisma, open.id, { reviewDate: '2026-06-02', decision: null });
    await inForce('Evaluering om lidt', { startsOn: '2025-12-10', reviewIntervalMonths: 12 });

    const html = section((await staff.get(PAGE).expect(200)).text, 'review');
    expect(html).toContain('Skal evalueres (4)');
    expect(html).toContain('Evaluering i vinduet');
    expect(html).toContain('21. januar 2027');
    expect(html).not.toContain('Evaluering efter vinduet');
    expect(html).not.toContain('Evaluering besluttet');
    expect(html).not.toContain('Evalueret før tid');
    const overdue = reviewRow(html, 'Evaluering overskredet');
    expect(overdue).toContain('<span class="badge badge-error">Overskredet</span>');
    expect(overdue).toContain('1. juni 2026');
    // An evaluation opened but not decided is still overdue; the oldest date comes first.
    expect(html.indexOf('Evaluering overskredet')).toBeLessThan(html.indexOf('Evaluering åben'));
    expect(html.indexOf('Evaluering åben')).toBeLessThan(html.indexOf('Evaluering om lidt'));
    expect(html.indexOf('Evaluering om lidt')).toBeLessThan(html.indexOf('Evaluering i vinduet'));
    expect(reviewRow(html, 'Evaluering åben')).toContain('badge-error');
  });

  it('says for each review whether it can be evaluated now (reviewDue), linking to the evaluation, or from when', async () => {
    const html = section((await staff.get(PAGE).expect(200)).text, 'review');
    // 10 December 2026 is less than 30 days away: open now, not overdue.
    const soon = reviewRow(html, 'Evaluering om lidt');
    expect(soon).toMatch(
      /<a href="\/medarbejder\/samarbejdsaftaler\/\d+\/evaluering">Kan evalueres nu<span class="sr-only">: Evaluering om lidt<\/span><\/a>/,
    );
    expect(soon).not.toContain('Overskredet');
    expect(soon).not.toContain('Kan åbnes fra');
    // 21 January 2027 is more than 30 days away: not open before 22 December 2026, no link.
    const later = reviewRow(html, 'Evaluering i vinduet');
    expect(later).toContain('Kan åbnes fra 22. december 2026');
    expect(later).not.toContain('/evaluering"');
    expect(later).not.toContain('Kan evalueres nu');
    // Overdue is open too.
    expect(reviewRow(html, 'Evaluering overskredet')).toContain('Kan evalueres nu');
    // The state is the second column, before the date and the partners.
    const head = html.slice(html.indexOf('<thead>'), html.indexOf('</thead>'));
    expect(head.indexOf('Evaluering<')).toBeGreaterThan(head.indexOf('Aftale<'));
    expect(head.indexOf('Evaluering<')).toBeLessThan(head.indexOf('Evalueringsdato'));
    expect(head.indexOf('Evalueringsdato')).toBeLessThan(head.indexOf('Partnere'));
    const english = section((await staff.get(PAGE).set('Cookie', 'lang=en').expect(200)).text, 'review');
    expect(reviewRow(english, 'Evaluering om lidt')).toContain('Can be evaluated now');
    expect(reviewRow(english, 'Evaluering i vinduet')).toContain('Can be opened from 22 December 2026');
  });

  it('lists accepted and active agreements ending within 60 days, marking those ended by notice', async () => {
    const prisma = ctx.db.prisma;
    await inForce('Udløber i vinduet', { endsOn: '2027-01-21' });
    await inForce('Udløber efter vinduet', { endsOn: '2027-01-22' });
    await inForce('Accepteret, udløber', { startsOn: '2026-12-01', endsOn: '2026-12-31' }, 'ACCEPTED');
    const notice = await inForce('Opsagt aftale', { endsOn: '2027-01-10' });
    await prisma.agreement.update({
      where: { id: notice.id },
      data: { terminatedOn: new Date('2026-11-10T00:00:00Z'), terminationReason: 'Projektet stopper' },
    });
    const html = section((await staff.get(PAGE).expect(200)).text, 'ending');
    expect(html).toContain('Udløber snart (3)');
    expect(html).toContain('Udløber i vinduet');
    expect(html).toContain('Accepteret, udløber');
    expect(html).not.toContain('Udløber efter vinduet');
    const row = html.slice(html.indexOf('Opsagt aftale'));
    expect(row.slice(0, row.indexOf('</tr>'))).toContain('<span class="badge badge-warning">Opsagt 10. november 2026</span>');
    expect(row.slice(0, row.indexOf('</tr>'))).toContain('10. januar 2027');
    expect(html.slice(html.indexOf('Udløber i vinduet'))).not.toContain('Opsagt 10. november 2026');
    expect(html).not.toContain('Projektet stopper');
  });

  it('is the same in English, with the dates as English readers write them', async () => {
    const page = await staff.get(PAGE).set('Cookie', 'lang=en').expect(200);
    expect(page.text).toContain('Waiting for answers (4)');
    expect(page.text).toContain('Asked for changes');
    expect(page.text).toContain('21 January 2027');
  });
});
