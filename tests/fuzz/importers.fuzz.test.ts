/**
 * Fuzzing every importer and the corpus loader with fast-check, for a bounded time
 * (PARLEY_FUZZ_SECONDS, 90 unless set, shared by the formats). Each format's parser is fuzzed
 * on its own (thousands of inputs), then whole imports through the service (fewer: each one
 * backs up and may write the store). Inputs are real exports of the
 * seeds, mutated (cut short, slices removed, fragments of JSON and control characters
 * inserted, numbers made negative or huge, lines repeated), and plain random bytes. Every
 * import must end in a report or a ParleyError with a message, never another exception or a
 * hang; an import that applies nothing leaves the store's snapshot and journal byte for byte,
 * and one that applies leaves a store that opens.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMAT_IDS, type ImportFormatId } from '../../main/api/contract';
import type { DatasetFile } from '../../main/core/formats/dataset';
import { loadDocumentFile } from '../../main/service/corpus';
import { formatOf } from '../../main/service/dataset-transfer';
import { StoreModel } from '../../main/core/store-model';
import { ParleyError } from '../../main/service/errors';
import { ParleyService } from '../../main/service/parley-service';
import { Store } from '../../main/service/store';
import { emptyStoreData } from '../../main/service/store-data';
import { SnapshotFile } from '../../main/service/store-snapshot';
import { readStore, storeFiles } from '../fixtures/store-files';

const SECONDS = Number(process.env.PARLEY_FUZZ_SECONDS ?? 90);
const FORMATS: readonly ImportFormatId[] = [...FORMAT_IDS, 'parley'];
/** The share of the time of each format's parser, its import through the service, and the corpus loader. */
const SLICE_MS = (SECONDS * 1000) / (2 * FORMATS.length + 1);
const SEEDS = resolve(import.meta.dirname, '../../seeds');

let dir = '';
let service: ParleyService;
let storePath = '';
/** A valid input per format: file → its text (one entry for a one-file format). */
const samples = new Map<ImportFormatId, Map<string, string>>();
const tried: Record<string, number> = {};

async function readTree(path: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const entries = await readdir(path, { withFileTypes: true, recursive: true }).catch(() => null);
  if (entries === null) return new Map([['', await readFile(path, 'utf8')]]);
  for (const e of entries) {
    if (!e.isFile()) continue;
    const full = join(e.parentPath, e.name);
    files.set(full.slice(path.length + 1), await readFile(full, 'utf8'));
  }
  return files;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-fuzz-'));
  const seedsDir = join(dir, 'seeds');
  await cp(SEEDS, seedsDir, { recursive: true });
  storePath = join(dir, 'parley-store.json');
  service = await ParleyService.create({ storePath, seedDirs: [seedsDir], defaultAnnotator: 'ada', debounceMs: 0 });
  for (const doc of await service.listDocuments()) {
    const { text } = await service.getDocument(doc.id);
    for (const m of [...text.matchAll(/[\p{L}\p{N}]+(?: [\p{L}\p{N}]+)?/gu)].slice(0, 12)) {
      await service.addAnnotation({ docId: doc.id, start: m.index, end: m.index + m[0].length, label: 'quote' });
    }
  }
  await service.flush();
  for (const format of FORMAT_IDS) {
    const target = join(dir, 'samples', format);
    await mkdir(join(dir, 'samples'), { recursive: true });
    const summary = await service.exportTo(format === 'brat' ? target : `${target}.data`, { format });
    samples.set(format, await readTree(summary.destination));
  }
  // Another Parley's store as it is once that Parley has quit: the whole store in one snapshot.
  const otherStore = join(dir, 'samples', 'other-store.json');
  await new SnapshotFile(otherStore).write({ seq: 1, model: new StoreModel(await readStore(storePath)) });
  samples.set('parley', new Map([['', await readFile(otherStore, 'utf8')]]));
}, 60_000);

afterAll(async () => {
  await service?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  console.log(`fuzz: inputs tried in ${SECONDS} s: ${JSON.stringify(tried)}`);
});

const FRAGMENTS = [
  '{',
  '}',
  '[',
  ']',
  '"',
  ',',
  ':',
  '\\',
  'null',
  '-1',
  '-0',
  '1e309',
  '9007199254740993',
  '\u0000',
  '\uFEFF',
  '\u202E',
  '\uD800',
  '\r\n',
  '\t',
  '#',
  'T1\tquote 0 5\tword',
  'B-',
  'I-quote',
  '"label":',
  '"start":',
];

/** A mutation of a text. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant('remove' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.nat({ max: 200 }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    text: fc.oneof(
      fc.constantFrom(...FRAGMENTS),
      fc.string({ maxLength: 20 }),
      fc.string({ unit: 'binary', maxLength: 8 }),
    ),
  }),
  fc.record({
    kind: fc.constant('number' as const),
    nth: fc.nat({ max: 500 }),
    value: fc.oneof(fc.integer(), fc.constantFrom(-1, 2 ** 31, 1e12, 0)),
  }),
  fc.record({ kind: fc.constant('repeat-line' as const), nth: fc.nat({ max: 500 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, m: Mutation): string {
  const at = 'at' in m ? Math.floor(m.at * text.length) : 0;
  switch (m.kind) {
    case 'cut':
      return text.slice(0, at);
    case 'remove':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'number': {
      const numbers = [...text.matchAll(/\d+/g)];
      const hit = numbers[numbers.length === 0 ? 0 : m.nth % numbers.length];
      return hit ? text.slice(0, hit.index) + String(m.value) + text.slice(hit.index + hit[0].length) : text;
    }
    case 'repeat-line': {
      const lines = text.split('\n');
      const i = lines.length === 0 ? 0 : m.nth % lines.length;
      return [...lines.slice(0, i + 1), ...lines.slice(i)].join('\n');
    }
  }
}

/** An input: mutations of one file of the sample, or random bytes in its place. */
const input = fc.record({
  file: fc.nat(),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }),
  bytes: fc.option(fc.uint8Array({ maxLength: 2000 }), { freq: 6 }),
  skipInvalid: fc.boolean(),
  addLabels: fc.boolean(),
});

/** The input's files as the parser gets them. */
function filesOf(sample: Map<string, string>, name: string, content: string): DatasetFile[] {
  return [...sample].map(([path, text]) => ({ path: path || 'input', content: path === name ? content : text }));
}

describe.each(FORMATS)('fuzzed %s', (format) => {
  it(
    'the parser reports problems and never throws',
    async () => {
      const sample = samples.get(format);
      if (!sample) throw new Error(`no sample for ${format}`);
      const names = [...sample.keys()];
      const knownTexts = new Map<string, string>();
      for (const doc of await service.listDocuments()) knownTexts.set(doc.id, (await service.getDocument(doc.id)).text);
      let run = 0;
      await fc.assert(
        fc.asyncProperty(input, async ({ file, mutations, bytes }) => {
          run += 1;
          const name = names[file % names.length] ?? '';
          const original = sample.get(name) ?? '';
          const content = bytes ? new TextDecoder().decode(bytes) : mutations.reduce(mutate, original);
          const result = formatOf(format).parse(filesOf(sample, name, content), {
            offsets: 'codepoint',
            knownTexts,
            currentAnnotator: 'ada',
          });
          for (const p of result.problems) expect(p.message.length).toBeGreaterThan(0);
          await Promise.resolve();
        }),
        { numRuns: 1_000_000, interruptAfterTimeLimit: SLICE_MS, markInterruptAsFailure: false, seed: 20261123 },
      );
      tried[`${format} parser`] = run;
      expect(run).toBeGreaterThan(0);
    },
    SLICE_MS + 60_000,
  );

  it(
    'an import ends in a report or a clear error; a refused import changes nothing',
    async () => {
      const sample = samples.get(format);
      if (!sample) throw new Error(`no sample for ${format}`);
      const names = [...sample.keys()];
      let run = 0;
      await fc.assert(
        fc.asyncProperty(input, async ({ file, mutations, bytes, skipInvalid, addLabels }) => {
          run += 1;
          const name = names[file % names.length] ?? '';
          const original = sample.get(name) ?? '';
          const content: string | Uint8Array = bytes ?? mutations.reduce(mutate, original);
          // Write the input where an analyst's file would be.
          const where = join(dir, 'inputs', `${format}-${run}`);
          if (name === '') {
            await mkdir(join(dir, 'inputs'), { recursive: true });
            await writeFile(where, content);
          } else {
            for (const [other, text] of sample) {
              await mkdir(join(where, other, '..'), { recursive: true });
              await writeFile(join(where, other), other === name ? content : text);
            }
          }
          const before = await storeFiles(storePath);
          let applied = false;
          try {
            const report = await service.importFrom(where, {
              format,
              skipInvalid,
              addLabels,
              ...(format !== 'parley' && { annotator: 'fuzz' }),
            });
            applied = report.applied;
            for (const p of report.problems) expect(p.message.length).toBeGreaterThan(0);
          } catch (error) {
            if (!(error instanceof ParleyError)) throw error;
            expect(error.message.length).toBeGreaterThan(10);
          }
          await service.flush();
          if (!applied) expect(await storeFiles(storePath)).toEqual(before);
          else {
            const reopened = await Store.open(storePath, () => emptyStoreData('ada'), { access: { readOnly: true } });
            expect(reopened.ok).toBe(true);
            if (reopened.ok) await reopened.store.close();
          }
          await rm(where, { recursive: true, force: true });
        }),
        { numRuns: 1_000_000, interruptAfterTimeLimit: SLICE_MS, markInterruptAsFailure: false, seed: 20261123 },
      );
      tried[`${format} import`] = run;
      expect(run).toBeGreaterThan(0);
    },
    SLICE_MS + 60_000,
  );
});

describe('loading fuzzed text files', () => {
  it(
    'loads them or names what is wrong, never throws',
    async () => {
      const texts = [...(samples.get('parley') ?? new Map<string, string>()).values()];
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.uint8Array({ maxLength: 4000 }),
            fc
              .array(mutation, { maxLength: 4 })
              .map((ms) => Buffer.from(ms.reduce(mutate, texts[0]?.slice(0, 3000) ?? ''))),
            fc.string({ unit: 'grapheme', maxLength: 500 }).map((s) => Buffer.from(`\uFEFF${s}\u0000\u202E`)),
          ),
          async (bytes) => {
            run += 1;
            const path = join(dir, `loader-${run}.txt`);
            await writeFile(path, bytes);
            const loaded = await loadDocumentFile(path);
            if (loaded.text === undefined) expect(loaded.error ?? '').toMatch(/\w{4}/);
            else expect(Buffer.from(loaded.text, 'utf8').equals(Buffer.from(bytes))).toBe(true);
            await rm(path);
          },
        ),
        { numRuns: 1_000_000, interruptAfterTimeLimit: SLICE_MS, markInterruptAsFailure: false, seed: 20261123 },
      );
      tried.loader = run;
      expect(run).toBeGreaterThan(0);
    },
    SLICE_MS + 60_000,
  );
});
