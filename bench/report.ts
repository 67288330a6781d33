/**
 * The benchmark's report: a Markdown table of every figure beside its target (✓/✗; n/a and no
 * mark for a figure that could not be measured, so one failing probe does not hide the rest),
 * the profile summaries, and the JSON file `--json` asks for.
 */
import type { MainFigures } from './main-side';
import type { ProfileSummary } from './profile';
import { EDITS, type EditKind, type RendererDetails, type RendererFigures, type Timing } from './renderer-side';
import type { Range } from './stats';
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
/** Whether a figure meets its limit; null (no mark) when it could not be measured. */
const within = (value: number, limit: number): boolean | null => (Number.isNaN(value) ? null : value <= limit);
const ratioText = (ratio: number | null): string =>
  ratio === null || Number.isNaN(ratio) ? 'n/a' : `× ${ratio.toFixed(1)}`;
const percent = (share: number): string => (Number.isNaN(share) ? 'n/a' : `${(share * 100).toFixed(1)} %`);
const bytes = (value: number | null): string =>
  value === null
    ? 'n/a (no /proc/self/io)'
    : value >= 1e6
      ? `${(value / 1e6).toFixed(1)} MB`
      : `${(value / 1e3).toFixed(1)} kB`;
const rangeText = (r: Range): string => `${ms(r.median)} (${ms(r.min)}–${ms(r.max)})`;
const callText = (name: string, value: number | null): string => (value === null ? '' : `; ${name} call ${ms(value)}`);
const SIZE_NAMES: Record<string, string> = {
  '20k': '20 k chars, 100 spans',
  '200k': '200 k, 2,000',
  '1m': '1 MiB, 10,000',
};

const EXPORT_TARGETS_MS: Record<string, number> = { spans: 1000, doccano: 1000 };
/** Opening, median, per size. */
const OPEN_TARGETS_MS: Record<string, number> = { '20k': 50, '200k': 80, '1m': 200 };
/** Every change typed in the text: median and 95th percentile, at every size. */
const CHANGE_TARGET = { median: 16, p95: 33 };
const CHANGE_TARGET_TEXT = `median ≤ ${CHANGE_TARGET.median} ms, p95 ≤ ${CHANGE_TARGET.p95} ms`;
const EDIT_NAMES: Record<EditKind, string> = {
  relabel: 'relabel (select, 2)',
  delete: 'delete (select, Delete)',
  undo: 'undo an add (Ctrl+Z)',
  accept: 'accept a suggestion (Tab, Enter)',
};

const changeRow = (figure: string, timing: Timing): Row => ({
  figure,
  result: `median ${ms(timing.median)}, p95 ${ms(timing.p95)}`,
  target: CHANGE_TARGET_TEXT,
  isMet: within(timing.median, CHANGE_TARGET.median) && within(timing.p95, CHANGE_TARGET.p95),
});

/** Rows with a share of late frames against ≤ 1 %. */
const jankRow = (figure: string, share: number, frames: number, worstMs: number): Row => ({
  figure,
  result: `${percent(share)} of ${frames} (worst ${ms(worstMs)})`,
  target: '≤ 1 %',
  isMet: within(share, 0.01),
});

function rendererRows(renderer: RendererFigures, details: RendererDetails): Row[] {
  const result: Row[] = [];
  const n = details.samples;
  for (const size of SIZES) {
    const open = renderer.open[size.key];
    const limit = OPEN_TARGETS_MS[size.key];
    const transport = details.openGetDocumentMs[size.key];
    result.push({
      figure: `open ${SIZE_NAMES[size.key]}`,
      result: `${rangeText(open)}${transport === null ? '' : `; getDocument call ${ms(transport)}`}`,
      target: limit === undefined ? '' : `median ≤ ${limit} ms`,
      isMet: limit === undefined ? null : within(open.median, limit),
    });
  }
  for (const size of SIZES) result.push(changeRow(`add ${SIZE_NAMES[size.key]}`, renderer.add[size.key]));
  for (const size of SIZES) {
    const paint = renderer.addPaint[size.key];
    result.push({
      ...changeRow(`add ${SIZE_NAMES[size.key]}, key to next paint (Event Timing)`, paint),
      result: `median ${ms(paint.median)}, p95 ${ms(paint.p95)}; ${percent(paint.under16)} under 16 ms`,
    });
  }
  for (const kind of EDITS) {
    for (const size of SIZES) {
      result.push(changeRow(`${EDIT_NAMES[kind]}, ${SIZE_NAMES[size.key]}`, renderer.edit[kind][size.key]));
    }
  }
  result.push({
    figure: 'after a change is painted, the calls it causes go on for (median)',
    result: SIZES.map((s) => `${s.key} ${ms(details.settleMs[s.key])}`).join(', '),
    target: '',
    isMet: null,
  });
  for (const size of SIZES) {
    result.push({
      figure: `suggestions off: open ${SIZE_NAMES[size.key]}`,
      result: `${rangeText(renderer.suggestionsOff.open[size.key])}, ${n.offOpen} runs`,
      target: '',
      isMet: null,
    });
  }
  for (const size of SIZES) {
    const add = renderer.suggestionsOff.add[size.key];
    result.push({
      figure: `suggestions off: add ${SIZE_NAMES[size.key]}`,
      result: `median ${ms(add.median)}, p95 ${ms(add.p95)}, ${n.offAdd} adds`,
      target: '',
      isMet: null,
    });
  }
  const review = renderer.reviewOpen['1m'];
  const corpus = renderer.bigCorpus;
  result.push(
    {
      figure: 'Review (Ctrl+2) on 1 MiB, 3 annotators × 10,000 spans',
      result: `${rangeText(review)}, ${n.review} runs${callText('getReview', details.review.getReviewMs)}${callText('listReviewSummaries', details.review.summariesMs)}`,
      target: 'median ≤ 300 ms',
      isMet: within(review.median, 300),
    },
    jankRow('scroll 1 MiB: frames over 16.7 ms', renderer.scrollJankShare, details.scrollFrames, details.scrollWorstMs),
    {
      figure: 'heap after opening 1 MiB',
      result: `${renderer.heapMB['1m'].toFixed(1)} MB`,
      target: '≤ 150 MB',
      isMet: within(renderer.heapMB['1m'], 150),
    },
    {
      figure: 'corpus, 1,000 documents: launch to first highlights',
      result: rangeText(details.launch),
      target: 'median ≤ 1,000 ms',
      isMet: within(corpus.launchMs, 1000),
    },
    {
      figure: 'corpus: switch to another document',
      result: rangeText(details.switches),
      target: 'median ≤ 100 ms',
      isMet: within(corpus.switchMs, 100),
    },
    jankRow(
      'corpus: scroll the document list (1,000 entries)',
      corpus.listJank.documents,
      details.listFrames.documents,
      details.listWorstMs.documents,
    ),
    jankRow(
      'scroll the annotation list of 1 MiB (10,000 spans)',
      corpus.listJank.annotations,
      details.listFrames.annotations,
      details.listWorstMs.annotations,
    ),
    {
      figure: 'list scrolling, the worse of the two',
      result: percent(corpus.listJankShare),
      target: '≤ 1 %',
      isMet: within(corpus.listJankShare, 0.01),
    },
  );
  return result;
}

function perChangeRows(main: MainFigures): Row[] {
  const { small, big } = main.perChange;
  const msRatio = big.ms / small.ms;
  const bytesRatio = big.bytes === null || small.bytes === null ? null : big.bytes / small.bytes;
  return [
    {
      figure: 'one change, 1,000 annotations: main thread',
      result: ms(small.ms),
      target: '≤ 10 ms',
      isMet: within(small.ms, 10),
    },
    {
      figure: 'one change, 100,000 annotations: main thread',
      result: ms(big.ms),
      target: '≤ 10 ms',
      isMet: within(big.ms, 10),
    },
    {
      figure: 'one change: main thread, 100,000 / 1,000',
      result: ratioText(msRatio),
      target: '≤ 2',
      isMet: within(msRatio, 2),
    },
    {
      figure: 'one change: bytes written, 1,000 / 100,000 annotations',
      result: `${bytes(small.bytes)} / ${bytes(big.bytes)}`,
      target: '',
      isMet: null,
    },
    {
      figure: 'one change: bytes written, 100,000 / 1,000',
      result: ratioText(bytesRatio),
      target: '≤ 2',
      isMet: bytesRatio === null ? null : within(bytesRatio, 2),
    },
    {
      figure: 'longest event-loop stall, 100 changes on 100,000',
      result: `${ms(big.maxStallMs)} (on 1,000: ${ms(small.maxStallMs)})`,
      target: '≤ 50 ms',
      isMet: within(big.maxStallMs, 50),
    },
  ];
}

function rows(figures: Figures, details: RendererDetails, getDocumentMs: number): Row[] {
  const { renderer, main } = figures;
  const result: Row[] = rendererRows(renderer, details);
  result.push(
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
    ...perChangeRows(main),
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
