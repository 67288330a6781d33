/**
 * The README's screenshot: a seed article with overlapping highlights, taken by the harness.
 * `UPDATE_SCREENSHOT=1 npx playwright test screenshot` writes it to docs/screenshot.png.
 */
import { resolve } from 'node:path';
import { expect, test } from './fixtures';
import { clickText, highlights, openDocument, pressKey, selectText } from './helpers/text';

test('a seed article with overlapping quote, precondition and date spans', async ({ page }, testInfo) => {
  await openDocument(page, '004_0a172a30c89c87c3');
  const tags: [string, string][] = [
    ['Zelensky has indicated potential willingness to engage in direct peace negotiations', '1'],
    ['contingent upon receiving security guarantees from U.S. President Donald Trump', '2'],
    ['Thursday', '3'],
    ['late 2022', '3'],
    ['direct peace negotiations with Russian President Vladimir Putin', '2'],
    ['the nature of the security guarantees', '2'],
    ['earlier this month', '3'],
    ['if the latter were to hold an election and secure a victory', '2'],
  ];
  for (const [text, key] of tags) {
    await selectText(page, text);
    await pressKey(page, key);
  }
  await expect(highlights(page)).not.toHaveCount(0);
  await expect(page.locator('.annotation-item')).toHaveCount(tags.length);
  await clickText(page, 'late 2022');
  await page.mouse.move(5, 5);
  const path = process.env.UPDATE_SCREENSHOT
    ? resolve(import.meta.dirname, '../../docs/screenshot.png')
    : testInfo.outputPath('screenshot.png');
  await page.screenshot({ path });
});
