/**
 * Debian's Chromium driven by Playwright, serving the built app through the end-to-end tests'
 * harness: the same preload and service as the app, only the IPC transport differs. Each app page
 * gets its own browser context and its own copy of the workload's store.
 */
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/chromium';
import { Harness } from '../tests/e2e/harness';
import { timeInvokes } from './page-probes';
import { BENCH_ANNOTATOR, type Workload } from './workloads';

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

let pages = 0;

/**
 * Opens the app on a fresh copy of the workload's store, with suggestions turned off, and waits
 * until it has opened its first document (the short `000-start`).
 */
export async function openApp(browser: Browser, workload: Workload, scratchDir: string): Promise<AppPage> {
  pages += 1;
  const storePath = join(scratchDir, `page-${pages}-store.json`);
  await copyFile(workload.storePath, storePath);
  const harness = await Harness.create({ storePath, seedDirs: [workload.seedDir], defaultAnnotator: BENCH_ANNOTATOR });
  await harness.service.updateSettings({ suggestLabels: [] });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.addInitScript(KEEP_NAMES);
  await harness.attach(page);
  await page.goto(harness.appUrl);
  await page.locator('.text-scroll[data-doc-id="000-start"]').waitFor();
  await page.evaluate(timeInvokes);
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
