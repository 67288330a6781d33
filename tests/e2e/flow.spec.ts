/**
 * An analyst tags a whole seed article without touching the mouse: moves to it with ], takes
 * suggestions with Tab / Enter / x, makes a span from the keyboard, sets a speaker and a holder,
 * nudges a boundary, marks the article done — and the store holds exactly that.
 */
import type { Page } from '@playwright/test';
import { annotationsOnDisk, expect, storeOnDisk, test } from './fixtures';
import { highlights, openDocument, selectText } from './helpers/text';

const KREMLIN = '001_f75ec0728e96b849';
const ZELENSKY = '004_0a172a30c89c87c3';

/** The id of the selected highlight in the text, if any. */
const selectedId = (page: Page): Promise<string | null> =>
  page.evaluate(() => document.querySelector('.text-view .hl-selected')?.getAttribute('data-annotation-id') ?? null);

test('tags a whole article from the keyboard alone', async ({ page, harness, storePath }) => {
  const suggestions = await harness.service.getSuggestions(KREMLIN);
  const byId = new Map(suggestions.map((s) => [`suggestion:${s.id}`, s]));
  expect(suggestions.some((s) => s.label === 'quote')).toBe(true);

  await page.keyboard.press(']');
  await expect(page.locator(`.text-scroll[data-doc-id="${KREMLIN}"]`)).toBeVisible();
  await expect(page.locator('.text-view .hl-suggestion').first()).toBeVisible();

  // Tab to the first suggested quote; Enter takes it and moves on to the next suggestion.
  await page.keyboard.press('Tab');
  for (let i = 0; i < suggestions.length; i += 1) {
    const id = await selectedId(page);
    if (byId.get(id ?? '')?.label === 'quote') break;
    await page.keyboard.press('Tab');
  }
  const quote = byId.get((await selectedId(page)) ?? '');
  expect(quote?.label).toBe('quote');
  await page.keyboard.press('Enter');
  await expect.poll(() => selectedId(page)).toMatch(/^suggestion:/);
  const second = byId.get((await selectedId(page)) ?? '');
  await page.keyboard.press('Enter');
  await expect.poll(() => selectedId(page)).not.toBe(`suggestion:${second?.id ?? ''}`);
  const rejected = byId.get((await selectedId(page)) ?? '');
  expect(rejected).toBeDefined();
  await page.keyboard.press('x');
  await expect(page.locator(`[data-annotation-id="suggestion:${rejected?.id ?? ''}"]`)).toHaveCount(0);

  // A span from the keyboard: find the words, Escape leaves them selected, 2 tags them.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+f');
  await expect(
    page.getByRole('searchbox', { name: 'Find in the document' }).or(page.getByTestId('find-bar').locator('input')),
  ).toBeFocused();
  await page.keyboard.type('how ready the Ukrainian side');
  await expect(page.getByTestId('find-count')).toContainText('1 of 1');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('find-bar')).toHaveCount(0);
  await page.keyboard.press('2');
  await expect(page.locator('.text-view .hl-selected[data-label="precondition"]').first()).toBeVisible();
  // Alt+Shift+→ nudges its start a word right; Alt+→ its end a word right.
  await page.keyboard.press('Alt+Shift+ArrowRight');
  await page.keyboard.press('Alt+ArrowRight');
  await page.keyboard.press('e');
  await page.keyboard.type('Russia');
  await page.keyboard.press('Enter');

  // Back to the quote with k/j, and name its speaker.
  for (let i = 0; i < 10; i += 1) {
    const id = await selectedId(page);
    const on = (await annotationsOnDisk(storePath)).find((a) => a.id === id);
    if (on?.label === 'quote') break;
    await page.keyboard.press('k');
  }
  await page.keyboard.press('e');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Dmitry Peskov');
  await page.keyboard.press('Enter');

  // Done, and the shortcut sheet is one key away.
  await page.keyboard.press('d');
  await expect(page.getByRole('radio', { name: 'Done' })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts')).toContainText('Next suggestion');
  await page.keyboard.press('Escape');

  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await expect.poll(async () => (await annotationsOnDisk(storePath)).filter((a) => a.docId === KREMLIN).length).toBe(3);
  const onDisk = (await annotationsOnDisk(storePath)).filter((a) => a.docId === KREMLIN);
  const simple = onDisk
    .map((a) => ({ text: a.text, label: a.label, source: a.source ?? 'manual', attributes: a.attributes ?? {} }))
    .sort((a, b) => a.text.localeCompare(b.text));
  expect(simple).toEqual(
    [
      {
        text: quote?.text,
        label: 'quote',
        source: 'suggested',
        attributes: { ...quote?.attributes, speaker: 'Dmitry Peskov' },
      },
      { text: second?.text, label: second?.label, source: 'suggested', attributes: second?.attributes },
      {
        text: 'ready the Ukrainian side is',
        label: 'precondition',
        source: 'manual',
        attributes: { holder: 'Russia' },
      },
    ]
      .map((a) => ({
        ...a,
        attributes: Object.fromEntries(Object.entries(a.attributes ?? {}).filter(([, v]) => v !== '')),
      }))
      .sort((a, b) => (a.text ?? '').localeCompare(b.text ?? '')),
  );
  const store = await storeOnDisk(storePath);
  expect(store.status[KREMLIN]?.ada).toBe('done');
  expect(store.rejectedSuggestions[KREMLIN]?.ada).toEqual([rejected?.id]);
});

test('selected words are tagged even while a suggestion is selected, and the suggestion stays', async ({
  page,
  harness,
  storePath,
}) => {
  const suggestions = await harness.service.getSuggestions(ZELENSKY);
  const thursday = suggestions.find((s) => s.text === 'Thursday');
  expect(thursday).toBeDefined();
  await openDocument(page, ZELENSKY);
  await page.locator(`[data-annotation-id="suggestion:${thursday?.id ?? ''}"]`).click();
  await expect(page.locator('.text-view .hl-selected.hl-suggestion')).toHaveText('Thursday');
  await selectText(page, 'Andrey Sibiga');
  await page.keyboard.press('1');
  await expect(highlights(page, 'quote')).toHaveText('Andrey Sibiga');
  await expect(page.locator(`[data-annotation-id="suggestion:${thursday?.id ?? ''}"]`)).toHaveCount(1);
  await expect
    .poll(async () => (await annotationsOnDisk(storePath)).map((a) => `${a.label}:${a.text}`))
    .toEqual(['quote:Andrey Sibiga']);
});
