import { describe, expect, it } from 'vitest';
import { createBridge, type Transport } from '../../../main/api/bridge';
import {
  API_METHODS,
  ApiError,
  EVENT_NAMES,
  channelOf,
  eventChannelOf,
  type ApiMethod,
  type ParleyApi,
  type Result,
} from '../../../main/api/contract';
import { ARGUMENT_SCHEMAS } from '../../../main/api/schemas';
import { dispatch } from '../../../main/service/dispatch';
import { ParleyError } from '../../../main/service/errors';
import { ParleyService } from '../../../main/service/parley-service';

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
