/**
 * Playwright fixtures for Parley: `page` is the app loaded with the bridge and ready, backed by
 * a store at `storePath` and a corpus in `seedsDir` (both overridable with test.use).
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { test as base, expect, type TestInfo } from '@playwright/test';
import type { Annotation } from '../../main/api/contract';
import type { StoreData } from '../../main/core/model';
import { Store } from '../../main/service/store';
import { Harness } from './harness';

export interface ParleyFixtures {
  /** The store file; a fresh one in the test's output folder by default. */
  storePath: string;
  /** The folder loaded at start; the shipped seeds by default. */
  seedsDir: string;
  /** Annotator name of a new store. */
  annotator: string;
  /** What the folder picker of File > Open Folder… answers (null: the person cancels). */
  folderToOpen: string | null;
  /** What the save picker of File > Export… answers (null: cancelled). */
  exportTarget: string | null;
  /** What the open picker of File > Import… answers (null: cancelled); a list answers in turn. */
  importSource: string | readonly string[] | null;
  /** What the save picker of other saves (the agreement CSV) answers (null: cancelled). */
  savePath: string | null;
  /** Whether the built-in recognisers draw suggestions (specs about tagging alone turn them off). */
  withSuggestions: boolean;
  /** The service behind the page. */
  harness: Harness;
}

export const test = base.extend<ParleyFixtures>({
  seedsDir: [resolve(import.meta.dirname, '../../seeds'), { option: true }],
  storePath: [async ({}, use, testInfo) => use(testInfo.outputPath('parley-store.json')), { option: true }],
  annotator: ['ada', { option: true }],
  folderToOpen: [null, { option: true }],
  exportTarget: [null, { option: true }],
  importSource: [null, { option: true }],
  savePath: [null, { option: true }],
  withSuggestions: [true, { option: true }],
  harness: async (
    { storePath, seedsDir, annotator, folderToOpen, exportTarget, importSource, savePath, withSuggestions },
    use,
  ) => {
    const sources = typeof importSource === 'string' || importSource === null ? [importSource] : [...importSource];
    const harness = await Harness.create({
      storePath,
      seedDirs: [seedsDir],
      defaultAnnotator: annotator,
      debounceMs: 50,
      pickFolder: async () => folderToOpen,
      pickExportTarget: async () => exportTarget,
      pickImportSource: async () => (sources.length > 1 ? (sources.shift() ?? null) : (sources[0] ?? null)),
      pickSavePath: async () => savePath,
    });
    if (!withSuggestions && (await harness.service.getSession()).storeProblem === undefined) {
      await harness.service.updateSettings({ suggestLabels: [] });
    }
    await use(harness);
    await harness.close();
  },
  page: async ({ page, harness }, use) => {
    await harness.attach(page);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(harness.appUrl);
    await page.locator('.app, [data-testid="store-problem"]').first().waitFor();
    await use(page);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };

/** A `storePath` option whose file holds `content` before the app starts. */
export const storeFileWith =
  (content: string) =>
  async ({}, use: (path: string) => Promise<void>, testInfo: TestInfo): Promise<void> => {
    const path = testInfo.outputPath('parley-store.json');
    await writeFile(path, content);
    await use(path);
  };

/** The store's data on disk, snapshot and journal: what Parley finds at its next start. */
export async function storeOnDisk(storePath: string): Promise<StoreData> {
  const read = await Store.readData(storePath);
  if (!read.ok) throw new Error(read.message);
  return read.data;
}

/** The annotations in the store's files on disk (what survives a restart). */
export async function annotationsOnDisk(storePath: string): Promise<Annotation[]> {
  return (await storeOnDisk(storePath)).annotations;
}
