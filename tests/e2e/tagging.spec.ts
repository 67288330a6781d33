/** An analyst's path: select words, press a label key, see the span, find it again after a restart. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { annotationsOnDisk, expect, test } from './fixtures';
import { highlights, openDocument, pressKey, selectText } from './helpers/text';

// These specs are about tagging by hand; suggestions are drawn and tested in flow.spec.ts.
test.use({ withSuggestions: false });

const ZELENSKY = '004_0a172a30c89c87c3';

test('tags a mouse selection across a word boundary and keeps it after a restart', async ({
  page,
  harness,
  storePath,
  seedsDir,
}) => {
  await openDocument(page, ZELENSKY);
  // Drag from inside "contingent" to inside "guarantees": the span grows to whole words.
  await selectText(page, 'contingent upon receiving security guarantees', { startInset: 3, endInset: 3 });
  await pressKey(page, '2');

  const highlight = highlights(page, 'precondition');
  await expect(highlight).toHaveText('contingent upon receiving security guarantees');
  const id = await highlight.getAttribute('data-annotation-id');
  await expect(page.locator(`.annotation-item[data-annotation-id="${id}"]`)).toContainText('precondition');
  await expect(page.locator(`.doc-item[data-doc-id="${ZELENSKY}"]`)).toContainText('1 span');

  const text = await readFile(join(seedsDir, `${ZELENSKY}.txt`), 'utf8');
  await expect.poll(() => annotationsOnDisk(storePath)).toHaveLength(1);
  const [saved] = await annotationsOnDisk(storePath);
  expect(saved).toMatchObject({ id, docId: ZELENSKY, label: 'precondition', annotator: 'ada' });
  expect(saved?.text).toBe('contingent upon receiving security guarantees');
  expect(text.slice(saved?.start, saved?.end)).toBe(saved?.text);
  expect(saved?.start).toBe(text.indexOf('contingent upon'));

  await harness.restart();
  await openDocument(page, ZELENSKY);
  await expect(page.locator(`.text-view [data-annotation-id="${id}"]`)).toHaveText(
    'contingent upon receiving security guarantees',
  );
});

test('selects with Shift+arrow keys and tags from the keyboard', async ({ page, storePath }) => {
  await openDocument(page, ZELENSKY);
  // A click puts the caret before "Bloomberg on Thursday"; Shift+Ctrl+Right extends by words.
  await selectText(page, 'Bloomberg on Thursday', { endInset: 'Bloomberg on Thursday'.length - 1 });
  await page.keyboard.press('ArrowLeft');
  for (let i = 0; i < 'Bloomberg'.length; i += 1) await page.keyboard.press('Shift+ArrowRight');
  await pressKey(page, '1');
  await expect(highlights(page, 'quote')).toHaveText('Bloomberg');
  await expect.poll(async () => (await annotationsOnDisk(storePath)).map((a) => a.text)).toEqual(['Bloomberg']);
});

test('clicking a label in the palette tags the selection too', async ({ page }) => {
  await openDocument(page, ZELENSKY);
  await selectText(page, 'late 2022');
  await page.locator('.label-chip[data-label="date"]').click();
  await expect(highlights(page, 'date')).toHaveText('late 2022');
});

test('a white-space-only selection tags nothing and says why', async ({ page, storePath }) => {
  await openDocument(page, ZELENSKY);
  await page.evaluate(() => {
    const p = document.querySelectorAll('.text-view p')[1]?.firstChild;
    if (!p) throw new Error('no paragraph');
    const at = (p.textContent ?? '').indexOf(' ');
    document.getSelection()?.setBaseAndExtent(p, at, p, at + 1);
  });
  await pressKey(page, '1');
  await expect(page.locator('.toast')).toContainText('only white space');
  await expect(highlights(page)).toHaveCount(0);
  expect(await annotationsOnDisk(storePath)).toHaveLength(0);
});

test.describe('a text with CRLF line ends, emoji and combining marks', () => {
  test.use({ seedsDir: join(import.meta.dirname, '../fixtures/crlf') });

  test('stores UTF-16 offsets that slice the file text exactly', async ({ page, storePath, seedsDir }) => {
    const text = await readFile(join(seedsDir, 'emoji-crlf.txt'), 'utf8');
    await selectText(page, 'We are ready');
    await pressKey(page, '1');
    await selectText(page, 'late 2022');
    await pressKey(page, '3');
    await expect(highlights(page)).toHaveCount(2);
    await expect.poll(async () => (await annotationsOnDisk(storePath)).length).toBe(2);
    for (const a of await annotationsOnDisk(storePath)) expect(text.slice(a.start, a.end)).toBe(a.text);
    const texts = (await annotationsOnDisk(storePath)).map((a) => a.text).sort();
    expect(texts).toEqual(['We are ready', 'late 2022']);
    const late = (await annotationsOnDisk(storePath)).find((a) => a.label === 'date');
    expect(late?.start).toBe(text.indexOf('late 2022'));
  });
});
