/** File › Restore Backup…: the backups are listed with what they hold; restoring one brings its spans back. */
import { copyFile } from 'node:fs/promises';
import { annotationsOnDisk, expect, test } from './fixtures';
import { highlights, pressKey, selectText } from './helpers/text';

test.use({ withSuggestions: false });

test('restores a backup from the File menu, and the store before it becomes a backup', async ({
  page,
  harness,
  storePath,
}) => {
  await selectText(page, 'Kremlin');
  await pressKey(page, '1');
  await expect.poll(async () => (await annotationsOnDisk(storePath)).length).toBe(1);
  // Quitting folds the journal into the store file, which is then the whole store to copy.
  await harness.restart();
  await copyFile(storePath, `${storePath}.backup-2026-11-20T09-00-00-000Z`);
  await selectText(page, 'Zelenskyy’s Ready');
  await pressKey(page, '2');
  await expect.poll(async () => (await annotationsOnDisk(storePath)).length).toBe(2);

  await harness.menuCommand('restore-backup');
  const dialog = page.getByTestId('backups-dialog');
  const row = dialog.locator('tr[data-backup$="2026-11-20T09-00-00-000Z"]');
  await expect(row.locator('td').nth(1)).toHaveText('1');

  await row.getByRole('button', { name: 'Restore…' }).click();
  await expect(row).toContainText('Replace the store with this backup?');
  await row.getByRole('button', { name: 'Restore', exact: true }).click();

  // The app reloads on the restored store: one span, drawn and on disk.
  await expect(highlights(page)).toHaveCount(1);
  await expect(highlights(page, 'quote')).toHaveText('Kremlin');
  await expect.poll(async () => (await annotationsOnDisk(storePath)).map((a) => a.text)).toEqual(['Kremlin']);
  await harness.menuCommand('restore-backup');
  await expect(page.getByTestId('backups-dialog').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('backups-dialog').locator('tbody tr').first().locator('td').nth(1)).toHaveText('2');
});
