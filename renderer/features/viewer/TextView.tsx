/**
 * The article: a read-only tiptap view of the text with highlights drawn as decorations. Owns the
 * offset map of the open text and reports clicks on highlights; React owns everything around it.
 */
import { EditorContent, useEditor } from '@tiptap/react';
import { EditorState, TextSelection } from '@tiptap/pm/state';
import { useImperativeHandle, useLayoutEffect, useMemo, useRef, type Ref } from 'react';
import type { AnnotationView, Label } from '@api/contract';
import { buildOffsetMap, posToOffset } from '@core/offsets';
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

/** What the rest of the app can ask of the view. */
export interface TextViewHandle {
  /** The selected range as text offsets (anchor may be after head), or null when collapsed. */
  selection(): { anchor: number; head: number } | null;
  clearSelection(): void;
  scrollToAnnotation(id: string): void;
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
  const latest = useRef({ annotations, selectedId, onPick, lanes });
  useLayoutEffect(() => {
    latest.current = { annotations, selectedId, onPick, lanes };
  });
  const drawn = useRef<Drawn & { labels: readonly Label[]; lanes: Props['lanes'] }>({
    annotations: [],
    selectedId: null,
    labels: [],
    lanes: undefined,
  });

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
    map,
    labels: new Map(labelList.map((l) => [l.id, l])),
    selectedId: selected,
    ...(latest.current.lanes && { lanes: latest.current.lanes }),
  });

  // Label colours: one style sheet, rewritten when the labels change.
  useLayoutEffect(() => {
    const style = document.createElement('style');
    style.dataset.parley = 'label-colours';
    style.textContent = labelColourSheet(labels);
    document.head.append(style);
    return () => style.remove();
  }, [labels]);

  // A new text: a fresh editor state with every highlight drawn once.
  useLayoutEffect(() => {
    if (!editor) return;
    const { annotations: list, selectedId: selected } = latest.current;
    const doc = docFromText(editor.schema, text, map);
    // Text and highlights in one state, so the view renders the document once.
    const empty = EditorState.create({ doc, plugins: editor.state.plugins });
    const reset = withHighlightChange(empty.tr, { reset: decorationsOf(list, context(labels, selected)) });
    editor.view.updateState(empty.apply(reset));
    drawn.current = { annotations: list, selectedId: selected, labels, lanes };
    editor.view.dom.parentElement?.scrollTo({ top: 0 });
    // Only a new document or text redraws everything; other changes are diffed below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor, docId, text, map]);

  // Changed annotations or selection: redraw only those.
  useLayoutEffect(() => {
    if (!editor) return;
    const next = { annotations, selectedId, labels, lanes };
    const ctx = context(labels, selectedId);
    if (drawn.current.labels !== labels || drawn.current.lanes !== lanes) {
      editor.view.dispatch(withHighlightChange(editor.state.tr, { reset: decorationsOf(annotations, ctx) }));
    } else {
      const { removeIds, add } = diffHighlights(drawn.current, next);
      if (removeIds.length > 0 || add.length > 0) {
        editor.view.dispatch(withHighlightChange(editor.state.tr, { removeIds, add: decorationsOf(add, ctx) }));
      }
    }
    drawn.current = next;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor, annotations, selectedId, labels, lanes]);

  useImperativeHandle(
    handleRef,
    () => ({
      selection: () => {
        if (!editor) return null;
        const { anchor, head, empty } = editor.state.selection;
        return empty ? null : { anchor: posToOffset(map, anchor), head: posToOffset(map, head) };
      },
      clearSelection: () => {
        if (!editor) return;
        const { state } = editor;
        const collapsed = TextSelection.create(state.doc, state.selection.head);
        editor.view.dispatch(state.tr.setSelection(collapsed));
        window.getSelection()?.collapseToEnd();
      },
      scrollToAnnotation: (id) => {
        const el = editor?.view.dom.querySelector(`[data-annotation-id="${CSS.escape(id)}"]`);
        el?.scrollIntoView({ block: 'center' });
      },
      focus: () => editor?.view.focus(),
    }),
    [editor, map],
  );

  return <EditorContent editor={editor} className="text-scroll" data-doc-id={docId} />;
}
