/**
 * Builds `window.parley` from a transport: one function per API_METHODS entry that unwraps the
 * Result envelope (throwing ApiError), and `on()` for events. The preload gives it Electron's
 * ipcRenderer; the test harness gives it a binding to the same service.
 */
import {
  API_METHODS,
  ApiError,
  channelOf,
  eventChannelOf,
  type EventName,
  type ParleyBridge,
  type ParleyEvents,
  type Result,
} from './contract';

/** How the bridge reaches main. */
export interface Transport {
  invoke(channel: string, args: unknown[]): Promise<Result<unknown>>;
  /** Calls `listener` with each payload sent on `channel`; returns the unsubscribe function. */
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

/** The object exposed as `window.parley`. */
export function createBridge(transport: Transport): ParleyBridge {
  const api: Record<string, unknown> = {};
  for (const method of API_METHODS) {
    api[method] = async (...args: unknown[]): Promise<unknown> => {
      const result = await transport.invoke(channelOf(method), args);
      if (!result.ok) throw new ApiError(result.error.code, result.error.message);
      return result.value;
    };
  }
  api.on = <E extends EventName>(name: E, listener: (payload: ParleyEvents[E]) => void) =>
    transport.subscribe(eventChannelOf(name), (payload) => listener(payload as ParleyEvents[E]));
  return api as unknown as ParleyBridge;
}
