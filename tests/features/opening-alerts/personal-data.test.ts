// An alert is personal data: "Mine data" lists the address's alerts (and sends a link to
// an address that has only alerts), stops one, and includes them in its download; the
// account download includes those of the account's address; an admin's erasure deletes
// them; the privacy notice names the purpose and when they are deleted.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { csrfTokenFrom, logIn } from '../../helpers/http.js';
import { aLookup, aUser, TEST_PASSWORD } from '../../helpers/factories/index.js';
import { CONFIRM_LINK_DAYS } from '../../../src/features/opening-alerts/opening-alert-service.js';
import { text } from './helpers.js';

let ctx: TestContext;
let tokenCount = 0;
beforeAll(async () => {
  ctx = await createTestContext();
  await aLookup(ctx.db.prisma, 'localArea', 'noerrebro', 'Nørrebro', { nameEn: 'Noerrebro district' });
});
afterAll(() => ctx.close());

async function anAlert(email: string, options: { confirmed?: boolean; query?: string } = {}) {
  tokenCount += 1;
  return ctx.db.prisma.openingAlert.create({
    data: {
      email,
      query: options.query ?? 'omraade=noerrebro',
      frequency: 'WEEKLY',
      unsubscribeToken: `alert${tokenCount}`.padEnd(43, 'u'),
      confirmTokenHash: options.confirmed === false ? `${tokenCount}`.padEnd(64, 'c') : null,
      confirmedAt: options.confirmed === false ? null : ctx.clock.now(),
      createdAt: ctx.clock.now(),
    },
  });
}

async function mineDataLink(email: string) {
  const agent = supertest.agent(ctx.app);
  const before = (await ctx.readMail()).length;
  const page = await agent.get('/mine-data').expect(200);
  await agent
    .post('/mine-data')
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), email, website: '' })
    .expect(303);
  const mail = (await ctx.readMail()).slice(before).find((m) => m.to === email);
  const path = mail && /https?:\/\/[^/\s]+(\/mine-data\/[A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
  return { agent, path };
}

describe('"Mine data"', () => {
  it('sends a link to an address that has only alerts, lists them and stops one, audited', async () => {
    const confirmed = await anAlert('kun.besked@example.org');
    const waiting = await anAlert('kun.besked@example.org', { confirmed: false, query: 'q=lektier' });
    const other = await anAlert('en.anden@example.org');
    const { agent, path } = await mineDataLink('kun.besked@example.org');
    expect(path).toBeDefined();
    const page = await agent.get(path!).expect(200);
    const words = text(page.text);
    expect(words).toContain('2 beskeder om nye opgaver');
    expect(words).toContain('Lokalområde: Nørrebro');
    expect(words).toContain('Søgeord: lektier');
    expect(words).toContain('Slået til');
    expect(words).toContain('Venter på bekræftelse');
    expect(page.text).toContain(`${path}/stop-besked/${confirmed.id}`);
    expect(page.text).toContain(`${path}/stop-besked/${waiting.id}`);
    expect(page.text).not.toContain(`/stop-besked/${other.id}"`);

    const download = await agent.get(`${path}/data.json`).expect(200);
    const data = JSON.parse(download.text) as { openingAlerts: { id: number; query: string; unsubscribeToken?: string }[] };
    expect(data.openingAlerts.map((a) => a.id).sort()).toEqual([confirmed.id, waiting.id].sort());
    expect(download.text).not.toContain(confirmed.unsubscribeToken);

    // Another address's alert cannot be stopped through this link.
    const stopOther = await agent
      .post(`${path}/stop-besked/${other.id}`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text) });
    expect(stopOther.status).toBe(303);
    expect(await ctx.db.prisma.openingAlert.count({ where: { id: other.id } })).toBe(1);

    const stop = await agent
      .post(`${path}/stop-besked/${confirmed.id}`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text) });
    expect(stop.status).toBe(303);
    expect(stop.headers.location).toBe(path);
    expect(await ctx.db.prisma.openingAlert.count({ where: { id: confirmed.id } })).toBe(0);
    const after = await agent.get(path!).expect(200);
    expect(text(after.text)).toContain('Beskeden er stoppet og slettet.');
    // The flash has the DKFDS alert icon of its kind, named (review #16).
    expect(after.text).toMatch(
      /<div class="alert alert-success" role=status>\s*<svg class="icon-svg alert-icon" role="img" aria-label="Succes" focusable="false"><use href="\/assets\/dkfds\/v-[0-9a-f]+\/img\/all-svg-icons.svg#success">/,
    );
    expect(text(after.text)).toContain('1 besked om nye opgaver');
    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({
      where: { action: 'openingAlert.unsubscribed', targetId: String(confirmed.id) },
    });
    expect(audit.details).toEqual({ via: 'mine-data' });

    await agent
      .post(`${path}/stop-besked/abc`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text) })
      .expect(404);
  });

  it('shows the alerts in English on an English page', async () => {
    await anAlert('engelsk.besked@example.org');
    const { agent, path } = await mineDataLink('engelsk.besked@example.org');
    await agent.get('/sprog/en');
    const page = await agent.get(path!).expect(200);
    expect(text(page.text)).toContain('1 alert for new opportunities');
    expect(text(page.text)).toContain('Noerrebro district');
  });

  it('words the page for interests and alerts, without "no interests" above an alert (review #4)', async () => {
    await anAlert('ord.besked@example.org');
    const { agent, path } = await mineDataLink('ord.besked@example.org');
    const danish = text((await agent.get(path!).expect(200)).text);
    expect(danish).toContain('Dine interesser og e-mailbeskeder');
    expect(danish).toContain('dine beskeder om nye opgaver (søgning, hvor ofte, sprog og datoer)');
    expect(danish).not.toContain('Der er hverken interesser');
    expect(danish).not.toContain('ingen interesser');
    await agent.get('/sprog/en');
    const english = text((await agent.get(path!).expect(200)).text);
    expect(english).toContain('Your interests and e-mail alerts');
    expect(english).toContain('your alerts for new opportunities (search, how often, language and dates)');
    expect(english).not.toContain('There are no interests');
  });

  it('says there is nothing when an address has neither interests nor alerts left', async () => {
    const alert = await anAlert('tom.besked@example.org');
    const { agent, path } = await mineDataLink('tom.besked@example.org');
    await ctx.db.prisma.openingAlert.delete({ where: { id: alert.id } });
    const page = await agent.get(path!).expect(200);
    expect(text(page.text)).toContain('Der er hverken interesser eller beskeder om nye opgaver med din e-mailadresse.');
  });
});

describe('accounts and erasure', () => {
  it('includes the alerts of the account’s address in the account download', async () => {
    const user = await aUser(ctx.db.prisma, { email: 'medlem.besked@example.org' });
    const alert = await anAlert('medlem.besked@example.org');
    const agent = await logIn(ctx.app, user.email, TEST_PASSWORD);
    const response = await agent.get('/min-side/data.json').expect(200);
    const data = JSON.parse(response.text) as { openingAlerts: { id: number; frequency: string }[] };
    expect(data.openingAlerts).toEqual([expect.objectContaining({ id: alert.id, frequency: 'WEEKLY' })]);
    expect(response.text).not.toContain(alert.unsubscribeToken);
  });

  it('deletes the alerts of an erased address, counting them in the audit row', async () => {
    await anAlert('slet.besked@example.org');
    await anAlert('slet.besked@example.org', { confirmed: false });
    const keep = await anAlert('behold.besked@example.org');
    const adminUser = await aUser(ctx.db.prisma, { role: 'ADMIN' });
    const admin = await logIn(ctx.app, adminUser.email, TEST_PASSWORD);
    const page = await admin.get('/administration/sletning').expect(200);
    // An address with only alerts is something to erase: the preview counts them and offers the erasure.
    const preview = await admin
      .post('/administration/sletning')
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), email: 'Slet.Besked@example.org', step: 'preview' })
      .expect(200);
    expect(text(preview.text)).toContain('Beskeder om nye opgaver 2');
    expect(preview.text).toContain('name="step" value="erase"');
    const done = await admin
      .post('/administration/sletning')
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), email: 'Slet.Besked@example.org', step: 'erase' })
      .expect(200);
    expect(text(done.text)).toContain('2 beskeder om nye opgaver er slettet.');
    expect(await ctx.db.prisma.openingAlert.count({ where: { email: 'slet.besked@example.org' } })).toBe(0);
    expect(await ctx.db.prisma.openingAlert.count({ where: { id: keep.id } })).toBe(1);
    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'person.erased' }, orderBy: { id: 'desc' } });
    expect(audit.details).toEqual({ interests: 0, alerts: 2, account: false });
  });
});

describe('the privacy notice', () => {
  it('names alerts for new openings and when they are deleted, in both languages', async () => {
    const da = await supertest(ctx.app).get('/privatliv').expect(200);
    expect(da.text).toContain('data-purpose="alerts"');
    expect(text(da.text)).toContain('Slettes, når du stopper beskederne');
    const en = await supertest(ctx.app).get('/privatliv').set('Cookie', 'lang=en').expect(200);
    expect(text(en.text)).toContain('When you get e-mails about new opportunities');
  });

  it('takes the days an unconfirmed alert is kept from the constant the job deletes by', async () => {
    const da = await supertest(ctx.app).get('/privatliv').expect(200);
    expect(text(da.text)).toContain(`Bekræfter du ikke inden for ${CONFIRM_LINK_DAYS} dage, slettes de.`);
    const en = await supertest(ctx.app).get('/privatliv').set('Cookie', 'lang=en').expect(200);
    expect(text(en.text)).toContain(`If you do not confirm within ${CONFIRM_LINK_DAYS} days, they are deleted.`);
    // The texts hold a placeholder, not a number of their own that could drift from it.
    for (const lang of ['da', 'en'] as const) {
      const locale = JSON.parse(readFileSync(`src/i18n/locales/${lang}/pages.json`, 'utf8')) as {
        pages: { privacy: { alertsPeriod: string } };
      };
      expect(locale.pages.privacy.alertsPeriod).toContain('{{days}}');
      expect(locale.pages.privacy.alertsPeriod).not.toMatch(/\d/);
    }
  });
});
