/**
 * The main window: sandboxed, context-isolated, no Node in the page; navigation, new windows and
 * permission requests refused. The CSP itself is in renderer/index.html.
 */
import { BrowserWindow, session } from 'electron';
import { join } from 'node:path';
import { secureWebPreferences } from './web-preferences';

/** Creates the window and loads the renderer (the dev server in development). */
export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'Parley',
    backgroundColor: '#f7f6f3',
    webPreferences: secureWebPreferences(join(import.meta.dirname, '../preload/index.cjs')),
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  const devServer = process.env.ELECTRON_RENDERER_URL;
  if (devServer !== undefined && devServer !== '') void window.loadURL(devServer);
  else void window.loadFile(join(import.meta.dirname, '../renderer/index.html'));
  return window;
}
