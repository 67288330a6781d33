/**
 * The app's controller: loads the session, listens to main's events, and turns the analyst's
 * actions into API calls and state changes. Failed calls leave the state as it was and show why.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef } from 'react';
import type { AnnotationView, DocStatus, Label, Settings } from '@api/contract';
import { spanFromSelection } from '@core/selection';
import { api, messageOf } from '../api';
import type { TextViewHandle } from '../features/viewer/TextView';
import { initialState, reducer, selectedAnnotation, type AppState, type DialogName } from '../state/app-state';
import type { CommandActions } from './commands';

let nextToastId = 1;

export function useParley() {
  const [state, dispatch] = useReducer(reducer, initialState);
  const stateRef = useRef<AppState>(state);
  // Actions read the latest state when they run, not the state of the render that made them.
  useLayoutEffect(() => {
    stateRef.current = state;
  });
  const viewRef = useRef<TextViewHandle>(null);
  /** Set by the app: what a mode command does (the review controller owns the mode). */
  const modeListener = useRef<(mode: 'tag' | 'review' | 'agreement') => void>(() => undefined);

  const toast = useCallback((message: string, kind: 'error' | 'info' = 'error') => {
    const id = nextToastId++;
    dispatch({ type: 'toast', toast: { id, kind, message } });
    setTimeout(() => dispatch({ type: 'toast-dismissed', id }), kind === 'error' ? 8000 : 4000);
  }, []);

  /** Runs an API call; on failure shows its message and resolves undefined. */
  const attempt = useCallback(
    async <T>(call: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await call();
      } catch (error) {
        toast(messageOf(error));
        return undefined;
      }
    },
    [toast],
  );

  const openDocument = useCallback(
    async (docId: string) => {
      const view = await attempt(() => api().getDocument(docId));
      if (!view) return;
      dispatch({ type: 'document-opened', view });
      // The text takes the keyboard: arrows move a caret, Shift+arrows select.
      requestAnimationFrame(() => viewRef.current?.focus());
    },
    [attempt],
  );

  const loadSession = useCallback(async () => {
    const session = await attempt(() => api().getSession());
    if (!session) return;
    const documents = session.storeProblem ? [] : ((await attempt(() => api().listDocuments())) ?? []);
    dispatch({ type: 'session-loaded', session, documents });
    const first = documents.find((d) => d.error === undefined);
    if (first) await openDocument(first.id);
  }, [attempt, openDocument]);

  useEffect(() => {
    void loadSession();
    const offSave = api().on('save-state', (save) => {
      dispatch({ type: 'save-state', save });
      if (save.state === 'error' && save.message !== undefined) toast(save.message);
    });
    const offDocs = api().on('documents-changed', (documents) => dispatch({ type: 'documents-loaded', documents }));
    return () => {
      offSave();
      offDocs();
    };
  }, [loadSession, toast]);

  const applyLabel = useCallback(
    async (labelId: string) => {
      const { current, settings } = stateRef.current;
      if (!current) return;
      const range = viewRef.current?.selection() ?? null;
      const selected = selectedAnnotation(stateRef.current);
      if (range === null) {
        if (!selected) return toast('Select some text first, then press a label key', 'info');
        if (selected.label === labelId) return;
        const updated = await attempt(() => api().updateAnnotation(selected.id, { label: labelId }));
        const latest = stateRef.current.current;
        if (!updated || latest?.docId !== updated.docId) return;
        // Same span, new label: an anchoring problem stays as it was.
        const view = { ...updated, ...(selected.problem && { problem: selected.problem }) };
        const annotations = latest.annotations.map((a) => (a.id === view.id ? view : a));
        dispatch({ type: 'annotations-changed', docId: latest.docId, annotations, selectedId: view.id });
        return;
      }
      const span = spanFromSelection(current.text, range.anchor, range.head, {
        toWords: settings?.extendToWords ?? true,
      });
      if (span === null) return toast('The selection holds only white space', 'info');
      const same = current.annotations.find((a) => a.start === span.start && a.end === span.end && a.label === labelId);
      viewRef.current?.clearSelection();
      if (same) return dispatch({ type: 'selected', id: same.id });
      const added = await attempt(() => api().addAnnotation({ docId: current.docId, ...span, label: labelId }));
      if (!added) return;
      const latest = stateRef.current.current;
      if (latest?.docId !== added.docId) return;
      dispatch({
        type: 'annotations-changed',
        docId: added.docId,
        annotations: [...latest.annotations, added],
        selectedId: added.id,
      });
    },
    [attempt, toast],
  );

  const deleteSelected = useCallback(async () => {
    const { current } = stateRef.current;
    const selected = selectedAnnotation(stateRef.current);
    if (!current || !selected) return;
    const ok = await attempt(async () => {
      await api().deleteAnnotation(selected.id);
      return true;
    });
    if (ok) {
      const annotations = (stateRef.current.current?.annotations ?? []).filter((a) => a.id !== selected.id);
      dispatch({ type: 'annotations-changed', docId: current.docId, annotations, selectedId: null });
    }
  }, [attempt]);

  const stepHistory = useCallback(
    async (direction: 'undo' | 'redo') => {
      const docId = stateRef.current.current?.docId;
      if (docId === undefined) return;
      const step = await attempt(() => api()[direction](docId));
      if (step === undefined) return;
      if (step === null) return toast(direction === 'undo' ? 'Nothing to undo' : 'Nothing to redo', 'info');
      dispatch({
        type: 'annotations-changed',
        docId,
        annotations: step.annotations,
        selectedId: step.touchedIds[0] ?? null,
      });
      const touched = step.touchedIds[0];
      // The restored highlight exists only after React has drawn the new list.
      if (touched !== undefined) requestAnimationFrame(() => viewRef.current?.scrollToAnnotation(touched));
    },
    [attempt, toast],
  );

  const setStatus = useCallback(
    async (docId: string, status: DocStatus) => {
      const summary = await attempt(() => api().setStatus(docId, status));
      if (summary) dispatch({ type: 'summary-updated', summary });
    },
    [attempt],
  );

  const saveSettings = useCallback(
    async (changes: Partial<Settings>) => {
      const settings = await attempt(() => api().updateSettings(changes));
      if (!settings) return;
      dispatch({ type: 'settings-saved', settings });
      const documents = await attempt(() => api().listDocuments());
      if (documents) dispatch({ type: 'documents-loaded', documents });
      const docId = stateRef.current.current?.docId;
      if (docId !== undefined) await openDocument(docId);
    },
    [attempt, openDocument],
  );

  const openFolder = useCallback(async () => {
    const added = await attempt(() => api().openFolder());
    if (!added) return;
    const documents = await attempt(() => api().listDocuments());
    if (documents) dispatch({ type: 'documents-loaded', documents });
    toast(added.length === 0 ? 'No new .txt or .md files in that folder' : `Added ${added.length} document(s)`, 'info');
  }, [attempt, toast]);

  /** A click on the text: select the innermost highlight, or the next one stacked there. */
  const pick = useCallback((ids: string[]) => {
    const { selectedId } = stateRef.current;
    const at = selectedId === null ? -1 : ids.indexOf(selectedId);
    dispatch({ type: 'selected', id: ids.length === 0 ? null : (ids[(at + 1) % ids.length] ?? null) });
  }, []);

  const selectFromList = useCallback((id: string) => {
    dispatch({ type: 'selected', id });
    viewRef.current?.scrollToAnnotation(id);
  }, []);

  const commandActions = useMemo<CommandActions>(
    () => ({
      applyLabel: (id) => void applyLabel(id),
      deleteSelected: () => void deleteSelected(),
      undo: () => void stepHistory('undo'),
      redo: () => void stepHistory('redo'),
      clearSelection: () => dispatch({ type: 'selected', id: null }),
      openSettings: () => dispatch({ type: 'dialog', dialog: 'settings' }),
      openExport: () => dispatch({ type: 'dialog', dialog: 'export' }),
      openImport: () => dispatch({ type: 'dialog', dialog: 'import' }),
      openBackups: () => dispatch({ type: 'dialog', dialog: 'backups' }),
      openFolder: () => void openFolder(),
      hasSelectedAnnotation: () => selectedAnnotation(stateRef.current) !== undefined,
      setMode: (mode) => modeListener.current(mode),
    }),
    [applyLabel, deleteSelected, stepHistory, openFolder],
  );

  return {
    state,
    viewRef,
    commandActions,
    openDocument,
    setStatus,
    saveSettings,
    pick,
    selectFromList,
    /** Tells the mode commands what to call (the review controller owns the mode). */
    setModeListener: (listener: (mode: 'tag' | 'review' | 'agreement') => void) => {
      modeListener.current = listener;
    },
    attempt,
    toast,
    select: (id: string | null) => dispatch({ type: 'selected', id }),
    /** The open document's annotations changed (a suggestion was accepted, a span nudged). */
    setAnnotations: (docId: string, annotations: AnnotationView[], selectedId?: string | null) =>
      dispatch({ type: 'annotations-changed', docId, annotations, ...(selectedId !== undefined && { selectedId }) }),
    stateRef,
    openDialog: (dialog: DialogName) => dispatch({ type: 'dialog', dialog }),
    /** Sets or clears a document's publication date (its suggestions follow). */
    setPublishedAt: async (docId: string, date: string | null) => {
      const summary = await attempt(() => api().setPublishedAt(docId, date));
      if (summary) dispatch({ type: 'summary-updated', summary });
    },
    /** Saves the attributes of one of your spans. */
    saveAttributes: async (id: string, attributes: Record<string, string>) => {
      const updated = await attempt(() => api().updateAnnotation(id, { attributes }));
      const latest = stateRef.current.current;
      if (!updated || latest?.docId !== updated.docId) return;
      const annotations = latest.annotations.map((a) => (a.id === updated.id ? { ...a, ...updated } : a));
      dispatch({ type: 'annotations-changed', docId: updated.docId, annotations });
    },
    /** After the label set changed in main (Settings › Labels). */
    setLabels: (labels: Label[]) => dispatch({ type: 'labels-changed', labels }),
    /** Settings saved from inside the Settings dialog (Labels › Suggest): the dialog stays open. */
    settingsChanged: (settings: Settings) => {
      // 'settings-saved' closes the dialog; both dispatches render once, so it never unmounts.
      dispatch({ type: 'settings-saved', settings });
      dispatch({ type: 'dialog', dialog: 'settings' });
    },
    closeDialog: () => dispatch({ type: 'dialog', dialog: null }),
    openAnchorReview: () => dispatch({ type: 'dialog', dialog: 'anchors' }),
    dismissToast: (id: number) => dispatch({ type: 'toast-dismissed', id }),
    reload: loadSession,
    /** After an import: the list and the open document again. */
    refresh: async () => {
      const documents = await attempt(() => api().listDocuments());
      if (documents) dispatch({ type: 'documents-loaded', documents });
      const docId = stateRef.current.current?.docId;
      if (docId !== undefined) await openDocument(docId);
    },
  };
}
