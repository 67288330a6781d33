/**
 * The service behind `window.parley` in end-to-end tests. The page runs the real built preload
 * (out/preload/index.cjs) with a stand-in for `require('electron')` whose ipcRenderer reaches
 * service/dispatch.ts through a Playwright binding: only the IPC transport differs from the app.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { EVENT_NAMES, eventChannelOf, type EventName, type ParleyEvents } from '../../main/api/contract';
import { dispatch, isApiMethod } from '../../main/service/dispatch';
import { ParleyService, type ServiceOptions } from '../../main/service/parley-service';

const OUT = resolve(import.meta.dirname, '../../out');
/** The origin the built renderer is served from (requests never leave the browser). */
export const APP_ORIGIN = 'http://parley.test';
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** Runs in the page before any of its scripts: evaluates the preload with a fake electron. */
function preloadScript(preloadSource: string): string {
  return `(() => {
  const listeners = new Map();
  window.__parleyEmit = (channel, payload) => {
    for (const handler of listeners.get(channel) ?? []) handler({}, payload);
  };
  const ipcRenderer = {
    // Both ways as JSON text: Playwright serialises strings far faster than deep objects, and
    // JSON keeps what Electron's structured clone keeps for Parley's plain data.
    invoke: (channel, ...args) => window.__parleyInvoke(channel, JSON.stringify(args)).then((text) => JSON.parse(text)),
    on: (channel, handler) => { listeners.set(channel, [...(listeners.get(channel) ?? []), handler]); },
    removeListener: (channel, handler) => {
      listeners.set(channel, (listeners.get(channel) ?? []).filter((h) => h !== handler));
    },
  };
  const contextBridge = {
    exposeInMainWorld: (key, value) => Object.defineProperty(window, key, { value: Object.freeze(value) }),
  };
  const require = (name) => {
    if (name !== 'electron') throw new Error('the preload may require only electron, not ' + name);
    return { ipcRenderer, contextBridge };
  };
  const module = { exports: {} };
  (function (require, module, exports) {\n${preloadSource}\n})(require, module, module.exports);
})();`;
}

/** A service bound to a page; `restart()` reopens the store as a new app start would. */
export class Harness {
  private unsubscribe: (() => void)[] = [];

  private constructor(
    public service: ParleyService,
    private readonly options: ServiceOptions,
    private page: Page | null = null,
  ) {}

  static async create(options: ServiceOptions): Promise<Harness> {
    return new Harness(await ParleyService.create(options), options);
  }

  /** Serves the built renderer to the page and gives it `window.parley`. */
  async attach(page: Page): Promise<void> {
    this.page = page;
    await page.route(`${APP_ORIGIN}/**`, (route) => {
      const path = new URL(route.request().url()).pathname;
      return route.fulfill({ path: join(OUT, 'renderer', decodeURIComponent(path)) });
    });
    await page.exposeBinding('__parleyInvoke', async (_source, channel: string, argsJson: string) => {
      const method = channel.replace(/^parley:/, '');
      if (!isApiMethod(method)) {
        return JSON.stringify({ ok: false, error: { code: 'BAD_REQUEST', message: `no method ${method}` } });
      }
      return JSON.stringify(await dispatch(this.service, method, JSON.parse(argsJson) as unknown));
    });
    await page.addInitScript(preloadScript(readFileSync(join(OUT, 'preload/index.cjs'), 'utf8')));
    this.forwardEvents();
  }

  /** Sends a menu command, as the app menu does. */
  async menuCommand(id: string): Promise<void> {
    await this.emit('menu-command', id);
  }

  /** Writes the store, opens it again in a new service, and reloads the page. */
  async restart(): Promise<void> {
    await this.close();
    this.service = await ParleyService.create(this.options);
    this.forwardEvents();
    await this.page?.reload();
  }

  async close(): Promise<void> {
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
    await this.service.close();
  }

  private forwardEvents(): void {
    for (const name of EVENT_NAMES) {
      if (name === 'menu-command') continue;
      this.unsubscribe.push(this.service.on(name, (payload) => void this.emit(name, payload)));
    }
  }

  private async emit<E extends EventName>(name: E, payload: ParleyEvents[E]): Promise<void> {
    await this.page
      ?.evaluate(
        ([channel, data]) =>
          (globalThis as unknown as { __parleyEmit?: (c: string, d: unknown) => void }).__parleyEmit?.(channel, data),
        [eventChannelOf(name), payload] as const,
      )
      .catch(() => undefined); // the page may be navigating or closed; events are advisory
  }
}
