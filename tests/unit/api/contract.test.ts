import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserWindow, MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { createBridge, type Transport } from '../../../main/api/bridge';
import {
  API_METHODS,
  ApiError,
  EVENT_NAMES,
  EVENT_NAMES_COMPLETE,
  channelOf,
  eventChannelOf,
  type ApiMethod,
  type EventName,
  type ParleyApi,
  type Result,
} from '../../../main/api/contract';
import { ARGUMENT_SCHEMAS } from '../../../main/api/schemas';
import { setupIpc } from '../../../main/ipc';
import { setupMenu } from '../../../main/menu';
import { dispatch } from '../../../main/service/dispatch';
import { ParleyError } from '../../../main/service/errors';
import { ParleyService } from '../../../main/service/parley-service';

/** Electron as ipc.ts and menu.ts use it: handlers registered, the menu template kept. */
const electron = vi.hoisted(() => ({ menus: [] as MenuItemConstructorOptions[][] }));
vi.mock('electron', () => ({
  ipcMain: { handle: () => undefined },
  Menu: {
    buildFromTemplate: (template: MenuItemConstructorOptions[]) => {
      electron.menus.push(template);
      return template;
    },
    setApplicationMenu: () => undefined,
  },
}));

/** A transport that answers every call with `answer` and remembers what it was asked. */
function fakeTransport(answer: (channel: string, args: unknown[]) => Promise<Result<unknown>>) {
  const calls: { channel: string; args: unknown[] }[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const transport: Transport = {
    invoke: (channel, args) => {
      calls.push({ channel, args });
      return answer(channel, args);
    },
    subscribe: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => set.delete(listener);
    },
  };
  const send = (channel: string, payload: unknown): void => {
    for (const listener of listeners.get(channel) ?? []) listener(payload);
  };
  return { transport, calls, send };
}

describe('contract', () => {
  it('lists every API method once', () => {
    expect(new Set(API_METHODS).size).toBe(API_METHODS.length);
    expect(new Set(EVENT_NAMES).size).toBe(EVENT_NAMES.length);
  });

  it('has an argument schema for every method and none for anything else', () => {
    expect(Object.keys(ARGUMENT_SCHEMAS).sort()).toEqual([...API_METHODS].sort());
  });

  it('is implemented by ParleyService for every method', () => {
    const missing = API_METHODS.filter((m) => typeof ParleyService.prototype[m] !== 'function');
    expect(missing).toEqual([]);
  });

  it('names channels parley:<method> and parley:event:<name>', () => {
    expect(channelOf('getDocument')).toBe('parley:getDocument');
    expect(eventChannelOf('save-state')).toBe('parley:event:save-state');
    expect(new Set(API_METHODS.map(channelOf)).size).toBe(API_METHODS.length);
  });
});

describe('events', () => {
  it('lists every event of ParleyEvents once in EVENT_NAMES, progress and changes among them', () => {
    // A ParleyEvents key left out of EVENT_NAMES would not type-check (EVENT_NAMES_COMPLETE).
    expect(EVENT_NAMES_COMPLETE).toBe(true);
    const every: Record<EventName, true> = {
      changes: true,
      'documents-changed': true,
      'save-state': true,
      'menu-command': true,
      progress: true,
    };
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(every).sort());
  });

  it('forwards exactly the listed events to the window: the service events through ipc, menu-command from the menu', () => {
    const sent: { channel: string; payload: unknown }[] = [];
    const window = {
      webContents: { mainFrame: {}, send: (channel: string, payload: unknown) => sent.push({ channel, payload }) },
    } as unknown as BrowserWindow;
    const listeners = new Map<string, (payload: unknown) => void>();
    const service = {
      on: (name: string, listener: (payload: unknown) => void) => {
        listeners.set(name, listener);
        return () => listeners.delete(name);
      },
    } as unknown as ParleyService;
    setupIpc(service, () => window);
    for (const [name, listener] of listeners) listener({ from: name });
    // The menu sends its commands on the menu-command channel itself.
    setupMenu(
      () => window,
      () => undefined,
    );
    const clickAll = (items: MenuItemConstructorOptions[]): void => {
      for (const item of items) {
        (item.click as (() => void) | undefined)?.();
        if (Array.isArray(item.submenu)) clickAll(item.submenu);
      }
    };
    clickAll(electron.menus.at(-1) ?? []);

    expect([...listeners.keys()].sort()).toEqual(EVENT_NAMES.filter((n) => n !== 'menu-command').sort());
    const channels = new Set(sent.map((s) => s.channel));
    expect([...channels].sort()).toEqual(EVENT_NAMES.map(eventChannelOf).sort());
    // Each service event reaches the window on its own channel with its payload.
    for (const name of listeners.keys()) {
      expect(sent).toContainEqual({ channel: eventChannelOf(name as EventName), payload: { from: name } });
    }
  });

  it("has the service emit only listed events, each of them but the menu's", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-events-'));
    try {
      await cp(resolve(import.meta.dirname, '../../../seeds'), join(dir, 'seeds'), { recursive: true });
      await writeFile(join(dir, 'more.txt'), 'More news\n');
      const emitted = new Set<string>();
      const service = await ParleyService.create({
        storePath: join(dir, 'store.json'),
        seedDirs: [join(dir, 'seeds')],
        defaultAnnotator: 'ada',
        debounceMs: 0,
        pickFolder: () => Promise.resolve(dir),
      });
      const spy = vi.spyOn(service as unknown as { emit: (name: string, payload: unknown) => void }, 'emit');
      const [doc] = await service.listDocuments();
      await service.addAnnotation({ docId: doc?.id ?? '', start: 0, end: 5, label: 'quote' });
      await service.flush();
      await service.openFolder();
      await service.exportTo(join(dir, 'out.jsonl'), { format: 'spans' });
      await service.close();
      for (const [name] of spy.mock.calls) emitted.add(name);
      const listed: readonly string[] = EVENT_NAMES;
      expect([...emitted].filter((name) => !listed.includes(name))).toEqual([]);
      expect([...emitted].sort()).toEqual(
        EVENT_NAMES.filter((n): n is Exclude<EventName, 'menu-command'> => n !== 'menu-command').sort(),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('bridge', () => {
  it('has one function per API method, each invoking its own channel with the arguments', async () => {
    const { transport, calls } = fakeTransport(() => Promise.resolve({ ok: true, value: null }));
    const bridge = createBridge(transport) as unknown as Record<ApiMethod, (...args: unknown[]) => Promise<unknown>>;
    for (const method of API_METHODS) await bridge[method]('arg', 2);
    expect(calls).toEqual(API_METHODS.map((m) => ({ channel: `parley:${m}`, args: ['arg', 2] })));
  });

  it('returns the value of a successful call', async () => {
    const { transport } = fakeTransport(() => Promise.resolve({ ok: true, value: { annotator: 'ada' } }));
    expect(await createBridge(transport).updateSettings({ annotator: 'ada' })).toEqual({ annotator: 'ada' });
  });

  it('throws an ApiError with the same code and message when the call failed', async () => {
    const { transport } = fakeTransport(() =>
      Promise.resolve({ ok: false, error: { code: 'FORBIDDEN', message: 'Annotation x belongs to ada' } }),
    );
    const failure = createBridge(transport).deleteAnnotation('x');
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({
      name: 'ApiError',
      code: 'FORBIDDEN',
      message: 'Annotation x belongs to ada',
    });
  });

  it('delivers events to subscribers until they unsubscribe', () => {
    const { transport, send } = fakeTransport(() => Promise.resolve({ ok: true, value: null }));
    const bridge = createBridge(transport);
    const seen: string[] = [];
    const unsubscribe = bridge.on('menu-command', (id) => seen.push(id));
    send('parley:event:menu-command', 'undo');
    send('parley:event:save-state', { state: 'saved' });
    unsubscribe();
    send('parley:event:menu-command', 'redo');
    expect(seen).toEqual(['undo']);
  });

  it('keeps error codes end to end through dispatch', async () => {
    const api = {
      getDocument: () => Promise.reject(new ParleyError('NOT_FOUND', 'There is no document “x”')),
    } as unknown as ParleyApi;
    const { transport } = fakeTransport((channel, args) =>
      dispatch(api, channel.replace('parley:', '') as ApiMethod, args),
    );
    const bridge = createBridge(transport);
    await expect(bridge.getDocument('x')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'There is no document “x”',
    });
    await expect(bridge.addAnnotation({ docId: 'x', start: 5, end: 3, label: 'quote' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('start 5 must be < end 3') as unknown,
    });
  });
});
