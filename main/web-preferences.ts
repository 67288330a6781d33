/**
 * The renderer's web preferences: isolated, sandboxed, no Node. Kept apart from window.ts so a
 * unit test can check them without starting Electron.
 */
import type { WebPreferences } from 'electron';

/** Preferences for Parley's window, with the preload at `preloadPath`. */
export const secureWebPreferences = (preloadPath: string): WebPreferences => ({
  preload: preloadPath,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
});
