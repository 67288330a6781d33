/**
 * The renderer's UI state that changes rarely — the session, labels, settings, the open
 * document, the dialog — and the reducer that changes it. Pure: tested without a DOM. What
 * changes with every keystroke lives in external stores (annotation-store.ts for the open
 * document's annotations, value-store.ts for the document list, the selection, the save state
 * and toasts).
 */
import type { DocumentSummary, DocumentView, Label, SessionInfo, Settings } from '@api/contract';

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  message: string;
}

/** The open document: its text (its annotations are in the annotation store). */
export interface OpenDocument {
  docId: string;
  text: string;
}

/** The dialog over the app, if any. */
export type DialogName = 'settings' | 'export' | 'import' | 'shortcuts' | 'backups' | 'anchors';

export interface AppState {
  isLoading: boolean;
  session: SessionInfo | null;
  labels: Label[];
  settings: Settings | null;
  current: OpenDocument | null;
  dialog: DialogName | null;
}

export const initialState: AppState = {
  isLoading: true,
  session: null,
  labels: [],
  settings: null,
  current: null,
  dialog: null,
};

export type Action =
  | { type: 'session-loaded'; session: SessionInfo }
  | { type: 'document-opened'; view: DocumentView }
  | { type: 'dialog'; dialog: DialogName | null }
  | { type: 'settings-saved'; settings: Settings }
  | { type: 'settings-changed'; settings: Settings }
  | { type: 'labels-changed'; labels: Label[] };

/** The list with these summaries in place of their documents' (the rest stay the same objects). */
export function withSummaries(
  documents: readonly DocumentSummary[],
  summaries: readonly DocumentSummary[],
): readonly DocumentSummary[] {
  if (summaries.length === 0) return documents;
  const byId = new Map(summaries.map((s) => [s.id, s]));
  return documents.map((d) => byId.get(d.id) ?? d);
}

export function reducer(state: AppState, action: Action): AppState {
  switch (action.type) {
    case 'session-loaded':
      return {
        ...state,
        isLoading: false,
        session: action.session,
        labels: action.session.labels,
        settings: action.session.settings,
      };
    case 'document-opened': {
      const { document, text } = action.view;
      const current = state.current?.docId === document.id && state.current.text === text ? state.current : null;
      return { ...state, current: current ?? { docId: document.id, text } };
    }
    case 'dialog':
      return { ...state, dialog: action.dialog };
    case 'settings-saved':
      return { ...state, settings: action.settings, dialog: null };
    case 'settings-changed':
      return { ...state, settings: action.settings };
    case 'labels-changed':
      return { ...state, labels: action.labels };
  }
}
