/**
 * The real Electron app, driven by Playwright's _electron. These run where the Electron binary is
 * installed (a normal `npm install`); where it could not be downloaded they are skipped and say so.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const ROOT = resolve(import.meta.dirname, '../..');

/** The Electron binary's path, or why there is none. */
function findElectron(): { path: string } | { reason: string } {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    if (typeof path === 'string') return { path };
    return { reason: 'the electron package did not give a binary path' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { reason: `the Electron binary is not installed (${message.split('\n')[0]})` };
  }
}

const found = findElectron();
if ('reason' in found) console.log(`Skipping the Electron app tests: ${found.reason}`);

test.describe('the Electron app', () => {
  test.skip('reason' in found, 'reason' in found ? found.reason : '');

  test('opens the seeds in a sandboxed window and saves a tag to the store', async () => {
    const storePath = join(await mkdtemp(join(tmpdir(), 'parley-electron-')), 'store.json');
    const app = await electron.launch({
      executablePath: 'path' in found ? found.path : '',
      args: [join(ROOT, 'out/main/index.js'), '--store', storePath],
      cwd: ROOT,
    });
    const page = await app.firstWindow();
    await expect(page.locator('.doc-item')).toHaveCount(5);
    // Isolated and sandboxed: the page sees neither Node nor Electron, only window.parley.
    const globals = await page.evaluate(() => [
      typeof (window as { require?: unknown }).require,
      typeof (window as { process?: unknown }).process,
      typeof (window as { parley?: unknown }).parley,
    ]);
    expect(globals).toEqual(['undefined', 'undefined', 'object']);

    await page.locator('.text-view p').nth(2).dblclick();
    await page.keyboard.press('1');
    await expect(page.locator('.text-view [data-label="quote"]')).toHaveCount(1);
    await app.close();
    const store = JSON.parse(await readFile(storePath, 'utf8')) as { annotations: Record<string, unknown> };
    expect(Object.keys(store.annotations)).toHaveLength(1);
  });
});
