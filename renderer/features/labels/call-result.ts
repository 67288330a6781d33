/** An API call whose failure the caller shows inline (next to the field) instead of in a toast. */
import { messageOf } from '../../api';

export type CallResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** Runs `call`; a thrown error becomes its message. */
export async function callInline<T>(call: () => Promise<T>): Promise<CallResult<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    return { ok: false, message: messageOf(error) };
  }
}
