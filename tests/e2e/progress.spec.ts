/**
 * The progress bar of File › Export… and File › Import… moves: main's `progress` events reach the
 * page while the task runs, and the bar shows each step of it, not only a start and an end.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

test.use({
  withSuggestions: false,
  exportTarget: async ({}, use, testInfo) => use(testInfo.outputPath('brat-export')),
  importSource: async ({}, use, testInfo) => use(testInfo.outputPath('brat-export')),
});

/** Starts recording every value the progress bar shows, as "done/total". */
async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __progress: string[] }).__progress = seen;
    const note = (): void => {
      const bar = document.querySelector<HTMLProgressElement>('progress.progress');
      if (bar?.hasAttribute('value')) seen.push(`${bar.value}/${bar.max}`);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

const progressSeen = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);

/** Whether the values went through a step strictly between the start and the end. */
const hasMiddleStep = (values: readonly string[]): boolean =>
  values.some((v) => {
    const [done = 0, total = 0] = v.split('/').map(Number);
    return done > 0 && done < total;
  });

test('the export and import progress bars show each file written and read', async ({ page, harness }) => {
  // Spans in every seed article, so a brat export writes a .txt and an .ann file for each.
  for (const doc of await harness.service.listDocuments()) {
    await harness.service.addAnnotation({ docId: doc.id, start: 0, end: 8, label: 'quote' });
  }
  await watchProgress(page);
  await harness.menuCommand('export');
  const exportDialog = page.getByTestId('export-dialog');
  await exportDialog.getByLabel('Format').selectOption('brat');
  await exportDialog.getByRole('button', { name: 'Export…' }).click();
  await expect(exportDialog.getByTestId('export-summary')).toContainText('Exported 5 span(s) in 5 document(s)');
  const exported = await progressSeen(page);
  expect(hasMiddleStep(exported), `export progress went ${exported.join(', ')}`).toBe(true);
  await exportDialog.getByRole('button', { name: 'Close' }).click();

  await watchProgress(page);
  await harness.menuCommand('import');
  const importDialog = page.getByTestId('import-dialog');
  await importDialog.getByLabel('Format').selectOption('brat');
  await importDialog.getByLabel('Annotator whose work this is').fill('ben');
  await importDialog.getByRole('button', { name: 'Choose folder…' }).click();
  await expect(importDialog.getByTestId('import-report')).toContainText('Imported 5 span(s) in 5 document(s)');
  const imported = await progressSeen(page);
  expect(hasMiddleStep(imported), `import progress went ${imported.join(', ')}`).toBe(true);
});
