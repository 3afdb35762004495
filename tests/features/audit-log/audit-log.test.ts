// The audit log viewer (/administration/log): admins only; filters by person, kind of
// record, action and period; bad filter values give the page with a message; one row
// with before/after side by side; the CSV download of the filtered rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { logIn, type Agent } from '../../helpers/http.js';
import { aUser, TEST_PASSWORD } from '../../helpers/factories/index.js';
import { AUDIT_PAGE_SIZE } from '../../../src/features/audit-log/audit-log-service.js';

let ctx: TestContext;
let admin: Agent;
let staffAgent: Agent;
let staffUser: { id: number; name: string; email: string };
let adminUser: { id: number; name: string; email: string };
const ids: Record<string, string> = {};

const row = async (data: {
  action: string;
  at: string;
  actorUserId?: number | null;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
}) => {
  const created = await ctx.db.prisma.auditLog.create({
    data: {
      action: data.action,
      at: new Date(data.at),
      actorUserId: data.actorUserId ?? null,
      targetType: data.targetType ?? null,
      targetId: data.targetId ?? null,
      ...(data.details ? { details: data.details as object } : {}),
    },
  });
  return String(created.id);
};

/** The ids of the rows a list page links to, in page order. */
const rowIds = (html: string) => [...html.matchAll(/href="\/administration\/log\/(\d+)"/g)].map((m) => m[1]);

beforeAll(async () => {
  ctx = await createTestContext();
  adminUser = await aUser(ctx.db.prisma, { role: 'ADMIN', name: 'Ada Admin' });
  staffUser = await aUser(ctx.db.prisma, { role: 'STAFF', name: 'Søren Staff' });
  admin = await logIn(ctx.app, adminUser.email, TEST_PASSWORD);
  staffAgent = await logIn(ctx.app, staffUser.email, TEST_PASSWORD);
  // The logins above wrote rows of their own (now, real time); these are in 2025.
  ids.agreementUpdate = await row({
    action: 'agreement.updated',
    at: '2025-03-10T09:00:00Z',
    actorUserId: staffUser.id,
    targetType: 'agreement',
    targetId: '42',
    details: { before: { title: 'Gammel titel', budget: 100 }, after: { title: 'Ny titel', budget: null }, version: 3 },
  });
  ids.retention = await row({
    action: 'retention.ran',
    at: '2025-03-11T01:15:00Z',
    targetType: 'retention',
    targetId: '*',
    details: { interests: 2, membersWarned: 0, membersDeleted: 0, auditRows: 0, dataLinks: 0 },
  });
  // 22:30 UTC on 31 March is 00:30 on 1 April in Danish summer time.
  ids.lateNight = await row({
    action: 'custom.thing-done',
    at: '2025-03-31T22:30:00Z',
    actorUserId: adminUser.id,
    targetType: 'opening',
    targetId: '7',
  });
  ids.formula = await row({
    action: 'association.registered',
    at: '2025-02-01T10:00:00Z',
    targetType: 'association',
    targetId: '5',
    details: { note: '=HYPERLINK("x")' },
  });
});
afterAll(() => ctx.close());

describe('who may see the log', () => {
  it('refuses staff (not admins) on the list, a row and the download', async () => {
    await staffAgent.get('/administration/log').expect(403);
    await staffAgent.get(`/administration/log/${ids.agreementUpdate}`).expect(403);
    await staffAgent.get('/administration/log.csv').expect(403);
  });

  it('sends anonymous readers to log in', async () => {
    const response = await supertest(ctx.app).get('/administration/log').expect(303);
    expect(response.headers.location).toBe('/log-ind');
  });
});

describe('the list', () => {
  it('shows the rows newest first with readable actions, who, and the record linked to its page', async () => {
    const page = await admin.get('/administration/log').expect(200);
    const order = rowIds(page.text);
    expect(order.indexOf(ids.lateNight!)).toBeLessThan(order.indexOf(ids.retention!));
    expect(order.indexOf(ids.retention!)).toBeLessThan(order.indexOf(ids.agreementUpdate!));
    expect(page.text).toContain('Samarbejdsaftale ændret');
    expect(page.text).toContain('custom.thing-done'); // no label: the code
    expect(page.text).toContain('href="/medarbejder/samarbejdsaftaler/42"');
    expect(page.text).toContain('Søren Staff');
    expect(page.text).toContain('2025-03-10 10:00:00'); // Danish time (winter: UTC+1)
  });

  it('offers the people who appear as actors, the kinds of record and the actions', async () => {
    const page = await admin.get('/administration/log').expect(200);
    expect(page.text).toContain(`<option value="${staffUser.id}"`);
    expect(page.text).toContain('<option value="system"');
    expect(page.text).toContain('<option value="retention"');
    expect(page.text).toContain('<option value="agreement.updated"');
  });

  it('filters by person, by "no user", by kind of record and by action', async () => {
    expect(rowIds((await admin.get(`/administration/log?person=${staffUser.id}&art=agreement`).expect(200)).text)).toEqual([
      ids.agreementUpdate,
    ]);
    const system = rowIds((await admin.get('/administration/log?person=system').expect(200)).text);
    expect(system).toContain(ids.retention);
    expect(system).not.toContain(ids.agreementUpdate);
    expect(rowIds((await admin.get('/administration/log?handling=retention.ran').expect(200)).text)).toEqual([ids.retention]);
    expect(rowIds((await admin.get('/administration/log?art=opening').expect(200)).text)).toEqual([ids.lateNight]);
  });

  it('filters by period in Danish days, both ends included (dd-mm-åååå)', async () => {
    const march = rowIds((await admin.get('/administration/log?fra=10-03-2025&til=31-03-2025').expect(200)).text);
    expect(march.sort()).toEqual([ids.agreementUpdate, ids.retention].sort());
    const april1 = rowIds((await admin.get('/administration/log?fra=01-04-2025&til=01-04-2025').expect(200)).text);
    expect(april1).toEqual([ids.lateNight]);
    // The date field's own format works too.
    expect(rowIds((await admin.get('/administration/log?fra=2025-03-11&til=2025-03-11').expect(200)).text)).toEqual([ids.retention]);
  });

  it('answers bad filter values with the page and a message, never an error page', async () => {
    for (const query of [
      'person=abc',
      'person=99999999999',
      'fra=31-02-2025',
      'til=tomorrow',
      'art=%3Cscript%3E',
      'handling=' + 'x'.repeat(101),
    ]) {
      const page = await admin.get(`/administration/log?${query}`);
      expect([query, page.status]).toEqual([query, 422]);
      expect(page.text).toContain('alert-error');
      expect(rowIds(page.text)).toEqual([]);
    }
    const reversed = await admin.get('/administration/log?fra=02-03-2025&til=01-03-2025').expect(422);
    expect(reversed.text).toContain('Til-datoen skal være samme dag som eller efter fra-datoen.');
    expect(reversed.text).toContain('value="02-03-2025"'); // the input kept
    // A repeated parameter is refused before it reaches the page.
    await admin.get('/administration/log?person=1&person=2').expect(400);
  });

  it('pages the rows, keeping the filter in the page links', async () => {
    await ctx.db.prisma.auditLog.createMany({
      data: Array.from({ length: AUDIT_PAGE_SIZE + 5 }, (_, i) => ({ action: 'bulk.row', at: new Date(Date.UTC(2024, 0, 1, 0, i)) })),
    });
    const first = await admin.get('/administration/log?handling=bulk.row').expect(200);
    expect(rowIds(first.text)).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.text).toContain('href="/administration/log?handling=bulk.row&amp;side=2"');
    const second = await admin.get('/administration/log?handling=bulk.row&side=2').expect(200);
    expect(rowIds(second.text)).toHaveLength(5);
  });
});

describe('one row', () => {
  it('shows the changed fields with before and after side by side, and the other details', async () => {
    const page = await admin.get(`/administration/log/${ids.agreementUpdate}`).expect(200);
    const changes = page.text.slice(page.text.indexOf('id="changes-heading"'));
    expect(changes).toMatch(/<th scope="row"><code>title<\/code><\/th><td>Gammel titel<\/td><td>Ny titel<\/td>/);
    expect(changes).toMatch(/<th scope="row"><code>budget<\/code><\/th><td>100<\/td><td>\(tom\)<\/td>/);
    expect(page.text).toMatch(/<dt><code>version<\/code><\/dt><dd>3<\/dd>/);
  });

  it('is a 404 for an id that is not a row or not an id', async () => {
    await admin.get('/administration/log/999999999').expect(404);
    await admin.get('/administration/log/abc').expect(404);
    await admin.get('/administration/log/0').expect(404);
    await admin.get('/administration/log/99999999999999999999999').expect(404);
  });
});

describe('the CSV download', () => {
  it('has the filtered rows, a BOM for Excel, an attachment name, and guarded formula cells', async () => {
    const response = await admin
      .get('/administration/log.csv?art=association')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="log-\d{4}-\d{2}-\d{2}\.csv"$/);
    const body = response.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('Tidspunkt (dansk tid);Hvem;Handling;Slags post;Post-id;Detaljer (JSON)');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('2025-02-01 11:00:00;Ingen bruger (systemet eller en slettet konto);association.registered;association;5;');
    expect(lines[1]).toContain('=HYPERLINK');
    // A cell a spreadsheet would run as a formula is written as text (a leading apostrophe).
    await row({ action: 'test.formula', at: '2025-01-01T10:00:00Z', targetType: 'opening', targetId: '=1+2' });
    const guarded = await admin.get('/administration/log.csv?handling=test.formula').expect(200);
    expect(guarded.text).toContain(";opening;'=1+2;");
  });

  it('answers a bad filter with the page and its message', async () => {
    const page = await admin.get('/administration/log.csv?fra=99-99-2025').expect(422);
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });
});

// Added last: these rows would change the counts the tests above expect.
describe('records without an id, readable details, and links only to pages that exist', () => {
  it('shows just the kind of record when the row names no id, on the row and in the list', async () => {
    const id = await row({
      action: 'person.erased',
      at: '2025-05-01T10:00:00Z',
      actorUserId: adminUser.id,
      targetType: 'person',
      targetId: '-',
      details: { interests: 2, account: true },
    });
    const page = await admin.get(`/administration/log/${id}`).expect(200);
    expect(page.text).toMatch(/<dt>Post<\/dt><dd>Person<\/dd>/);
    expect(page.text).not.toContain('Person -');
    const list = await admin.get('/administration/log?handling=person.erased').expect(200);
    expect(list.text).toContain('Person slettet efter anmodning');
    expect(list.text).not.toContain('Person -');
  });

  it('shows other details as "key: value" lines, nested objects as lists, no JSON braces', async () => {
    const id = await row({
      action: 'settings.changed',
      at: '2025-05-02T10:00:00Z',
      actorUserId: adminUser.id,
      targetType: 'municipality_settings',
      targetId: '1',
      details: { counts: { interests: 3, accounts: 1 }, fields: ['name', 'phone'], kept: false },
    });
    const page = await admin.get(`/administration/log/${id}`).expect(200);
    const details = page.text.slice(page.text.indexOf('Øvrige detaljer'));
    // (PostgreSQL's jsonb orders the keys its own way.)
    const counts = /<dt><code>counts<\/code><\/dt><dd><ul class="audit-details">(.*?)<\/ul><\/dd>/.exec(details)?.[1];
    expect(counts).toContain('<li>interests: 3</li>');
    expect(counts).toContain('<li>accounts: 1</li>');
    expect(details).toMatch(/<dt><code>fields<\/code><\/dt><dd>name, phone<\/dd>/);
    expect(details).toMatch(/<dt><code>kept<\/code><\/dt><dd>Nej<\/dd>/);
    expect(details).not.toMatch(/[{}]/);
    expect(page.text).toContain('Kommunens indstillinger');
  });

  it('links a user record (and the actor) to the account page only for staff and admins, not for members', async () => {
    const member = await aUser(ctx.db.prisma, { name: 'Mette Medlem' });
    const memberRow = await row({
      action: 'user.two-factor-enrolled',
      at: '2025-05-03T10:00:00Z',
      actorUserId: member.id,
      targetType: 'user',
      targetId: String(member.id),
    });
    const staffRow = await row({
      action: 'user.role-changed',
      at: '2025-05-03T11:00:00Z',
      actorUserId: adminUser.id,
      targetType: 'user',
      targetId: String(staffUser.id),
    });
    const memberPage = await admin.get(`/administration/log/${memberRow}`).expect(200);
    expect(memberPage.text).not.toContain(`/administration/brugere/${member.id}"`);
    expect(memberPage.text).toMatch(new RegExp(`<dd>Bruger ${member.id}</dd>`));
    expect(memberPage.text).toContain('Mette Medlem');
    const staffPage = await admin.get(`/administration/log/${staffRow}`).expect(200);
    expect(staffPage.text).toContain(`<a href="/administration/brugere/${staffUser.id}">Bruger ${staffUser.id}</a>`);
    expect(staffPage.text).toContain(`<a href="/administration/brugere/${adminUser.id}">`);
    const list = await admin.get('/administration/log?art=user').expect(200);
    expect(list.text).not.toContain(`/administration/brugere/${member.id}"`);
    expect(list.text).toContain(`/administration/brugere/${staffUser.id}"`);
    // The member's account page really is a 404: the link would lead nowhere.
    await admin.get(`/administration/brugere/${member.id}`).expect(404);
  });
});
