/**
 * The article: a read-only tiptap view of the text with highlights drawn as decorations. Owns the
 * offset map of the open text and reports clicks on highlights; React owns everything around it.
 */
import { EditorContent, useEditor } from '@tiptap/react';
import { EditorState, TextSelection, type Transaction } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { useImperativeHandle, useLayoutEffect, useMemo, useRef, type Ref } from 'react';
import type { AnnotationView, Label } from '@api/contract';
import { buildOffsetMap, offsetToPos, posToOffset, type OffsetMap } from '@core/offsets';
import { docFromText, documentNodes } from './doc-from-text';
import { diffHighlights, type Drawn } from './highlight-diff';
import {
  decorationsOf,
  Highlights,
  labelColourSheet,
  withHighlightChange,
  type HighlightContext,
} from './highlight-plugin';
import { ReadOnlyText } from './read-only';
import { chunkAt, chunksOf, ChunkHeights, windowAround, type Chunk, type TextWindow } from './text-window';

/** The part of the text drawn now, and how to place it in the scrolled height of the whole. */
interface Drawing {
  chunks: readonly Chunk[];
  heights: ChunkHeights;
  window: TextWindow;
  /** Offset of the drawn text in the whole text, and its offset map. */
  base: number;
  map: OffsetMap;
}

/** Positions in the drawn text of whole-text offsets `a` and `b`, or null when either is not drawn. */
function positionsOf(drawing: Drawing, a: number, b: number): [number, number] | null {
  const inside = (offset: number): boolean => offset >= drawing.base && offset <= drawing.base + drawing.map.length;
  if (!inside(a) || !inside(b)) return null;
  return [offsetToPos(drawing.map, a - drawing.base), offsetToPos(drawing.map, b - drawing.base)];
}

/** The paragraph element of line `line` of the whole text, when it is drawn. */
function lineElement(view: EditorView, drawing: Drawing, line: number): HTMLElement | null {
  const first = drawing.chunks[drawing.window.from]?.firstLine ?? 0;
  const el = view.dom.children[line - first];
  return el instanceof HTMLElement ? el : null;
}

/** What the rest of the app can ask of the view. Offsets are into the whole text. */
export interface TextViewHandle {
  /** The selected range as text offsets (anchor may be after head), or null when collapsed. */
  selection(): { anchor: number; head: number } | null;
  clearSelection(): void;
  scrollToAnnotation(id: string): void;
  /** Draws the part of the text holding `offset` if it is not drawn, without scrolling. */
  reveal(offset: number): void;
  /** A DOM Range over `[start, end)` as drawn now, or null when that part is not drawn. */
  rangeOf(start: number, end: number): Range | null;
  /** Focuses the text with `[start, end)` selected (drawn first if need be), as a label key then tags it. */
  select(start: number, end: number): void;
  focus(): void;
}

interface Props {
  docId: string;
  text: string;
  annotations: readonly AnnotationView[];
  labels: readonly Label[];
  selectedId: string | null;
  /** In review: annotator → lane; a new map redraws every highlight. */
  lanes?: ReadonlyMap<string, number> | undefined;
  /** Called with the ids of the highlights under a click, innermost first (empty: none). */
  onPick: (ids: string[]) => void;
  handleRef: Ref<TextViewHandle>;
}

/** Ids of the highlight elements from `target` outwards, shortest span first. */
function idsAt(target: EventTarget | null, annotations: readonly AnnotationView[]): string[] {
  const ids: string[] = [];
  for (let el = target instanceof Element ? target : null; el; el = el.parentElement) {
    const id = el.getAttribute('data-annotation-id');
    if (id !== null && !ids.includes(id)) ids.push(id);
    if (el.classList.contains('ProseMirror')) break;
  }
  const length = (id: string): number => {
    const a = annotations.find((x) => x.id === id);
    return a ? a.end - a.start : 0;
  };
  return ids.sort((a, b) => length(a) - length(b));
}

export function TextView({ docId, text, annotations, labels, selectedId, lanes, onPick, handleRef }: Props) {
  const map = useMemo(() => buildOffsetMap(text), [text]);
  const latest = useRef({ annotations, selectedId, onPick, lanes, labels });
  useLayoutEffect(() => {
    latest.current = { annotations, selectedId, onPick, lanes, labels };
  });
  const drawn = useRef<Drawn & { labels: readonly Label[]; lanes: Props['lanes'] }>({
    annotations: [],
    selectedId: null,
    labels: [],
    lanes: undefined,
  });
  const drawing = useRef<Drawing | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const topRef = useRef<HTMLDivElement>(null);
  const bottomRef = useRef<HTMLDivElement>(null);

  const pickStacked = (event: MouseEvent): boolean => {
    const ids = idsAt(event.target, latest.current.annotations);
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
          latest.current.onPick(idsAt(event.target, latest.current.annotations));
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

  const context = (labelList: readonly Label[], selected: string | null): HighlightContext => ({
    map: drawing.current?.map ?? map,
    base: drawing.current?.base ?? 0,
    labels: new Map(labelList.map((l) => [l.id, l])),
    selectedId: selected,
    ...(latest.current.lanes && { lanes: latest.current.lanes }),
  });

  /** The selection as offsets into the whole text, or null when collapsed. */
  const selectedOffsets = (): { anchor: number; head: number } | null => {
    const current = drawing.current;
    if (!editor || !current) return null;
    const { anchor, head, empty } = editor.state.selection;
    if (empty) return null;
    return {
      anchor: current.base + posToOffset(current.map, anchor),
      head: current.base + posToOffset(current.map, head),
    };
  };

  /**
   * The page's selection in the text as offsets, read from the DOM: right after a person
   * selects, ProseMirror may not have read it yet, and a redraw must not lose it.
   */
  const domSelectedOffsets = (): { anchor: number; head: number } | null => {
    const current = drawing.current;
    const selection = window.getSelection();
    if (!editor || !current || !selection || selection.isCollapsed) return null;
    const { anchorNode, focusNode } = selection;
    const dom = editor.view.dom;
    if (!anchorNode || !focusNode || !dom.contains(anchorNode) || !dom.contains(focusNode)) return null;
    try {
      const at = (node: Node, offset: number): number =>
        current.base + posToOffset(current.map, editor.view.posAtDOM(node, offset));
      return { anchor: at(anchorNode, selection.anchorOffset), head: at(focusNode, selection.focusOffset) };
    } catch {
      return null;
    }
  };

  /**
   * Draws chunks `[shown.from, shown.to)` with their highlights in one new editor state, keeps
   * a selection that lies inside them, measures them and sizes the spacers for the rest.
   */
  const draw = (chunks: readonly Chunk[], heights: ChunkHeights, shown: TextWindow): void => {
    if (!editor) return;
    const kept = drawing.current?.chunks === chunks ? (domSelectedOffsets() ?? selectedOffsets()) : null;
    const base = chunks[shown.from]?.start ?? 0;
    const end = chunks[shown.to - 1]?.end ?? text.length;
    const slice = chunks.length === 1 ? text : text.slice(base, end);
    const sliceMap = chunks.length === 1 ? map : buildOffsetMap(slice);
    drawing.current = { chunks, heights, window: shown, base, map: sliceMap };
    const { annotations: list, selectedId: selected, labels: labelList, lanes: laneMap } = latest.current;
    const doc = docFromText(editor.schema, slice, sliceMap);
    // Text and highlights in one state, so the view renders the text once.
    const empty = EditorState.create({ doc, plugins: editor.state.plugins });
    const tr = withHighlightChange(empty.tr, { reset: decorationsOf(list, context(labelList, selected)) });
    const keptAt = kept && positionsOf(drawing.current, kept.anchor, kept.head);
    if (keptAt) tr.setSelection(TextSelection.create(tr.doc, ...keptAt));
    editor.view.updateState(empty.apply(tr));
    drawn.current = { annotations: list, selectedId: selected, labels: labelList, lanes: laneMap };
    const setSpacers = (top: number, bottom: number): void => {
      if (topRef.current) topRef.current.style.height = `${top}px`;
      if (bottomRef.current) bottomRef.current.style.height = `${bottom}px`;
    };
    if (chunks.length === 1) {
      setSpacers(0, 0);
      return;
    }
    // Measure what is drawn; stand in for the rest with its (estimated) height.
    const view = editor.view;
    const tops: number[] = [];
    for (let i = shown.from; i < shown.to; i += 1) {
      const line = chunks[i]?.firstLine ?? 0;
      tops.push(lineElement(view, drawing.current, line)?.getBoundingClientRect().top ?? 0);
    }
    tops.push(view.dom.getBoundingClientRect().bottom);
    for (let i = shown.from; i < shown.to; i += 1) {
      heights.measure(i, (tops[i - shown.from + 1] ?? 0) - (tops[i - shown.from] ?? 0));
    }
    setSpacers(heights.sum(0, shown.from), heights.sum(shown.to, chunks.length));
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
    const isDrawn = index >= current.window.from && index < current.window.to;
    const beforeTop = isDrawn ? lineElement(editor.view, current, line)?.getBoundingClientRect().top : undefined;
    const fraction = (middle - heights.sum(0, index)) / Math.max(1, heights.of(index));
    const atBottom = viewBottom >= scroller.scrollHeight - 2;
    draw(chunks, heights, next);
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
    draw(current.chunks, current.heights, windowAround(current.chunks, index));
  };

  // Label colours: one style sheet, rewritten when the labels change.
  useLayoutEffect(() => {
    const style = document.createElement('style');
    style.dataset.parley = 'label-colours';
    style.textContent = labelColourSheet(labels);
    document.head.append(style);
    return () => style.remove();
  }, [labels]);

  // A new text: a fresh editor state with the highlights of what is drawn, drawn once.
  useLayoutEffect(() => {
    if (!editor) return;
    const chunks = chunksOf(map);
    draw(chunks, new ChunkHeights(chunks), windowAround(chunks, 0));
    scrollRef.current?.scrollTo({ top: 0 });
    // Only a new document or text redraws everything; other changes are diffed below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor, docId, text, map]);

  /**
   * A transaction from the current state that carries the page's selection: a person may have
   * selected new words (a drag, say) that ProseMirror has not read yet, and redrawing the
   * highlights with the older selection would put that one back into the page.
   */
  const transactionKeepingSelection = (): Transaction => {
    const tr = editor?.state.tr;
    if (!tr) throw new Error('no editor');
    const inPage = domSelectedOffsets();
    const at = inPage && drawing.current && positionsOf(drawing.current, inPage.anchor, inPage.head);
    return at ? tr.setSelection(TextSelection.create(tr.doc, ...at)) : tr;
  };

  // Changed annotations or selection: redraw only those.
  useLayoutEffect(() => {
    if (!editor) return;
    const next = { annotations, selectedId, labels, lanes };
    const ctx = context(labels, selectedId);
    if (drawn.current.labels !== labels || drawn.current.lanes !== lanes) {
      editor.view.dispatch(
        withHighlightChange(transactionKeepingSelection(), { reset: decorationsOf(annotations, ctx) }),
      );
    } else {
      // Only what can be drawn matters: in a long text, the spans that reach into the window.
      const current = drawing.current;
      const inWindow = (list: readonly AnnotationView[]): readonly AnnotationView[] => {
        if (!current || current.chunks.length === 1) return list;
        const end = current.base + current.map.length;
        return list.filter((a) => a.end >= current.base && a.start <= end);
      };
      const { removeIds, add } = diffHighlights(
        { annotations: inWindow(drawn.current.annotations), selectedId: drawn.current.selectedId },
        { annotations: inWindow(annotations), selectedId },
      );
      if (removeIds.length > 0 || add.length > 0) {
        const change = { removeIds, add: decorationsOf(add, ctx) };
        editor.view.dispatch(withHighlightChange(transactionKeepingSelection(), change));
      }
    }
    drawn.current = next;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor, annotations, selectedId, labels, lanes]);

  useImperativeHandle(
    handleRef,
    () => ({
      selection: selectedOffsets,
      clearSelection: () => {
        if (!editor) return;
        const { state } = editor;
        const collapsed = TextSelection.create(state.doc, state.selection.head);
        editor.view.dispatch(state.tr.setSelection(collapsed));
        window.getSelection()?.collapseToEnd();
      },
      scrollToAnnotation: (id) => {
        const find = (): Element | null | undefined =>
          editor?.view.dom.querySelector(`[data-annotation-id="${CSS.escape(id)}"]`);
        let el = find();
        const annotation = el ? undefined : latest.current.annotations.find((a) => a.id === id);
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
      focus: () => editor?.view.focus(),
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
}
