/**
 * Electron wiring only: single-instance lock, the service, IPC, menu and window, and a store
 * written to disk before the app exits.
 */
import { app, BrowserWindow, dialog } from 'electron';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { setupIpc } from './ipc';
import { setupMenu } from './menu';
import { resolveStorePath } from './service/config';
import type { Format } from './core/formats/dataset';
import { ParleyService } from './service/parley-service';
import { createMainWindow } from './window';

let mainWindow: BrowserWindow | null = null;
const getWindow = (): BrowserWindow | null => mainWindow;

function defaultAnnotator(): string {
  try {
    return userInfo().username || 'analyst';
  } catch {
    // No user entry (some containers): any stable name will do until the user sets one.
    return 'analyst';
  }
}

async function pickFolder(): Promise<string | null> {
  const window = getWindow();
  const options = { title: 'Open a folder of articles', properties: ['openDirectory' as const] };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

async function pickExportTarget(format: Format, isFolder: boolean): Promise<string | null> {
  const window = getWindow();
  if (isFolder) {
    const options = {
      title: `Export ${format.id} into a folder`,
      properties: ['openDirectory' as const, 'createDirectory' as const],
    };
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  }
  const extension = format.layout.kind === 'file' ? format.layout.extension : '';
  const options = {
    title: `Export ${format.id}`,
    defaultPath: `parley-${format.id}${extension}`,
    filters: [{ name: format.description, extensions: [extension.replace(/^\./, '')] }],
  };
  const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  return result.canceled ? null : (result.filePath ?? null);
}

async function pickImportSource(format: Format, isFolder: boolean): Promise<string | null> {
  const window = getWindow();
  const options = {
    title: `Import ${format.id}`,
    properties: [isFolder ? ('openDirectory' as const) : ('openFile' as const)],
    ...(format.layout.kind === 'file' && {
      filters: [
        { name: format.description, extensions: [format.layout.extension.replace(/^\./, '')] },
        { name: 'All files', extensions: ['*'] },
      ],
    }),
  };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

async function pickSavePath(suggestedName: string): Promise<string | null> {
  const window = getWindow();
  const extension = suggestedName.split('.').pop() ?? '';
  const options = {
    title: 'Save',
    defaultPath: suggestedName,
    filters: [{ name: extension.toUpperCase(), extensions: [extension] }],
  };
  const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  return result.canceled ? null : (result.filePath ?? null);
}

async function start(): Promise<void> {
  await app.whenReady();
  const seedsDir = app.isPackaged ? join(process.resourcesPath, 'seeds') : join(app.getAppPath(), 'seeds');
  const service = await ParleyService.create({
    storePath: resolveStorePath(process.argv, process.env, app.getPath('userData')),
    seedDirs: [seedsDir],
    defaultAnnotator: defaultAnnotator(),
    pickFolder,
    pickExportTarget,
    pickImportSource,
    pickSavePath,
    onQuit: () => app.exit(0),
    access: { lockedBy: 'the Parley app' },
    warmUpSuggestions: true,
  });
  setupIpc(service, getWindow);
  setupMenu(getWindow, () => {
    void service.openFolder().catch((error: unknown) => {
      dialog.showErrorBox('Parley could not open the folder', error instanceof Error ? error.message : String(error));
    });
  });
  mainWindow = createMainWindow();
  mainWindow.on('closed', () => (mainWindow = null));

  let isClosing = false;
  app.on('before-quit', (event) => {
    if (isClosing) return;
    isClosing = true;
    event.preventDefault();
    service
      .close()
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        dialog.showErrorBox('Parley could not save your last changes', message);
      })
      .finally(() => app.exit(0));
  });
  app.on('window-all-closed', () => app.quit());
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
}

if (app.requestSingleInstanceLock()) {
  void start();
} else {
  dialog.showErrorBox('Parley is already running', 'Parley is already open with this store; switch to that window.');
  app.quit();
}
