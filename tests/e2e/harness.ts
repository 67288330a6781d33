/**
 * The service behind `window.parley` in end-to-end tests. The page runs the real built preload
 * (out/preload/index.cjs) with a stand-in for `require('electron')` whose ipcRenderer reaches
 * service/dispatch.ts over HTTP on the loopback interface, from the same local server that serves
 * the built renderer: only the IPC transport differs from the app.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Page } from '@playwright/test';
import { EVENT_NAMES, eventChannelOf, type EventName, type ParleyEvents } from '../../main/api/contract';
import { dispatch, isApiMethod } from '../../main/service/dispatch';
import { ParleyService, type ServiceOptions } from '../../main/service/parley-service';

const OUT = resolve(import.meta.dirname, '../../out');
const RENDERER = join(OUT, 'renderer');
/** Where the page sends `window.parley` calls: POST INVOKE_PATH + channel, body = JSON args. */
const INVOKE_PATH = '/__parley/invoke/';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Runs in the page before any of its scripts: evaluates the preload with a fake electron. */
function preloadScript(preloadSource: string): string {
  return `(() => {
  const listeners = new Map();
  window.__parleyEmit = (channel, payload) => {
    for (const handler of listeners.get(channel) ?? []) handler({}, payload);
  };
  // Both ways as JSON over HTTP: JSON keeps what Electron's structured clone keeps for Parley's
  // plain data, and a 4 MB reply costs milliseconds on the loopback interface.
  window.__parleyInvoke = (channel, argsJson) =>
    fetch(${JSON.stringify(INVOKE_PATH)} + encodeURIComponent(channel), { method: 'POST', body: argsJson }).then((r) => r.text());
  const ipcRenderer = {
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
  private server: Server | null = null;
  /** Events reach the page one after another, and those a call sent before its reply. */
  private delivering: Promise<void> = Promise.resolve();
  /** The page's address once `attach` has run: the renderer served from 127.0.0.1. */
  appUrl = '';

  private constructor(
    public service: ParleyService,
    private readonly options: ServiceOptions,
    private page: Page | null = null,
  ) {}

  static async create(options: ServiceOptions): Promise<Harness> {
    return new Harness(await ParleyService.create(options), options);
  }

  /**
   * Serves the built renderer and the service on a loopback port and gives the page
   * `window.parley`; open `appUrl` next.
   */
  async attach(page: Page): Promise<void> {
    this.page = page;
    const server = createServer((request, response) => void this.answer(request, response));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    this.server = server;
    this.appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`;
    await page.addInitScript(preloadScript(readFileSync(join(OUT, 'preload/index.cjs'), 'utf8')));
    this.forwardEvents();
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    try {
      if (request.method === 'POST' && path.startsWith(INVOKE_PATH)) {
        const chunks: Buffer[] = [];
        for await (const chunk of request) chunks.push(chunk as Buffer);
        const method = path.slice(INVOKE_PATH.length).replace(/^parley:/, '');
        const reply = isApiMethod(method)
          ? await dispatch(this.service, method, JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown)
          : { ok: false, error: { code: 'BAD_REQUEST', message: `no method ${method}` } };
        // As over Electron's IPC, what main sent while answering arrives before the answer.
        await this.delivering;
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(reply));
        return;
      }
      const file = normalize(join(RENDERER, path));
      if (!file.startsWith(RENDERER + sep)) throw new Error(`outside the renderer: ${path}`);
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch (error) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end(String(error));
    }
  }

  /** Sends a menu command, as the app menu does. */
  async menuCommand(id: string): Promise<void> {
    await this.emit('menu-command', id);
  }

  /** Writes the store, opens it again in a new service, and reloads the page. */
  async restart(): Promise<void> {
    await this.closeService();
    this.service = await ParleyService.create(this.options);
    this.forwardEvents();
    await this.page?.reload();
    // As at the first start: the app (or the store's problem) is shown before anyone acts.
    await this.page?.locator('.app, [data-testid="store-problem"]').first().waitFor();
  }

  /** Writes the store and stops serving the page. */
  async close(): Promise<void> {
    await this.closeService();
    const server = this.server;
    this.server = null;
    if (!server) return;
    const closed = new Promise((done) => server.close(done));
    server.closeAllConnections();
    await closed;
  }

  private async closeService(): Promise<void> {
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

  private emit<E extends EventName>(name: E, payload: ParleyEvents[E]): Promise<void> {
    const page = this.page;
    const deliver = async (): Promise<void> => {
      await page
        ?.evaluate(
          ([channel, data]) =>
            (globalThis as unknown as { __parleyEmit?: (c: string, d: unknown) => void }).__parleyEmit?.(channel, data),
          [eventChannelOf(name), payload] as const,
        )
        .catch(() => undefined); // the page may be navigating or closed; events are advisory
    };
    this.delivering = this.delivering.then(deliver);
    return this.delivering;
  }
}
