import { test, expect } from './fixtures';

test('shows the seed articles', async ({ page }) => {
  await expect(page.locator('.doc-item')).toHaveCount(5);
  await page.screenshot({ path: 'test-results/smoke.png' });
});
