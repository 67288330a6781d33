/** The corpus as the analyst sees it: more folders, and texts that changed under their tags. */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { annotationsOnDisk, expect, test } from './fixtures';
import { highlights, openDocument, pressKey, selectText } from './helpers/text';

const FIXTURES = resolve(import.meta.dirname, '../fixtures');

test.describe('File > Open Folder…', () => {
  test.use({ folderToOpen: join(FIXTURES, 'crlf') });

  test('adds the folder’s articles to the list and keeps them after a restart', async ({ page, harness }) => {
    await page.getByRole('button', { name: 'Open Folder…' }).click();
    await expect(page.locator('.doc-item')).toHaveCount(6);
    await expect(page.locator('.doc-item[data-doc-id="emoji-crlf"]')).toContainText('Talks in Riyadh');
    await expect(page.locator('.toast')).toContainText('Added 1 document');
    await harness.restart();
    await expect(page.locator('.doc-item')).toHaveCount(6);
  });
});

test.describe('a text that changed on disk after it was tagged', () => {
  test.use({
    seedsDir: async ({}, use) => {
      const dir = await mkdtemp(join(tmpdir(), 'parley-corpus-'));
      await cp(join(FIXTURES, 'crlf'), dir, { recursive: true });
      await use(dir);
    },
  });

  test('shows the span flagged at its old place until it is found again and the move accepted', async ({
    page,
    harness,
    seedsDir,
    storePath,
  }) => {
    await selectText(page, 'late 2022');
    await pressKey(page, '3');
    await expect.poll(async () => (await annotationsOnDisk(storePath)).length).toBe(1);
    const file = join(seedsDir, 'emoji-crlf.txt');
    await writeFile(file, (await readFile(file, 'utf8')).replace('Talks in Riyadh', 'Talks in Riyadh and Jeddah'));

    await harness.restart();
    await openDocument(page, 'emoji-crlf');
    await expect(page.locator('.annotation-item')).toContainText('text changed');
    await expect(highlights(page, 'date')).toHaveClass(/hl-flagged/);
    await expect(page.locator('.doc-item[data-doc-id="emoji-crlf"]')).toContainText('1 flagged');
    const [saved] = await annotationsOnDisk(storePath);
    expect(saved?.text).toBe('late 2022');

    // Found again, 11 characters on; accepted, it is drawn there and no longer flagged.
    await page.locator('.anchor-banner').getByRole('button', { name: 'Find them again…' }).click();
    const dialog = page.getByTestId('anchor-review');
    await expect(dialog.locator('.anchor-list li')).toHaveCount(1);
    await expect(dialog.locator('.anchor-list li').first()).toContainText('same text');
    await expect(dialog.locator('.anchor-list li').first()).toContainText('moved +11 characters');
    await dialog.getByRole('button', { name: 'Accept', exact: true }).click();
    await expect(dialog).toContainText('None left to accept.');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(highlights(page, 'date')).toHaveText('late 2022');
    await expect(highlights(page, 'date')).not.toHaveClass(/hl-flagged/);
    await expect(page.locator('.anchor-banner')).toHaveCount(0);
    const text = await readFile(file, 'utf8');
    await expect
      .poll(async () => (await annotationsOnDisk(storePath)).map((a) => [a.start, a.text]))
      .toEqual([[text.indexOf('late 2022'), 'late 2022']]);
  });
});
