/**
 * The app's session controller: loads the session and the corpus, opens documents (back at the
 * place the analyst left them), and follows main's events — each committed change arrives as a
 * delta for the annotation store and the document list. Tagging itself is useTagging's.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { DocStatus, Label, Settings } from '@api/contract';
import { api } from '../api';
import type { TextViewHandle } from '../features/viewer/TextView';
import { initialState, reducer, withSummaries, type AppState, type DialogName } from '../state/app-state';
import { createStores } from './stores';
import { useTagging } from './useTagging';
import { useToasts } from './useToasts';

export function useParley() {
  const [state, dispatch] = useReducer(reducer, initialState);
  const [stores] = useState(createStores);
  const stateRef = useRef<AppState>(state);
  // Actions read the latest state when they run, not the state of the render that made them.
  useLayoutEffect(() => {
    stateRef.current = state;
  });
  const viewRef = useRef<TextViewHandle>(null);
  const { toast, attempt, dismiss } = useToasts(stores.toasts);

  /** Remembers where the analyst is in the open document, to come back there. */
  const rememberPlace = useCallback(() => {
    const docId = stores.annotations.openDocId;
    if (docId === null) return;
    stores.places.set(docId, { place: viewRef.current?.place() ?? null, selectedId: stores.selection.get() });
  }, [stores]);

  /** The last document asked for: a slower reply for an earlier request is not shown over it. */
  const wanted = useRef(0);
  const openDocument = useCallback(
    async (docId: string) => {
      wanted.current += 1;
      const request = wanted.current;
      const view = await attempt(() => api().getDocument(docId));
      if (!view || request !== wanted.current) return;
      const isOtherDocument = stores.annotations.openDocId !== docId;
      if (isOtherDocument) rememberPlace();
      stores.annotations.open(view, stores.annotator.get());
      const kept = stores.places.get(docId)?.selectedId ?? null;
      stores.selection.set(kept !== null && stores.annotations.get(kept) ? kept : null);
      stores.documents.set(withSummaries(stores.documents.get(), [view.document]));
      dispatch({ type: 'document-opened', view });
      // The text takes the keyboard: arrows move a caret, Shift+arrows select. The same document
      // shown afresh keeps its focus and the words selected in it.
      if (isOtherDocument) requestAnimationFrame(() => viewRef.current?.focus());
    },
    [attempt, stores, rememberPlace],
  );

  const loadSession = useCallback(async () => {
    const session = await attempt(() => api().getSession());
    if (!session) return;
    const documents = session.storeProblem ? [] : ((await attempt(() => api().listDocuments())) ?? []);
    stores.save.set(session.save);
    stores.annotator.set(session.settings.annotator);
    stores.documents.set(documents);
    dispatch({ type: 'session-loaded', session });
    const first = documents.find((d) => d.error === undefined);
    if (first) await openDocument(first.id);
  }, [attempt, openDocument, stores]);

  /** After an import or a change too large for an event: the list and the open document again. */
  const refresh = useCallback(async () => {
    const documents = await attempt(() => api().listDocuments());
    if (documents) stores.documents.set(documents);
    const docId = stateRef.current.current?.docId;
    if (docId !== undefined) await openDocument(docId);
  }, [attempt, openDocument, stores]);

  useEffect(() => {
    void loadSession();
    const offSave = api().on('save-state', (save) => {
      stores.save.set(save);
      if (save.state === 'error' && save.message !== undefined) toast(save.message);
    });
    const offDocs = api().on('documents-changed', (documents) => stores.documents.set(documents));
    const offChanges = api().on('changes', (event) => {
      stores.annotations.apply(event.annotations);
      if (event.documents.length > 0) stores.documents.set(withSummaries(stores.documents.get(), event.documents));
      if (event.labels) dispatch({ type: 'labels-changed', labels: event.labels });
      if (event.settings) {
        stores.annotator.set(event.settings.annotator);
        dispatch({ type: 'settings-changed', settings: event.settings });
      }
      if (event.reload) void refresh();
    });
    return () => {
      offSave();
      offDocs();
      offChanges();
    };
  }, [loadSession, refresh, toast, stores]);

  const setStatus = useCallback(
    async (docId: string, status: DocStatus) => {
      const summary = await attempt(() => api().setStatus(docId, status));
      if (summary) stores.documents.set(withSummaries(stores.documents.get(), [summary]));
    },
    [attempt, stores],
  );

  const saveSettings = useCallback(
    async (changes: Partial<Settings>) => {
      const settings = await attempt(() => api().updateSettings(changes));
      if (!settings) return;
      stores.annotator.set(settings.annotator);
      dispatch({ type: 'settings-saved', settings });
      // A new name or word rule changes what is yours and how selections are cut: show it afresh.
      await refresh();
    },
    [attempt, refresh, stores],
  );

  const openFolder = useCallback(async () => {
    const added = await attempt(() => api().openFolder());
    if (!added) return;
    const documents = await attempt(() => api().listDocuments());
    if (documents) stores.documents.set(documents);
    toast(added.length === 0 ? 'No new .txt or .md files in that folder' : `Added ${added.length} document(s)`, 'info');
  }, [attempt, toast, stores]);

  const tagging = useTagging({ stores, stateRef, viewRef, attempt, toast });
  const openDialog = useCallback((dialog: DialogName) => dispatch({ type: 'dialog', dialog }), []);
  const closeDialog = useCallback(() => dispatch({ type: 'dialog', dialog: null }), []);

  return useMemo(
    () => ({
      state,
      stores,
      stateRef,
      viewRef,
      ...tagging,
      openDocument,
      setStatus,
      saveSettings,
      openFolder,
      attempt,
      toast,
      dismissToast: dismiss,
      openDialog,
      closeDialog,
      reload: loadSession,
      refresh,
      /** Where the analyst left a document, for the text view to scroll back to. */
      placeOf: (docId: string) => stores.places.get(docId)?.place ?? undefined,
      /** Sets or clears a document's publication date (its suggestions follow). */
      setPublishedAt: async (docId: string, date: string | null) => {
        const summary = await attempt(() => api().setPublishedAt(docId, date));
        if (summary) stores.documents.set(withSummaries(stores.documents.get(), [summary]));
      },
      /** After the label set changed in main (Settings › Labels). */
      setLabels: (labels: Label[]) => dispatch({ type: 'labels-changed', labels }),
      /** Settings saved from inside the Settings dialog (Labels › Suggest): the dialog stays open. */
      settingsChanged: (settings: Settings) => dispatch({ type: 'settings-changed', settings }),
      openAnchorReview: () => dispatch({ type: 'dialog', dialog: 'anchors' }),
    }),
    [
      state,
      stores,
      tagging,
      openDocument,
      setStatus,
      saveSettings,
      openFolder,
      attempt,
      toast,
      dismiss,
      openDialog,
      closeDialog,
      loadSession,
      refresh,
    ],
  );
}

export type Parley = ReturnType<typeof useParley>;
