/**
 * Crash safety: a child process runs the real service and changes annotations as fast as it
 * can, folding its journal into a new snapshot every 40 changes; it is killed with SIGKILL at
 * random moments, PARLEY_CRASH_KILLS times (200 unless set). After every kill the store (its
 * snapshot and journal) must read as Parley reads it, open for writing, and hold every change
 * the child reported written, with at most the one change in flight either applied whole or
 * not at all.
 */
import { spawn } from 'node:child_process';
import { copyFile, cp, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Annotation, StoreData } from '../../main/core/model';
import { ParleyService } from '../../main/service/parley-service';
import { Store } from '../../main/service/store';
import { emptyStoreData } from '../../main/service/store-data';
import { journalPathOf } from '../../main/service/store-journal';
import { readSnapshotHeader } from '../../main/service/store-snapshot';
import { readStore } from '../fixtures/store-files';

const KILLS = Number(process.env.PARLEY_CRASH_KILLS ?? 200);
const SEEDS = resolve(import.meta.dirname, '../../seeds');
/** Annotations in the store before the first kill, so each write takes a while to make. */
const PRELOADED = 2_000;

type Line =
  | { kind: 'ready' }
  | { kind: 'problem'; message: string }
  | { kind: 'refused'; message: string }
  | { kind: 'intent' | 'ack'; op: 'add'; docId: string; start: number; end: number; label: string; id?: string }
  | { kind: 'intent' | 'ack'; op: 'relabel'; id: string; label: string }
  | { kind: 'intent' | 'ack'; op: 'delete'; id: string };

/** What the store must hold: annotation id → label, for the crash annotator. */
type Model = Map<string, string>;

let dir = '';
let child = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-crash-'));
  // Parley's code in one file, so each of the 200 processes starts in a fraction of a second;
  // packages stay in node_modules (the file sits where Node finds them). One file per run: two
  // checkouts sharing node_modules must not run each other's code.
  child = resolve(import.meta.dirname, `../../node_modules/.cache/parley-crash/crash-child-${process.pid}.mjs`);
  await build({
    packages: 'external',
    entryPoints: [resolve(import.meta.dirname, 'crash-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: child,
    logLevel: 'error',
  });
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  if (child) await rm(child, { force: true });
});

/** Runs the child until it has been up for `delayMs` after saying ready, then kills it. */
function runAndKill(storePath: string, seedsDir: string, seed: number, delayMs: number): Promise<Line[]> {
  return new Promise((done, fail) => {
    const proc = spawn(process.execPath, [child, storePath, seedsDir, String(seed)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (timer === undefined && out.includes('"kind":"ready"'))
        timer = setTimeout(() => proc.kill('SIGKILL'), delayMs);
    });
    proc.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    proc.on('error', fail);
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') {
        fail(new Error(`the child ended by itself (code ${code}, signal ${signal}):\n${out.slice(-2000)}\n${err}`));
        return;
      }
      // A line cut by the kill is not an acknowledgement.
      const complete = out.slice(0, out.lastIndexOf('\n') + 1);
      done(
        complete
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Line),
      );
    });
  });
}

/** Data compared as a value: annotations in id order. */
const normalised = (data: StoreData): StoreData => ({
  ...data,
  annotations: [...data.annotations].sort((a, b) => (a.id < b.id ? -1 : 1)),
});

/**
 * Checks that a copy of the store (snapshot and journal, without the dead child's lock) opens
 * for writing with the same data, and closes cleanly, so the next Parley can carry on from it.
 */
async function opensForWriting(storePath: string, data: StoreData, kill: number): Promise<void> {
  const check = join(dir, `check-${kill}`);
  await mkdir(check);
  const copy = join(check, 'parley-store.json');
  await copyFile(storePath, copy);
  await copyFile(journalPathOf(storePath), journalPathOf(copy)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  const opened = await Store.open(copy, () => emptyStoreData('crash'), { access: { lockedBy: 'the crash test' } });
  if (!opened.ok) throw new Error(`kill ${kill}: the store does not open for writing: ${opened.problem.message}`);
  expect(normalised(opened.store.model.toData()), `kill ${kill}: opened for writing, other data`).toEqual(
    normalised(data),
  );
  expect(opened.store.state).toEqual({ state: 'saved' });
  await opened.store.close();
  expect(normalised(await readStore(copy)), `kill ${kill}: other data once closed`).toEqual(normalised(data));
  await rm(check, { recursive: true });
}

/** The crash annotator's annotations in the store, read as Parley reads it (snapshot and journal). */
async function onDisk(storePath: string): Promise<{ data: StoreData; crash: Map<string, Annotation> }> {
  const data = await readStore(storePath);
  return { data, crash: new Map(data.annotations.filter((a) => a.annotator === 'crash').map((a) => [a.id, a])) };
}

/** The store's files after a kill, as far as they tell what the child was doing. */
interface Traces {
  /** The transaction number in the snapshot's header: it changes when a compaction completed. */
  snapshotSeq: number | null;
  /** The temporary snapshot file, when one was left: a kill during a snapshot write. */
  temporary: { mtimeMs: number; size: number } | null;
  /** Whether the journal ends in a line cut short. */
  isJournalTorn: boolean;
}

async function tracesOf(storePath: string): Promise<Traces> {
  const temporary = await stat(join(dir, '.parley-store.json.tmp')).then(
    (s) => ({ mtimeMs: s.mtimeMs, size: s.size }),
    () => null,
  );
  const journal = await readFile(journalPathOf(storePath), 'utf8').catch(() => '');
  return {
    snapshotSeq: (await readSnapshotHeader(storePath))?.seq ?? null,
    temporary,
    isJournalTorn: journal !== '' && !journal.endsWith('\n'),
  };
}

describe(`crash safety: SIGKILL at random moments, ${KILLS} times`, () => {
  it(
    'keeps every acknowledged change, and the change in flight whole or not at all',
    { timeout: 1_200_000 },
    async () => {
      const seedsDir = join(dir, 'seeds');
      await cp(SEEDS, seedsDir, { recursive: true });
      const storePath = join(dir, 'parley-store.json');
      // A store with a few thousand annotations already in it.
      const service = await ParleyService.create({ storePath, seedDirs: [seedsDir], defaultAnnotator: 'crash' });
      const docs = await service.listDocuments();
      for (let i = 0; i < PRELOADED; i += 1) {
        const doc = docs[i % docs.length];
        if (!doc) break;
        const start = Math.floor(i / docs.length) * 3;
        await service.addAnnotation({ docId: doc.id, start, end: start + 12, label: 'quote' });
      }
      await service.close();
      const model: Model = new Map([...(await onDisk(storePath)).crash.values()].map((a) => [a.id, a.label]));
      expect(model.size).toBe(PRELOADED);

      let acknowledged = 0;
      let inFlight = 0;
      let appliedInFlight = 0;
      let afterCompaction = 0;
      let duringSnapshot = 0;
      let tornJournal = 0;
      let traces = await tracesOf(storePath);
      let survived = 0;
      try {
        for (let kill = 0; kill < KILLS; kill += 1) {
          const lines = await runAndKill(storePath, seedsDir, kill + 1, 20 + ((kill * 7919) % 400));
          const problem = lines.find((l) => l.kind === 'problem');
          expect(problem, `kill ${kill}: the store would not open`).toBeUndefined();
          let pending: Line | null = null;
          for (const line of lines) {
            if (line.kind === 'intent') pending = line;
            else if (line.kind === 'refused') pending = null;
            else if (line.kind === 'ack') {
              pending = null;
              acknowledged += 1;
              if (line.op === 'delete') model.delete(line.id);
              else if (line.op === 'add' && line.id) model.set(line.id, line.label);
              else if (line.op === 'relabel') model.set(line.id, line.label);
            }
          }
          const { data, crash: disk } = await onDisk(storePath);
          const now = await tracesOf(storePath);
          if (now.snapshotSeq !== traces.snapshotSeq) afterCompaction += 1;
          if (now.temporary && JSON.stringify(now.temporary) !== JSON.stringify(traces.temporary)) duringSnapshot += 1;
          if (now.isJournalTorn) tornJournal += 1;
          traces = now;
          // Every acknowledged change is there; only the change in flight may differ, whole.
          const differing = [...new Set([...model.keys(), ...disk.keys()])].filter(
            (id) => model.get(id) !== disk.get(id)?.label,
          );
          if (pending !== null && pending.kind === 'intent') {
            inFlight += 1;
            const p = pending;
            if (differing.length > 0) appliedInFlight += 1;
            expect(differing.length, `kill ${kill}: more changed than the one change in flight`).toBeLessThanOrEqual(1);
            const [id] = differing;
            if (id !== undefined) {
              const found = disk.get(id);
              if (p.op === 'add')
                expect([found?.docId, found?.start, found?.end, found?.label]).toEqual([
                  p.docId,
                  p.start,
                  p.end,
                  p.label,
                ]);
              if (p.op === 'relabel') expect([id, found?.label]).toEqual([p.id, p.label]);
              if (p.op === 'delete') expect([id, found]).toEqual([p.id, undefined]);
            }
          } else {
            expect(differing, `kill ${kill}: acknowledged changes missing or changed`).toEqual([]);
          }
          await opensForWriting(storePath, data, kill);
          // The store on disk is what the next run starts from.
          model.clear();
          for (const [id, a] of disk) model.set(id, a.label);
          survived = kill + 1;
        }
      } finally {
        // Printed also when a kill found something wrong: how far it got and what it went through.
        console.log(
          `crash test: ${survived} of ${KILLS} kills survived; ${acknowledged} acknowledged changes found on disk; ` +
            `${inFlight} kills with a change in flight (${appliedInFlight} of them already written whole); ` +
            `${afterCompaction} kills after a compaction in that run (the snapshot's seq changed), ` +
            `${duringSnapshot} during a snapshot write (temporary file left), ${tornJournal} with a torn journal line`,
        );
      }
      expect(acknowledged).toBeGreaterThan(KILLS);
      // The journal limit is small: the runs must have folded it into snapshots again and again.
      expect(afterCompaction).toBeGreaterThan(KILLS / 10);
    },
  );
});
