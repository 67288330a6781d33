/**
 * The benchmark's report: a Markdown table of every figure beside its target (✓/✗), the profile
 * summaries, and the JSON file `--json` asks for.
 */
import type { MainFigures } from './main-side';
import type { ProfileSummary } from './profile';
import type { RendererDetails, RendererFigures } from './renderer-side';
import { SIZES } from './workloads';

/** Where and when the figures were taken. */
export interface Machine {
  cpu: string;
  cores: number;
  node: string;
  chromium: string;
  date: string;
  seed: number;
}

/** Everything `--json` writes. */
export interface Figures {
  renderer: RendererFigures;
  main: MainFigures;
  machine: Machine;
}

interface Row {
  figure: string;
  result: string;
  target: string;
  /** Whether the target is met; null when there is none. */
  isMet: boolean | null;
}

const ms = (value: number): string =>
  Number.isNaN(value) ? 'n/a' : `${value >= 100 ? Math.round(value).toLocaleString('en') : value.toFixed(1)} ms`;
const within = (value: number, limit: number): boolean => value <= limit;
const SIZE_NAMES: Record<string, string> = {
  '20k': '20 k chars, 100 spans',
  '200k': '200 k, 2,000',
  '1m': '1 MiB, 10,000',
};

const EXPORT_TARGETS_MS: Record<string, number> = { spans: 1000, doccano: 1000 };

function rows(figures: Figures, details: RendererDetails, getDocumentMs: number): Row[] {
  const { renderer, main } = figures;
  const openTargets: Record<string, number> = { '200k': 60, '1m': 300 };
  const result: Row[] = [];
  for (const size of SIZES) {
    const open = renderer.open[size.key];
    const limit = openTargets[size.key];
    const transport = details.openGetDocumentMs[size.key];
    result.push({
      figure: `open ${SIZE_NAMES[size.key]}`,
      result: `${ms(open.median)} (${ms(open.min)}–${ms(open.max)})${transport === null ? '' : `; getDocument call ${ms(transport)}`}`,
      target: limit === undefined ? '' : `median ≤ ${limit} ms`,
      isMet: limit === undefined ? null : within(open.median, limit),
    });
  }
  for (const size of SIZES) {
    const add = renderer.add[size.key];
    const isTargeted = size.key === '1m';
    result.push({
      figure: `add ${SIZE_NAMES[size.key]}`,
      result: `median ${ms(add.median)}, p95 ${ms(add.p95)}`,
      target: isTargeted ? 'median ≤ 16 ms, p95 ≤ 33 ms' : '',
      isMet: isTargeted ? within(add.median, 16) && within(add.p95, 33) : null,
    });
  }
  result.push(
    {
      figure: 'scroll 1 MiB: frames over 16.7 ms',
      result: `${(renderer.scrollJankShare * 100).toFixed(1)} % of ${details.scrollFrames} (worst ${ms(details.scrollWorstMs)})`,
      target: '≤ 1 %',
      isMet: within(renderer.scrollJankShare, 0.01),
    },
    {
      figure: 'heap after opening 1 MiB',
      result: `${renderer.heapMB['1m'].toFixed(1)} MB`,
      target: '≤ 150 MB',
      isMet: within(renderer.heapMB['1m'], 150),
    },
    { figure: 'getDocument 1 MiB in the service', result: ms(getDocumentMs), target: '', isMet: null },
    {
      figure: 'store save, 100,000 annotations',
      result: ms(main.storeSave100k),
      target: '≤ 150 ms',
      isMet: within(main.storeSave100k, 150),
    },
    {
      figure: 'store load, 100,000 annotations',
      result: ms(main.storeLoad100k),
      target: '≤ 300 ms',
      isMet: within(main.storeLoad100k, 300),
    },
  );
  for (const [format, value] of Object.entries(main.export)) {
    const limit = EXPORT_TARGETS_MS[format] ?? 3000;
    result.push({
      figure: `export ${format}, 100,000 spans`,
      result: ms(value),
      target: `≤ ${limit / 1000} s`,
      isMet: within(value, limit),
    });
  }
  result.push(
    {
      figure: 'agreement, 3 annotators, 1,000 documents',
      result: ms(main.agreement),
      target: '≤ 2 s',
      isMet: within(main.agreement, 2000),
    },
    { figure: 'suggestions over 1 MiB', result: ms(main.suggest1m), target: '', isMet: null },
  );
  return result;
}

/** The figures as a Markdown table, targets checked. */
export function figuresTable(figures: Figures, details: RendererDetails, getDocumentMs: number): string {
  const lines = ['| Figure | Result | Target | |', '| --- | --- | --- | --- |'];
  for (const row of rows(figures, details, getDocumentMs)) {
    const mark = row.isMet === null ? '' : row.isMet ? '✓' : '✗';
    lines.push(`| ${row.figure} | ${row.result} | ${row.target} | ${mark} |`);
  }
  return lines.join('\n');
}

/** A profile summary as Markdown lists: JavaScript by self and total time, modules, trace events. */
export function profileText(title: string, summary: ProfileSummary, count = 8): string {
  const list = (costs: ProfileSummary['functions']): string =>
    costs.length === 0
      ? '  - (none)'
      : costs
          .slice(0, count)
          .map((c) => `  - ${ms(c.ms)} ${c.name}`)
          .join('\n');
  return [
    `### ${title} (${ms(summary.totalMs)} measured, profiler on)`,
    '- JavaScript by self time ((program): browser work outside JavaScript; ← the main JavaScript caller):',
    list(summary.functions),
    '- JavaScript by total time (React and its scheduler left out):',
    list(summary.inclusive),
    '- By package or app module (self time):',
    list(summary.modules),
    '- Main thread by trace event (self time):',
    list(summary.events),
  ].join('\n');
}
