/**
 * What a benchmark reports and how it is shown: figures with a baseline measured in the same run, a goal each
 * figure is checked against, and the Markdown table / JSON file that `npm run bench` writes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A goal, checked against a figure's value or its ratio to the baseline. */
export interface Goal {
  /** How the goal reads in the table, e.g. `ratio ≥ 0.95`. */
  text: string;
  met(value: number, ratio: number | undefined): boolean;
}

/** One measured number. */
export interface Figure {
  /** The area it belongs to, e.g. `Streaming`. */
  area: string;
  measure: string;
  /** `null` when the measurement could not be made (see `note`). */
  value: number | null;
  unit: string;
  /** The same quantity measured in the same run under baseline conditions; the ratio is value / baseline. */
  baseline?: { label: string; value: number };
  goal?: Goal;
  note?: string;
  /** The benchmark that should have produced this figure crashed (`note` says how). */
  failed?: boolean;
}

export type Status = 'PASS' | 'FAIL' | 'SKIP' | 'ERROR' | 'info';

/** A figure with its ratio and verdict, as written to the JSON file. */
export interface EvaluatedFigure extends Omit<Figure, 'goal' | 'failed'> {
  ratio?: number;
  /** The goal's text. */
  goal?: string;
  status: Status;
}

/** What one section of the benchmark returns. */
export interface SectionResult {
  figures: Figure[];
  /** Facts about the environment found while measuring (e.g. the Chromium version). */
  facts?: Record<string, string>;
}

/** Goal: value ≤ limit. */
export function atMost(limit: number, unit: string): Goal {
  return { text: `≤ ${formatValue(limit, unit)}`, met: (v) => v <= limit };
}

/** Goal: value < limit. */
export function below(limit: number, unit: string): Goal {
  return { text: `< ${formatValue(limit, unit)}`, met: (v) => v < limit };
}

/** Goal: value / baseline ≥ limit. */
export function ratioAtLeast(limit: number): Goal {
  return { text: `ratio ≥ ${limit}`, met: (_v, r) => r !== undefined && r >= limit };
}

/** Goal: value / baseline ≤ limit. */
export function ratioAtMost(limit: number): Goal {
  return { text: `ratio ≤ ${limit}`, met: (_v, r) => r !== undefined && r <= limit };
}

/** Goal: a count of problems is zero. */
export const none: Goal = { text: '= 0', met: (v) => v === 0 };

/** Computes the ratio and the verdict of a figure. */
export function evaluate(figure: Figure): EvaluatedFigure {
  const { goal, failed, ...rest } = figure;
  const ratio = figure.value !== null && figure.baseline && figure.baseline.value !== 0 ? figure.value / figure.baseline.value : undefined;
  let status: Status = 'info';
  if (failed) status = 'ERROR';
  else if (figure.value === null) status = 'SKIP';
  else if (goal) status = goal.met(figure.value, ratio) ? 'PASS' : 'FAIL';
  return { ...rest, ratio, goal: goal?.text, status };
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB'];

/** A number for people: bytes as B/KB/MB (1024-based), others with three significant digits and thousands separators. */
function formatValue(value: number, unit: string): string {
  if (unit === 'bytes') {
    let v = value;
    let i = 0;
    while (Math.abs(v) >= 1024 && i < BYTE_UNITS.length - 1) {
      v /= 1024;
      i++;
    }
    return `${i === 0 ? v : Number(v.toPrecision(3))} ${BYTE_UNITS[i]}`;
  }
  const rounded = Math.abs(value) >= 1000 ? Math.round(value) : Number(value.toPrecision(3));
  const text = rounded.toLocaleString('en-US', { maximumFractionDigits: 6 });
  return unit ? `${text} ${unit}` : text;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The figures as a Markdown table (what the README shows). */
export function markdownTable(figures: readonly EvaluatedFigure[]): string {
  const rows = [
    '| Area | Measure | Value | Baseline (same run) | Ratio | Goal | Result |',
    '| --- | --- | ---: | --- | ---: | --- | --- |',
  ];
  for (const f of figures) {
    const value = f.value === null ? `n/a${f.note ? ` (${f.note})` : ''}` : formatValue(f.value, f.unit);
    const baseline = f.baseline ? `${f.baseline.label}: ${formatValue(f.baseline.value, f.unit)}` : '';
    const ratio = f.ratio === undefined ? '' : f.ratio.toFixed(f.ratio < 10 ? 3 : 1);
    rows.push(`| ${[f.area, f.measure, value, baseline, ratio, f.goal ?? '', f.status].map(cell).join(' | ')} |`);
  }
  return rows.join('\n');
}

/** Notes of figures that have one, as a Markdown list (why a goal fails, what a number means). */
export function markdownNotes(figures: readonly EvaluatedFigure[]): string {
  return figures
    .filter((f) => f.note && f.value !== null)
    .map((f) => `- ${f.area} / ${f.measure}: ${f.note}`)
    .join('\n');
}

/** Writes the JSON report, creating its folder. */
export function writeJson(path: string, data: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
}
