/** Hostile text shows as text, the page cannot run injected scripts, and broken files are named. */
import { readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { annotationsOnDisk, expect, test } from './fixtures';
import { highlights, openDocument, pressKey, selectText } from './helpers/text';

const FIXTURES = resolve(import.meta.dirname, '../fixtures');

test.describe('a text with HTML and script in it', () => {
  test.use({ seedsDir: resolve(FIXTURES, 'hostile') });

  test('shows the markup literally and runs nothing', async ({ page }) => {
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    await openDocument(page, 'hostile');
    const text = page.locator('.text-view');
    await expect(text).toContainText('The text says <img src=x onerror=alert(1)> and <script>');
    await expect(text.locator('img, script, b')).toHaveCount(0);
    expect(await page.evaluate(() => (window as { __parleyPwned?: boolean }).__parleyPwned)).toBeUndefined();
    expect(dialogs).toBe(0);
    // Control characters stay in the text as they are, so offsets after them stay exact.
    expect(await text.textContent()).toContain('A NUL\u0000byte sits here, and an isolate \u2066quoted\u2069 too.');
  });

  test('a span after a NUL byte and bidi controls is stored at the file’s exact offsets', async ({ page, harness }) => {
    await openDocument(page, 'hostile');
    await selectText(page, 'sits here');
    await pressKey(page, '1');
    const { text } = await harness.service.getDocument('hostile');
    const at = text.indexOf('sits here');
    await expect
      .poll(async () => (await harness.service.getDocument('hostile')).annotations.map((a) => [a.start, a.end, a.text]))
      .toEqual([[at, at + 'sits here'.length, 'sits here']]);
  });
});

test('the page refuses inline scripts (Content-Security-Policy)', async ({ page }) => {
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.append(script);
    return (window as { __inlineRan?: boolean }).__inlineRan ?? false;
  });
  expect(ran).toBe(false);
});

test('the page refuses inline styles too, and every view draws without one (Content-Security-Policy)', async ({
  page,
  harness,
}) => {
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toMatch(/style-src 'self'(;|$)/);
  // A colleague's spans, so Review and Agreement have something to draw.
  const doc = '000_fe2b5cb27bd72a2a';
  const { text } = await harness.service.getDocument(doc);
  const at = text.indexOf('Kremlin spokesman');
  await harness.service.updateSettings({ annotator: 'ben' });
  await harness.service.addAnnotation({ docId: doc, start: at, end: at + 17, label: 'quote' });
  await harness.service.updateSettings({ annotator: 'ada' });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as { __cspViolations?: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective));
  });
  await page.reload();
  await openDocument(page, doc);

  // An injected <style> does not apply.
  const injected = await page.evaluate(() => {
    const style = document.createElement('style');
    style.textContent = 'body { background-color: rgb(1, 2, 3) !important; }';
    document.head.append(style);
    const applied = getComputedStyle(document.body).backgroundColor === 'rgb(1, 2, 3)';
    style.remove();
    return applied;
  });
  expect(injected).toBe(false);
  const violations = (): Promise<string[]> =>
    page.evaluate(() => [...((window as { __cspViolations?: string[] }).__cspViolations ?? [])]);
  // Loading the app broke no rule; the injected sheet is the one violation.
  expect(await violations()).toEqual(['style-src-elem']);
  await page.evaluate(() => ((window as { __cspViolations?: string[] }).__cspViolations ?? []).splice(0));

  // Tagging, Review, Agreement, Statistics and Settings draw their colours and bars without one.
  await selectText(page, 'Moscow is unsure');
  await pressKey(page, '1');
  const tagged = highlights(page, 'quote').filter({ hasText: 'Moscow is unsure' }).first();
  await expect(tagged).toBeVisible();
  const chip = page.locator('.palette .label-chip[data-label="quote"]');
  const colourOf = (el: import('@playwright/test').Locator) =>
    el.evaluate((node) => getComputedStyle(node).getPropertyValue('--hl').trim());
  expect(await colourOf(tagged)).toBe(await colourOf(chip));
  expect(await colourOf(tagged)).not.toBe('#888888');
  await pressKey(page, 'Control+2');
  await expect(page.getByTestId('review-remaining')).toBeVisible();
  await pressKey(page, 'Control+3');
  await expect(page.getByTestId('agreement-summary')).toBeVisible();
  await expect(page.locator('.agreement-view canvas, .heat-map').first()).toBeVisible();
  await pressKey(page, 'Control+1');
  await pressKey(page, 'Control+Shift+S');
  await expect(page.getByTestId('stats-dialog')).toBeVisible();
  await pressKey(page, 'Escape');
  await pressKey(page, 'Control+,');
  await expect(page.getByTestId('settings-dialog')).toBeVisible();
  await pressKey(page, 'Escape');
  expect(await violations()).toEqual([]);
});

test.describe('a folder with files that cannot be used', () => {
  test.use({ seedsDir: resolve(FIXTURES, 'broken') });

  test('lists them with the reason and loads the others', async ({ page }) => {
    await expect(page.locator('.doc-item')).toHaveCount(3);
    await expect(page.locator('.doc-item[data-doc-id="b-latin1"]')).toContainText('not valid UTF-8');
    await expect(page.locator('.doc-item[data-doc-id="c-empty"]')).toContainText('empty');
    await expect(page.locator('.doc-item[data-doc-id="b-latin1"]')).toBeDisabled();
    await expect(page.locator('.text-scroll[data-doc-id="a-good"]')).toContainText('Peskov said on Monday');
  });
});

test('a full disk: the bar says the change is not saved and why, then saved once there is room', async ({
  page,
  harness,
  storePath,
}) => {
  // A change is appended to the journal: where the journal is, the kernel answers ENOSPC.
  const journal = `${storePath}.journal`;
  await harness.service.flush();
  const before = await readFile(storePath);
  const lines = await readFile(journal).catch(() => Buffer.alloc(0));
  await rm(journal, { force: true });
  await symlink('/dev/full', journal);
  await selectText(page, 'Kremlin');
  await pressKey(page, '1');
  const bar = page.getByTestId('save-state');
  await expect(bar).toHaveText('Not saved');
  await expect(bar).toHaveAttribute('title', /ENOSPC.*your changes are kept and saving is retried/);
  await expect(page.getByRole('alert').filter({ hasText: 'ENOSPC' })).toBeVisible();
  await expect(highlights(page, 'quote')).toHaveCount(1);
  expect(await readFile(storePath)).toEqual(before);
  // Room again: the journal as it was, and the retry appends the change kept in memory.
  await rm(journal);
  await writeFile(journal, lines);
  await expect(bar).toHaveText('Saved', { timeout: 10_000 });
  await expect.poll(async () => (await annotationsOnDisk(storePath)).map((a) => a.text)).toEqual(['Kremlin']);
});
