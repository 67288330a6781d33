/**
 * The main window: sandboxed, context-isolated, no Node in the page; navigation, new windows,
 * webviews and permission requests refused. The CSP is put into the built page
 * (electron.vite.config.ts). The preferences are written out here, in the window's options,
 * so a reader and the security scanner (electronegativity) see them where they apply.
 */
import { BrowserWindow, session } from 'electron';
import { join } from 'node:path';

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
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-redirect', (event) => event.preventDefault());
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  const devServer = process.env.ELECTRON_RENDERER_URL;
  if (devServer !== undefined && devServer !== '') void window.loadURL(devServer);
  else void window.loadFile(join(import.meta.dirname, '../renderer/index.html'));
  return window;
}
