/**
 * The article: a read-only tiptap view of the text with highlights drawn as decorations from a
 * highlight source. Draws a long text around the viewport (text-window.ts), keeps highlights in
 * step with their source and the selected span without React (highlight-sync.ts), and reports
 * clicks on highlights; React owns everything around it.
 */
import { EditorContent, useEditor } from '@tiptap/react';
import { EditorState, TextSelection } from '@tiptap/pm/state';
import { memo, useImperativeHandle, useLayoutEffect, useMemo, useRef, type Ref } from 'react';
import type { Label } from '@api/contract';
import { buildOffsetMap } from '@core/offsets';
import type { ValueStore } from '../../state/value-store';
import { docFromText, documentNodes } from './doc-from-text';
import { decorationsOf, Highlights, labelColourSheet, withHighlightChange } from './highlight-plugin';
import type { HighlightSource } from './highlight-source';
import {
  contextOf,
  drawnOf,
  flushBatch,
  resetHighlights,
  syncSelectionChange,
  syncSourceChange,
  type HighlightBatch,
  type SyncInputs,
} from './highlight-sync';
import { ReadOnlyText } from './read-only';
import { overlaps, shiftWindow } from './window-shift';
import { chunkAt, chunksOf, ChunkHeights, windowAround, type Chunk, type TextWindow } from './text-window';
import {
  lineElement,
  pageSelection,
  positionsOf,
  selectedRange,
  stateSelection,
  type Drawing,
  type OffsetSelection,
} from './text-selection';

/** Where the reader was in a text: the offset at the top of the viewport and how far below it. */
export interface ViewPlace {
  offset: number;
  offsetPx: number;
}

/** What the rest of the app can ask of the view. Offsets are into the whole text. */
export interface TextViewHandle {
  /** The selected range as text offsets (anchor may be after head), or null when collapsed. */
  selection(): OffsetSelection | null;
  clearSelection(): void;
  scrollToAnnotation(id: string): void;
  /** Draws the part of the text holding `offset` if it is not drawn, without scrolling. */
  reveal(offset: number): void;
  /** A DOM Range over `[start, end)` as drawn now, or null when that part is not drawn. */
  rangeOf(start: number, end: number): Range | null;
  /** Focuses the text with `[start, end)` selected (drawn first if need be), as a label key then tags it. */
  select(start: number, end: number): void;
  focus(): void;
  /** Where the reader is now, to come back to later. */
  place(): ViewPlace | null;
}

interface Props {
  docId: string;
  text: string;
  /** What is drawn; a new source redraws every highlight. */
  source: HighlightSource;
  /** The selected span's id (drawn outlined). */
  selection: ValueStore<string | null>;
  labels: readonly Label[];
  /** In review: annotator → lane; a new map redraws every highlight. */
  lanes?: ReadonlyMap<string, number> | undefined;
  /** Where to scroll when a document is drawn (the reader's place when they left it). */
  placeOf?: (docId: string) => ViewPlace | undefined;
  /** Called with the ids of the highlights under a click, innermost first (empty: none). */
  onPick: (ids: string[]) => void;
  handleRef: Ref<TextViewHandle>;
}

/** Ids of the highlight elements from `target` outwards, shortest span first. */
function idsAt(target: EventTarget | null, source: HighlightSource): string[] {
  const ids: string[] = [];
  for (let el = target instanceof Element ? target : null; el; el = el.parentElement) {
    const id = el.getAttribute('data-annotation-id');
    if (id !== null && !ids.includes(id)) ids.push(id);
    if (el.classList.contains('ProseMirror')) break;
  }
  const length = (id: string): number => {
    const a = source.get(id);
    return a ? a.end - a.start : 0;
  };
  return ids.sort((a, b) => length(a) - length(b));
}

/** The view re-renders only when its props change: a tag changes decorations, not props. */
export const TextView = memo(function TextView({
  docId,
  text,
  source,
  selection,
  labels,
  lanes,
  placeOf,
  onPick,
  handleRef,
}: Props) {
  const map = useMemo(() => buildOffsetMap(text), [text]);
  const latest = useRef({ source, onPick, lanes, labels, placeOf, docId });
  useLayoutEffect(() => {
    latest.current = { source, onPick, lanes, labels, placeOf, docId };
  });
  const drawing = useRef<Drawing | null>(null);
  /** Highlights to draw again at the end of the task; held while a mouse button is down in the text. */
  const batch = useRef<HighlightBatch>({ ids: new Set(), isReset: false });
  const flushing = useRef({ isHeld: false, isScheduled: false });
  const scrollRef = useRef<HTMLDivElement>(null);
  const topRef = useRef<HTMLDivElement>(null);
  const bottomRef = useRef<HTMLDivElement>(null);

  const pickStacked = (event: MouseEvent): boolean => {
    const ids = idsAt(event.target, latest.current.source);
    if (ids.length > 0) latest.current.onPick(ids);
    return ids.length > 0;
  };

  const editor = useEditor(
    {
      extensions: [...documentNodes, ReadOnlyText, Highlights],
      enableCoreExtensions: false,
      injectCSS: false,
      shouldRerenderOnTransaction: false,
      editorProps: {
        attributes: { class: 'text-view', spellcheck: 'false', 'aria-label': 'Article text', 'aria-readonly': 'true' },
        handleClick: (_view, _pos, event) => {
          latest.current.onPick(idsAt(event.target, latest.current.source));
          return false;
        },
        // ProseMirror counts quick repeated clicks as double and triple clicks; on a highlight
        // they cycle through the stacked spans instead of selecting a word or paragraph.
        handleDoubleClick: (_view, _pos, event) => pickStacked(event),
        handleTripleClick: (_view, _pos, event) => pickStacked(event),
      },
    },
    [],
  );

  const inputs = useMemo<SyncInputs>(
    () => ({
      view: () => (editor && !editor.isDestroyed ? editor.view : null),
      docId: () => latest.current.docId,
      drawing: () => drawing.current,
      source: () => latest.current.source,
      selectedId: () => selection.get(),
      labels: () => latest.current.labels,
      lanes: () => latest.current.lanes,
      batch: () => batch.current,
      requestFlush: () => {
        const state = flushing.current;
        if (state.isHeld || state.isScheduled) return;
        state.isScheduled = true;
        queueMicrotask(() => {
          state.isScheduled = false;
          if (!state.isHeld) flushBatch(inputs);
        });
      },
    }),
    [editor, selection],
  );

  // A press in the text holds redraws until the button is up; the release is heard first (capture
  // on the window), so ProseMirror reads the finished selection before any redraw carries it.
  useLayoutEffect(() => {
    if (!editor) return;
    const dom = editor.view.dom;
    const press = (): void => {
      flushing.current.isHeld = true;
    };
    const release = (): void => {
      if (!flushing.current.isHeld) return;
      flushing.current.isHeld = false;
      flushBatch(inputs);
    };
    dom.addEventListener('mousedown', press);
    window.addEventListener('mouseup', release, { capture: true });
    window.addEventListener('blur', release);
    return () => {
      dom.removeEventListener('mousedown', press);
      window.removeEventListener('mouseup', release, { capture: true });
      window.removeEventListener('blur', release);
    };
  }, [editor, inputs]);

  /**
   * Draws chunks `[shown.from, shown.to)` with their highlights in one new editor state, keeps
   * a selection that lies inside them, measures them and sizes the spacers for the rest.
   */
  const draw = (chunks: readonly Chunk[], heights: ChunkHeights, shown: TextWindow): void => {
    if (!editor) return;
    const previous = drawing.current;
    const kept =
      previous?.chunks === chunks
        ? (pageSelection(editor.view, previous) ?? stateSelection(editor.view, previous))
        : null;
    const base = chunks[shown.from]?.start ?? 0;
    const end = chunks[shown.to - 1]?.end ?? text.length;
    const slice = chunks.length === 1 ? text : text.slice(base, end);
    const sliceMap = chunks.length === 1 ? map : buildOffsetMap(slice);
    const next: Drawing = { chunks, heights, window: shown, base, map: sliceMap };
    drawing.current = next;
    const doc = docFromText(editor.schema, slice, sliceMap);
    // Text and highlights in one state, so the view renders the text once.
    const empty = EditorState.create({ doc, plugins: editor.state.plugins });
    const own = latest.current.source.list().filter((a) => a.docId === latest.current.docId);
    const decorations = decorationsOf(drawnOf(next, own), contextOf(inputs, next));
    const tr = withHighlightChange(empty.tr, { reset: decorations });
    // What waited is drawn now, as the source has it.
    batch.current.ids.clear();
    batch.current.isReset = false;
    const keptAt = kept && kept.anchor !== kept.head && positionsOf(next, kept.anchor, kept.head);
    if (keptAt) tr.setSelection(TextSelection.create(tr.doc, ...keptAt));
    editor.view.updateState(empty.apply(tr));
    sizeSpacers(next);
  };

  /** Measures the drawn chunks and stands in for the others with their (estimated) height. */
  const sizeSpacers = (now: Drawing): void => {
    if (!editor) return;
    const setSpacers = (top: number, bottom: number): void => {
      if (topRef.current) topRef.current.style.height = `${top}px`;
      if (bottomRef.current) bottomRef.current.style.height = `${bottom}px`;
    };
    const { chunks, heights, window: shown } = now;
    if (chunks.length === 1) {
      setSpacers(0, 0);
      return;
    }
    const view = editor.view;
    const tops: number[] = [];
    for (let i = shown.from; i < shown.to; i += 1) {
      const line = chunks[i]?.firstLine ?? 0;
      tops.push(lineElement(view, now, line)?.getBoundingClientRect().top ?? 0);
    }
    tops.push(view.dom.getBoundingClientRect().bottom);
    for (let i = shown.from; i < shown.to; i += 1) {
      heights.measure(i, (tops[i - shown.from + 1] ?? 0) - (tops[i - shown.from] ?? 0));
    }
    setSpacers(heights.sum(0, shown.from), heights.sum(shown.to, chunks.length));
  };

  /**
   * Moves the drawn window to `next`: by its edges when the two overlap (scrolling on), else by
   * drawing `next` whole (a jump).
   */
  const moveWindow = (next: TextWindow): void => {
    const current = drawing.current;
    if (!editor || !current) return;
    if (!overlaps(current.window, next)) return draw(current.chunks, current.heights, next);
    const own = latest.current.source.list().filter((a) => a.docId === latest.current.docId);
    // The page's selection, read before the lines move: ProseMirror may not have read it yet, and
    // the transaction would otherwise put its older one back into the page.
    const inPage = pageSelection(editor.view, current);
    const context = (d: Drawing) => contextOf(inputs, d);
    const shifted = shiftWindow(editor.state, text, map, current, next, own, context, inPage);
    drawing.current = shifted.drawing;
    // Highlights that waited are drawn with the new window's offsets.
    const waiting = [...batch.current.ids];
    editor.view.dispatch(shifted.tr);
    if (waiting.length > 0 || batch.current.isReset) flushBatch(inputs);
    sizeSpacers(shifted.drawing);
  };

  /**
   * Draws the chunks around the one at the viewport's middle. When that chunk is drawn now, it
   * stays where it is on screen; otherwise the viewport's middle stays at the same fraction of
   * that chunk once it is drawn and measured (and at the bottom when it was at the bottom).
   */
  const followViewport = (): void => {
    const current = drawing.current;
    const scroller = scrollRef.current;
    const top = topRef.current;
    if (!editor || !current || !scroller || !top || current.chunks.length === 1) return;
    const { chunks, heights } = current;
    // y of the text's first line in the scroller's content.
    const origin = top.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
    const drawnTop = origin + heights.sum(0, current.window.from);
    const drawnBottom = drawnTop + editor.view.dom.getBoundingClientRect().height;
    const viewTop = scroller.scrollTop;
    const viewBottom = viewTop + scroller.clientHeight;
    const margin = scroller.clientHeight / 2;
    const nearTop = current.window.from > 0 && viewTop < drawnTop + margin;
    const nearBottom = current.window.to < chunks.length && viewBottom > drawnBottom - margin;
    if (!nearTop && !nearBottom) return;
    const middle = (viewTop + viewBottom) / 2 - origin;
    const index = heights.indexAt(middle);
    const next = windowAround(chunks, index);
    if (next.from === current.window.from && next.to === current.window.to) return;
    const line = chunks[index]?.firstLine ?? 0;
    const isDrawnNow = index >= current.window.from && index < current.window.to;
    const beforeTop = isDrawnNow ? lineElement(editor.view, current, line)?.getBoundingClientRect().top : undefined;
    const fraction = (middle - heights.sum(0, index)) / Math.max(1, heights.of(index));
    const atBottom = viewBottom >= scroller.scrollHeight - 2;
    moveWindow(next);
    const after = drawing.current ? lineElement(editor.view, drawing.current, line) : null;
    if (beforeTop !== undefined && after) {
      scroller.scrollTop += after.getBoundingClientRect().top - beforeTop;
    } else if (atBottom) {
      scroller.scrollTop = scroller.scrollHeight;
    } else {
      const y = origin + heights.sum(0, index) + fraction * heights.of(index);
      scroller.scrollTop = y - scroller.clientHeight / 2;
    }
  };

  /** On scroll: when the viewport nears the edge of what is drawn, draw the chunks around it. */
  const onScroll = useRef(0);
  const followScroll = (): void => {
    if (onScroll.current !== 0) return;
    onScroll.current = requestAnimationFrame(() => {
      onScroll.current = 0;
      followViewport();
    });
  };
  useLayoutEffect(() => () => cancelAnimationFrame(onScroll.current), []);

  /** Makes sure the chunk holding `offset` is drawn. */
  const reveal = (offset: number): void => {
    const current = drawing.current;
    if (!current || current.chunks.length === 1) return;
    if (offset >= current.base && offset <= current.base + current.map.length) return;
    const index = chunkAt(current.chunks, offset);
    moveWindow(windowAround(current.chunks, index));
  };

  /** The reader's place: the first drawn line at or below the viewport's top. */
  const place = (): ViewPlace | null => {
    const current = drawing.current;
    const scroller = scrollRef.current;
    if (!editor || !current || !scroller) return null;
    const top = scroller.getBoundingClientRect().top;
    const lines = editor.view.dom.children;
    for (let i = 0; i < lines.length; i += 1) {
      const rect = lines[i]?.getBoundingClientRect();
      if (!rect || rect.bottom <= top) continue;
      const paragraph = current.map.paragraphs[i];
      return { offset: current.base + (paragraph?.start ?? 0), offsetPx: top - rect.top };
    }
    return { offset: current.base, offsetPx: 0 };
  };

  /** Scrolls so the line holding `place.offset` is where it was under the viewport's top. */
  const goTo = (target: ViewPlace): void => {
    const current = drawing.current;
    const scroller = scrollRef.current;
    if (!editor || !current || !scroller) return;
    reveal(target.offset);
    const now = drawing.current ?? current;
    const at = positionsOf(now, target.offset, target.offset);
    if (!at) return;
    const { node } = editor.view.domAtPos(at[0]);
    const el = node instanceof Element ? node : node.parentElement;
    const line = el?.closest('p');
    if (!line) return;
    scroller.scrollTop += line.getBoundingClientRect().top - scroller.getBoundingClientRect().top + target.offsetPx;
    followViewport();
  };

  // Label colours: one constructed style sheet (CSSOM, which the page's CSP allows where it
  // refuses inline <style>), rewritten when the labels change.
  useLayoutEffect(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(labelColourSheet(labels));
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, [labels]);

  // A new text: a fresh editor state with the highlights of what is drawn, drawn once, at the
  // reader's place in it when they come back.
  useLayoutEffect(() => {
    if (!editor) return;
    const chunks = chunksOf(map);
    const back = latest.current.placeOf?.(docId);
    const start = back ? chunkAt(chunks, back.offset) : 0;
    draw(chunks, new ChunkHeights(chunks), windowAround(chunks, start));
    scrollRef.current?.scrollTo({ top: 0 });
    if (back) goTo(back);
    // Only a new document or text redraws everything; other changes are synced below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor, docId, text, map]);

  // The source's changes and the selection's, straight to the decorations, outside React.
  const drawnSource = useRef(source);
  useLayoutEffect(() => {
    if (!editor) return;
    if (drawnSource.current !== source) {
      drawnSource.current = source;
      resetHighlights(inputs);
    }
    const offSource = source.subscribe((change) => syncSourceChange(inputs, change));
    const offSelection = selection.subscribe((next, previous) => syncSelectionChange(inputs, next, previous));
    return () => {
      offSource();
      offSelection();
    };
  }, [editor, source, selection, inputs]);

  // Other labels (names, colours) or lanes: every highlight looks different.
  const drawnLook = useRef({ labels, lanes });
  useLayoutEffect(() => {
    if (drawnLook.current.labels === labels && drawnLook.current.lanes === lanes) return;
    drawnLook.current = { labels, lanes };
    resetHighlights(inputs);
  }, [labels, lanes, inputs]);

  useImperativeHandle(
    handleRef,
    () => ({
      selection: () => (editor && drawing.current ? selectedRange(editor.view, drawing.current) : null),
      clearSelection: () => {
        if (!editor || !drawing.current) return;
        // The page's selection only: the highlights' next redraw (at the end of this task) carries
        // it into ProseMirror, one transaction for the key that tagged.
        const page = window.getSelection();
        if (page && page.rangeCount > 0) page.collapseToEnd();
        batch.current.hasSelection = true;
        inputs.requestFlush();
      },
      scrollToAnnotation: (id) => {
        const find = (): Element | null | undefined =>
          editor?.view.dom.querySelector(`[data-annotation-id="${CSS.escape(id)}"]`);
        let el = find();
        const annotation = el ? undefined : latest.current.source.get(id);
        if (annotation) {
          reveal(annotation.start);
          el = find();
        }
        el?.scrollIntoView({ block: 'center' });
      },
      reveal,
      rangeOf: (start, end) => {
        const at = drawing.current && positionsOf(drawing.current, start, end);
        if (!editor || !at) return null;
        const a = editor.view.domAtPos(at[0]);
        const b = editor.view.domAtPos(at[1]);
        const range = document.createRange();
        range.setStart(a.node, a.offset);
        range.setEnd(b.node, b.offset);
        return range;
      },
      select: (start, end) => {
        if (!editor) return;
        reveal(start);
        editor.view.focus();
        const at = drawing.current && positionsOf(drawing.current, start, end);
        if (at) editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, ...at)));
      },
      // Focusing a view that has it would write ProseMirror's selection over the page's.
      focus: () => {
        if (editor && !editor.view.hasFocus()) editor.view.focus();
      },
      place,
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [editor, map],
  );

  return (
    <div className="text-scroll" data-doc-id={docId} ref={scrollRef} onScroll={followScroll}>
      <div className="text-spacer" ref={topRef} aria-hidden="true" />
      <EditorContent editor={editor} className="text-window" />
      <div className="text-spacer" ref={bottomRef} aria-hidden="true" />
    </div>
  );
});
