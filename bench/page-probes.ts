/**
 * What the benchmark runs inside the page, with `performance.now()`. Each function is sent to
 * the page on its own by `page.evaluate`, so it uses nothing from this module but types. A
 * measurement ends once the frame that shows its result has been painted: a message posted from
 * that frame's requestAnimationFrame callback runs only after the frame's rendering. The marks
 * `parley-bench:start` and `parley-bench:end` bound each measurement in a trace.
 */

/** A timed open: until the first and the last span's highlights existed and were painted. */
export interface OpenSample {
  ms: number;
  /** The getDocument round trip (service and transport) within it, when it was seen. */
  getDocumentMs: number | null;
  /** How far the probe scrolled to reach the last span (0 when the view draws everything). */
  scrolledPx: number;
}

/** What the probes keep on `window` between calls. */
interface BenchWindow {
  __benchKeyAt?: number;
  __benchKeyEntries?: { at: number; ms: number }[];
  __benchResult?: Promise<unknown>;
  __benchLaunch?: Promise<number>;
  __benchKnown?: Set<string>;
  /** The id of the highlight the last armed add saw appear. */
  __benchAdded?: string;
  __benchInvokes?: { channel: string; start: number; ms: number }[];
  /** Calls under way, and when the last one ended. */
  __benchPending?: { count: number; lastEnd: number };
  __parleyInvoke?: (channel: string, args: unknown) => Promise<unknown>;
  gc?: () => void;
}

/**
 * Times every `window.parley` call and counts those under way, wrapping the transport the
 * harness's preload calls. Installed as an init script, so start-up calls are seen too.
 */
export function timeInvokes(): void {
  const w = window as unknown as BenchWindow;
  const invoke = w.__parleyInvoke;
  if (!invoke || w.__benchInvokes) return;
  const calls: { channel: string; start: number; ms: number }[] = [];
  const pending = { count: 0, lastEnd: 0 };
  w.__benchInvokes = calls;
  w.__benchPending = pending;
  w.__parleyInvoke = (channel, args) => {
    const start = performance.now();
    pending.count += 1;
    return invoke(channel, args).finally(() => {
      pending.count -= 1;
      pending.lastEnd = performance.now();
      calls.push({ channel, start, ms: performance.now() - start });
    });
  };
}

/**
 * Resolves once no `window.parley` call has been under way for `quietMs` (the reload of
 * suggestions after a change, say), so the next measurement does not queue behind the last
 * one's follow-up work. Resolves how long calls went on after it was called (0 if none was
 * under way or started); rejects after `timeoutMs`.
 */
export function whenIdle(args: { quietMs: number; timeoutMs: number }): Promise<number> {
  const pending = (window as unknown as BenchWindow).__benchPending;
  const began = performance.now();
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const now = performance.now();
      if (!pending || (pending.count === 0 && now - pending.lastEnd >= args.quietMs)) {
        resolve(Math.max(0, (pending?.lastEnd ?? 0) - began));
      } else if (now - began > args.timeoutMs) reject(new Error(`calls still under way after ${args.timeoutMs} ms`));
      else setTimeout(check, 20);
    };
    check();
  });
}

/** The page's clock now (ms since navigation start). */
export function pageNow(): number {
  return performance.now();
}

/** How long each call on `channel` that started at or after `since` (page clock) took, in ms. */
export function callTimes(args: { channel: string; since: number }): number[] {
  const calls = (window as unknown as BenchWindow).__benchInvokes ?? [];
  return calls.filter((c) => c.channel === args.channel && c.start >= args.since).map((c) => c.ms);
}

/**
 * An init script: from navigation start, watches for the highlights of `ids` in the view of
 * `docId` and keeps the page's clock (ms since navigation start) once a frame showing all of
 * them has been painted. Collect with `collectLaunch()`.
 */
export function watchLaunch(args: { docId: string; ids: string[] }): void {
  const w = window as unknown as BenchWindow;
  w.__benchLaunch = new Promise<number>((resolve) => {
    const poll = (): void => {
      const root = document.querySelector(`.text-scroll[data-doc-id="${CSS.escape(args.docId)}"]`);
      if (!root || !args.ids.every((id) => root.querySelector(`[data-annotation-id="${CSS.escape(id)}"]`))) {
        requestAnimationFrame(poll);
        return;
      }
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    };
    requestAnimationFrame(poll);
  });
}

/** The launch time `watchLaunch` kept, in ms since navigation start. */
export function collectLaunch(): Promise<number> {
  return (window as unknown as BenchWindow).__benchLaunch ?? Promise.reject(new Error('watchLaunch did not run'));
}

/**
 * Arms an open: the clock starts at the next click (on a document's entry) and stops once the
 * highlights of `firstId` and `lastId` have both been in the DOM of that document's view and a
 * frame has been painted. When the first is drawn and the last is not, the probe scrolls to
 * where the last should be, as a lazily drawn view needs. Collect with `collect()`.
 */
export function armOpen(args: {
  docId: string;
  firstId: string;
  lastId: string;
  /** Where the last span starts, as a fraction of the text. */
  lastAt: number;
  timeoutMs: number;
}): void {
  const w = window as unknown as BenchWindow;
  w.__benchResult = new Promise<OpenSample>((resolve, reject) => {
    let start = -1;
    let seenFirst = false;
    let seenLast = false;
    let scrolledPx = 0;
    const timer = setTimeout(() => reject(new Error(`${args.docId} did not show its spans`)), args.timeoutMs);
    const finish = (): void => {
      clearTimeout(timer);
      performance.mark('parley-bench:end');
      const call = w.__benchInvokes?.find((c) => c.channel === 'parley:getDocument' && c.start >= start);
      resolve({ ms: performance.now() - start, getDocumentMs: call?.ms ?? null, scrolledPx });
    };
    const poll = (): void => {
      const root = document.querySelector(`.text-scroll[data-doc-id="${CSS.escape(args.docId)}"]`);
      if (root) {
        seenFirst ||= root.querySelector(`[data-annotation-id="${args.firstId}"]`) !== null;
        seenLast ||= root.querySelector(`[data-annotation-id="${args.lastId}"]`) !== null;
        if (seenFirst && !seenLast) {
          const target = Math.max(0, args.lastAt * root.scrollHeight - root.clientHeight / 2);
          scrolledPx += Math.abs(target - root.scrollTop);
          root.scrollTop = target;
        }
      }
      if (!seenFirst || !seenLast) {
        requestAnimationFrame(poll);
        return;
      }
      const channel = new MessageChannel();
      channel.port1.onmessage = finish;
      channel.port2.postMessage(null);
    };
    const onClick = (): void => {
      start = performance.now();
      performance.mark('parley-bench:start');
      requestAnimationFrame(poll);
    };
    window.addEventListener('click', onClick, { capture: true, once: true });
  });
}

/** Remembers the annotation ids already drawn, so `armAdd` can tell a new highlight. */
export function rememberIds(ids: string[]): void {
  const w = window as unknown as BenchWindow;
  w.__benchKnown = new Set([...(w.__benchKnown ?? []), ...ids]);
}

/**
 * Selects `length` characters at `offset` into the first occurrence of `needle` in a paragraph
 * of the text, after scrolling that paragraph to the middle. Returns whether it found the needle.
 */
export function selectInText(args: { needle: string; offset: number; length: number }): boolean {
  const view = document.querySelector('.text-view');
  for (const paragraph of view?.children ?? []) {
    const at = (paragraph.textContent ?? '').indexOf(args.needle);
    if (at < 0) continue;
    const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
    const points: [Node, number][] = [];
    const wanted = [at + args.offset, at + args.offset + args.length];
    let seen = 0;
    for (let node = walker.nextNode(); node && points.length < 2; node = walker.nextNode()) {
      const size = (node as Text).data.length;
      while (points.length < 2 && (wanted[points.length] ?? 0) <= seen + size) {
        points.push([node, (wanted[points.length] ?? 0) - seen]);
      }
      seen += size;
    }
    const [from, to] = points;
    if (!from || !to) return false;
    paragraph.scrollIntoView({ block: 'center' });
    window.getSelection()?.setBaseAndExtent(from[0], from[1], to[0], to[1]);
    return true;
  }
  return false;
}

/** Scrolls the open document's `.text-scroll` so the point `fraction` down its height is in the middle. */
export function scrollToFraction(fraction: number): void {
  const scroller = document.querySelector('.text-scroll');
  if (scroller) scroller.scrollTop = fraction * scroller.scrollHeight - scroller.clientHeight / 2;
}

/** Resolves after `frames` animation frames. */
export function frames(count: number): Promise<void> {
  return new Promise((resolve) => {
    const step = (left: number): void => {
      if (left === 0) resolve();
      else requestAnimationFrame(() => step(left - 1));
    };
    step(count);
  });
}

/**
 * Arms an add (or the accepting of a suggestion): the clock starts at the next keydown and stops
 * once a highlight with an id not remembered, and not a suggestion's (`suggestion:…`, which
 * reloads after every change), has appeared in the text and its frame has been painted.
 * Resolves the time in ms; the new id is kept for `addedId()`.
 */
export function armAdd(args: { timeoutMs: number }): void {
  const w = window as unknown as BenchWindow;
  const known = w.__benchKnown ?? new Set<string>();
  w.__benchKnown = known;
  w.__benchResult = new Promise<number>((resolve, reject) => {
    let start = -1;
    const view = document.querySelector('.text-view');
    if (!view) throw new Error('no text is shown');
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error('no new highlight appeared'));
    }, args.timeoutMs);
    const newId = (node: Node): string | null => {
      if (!(node instanceof Element)) return null;
      const all = [node, ...node.querySelectorAll('[data-annotation-id]')];
      for (const el of all) {
        const id = el.getAttribute('data-annotation-id');
        if (id !== null && !known.has(id) && !id.startsWith('suggestion:')) return id;
      }
      return null;
    };
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        const nodes = record.type === 'attributes' ? [record.target] : [...record.addedNodes];
        const id = nodes.map(newId).find((found) => found !== null);
        if (id === undefined || id === null || start < 0) continue;
        observer.disconnect();
        known.add(id);
        w.__benchAdded = id;
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            clearTimeout(timer);
            performance.mark('parley-bench:end');
            resolve(performance.now() - start);
          };
          channel.port2.postMessage(null);
        });
        return;
      }
    });
    observer.observe(view, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['data-annotation-id'],
    });
    const onKey = (event: KeyboardEvent): void => {
      start = performance.now();
      w.__benchKeyAt = event.timeStamp;
      performance.mark('parley-bench:start');
    };
    window.addEventListener('keydown', onKey, { capture: true, once: true });
  });
}

/**
 * Keeps the Event Timing entries of key presses (`durationThreshold` 16, the least the API
 * allows): from the event until the next frame was presented after its handlers, as the browser
 * itself counts it for Interaction to Next Paint, in steps of 8 ms. Install once per page.
 */
export function watchKeyTiming(): void {
  const w = window as unknown as BenchWindow;
  if (w.__benchKeyEntries) return;
  const entries: { at: number; ms: number }[] = [];
  w.__benchKeyEntries = entries;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'keydown') entries.push({ at: e.startTime, ms: e.duration });
  }).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
}

/**
 * The Event Timing duration of the key the last armed add timed (ms, a multiple of 8), or 0
 * when the browser reported none: it took less than 16 ms to the next paint. Waits for the entry.
 */
export async function keyPaintMs(): Promise<number> {
  const w = window as unknown as BenchWindow;
  await new Promise((resolve) => setTimeout(resolve, 120));
  const at = w.__benchKeyAt ?? -1;
  return (w.__benchKeyEntries ?? []).find((e) => Math.abs(e.at - at) < 1)?.ms ?? 0;
}

/** The id of the highlight the last armed add saw appear. */
export function addedId(): string | null {
  return (window as unknown as BenchWindow).__benchAdded ?? null;
}

/** What `armChange` waits for in the element `selector` finds (or fails to find). */
export type Until = 'present' | 'absent' | { attribute: string; changedFrom: string };

/**
 * Arms a change: the clock starts at the next keydown and stops once what `until` says holds
 * of `selector` under `root` (seen by a MutationObserver on `root`) and a frame has been painted.
 * Throws at once if it holds already. Resolves the time in ms.
 */
export function armChange(args: { root: string; selector: string; until: Until; timeoutMs: number }): void {
  const w = window as unknown as BenchWindow;
  const root = document.querySelector(args.root);
  if (!root) throw new Error(`no ${args.root} in the page`);
  const holds = (): boolean => {
    const el = root.querySelector(args.selector);
    if (args.until === 'present') return el !== null;
    if (args.until === 'absent') return el === null;
    return el !== null && el.getAttribute(args.until.attribute) !== args.until.changedFrom;
  };
  if (holds()) throw new Error(`${args.selector} is already ${JSON.stringify(args.until)}`);
  w.__benchResult = new Promise<number>((resolve, reject) => {
    let start = -1;
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`${args.selector} did not become ${JSON.stringify(args.until)}`));
    }, args.timeoutMs);
    const observer = new MutationObserver(() => {
      if (start < 0 || !holds()) return;
      observer.disconnect();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          clearTimeout(timer);
          performance.mark('parley-bench:end');
          resolve(performance.now() - start);
        };
        channel.port2.postMessage(null);
      });
    });
    // Attribute changes matter only when waiting for one; recording them all would cost the page.
    observer.observe(root, { childList: true, subtree: true, attributes: typeof args.until === 'object' });
    const onKey = (): void => {
      start = performance.now();
      performance.mark('parley-bench:start');
    };
    window.addEventListener('keydown', onKey, { capture: true, once: true });
  });
}

/** Whether the page has an element matching `selector`. */
export function isShown(selector: string): boolean {
  return document.querySelector(selector) !== null;
}

/**
 * Brings the annotation list's entry of `id` into the DOM: a long list renders only the rows
 * near its viewport, so it scrolls the list to `fraction` of its rows first. Returns whether the
 * entry exists.
 */
export function revealListEntry(args: { id: string; fraction: number }): boolean {
  const selector = `.annotation-item[data-annotation-id="${CSS.escape(args.id)}"]`;
  if (document.querySelector(selector)) return true;
  const scroller = document.querySelector('.annotation-list');
  const rows = scroller?.querySelector('ol');
  if (!scroller || !(rows instanceof HTMLElement)) return false;
  scroller.scrollTop = rows.offsetTop + args.fraction * rows.offsetHeight - scroller.clientHeight / 2;
  return false;
}

/** The result of the last armed measurement. */
export function collect(): Promise<unknown> {
  return (window as unknown as BenchWindow).__benchResult ?? Promise.reject(new Error('nothing was armed'));
}

/**
 * Scrolls the element `selector` finds (default: the open document's `.text-scroll`) by
 * `stepPx` per frame in `stretches` stretches of `frames` frames, their starts spread evenly
 * from the top to the bottom, and returns the intervals between consecutive frames
 * (requestAnimationFrame timestamps) in ms. The jump to each stretch's start is not counted.
 */
export function scrollThrough(args: {
  selector?: string;
  stepPx: number;
  stretches: number;
  frames: number;
}): Promise<number[]> {
  const selector = args.selector ?? '.text-scroll';
  const scroller = document.querySelector(selector);
  if (!scroller) return Promise.reject(new Error(`no ${selector} is shown`));
  if (scroller.scrollHeight <= scroller.clientHeight) {
    return Promise.reject(new Error(`${selector} does not scroll (${scroller.scrollHeight} px high)`));
  }
  const room = scroller.scrollHeight - scroller.clientHeight - args.stepPx * args.frames;
  const intervals: number[] = [];
  const stretch = (index: number): Promise<void> =>
    new Promise((resolve) => {
      scroller.scrollTop = args.stretches > 1 ? (Math.max(0, room) * index) / (args.stretches - 1) : 0;
      let last = -1;
      let left = args.frames;
      const frame = (now: number): void => {
        if (last >= 0) intervals.push(now - last);
        else performance.mark('parley-bench:start');
        last = now;
        scroller.scrollTop += args.stepPx;
        left -= 1;
        if (left >= 0) {
          requestAnimationFrame(frame);
          return;
        }
        performance.mark('parley-bench:end');
        resolve();
      };
      // The first frame after the jump draws the new place; timing starts after it.
      requestAnimationFrame(() => requestAnimationFrame(frame));
    });
  return (async () => {
    for (let i = 0; i < args.stretches; i += 1) await stretch(i);
    return intervals;
  })();
}

/** The used JS heap in bytes, after a full garbage collection when `gc` is exposed. */
export function usedHeap(): number {
  const w = window as unknown as BenchWindow;
  w.gc?.();
  w.gc?.();
  return (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize;
}
