/**
 * One value outside React's render (the selected span, the save state, the toasts), read in
 * components with useSyncExternalStore, so a change re-renders only the components that read it.
 */
import { useSyncExternalStore } from 'react';

export class ValueStore<T> {
  private readonly listeners = new Set<(value: T, previous: T) => void>();

  constructor(private value: T) {}

  get = (): T => this.value;

  /** Replaces the value and tells the listeners, unless it is the same. */
  set(next: T): void {
    if (Object.is(next, this.value)) return;
    const previous = this.value;
    this.value = next;
    for (const listener of [...this.listeners]) listener(next, previous);
  }

  /** Hears every change with the value before it; returns the unsubscribe function. */
  subscribe = (listener: (value: T, previous: T) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

/** The store's value; the component re-renders when it changes. */
export function useValue<T>(store: ValueStore<T>): T {
  return useSyncExternalStore(store.subscribe, store.get);
}

/** A part of the store's value; the component re-renders only when that part changes. */
export function useSelected<T, S>(store: ValueStore<T>, select: (value: T) => S): S {
  return useSyncExternalStore(store.subscribe, () => select(store.get()));
}
