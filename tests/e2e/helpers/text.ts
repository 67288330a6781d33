/**
 * Helpers that act as an analyst does: select words with the real mouse, press label keys,
 * click highlights. They find text by its content, never by offsets.
 */
import type { Locator, Page } from '@playwright/test';

export interface SelectOptions {
  /** Characters into the first word where the drag starts (to cross a word boundary). */
  startInset?: number;
  /** Characters before the end of the needle where the drag stops. */
  endInset?: number;
  /** Drag from the end of the needle back to its start, as a person selecting leftwards does. */
  backward?: boolean;
}

/** Viewport points at the left edge of the first and the right edge of the last selected character. */
async function dragPoints(page: Page, needle: string, options: SelectOptions) {
  // A person waits until the words are on screen (a document still opening, a page reloading).
  await page
    .waitForFunction((text) => document.querySelector('.text-view')?.textContent?.includes(text) === true, needle, {
      timeout: 10_000,
    })
    .catch(() => undefined);
  return page.evaluate(
    ([text, startInset, endInset]) => {
      const root = document.querySelector('.text-view');
      if (!root) throw new Error('the text is not shown');
      const nodes: Text[] = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
      const all = nodes.map((n) => n.data).join('');
      const at = all.indexOf(text);
      if (at < 0) throw new Error(`“${text}” is not in the text`);
      const locate = (offset: number): [Text, number] => {
        let rest = offset;
        for (const node of nodes) {
          if (rest < node.data.length) return [node, rest];
          rest -= node.data.length;
        }
        throw new Error(`offset ${offset} is past the text`);
      };
      const rectOf = (offset: number): DOMRect => {
        const [node, index] = locate(offset);
        const range = document.createRange();
        range.setStart(node, index);
        range.setEnd(node, index + 1);
        const rect = range.getClientRects()[0];
        if (!rect) throw new Error(`no box for offset ${offset}`);
        return rect;
      };
      // A person scrolls words that are out of sight into view before selecting them.
      const scroller = root.closest('.text-scroll');
      if (scroller) {
        const box = scroller.getBoundingClientRect();
        const top = rectOf(at + startInset).top;
        const bottom = rectOf(at + text.length - 1 - endInset).bottom;
        if (top < box.top || bottom > box.bottom) scroller.scrollTop += top - (box.top + box.height / 3);
      }
      const first = rectOf(at + startInset);
      const last = rectOf(at + text.length - 1 - endInset);
      return {
        from: { x: first.left + 1, y: first.top + first.height / 2 },
        to: { x: last.right - 1, y: last.top + last.height / 2 },
      };
    },
    [needle, options.startInset ?? 0, options.endInset ?? 0] as const,
  );
}

/** Drags the mouse over `needle` in the text, as a person selecting words does. */
export async function selectText(page: Page, needle: string, options: SelectOptions = {}): Promise<void> {
  const points = await dragPoints(page, needle, options);
  const [from, to] = options.backward ? [points.to, points.from] : [points.from, points.to];
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
}

/** Clicks just inside the first character of `needle`: the text caret goes before it. */
export async function clickBefore(page: Page, needle: string): Promise<void> {
  const { from } = await dragPoints(page, needle, {});
  await page.mouse.click(from.x, from.y);
}

/** Clicks just inside the last character of `needle`: the text caret goes after it. */
export async function clickAfter(page: Page, needle: string): Promise<void> {
  const { to } = await dragPoints(page, needle, {});
  await page.mouse.click(to.x, to.y);
}

/**
 * Moves the text caret `count` words right (Ctrl+→, to the end of the next word; a punctuation
 * mark counts as a word), or extends the selection so (`select`: Shift+Ctrl+→); `left` goes to
 * the start of the previous word instead.
 */
export async function byWords(
  page: Page,
  count: number,
  { select = false, left = false }: { select?: boolean; left?: boolean } = {},
): Promise<void> {
  const chord = `${select ? 'Shift+' : ''}Control+${left ? 'ArrowLeft' : 'ArrowRight'}`;
  for (let i = 0; i < count; i += 1) await page.keyboard.press(chord);
}

/** Extends the selection `count` characters to the right (Shift+→). */
export async function byCharacters(page: Page, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) await page.keyboard.press('Shift+ArrowRight');
}

/** Presses a label's hotkey (or any key chord). */
export async function pressKey(page: Page, key: string): Promise<void> {
  await page.keyboard.press(key);
}

/** Opens a document by clicking it in the list. */
export async function openDocument(page: Page, docId: string): Promise<void> {
  await page.locator(`.doc-item[data-doc-id="${docId}"]`).click();
  await page.locator(`.text-scroll[data-doc-id="${docId}"]`).waitFor();
}

/** The highlight elements of annotations in the text with a label (all segments; suggestions left out). */
export const highlights = (page: Page, label?: string): Locator =>
  page.locator(
    label === undefined
      ? '.text-view [data-annotation-id]:not(.hl-suggestion)'
      : `.text-view [data-label="${label}"]:not(.hl-suggestion)`,
  );

/** Clicks the middle of a piece of text (not a drag). */
export async function clickText(page: Page, needle: string): Promise<void> {
  const { from, to } = await dragPoints(page, needle, {});
  await page.mouse.click((from.x + to.x) / 2, (from.y + to.y) / 2);
}
