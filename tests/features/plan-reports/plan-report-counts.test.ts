// The overview's counting, on plain rows: the goals × years matrix, progress per goal
// (a carried-over action counted once, with its newest status), what changed between
// the two latest reviews, and the chart laid out from the same figures.
import { describe, expect, it } from 'vitest';
import {
  NO_GOAL,
  changesSinceLastYear,
  countStatuses,
  currentActions,
  goalProgress,
  goalRows,
  goalYearMatrix,
  nonZero,
  type CountedAction,
} from '../../../src/features/plan-reports/plan-report-counts.js';
import { CHART_WIDTH, progressChart, wrapText } from '../../../src/features/plan-reports/plan-report-chart.js';

let nextId = 1;
function action(year: number, goalNumbers: number[], status: CountedAction['status'], carriedFromId: number | null = null): CountedAction {
  const id = nextId++;
  return { id, year, title: `Handling ${id}`, goalNumbers, status, carriedFromId };
}

const goals = [
  { number: 2, title: 'Mål to' },
  { number: 1, title: 'Mål et' },
];

describe('counting statuses', () => {
  it('counts each category, NOT_REVIEWED apart from NOT_STARTED, and lists the non-zero in order', () => {
    const counts = countStatuses([{ status: 'DONE' }, { status: 'NOT_REVIEWED' }, { status: 'DONE' }, { status: 'NOT_STARTED' }]);
    expect(counts).toEqual({ DONE: 2, IN_PROGRESS: 0, NOT_STARTED: 1, POSTPONED: 0, DROPPED: 0, NOT_REVIEWED: 1 });
    expect(nonZero(counts)).toEqual([
      { category: 'DONE', count: 2 },
      { category: 'NOT_STARTED', count: 1 },
      { category: 'NOT_REVIEWED', count: 1 },
    ]);
  });

  it('orders the goal rows by number and adds "no goal" only when an action has none', () => {
    expect(goalRows(goals, [action(2017, [1], 'DONE')])).toEqual([1, 2]);
    expect(goalRows(goals, [action(2017, [], 'DONE')])).toEqual([1, 2, NO_GOAL]);
  });
});

describe('the goals × years matrix', () => {
  it('counts each year’s actions under each of their goals', () => {
    const actions = [
      action(2017, [1], 'DONE'),
      action(2017, [1, 2], 'IN_PROGRESS'),
      action(2018, [2], 'NOT_REVIEWED'),
      action(2018, [], 'DROPPED'),
      action(2019, [1], 'DONE'),
    ];
    const matrix = goalYearMatrix([1, 2, NO_GOAL], [2017, 2018], actions);
    expect(matrix.map((row) => [row.goalNumber, row.cells.map((c) => [c.year, c.total, nonZero(c.counts)])])).toEqual([
      [
        1,
        [
          [
            2017,
            2,
            [
              { category: 'DONE', count: 1 },
              { category: 'IN_PROGRESS', count: 1 },
            ],
          ],
          [2018, 0, []],
        ],
      ],
      [
        2,
        [
          [2017, 1, [{ category: 'IN_PROGRESS', count: 1 }]],
          [2018, 1, [{ category: 'NOT_REVIEWED', count: 1 }]],
        ],
      ],
      [
        NO_GOAL,
        [
          [2017, 0, []],
          [2018, 1, [{ category: 'DROPPED', count: 1 }]],
        ],
      ],
    ]);
  });
});

describe('progress per goal', () => {
  it('counts a carried-over action once, with the status of its latest year', () => {
    const first = action(2017, [1], 'IN_PROGRESS');
    const carried = action(2018, [1], 'DONE', first.id);
    const other = action(2017, [2], 'POSTPONED');
    expect(currentActions([first, carried, other]).map((a) => a.id)).toEqual([carried.id, other.id]);
    const progress = goalProgress([1, 2], [first, carried, other]);
    expect(progress.map((p) => [p.goalNumber, p.total, nonZero(p.counts)])).toEqual([
      [1, 1, [{ category: 'DONE', count: 1 }]],
      [2, 1, [{ category: 'POSTPONED', count: 1 }]],
    ]);
  });
});

describe('progress per goal, with actions not assessed yet', () => {
  it('uses each carried chain’s latest ASSESSED status, not a newer copy nobody has assessed', () => {
    const first = action(2017, [1], 'IN_PROGRESS');
    const second = action(2018, [1], 'DONE', first.id);
    const third = action(2019, [1], 'NOT_REVIEWED', second.id);
    const fresh = action(2019, [2], 'NOT_REVIEWED');
    const progress = goalProgress([1, 2], [first, second, third, fresh]);
    expect(progress.map((p) => [p.goalNumber, p.total, nonZero(p.counts)])).toEqual([
      [1, 1, [{ category: 'DONE', count: 1 }]],
      [2, 1, [{ category: 'NOT_REVIEWED', count: 1 }]],
    ]);
  });
});

describe('what changed since last year, with a draft and actions not assessed yet', () => {
  it('names the reviews’ states and does not present an unassessed action as a change', () => {
    const a2017 = action(2017, [1], 'DONE');
    const b2017 = action(2017, [1], 'IN_PROGRESS');
    const a2018 = action(2018, [1], 'NOT_REVIEWED', a2017.id);
    const b2018 = action(2018, [1], 'DONE', b2017.id);
    const changes = changesSinceLastYear(
      [1],
      [2017, 2018],
      [a2017, b2017, a2018, b2018],
      new Map([
        [2017, 'FINALISED'],
        [2018, 'DRAFT'],
      ]),
    );
    expect(changes).toMatchObject({ year: 2018, yearState: 'DRAFT', previousYear: 2017, previousState: 'FINALISED' });
    expect(changes?.changed.map((c) => [c.actionId, c.from, c.to])).toEqual([[b2018.id, 'IN_PROGRESS', 'DONE']]);
    expect(changes?.notAssessed.map((c) => [c.actionId, c.from, c.to])).toEqual([[a2018.id, 'DONE', 'NOT_REVIEWED']]);
  });
});

describe('what changed since last year', () => {
  it('is nothing without a review, and has no earlier year with one review', () => {
    expect(changesSinceLastYear([1], [], [action(2017, [1], 'DONE')])).toBeNull();
    const one = changesSinceLastYear([1], [2017], [action(2017, [1], 'DONE')]);
    expect(one).toMatchObject({ year: 2017, previousYear: null, changed: [] });
    expect(one?.perGoal[0]?.previous).toBeNull();
  });

  it('compares the two latest reviews: counts per goal, and carried actions whose status changed', () => {
    const a2017 = action(2017, [1], 'IN_PROGRESS');
    const b2017 = action(2017, [2], 'IN_PROGRESS');
    const old2016 = action(2016, [1], 'POSTPONED');
    const a2018 = action(2018, [1], 'DONE', a2017.id);
    const b2018 = action(2018, [2], 'IN_PROGRESS', b2017.id);
    const c2018 = action(2018, [1], 'NOT_REVIEWED', old2016.id);
    const changes = changesSinceLastYear([1, 2], [2016, 2018, 2017], [a2017, b2017, old2016, a2018, b2018, c2018]);
    expect(changes?.year).toBe(2018);
    expect(changes?.previousYear).toBe(2017);
    expect(changes?.perGoal.map((g) => [g.goalNumber, nonZero(g.current), nonZero(g.previous!)])).toEqual([
      [
        1,
        [
          { category: 'DONE', count: 1 },
          { category: 'NOT_REVIEWED', count: 1 },
        ],
        [{ category: 'IN_PROGRESS', count: 1 }],
      ],
      [2, [{ category: 'IN_PROGRESS', count: 1 }], [{ category: 'IN_PROGRESS', count: 1 }]],
    ]);
    // b did not change; c came from 2016, not from the previous review's year.
    expect(changes?.changed).toEqual([{ actionId: a2018.id, title: a2018.title, goalNumbers: [1], from: 'IN_PROGRESS', to: 'DONE' }]);
  });
});

describe('the progress chart', () => {
  it('stacks each goal’s shares across the full width, in category order, with its label and figures as text', () => {
    const rows = goalProgress(
      [1, 2],
      [action(2017, [1], 'DONE'), action(2017, [1], 'DONE'), action(2017, [1], 'DROPPED'), action(2017, [2], 'NOT_REVIEWED')],
    );
    const chart = progressChart(
      rows,
      (n) => `Mål ${n}`,
      (row) => `${row.total} handlinger`,
    );
    const [first, second] = chart.bars;
    expect(first?.segments.map((s) => [s.category, Math.round(s.width)])).toEqual([
      ['DONE', Math.round((CHART_WIDTH * 2) / 3)],
      ['DROPPED', Math.round(CHART_WIDTH / 3)],
    ]);
    expect(first?.segments[1]?.x).toBeCloseTo((CHART_WIDTH * 2) / 3);
    expect(first?.labelLines.map((l) => l.text)).toEqual(['Mål 1']);
    expect(first?.figureLines.map((l) => l.text)).toEqual(['3 handlinger']);
    expect(second?.segments.map((s) => [s.category, s.width])).toEqual([['NOT_REVIEWED', CHART_WIDTH]]);
    expect(second!.barY).toBeGreaterThan(first!.figureLines.at(-1)!.y);
    expect(chart.height).toBeGreaterThan(second!.figureLines.at(-1)!.y);
  });

  it('wraps long text into lines that fit the width', () => {
    const lines = wrapText('3 gennemført, 1 i gang, 2 ikke startet, 4 udskudt, 1 droppet, 7 ikke vurderet');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe('3 gennemført, 1 i gang, 2 ikke startet, 4 udskudt, 1 droppet, 7 ikke vurderet');
  });
});
