/**
 * Fifty tags as fast as hands can make them, on a busy machine: an analyst selects words with the
 * mouse (dragging either way) or with the text caret (Ctrl+arrows by word, Shift+arrows by
 * letter) and presses 1, 2 or 3 at once, never waiting for the highlight before the next
 * selection. Every one of those steps becomes exactly the span selected, with its label: in the
 * list and in the store. Nothing here measures time; the busy cores only change the order in
 * which the page, the store and the suggestions answer.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { annotationsOnDisk, expect, test as base } from './fixtures';
import { burnCpu } from './helpers/load';
import { byCharacters, byWords, clickAfter, clickBefore, openDocument, pressKey, selectText } from './helpers/text';

/** Two processes that spin a core each, from before the app starts until the test has ended. */
const test = base.extend<{ busyMachine: void }>({
  busyMachine: [
    async ({}, use) => {
      const load = burnCpu(2);
      try {
        await use();
      } finally {
        await load.stop();
      }
    },
    { auto: true },
  ],
});

const ZELENSKY = '004_0a172a30c89c87c3';
const KREMLIN = '002_fdc061c071a624e3';

const LABELS = { '1': 'quote', '2': 'precondition', '3': 'date' } as const;
type Key = keyof typeof LABELS;

/**
 * How a person selects `words`:
 * - `drag`: presses the mouse inside the first word and lets go inside the last one;
 * - `drag back`: the same from the last word to the first;
 * - `words`: clicks before the first word, then Shift+Ctrl+→ once per word;
 * - `words back`: clicks after the last word, then Shift+Ctrl+← once per word;
 * - `words on`: from where the caret is after the step before (the end of its words), Ctrl+→
 *   over the words between, then Shift+Ctrl+→ once per word;
 * - `letters`: clicks before the first word, then Shift+→ once per character.
 * Keyboard steps select plain words only: a punctuation mark is a stop of Ctrl+arrows of its own.
 */
type Way = 'drag' | 'drag back' | 'words' | 'words back' | 'words on' | 'letters';

interface Step {
  words: string;
  by: Way;
  key: Key;
}

/** In reading order; no two overlap, none is a suggestion, each occurs once in its article. */
const ARTICLES: { docId: string; steps: Step[] }[] = [
  {
    docId: ZELENSKY,
    steps: [
      { words: 'Zelensky Open', by: 'words', key: '1' },
      { words: 'Peace Talks', by: 'words on', key: '2' },
      { words: 'Seeks Security Guarantees', by: 'drag back', key: '3' },
      { words: 'Ukrainian President', by: 'words', key: '1' },
      { words: 'Zelensky has indicated', by: 'words on', key: '2' },
      { words: 'potential willingness', by: 'words on', key: '3' },
      { words: 'direct peace negotiations', by: 'drag', key: '1' },
      { words: 'Russian President Vladimir Putin', by: 'drag back', key: '2' },
      { words: 'contingent upon', by: 'words', key: '3' },
      { words: 'This development', by: 'words back', key: '1' },
      { words: 'reported by Bloomberg', by: 'drag', key: '2' },
      { words: 'Zelensky had enacted a decree', by: 'words', key: '3' },
      { words: 'prohibiting himself', by: 'words on', key: '1' },
      { words: 'from negotiating with Putin', by: 'words on', key: '2' },
      { words: 'the annexation of Donetsk', by: 'drag back', key: '3' },
      { words: 'Lugansk, Kherson, and Zaporozhye regions', by: 'drag', key: '1' },
      { words: 'by Russia through', by: 'drag', key: '2' },
      { words: 'This legislation is still in effect', by: 'drag', key: '3' },
      { words: 'confirmed by Ukrainian Foreign Minister', by: 'words back', key: '1' },
      { words: 'Andrey Sibiga', by: 'letters', key: '2' },
      { words: 'during a recent interview', by: 'words', key: '3' },
      { words: 'with Bloomberg', by: 'words on', key: '1' },
      { words: 'Zelensky seemed to shift his position', by: 'drag back', key: '2' },
      { words: 'expressing a desire', by: 'drag', key: '3' },
      { words: 'prior to any discussions', by: 'drag', key: '1' },
      { words: 'He stated that the primary concern', by: 'drag', key: '2' },
      { words: 'the nature of the security guarantees', by: 'words back', key: '3' },
      { words: 'emphasizing the need', by: 'drag', key: '1' },
      { words: 'before proceeding with diplomatic efforts', by: 'words', key: '2' },
      { words: 'Putin had suggested', by: 'drag back', key: '3' },
    ],
  },
  {
    docId: KREMLIN,
    steps: [
      { words: 'Russia has expressed willingness', by: 'drag', key: '3' },
      { words: 'negotiations over the ongoing war', by: 'words', key: '1' },
      { words: 'in Ukraine', by: 'words on', key: '2' },
      { words: 'welcomed peace efforts', by: 'words on', key: '3' },
      { words: 'various global actors', by: 'drag back', key: '1' },
      { words: 'the Kremlin announced', by: 'drag', key: '2' },
      { words: 'The statement came', by: 'letters', key: '3' },
      { words: 'Donald Trump called', by: 'drag', key: '1' },
      { words: 'during a meeting in Paris', by: 'words', key: '2' },
      { words: 'Ukrainian President Volodymyr Zelenskyy', by: 'drag back', key: '3' },
      { words: 'French President Emmanuel Macron', by: 'words back', key: '1' },
      { words: 'meeting at the reopening', by: 'drag', key: '2' },
      { words: 'Notre Dame Cathedral', by: 'drag back', key: '3' },
      { words: 'Trump posted on his Truth Social platform', by: 'words', key: '1' },
      { words: 'Kremlin spokesperson Dmitry Peskov', by: 'drag', key: '2' },
      { words: 'Peskov added that the conditions', by: 'words', key: '3' },
      { words: 'for ceasing hostilities', by: 'words on', key: '1' },
      { words: 'had already been outlined', by: 'words on', key: '2' },
      { words: 'Global Support', by: 'drag', key: '3' },
      { words: 'emphasized its openness', by: 'words back', key: '1' },
    ],
  },
];

interface Expected {
  docId: string;
  start: number;
  end: number;
  label: string;
  text: string;
}

const PLAIN_WORDS = /^[\p{L}\p{N}]+( [\p{L}\p{N}]+)*$/u;
const wordCount = (words: string): number => words.split(' ').length;

/** Where each step's words are in the article's file text (UTF-16, end exclusive); checks the table. */
function expectedSpans(docId: string, text: string, steps: readonly Step[]): Expected[] {
  let previousEnd = 0;
  return steps.map((step, i) => {
    const start = text.indexOf(step.words);
    expect(start, `“${step.words}” is in ${docId}`).toBeGreaterThanOrEqual(previousEnd);
    expect(text.lastIndexOf(step.words), `“${step.words}” occurs once`).toBe(start);
    if (step.by.startsWith('words') || step.by === 'letters') {
      expect(step.words, 'a keyboard step selects plain words').toMatch(PLAIN_WORDS);
    }
    if (step.by === 'words on') {
      const before = steps[i - 1];
      expect(['words', 'words on', 'letters'], 'the caret is left at the end of the words before').toContain(
        before?.by,
      );
      const between = text.slice(previousEnd, start).trim();
      expect(between === '' || PLAIN_WORDS.test(between), `plain words lead to “${step.words}”`).toBe(true);
    }
    previousEnd = start + step.words.length;
    return { docId, start, end: previousEnd, label: LABELS[step.key], text: step.words };
  });
}

/** The number of words from the end of `previous` to the start of `words` (both in `text`). */
const wordsBetween = (text: string, previous: string, words: string): number => {
  const between = text.slice(text.indexOf(previous) + previous.length, text.indexOf(words)).trim();
  return between === '' ? 0 : wordCount(between);
};

/** Selects a step's words the way the step says, as fast as the keyboard and mouse go. */
async function select(page: Page, text: string, step: Step, previous: Step | undefined): Promise<void> {
  const { words } = step;
  const first = words.split(' ')[0] ?? '';
  const last = words.split(' ').at(-1) ?? '';
  const insets = { startInset: Math.min(2, first.length - 1), endInset: Math.min(2, last.length - 1) };
  switch (step.by) {
    case 'drag':
      return selectText(page, words, insets);
    case 'drag back':
      return selectText(page, words, { ...insets, backward: true });
    case 'words':
      await clickBefore(page, words);
      return byWords(page, wordCount(words), { select: true });
    case 'words back':
      await clickAfter(page, words);
      return byWords(page, wordCount(words), { select: true, left: true });
    case 'words on':
      if (!previous) throw new Error('“words on” needs a step before it');
      await byWords(page, wordsBetween(text, previous.words, words));
      return byWords(page, wordCount(words), { select: true });
    case 'letters':
      await clickBefore(page, words);
      return byCharacters(page, words.length);
  }
}

/** The covered text of every row of the annotation list, in list order. */
const listedTexts = (page: Page): Promise<string[]> =>
  page.locator('.annotation-item[data-annotation-id] .covered').allTextContents();

// Fifty steps take about a minute with both cores busy and two with two such tests side by side;
// a failing run waits a little longer for spans that never come before it says which are missing.
test.describe.configure({ timeout: 240_000 });

test('fifty quick select-and-tag steps on a busy machine all become the spans selected', async ({
  page,
  storePath,
  seedsDir,
}) => {
  const expected: Expected[] = [];
  for (const { docId, steps } of ARTICLES) {
    const text = await readFile(join(seedsDir, `${docId}.txt`), 'utf8');
    expected.push(...expectedSpans(docId, text, steps));
    await openDocument(page, docId);
    for (const [i, step] of steps.entries()) {
      await select(page, text, step, steps[i - 1]);
      await pressKey(page, step.key);
    }
    // The list of this article: every step is there, none twice.
    const words = steps.map((s) => s.words);
    await expect.soft(page.getByTestId('annotation-count')).toHaveText(String(steps.length), { timeout: 20_000 });
    await expect.soft(page.locator('.annotation-item[data-annotation-id]')).toHaveCount(steps.length);
    expect.soft((await listedTexts(page)).sort()).toEqual([...words].sort());
  }
  expect(expected).toHaveLength(50);

  // The first article again: its list was drawn from the store when it opened.
  const [first] = ARTICLES;
  if (!first) throw new Error('no article');
  await openDocument(page, first.docId);
  await expect.soft(page.locator('.annotation-item[data-annotation-id]')).toHaveCount(first.steps.length);
  expect.soft((await listedTexts(page)).sort()).toEqual(first.steps.map((s) => s.words).sort());

  // The store: exactly the fifty spans, at the offsets of the words in the files, with their labels.
  const order = (a: Expected, b: Expected): number => a.docId.localeCompare(b.docId) || a.start - b.start;
  const onDisk = async (): Promise<Expected[]> =>
    (await annotationsOnDisk(storePath))
      .map(({ docId, start, end, label, text }) => ({ docId, start, end, label, text }))
      .sort(order);
  await expect.soft.poll(onDisk, { timeout: 20_000 }).toHaveLength(expected.length);
  const saved = await onDisk();
  const same = (a: Expected) => (b: Expected) =>
    a.docId === b.docId && a.start === b.start && a.end === b.end && a.label === b.label;
  const missing = expected.filter((e) => !saved.some(same(e)));
  expect.soft(missing, `${missing.length} of ${expected.length} steps are not in the store as selected`).toEqual([]);
  expect(saved).toEqual([...expected].sort(order));
});
