/**
 * One ipcMain.handle per API method: refuse calls from any frame but our own window's main
 * frame, then validate, call the service and wrap the result (service/dispatch.ts).
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { API_METHODS, EVENT_NAMES, channelOf, eventChannelOf } from './api/contract';
import { dispatch } from './service/dispatch';
import type { ParleyService } from './service/parley-service';

/** Registers every handler and forwards service events to the window. */
export function setupIpc(service: ParleyService, getWindow: () => BrowserWindow | null): void {
  const isOwnFrame = (event: IpcMainInvokeEvent): boolean => {
    const window = getWindow();
    return window !== null && event.senderFrame === window.webContents.mainFrame;
  };
  for (const method of API_METHODS) {
    ipcMain.handle(channelOf(method), (event, ...args: unknown[]) => {
      if (!isOwnFrame(event)) {
        return {
          ok: false,
          error: { code: 'FORBIDDEN', message: `${method} was called from a frame Parley does not own` },
        };
      }
      return dispatch(service, method, args);
    });
  }
  for (const name of EVENT_NAMES) {
    if (name === 'menu-command') continue;
    service.on(name, (payload) => getWindow()?.webContents.send(eventChannelOf(name), payload));
  }
}
