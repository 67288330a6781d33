/**
 * A seeded pseudo-random generator for the workloads (mulberry32): the same seed gives the same
 * texts, spans and ids on every machine. Nothing in the benchmark calls Math.random.
 */

/** A source of numbers in [0, 1) and the helpers the generators need. */
export interface Random {
  /** A number in [0, 1). */
  next(): number;
  /** A whole number in [min, max], both included. */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** A version-4 UUID made of generated bits. */
  uuid(): string;
}

/** A generator seeded with a 32-bit integer. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const word = (): string =>
    Math.floor(next() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return {
    next,
    int,
    pick: <T>(list: readonly T[]): T => {
      if (list.length === 0) throw new RangeError('pick needs a non-empty list');
      return list[int(0, list.length - 1)] as T;
    },
    chance: (p) => next() < p,
    uuid: () => {
      const hex = word() + word() + word() + word();
      const variant = '89ab'[int(0, 3)] ?? '8';
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
    },
  };
}
