/**
 * The renderer's only reader of `window.parley`, exported typed as the contract's bridge.
 */
import type { ParleyBridge } from '@api/contract';

declare global {
  interface Window {
    parley?: ParleyBridge;
  }
}

/** Whether the page runs inside Parley (the preload or the test harness provided the bridge). */
export const hasBridge = (): boolean => window.parley !== undefined;

/** The API; only call it when hasBridge() is true. */
export const api = (): ParleyBridge => {
  if (window.parley === undefined) throw new Error('window.parley is missing: open this page in Parley');
  return window.parley;
};

/** The message of an error thrown by an API call, for a toast. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
