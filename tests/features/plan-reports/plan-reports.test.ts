// A plan's overview, committee report and its downloads, against the real app and
// database: the matrix's figures, the chart drawing the same figures as its table,
// the report page holding what the CSV and the XLSX hold, and 404s for bad ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { Response, Test } from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { type Agent, expectStatus, logIn } from '../../helpers/http.js';
import { aPlan, anAction, aReview, aUser, TEST_PASSWORD } from '../../helpers/factories/index.js';
import { planScenario } from './plan-scenario.js';
import { CHART_WIDTH } from '../../../src/features/plan-reports/plan-report-chart.js';

const PLANS = '/medarbejder/handleplaner';

let ctx: TestContext;
let staff: Agent;
let staffEn: Agent;
let scenario: Awaited<ReturnType<typeof planScenario>>;

beforeAll(async () => {
  ctx = await createTestContext();
  const user = await aUser(ctx.db.prisma, { role: 'STAFF', name: 'Sara Sagsbehandler' });
  staff = await logIn(ctx.app, user.email, TEST_PASSWORD);
  staffEn = await logIn(ctx.app, user.email, TEST_PASSWORD);
  await staffEn.get('/sprog/en').expect(303);
  scenario = await planScenario(ctx.db.prisma, { staffId: user.id });
});
afterAll(() => ctx.close());

const unescapeHtml = (text: string) =>
  text.replaceAll('&#39;', "'").replaceAll('&#34;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
const textOf = (html: string) =>
  unescapeHtml(
    html
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );

/** The block of HTML from the opening tag carrying `marker` to its closing tag. */
function block(html: string, tag: string, marker: string): string {
  const start = html.indexOf(marker);
  expect(start, marker).toBeGreaterThan(-1);
  const open = html.lastIndexOf(`<${tag}`, start);
  const end = html.indexOf(`</${tag}>`, start);
  return html.slice(open, end);
}

describe('the overview', () => {
  it('counts each goal’s actions per year by status, with "not reviewed" apart', async () => {
    const page = await staff.get(`${PLANS}/${scenario.plan.id}/overblik`).then(expectStatus(200));
    const matrix = block(page.text, 'table', 'data-matrix');
    const cells = (goal: number) =>
      [...block(matrix, 'tr', `data-goal="${goal}"`).matchAll(/<td data-year="(\d+)">([\s\S]*?)<\/td>/g)].map(([, year, text]) => [
        Number(year),
        textOf(text!),
      ]);
    expect(cells(1)).toEqual([
      [2017, '1 gennemført, 1 i gang'],
      [2018, '1 gennemført'],
      [2019, '–'],
    ]);
    expect(cells(2)).toEqual([
      [2017, '1 gennemført'],
      [2018, '1 ikke vurderet'],
      [2019, '–'],
    ]);
    expect(cells(3)).toEqual([
      [2017, '1 droppet'],
      [2018, '–'],
      [2019, '–'],
    ]);
  });

  it('draws the progress chart from the same figures as its table', async () => {
    const page = await staff.get(`${PLANS}/${scenario.plan.id}/overblik`).then(expectStatus(200));
    const svg = block(page.text, 'svg', 'class="plan-chart"');
    expect(svg).toContain('role="img"');
    expect(svg).toMatch(/<title id="plan-chart-title">/);
    expect(svg).toMatch(/<desc id="plan-chart-desc">/);
    const table = block(page.text, 'table', 'data-progress');
    const fromTable = new Map<number, Record<string, number>>();
    for (const [, goal, row] of table.matchAll(/<tr data-goal="(\d+)">([\s\S]*?)<\/tr>/g)) {
      fromTable.set(
        Number(goal),
        Object.fromEntries([...row!.matchAll(/<td data-status="(\w+)">(\d+)<\/td>/g)].map(([, status, count]) => [status!, Number(count)])),
      );
    }
    expect(fromTable.get(1)).toMatchObject({ DONE: 2, IN_PROGRESS: 0, NOT_REVIEWED: 0 });
    expect(fromTable.get(2)).toMatchObject({ DONE: 1, NOT_REVIEWED: 1 });
    expect(fromTable.get(3)).toMatchObject({ DROPPED: 1 });
    const groups = [...svg.matchAll(/<g data-goal="(\d+)">([\s\S]*?)<\/g>/g)];
    expect(groups.map(([, goal]) => goal)).toEqual(['1', '2', '3']);
    for (const [, goal, group] of groups) {
      const counts = fromTable.get(Number(goal))!;
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      const segments = [...group!.matchAll(/data-status="(\w+)" x="[\d.]+" y="[\d.]+" width="([\d.]+)"/g)].map(([, status, width]) => [
        status,
        Math.round((Number(width) / CHART_WIDTH) * total * 100) / 100,
      ]);
      // Each segment's width is its category's share of the goal's actions in the table.
      expect(segments, `goal ${goal}`).toEqual(
        Object.entries(counts)
          .filter(([, count]) => count > 0)
          .map(([status, count]) => [status, count]),
      );
      const figures = [...group!.matchAll(/<text [^>]*data-figures>([^<]*)<\/text>/g)].map(([, text]) => text).join(' ');
      for (const [status, count] of Object.entries(counts)) {
        if (count > 0)
          expect(figures).toContain(
            `${count} ${{ DONE: 'gennemført', IN_PROGRESS: 'i gang', NOT_STARTED: 'ikke startet', POSTPONED: 'udskudt', DROPPED: 'droppet', NOT_REVIEWED: 'ikke vurderet' }[status]}`,
          );
      }
    }
  });

  it('says what changed since last year: counts of the two latest reviews and the actions whose status changed', async () => {
    const page = await staff.get(`${PLANS}/${scenario.plan.id}/overblik`).then(expectStatus(200));
    const changes = block(page.text, 'table', 'data-changes');
    expect(textOf(block(changes, 'tr', 'data-goal="1"'))).toBe('Mål 1: Mål 1 1 gennemført 1 gennemført, 1 i gang');
    expect(textOf(block(page.text, 'ul', 'data-changed'))).toBe('Mentorordning for nye frivillige: I gang i 2017, Gennemført i 2018');
    expect(page.text).toContain(`href="${PLANS}/${scenario.plan.id}/status/2018/rapport"`);
  });

  it('says when a compared year’s review is not final ("2018: kladde")', async () => {
    const page = await staff.get(`${PLANS}/${scenario.plan.id}/overblik`).then(expectStatus(200));
    const changes = block(page.text, 'table', 'data-changes');
    expect(textOf(block(changes, 'thead', '<tr>'))).toBe('Mål 2018: kladde 2017');
    expect(textOf(block(page.text, 'p', 'data-intro-of-changes'))).toContain('2018: kladde og 2017');
    const en = await staffEn.get(`${PLANS}/${scenario.plan.id}/overblik`).then(expectStatus(200));
    expect(textOf(block(en.text, 'p', 'data-intro-of-changes'))).toContain('2018: draft and 2017');
  });

  it('counts an entry not assessed yet (no status) as "ikke vurderet", and neither a step back nor a newer status', async () => {
    const plan = await aPlan(ctx.db.prisma, { title: 'Plan med uvurderede handlinger', firstYear: 2017, lastYear: 2019 });
    const first = await anAction(ctx.db.prisma, plan.id, { year: 2017, title: 'Læsehjælp', goalNumbers: [1] });
    await aReview(ctx.db.prisma, plan.id, 2017, { state: 'FINALISED', statuses: { [first.id]: 'IN_PROGRESS' } });
    const carried = await anAction(ctx.db.prisma, plan.id, { year: 2018, title: 'Læsehjælp', goalNumbers: [1], carriedFromId: first.id });
    const review = await aReview(ctx.db.prisma, plan.id, 2018);
    await ctx.db.prisma.planReviewEntry.updateMany({ where: { reviewId: review.id, actionId: carried.id }, data: { status: null } });
    const page = await staff.get(`${PLANS}/${plan.id}/overblik`).then(expectStatus(200));
    const matrix = block(page.text, 'table', 'data-matrix');
    expect(textOf(block(matrix, 'td', 'data-year="2018"'))).toBe('1 ikke vurderet');
    expect(page.text).not.toContain('data-changed');
    expect(textOf(block(page.text, 'ul', 'data-not-assessed'))).toBe('Læsehjælp (I gang i 2017)');
    const progress = block(page.text, 'table', 'data-progress');
    expect(block(progress, 'td', 'data-status="IN_PROGRESS"')).toContain('>1');
    expect(block(progress, 'td', 'data-status="NOT_REVIEWED"')).toContain('>0');
    expect(textOf(block(page.text, 'desc', 'id="plan-chart-desc"'))).toContain('seneste vurderede status');
  });

  it('is in English for an English reader', async () => {
    const page = await staffEn.get(`${PLANS}/${scenario.plan.id}/overblik`).then(expectStatus(200));
    expect(textOf(block(block(page.text, 'table', 'data-matrix'), 'tr', 'data-goal="1"'))).toContain('1 done, 1 in progress');
    expect(page.text).toContain('What changed since last year');
  });

  it('answers 404 for a plan that does not exist or a bad id', async () => {
    await staff.get(`${PLANS}/999999/overblik`).expect(404);
    await staff.get(`${PLANS}/abc/overblik`).expect(404);
  });
});

interface PageAction {
  id: string;
  title: string;
  /** The fields the page shows, by column: the text, and a date's machine-readable value. */
  fields: Map<string, { text: string; datetime: string | null }>;
}

/** The report page's actions: per action its heading and the fields it shows. */
function pageActions(html: string): PageAction[] {
  return [...html.matchAll(/<section class="plan-report-action" data-action="(\d+)"[\s\S]*?<\/section>/g)].map(([section, id]) => ({
    id: id!,
    title: unescapeHtml(/<h3[^>]*>([\s\S]*?)<\/h3>/.exec(section)![1]!),
    fields: new Map(
      [...section.matchAll(/<dd [^>]*data-column="(\w+)">([\s\S]*?)<\/dd>/g)].map(([, column, value]) => [
        column!,
        { text: textOf(value!), datetime: /<time datetime="([^"]+)">/.exec(value!)?.[1] ?? null },
      ]),
    ),
  }));
}

/** What a page's action says in the file's terms: one value per column of the file, in its order. */
function asFileRow(action: PageAction, year: number, columns: readonly string[]): string[] {
  return columns.map((column) => {
    if (column === 'id') return action.id;
    if (column === 'year') return String(year);
    if (column === 'title') return action.title;
    const field = action.fields.get(column);
    return field ? (field.datetime ?? field.text) : '';
  });
}

const DA_LABELS: Record<string, string> = JSON.parse(
  readFileSync(new URL('../../../src/i18n/locales/da/plan-reports.json', import.meta.url), 'utf8'),
).planReports.columns;
const EN_LABELS: Record<string, string> = JSON.parse(
  readFileSync(new URL('../../../src/i18n/locales/en/plan-reports.json', import.meta.url), 'utf8'),
).planReports.columns;

const FILE_COLUMNS = [
  'id',
  'year',
  'title',
  'description',
  'goals',
  'responsibles',
  'plannedFrom',
  'plannedTo',
  'indicator',
  'indicatorTarget',
  'indicatorActual',
  'status',
  'whatHappened',
  'evidence',
  'nextStep',
  'partners',
];

/** The XLSX's rows from its header on (`titleRows`: rows above the header, e.g. "not final"). */
async function xlsxRows(data: Buffer, titleRows = 0): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 + titleRows });
  expect(sheet.getColumn(3).width).toBeGreaterThan(20);
  const rows: string[][] = [];
  sheet.eachRow((row, number) => {
    if (number <= titleRows) return;
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c += 1) {
      const value = row.getCell(c).value;
      cells.push(value === null || value === undefined ? '' : String(value));
    }
    rows.push(cells);
  });
  return rows;
}

const binary = (response: Response) => response.body as Buffer;
const asBuffer = <T extends Test>(request: T) =>
  request.buffer(true).parse((res, callback) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => callback(null, Buffer.concat(chunks)));
  });

describe('the committee report', () => {
  const report = (year: number) => `${PLANS}/${scenario.plan.id}/status/${year}/rapport`;

  it('shows the plan, the year, the meeting, each action with its review entry, the decisions and corrections', async () => {
    const page = await staff.get(report(2017)).then(expectStatus(200));
    const text = textOf(page.text);
    expect(text).toContain('Statusrapport 2017: Handleplan for frivillighed 2017–2019');
    expect(text).toContain('Den årlige status er: Endelig');
    expect(text).toContain('29. september 2017');
    expect(text).toContain('Lyngby Rådhus');
    expect(text).toContain('Social- og Sundhedsudvalget');
    expect(text).toContain('17/1234');
    expect(text).toContain('Fejl i referatet');
    expect(text).toContain('Frivilligbørs: Status Udskudt Droppet Fejl i referatet');
    expect(textOf(block(page.text, 'table', 'data-year-summary'))).toContain(
      'Mål 1: Mål 1 1 gennemført, 1 i gang Mål 2: Mål 2 1 gennemført Mål 3: Mål 3 1 droppet',
    );
    expect(text).toContain('Sara Sagsbehandler');
    const mentor = pageActions(page.text).find((a) => a.id === String(scenario.mentor.id))!;
    expect(mentor.title).toBe('Mentorordning for nye frivillige');
    // Laid out for people: no ID, year or title repeated, dates written out, empty fields left out.
    expect([...mentor.fields.entries()].map(([column, f]) => [column, f.text])).toEqual([
      ['description', 'Nye frivillige får en erfaren mentor. Opstart i foråret.'],
      ['goals', '1'],
      ['responsibles', `Kommunal enhed: Center for Sundhed; Forening: ${scenario.spire.name}`],
      ['plannedFrom', '1. marts 2017'],
      ['plannedTo', '31. december 2017'],
      ['indicator', 'Antal mentorpar'],
      ['indicatorTarget', '20'],
      ['indicatorActual', '12'],
      ['status', 'I gang'],
      ['whatHappened', '12 mentorpar i gang.'],
      ['evidence', 'https://example.org/mentor'],
      ['nextStep', 'Fortsæt i 2018'],
    ]);
    expect(mentor.fields.get('plannedFrom')?.datetime).toBe('2017-03-01');
    const section = /<section class="plan-report-action" data-action="\d+"[\s\S]*?<\/section>/.exec(page.text)![0];
    expect(section).not.toMatch(/<dt>(ID|År|Handling)<\/dt>/);
    const fredag = pageActions(page.text).find((a) => a.id === String(scenario.fredag.id))!;
    expect(fredag.fields.has('description')).toBe(false);
    expect(fredag.fields.has('plannedFrom')).toBe(false);
  });

  it('shows the associations’ own status beside the staff’s, flagged where it differs', async () => {
    const page = await staff.get(report(2018)).then(expectStatus(200));
    const actions = pageActions(page.text);
    const mentor = actions.find((a) => a.id === String(scenario.mentor2018.id))!;
    expect(mentor.fields.get('status')?.text).toBe('Gennemført');
    expect(mentor.fields.get('partners')?.text).toBe(
      `${scenario.spire.name}: I gang (afviger fra kommunens status) – Vi mangler stadig mentorer i Virum.`,
    );
    expect(actions.find((a) => a.id === String(scenario.newIn2018.id))!.fields.get('status')?.text).toBe('Ikke vurderet');
    expect(textOf(page.text)).toContain('Videreført fra 2017');
  });

  it('holds the same actions and values in the page, the CSV and the XLSX, in the reader’s language', async () => {
    for (const [agent, lang] of [
      [staff, 'da'],
      [staffEn, 'en'],
    ] as const) {
      for (const year of [2017, 2018]) {
        const suffix = year === 2018 ? '-kladde' : '';
        const labels = FILE_COLUMNS.map((column) => (lang === 'da' ? DA_LABELS : EN_LABELS)[column]!);
        const page = pageActions((await agent.get(report(year)).then(expectStatus(200))).text).map((a) => asFileRow(a, year, FILE_COLUMNS));
        const csvResponse = await asBuffer(agent.get(`${report(year)}.csv`)).then(expectStatus(200));
        expect(csvResponse.headers['content-type']).toBe('text/csv; charset=utf-8');
        expect(csvResponse.headers['content-disposition']).toContain(`handleplan-${scenario.plan.id}-status-${year}${suffix}.csv`);
        const csvBytes = binary(csvResponse);
        // The UTF-8 byte-order mark Danish Excel needs, and ";" between columns.
        expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const csvText = csvBytes.toString('utf8').slice(1);
        expect(csvText.split('\r\n')[0]).toBe(labels.join(';'));
        const csv = (parse(csvText, { delimiter: ';' }) as string[][]).map((row) => row.map((cell) => cell.replace(/^'(?=[=+\-@])/, '')));
        const xlsxResponse = await asBuffer(agent.get(`${report(year)}.xlsx`)).then(expectStatus(200));
        expect(xlsxResponse.headers['content-type']).toContain('spreadsheetml');
        expect(xlsxResponse.headers['content-disposition']).toContain(`handleplan-${scenario.plan.id}-status-${year}${suffix}.xlsx`);
        const xlsx = await xlsxRows(binary(xlsxResponse), year === 2018 ? 1 : 0);
        expect(page.length, `${lang} ${year}`).toBeGreaterThan(0);
        // The page's text keeps its line breaks as spaces; the files keep them.
        const flat = (rows: string[][]) => rows.map((row) => row.map((cell) => cell.replace(/\s+/g, ' ').trim()));
        expect(flat(csv), `${lang} ${year} csv`).toEqual([labels, ...page]);
        expect(flat(xlsx), `${lang} ${year} xlsx`).toEqual([labels, ...page]);
      }
    }
  });

  it('marks a report that is not final: "Kladde — ikke godkendt" on the page, the state in the XLSX, "-kladde" in the file names', async () => {
    const draft = await staff.get(report(2018)).then(expectStatus(200));
    expect(textOf(block(draft.text, 'div', 'data-not-final="DRAFT"'))).toContain('Kladde — ikke godkendt');
    const final = await staff.get(report(2017)).then(expectStatus(200));
    expect(final.text).not.toContain('data-not-final');
    const xlsxResponse = await asBuffer(staff.get(`${report(2018)}.xlsx`)).then(expectStatus(200));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(binary(xlsxResponse) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Statusrapport 2018 kladde');
    expect(String(sheet.getRow(1).getCell(1).value)).toBe(
      'Statusrapport 2018: Handleplan for frivillighed 2017–2019 — Kladde — ikke godkendt',
    );
    expect(String(sheet.getRow(2).getCell(1).value)).toBe('ID');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    const committee = await aPlan(ctx.db.prisma, { title: 'Plan til udvalg', firstYear: 2017, lastYear: 2017 });
    await anAction(ctx.db.prisma, committee.id, { year: 2017, title: 'Noget' });
    await aReview(ctx.db.prisma, committee.id, 2017, { state: 'IN_COMMITTEE' });
    const csv = await asBuffer(staffEn.get(`${PLANS}/${committee.id}/status/2017/rapport.csv`)).then(expectStatus(200));
    expect(csv.headers['content-disposition']).toContain(`handleplan-${committee.id}-status-2017-til-udvalg.csv`);
    const page = await staffEn.get(`${PLANS}/${committee.id}/status/2017/rapport`).then(expectStatus(200));
    expect(textOf(block(page.text, 'div', 'data-not-final="IN_COMMITTEE"'))).toContain('With the committees — not approved');
  });

  it('says once that a year has no actions, and offers no downloads', async () => {
    const plan = await aPlan(ctx.db.prisma, { title: 'Tom plan', firstYear: 2017, lastYear: 2018 });
    const page = await staff.get(`${PLANS}/${plan.id}/status/2018/rapport`).then(expectStatus(200));
    expect(textOf(page.text).split('Planen har ingen handlinger for 2018.').length - 1).toBe(1);
    expect(page.text).not.toContain('rapport.csv');
    expect(page.text).not.toContain('rapport.xlsx');
    expect(page.text).not.toContain('data-year-summary');
    expect(textOf(page.text)).not.toContain('ikke vurderet');
  });

  it('guards a cell that a spreadsheet would run as a formula, in the CSV', async () => {
    const response = await asBuffer(staff.get(`${report(2017)}.csv`)).then(expectStatus(200));
    expect(binary(response).toString('utf8')).toContain(";'=Frivillig Fredag;");
  });

  it('shows a year without a review or actions as such (once), and 404s a year outside the plan', async () => {
    const page = await staff.get(report(2019)).then(expectStatus(200));
    expect(textOf(page.text)).toContain('Planen har ingen handlinger for 2019.');
    expect(textOf(page.text)).not.toContain('Der er endnu ingen årlig status for 2019.');
    await staff.get(report(2016)).expect(404);
    await staff.get(report(2020)).expect(404);
    await staff.get(`${PLANS}/${scenario.plan.id}/status/20x7/rapport.csv`).expect(404);
    await staff.get(`${PLANS}/999999/status/2017/rapport.xlsx`).expect(404);
  });
});
