/**
 * End-to-end tests in Debian's Chromium (never a downloaded browser), and the Electron specs,
 * which skip themselves where the Electron binary is not installed.
 */
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/e2e/chromium';

export default defineConfig({
  outputDir: 'test-results',
  fullyParallel: true,
  workers: 2,
  forbidOnly: process.env.CI !== undefined,
  reporter: [['list']],
  timeout: 30_000,
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure', viewport: { width: 1440, height: 900 } },
  projects: [
    {
      name: 'e2e',
      testDir: 'tests/e2e',
      use: {
        launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] },
      },
    },
    { name: 'electron', testDir: 'tests/electron' },
  ],
});
