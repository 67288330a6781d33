import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STORE_NAME, resolveStorePath } from '../../../main/service/config';

const userData = resolve('/home/ada/.config/Parley');

describe('config', () => {
  describe('resolveStorePath', () => {
    it.each([
      { case: '--store PATH', argv: ['parley', '--store', '/data/a.json'], env: {}, expected: '/data/a.json' },
      { case: '--store=PATH', argv: ['parley', '--store=/data/b.json'], env: {}, expected: '/data/b.json' },
      { case: 'PARLEY_STORE', argv: ['parley'], env: { PARLEY_STORE: '/data/c.json' }, expected: '/data/c.json' },
      {
        case: 'argv over env',
        argv: ['parley', '--store', '/data/argv.json'],
        env: { PARLEY_STORE: '/data/env.json' },
        expected: '/data/argv.json',
      },
      {
        case: 'the default folder',
        argv: ['parley'],
        env: {},
        expected: join(userData, DEFAULT_STORE_NAME),
      },
      {
        case: 'the default folder when PARLEY_STORE is empty',
        argv: ['parley'],
        env: { PARLEY_STORE: '' },
        expected: join(userData, 'parley-store.json'),
      },
      {
        case: 'env when --store has no value',
        argv: ['parley', '--store'],
        env: { PARLEY_STORE: '/data/env.json' },
        expected: '/data/env.json',
      },
    ])('uses $case', ({ argv, env, expected }) => {
      expect(resolveStorePath(argv, env, userData)).toBe(resolve(expected));
    });

    it('makes a relative --store path absolute against the working directory', () => {
      expect(resolveStorePath(['--store', 'rel/store.json'], {}, userData)).toBe(join(process.cwd(), 'rel/store.json'));
    });
  });
});
