/**
 * Review of a document with hundreds of disagreements (every other word of an article): the review list builds only the rows in
 * view, n and p step through every open disagreement with the selected row scrolled into view,
 * and the counts are those of the whole list.
 */
import { expect, test } from './fixtures';
import { openDocument } from './helpers/text';

const ZELENSKY = '004_0a172a30c89c87c3';
const LABELS = ['quote', 'precondition', 'date'];

test.use({ withSuggestions: false });

test('a review of 300 and more open disagreements is windowed, and n and p keep the selected row in view', async ({
  page,
  harness,
}) => {
  const service = harness.service;
  const { text } = await service.getDocument(ZELENSKY);
  const words = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
  const open = 2 * Math.floor(words.length / 2);
  expect(open).toBeGreaterThan(300);
  // ben and cy tag the same words; cy labels every other one differently.
  for (const [annotator, shift] of [
    ['ben', 0],
    ['cy', 1],
  ] as const) {
    await service.updateSettings({ annotator });
    for (const [i, m] of words.entries()) {
      const label = LABELS[(i + (i % 2) * shift) % LABELS.length] ?? 'quote';
      await service.addAnnotation({ docId: ZELENSKY, start: m.index, end: m.index + m[0].length, label });
    }
  }
  await service.updateSettings({ annotator: 'ada' });
  await page.reload();
  await openDocument(page, ZELENSKY);
  await page.keyboard.press('Control+2');
  const panel = page.getByTestId('review-panel');
  await expect(panel.getByTestId('review-remaining')).toHaveText(`${open} open of ${open} disagreements`);
  await expect(panel.locator('.filter-chips [data-value="all"]')).toContainText(String(2 * words.length));
  await expect(panel).toHaveClass(/windowed/);
  const built = await panel.locator('.annotation-item').count();
  expect(built).toBeGreaterThan(10);
  expect(built).toBeLessThan(120);

  const selected = panel.locator('.annotation-item[aria-pressed="true"]');
  // p from nothing selected: the last open disagreement, far down the list, built and in view.
  await page.keyboard.press('p');
  await expect(selected).toBeInViewport();
  await expect(selected).toContainText(words[open - 1]?.[0] ?? '');
  await expect(selected).toHaveAttribute('data-class', 'label');
  // p and n again: the other annotator's span on the same word, then back.
  const last = await selected.getAttribute('data-annotation-id');
  await page.keyboard.press('p');
  await expect(selected).not.toHaveAttribute('data-annotation-id', last ?? '');
  await expect(selected).toBeInViewport();
  await page.keyboard.press('n');
  await expect(selected).toHaveAttribute('data-annotation-id', last ?? '');
  await expect(selected).toBeInViewport();

  // Back at the top, n steps from the first open disagreement on: two per odd word (ben's, cy's).
  await panel.evaluate((el) => el.scrollTo({ top: 0 }));
  await panel.locator('.annotation-item').first().click();
  const first = await selected.getAttribute('data-annotation-id');
  for (let i = 0; i < 30; i += 1) await page.keyboard.press('n');
  await expect(selected).not.toHaveAttribute('data-annotation-id', first ?? '');
  await expect(selected).toBeInViewport();
  await expect(selected).toContainText(words[31]?.[0] ?? '');
});
