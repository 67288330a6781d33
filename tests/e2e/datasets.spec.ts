/** File > Export… and File > Import…: the dialogs, their reports, and the files and store behind them. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { annotationsOnDisk, expect, test } from './fixtures';
import { highlights, openDocument, pressKey, selectText } from './helpers/text';

const ZELENSKY = '004_0a172a30c89c87c3';

test.describe('File > Export…', () => {
  test.use({ exportTarget: async ({}, use, testInfo) => use(testInfo.outputPath('export.jsonl')) });

  test('writes the chosen format with code-point offsets and sums it up', async ({ page, harness, exportTarget }) => {
    await openDocument(page, ZELENSKY);
    await selectText(page, 'late 2022');
    await pressKey(page, '3');
    await harness.menuCommand('export');
    const dialog = page.getByTestId('export-dialog');
    await dialog.getByLabel('Format').selectOption('spans');
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await expect(dialog.getByTestId('export-summary')).toContainText('Exported 1 span(s) in 1 document(s)');
    const line = JSON.parse((await readFile(exportTarget ?? '', 'utf8')).trim()) as {
      text: string;
      meta: { offsetEncoding: string };
      spans: { start: number; end: number; text: string }[];
    };
    expect(line.meta.offsetEncoding).toBe('codepoint');
    const [span] = line.spans;
    expect([...line.text].slice(span?.start, span?.end).join('')).toBe('late 2022');
  });
});

test.describe('File > Import…', () => {
  test.use({ importSource: async ({}, use, testInfo) => use(testInfo.outputPath('colleague.jsonl')) });

  test('refuses a file with a bad record and changes nothing, then imports the rest when asked', async ({
    page,
    storePath,
    importSource,
    seedsDir,
  }) => {
    const text = await readFile(join(seedsDir, `${ZELENSKY}.txt`), 'utf8');
    const at = text.indexOf('Thursday'); // this article has no characters outside the BMP
    const good = { start: at, end: at + 'Thursday'.length, label: 'date', text: 'Thursday' };
    await writeFile(
      String(importSource),
      `${JSON.stringify({ text, meta: { doc_id: ZELENSKY, status: 'done' }, spans: [good, { start: 5, end: 2, label: 'date' }] })}\n`,
    );
    await page.keyboard.press('Control+i');
    const dialog = page.getByTestId('import-dialog');
    await dialog.getByRole('button', { name: 'Choose file…' }).click();
    const report = dialog.getByTestId('import-report');
    await expect(report).toHaveAttribute('data-applied', 'false');
    await expect(report).toContainText('colleague.jsonl:1');
    await expect(report).toContainText('start 5 must be < end 2');
    expect(await annotationsOnDisk(storePath)).toHaveLength(0);

    await dialog.getByLabel('Import the valid records and skip the rest').check();
    await dialog.getByRole('button', { name: 'Choose file…' }).click();
    await expect(report).toHaveAttribute('data-applied', 'true');
    await expect(report).toContainText('Imported 1 span(s) in 1 document(s), skipped 1');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await openDocument(page, ZELENSKY);
    await expect(highlights(page, 'date')).toHaveText('Thursday');
    await expect(page.locator(`.doc-item[data-doc-id="${ZELENSKY}"] [data-status]`)).toHaveAttribute(
      'data-status',
      'done',
    );
    expect((await annotationsOnDisk(storePath)).map((a) => a.text)).toEqual(['Thursday']);
  });
});

const FORMATS = ['spans', 'doccano', 'conll', 'brat', 'labelstudio', 'webanno', 'csv'] as const;

for (const format of FORMATS) {
  test.describe(`${format} through the dialogs`, () => {
    const target = async ({}, use: (path: string) => Promise<void>, testInfo: { outputPath: (p: string) => string }) =>
      use(testInfo.outputPath(format === 'brat' ? 'brat-export' : `export.${format}`));
    test.use({ exportTarget: target, importSource: target });

    test(`exports ${format} and imports it back as another annotator`, async ({ page, harness, storePath }) => {
      await openDocument(page, ZELENSKY);
      await selectText(page, 'contingent upon receiving security guarantees');
      await pressKey(page, '2');
      await selectText(page, 'Thursday');
      await pressKey(page, '3');
      await harness.menuCommand('export');
      const exportDialog = page.getByTestId('export-dialog');
      await exportDialog.getByLabel('Format').selectOption(format);
      await exportDialog.getByRole('button', { name: 'Export…' }).click();
      await expect(exportDialog.getByTestId('export-summary')).toContainText('Exported 2 span(s) in 1 document(s)');
      await exportDialog.getByRole('button', { name: 'Close' }).click();

      await harness.menuCommand('import');
      const importDialog = page.getByTestId('import-dialog');
      await importDialog.getByLabel('Format').selectOption(format);
      await importDialog.getByLabel('Annotator whose work this is').fill('bob');
      await importDialog.getByRole('button', { name: /Choose (file|folder)…/ }).click();
      await expect(importDialog.getByTestId('import-report')).toHaveAttribute('data-applied', 'true');
      await expect(importDialog.getByTestId('import-report')).toContainText('Imported 2 span(s) in 1 document(s)');
      const onDisk = await annotationsOnDisk(storePath);
      const spans = (who: string) =>
        onDisk
          .filter((a) => a.annotator === who)
          .map((a) => `${a.start}-${a.end}:${a.label}:${a.text}`)
          .sort();
      expect(spans('bob')).toEqual(spans('ada'));
      expect(spans('bob')).toHaveLength(2);
    });
  });
}
