/**
 * A reviewer's day: import two colleagues' files, compare them in review mode, step through the
 * disagreements with n, accept one into gold with a, reject one with x, export the gold set, and
 * read the same agreement figures in the app as from the command line.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { AgreementReport } from '../../main/api/contract';
import { main as cli } from '../../main/cli';
import { expect, test } from './fixtures';
import { openDocument, selectText } from './helpers/text';

const ZELENSKY = '004_0a172a30c89c87c3';
const KREMLIN = '001_f75ec0728e96b849';

/** A spans-format line for one annotator's document, offsets in code points. */
async function spansLine(seeds: string, docId: string, annotator: string, spans: [string, string][]): Promise<string> {
  const text = await readFile(join(seeds, `${docId}.txt`), 'utf8');
  const codePoints = (utf16: number): number => [...text.slice(0, utf16)].length;
  return JSON.stringify({
    text,
    meta: { doc_id: docId, annotator, status: 'done', offsetEncoding: 'codepoint' },
    spans: spans.map(([covered, label]) => {
      const start = text.indexOf(covered);
      if (start < 0) throw new Error(`${covered} is not in ${docId}`);
      return { start: codePoints(start), end: codePoints(start + covered.length), label, text: covered };
    }),
  });
}

/** How many distinct spans the text draws with this selector (a span may be drawn in pieces). */
const drawnSpans = (page: Page, selector: string): Promise<number> =>
  page.evaluate(
    (css) => new Set([...document.querySelectorAll(css)].map((el) => el.getAttribute('data-annotation-id'))).size,
    `.text-view ${selector}`,
  );

/** The text of each distinct span the text draws with this selector, in text order. */
const drawnTexts = (page: Page, selector: string): Promise<string[]> =>
  page.evaluate((css) => {
    const texts = new Map<string, string>();
    for (const el of document.querySelectorAll(css)) {
      const id = el.getAttribute('data-annotation-id') ?? '';
      // Pieces of one span are siblings or nested in other highlights: keep the outermost text.
      if (el.parentElement?.closest(`[data-annotation-id="${id}"]`)) continue;
      texts.set(id, (texts.get(id) ?? '') + (el.textContent ?? ''));
    }
    return [...texts.values()];
  }, `.text-view ${selector}`);

/** The selected item of the review list. */
const selectedItem = (page: Page) => page.locator('.review-panel .annotation-item[aria-pressed="true"]');

test.describe('review and adjudication', () => {
  test.use({
    importSource: async ({}, use, testInfo) => use([testInfo.outputPath('ben.jsonl'), testInfo.outputPath('cy.jsonl')]),
    exportTarget: async ({}, use, testInfo) => use(testInfo.outputPath('gold.jsonl')),
  });

  test('from two colleagues’ files to an exported gold set and the CLI’s agreement figures', async ({
    page,
    harness,
    seedsDir,
    storePath,
    exportTarget,
  }, testInfo) => {
    await writeFile(
      testInfo.outputPath('ben.jsonl'),
      [
        await spansLine(seedsDir, ZELENSKY, 'ben', [
          ['late 2022', 'date'],
          ['contingent upon receiving security guarantees', 'precondition'],
          ['Thursday', 'date'],
        ]),
        await spansLine(seedsDir, KREMLIN, 'ben', [['Thursday', 'date']]),
      ].join('\n'),
    );
    await writeFile(
      testInfo.outputPath('cy.jsonl'),
      [
        await spansLine(seedsDir, ZELENSKY, 'cy', [
          ['late 2022', 'date'],
          ['receiving security guarantees', 'precondition'],
          ['Thursday', 'quote'],
        ]),
        await spansLine(seedsDir, KREMLIN, 'cy', []),
      ].join('\n'),
    );
    for (const who of ['ben', 'cy']) {
      await harness.menuCommand('import');
      const dialog = page.getByTestId('import-dialog');
      await dialog.getByLabel('Format').selectOption('spans');
      await dialog.getByRole('button', { name: 'Choose file…' }).click();
      await expect(dialog.getByTestId('import-report')).toHaveAttribute('data-applied', 'true');
      await dialog.getByRole('button', { name: 'Close' }).click();
      await expect(page.getByTestId('annotators-panel').locator(`[data-annotator="${who}"]`)).toBeVisible();
    }

    await page.locator('.mode-tabs [data-value="review"]').click();
    await openDocument(page, ZELENSKY);
    const panel = page.getByTestId('review-panel');
    await expect(panel.getByTestId('review-remaining')).toHaveText('4 open of 4 disagreements');
    // Both colleagues' spans are drawn, each in its own lane, with the agreed date marked.
    await expect.poll(() => drawnSpans(page, '[data-annotator="ben"].hl-lane-0')).toBe(3);
    await expect.poll(() => drawnSpans(page, '[data-annotator="cy"].hl-lane-1')).toBe(3);
    await expect.poll(() => drawnSpans(page, '.hl-agreed')).toBe(2);

    // n: the first open disagreement in text order is ben's longer precondition.
    await page.keyboard.press('n');
    await expect(selectedItem(page)).toHaveAttribute('data-class', 'boundary');
    await expect(selectedItem(page)).toContainText('contingent upon receiving security guarantees');
    await expect(selectedItem(page)).toHaveAttribute('data-annotator', 'ben');
    await page.keyboard.press('a');
    await expect.poll(() => drawnTexts(page, '.hl-gold')).toEqual(['contingent upon receiving security guarantees']);
    // Accepting ben's bounds rejected cy's conflicting ones.
    await expect(panel.getByTestId('review-remaining')).toHaveText('2 open of 4 disagreements');

    await page.keyboard.press('n');
    await expect(selectedItem(page)).toHaveAttribute('data-class', 'label');
    await expect(selectedItem(page)).toContainText('Thursday');
    const rejected = await selectedItem(page).getAttribute('data-annotation-id');
    await page.keyboard.press('x');
    await expect(page.locator(`.text-view [data-annotation-id="${rejected}"]`)).toHaveClass(/hl-rejected/);
    await expect(panel.getByTestId('review-remaining')).toHaveText('1 open of 4 disagreements');

    // The last one here, then n moves on to the next document with an open disagreement.
    await page.keyboard.press('n');
    await page.keyboard.press('a');
    await expect(panel.getByTestId('review-remaining')).toHaveText('0 open of 4 disagreements');
    await page.keyboard.press('n');
    await expect(page.locator(`.text-scroll[data-doc-id="${KREMLIN}"]`)).toBeVisible();
    await expect(selectedItem(page)).toHaveAttribute('data-class', 'only');
    await openDocument(page, ZELENSKY);

    // Edit a gold span's boundaries (b) and discuss it in its comment thread.
    await panel.locator('.filter-chips [data-value="gold"]').click();
    await panel.locator('.annotation-item[data-class="gold"]', { hasText: 'contingent' }).click();
    await selectText(page, 'upon receiving security guarantees');
    await page.keyboard.press('b');
    await expect.poll(() => drawnTexts(page, '.hl-gold.hl-selected')).toEqual(['upon receiving security guarantees']);
    const details = panel.getByTestId('span-details');
    await details.getByLabel('Add a comment').fill('“contingent” is the cue, not the condition');
    await details.getByLabel('Add a comment').press('Control+Enter');
    await expect(details.locator('.comments li')).toHaveCount(1);
    await expect(details.locator('.comments li')).toContainText('ada');
    await expect(details.locator('.comments li')).toContainText('“contingent” is the cue, not the condition');

    await page.getByRole('radiogroup', { name: 'Review state' }).getByRole('radio', { name: 'Adjudicated' }).click();
    await expect(page.locator(`.doc-item[data-doc-id="${ZELENSKY}"]`)).toContainText('Adjudicated');

    // Export the gold set.
    await harness.menuCommand('export');
    const exportDialog = page.getByTestId('export-dialog');
    await exportDialog.getByLabel('Format').selectOption('spans');
    await exportDialog.getByRole('checkbox', { name: 'ada' }).uncheck();
    await exportDialog.getByRole('checkbox', { name: 'gold' }).check();
    await exportDialog.getByRole('button', { name: 'Export…' }).click();
    await expect(exportDialog.getByTestId('export-summary')).toContainText('Exported 2 span(s) in 1 document(s)');
    await exportDialog.getByRole('button', { name: 'Close' }).click();
    const gold = JSON.parse((await readFile(exportTarget ?? '', 'utf8')).trim()) as {
      text: string;
      meta: { annotator: string; status: string };
      spans: { start: number; end: number; label: string; text: string }[];
    };
    expect(gold.meta).toMatchObject({ annotator: 'gold', status: 'done' });
    const chars = [...gold.text];
    expect(gold.spans.map((s) => [chars.slice(s.start, s.end).join(''), s.label])).toEqual([
      ['upon receiving security guarantees', 'precondition'],
      ['Thursday', expect.stringMatching(/^(date|quote)$/)],
    ]);
    expect(JSON.stringify(gold.spans[0])).toContain('“contingent” is the cue, not the condition');

    // The Agreement view shows what the command line computes from the same store.
    await page.locator('.mode-tabs [data-value="agreement"]').click();
    await expect(page.locator('[data-testid="save-state"]')).toHaveText('Saved');
    let printed = '';
    const code = await cli(
      ['agreement', '--store', storePath, '--seeds', seedsDir, '--annotators', 'ben,cy', '--json'],
      (s) => (printed += s),
      () => undefined,
    );
    expect(code).toBe(0);
    const report = JSON.parse(printed) as AgreementReport;
    const view = page.getByTestId('agreement-view');
    const show = (value: number | null | undefined): string =>
      value === null || value === undefined ? '—' : value.toFixed(3);
    const pair = report.pairwise[0];
    await expect(view.getByTestId('pair-ben-cy-cohenKappa-all')).toHaveText(show(pair?.cohenKappa.all));
    await expect(view.getByTestId('pair-ben-cy-spanExactF1-all')).toHaveText(show(pair?.spanExact.micro.f1));
    await expect(view.getByTestId('pair-ben-cy-spanRelaxedF1-all')).toHaveText(show(pair?.spanRelaxed.micro.f1));
    await expect(view.getByTestId('group-krippendorffAlpha-all')).toHaveText(show(report.group.krippendorffAlpha.all));
    await expect(view.getByTestId('group-unitizedAlpha-date')).toHaveText(
      show(report.group.unitizedAlpha.perLabel.date),
    );
    expect(pair?.spanExact.micro).toMatchObject({ tp: 1, fp: 2, fn: 3 });

    // A figure drills down to the spans behind it, and a span opens in review.
    await view.getByTestId('pair-ben-cy-spanExactF1-all').getByRole('button').click();
    const list = view.getByTestId('disagreement-list');
    await expect(list.locator('li')).toHaveCount(3);
    await list.locator('li', { hasText: 'receiving security guarantees' }).locator('button.side').first().click();
    await expect(page.locator('.mode-tabs [data-value="review"]')).toHaveAttribute('aria-selected', 'true');
    await expect(selectedItem(page)).toContainText('contingent upon receiving security guarantees');
  });
});
