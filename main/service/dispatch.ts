/**
 * One API call from the renderer, transport aside: validate the arguments, call the service, and
 * wrap the outcome in a Result. main/ipc.ts and the test harness both go through here.
 */
import { API_METHODS, type ApiMethod, type ParleyApi, type Result } from '../api/contract';
import { parseArguments } from '../api/schemas';
import { ParleyError } from './errors';

/** Whether a string names an API method. */
export const isApiMethod = (name: string): name is ApiMethod => (API_METHODS as readonly string[]).includes(name);

/** Runs one call. Never throws: failures come back as `{ ok: false, error }`. */
export async function dispatch(api: ParleyApi, method: ApiMethod, args: unknown): Promise<Result<unknown>> {
  const parsed = parseArguments(method, args);
  if (!parsed.ok) return { ok: false, error: { code: 'BAD_REQUEST', message: parsed.message } };
  try {
    // The schema made the arguments fit the method; apply() keeps `api` as `this`.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const call = api[method] as (...a: unknown[]) => Promise<unknown>;
    const value = await call.apply(api, parsed.args);
    return { ok: true, value: value ?? null };
  } catch (error) {
    if (error instanceof ParleyError) return { ok: false, error: { code: error.code, message: error.message } };
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'INTERNAL', message: `${method} failed unexpectedly: ${message}` } };
  }
}
