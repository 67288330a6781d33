/** Hostile text shows as text, the page cannot run injected scripts, and broken files are named. */
import { resolve } from 'node:path';
import { expect, test } from './fixtures';
import { openDocument } from './helpers/text';

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
