/**
 * Where the store lives: `--store PATH` on the command line, else the PARLEY_STORE environment
 * variable, else `parley-store.json` in the given default folder (Electron's userData).
 */
import { join, resolve } from 'node:path';

export const DEFAULT_STORE_NAME = 'parley-store.json';

/** The absolute store path chosen by argv, env or the default folder, in that order. */
export function resolveStorePath(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  defaultDir: string,
): string {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--store=')) return resolve(arg.slice('--store='.length));
    const next = argv[i + 1];
    if (arg === '--store' && next !== undefined) return resolve(next);
  }
  const fromEnv = env.PARLEY_STORE;
  if (fromEnv !== undefined && fromEnv !== '') return resolve(fromEnv);
  return join(defaultDir, DEFAULT_STORE_NAME);
}
