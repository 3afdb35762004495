// A plan's overview, committee report and its downloads, against the real app and
// database: the matrix's figures, the chart drawing the same figures as its table,
// the report page holding what the CSV and the XLSX hold, and 404s for bad ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** The report page's action rows: per action the dd texts in column order, and the labels. */
function pageRows(html: string): { labels: string[]; rows: string[][] } {
  const sections = [...html.matchAll(/<section class="plan-report-action"[\s\S]*?<\/section>/g)].map(([s]) => s);
  const labels = [...(sections[0] ?? '').matchAll(/<dt>([\s\S]*?)<\/dt>/g)].map(([, l]) => unescapeHtml(l!.trim()));
  const rows = sections.map((s) => [...s.matchAll(/<dd [^>]*data-column="\w+">([\s\S]*?)<\/dd>/g)].map(([, v]) => unescapeHtml(v!)));
  return { labels, rows };
}

async function xlsxRows(data: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(sheet.getColumn(3).width).toBeGreaterThan(20);
  const rows: string[][] = [];
  sheet.eachRow((row) => {
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
    const { labels, rows } = pageRows(page.text);
    expect(labels.slice(0, 3)).toEqual(['ID', 'År', 'Handling']);
    const mentor = rows.find((r) => r[0] === String(scenario.mentor.id))!;
    expect(mentor).toEqual([
      String(scenario.mentor.id),
      '2017',
      'Mentorordning for nye frivillige',
      'Nye frivillige får en erfaren mentor.\nOpstart i foråret.',
      '1',
      `Kommunal enhed: Center for Sundhed; Forening: ${scenario.spire.name}`,
      '',
      '',
      'Antal mentorpar',
      '20',
      '12',
      'I gang',
      '12 mentorpar i gang.',
      'https://example.org/mentor',
      'Fortsæt i 2018',
      '',
    ]);
  });

  it('shows the associations’ own status beside the staff’s, flagged where it differs', async () => {
    const page = await staff.get(report(2018)).then(expectStatus(200));
    const { rows } = pageRows(page.text);
    const mentor = rows.find((r) => r[0] === String(scenario.mentor2018.id))!;
    expect(mentor[11]).toBe('Gennemført');
    expect(mentor[15]).toBe(`${scenario.spire.name}: I gang (afviger fra kommunens status) – Vi mangler stadig mentorer i Virum.`);
    expect(rows.find((r) => r[0] === String(scenario.newIn2018.id))![11]).toBe('Ikke vurderet');
    expect(textOf(page.text)).toContain('Videreført fra 2017');
  });

  it('holds the same rows and values in the page, the CSV and the XLSX, in the reader’s language', async () => {
    for (const [agent, lang] of [
      [staff, 'da'],
      [staffEn, 'en'],
    ] as const) {
      for (const year of [2017, 2018]) {
        const page = pageRows((await agent.get(report(year)).then(expectStatus(200))).text);
        const csvResponse = await asBuffer(agent.get(`${report(year)}.csv`)).then(expectStatus(200));
        expect(csvResponse.headers['content-type']).toBe('text/csv; charset=utf-8');
        expect(csvResponse.headers['content-disposition']).toContain(`handleplan-${scenario.plan.id}-status-${year}.csv`);
        const csvBytes = binary(csvResponse);
        // The UTF-8 byte-order mark Danish Excel needs, and ";" between columns.
        expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const csvText = csvBytes.toString('utf8').slice(1);
        expect(csvText.split('\r\n')[0]).toBe(page.labels.join(';'));
        const csv = (parse(csvText, { delimiter: ';' }) as string[][]).map((row) => row.map((cell) => cell.replace(/^'(?=[=+\-@])/, '')));
        const xlsxResponse = await asBuffer(agent.get(`${report(year)}.xlsx`)).then(expectStatus(200));
        expect(xlsxResponse.headers['content-type']).toContain('spreadsheetml');
        const xlsx = await xlsxRows(binary(xlsxResponse));
        expect(page.rows.length, `${lang} ${year}`).toBeGreaterThan(0);
        expect(csv, `${lang} ${year} csv`).toEqual([page.labels, ...page.rows]);
        expect(xlsx, `${lang} ${year} xlsx`).toEqual([page.labels, ...page.rows]);
      }
    }
  });

  it('guards a cell that a spreadsheet would run as a formula, in the CSV', async () => {
    const response = await asBuffer(staff.get(`${report(2017)}.csv`)).then(expectStatus(200));
    expect(binary(response).toString('utf8')).toContain(";'=Frivillig Fredag;");
  });

  it('shows a year without a review with every action not reviewed, and 404s a year outside the plan', async () => {
    const page = await staff.get(report(2019)).then(expectStatus(200));
    expect(textOf(page.text)).toContain('Der er endnu ingen årlig status for 2019.');
    await staff.get(report(2016)).expect(404);
    await staff.get(report(2020)).expect(404);
    await staff.get(`${PLANS}/${scenario.plan.id}/status/20x7/rapport.csv`).expect(404);
    await staff.get(`${PLANS}/999999/status/2017/rapport.xlsx`).expect(404);
  });
});
