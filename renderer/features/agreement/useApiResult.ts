/**
 * The result of one API call for an argument, called again whenever the argument changes. Answers
 * to an older argument are dropped, so a slow computation never overwrites a newer one.
 */
import { useEffect, useState } from 'react';
import { messageOf } from '../../api';

interface Settled<A, T> {
  arg: A;
  value: T | null;
  error: string | null;
}

/** What the view shows: the latest value, whether a newer one is coming, and the last error. */
export interface ApiResult<T> {
  value: T | null;
  isBusy: boolean;
  error: string | null;
}

/**
 * Calls `call(arg)` whenever `arg` changes identity (memoize it); a null `arg` calls nothing.
 * `call` must be stable (a module-level function). While a call runs, the previous value stays.
 */
export function useApiResult<A, T>(arg: A | null, call: (arg: A) => Promise<T>): ApiResult<T> {
  const [settled, setSettled] = useState<Settled<A, T> | null>(null);
  useEffect(() => {
    if (arg === null) return;
    let isCurrent = true;
    call(arg).then(
      (value) => isCurrent && setSettled({ arg, value, error: null }),
      (error: unknown) => isCurrent && setSettled({ arg, value: null, error: messageOf(error) }),
    );
    return () => {
      isCurrent = false;
    };
  }, [arg, call]);
  if (arg === null) return { value: null, isBusy: false, error: null };
  const isBusy = settled?.arg !== arg;
  // A failed call shows its error alone; a running one keeps the previous value on screen.
  return { value: settled?.value ?? null, isBusy, error: isBusy ? null : (settled?.error ?? null) };
}
