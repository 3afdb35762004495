// The progress chart's geometry: one stacked horizontal bar per goal, its segments the
// status shares. Drawn on the server as inline SVG (views/plan-reports/chart.ejs), so it
// needs no script. Colour is never the only cue: every category has its own pattern
// (the legend shows the same swatches) and the figures are written under each bar as
// text. The viewBox is narrow (340 units) so the text stays readable when the chart
// shrinks to a 320 px screen; it is drawn no wider than its container.
import { CATEGORIES, nonZero, type ProgressRow, type StatusCategory } from './plan-report-counts.js';

export const CHART_WIDTH = 340;
const FONT = 15;
const LINE = 19;
const BAR_HEIGHT = 22;
const GAP = 14;
/** An estimate of a character's width, for wrapping text (SVG text does not wrap). */
const CHAR = FONT * 0.56;

/** The pattern id and colours of each category (views/plan-reports/chart.ejs draws them). */
export const PATTERNS: Record<StatusCategory, { id: string; fill: string; ink: string }> = {
  DONE: { id: 'pr-done', fill: '#00823b', ink: '#00823b' },
  IN_PROGRESS: { id: 'pr-progress', fill: '#cce7d7', ink: '#00823b' },
  NOT_STARTED: { id: 'pr-not-started', fill: '#ffffff', ink: '#1a1a1a' },
  POSTPONED: { id: 'pr-postponed', fill: '#fff1c2', ink: '#8a5a00' },
  DROPPED: { id: 'pr-dropped', fill: '#f6d4d4', ink: '#b0001c' },
  NOT_REVIEWED: { id: 'pr-not-reviewed', fill: '#e6e6e6', ink: '#595959' },
};

/** Greedy word wrap by estimated width; a word longer than a line stands alone. */
export function wrapText(text: string, width: number = CHART_WIDTH): string[] {
  const perLine = Math.max(8, Math.floor(width / CHAR));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && (line + ' ' + word).length > perLine) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

export interface ChartSegment {
  category: StatusCategory;
  x: number;
  width: number;
  pattern: string;
}

export interface ChartBar {
  goalNumber: number;
  /** The goal's name, wrapped, above the bar. */
  labelLines: { y: number; text: string }[];
  barY: number;
  segments: ChartSegment[];
  /** The figures ("3 gennemført, 1 i gang"), wrapped, under the bar. */
  figureLines: { y: number; text: string }[];
}

export interface Chart {
  width: number;
  height: number;
  font: number;
  barHeight: number;
  bars: ChartBar[];
}

/**
 * Lays the bars out top to bottom. `label(goalNumber)` names a goal and
 * `figures(row)` writes its counts as text, both in the reader's language.
 */
export function progressChart(
  rows: readonly ProgressRow[],
  label: (goalNumber: number) => string,
  figures: (row: ProgressRow) => string,
): Chart {
  let y = 0;
  const bars = rows.map((row) => {
    const labelLines = wrapText(label(row.goalNumber)).map((text) => {
      y += LINE;
      return { y: y - 4, text };
    });
    const barY = y + 4;
    y = barY + BAR_HEIGHT;
    let x = 0;
    const segments = nonZero(row.counts).map(({ category, count }) => {
      const width = (count / row.total) * CHART_WIDTH;
      const segment = { category, x, width, pattern: PATTERNS[category].id };
      x += width;
      return segment;
    });
    const figureLines = wrapText(figures(row)).map((text) => {
      y += LINE;
      return { y: y - 2, text };
    });
    y += GAP;
    return { goalNumber: row.goalNumber, labelLines, barY, segments, figureLines };
  });
  return { width: CHART_WIDTH, height: Math.max(y, LINE), font: FONT, barHeight: BAR_HEIGHT, bars };
}

/** The legend's entries, in drawing order. */
export const legendCategories = CATEGORIES;
