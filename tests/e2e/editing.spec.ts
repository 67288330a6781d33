/** Overlapping spans, selecting by click, delete, relabel, and undo/redo of each. */
import { annotationsOnDisk, expect, test } from './fixtures';
import { clickText, highlights, openDocument, pressKey, selectText } from './helpers/text';

// These specs are about tagging by hand; suggestions are drawn and tested in flow.spec.ts.
test.use({ withSuggestions: false });

const PESKOV = '001_f75ec0728e96b849';
const QUOTE = 'There’s still a lot to be clarified here,';

test.beforeEach(async ({ page }) => {
  await openDocument(page, PESKOV);
});

test('overlapping spans both stay visible, nested, each with its own id', async ({ page, storePath }) => {
  await selectText(page, 'Commenting on the potential for talks with Ukrainian President Volodymyr Zelensky');
  await pressKey(page, '1');
  await selectText(page, 'Ukrainian President Volodymyr Zelensky');
  await pressKey(page, '2');

  const outer = highlights(page, 'quote');
  // Where both cover the text, one element sits inside the other (ProseMirror picks which).
  const overlap = page.locator(
    '.text-view [data-label="quote"]:not(.hl-suggestion) [data-label="precondition"]:not(.hl-suggestion), .text-view [data-label="precondition"]:not(.hl-suggestion) [data-label="quote"]:not(.hl-suggestion)',
  );
  await expect(overlap).toHaveText('Ukrainian President Volodymyr Zelensky');
  const ids = new Set(
    await highlights(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-annotation-id'))),
  );
  expect(ids.size).toBe(2);
  await expect(outer.first()).toBeVisible();
  await expect.poll(async () => (await annotationsOnDisk(storePath)).length).toBe(2);
});

test('a click selects the innermost span and a second click the one around it', async ({ page }) => {
  await selectText(page, 'Commenting on the potential for talks with Ukrainian President Volodymyr Zelensky');
  await pressKey(page, '1');
  await selectText(page, 'Volodymyr');
  await pressKey(page, '3');
  await expect(highlights(page, 'date')).toHaveCount(1);
  await page.keyboard.press('Escape');

  await clickText(page, 'Volodymyr');
  await expect(page.locator('.hl-selected')).toHaveAttribute('data-label', 'date');
  await expect(page.locator('.annotation-item.selected')).toHaveAttribute('data-label', 'date');
  await clickText(page, 'Volodymyr');
  await expect(page.locator('.hl-selected').first()).toHaveAttribute('data-label', 'quote');
  await clickText(page, 'Volodymyr');
  await expect(page.locator('.hl-selected')).toHaveAttribute('data-label', 'date');
});

test('Delete removes the selected span; undo brings back the same id; redo deletes it again', async ({
  page,
  storePath,
}) => {
  await selectText(page, QUOTE);
  await pressKey(page, '1');
  const id = await highlights(page, 'quote').getAttribute('data-annotation-id');
  await page.locator(`.annotation-item[data-annotation-id="${id}"]`).click();
  await pressKey(page, 'Delete');
  await expect(highlights(page)).toHaveCount(0);
  await expect.poll(() => annotationsOnDisk(storePath)).toHaveLength(0);

  await pressKey(page, 'Control+z');
  await expect(page.locator(`.text-view [data-annotation-id="${id}"]`)).toHaveText(QUOTE);
  await expect.poll(async () => (await annotationsOnDisk(storePath)).map((a) => a.id)).toEqual([id]);

  await pressKey(page, 'Control+Shift+z');
  await expect(highlights(page)).toHaveCount(0);
  await expect.poll(() => annotationsOnDisk(storePath)).toHaveLength(0);
});

test('another label key relabels the selected span, and undo restores the label', async ({ page, storePath }) => {
  await selectText(page, QUOTE);
  await pressKey(page, '1');
  const id = await highlights(page, 'quote').getAttribute('data-annotation-id');
  await clickText(page, 'clarified');
  await pressKey(page, '2');
  const span = page.locator(`.text-view [data-annotation-id="${id}"]`);
  await expect(span).toHaveAttribute('data-label', 'precondition');
  await expect.poll(async () => (await annotationsOnDisk(storePath))[0]?.label).toBe('precondition');

  await pressKey(page, 'Control+z');
  await expect(span).toHaveAttribute('data-label', 'quote');
  await expect.poll(async () => (await annotationsOnDisk(storePath))[0]?.label).toBe('quote');
  await pressKey(page, 'Control+z');
  await expect(highlights(page)).toHaveCount(0);
});

test('the status of a document is set from its header and shown in the list', async ({ page, harness }) => {
  await page.getByRole('radio', { name: 'Done' }).click();
  await expect(page.locator(`.doc-item[data-doc-id="${PESKOV}"] [data-status]`)).toHaveAttribute('data-status', 'done');
  await harness.restart();
  await expect(page.locator(`.doc-item[data-doc-id="${PESKOV}"] [data-status]`)).toHaveAttribute('data-status', 'done');
});

test('the annotator name from Settings is stamped on new annotations', async ({ page, storePath }) => {
  await page.locator('.annotator').click();
  const dialog = page.getByTestId('settings-dialog');
  await dialog.getByLabel('Annotator name').fill('Grace');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await selectText(page, QUOTE);
  await pressKey(page, '1');
  await expect.poll(async () => (await annotationsOnDisk(storePath))[0]?.annotator).toBe('Grace');
  await expect(page.locator('.text-view [data-label="quote"]:not(.hl-suggestion)')).toHaveAttribute('title', /Grace/);
});
