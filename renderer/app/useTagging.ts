/**
 * Tagging in tag mode: a label key tags the selection (or relabels the selected span), Delete
 * deletes, Ctrl+Z undoes. Each edit is shown at once in the annotation store (with the id the
 * renderer chose for a new span) and sent to main; main's answer replaces it, and a refusal takes
 * it back with the reason in a toast. The selection is read from the page when the key is pressed.
 */
import { useCallback, useMemo, type RefObject } from 'react';
import type { AnnotationView } from '@api/contract';
import { spanFromSelection } from '@core/selection';
import { api } from '../api';
import type { TextViewHandle } from '../features/viewer/TextView';
import type { AppState } from '../state/app-state';
import type { AppStores } from './stores';

export interface TaggingHost {
  stores: AppStores;
  stateRef: RefObject<AppState>;
  viewRef: RefObject<TextViewHandle | null>;
  attempt: <T>(call: () => Promise<T>) => Promise<T | undefined>;
  toast: (message: string, kind?: 'error' | 'info') => void;
}

export function useTagging({ stores, stateRef, viewRef, attempt, toast }: TaggingHost) {
  const { annotations, selection } = stores;

  /**
   * Shows `view` for `id` (null: deleted) until `call` settles; takes main's answer when it
   * comes. Resolves that answer, or undefined when the call failed (the change is taken back).
   */
  const edit = useCallback(
    async <T extends AnnotationView | { id: string; docId: string; rev: number }>(
      id: string,
      view: AnnotationView | null,
      call: () => Promise<T>,
    ): Promise<T | undefined> => {
      const token = annotations.optimistic(id, view);
      const answer = await attempt(call);
      if (answer !== undefined) {
        annotations.apply('label' in answer ? { upsert: [answer], remove: [] } : { upsert: [], remove: [answer] });
      }
      annotations.settle(token);
      return answer;
    },
    [annotations, attempt],
  );

  const selected = useCallback((): AnnotationView | undefined => {
    const id = selection.get();
    return id === null ? undefined : annotations.get(id);
  }, [annotations, selection]);

  const applyLabel = useCallback(
    async (labelId: string) => {
      const { current, settings } = stateRef.current;
      if (!current) return;
      // Between a document's arrival and its first drawing the text on screen is the last one's.
      if (annotations.openDocId !== current.docId)
        return toast('The document is still opening; press the key again', 'info');
      const range = viewRef.current?.selection() ?? null;
      if (range === null) {
        const span = selected();
        if (!span) return toast('Select some text first, then press a label key', 'info');
        if (span.label === labelId) return;
        await edit(span.id, { ...span, label: labelId }, () => api().updateAnnotation(span.id, { label: labelId }));
        return;
      }
      const span = spanFromSelection(current.text, range.anchor, range.head, {
        toWords: settings?.extendToWords ?? true,
      });
      viewRef.current?.clearSelection();
      if (span === null) return toast('The selection holds only white space', 'info');
      const same = annotations.list().find((a) => a.start === span.start && a.end === span.end && a.label === labelId);
      if (same) return selection.set(same.id);
      const id = crypto.randomUUID();
      const now = new Date().toISOString();
      const shown: AnnotationView = {
        id,
        docId: current.docId,
        ...span,
        label: labelId,
        text: current.text.slice(span.start, span.end),
        annotator: stores.annotator.get(),
        createdAt: now,
        updatedAt: now,
        rev: 0,
      };
      selection.set(id);
      const added = await edit(id, shown, () =>
        api().addAnnotation({ id, docId: current.docId, ...span, label: labelId }),
      );
      if (added === undefined && selection.get() === id) selection.set(null);
    },
    [annotations, selection, stateRef, viewRef, selected, edit, toast, stores],
  );

  const deleteSelected = useCallback(async () => {
    const span = selected();
    if (!span) return;
    selection.set(null);
    await edit(span.id, null, () => api().deleteAnnotation(span.id));
  }, [selected, selection, edit]);

  const stepHistory = useCallback(
    async (direction: 'undo' | 'redo') => {
      const docId = stateRef.current.current?.docId;
      if (docId === undefined) return;
      const step = await attempt(() => api()[direction](docId));
      if (step === undefined) return;
      if (step === null) return toast(direction === 'undo' ? 'Nothing to undo' : 'Nothing to redo', 'info');
      annotations.apply(step);
      const touched = step.touchedIds[0];
      selection.set(touched ?? null);
      if (touched !== undefined) viewRef.current?.scrollToAnnotation(touched);
    },
    [annotations, selection, stateRef, viewRef, attempt, toast],
  );

  /** A click on the text: select the innermost highlight, or the next one stacked there. */
  const pick = useCallback(
    (ids: string[]) => {
      const current = selection.get();
      const at = current === null ? -1 : ids.indexOf(current);
      selection.set(ids.length === 0 ? null : (ids[(at + 1) % ids.length] ?? null));
    },
    [selection],
  );

  const selectFromList = useCallback(
    (id: string) => {
      selection.set(id);
      viewRef.current?.scrollToAnnotation(id);
    },
    [selection, viewRef],
  );

  /** Saves the attributes of one of your spans. */
  const saveAttributes = useCallback(
    async (id: string, attributes: Record<string, string>) => {
      const span = annotations.get(id);
      if (!span) return;
      await edit(id, { ...span, attributes }, () => api().updateAnnotation(id, { attributes }));
    },
    [annotations, edit],
  );

  /** Moves a span's edges, shown at once. */
  const moveSpan = useCallback(
    async (span: AnnotationView, next: { start: number; end: number }, changes: { start?: number; end?: number }) => {
      const text = stateRef.current.current?.text ?? '';
      const shown = { ...span, ...next, text: text.slice(next.start, next.end) };
      return edit(span.id, shown, () => api().updateAnnotation(span.id, changes));
    },
    [stateRef, edit],
  );

  return useMemo(
    () => ({
      applyLabel,
      deleteSelected,
      stepHistory,
      pick,
      selectFromList,
      saveAttributes,
      moveSpan,
      edit,
      selected,
      select: (id: string | null) => selection.set(id),
    }),
    [
      applyLabel,
      deleteSelected,
      stepHistory,
      pick,
      selectFromList,
      saveAttributes,
      moveSpan,
      edit,
      selected,
      selection,
    ],
  );
}
