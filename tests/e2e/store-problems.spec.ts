/** A store Parley cannot read is never overwritten: the analyst is told and chooses what to do. */
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { expect, storeFileWith, test } from './fixtures';
import { CURRENT_SCHEMA_VERSION } from '../../main/service/store-data';

const CORRUPT = '{\n "schemaVersion": 1,\n "annotations": {,\n}\n';

test.describe('a corrupt store', () => {
  test.use({ storePath: storeFileWith(CORRUPT) });

  test('is named with its parse error, kept, and can be moved aside for a fresh start', async ({ page, storePath }) => {
    const dialog = page.getByTestId('store-problem');
    await expect(dialog).toContainText('parley-store.json is not valid JSON at line 3');
    await expect(dialog).toContainText(storePath);
    expect(await readFile(storePath, 'utf8')).toBe(CORRUPT);

    await dialog.getByRole('button', { name: 'Move it aside and start fresh' }).click();
    await expect(page.locator('.doc-item')).toHaveCount(5);
    const asides = (await readdir(dirname(storePath))).filter((n) => n.startsWith(`${basename(storePath)}.corrupt-`));
    expect(asides).toHaveLength(1);
    expect(await readFile(`${dirname(storePath)}/${asides[0]}`, 'utf8')).toBe(CORRUPT);
    expect(JSON.parse(await readFile(storePath, 'utf8'))).toMatchObject({ schemaVersion: CURRENT_SCHEMA_VERSION });
  });
});

test.describe('a store from a newer Parley', () => {
  const NEWER = JSON.stringify({ schemaVersion: 99, annotations: {} });
  test.use({ storePath: storeFileWith(NEWER) });

  test('is refused with a clear message and left untouched', async ({ page, storePath }) => {
    const dialog = page.getByTestId('store-problem');
    await expect(dialog).toContainText('newer Parley (schema version 99');
    await expect(dialog.getByRole('button', { name: 'Move it aside and start fresh' })).toHaveCount(0);
    await expect(dialog.getByRole('button', { name: 'Quit Parley' })).toBeVisible();
    await page.keyboard.press('1');
    expect(await readFile(storePath, 'utf8')).toBe(NEWER);
  });
});
