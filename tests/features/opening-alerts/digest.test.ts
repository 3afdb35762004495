// The daily alert job and the whole journey with the test clock: subscribe from a
// search, confirm from the e-mail, a digest with only the new matching public
// openings and the List-Unsubscribe headers, unsubscribe from the e-mail's link (and a
// mail program's one-click POST), then nothing more.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { csrfTokenFrom } from '../../helpers/http.js';
import { aLookup, anAssociation, anOpening } from '../../helpers/factories/index.js';
import { enqueueJob } from '../../../src/jobs/queue.js';
import { OPENING_ALERTS_TASK } from '../../../src/jobs/tasks.js';
import { CRONTAB, OPENING_ALERTS_SCHEDULE } from '../../../src/jobs/worker.js';
import { DIGEST_MARGIN_MS, DIGEST_MAX_OPENINGS } from '../../../src/features/opening-alerts/opening-alert-service.js';
import type { StoredMail } from '../../../src/mail/mailer.js';
import { linkIn, subscribeAndConfirm, text } from './helpers.js';
import { vocabulariesChanged } from '../../helpers/factories/lookups.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

let ctx: TestContext;
let associationId: number;
let closedAssociationId: number;
let noerrebro: number;
let vesterbro: number;
beforeAll(async () => {
  ctx = await createTestContext();
  associationId = (await anAssociation(ctx.db.prisma, { name: 'Lektiecaféen' })).id;
  closedAssociationId = (await anAssociation(ctx.db.prisma, { name: 'Lukket Forening', status: 'SUSPENDED' })).id;
  noerrebro = (await aLookup(ctx.db.prisma, 'localArea', 'noerrebro', 'Nørrebro', { nameEn: 'Noerrebro district' })).id;
  vesterbro = (await aLookup(ctx.db.prisma, 'localArea', 'vesterbro', 'Vesterbro')).id;
});
afterAll(() => ctx.close());

let mailsSeen = 0;
beforeEach(async () => {
  mailsSeen = (await ctx.readMail()).length;
});

/** Runs the alert job as the worker's crontab would, and answers the e-mails sent since the last look. */
async function runDigest(): Promise<StoredMail[]> {
  await enqueueJob(ctx.db.prisma, OPENING_ALERTS_TASK, {});
  await ctx.runJobs();
  const all = await ctx.readMail();
  const fresh = all.slice(mailsSeen);
  mailsSeen = all.length;
  return fresh;
}

const publish = (title: string, options: { area?: number; associationId?: number; status?: 'PUBLISHED' | 'CLOSED' } = {}) =>
  anOpening(ctx.db.prisma, options.associationId ?? associationId, {
    title,
    localAreaId: options.area ?? noerrebro,
    status: options.status ?? 'PUBLISHED',
    publishedAt: ctx.clock.now(),
  });

describe('the schedule', () => {
  it('runs the alert job daily at 06:00 UTC', () => {
    expect(OPENING_ALERTS_SCHEDULE).toBe('0 6 * * *');
    expect(CRONTAB).toContain(`0 6 * * * ${OPENING_ALERTS_TASK}`);
  });
});

describe('the whole journey, with the test clock', () => {
  it('subscribes, confirms, gets only the new matching opening, unsubscribes from the e-mail, and gets nothing after', async () => {
    const old = await anOpening(ctx.db.prisma, associationId, { title: 'Gammel opgave på Nørrebro', localAreaId: noerrebro });
    const { mail: confirmation } = await subscribeAndConfirm(ctx, 'omraade=noerrebro', 'rejse@example.org', 'DAILY');
    expect(confirmation.subject).toContain('Bekræft beskeder om nye frivilligopgaver');
    mailsSeen = (await ctx.readMail()).length;

    ctx.clock.advance(2 * HOUR);
    const matching = await publish('Ny lektiehjælper på Nørrebro');
    const elsewhere = await publish('Ny opgave på Vesterbro', { area: vesterbro });
    ctx.clock.advance(DAY);
    const digests = (await runDigest()).filter((m) => m.to === 'rejse@example.org');
    expect(digests).toHaveLength(1);
    const digest = digests[0]!;
    expect(digest.subject).toBe('1 ny frivilligopgave – ' + digest.subject.split(' – ')[1]);
    expect(digest.text).toContain(matching.title);
    expect(digest.text).toContain(`http://localhost:3000/opgaver/${matching.id}`.replace('http://localhost:3000', ctx.config.baseUrl));
    expect(digest.text).toContain('Lektiecaféen – Nørrebro');
    expect(digest.text).not.toContain(elsewhere.title);
    expect(digest.text).not.toContain(old.title);
    const unsubscribePath = linkIn(digest.text, 'afmeld');
    expect(digest.headers).toEqual({
      'List-Unsubscribe': `<${ctx.config.baseUrl}${unsubscribePath}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    const alert = await ctx.db.prisma.openingAlert.findFirstOrThrow({ where: { email: 'rejse@example.org' } });
    expect(alert.sentUpTo).toEqual(new Date(ctx.clock.now().getTime() - DIGEST_MARGIN_MS));
    expect(alert.lastSentAt).toEqual(ctx.clock.now());

    // Unsubscribe from the e-mail's link: a page with a button, then the POST.
    const agent = supertest.agent(ctx.app);
    const page = await agent.get(unsubscribePath).expect(200);
    expect(await ctx.db.prisma.openingAlert.count({ where: { email: 'rejse@example.org' } })).toBe(1);
    const done = await agent
      .post(unsubscribePath)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text) })
      .expect(200);
    expect(text(done.text)).toContain('Du får ikke flere e-mails');
    expect(await ctx.db.prisma.openingAlert.count({ where: { email: 'rejse@example.org' } })).toBe(0);
    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({
      where: { action: 'openingAlert.unsubscribed', targetId: String(alert.id) },
    });
    expect(audit.details).toEqual({ via: 'link' });

    ctx.clock.advance(HOUR);
    await publish('Endnu en opgave på Nørrebro');
    ctx.clock.advance(DAY);
    expect((await runDigest()).filter((m) => m.to === 'rejse@example.org')).toEqual([]);
  });

  it('stops an alert with a mail program’s one-click POST: no CSRF token, no cookie', async () => {
    await subscribeAndConfirm(ctx, 'omraade=noerrebro', 'etklik@example.org', 'WEEKLY');
    mailsSeen = (await ctx.readMail()).length;
    ctx.clock.advance(HOUR);
    await publish('Opgave til et-klik-testen');
    ctx.clock.advance(DAY);
    const digest = (await runDigest()).find((m) => m.to === 'etklik@example.org')!;
    const header = digest.headers!['List-Unsubscribe']!;
    const path = new URL(header.slice(1, -1)).pathname;

    const response = await supertest(ctx.app).post(path).type('form').send('List-Unsubscribe=One-Click');
    expect(response.status).toBe(200);
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(await ctx.db.prisma.openingAlert.count({ where: { email: 'etklik@example.org' } })).toBe(0);
    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({
      where: { action: 'openingAlert.unsubscribed' },
      orderBy: { id: 'desc' },
    });
    expect(audit.details).toEqual({ via: 'one-click' });
    // A second one-click (mail programs retry) is the same quiet success.
    await supertest(ctx.app).post(path).type('form').send('List-Unsubscribe=One-Click').expect(200);
    // Other POSTs still need their CSRF token.
    await supertest(ctx.app).post('/opgaver/besked').type('form').send({ email: 'x@example.org', frequency: 'DAILY' }).expect(403);
  });
});

describe('the digest job', () => {
  async function confirmedAlert(email: string, frequency: 'DAILY' | 'WEEKLY', query = 'omraade=noerrebro') {
    return ctx.db.prisma.openingAlert.create({
      data: {
        email,
        query,
        frequency,
        language: 'da',
        unsubscribeToken: `${email.replace(/[^a-z]/g, '')}${'t'.repeat(43)}`.slice(0, 43),
        confirmedAt: ctx.clock.now(),
        sentUpTo: ctx.clock.now(),
      },
    });
  }

  it('lists only public openings: not closed ones, nor those of a suspended association', async () => {
    await confirmedAlert('offentlig@example.org', 'DAILY');
    ctx.clock.advance(HOUR);
    const shown = await publish('Offentlig ny opgave');
    const closed = await publish('Lukket ny opgave', { status: 'CLOSED' });
    const suspended = await publish('Ny opgave fra suspenderet forening', { associationId: closedAssociationId });
    ctx.clock.advance(DAY);
    const mail = (await runDigest()).find((m) => m.to === 'offentlig@example.org')!;
    expect(mail.text).toContain(shown.title);
    expect(mail.text).not.toContain(closed.title);
    expect(mail.text).not.toContain(suspended.title);
  });

  it('sends an opening committed after a run but published just before it in the next digest', async () => {
    const alert = await confirmedAlert('kaploeb@example.org', 'DAILY');
    ctx.clock.advance(HOUR);
    const early = await publish('Opgave udgivet i god tid');
    ctx.clock.advance(DAY);
    const runAt = ctx.clock.now();
    // Published (publishedAt) a minute before the run, but its transaction commits after
    // the digest's query: the first run cannot see it.
    const mails = (await runDigest()).filter((m) => m.to === 'kaploeb@example.org');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(early.title);
    const late = await anOpening(ctx.db.prisma, associationId, {
      title: 'Opgave udgivet lige før kørslen',
      localAreaId: noerrebro,
      status: 'PUBLISHED',
      publishedAt: new Date(runAt.getTime() - 60 * 1000),
    });
    const after = await ctx.db.prisma.openingAlert.findUniqueOrThrow({ where: { id: alert.id } });
    expect(after.sentUpTo).toEqual(new Date(runAt.getTime() - DIGEST_MARGIN_MS));

    ctx.clock.advance(DAY);
    const next = (await runDigest()).filter((m) => m.to === 'kaploeb@example.org');
    expect(next).toHaveLength(1);
    expect(next[0]!.text).toContain(late.title);
    expect(next[0]!.text).not.toContain(early.title);
  });

  it('leaves an opening published inside the margin for the next digest', async () => {
    const alert = await confirmedAlert('margin@example.org', 'DAILY');
    ctx.clock.advance(DAY);
    const inMargin = await publish('Opgave i marginen');
    ctx.clock.advance(DIGEST_MARGIN_MS - 60 * 1000);
    expect((await runDigest()).filter((m) => m.to === 'margin@example.org')).toEqual([]);
    const untouched = await ctx.db.prisma.openingAlert.findUniqueOrThrow({ where: { id: alert.id } });
    expect(untouched.sentUpTo).toEqual(alert.sentUpTo);
    expect(untouched.lastSentAt).toBeNull();

    ctx.clock.advance(2 * 60 * 1000);
    const mails = (await runDigest()).filter((m) => m.to === 'margin@example.org');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(inMargin.title);
  });

  it('sends nothing when nothing is new, and keeps the alert due', async () => {
    const alert = await confirmedAlert('intet@example.org', 'DAILY', 'omraade=vesterbro&q=sjaeldent');
    ctx.clock.advance(DAY);
    expect((await runDigest()).filter((m) => m.to === 'intet@example.org')).toEqual([]);
    const after = await ctx.db.prisma.openingAlert.findUniqueOrThrow({ where: { id: alert.id } });
    expect(after.sentUpTo).toEqual(alert.sentUpTo);
    expect(after.lastSentAt).toBeNull();
  });

  it('sends a daily alert at most once a day and a weekly one at most once a week, each with what is new to it', async () => {
    await confirmedAlert('dagligt@example.org', 'DAILY');
    await confirmedAlert('ugentligt@example.org', 'WEEKLY');
    const to = (mails: StoredMail[], email: string) => mails.filter((m) => m.to === email);

    ctx.clock.advance(HOUR);
    const first = await publish('Første uges opgave');
    ctx.clock.advance(DAY);
    let mails = await runDigest();
    expect(to(mails, 'dagligt@example.org')).toHaveLength(1);
    expect(to(mails, 'ugentligt@example.org')).toHaveLength(1);
    // Run again the same day: nothing twice.
    expect(to(await runDigest(), 'dagligt@example.org')).toEqual([]);

    ctx.clock.advance(HOUR);
    const second = await publish('Anden dags opgave');
    ctx.clock.advance(DAY);
    mails = await runDigest();
    expect(to(mails, 'dagligt@example.org').map((m) => m.text.includes(second.title))).toEqual([true]);
    expect(to(mails, 'ugentligt@example.org')).toEqual([]);

    ctx.clock.advance(6 * DAY - HOUR);
    mails = await runDigest();
    const weekly = to(mails, 'ugentligt@example.org');
    expect(weekly).toHaveLength(1);
    expect(weekly[0]!.text).toContain(second.title);
    expect(weekly[0]!.text).not.toContain(first.title);
    expect(weekly[0]!.text).toContain('Højst én e-mail om ugen');
    expect(to(mails, 'dagligt@example.org')).toEqual([]); // nothing new since yesterday's
  });

  it(`lists at most ${DIGEST_MAX_OPENINGS} openings with a link to the whole search`, async () => {
    const area = (await aLookup(ctx.db.prisma, 'localArea', 'amager', 'Amager')).id;
    await confirmedAlert('mange@example.org', 'DAILY', 'omraade=amager');
    for (let i = 0; i < DIGEST_MAX_OPENINGS + 2; i += 1) {
      ctx.clock.advance(60 * 1000);
      await publish(`Amager-opgave nr. ${i}`, { area });
    }
    ctx.clock.advance(DAY);
    const mail = (await runDigest()).find((m) => m.to === 'mange@example.org')!;
    expect(mail.subject).toContain(`${DIGEST_MAX_OPENINGS} nye frivilligopgaver`);
    expect(mail.text.match(/Amager-opgave nr\. \d+/g)).toHaveLength(DIGEST_MAX_OPENINGS);
    expect(mail.text).toContain('Amager-opgave nr. 21');
    expect(mail.text).not.toContain('Amager-opgave nr. 1\n');
    expect(mail.text).toContain(`Der er flere nye opgaver, end vi kan vise her. Se dem alle: ${ctx.config.baseUrl}/opgaver?omraade=amager`);
  });

  it('sends nothing for an alert whose only area has been retired, rather than every opening', async () => {
    const area = await aLookup(ctx.db.prisma, 'localArea', 'lundtofte', 'Lundtofte');
    await confirmedAlert('pensioneret@example.org', 'DAILY', 'omraade=lundtofte');
    await ctx.db.prisma.localArea.update({ where: { id: area.id }, data: { retiredAt: ctx.clock.now() } });
    vocabulariesChanged(ctx.services);
    ctx.clock.advance(HOUR);
    await publish('Opgave et helt andet sted');
    ctx.clock.advance(DAY);
    expect((await runDigest()).filter((m) => m.to === 'pensioneret@example.org')).toEqual([]);
  });

  it('writes an English alert’s digest in English', async () => {
    const alert = await confirmedAlert('english@example.org', 'DAILY');
    await ctx.db.prisma.openingAlert.update({ where: { id: alert.id }, data: { language: 'en' } });
    ctx.clock.advance(HOUR);
    await publish('Engelsk test-opgave');
    ctx.clock.advance(DAY);
    const mail = (await runDigest()).find((m) => m.to === 'english@example.org')!;
    expect(mail.subject).toContain('new volunteering opportunit');
    expect(mail.text).toContain('Noerrebro district');
    expect(mail.text).toContain('Stop e-mails about new opportunities:');

    // Every link in the text opens its page in English through the language switch;
    // the List-Unsubscribe header stays the plain address a mail program POSTs to.
    const base = ctx.config.baseUrl;
    const links = [...mail.text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);
    expect(links.length).toBeGreaterThanOrEqual(3);
    for (const link of links) expect(link.startsWith(`${base}/sprog/en?tilbage=%2F`)).toBe(true);
    expect(mail.text).toContain(`${base}/sprog/en?tilbage=${encodeURIComponent('/opgaver?omraade=noerrebro')}`);
    const unsubscribe = `/opgaver/besked/afmeld/${alert.unsubscribeToken}`;
    expect(mail.text).toContain(`${base}/sprog/en?tilbage=${encodeURIComponent(unsubscribe)}`);
    expect(mail.headers!['List-Unsubscribe']).toBe(`<${base}${unsubscribe}>`);

    const reader = supertest.agent(ctx.app);
    const switched = await reader.get(`/sprog/en?tilbage=${encodeURIComponent(unsubscribe)}`).expect(303);
    expect(switched.headers.location).toBe(unsubscribe);
    const page = await reader.get(unsubscribe).expect(200);
    expect(text(page.text)).toContain('Stop e-mails about new opportunities');
  });

  it('deletes unconfirmed alerts older than 7 days, auditing the count only', async () => {
    await ctx.db.prisma.openingAlert.create({
      data: {
        email: 'glemt@example.org',
        query: '',
        frequency: 'DAILY',
        unsubscribeToken: 'g'.repeat(43),
        confirmTokenHash: 'h'.repeat(64),
        createdAt: ctx.clock.now(),
      },
    });
    ctx.clock.advance(6 * DAY);
    await runDigest();
    expect(await ctx.db.prisma.openingAlert.count({ where: { email: 'glemt@example.org' } })).toBe(1);
    ctx.clock.advance(DAY + HOUR);
    await runDigest();
    expect(await ctx.db.prisma.openingAlert.count({ where: { email: 'glemt@example.org' } })).toBe(0);
    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'openingAlert.expired' }, orderBy: { id: 'desc' } });
    expect(audit.details).toEqual({ deleted: 1 });
  });
});
