/**
 * The application menu. Items that act on the document send a command id to the renderer,
 * which runs the same command as its keys and buttons do.
 */
import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { eventChannelOf } from './api/contract';

/** Builds and installs the menu; `openFolder` runs File > Open Folder… in main. */
export function setupMenu(getWindow: () => BrowserWindow | null, openFolder: () => void): void {
  const send = (command: string) => () => getWindow()?.webContents.send(eventChannelOf('menu-command'), command);
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open Folder…', accelerator: 'CmdOrCtrl+O', click: openFolder },
        { type: 'separator' },
        { label: 'Import…', accelerator: 'CmdOrCtrl+I', click: send('import') },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: send('export') },
        { label: 'Restore Backup…', click: send('restore-backup') },
        { type: 'separator' },
        { label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: send('settings') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: send('undo') },
        { label: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z', click: send('redo') },
        { label: 'Find…', accelerator: 'CmdOrCtrl+F', click: send('find') },
        { type: 'separator' },
        { role: 'copy' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        { label: 'Tag', accelerator: 'CmdOrCtrl+1', click: send('mode-tag') },
        { label: 'Review', accelerator: 'CmdOrCtrl+2', click: send('mode-review') },
        { label: 'Agreement', accelerator: 'CmdOrCtrl+3', click: send('mode-agreement') },
        { label: 'Statistics…', accelerator: 'CmdOrCtrl+Shift+S', click: send('stats') },
        { label: 'Keyboard Shortcuts', click: send('shortcuts') },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
