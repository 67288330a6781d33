/**
 * main/index.ts with Electron replaced by a recording stand-in: the wiring the app runs at start
 * (single-instance lock, hardened window, one handler per API method, sender checks).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { API_METHODS, channelOf, type Result } from '../../../main/api/contract';

type Handler = (event: { senderFrame: unknown }, ...args: unknown[]) => Promise<Result<unknown>> | Result<unknown>;

const electron = vi.hoisted(() => {
  const handlers = new Map<string, Handler>();
  const windows: FakeWindow[] = [];
  const appEvents = new Map<string, (event: { preventDefault: () => void }) => void>();
  class FakeWebContents {
    readonly mainFrame = { name: 'main frame' };
    readonly events = new Map<string, (event: { preventDefault: () => void }) => void>();
    openHandler: (() => { action: string }) | undefined;
    on(name: string, listener: (event: { preventDefault: () => void }) => void): void {
      this.events.set(name, listener);
    }
    setWindowOpenHandler(handler: () => { action: string }): void {
      this.openHandler = handler;
    }
    send(): void {}
  }
  class FakeWindow {
    readonly webContents = new FakeWebContents();
    loaded = '';
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      windows.push(this);
    }
    once(): void {}
    on(): void {}
    loadFile(path: string): Promise<void> {
      this.loaded = path;
      return Promise.resolve();
    }
    loadURL(url: string): Promise<void> {
      this.loaded = url;
      return Promise.resolve();
    }
    isMinimized(): boolean {
      return false;
    }
  }
  let permissionHandler: ((wc: unknown, permission: string, callback: (ok: boolean) => void) => void) | undefined;
  let permissionCheck: (() => boolean) | undefined;
  const module = {
    app: {
      isPackaged: false,
      whenReady: () => Promise.resolve(),
      requestSingleInstanceLock: vi.fn(() => true),
      getPath: () => tmpdir(),
      getAppPath: () => process.cwd(),
      on: (name: string, listener: (event: { preventDefault: () => void }) => void) => appEvents.set(name, listener),
      quit: vi.fn(),
      exit: vi.fn(),
    },
    BrowserWindow: FakeWindow,
    ipcMain: { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) },
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: vi.fn() },
    dialog: { showErrorBox: vi.fn(), showOpenDialog: vi.fn() },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: typeof permissionHandler) => (permissionHandler = handler),
        setPermissionCheckHandler: (handler: typeof permissionCheck) => (permissionCheck = handler),
      },
    },
  };
  return {
    module,
    handlers,
    windows,
    appEvents,
    permission: () => permissionHandler,
    permissionCheck: () => permissionCheck,
  };
});

vi.mock('electron', () => ({ ...electron.module, default: electron.module }));

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-main-'));
  vi.stubEnv('PARLEY_STORE', join(dir, 'store.json'));
  await import('../../../main/index');
  await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

const window = () => {
  const w = electron.windows[0];
  if (!w) throw new Error('no window');
  return w;
};

describe('main/index', () => {
  it('takes the single-instance lock', () => {
    expect(electron.module.app.requestSingleInstanceLock).toHaveBeenCalled();
  });

  it('registers one handler per API method', () => {
    expect([...electron.handlers.keys()].sort()).toEqual(API_METHODS.map(channelOf).sort());
  });

  it('opens one isolated, sandboxed window without Node and loads the built page', () => {
    expect(window().options.webPreferences).toEqual({
      preload: expect.stringMatching(/preload[/\\]index\.cjs$/) as unknown,
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
    });
    expect(window().loaded).toMatch(/renderer[/\\]index\.html$/);
  });

  it('refuses navigation, redirects, webviews, new windows and every permission', () => {
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      window().webContents.events.get(name)?.(event);
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
    expect(window().webContents.openHandler?.()).toEqual({ action: 'deny' });
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      electron.permission()?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(electron.permissionCheck()?.()).toBe(false);
  });

  it('answers calls from its own window with the service’s result', async () => {
    const handler = electron.handlers.get(channelOf('listDocuments'));
    const result = await handler?.({ senderFrame: window().webContents.mainFrame });
    expect(result).toMatchObject({ ok: true });
    expect((result as { value: unknown[] }).value).toHaveLength(5);
  });

  it('refuses calls from any other frame with FORBIDDEN', async () => {
    const handler = electron.handlers.get(channelOf('listDocuments'));
    const result = await handler?.({ senderFrame: { name: 'an iframe' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('validates arguments before they reach the service', async () => {
    const handler = electron.handlers.get(channelOf('addAnnotation'));
    const input = { docId: '000_fe2b5cb27bd72a2a', start: 9, end: 2, label: 'quote' };
    const result = await handler?.({ senderFrame: window().webContents.mainFrame }, input);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('start 9 must be < end 2') as unknown },
    });
  });

  it('writes the store before it quits', async () => {
    const event = { preventDefault: vi.fn() };
    electron.appEvents.get('before-quit')?.(event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(electron.module.app.exit).toHaveBeenCalledWith(0));
  });
});
