/**
 * `npm run bench` (after `npm run build`): generates the workloads from a seed, measures the main
 * side under Node and the renderer in Chromium, prints the figures against their targets and
 * where the time goes, and draws docs/performance.png. `-- --json FILE` also writes the figures;
 * `--seed N` chooses other workloads; `--keep` leaves them in the temporary folder; `--plot FILE`
 * draws the plot elsewhere (a trial run then leaves the committed one alone).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from './chromium';
import { measureGetDocument, measureMain } from './main-side';
import { savePlot } from './plot';
import { measureRenderer, profileRenderer, PROFILED_ADDS, PROFILED_FRAMES } from './renderer-side';
import { figuresTable, profileText, type Figures } from './report';
import { tenths } from './stats';
import { writeCorpusWorkload, writeRendererWorkload } from './workloads';

const PLOT_PATH = resolve(import.meta.dirname, '../docs/performance.png');
const DEFAULT_SEED = 20261123;

const began = performance.now();
const log = (message: string): void => {
  process.stderr.write(`[bench ${((performance.now() - began) / 1000).toFixed(0).padStart(3)} s] ${message}\n`);
};
/** What could not be measured and why, printed under the table (the figure reads n/a). */
const failures: string[] = [];
const fail = (message: string): void => {
  failures.push(message);
  log(`NOT MEASURED: ${message}`);
};

/** The keys of shares (0 to 1) of late frames in the JSON. */
const SHARE_KEYS = new Set(['scrollJankShare', 'listJankShare', 'documents', 'annotations']);

/** Rounds times to tenths of a millisecond in the JSON; the shares of late frames keep four decimals. */
const rounded = (key: string, value: unknown): unknown =>
  typeof value !== 'number' || Number.isInteger(value)
    ? value
    : SHARE_KEYS.has(key)
      ? Math.round(value * 10_000) / 10_000
      : tenths(value);

async function run(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: 'string' },
      seed: { type: 'string' },
      keep: { type: 'boolean', default: false },
      plot: { type: 'string' },
    },
  });
  const plotPath = values.plot === undefined ? PLOT_PATH : resolve(values.plot);
  const seed = values.seed === undefined ? DEFAULT_SEED : Number.parseInt(values.seed, 10);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`--seed ${values.seed} is not a whole number`);
  const dir = await mkdtemp(join(tmpdir(), 'parley-bench-'));
  try {
    log(`generating workloads (seed ${seed}) in ${dir}`);
    const workload = await writeRendererWorkload(dir, seed);
    const corpus = await writeCorpusWorkload(dir, seed + 1);
    // 10 documents of 100 annotations: the small store of the per-change figures.
    const smallCorpus = await writeCorpusWorkload(join(dir, 'small'), seed + 2, 10);
    const oneMiB = workload.documents.find((d) => d.id === '1m')?.text ?? '';
    log('main side: store load and save');
    const main = await measureMain(corpus, smallCorpus, oneMiB, join(dir, 'main'), log, fail);
    const getDocumentMs = await measureGetDocument(workload, join(dir, 'main'));
    await mkdir(join(dir, 'pages'));
    const browser = await launchChromium();
    try {
      log(`renderer in Chromium ${browser.version()}, default settings (suggestions on)`);
      const pagesDir = join(dir, 'pages');
      const { figures: renderer, details } = await measureRenderer(browser, workload, corpus, pagesDir, log, fail);
      log('renderer: profiling the 1 MiB open, adds and scrolling');
      const profiles = await profileRenderer(browser, workload, join(dir, 'pages'));
      const machine = {
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: cpus().length,
        node: process.version,
        chromium: browser.version(),
        date: new Date().toISOString(),
        seed,
      };
      const figures: Figures = { renderer, main, machine };
      const subtitle = `${machine.cpu}, ${machine.cores} cores · Chromium ${machine.chromium} · ${machine.date.slice(0, 10)}`;
      await savePlot(browser, renderer, subtitle, plotPath);
      process.stdout.write(
        [
          `## Parley benchmark, ${machine.date} (seed ${seed})`,
          `${machine.cpu}, ${machine.cores} cores; Node ${machine.node}; Chromium ${machine.chromium}`,
          '',
          figuresTable(figures, details, getDocumentMs),
          '',
          ...(failures.length === 0 ? [] : ['Not measured:', ...failures.map((f) => `- ${f}`), '']),
          `Measured in ${((performance.now() - began) / 60_000).toFixed(1)} min (the build before it not counted).`,
          '',
          profileText('Opening the 1 MiB document', profiles.open),
          '',
          profileText(`${PROFILED_ADDS} adds in the 1 MiB document`, profiles.add),
          '',
          profileText(`Scrolling the 1 MiB document, ${PROFILED_FRAMES} frames`, profiles.scroll),
          '',
        ].join('\n'),
      );
      if (values.json !== undefined) {
        await writeFile(values.json, `${JSON.stringify(figures, rounded, 2)}\n`);
        log(`figures written to ${values.json}`);
      }
      log(`plot written to ${plotPath}`);
    } finally {
      await browser.close();
    }
  } finally {
    if (values.keep) log(`workloads kept in ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  }
}

await run();
