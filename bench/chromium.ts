/**
 * Debian's Chromium driven by Playwright, serving the built app through the end-to-end tests'
 * harness: the same preload and service as the app, only the IPC transport differs. Each app page
 * gets its own browser context and its own copy of the workload's store, with the settings a new
 * store has (suggestions on) unless asked otherwise, because that is what people use.
 */
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/chromium';
import { Harness } from '../tests/e2e/harness';
import { timeInvokes, watchKeyTiming, whenIdle } from './page-probes';
import { BENCH_ANNOTATOR, copyStoreFile, type Workload } from './workloads';

/** The end-to-end tests' flags, plus a precise heap figure and `window.gc()`. */
const BENCH_ARGS = [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'];

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM_PATH, args: BENCH_ARGS });

/**
 * tsx keeps function names by wrapping them in `__name(fn, "name")`, which the probes carry into
 * the page; this defines it there as the identity.
 */
const KEEP_NAMES = 'globalThis.__name = globalThis.__name || ((fn) => fn);';

/** The app in a fresh page, with its service; `close()` ends both. */
export interface AppPage {
  page: Page;
  harness: Harness;
  close(): Promise<void>;
}

/** How an app page is opened. */
export interface AppOptions {
  /** False turns suggestions off (`suggestLabels: []`), for comparison; default: as a new store has them. */
  suggestions?: boolean;
  /** The document the app opens at start; default the renderer workload's `000-start`. */
  firstDocId?: string;
  /** Runs before the app is loaded (to add an init script, say). */
  beforeLoad?: (page: Page) => Promise<void>;
}

let pages = 0;

/**
 * Opens the app on a fresh copy of the workload's store and waits until it has opened its first
 * document and its calls have settled, so what is measured next does not queue behind start-up.
 */
export async function openApp(
  browser: Browser,
  workload: Workload,
  scratchDir: string,
  options: AppOptions = {},
): Promise<AppPage> {
  pages += 1;
  const storePath = join(scratchDir, `page-${pages}-store.json`);
  await copyStoreFile(workload.storePath, storePath);
  // The annotator is the store's own (settings.annotator); this one is only for a new store.
  const harness = await Harness.create({ storePath, seedDirs: [workload.seedDir], defaultAnnotator: BENCH_ANNOTATOR });
  if (options.suggestions === false) await harness.service.updateSettings({ suggestLabels: [] });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.addInitScript(KEEP_NAMES);
  await options.beforeLoad?.(page);
  await harness.attach(page);
  // After the harness's preload, which defines the transport that this wraps.
  await page.addInitScript(timeInvokes);
  await page.addInitScript(watchKeyTiming);
  await page.goto(harness.appUrl);
  const firstDocId = options.firstDocId ?? '000-start';
  await page.locator(`.text-scroll[data-doc-id="${firstDocId}"]`).waitFor({ timeout: 60_000 });
  await page.evaluate(whenIdle, { quietMs: 200, timeoutMs: 60_000 });
  return {
    page,
    harness,
    close: async () => {
      await context.close();
      await harness.close();
      if (errors.length > 0) throw new Error(`the page threw: ${errors.join('; ')}`);
    },
  };
}
