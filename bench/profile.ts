/**
 * Where the time goes: a V8 CPU profile (JavaScript functions, attributed to the modules of the
 * built bundle through its `// path` region comments) and a Chromium trace (the renderer's main
 * thread: scripting, style, layout, paint, garbage collection), each summarised as top costs.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser, CDPSession, Page } from '@playwright/test';

/** One line of a summary: a name and its milliseconds. */
export interface Cost {
  name: string;
  ms: number;
}

/** The summaries of one profiled interval. */
export interface ProfileSummary {
  /** Time inside the measured intervals (between the probes' marks), or the wall time without marks. */
  totalMs: number;
  /** JavaScript functions by self time, with their module; a browser function with its main caller. */
  functions: Cost[];
  /** JavaScript functions by total time (self and callees), with their module; React's own left out. */
  inclusive: Cost[];
  /** Modules (packages or app files) by self time of their functions. */
  modules: Cost[];
  /** Main-thread trace events by self time (UpdateLayoutTree is style, Layout is layout…). */
  events: Cost[];
}

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  /** Microseconds, on the trace's clock. */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}
/** A measured interval in trace microseconds, `end` exclusive. */
interface Window {
  start: number;
  end: number;
}
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

const OUT_RENDERER = resolve(import.meta.dirname, '../out/renderer');
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'v8.execute',
  'disabled-by-default-v8.gc',
];
/** Marks the probes could set around a measurement; the trace is cut to them when present. */
const MARK_START = 'parley-bench:start';
const MARK_END = 'parley-bench:end';

/** React's and its scheduler's frames, left out of the total-time list: they wrap every update. */
const FRAMEWORK = /\(node_modules\/(react|react-dom|scheduler)\//;

/** V8's pseudo-frames that are not work: waiting, and the profile's root. */
const NOT_WORK = new Set(['(idle)', '(root)']);

const top = (totals: Map<string, number>, count: number): Cost[] =>
  [...totals]
    .filter(([name]) => !NOT_WORK.has(name))
    .map(([name, ms]) => ({ name, ms }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, count);

const add = (totals: Map<string, number>, key: string, ms: number): void => {
  totals.set(key, (totals.get(key) ?? 0) + ms);
};

/** The module each line of a bundled file belongs to, from the bundler's `// path` comments. */
async function moduleLines(
  url: string,
  cache: Map<string, (line: number) => string>,
): Promise<(line: number) => string> {
  const known = cache.get(url);
  if (known) return known;
  let lookup = (_line: number): string => url || 'native';
  if (url.includes('/assets/')) {
    const text = await readFile(join(OUT_RENDERER, new URL(url).pathname), 'utf8').catch(() => '');
    const starts: [number, string][] = [];
    text.split('\n').forEach((line, index) => {
      const match = /^\/\/ ((?:node_modules|renderer|main)\/\S+)$/.exec(line);
      if (match?.[1]) starts.push([index, match[1]]);
    });
    lookup = (line) => {
      let found = 'bundle';
      for (const [start, path] of starts) {
        if (start > line) break;
        found = path;
      }
      return found;
    };
  }
  cache.set(url, lookup);
  return lookup;
}

/** A module path shortened to its package (node_modules/@scope/name) or kept as an app file. */
const packageOf = (path: string): string => {
  const match = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  return match?.[1] ?? path;
};

async function summariseCpu(
  profile: CpuProfile,
  windows: readonly Window[],
  count: number,
): Promise<Pick<ProfileSummary, 'functions' | 'inclusive' | 'modules'>> {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const cache = new Map<string, (line: number) => string>();
  const keyOf = new Map<number, { fn: string; module: string }>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const module = url === '' ? '' : (await moduleLines(url, cache))(lineNumber);
    keyOf.set(node.id, { fn: functionName || '(anonymous)', module });
  }
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const modules = new Map<string, number>();
  /** Native function → its nearest JavaScript caller → ms, to name who calls into the browser. */
  const callers = new Map<string, Map<string, number>>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const key = keyOf.get(id);
    if (!key || !isInside(windows, at)) return;
    add(self, key.module === '' ? key.fn : `${key.fn} (${key.module})`, ms);
    add(modules, key.module === '' ? key.fn : packageOf(key.module), ms);
    const seen = new Set<string>();
    for (let node = parent.get(id); node !== undefined; node = parent.get(node)) {
      const k = keyOf.get(node);
      if (!k || k.module === '') continue;
      if (key.module === '' && seen.size === 0) {
        const byCaller = callers.get(key.fn) ?? new Map<string, number>();
        add(byCaller, k.fn, ms);
        callers.set(key.fn, byCaller);
      }
      seen.add(`${k.fn} (${k.module})`);
    }
    if (key.module !== '') seen.add(`${key.fn} (${key.module})`);
    for (const name of seen) if (!FRAMEWORK.test(name)) add(inclusive, name, ms);
  });
  const functions = top(self, count).map((cost) => {
    const caller = top(callers.get(cost.name) ?? new Map<string, number>(), 1)[0];
    return caller ? { ...cost, name: `${cost.name} ← ${caller.name}` } : cost;
  });
  return { functions, inclusive: top(inclusive, count), modules: top(modules, count) };
}

const isInside = (windows: readonly Window[], ts: number): boolean => windows.some((w) => ts >= w.start && ts < w.end);

/**
 * The measured intervals: each start mark paired with the next end mark. Without marks, all of
 * the trace.
 */
function windowsOf(events: readonly TraceEvent[]): Window[] {
  const marks = events.filter((e) => e.name === MARK_START || e.name === MARK_END).sort((a, b) => a.ts - b.ts);
  const windows: Window[] = [];
  let start: number | null = null;
  for (const mark of marks) {
    if (mark.name === MARK_START) start = mark.ts;
    else if (start !== null) {
      windows.push({ start, end: mark.ts });
      start = null;
    }
  }
  return windows.length > 0 ? windows : [{ start: -Infinity, end: Infinity }];
}

/** Self time of complete events on the busiest renderer main thread that start inside `windows`. */
function summariseTrace(events: readonly TraceEvent[], windows: readonly Window[], count: number): Cost[] {
  const mains = new Set(
    events.filter((e) => e.ph === 'M' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const busy = new Map<string, number>();
  for (const e of events) {
    if (e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`)) add(busy, `${e.pid}:${e.tid}`, e.dur ?? 0);
  }
  const thread = top(busy, 1)[0]?.name;
  const slices = events
    .filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === thread)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const totals = new Map<string, number>();
  const stack: { end: number; name: string }[] = [];
  for (const e of slices) {
    const dur = e.dur ?? 0;
    while (stack.length > 0 && (stack.at(-1)?.end ?? 0) <= e.ts) stack.pop();
    const outer = stack.at(-1);
    stack.push({ end: e.ts + dur, name: e.name });
    if (!isInside(windows, e.ts)) continue;
    if (outer) add(totals, outer.name, -dur / 1000);
    add(totals, e.name, dur / 1000);
  }
  return top(totals, count);
}

/**
 * Runs `task` in `page` under the CPU profiler and a trace, and summarises both (top `count` of
 * each list) over the intervals the probes marked, so set-up between measurements is left out.
 */
export async function profile(
  browser: Browser,
  page: Page,
  task: () => Promise<void>,
  count = 12,
): Promise<ProfileSummary> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  await cdp.send('Profiler.start');
  const start = performance.now();
  await task();
  const wallMs = performance.now() - start;
  const { profile: cpu } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
  await cdp.detach();
  const windows = windowsOf(trace.traceEvents);
  const measured = windows.reduce((sum, w) => sum + (w.end - w.start) / 1000, 0);
  return {
    totalMs: Number.isFinite(measured) ? measured : wallMs,
    ...(await summariseCpu(cpu, windows, count)),
    events: summariseTrace(trace.traceEvents, windows, count),
  };
}
