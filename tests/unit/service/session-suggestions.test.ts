import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newsText } from '../../../bench/news-text';
import { createRandom } from '../../../bench/random';
import { suggest } from '../../../main/core/suggest/index';
import { ParleyService } from '../../../main/service/parley-service';

const SEEDS = join(import.meta.dirname, '../../../seeds');
const ONE_MIB = 1024 * 1024;
// The worker computes a 1 MiB text in about a second on an idle machine; leave room for a busy one.
const SLOW = { timeout: 120_000 };

let dir: string;
let service: ParleyService;
let seedIds: string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-session-suggestions-'));
  const corpus = join(dir, 'corpus');
  await mkdir(corpus);
  seedIds = [];
  for (const name of await readdir(SEEDS)) {
    if (!name.endsWith('.txt')) continue;
    await copyFile(join(SEEDS, name), join(corpus, name));
    seedIds.push(name.replace(/\.txt$/u, ''));
  }
  await writeFile(join(corpus, 'big.txt'), newsText(createRandom(1), ONE_MIB));
  await writeFile(join(corpus, 'big-too.txt'), newsText(createRandom(2), ONE_MIB));
  await writeFile(join(corpus, 'big-three.txt'), newsText(createRandom(3), ONE_MIB));
  service = await ParleyService.create({
    storePath: join(dir, 'store.json'),
    seedDirs: [corpus],
    defaultAnnotator: 'ada',
    debounceMs: 5,
  });
});

afterAll(async () => {
  await service.close();
  await rm(dir, { recursive: true, force: true });
});

/** What getSuggestions answered before it went to a worker: suggest() on the main thread. */
async function suggestedDirectly(docId: string): Promise<unknown[]> {
  const { text } = await service.getDocument(docId);
  return suggest(text).map((s) => ({
    id: `${s.label}:${s.start}:${s.end}`,
    docId,
    start: s.start,
    end: s.end,
    label: s.label,
    text: s.text,
    attributes: s.attributes,
  }));
}

describe('session-service suggestions, computed off the main thread', () => {
  it(
    'gives what suggest() gives, id, order and attributes, for every seed article and a 1 MiB text',
    SLOW,
    async () => {
      expect(seedIds.length).toBeGreaterThan(0);
      for (const docId of [...seedIds, 'big']) {
        const suggestions = await service.getSuggestions(docId);
        const expected = await suggestedDirectly(docId);
        expect(suggestions, docId).toEqual(expected);
        // Equal as JSON too: the same keys in the same order, as the renderer receives them.
        expect(JSON.stringify(suggestions), docId).toBe(JSON.stringify(expected));
      }
    },
  );

  it('keeps the event loop turning while it computes the suggestions of a 1 MiB text', SLOW, async () => {
    const ticks: number[] = [];
    const timer = setInterval(() => ticks.push(performance.now()), 5);
    const started = performance.now();
    try {
      await service.getSuggestions('big-too');
    } finally {
      clearInterval(timer);
    }
    const ended = performance.now();
    const moments = [started, ...ticks, ended];
    const longestGapMs = Math.max(...moments.slice(1).map((moment, i) => moment - (moments[i] ?? moment)));
    // Computed on the main thread, the suggestions would leave no tick, and one gap as long as the wait.
    expect(ticks.length).toBeGreaterThan(2);
    expect(longestGapMs).toBeLessThan((ended - started) / 2);
  });

  it('answers another call made while it computes before the suggestions', SLOW, async () => {
    const order: string[] = [];
    const suggestions = service.getSuggestions('big-three').then(() => order.push('suggestions'));
    await service.getDocument('big-three');
    order.push('document');
    await service.searchCorpus('ceasefire');
    order.push('search');
    await suggestions;
    expect(order).toEqual(['document', 'search', 'suggestions']);
  });
});
