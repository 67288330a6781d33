/**
 * A text too long to draw whole (here 2,400 lines, 340,000 characters) is drawn around the
 * viewport: scrolling, find, the annotation list and tagging reach every part of it, and offsets
 * stay exact far from the start.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { annotationsOnDisk, expect, test } from './fixtures';
import { openDocument, pressKey, selectText } from './helpers/text';

const LONG = 'long-report';
const PARAGRAPHS = 1200;
const paragraph = (i: number): string =>
  `Paragraph ${String(i).padStart(4, '0')} of the long report: the delegations met again and ` +
  `the mediators said “talks continue in good faith” while the negotiators asked for a ceasefire ` +
  `first, and the observers noted the date of the next round without comment, as before.`;
const LAST_WORDS = 'the archive closes here';
const TEXT = `${Array.from({ length: PARAGRAPHS }, (_, i) => paragraph(i)).join('\n\n')}\n\nIn the end ${LAST_WORDS}.`;

test.use({
  withSuggestions: false,
  seedsDir: async ({}, use, testInfo) => {
    const dir = testInfo.outputPath('long-seeds');
    await mkdir(dir, { recursive: true });
    await writeFile(`${dir}/${LONG}.txt`, TEXT);
    await writeFile(`${dir}/short-note.txt`, 'A short note: “Nothing new,” the spokesman said.');
    await use(dir);
  },
});

const scroller = '.text-scroll';
const drawnParagraphs = (page: import('@playwright/test').Page): Promise<number> =>
  page.locator('.text-view p').count();

test('a long text is drawn around the viewport, and every part of it can be read, found and tagged', async ({
  page,
  harness,
}) => {
  // A span near the end, tagged before the app opened the document.
  const far = TEXT.indexOf(paragraph(1100));
  const farSpan = await harness.service.addAnnotation({ docId: LONG, start: far, end: far + 14, label: 'quote' });
  await page.reload();
  await openDocument(page, LONG);
  await expect(page.locator('.text-view')).toContainText('Paragraph 0000');
  // Only a window of the 2,401 lines is in the DOM.
  const drawn = await drawnParagraphs(page);
  expect(drawn).toBeGreaterThan(20);
  expect(drawn).toBeLessThan(400);
  await expect(page.locator('.text-view')).not.toContainText(LAST_WORDS);

  // Scrolling to the bottom draws the end, and the scroll height holds the whole text.
  await page.locator(scroller).evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(page.locator('.text-view')).toContainText(LAST_WORDS);
  await expect(page.getByText(LAST_WORDS, { exact: false }).first()).toBeInViewport();
  expect(await drawnParagraphs(page)).toBeLessThan(400);

  // Scrolling up a screen at a time keeps the text continuous: every paragraph number appears.
  const seen = new Set<number>();
  for (let step = 0; step < 12; step += 1) {
    await page.mouse.move(700, 450);
    await page.mouse.wheel(0, -600);
    await page.waitForTimeout(50);
    const numbers = await page
      .locator('.text-view p')
      .evaluateAll((ps) => ps.map((p) => Number(/Paragraph (\d{4})/.exec(p.textContent ?? '')?.[1] ?? -1)));
    for (const n of numbers) if (n >= 0) seen.add(n);
  }
  const sorted = [...seen].sort((a, b) => a - b);
  for (let i = 1; i < sorted.length; i += 1) expect(sorted[i]).toBe((sorted[i - 1] ?? 0) + 1);

  // The annotation list reaches a span that is not drawn: its highlight is drawn and shown.
  await page.locator(scroller).evaluate((el) => el.scrollTo({ top: 0 }));
  await page.locator('.annotation-item', { hasText: 'Paragraph 1100' }).click();
  const farHighlight = page.locator(`.text-view [data-annotation-id="${farSpan.id}"]`);
  await expect(farHighlight).toBeInViewport();

  // A mouse selection there tags the exact offsets of the whole text.
  await selectText(page, 'Paragraph 1101');
  await pressKey(page, '2');
  const wanted = TEXT.indexOf(paragraph(1101));
  await expect
    .poll(async () =>
      (await harness.service.getDocument(LONG)).annotations.map((a) => [a.start, a.end, a.label, a.text]),
    )
    .toContainEqual([wanted, wanted + 14, 'precondition', 'Paragraph 1101']);

  // Find reaches the last line from the top; Escape leaves the hit selected and a key tags it.
  await page.locator(scroller).evaluate((el) => el.scrollTo({ top: 0 }));
  await page.locator('.text-view').click({ position: { x: 5, y: 5 } });
  await pressKey(page, 'Control+f');
  await page
    .getByRole('searchbox', { name: 'Find in the document' })
    .or(page.getByPlaceholder('Find in the document'))
    .fill(LAST_WORDS);
  await expect(page.getByText(LAST_WORDS).first()).toBeInViewport();
  await pressKey(page, 'Escape');
  await pressKey(page, '3');
  const end = TEXT.indexOf(LAST_WORDS);
  await expect
    .poll(async () => (await harness.service.getDocument(LONG)).annotations.map((a) => [a.start, a.end, a.label]))
    .toContainEqual([end, end + LAST_WORDS.length, 'date']);

  // Another document and back: a short text is drawn whole, with no space left over.
  await openDocument(page, 'short-note');
  await expect(page.locator('.text-spacer').first()).toHaveCSS('height', '0px');
  await expect(page.locator('.text-spacer').last()).toHaveCSS('height', '0px');
});

test('tags words selected anywhere in a long text right after scrolling there, each at its offsets', async ({
  page,
  storePath,
}) => {
  await openDocument(page, LONG);
  // Twenty paragraphs spread over the text: each is scrolled to (the drawn window moves by its
  // edges), its number selected as the page selects it, and tagged at once.
  const picks = Array.from({ length: 20 }, (_, i) => Math.floor(((i + 0.5) * PARAGRAPHS) / 20));
  for (const i of picks) {
    const word = String(i).padStart(4, '0');
    await page.evaluate((fraction) => {
      const el = document.querySelector('.text-scroll');
      if (el) el.scrollTop = fraction * el.scrollHeight - el.clientHeight / 2;
    }, i / PARAGRAPHS);
    await expect(page.locator('.text-view p', { hasText: `Paragraph ${word} of` })).toHaveCount(1);
    await page.evaluate((needle) => {
      const p = [...document.querySelectorAll('.text-view p')].find((el) => el.textContent?.startsWith(needle));
      const node = p?.firstChild;
      if (node) window.getSelection()?.setBaseAndExtent(node, 10, node, 14);
    }, `Paragraph ${word} of`);
    await pressKey(page, '1');
  }
  await expect(page.getByTestId('annotation-count')).toHaveText(String(picks.length));
  await expect
    .poll(async () => (await annotationsOnDisk(storePath)).map((a) => a.text).sort())
    .toEqual(picks.map((i) => String(i).padStart(4, '0')).sort());
  const onDisk = await annotationsOnDisk(storePath);
  for (const a of onDisk) expect(TEXT.slice(a.start, a.end)).toBe(a.text);
});

/** The number of the first paragraph whose bottom is below the top of the text's viewport. */
const topParagraph = (page: import('@playwright/test').Page): Promise<number> =>
  page.evaluate(() => {
    const top = document.querySelector('.text-scroll')?.getBoundingClientRect().top ?? 0;
    const line = [...document.querySelectorAll('.text-view p')].find((p) => p.getBoundingClientRect().bottom > top);
    return Number(/Paragraph (\d{4})/.exec(line?.textContent ?? '')?.[1] ?? -1);
  });

test('coming back to a long text, from another document or from Review, finds it where it was left', async ({
  page,
  harness,
}) => {
  const at = TEXT.indexOf(paragraph(800));
  const span = await harness.service.addAnnotation({ docId: LONG, start: at, end: at + 14, label: 'quote' });
  await page.reload();
  await openDocument(page, LONG);
  // The analyst goes to the span through the list and reads on a little further down.
  await page.locator(`.annotation-item[data-annotation-id="${span.id}"]`).click();
  const selected = page.locator(`.text-view .hl-selected[data-annotation-id="${span.id}"]`);
  await expect(selected).toBeInViewport();
  await page.locator(scroller).evaluate((el) => el.scrollBy({ top: 300 }));
  await expect.poll(() => topParagraph(page)).toBeGreaterThan(790);
  const left = await topParagraph(page);
  expect(left).toBeLessThan(810);

  // Another document, then back: the same paragraph at the top, the same span selected.
  await openDocument(page, 'short-note');
  await expect(page.locator('.text-view')).toContainText('Nothing new');
  await openDocument(page, LONG);
  await expect(selected).toHaveCount(1);
  await expect.poll(() => topParagraph(page)).toBe(left);

  // Review and back to tagging: the same again.
  await pressKey(page, 'Control+2');
  await expect(page.locator('.mode-tabs [aria-selected="true"]')).toContainText('Review');
  await pressKey(page, 'Control+1');
  await expect(page.locator('.mode-tabs [aria-selected="true"]')).toContainText('Tag');
  await expect(selected).toHaveCount(1);
  await expect.poll(() => topParagraph(page)).toBe(left);
});
