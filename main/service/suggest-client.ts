/**
 * The main side of the suggest worker: runs `suggest()` on a worker thread, one request at a time,
 * so that recognising a long text never blocks the main process. It starts the worker on the first
 * request, lets the process exit while the worker is idle, and starts a new one after a crash.
 * What to ask for and what to keep is the session service's.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { RECOGNISER_IDS } from '../core/suggest/index';
import { ParleyError } from './errors';
import type { PackedSuggestions } from './packed-suggestions';
import type { SuggestReply, SuggestRequest } from './suggest-worker';

/** A sentence that has every recogniser at work: a quote, a condition, a date. */
const WARM_UP_TEXT = '“We will talk only if the shelling stops,” Olena Kovalenko said on Monday.';

/** The arguments of `suggest()`: see SuggestOptions in core/suggest. */
export interface SuggestJob {
  text: string;
  labels: readonly string[];
  publishedAt?: string;
}

interface Pending {
  request: SuggestRequest;
  signal: AbortSignal | undefined;
  resolve: (suggestions: PackedSuggestions) => void;
  reject: (error: unknown) => void;
}

/**
 * Starts the worker thread. Built (electron-vite), this module is part of out/main/index.js and
 * the worker is out/main/suggest-worker.js beside it. Run as TypeScript (vitest, tsx, Playwright),
 * the worker is suggest-worker.ts, loaded through tsx's CommonJS hook: Node 20 applies neither
 * module.register() hooks (`--import tsx`) to worker threads nor `--require` to a worker whose
 * package is `"type": "module"`, but a `require()` from an evaluated script goes through the hook.
 */
function startWorker(): Worker {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.ts')) return new Worker(join(dirname(here), 'suggest-worker.js'));
  let hook: string;
  try {
    hook = createRequire(import.meta.url).resolve('tsx/cjs');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ParleyError('INTERNAL', `Suggestions run from the TypeScript sources need tsx (npm install): ${reason}`);
  }
  const entry = JSON.stringify(join(dirname(here), 'suggest-worker.ts'));
  // The evaluated script is CommonJS or, under --input-type=module, ESM: import() works in both.
  const script = `import('node:module').then(({ createRequire }) => {
    const load = createRequire(${entry});
    load(${JSON.stringify(hook)});
    load(${entry});
  });`;
  return new Worker(script, { eval: true });
}

/** Runs `suggest()` off the main thread. One per session service; close() ends its worker. */
export class SuggestClient {
  private worker: Worker | null = null;
  private running: Pending | null = null;
  private readonly queue: Pending[] = [];
  private lastId = 0;

  /**
   * `suggest(job.text, job)` as computed by the worker, packed (unpack it with `job.text`).
   * Requests run one at a time, in the order they were made. Rejects with the error suggest()
   * threw (a RangeError for a bad date), with `signal.reason` when the signal aborts before the
   * worker takes the request up, and with ParleyError INTERNAL when the worker cannot start or stops.
   */
  run(job: SuggestJob, signal?: AbortSignal): Promise<PackedSuggestions> {
    return new Promise((resolve, reject) => {
      // Thrown here, the abort reason rejects the promise.
      signal?.throwIfAborted();
      const { text, labels, publishedAt } = job;
      const request: SuggestRequest = {
        id: ++this.lastId,
        text,
        labels: [...labels],
        ...(publishedAt !== undefined && { publishedAt }),
      };
      this.queue.push({ request, signal, resolve, reject });
      this.next();
    });
  }

  /**
   * Starts the worker, if it is not running, and has it load and run the recognisers once, so that
   * the first request does not wait for that (about half a second). Never throws: a worker that
   * cannot start fails the next request instead.
   */
  warmUp(): void {
    if (this.worker !== null || this.running !== null) return;
    this.run({ text: WARM_UP_TEXT, labels: RECOGNISER_IDS }).catch(() => {
      // Nobody waits for the warm-up; the same failure rejects the request that follows it.
    });
  }

  /** Ends the worker; requests still waiting reject with ParleyError INTERNAL. A later run() starts a new one. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    const stopped = new ParleyError('INTERNAL', 'Parley was closing, so the suggestions were not computed');
    for (const pending of [...(this.running ? [this.running] : []), ...this.queue.splice(0)]) pending.reject(stopped);
    this.running = null;
    await worker?.terminate();
  }

  /** Sends the next request still wanted, when the worker is free. */
  private next(): void {
    if (this.running !== null) return;
    let pending = this.queue.shift();
    while (pending?.signal?.aborted) {
      pending.reject(pending.signal.reason);
      pending = this.queue.shift();
    }
    if (pending === undefined) {
      // Idle: an idle worker does not keep the process alive.
      this.worker?.unref();
      return;
    }
    let worker: Worker;
    try {
      worker = this.worker ?? this.start();
    } catch (error) {
      pending.reject(error);
      this.next();
      return;
    }
    this.running = pending;
    // Keep the process alive while a caller waits for an answer (a CLI awaiting suggestions).
    worker.ref();
    worker.postMessage(pending.request);
  }

  private start(): Worker {
    const worker = startWorker();
    worker.on('message', (reply: SuggestReply) => {
      const pending = this.running;
      if (worker !== this.worker || pending?.request.id !== reply.id) return;
      this.running = null;
      if (reply.ok) pending.resolve(reply.suggestions);
      else pending.reject(reply.error);
      this.next();
    });
    worker.on('error', (error) => this.stopped(worker, error.message));
    worker.on('exit', (code) => this.stopped(worker, `it exited with code ${code}`));
    this.worker = worker;
    return worker;
  }

  /** The worker crashed or exited: its request fails, and the next one starts a new worker. */
  private stopped(worker: Worker, reason: string): void {
    if (worker !== this.worker) return;
    this.worker = null;
    const pending = this.running;
    this.running = null;
    pending?.reject(new ParleyError('INTERNAL', `The suggestion worker stopped (${reason}); ask again to retry`));
    this.next();
  }
}
