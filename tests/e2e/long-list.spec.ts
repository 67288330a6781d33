/** A document with more than 300 spans lists them windowed: few rows built, every one reachable. */
import { expect, test } from './fixtures';
import { openDocument } from './helpers/text';

const ZELENSKY = '004_0a172a30c89c87c3';

test.use({ withSuggestions: false });

test('a list of 320 spans builds only the rows in view, and the last one can be reached', async ({ page, harness }) => {
  const { text } = await harness.service.getDocument(ZELENSKY);
  const words = [...text.matchAll(/[\p{L}\p{N}]+/gu)].slice(0, 320);
  for (const [i, m] of words.entries()) {
    await harness.service.addAnnotation({
      docId: ZELENSKY,
      start: m.index,
      end: m.index + m[0].length,
      label: ['quote', 'precondition', 'date'][i % 3] ?? 'quote',
    });
  }
  await page.reload();
  await openDocument(page, ZELENSKY);
  const list = page.getByRole('complementary', { name: 'Annotations' });
  await expect(list.getByTestId('annotation-count')).toHaveText('320');
  const built = await list.locator('.annotation-item').count();
  expect(built).toBeGreaterThan(10);
  expect(built).toBeLessThan(120);
  // k from nothing selected goes to the last span; its row is built and scrolled into view.
  await page.keyboard.press('k');
  const last = words[words.length - 1]?.[0] ?? '';
  const row = list.locator('.annotation-item.selected');
  await expect(row).toBeInViewport();
  await expect(row).toContainText(last);
});
