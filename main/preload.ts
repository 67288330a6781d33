/**
 * The sandboxed preload: exposes `window.parley` through contextBridge. Bundled into one CommonJS
 * file that requires only `electron`.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Result } from './api/contract';
import { createBridge } from './api/bridge';

const bridge = createBridge({
  invoke: (channel, args) => ipcRenderer.invoke(channel, ...args) as Promise<Result<unknown>>,
  subscribe: (channel, listener) => {
    const handler = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => ipcRenderer.removeListener(channel, handler);
  },
});

contextBridge.exposeInMainWorld('parley', bridge);
