/**
 * A working session beyond tagging: labels edited in Settings, find in the document, corpus
 * search, the list filters and the statistics view. Screenshots of each go to /tmp/parley-shots.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { annotationsOnDisk, expect, storeOnDisk, test } from './fixtures';
import { highlights, openDocument, pressKey, selectText } from './helpers/text';

const PESKOV = '001_f75ec0728e96b849';
const MACRON = '002_fdc061c071a624e3';
const SEEDS = resolve(import.meta.dirname, '../../seeds');
const QUOTE = 'There’s still a lot to be clarified here,';
const SHOTS = '/tmp/parley-shots';

const shoot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png` });

/** How often `needle` occurs in a seed, ignoring case. */
async function occurrences(docId: string, needle: string): Promise<number> {
  const text = await readFile(resolve(SEEDS, `${docId}.txt`), 'utf8');
  return text.toLowerCase().split(needle.toLowerCase()).length - 1;
}

async function openLabelSettings(page: Page) {
  await pressKey(page, 'Control+,');
  const dialog = page.getByTestId('settings-dialog');
  await dialog.getByRole('tab', { name: 'Labels' }).click();
  await expect(dialog.getByTestId('labels-settings')).toBeVisible();
  return dialog;
}

test.beforeEach(async ({ page }) => {
  await openDocument(page, PESKOV);
});

test.describe('Settings › Labels', () => {
  test('a label added with a hotkey tags the selection with that key', async ({ page, storePath }) => {
    const dialog = await openLabelSettings(page);
    await dialog.getByRole('button', { name: '+ New label' }).click();
    const form = dialog.getByTestId('add-label');
    await form.getByLabel('Name').fill('Legal claim');
    await form.getByLabel('Colour').fill('#862e9c');
    await form.getByLabel('Hotkey').fill('q');
    await form.getByRole('button', { name: '+ Add attribute' }).click();
    await form.getByLabel('Attribute 1 name').fill('strength');
    await form.getByLabel('Attribute 1 kind').selectOption('choice');
    await form.getByLabel('Attribute 1 choices, separated by commas').fill('weak, strong');
    await shoot(page, 'labels-add');
    await form.getByRole('button', { name: 'Add label' }).click();

    const row = dialog.locator('[data-label-id="legal-claim"]');
    await expect(row).toContainText('Legal claim');
    await expect(row.locator('kbd')).toHaveText('q');
    await shoot(page, 'labels-settings');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(page.locator('.palette [data-label="legal-claim"]')).toBeVisible();

    await selectText(page, QUOTE);
    await pressKey(page, 'q');
    await expect(page.locator('.annotation-item[data-label="legal-claim"] .covered')).toHaveText(QUOTE);
    await expect(highlights(page, 'legal-claim').first()).toBeVisible();
    await expect.poll(async () => (await annotationsOnDisk(storePath)).map((a) => a.label)).toEqual(['legal-claim']);
    const store = await storeOnDisk(storePath);
    expect(store.labels.find((l) => l.id === 'legal-claim')?.attributes).toEqual([
      { name: 'strength', kind: 'choice', choices: ['weak', 'strong'] },
    ]);
  });

  test('a hotkey that is one of Parley’s own keys is refused with main’s message', async ({ page, storePath }) => {
    const dialog = await openLabelSettings(page);
    await dialog.getByRole('button', { name: 'Edit quote' }).click();
    const form = dialog.getByTestId('edit-label');
    await form.getByLabel('Hotkey').fill('x');
    await form.getByRole('button', { name: 'Save label' }).click();
    await expect(form.getByRole('alert')).toContainText("one of Parley's own keys");
    await shoot(page, 'labels-reserved-key');
    await expect
      .poll(async () => (await storeOnDisk(storePath)).labels.find((l) => l.id === 'quote')?.hotkey)
      .toBe('1');
    await form.getByLabel('Hotkey').fill('7');
    await form.getByRole('button', { name: 'Save label' }).click();
    await expect(dialog.locator('[data-label-id="quote"] kbd')).toHaveText('7');
  });

  test('deleting a label in use asks what happens to its spans and moves them', async ({ page, storePath }) => {
    await selectText(page, 'Thursday');
    await pressKey(page, '3');
    await selectText(page, QUOTE);
    await pressKey(page, '1');
    await expect.poll(async () => (await annotationsOnDisk(storePath)).length).toBe(2);

    const dialog = await openLabelSettings(page);
    await dialog.getByRole('button', { name: 'Delete date' }).click();
    const panel = dialog.getByTestId('delete-label');
    await expect(panel).toContainText('1 span uses “date”');
    await panel.getByLabel('Label to move the spans to').selectOption('precondition');
    await shoot(page, 'labels-delete');
    await panel.getByRole('button', { name: 'Delete label' }).click();
    await expect(dialog.locator('[data-label-id="date"]')).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Close' }).click();

    await expect
      .poll(async () => (await annotationsOnDisk(storePath)).map((a) => `${a.label}:${a.text}`).sort())
      .toEqual(['precondition:Thursday', `quote:${QUOTE}`]);
    await expect(page.locator('.annotation-item[data-label="precondition"] .covered')).toHaveText('Thursday');
    await expect(page.locator('.text-view [data-label="precondition"]:not(.hl-suggestion)')).toHaveText('Thursday');
    await expect(page.locator('.palette [data-label="date"]')).toHaveCount(0);
  });

  test('the Suggest switch writes the labels whose recogniser is on', async ({ page, storePath }) => {
    const dialog = await openLabelSettings(page);
    const quote = dialog.getByRole('switch', { name: 'Suggest quote spans' });
    await expect(quote).toBeChecked();
    await quote.click();
    await expect(quote).not.toBeChecked();
    await expect
      .poll(async () => (await storeOnDisk(storePath)).settings.suggestLabels)
      .toEqual(['date', 'precondition']);
    await expect(dialog).toBeVisible();
  });
});

test.describe('find in the document', () => {
  test('Ctrl+F highlights every hit, Enter and Shift+Enter step, Escape clears and leaves the hit selected', async ({
    page,
  }) => {
    const expected = await occurrences(PESKOV, 'zelensky');
    expect(expected).toBeGreaterThan(2);
    await pressKey(page, 'Control+f');
    const bar = page.getByTestId('find-bar');
    await expect(bar.getByRole('textbox')).toBeFocused();
    await page.keyboard.type('ZELENSKY');
    const count = bar.getByTestId('find-count');
    await expect(count).toHaveText(`1 of ${expected}`);
    const drawn = () => page.evaluate(() => CSS.highlights.get('parley-find')?.size ?? 0);
    await expect.poll(drawn).toBe(expected);
    await page.keyboard.press('Enter');
    await expect(count).toHaveText(`2 of ${expected}`);
    await page.keyboard.press('Enter');
    await expect(count).toHaveText(`3 of ${expected}`);
    await page.keyboard.press('Shift+Enter');
    await expect(count).toHaveText(`2 of ${expected}`);
    const current = await page.evaluate(() => {
      const [range] = CSS.highlights.get('parley-find-current') ?? [];
      return range instanceof Range ? range.toString() : null;
    });
    expect(current?.toLowerCase()).toBe('zelensky');
    await shoot(page, 'find-bar');

    await page.keyboard.press('Escape');
    await expect(bar).toBeHidden();
    expect(await page.evaluate(() => CSS.highlights.has('parley-find'))).toBe(false);
    // The current hit stays selected in the text, so a label key tags it.
    await pressKey(page, '3');
    await expect(page.locator('.annotation-item[data-label="date"] .covered')).toHaveText('Zelensky');
  });

  test('the hits follow when another document opens', async ({ page }) => {
    await pressKey(page, 'Control+f');
    await page.keyboard.type('kremlin');
    const count = page.getByTestId('find-count');
    await expect(count).toHaveText(`1 of ${await occurrences(PESKOV, 'kremlin')}`);
    await openDocument(page, MACRON);
    await expect(count).toHaveText(`1 of ${await occurrences(MACRON, 'kremlin')}`);
    await expect
      .poll(() => page.evaluate(() => CSS.highlights.get('parley-find')?.size ?? 0))
      .toBe(await occurrences(MACRON, 'kremlin'));
  });
});

test('a corpus search narrows the document list to the documents with hits, and clearing restores it', async ({
  page,
}) => {
  const search = page.getByTestId('corpus-search');
  await search.fill('Notre Dame');
  await expect(page.locator('.doc-item')).toHaveCount(1);
  await expect(page.locator(`.doc-item[data-doc-id="${MACRON}"] [data-testid="hit-count"]`)).toHaveText('1 hit');
  await search.fill('kremlin');
  await expect(page.locator('.doc-item')).toHaveCount(4);
  await expect(page.locator('.doc-item').first()).toHaveAttribute('data-doc-id', '000_fe2b5cb27bd72a2a');
  await expect(page.locator('.doc-item').first().getByTestId('hit-count')).toHaveText('7 hits');
  await shoot(page, 'corpus-search');
  await search.fill('');
  await expect(page.locator('.doc-item')).toHaveCount(5);
  await expect(page.locator('[data-testid="hit-count"]')).toHaveCount(0);
});

test('the document list filters by status and shows the corpus progress', async ({ page }) => {
  await page.locator('.status-switch').getByRole('radio', { name: 'Done' }).click();
  await openDocument(page, MACRON);
  await selectText(page, 'immediate ceasefire');
  await pressKey(page, '2');
  const progress = page.getByTestId('corpus-progress');
  await expect(progress).toContainText('1 of 5 done · 1 in progress');

  const filter = page.locator('.status-filter');
  await filter.getByRole('tab', { name: 'Done' }).click();
  await expect(page.locator('.doc-item')).toHaveCount(1);
  await expect(page.locator('.doc-item')).toHaveAttribute('data-doc-id', PESKOV);
  await filter.getByRole('tab', { name: 'In progress' }).click();
  await expect(page.locator('.doc-item')).toHaveCount(1);
  await expect(page.locator('.doc-item')).toHaveAttribute('data-doc-id', MACRON);
  await filter.getByRole('tab', { name: 'To do' }).click();
  await expect(page.locator('.doc-item')).toHaveCount(3);
  await shoot(page, 'document-filter');
  await page.getByLabel('Sort documents').selectOption('spans');
  await filter.getByRole('tab', { name: 'All' }).click();
  await expect(page.locator('.doc-item').first()).toHaveAttribute('data-doc-id', MACRON);
});

test('the annotation list filters by label and by text', async ({ page }) => {
  await selectText(page, QUOTE);
  await pressKey(page, '1');
  await selectText(page, 'Thursday');
  await pressKey(page, '3');
  await selectText(page, 'Moscow');
  await pressKey(page, '3');
  const items = page.locator('.annotation-item');
  await expect(items).toHaveCount(3);

  const filter = page.getByTestId('annotation-filter');
  await filter.locator('[data-label="date"]').click();
  await expect(items).toHaveCount(2);
  await expect(page.getByTestId('annotation-count')).toHaveText('2 of 3');
  for (const label of await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-label')))) {
    expect(label).toBe('date');
  }
  await filter.getByLabel('Filter the spans by text').fill('mosc');
  await expect(items).toHaveCount(1);
  await expect(items).toContainText('Moscow');
  await shoot(page, 'annotation-filter');
  await filter.getByRole('radio', { name: /^All/ }).click();
  await filter.getByLabel('Filter the spans by text').fill('');
  await expect(items).toHaveCount(3);
});

test('the statistics view shows spans per label for you and the corpus, and time per document', async ({ page }) => {
  await selectText(page, QUOTE);
  await pressKey(page, '1');
  await selectText(page, 'Thursday');
  await pressKey(page, '3');
  await selectText(page, 'Moscow');
  await pressKey(page, '3');
  await expect(page.locator('.annotation-item')).toHaveCount(3);

  await pressKey(page, 'Control+Shift+S');
  const dialog = page.getByTestId('stats-dialog');
  const table = dialog.getByTestId('label-counts');
  await expect(table.locator('tr[data-label="quote"] [data-testid="mine"]')).toHaveText('1');
  await expect(table.locator('tr[data-label="date"] [data-testid="mine"]')).toHaveText('2');
  await expect(table.locator('tr[data-label="date"] [data-testid="corpus"]')).toHaveText('2');
  await expect(table.locator('tr[data-label="precondition"] [data-testid="mine"]')).toHaveText('0');
  await expect(dialog.getByRole('img', { name: /Bar chart of spans per label/ })).toBeVisible();
  await expect(dialog.getByTestId('time-per-document').locator(`tr[data-doc-id="${PESKOV}"]`)).toContainText('0:00');
  await shoot(page, 'statistics');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
