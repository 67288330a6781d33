/**
 * Crash safety: a child process runs the real service and changes annotations as fast as it
 * can; it is killed with SIGKILL at random moments, PARLEY_CRASH_KILLS times (200 unless set).
 * After every kill the store file must parse, pass the store's own validation, and hold every
 * change the child reported written, with at most the one change in flight either applied
 * whole or not at all.
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Annotation } from '../../main/api/contract';
import { ParleyService } from '../../main/service/parley-service';
import { Store } from '../../main/service/store';
import { emptyStoreData } from '../../main/service/store-data';

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
  // packages stay in node_modules (the file sits where Node finds them).
  child = resolve(import.meta.dirname, '../../node_modules/.cache/parley-crash/crash-child.mjs');
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

/** The crash annotator's annotations in the store file, parsed and validated as Parley opens it. */
async function onDisk(storePath: string): Promise<Map<string, Annotation>> {
  const text = await readFile(storePath, 'utf8');
  const data = JSON.parse(text) as { annotations: Record<string, Annotation> };
  const opened = await Store.open(storePath, () => emptyStoreData('crash'), 0, { readOnly: true });
  if (!opened.ok) throw new Error(`the store does not open: ${opened.problem.message}`);
  return new Map(
    Object.values(data.annotations)
      .filter((a) => a.annotator === 'crash')
      .map((a) => [a.id, a]),
  );
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
      const model: Model = new Map([...(await onDisk(storePath)).values()].map((a) => [a.id, a.label]));
      expect(model.size).toBe(PRELOADED);

      let acknowledged = 0;
      let inFlight = 0;
      let appliedInFlight = 0;
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
        const disk = await onDisk(storePath);
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
        // The store on disk is what the next run starts from.
        model.clear();
        for (const [id, a] of disk) model.set(id, a.label);
      }
      console.log(
        `crash test: ${KILLS} kills survived; ${acknowledged} acknowledged changes all on disk; ` +
          `${inFlight} kills with a change in flight (${appliedInFlight} of them already written whole)`,
      );
      expect(acknowledged).toBeGreaterThan(KILLS);
    },
  );
});
