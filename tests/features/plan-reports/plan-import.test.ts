// Importing actions from the committee report's own CSV/XLSX: an exported file imports
// back unchanged; a preview shows new, changed and unchanged rows and saves nothing;
// "Bekræft import" saves every row through saveActionRows in one transaction (all or
// nothing) with its audit; bad rows get an error each (row, column, what is wrong);
// bad files are a 422 with a clear message, never a 500.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import supertest, { type Response, type Test } from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { type Agent, csrfTokenFrom, expectStatus, logIn } from '../../helpers/http.js';
import { anAssociation, aUser, TEST_PASSWORD } from '../../helpers/factories/index.js';
import { allowAuditWrites, failAuditWrites } from '../../helpers/audit.js';
import { planScenario } from './plan-scenario.js';
import { XLSX_MAX_UNPACKED_BYTES, zipUnpackedSize } from '../../../src/features/plan-reports/plan-report-files.js';

const PLANS = '/medarbejder/handleplaner';

let ctx: TestContext;
let staff: Agent;
let staffEn: Agent;
let scenario: Awaited<ReturnType<typeof planScenario>>;

beforeAll(async () => {
  ctx = await createTestContext();
  const user = await aUser(ctx.db.prisma, { role: 'STAFF' });
  staff = await logIn(ctx.app, user.email, TEST_PASSWORD);
  staffEn = await logIn(ctx.app, user.email, TEST_PASSWORD);
  await staffEn.get('/sprog/en').expect(303);
  scenario = await planScenario(ctx.db.prisma, { staffId: user.id });
});
afterEach(() => allowAuditWrites(ctx.db.prisma));
afterAll(() => ctx.close());

const importPath = () => `${PLANS}/${scenario.plan.id}/import`;
const confirmPath = () => `${importPath()}/bekraeft`;
const reportPath = (year: number) => `${PLANS}/${scenario.plan.id}/status/${year}/rapport`;

const asBuffer = <T extends Test>(request: T) =>
  request.buffer(true).parse((res, callback) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => callback(null, Buffer.concat(chunks)));
  });

async function download(agent: Agent, year: number, extension: 'csv' | 'xlsx'): Promise<Buffer> {
  const response = await asBuffer(agent.get(`${reportPath(year)}.${extension}`)).then(expectStatus(200));
  return response.body as Buffer;
}

async function upload(agent: Agent, data: Buffer, fileName: string): Promise<Response> {
  const page = await agent.get(importPath()).then(expectStatus(200));
  return agent.post(importPath()).field('_csrf', csrfTokenFrom(page.text)).attach('file', data, fileName);
}

async function confirmFrom(agent: Agent, previewHtml: string): Promise<Response> {
  const hash = /name="hash" value="([0-9a-f]+)"/.exec(previewHtml)?.[1];
  expect(hash).toBeDefined();
  return agent
    .post(confirmPath())
    .type('form')
    .send({ _csrf: csrfTokenFrom(previewHtml), hash });
}

const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .replaceAll('&#34;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&')
    .trim();

/** The plan's actions as the import would compare them (links included), for "nothing changed". */
async function snapshot() {
  return ctx.db.prisma.planAction.findMany({
    where: { planId: scenario.plan.id },
    orderBy: { id: 'asc' },
    include: {
      goals: { select: { number: true }, orderBy: { number: 'asc' } },
      responsibles: { orderBy: { sortOrder: 'asc' }, select: { kind: true, associationId: true, name: true } },
      agreements: { select: { id: true } },
      openings: { select: { id: true } },
    },
  });
}

const auditCount = () => ctx.db.prisma.auditLog.count({ where: { targetType: 'action-plan', targetId: String(scenario.plan.id) } });

/** A CSV in the export's shape (the header in Danish), from rows of cells. */
function csv(rows: string[][]): Buffer {
  const header = ['ID', 'År', 'Handling', 'Beskrivelse', 'Mål (nr.)', 'Ansvarlige', 'Planlagt fra', 'Planlagt til', 'Indikator', 'Måltal'];
  const quote = (cell: string) => (/[;"\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  return Buffer.from([header, ...rows].map((row) => row.map(quote).join(';')).join('\r\n'), 'utf8');
}

describe('the import form', () => {
  it('explains the columns and that statuses are not imported, with a labelled file input', async () => {
    const page = await staff.get(importPath()).then(expectStatus(200));
    expect(page.text).toContain('enctype="multipart/form-data"');
    expect(page.text).toMatch(/<label class="form-label" for="file">/);
    expect(textOf(page.text)).toContain('status hører til den årlige status');
    await staff.get(`${PLANS}/999999/import`).expect(404);
  });
});

describe('round trip', () => {
  for (const extension of ['csv', 'xlsx'] as const) {
    for (const [lang, agent] of [
      ['da', () => staff],
      ['en', () => staffEn],
    ] as const) {
      it(`imports an exported ${extension} (${lang}) back unchanged`, async () => {
        const before = await snapshot();
        const audits = await auditCount();
        for (const year of [2017, 2018]) {
          const preview = await upload(agent(), await download(agent(), year, extension), `rapport.${extension}`).then(expectStatus(200));
          const expectedCount = before.filter((a) => a.year === year).length;
          expect([...preview.text.matchAll(/data-kind="unchanged"/g)].length).toBe(expectedCount);
          expect(preview.text).not.toContain('data-kind="new"');
          expect(preview.text).not.toContain('data-kind="changed"');
          expect(preview.text).not.toContain('name="hash"');
        }
        expect(await snapshot()).toEqual(before);
        expect(await auditCount()).toBe(audits);
      });
    }
  }
});

describe('preview and confirm', () => {
  it('previews new and changed rows without saving, then saves them all on "Bekræft import", audited', async () => {
    const exported = await download(staff, 2018, 'xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    // Change the carried mentor action's title, and add a new action without an id.
    sheet.eachRow((row, number) => {
      if (number > 1 && row.getCell(1).value === scenario.mentor2018.id) row.getCell(3).value = 'Mentorordning i hele kommunen';
    });
    sheet.addRow([
      '',
      2019,
      'Frivilligmesse',
      'En messe på biblioteket.',
      '2, 3',
      `Forening: ${scenario.spire.name}; Andre: Frivilligcentret`,
      '2019-03-01',
      '2019-03-31',
      'Besøgende',
      300,
    ]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const before = await snapshot();
    const audits = await auditCount();

    const preview = await upload(staff, file, 'rettet.xlsx').then(expectStatus(200));
    expect(textOf(preview.text)).toContain('1 nye, 1 ændrede og 1 uændrede handlinger. Intet er gemt endnu.');
    expect(await snapshot()).toEqual(before);
    expect(await auditCount()).toBe(audits);

    const confirmed = await confirmFrom(staff, preview.text).then(expectStatus(303));
    expect(confirmed.headers.location).toBe(`${PLANS}/${scenario.plan.id}/overblik`);
    const mentor = await ctx.db.prisma.planAction.findUniqueOrThrow({ where: { id: scenario.mentor2018.id } });
    expect(mentor.title).toBe('Mentorordning i hele kommunen');
    expect(mentor.carriedFromId).toBe(scenario.mentor.id);
    const created = await ctx.db.prisma.planAction.findFirstOrThrow({
      where: { planId: scenario.plan.id, title: 'Frivilligmesse' },
      include: { goals: true, responsibles: { orderBy: { sortOrder: 'asc' } } },
    });
    expect(created).toMatchObject({
      year: 2019,
      indicator: 'Besøgende',
      indicatorTarget: 300,
      plannedFrom: new Date('2019-03-01T00:00:00Z'),
    });
    expect(created.goals.map((g) => g.number).sort()).toEqual([2, 3]);
    expect(created.responsibles.map((r) => [r.kind, r.associationId, r.name])).toEqual([
      ['ASSOCIATION', scenario.spire.id, ''],
      ['OTHER', null, 'Frivilligcentret'],
    ]);
    const rows = await ctx.db.prisma.auditLog.findMany({
      where: { targetType: 'action-plan', targetId: String(scenario.plan.id) },
      orderBy: { id: 'desc' },
      take: 3,
    });
    expect(rows.map((r) => r.action).sort()).toEqual(['plan.action-created', 'plan.action-updated', 'plan.actions-imported']);
    expect(rows.find((r) => r.action === 'plan.actions-imported')?.details).toEqual({ created: 1, updated: 1 });
    expect(rows.find((r) => r.action === 'plan.action-updated')?.details).toMatchObject({
      source: 'import',
      actionId: scenario.mentor2018.id,
    });

    // The preview is used up: confirming it again imports nothing twice.
    const again = await confirmFrom(staff, preview.text).then(expectStatus(422));
    expect(textOf(again.text)).toContain('Forhåndsvisningen er udløbet');
    expect(await ctx.db.prisma.planAction.count({ where: { planId: scenario.plan.id, title: 'Frivilligmesse' } })).toBe(1);
  });

  it('saves nothing when one row cannot be saved: an action changed after the preview (409)', async () => {
    const file = csv([
      ['', '2019', 'Ny handling A', '', '1', '', '', '', '', ''],
      [String(scenario.newIn2018.id), '2018', 'Frivilligpris – ny titel', '', '2', '', '', '', '', ''],
    ]);
    const preview = await upload(staff, file, 'to.csv').then(expectStatus(200));
    await ctx.db.prisma.planAction.update({
      where: { id: scenario.newIn2018.id },
      data: { description: 'Rettet imens', version: { increment: 1 } },
    });
    const before = await snapshot();
    const response = await confirmFrom(staff, preview.text).then(expectStatus(409));
    expect(textOf(response.text)).toContain('Intet er importeret');
    expect(await snapshot()).toEqual(before);
  });

  it('rolls the whole import back when its audit cannot be written', async () => {
    const preview = await upload(staff, csv([['', '2019', 'Ny handling B', '', '1', '', '', '', '', '']]), 'b.csv').then(expectStatus(200));
    const before = await snapshot();
    await failAuditWrites(ctx.db.prisma);
    const response = await confirmFrom(staff, preview.text);
    expect(response.status).toBe(500);
    await allowAuditWrites(ctx.db.prisma);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a confirm without the preview’s hash (e.g. from an older preview tab)', async () => {
    const preview = await upload(staff, csv([['', '2019', 'Ny handling C', '', '1', '', '', '', '', '']]), 'c.csv').then(expectStatus(200));
    const response = await staff
      .post(confirmPath())
      .type('form')
      .send({ _csrf: csrfTokenFrom(preview.text), hash: 'f'.repeat(64) })
      .then(expectStatus(422));
    expect(textOf(response.text)).toContain('Upload filen igen');
    expect(await ctx.db.prisma.planAction.count({ where: { title: 'Ny handling C' } })).toBe(0);
  });
});

describe('errors per row', () => {
  it('lists each bad cell with its row number, column and what is wrong, and offers no confirm', async () => {
    await anAssociation(ctx.db.prisma, { name: 'Tvillingeforeningen' });
    await anAssociation(ctx.db.prisma, { name: 'Tvillingeforeningen' });
    const before = await snapshot();
    const file = csv([
      ['', '2016', 'For tidligt', '', '1', '', '', '', '', ''],
      ['', '2018', '', '', '9', 'Forening: Findes Ikke', '2018-02-30', '', '', 'mange'],
      [],
      ['999999', '2018', 'Ukendt id', '', '1', 'Chef: Nogen; Forening: Tvillingeforeningen', '2018-05-01', '2018-04-01', '', ''],
      ['', '2018', 'God række', '', '1', '', '', '', '', ''],
    ]);
    const response = await upload(staff, file, 'fejl.csv').then(expectStatus(422));
    const table = /<table class="table" data-row-errors>[\s\S]*?<\/table>/.exec(response.text)?.[0] ?? '';
    const errors = [...table.matchAll(/<tr><td>(\d+)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map(([, row, column, text]) => [
      Number(row),
      column,
      textOf(text!),
    ]);
    expect(errors).toEqual([
      [2, 'År', 'Året skal være et år i planens periode 2017–2019.'],
      [3, 'Handling', 'Skal udfyldes.'],
      [3, 'Mål (nr.)', 'Ukendt mål: 9. Planens mål er 1, 2, 3.'],
      [3, 'Ansvarlige', 'Der er ingen godkendt forening ved navn "Findes Ikke".'],
      [3, 'Planlagt fra', '"2018-02-30" er ikke en dato skrevet som 2018-03-01, 01-03-2018 eller 01.03.2018.'],
      [3, 'Måltal', '"mange" er ikke et helt tal.'],
      [5, 'ID', 'Der er ingen handling med ID 999999 i denne handleplan.'],
      [5, 'Ansvarlige', '"Chef: Nogen" skal skrives som "Forening: Navn", "Kommunal enhed: Navn" eller "Andre: Navn".'],
      [5, 'Ansvarlige', 'Flere godkendte foreninger hedder "Tvillingeforeningen".'],
      [5, 'Planlagt til', '"Planlagt til" ligger før "Planlagt fra".'],
    ]);
    expect(response.text).toContain('href="#row-errors"');
    expect(response.text).not.toContain('name="hash"');
    expect(await snapshot()).toEqual(before);
  });

  it('names the columns a file lacks, in the reader’s language', async () => {
    const response = await upload(staffEn, Buffer.from('ID;Action\n;Something\n'), 'short.csv').then(expectStatus(422));
    expect(textOf(response.text)).toContain('The file lacks the columns: Year, Description, Goals (no.), Responsible');
  });
});

describe('bad files', () => {
  it.each([
    ['an empty file', Buffer.alloc(0), 'tom.csv', 'Filen er tom.'],
    ['a PDF', Buffer.from('%PDF-1.4 ...'), 'rapport.pdf', 'Filen skal være en CSV-fil (.csv) eller en Excel-fil (.xlsx).'],
    ['a text file named .xlsx', Buffer.from('ID;År\n'), 'rapport.xlsx', 'Filen skal være en CSV-fil (.csv) eller en Excel-fil (.xlsx).'],
    [
      'a broken XLSX',
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 1)]),
      'rapport.xlsx',
      'Filen kunne ikke læses.',
    ],
    ['a CSV with only a header', csv([]), 'tom.csv', 'Filen har ingen rækker med handlinger.'],
    ['a file over 1 MB', Buffer.alloc(1024 * 1024 + 1, 'a'), 'stor.csv', 'Filen er større end 1 MB.'],
  ])('answers 422 with a clear message for %s', async (_name, data, fileName, message) => {
    const response = await upload(staff, data, fileName).then(expectStatus(422));
    expect(textOf(response.text)).toContain(message);
    expect(response.text).toContain('href="#file"');
  });

  it('refuses an XLSX that would unpack to far more than a spreadsheet of actions (a zip bomb)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Bombe');
    sheet.addRow(['ID', 'År', 'Handling']);
    for (let i = 0; i < 8; i += 1) sheet.addRow(['', '2018', String.fromCharCode(97 + i).repeat(3 * 1024 * 1024)]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(file.length).toBeLessThan(1024 * 1024);
    expect(zipUnpackedSize(file)).toBeGreaterThan(XLSX_MAX_UNPACKED_BYTES);
    expect(zipUnpackedSize(await download(staff, 2017, 'xlsx'))).toBeLessThan(XLSX_MAX_UNPACKED_BYTES);
    const response = await upload(staff, file, 'bombe.xlsx').then(expectStatus(422));
    expect(textOf(response.text)).toContain('Filen kunne ikke læses.');
  });

  it('answers 422 when no file was chosen', async () => {
    const page = await staff.get(importPath()).then(expectStatus(200));
    const response = await staff.post(importPath()).field('_csrf', csrfTokenFrom(page.text)).then(expectStatus(422));
    expect(textOf(response.text)).toContain('Vælg en CSV- eller XLSX-fil.');
  });

  it('reads no file for anyone but staff: anonymous readers go to log in, members are refused', async () => {
    const anonymous = supertest.agent(ctx.app);
    const token = csrfTokenFrom((await anonymous.get('/log-ind')).text);
    const toLogin = await anonymous.post(importPath()).field('_csrf', token).attach('file', csv([]), 'x.csv').expect(303);
    expect(toLogin.headers.location).toBe('/log-ind');
    const member = await logIn(ctx.app, (await aUser(ctx.db.prisma, { associationId: scenario.spire.id })).email, TEST_PASSWORD);
    const memberToken = csrfTokenFrom((await member.get('/min-side')).text);
    await member.post(importPath()).field('_csrf', memberToken).attach('file', csv([]), 'x.csv').expect(403);
  });

  it('still checks the CSRF token of a multipart upload', async () => {
    await staff.post(importPath()).field('_csrf', 'wrong').attach('file', csv([]), 'x.csv').expect(403);
  });
});

/** Text as Windows-1252 bytes (what Danish Excel's "CSV (semikolonsepareret)" writes). */
function cp1252(text: string): Buffer {
  const high: Record<string, number> = { '€': 0x80, '–': 0x96, '—': 0x97, '“': 0x93, '”': 0x94, '‘': 0x91, '’': 0x92, '…': 0x85 };
  return Buffer.from(
    [...text].map((c) => {
      if (c in high) return high[c]!;
      const code = c.charCodeAt(0);
      expect(code, c).toBeLessThan(0x100);
      return code;
    }),
  );
}
const excelDate = (text: string) => text.replace(/(\d{4})-(\d{2})-(\d{2})/g, '$3-$2-$1');

describe('files re-saved by Danish Excel', () => {
  it('reads Windows-1252’s – “ ” € and dates written dd-mm-yyyy or dd.mm.yyyy', async () => {
    const header = 'ID;År;Handling;Beskrivelse;Mål (nr.);Ansvarlige;Planlagt fra;Planlagt til;Indikator;Måltal';
    const file = cp1252([header, ';2019;Kaffe – “gratis” for 10 €;Åben café;1;;01-03-2019;15.06.2019;;'].join('\r\n'));
    const preview = await upload(staff, file, 'excel.csv').then(expectStatus(200));
    expect(textOf(preview.text)).toContain('Kaffe – “gratis” for 10 €');
    await confirmFrom(staff, preview.text).then(expectStatus(303));
    const created = await ctx.db.prisma.planAction.findFirstOrThrow({ where: { planId: scenario.plan.id, description: 'Åben café' } });
    expect(created).toMatchObject({
      title: 'Kaffe – “gratis” for 10 €',
      plannedFrom: new Date('2019-03-01T00:00:00Z'),
      plannedTo: new Date('2019-06-15T00:00:00Z'),
    });
  });

  it('refuses a control character left in a text cell, with a row error', async () => {
    const header = 'ID;År;Handling;Beskrivelse;Mål (nr.);Ansvarlige;Planlagt fra;Planlagt til;Indikator;Måltal';
    // 0x81 is undefined in Windows-1252: it stays a C1 control character.
    const file = Buffer.concat([cp1252(`${header}\r\n;2019;Skadet `), Buffer.from([0x81]), cp1252(' tekst;;1;;;;;')]);
    const page = await upload(staff, file, 'skadet.csv').then(expectStatus(422));
    const errors = textOf(/<table class="table" data-row-errors>[\s\S]*?<\/table>/.exec(page.text)![0]);
    expect(errors).toContain('2 Handling Cellen indeholder et kontroltegn');
  });

  it('previews an export re-saved by Excel (Windows-1252, dd-mm-yyyy) as unchanged', async () => {
    const action = await ctx.db.prisma.planAction.create({
      data: {
        planId: scenario.plan.id,
        year: 2019,
        title: 'Sommerfest – “for alle” til 25 €',
        description: 'Fest i parken',
        plannedFrom: new Date('2019-06-01T00:00:00Z'),
        plannedTo: new Date('2019-06-30T00:00:00Z'),
        sortOrder: 99,
      },
    });
    const exported = (await download(staff, 2019, 'csv')).toString('utf8').replace(/^\uFEFF/, '');
    expect(exported).toContain('2019-06-01');
    const resaved = cp1252(excelDate(exported));
    const preview = await upload(staff, resaved, 'rapport.csv').then(expectStatus(200));
    const rows = [...preview.text.matchAll(/data-kind="(\w+)"/g)].map(([, kind]) => kind);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((kind) => kind === 'unchanged')).toBe(true);
    expect(preview.text).not.toContain('name="hash"');
    await ctx.db.prisma.planAction.delete({ where: { id: action.id } });
  });

  it('shows, per changed row, which fields change from what to what', async () => {
    const file = csv([
      [String(scenario.fredag.id), '2017', 'Frivillig Fredag hver måned', '', '1, 2', 'Kommunal enhed: Kultur og Fritid', '', '', '', ''],
    ]);
    const preview = await upload(staff, file, 'rettet.csv').then(expectStatus(200));
    const changes = [...preview.text.matchAll(/<li data-change>([\s\S]*?)<\/li>/g)].map(([, text]) => textOf(text!));
    expect(changes).toEqual(['Handling: “=Frivillig Fredag” → “Frivillig Fredag hver måned”']);
  });
});
