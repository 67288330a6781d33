/**
 * The renderer's UI state and the reducer that changes it. Pure: tested without a DOM.
 */
import type {
  AnnotationView,
  DocumentSummary,
  DocumentView,
  Label,
  SaveState,
  SessionInfo,
  Settings,
} from '@api/contract';
import { compareSpans } from '@core/span';

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  message: string;
}

export interface OpenDocument {
  docId: string;
  text: string;
  annotations: AnnotationView[];
}

/** The dialog over the app, if any. */
export type DialogName = 'settings' | 'export' | 'import' | 'shortcuts' | 'backups' | 'anchors';

export interface AppState {
  isLoading: boolean;
  session: SessionInfo | null;
  labels: Label[];
  settings: Settings | null;
  documents: DocumentSummary[];
  current: OpenDocument | null;
  /** The selected annotation of the current document. */
  selectedId: string | null;
  save: SaveState;
  toasts: Toast[];
  dialog: DialogName | null;
}

export const initialState: AppState = {
  isLoading: true,
  session: null,
  labels: [],
  settings: null,
  documents: [],
  current: null,
  selectedId: null,
  save: { state: 'saved' },
  toasts: [],
  dialog: null,
};

export type Action =
  | { type: 'session-loaded'; session: SessionInfo; documents: DocumentSummary[] }
  | { type: 'documents-loaded'; documents: DocumentSummary[] }
  | { type: 'document-opened'; view: DocumentView }
  | { type: 'annotations-changed'; docId: string; annotations: AnnotationView[]; selectedId?: string | null }
  | { type: 'summary-updated'; summary: DocumentSummary }
  | { type: 'selected'; id: string | null }
  | { type: 'save-state'; save: SaveState }
  | { type: 'toast'; toast: Toast }
  | { type: 'toast-dismissed'; id: number }
  | { type: 'dialog'; dialog: DialogName | null }
  | { type: 'settings-saved'; settings: Settings }
  | { type: 'labels-changed'; labels: Label[] };

const sortAnnotations = (list: AnnotationView[]): AnnotationView[] => [...list].sort(compareSpans);

/** The document list with the current document's count and status brought up to date. */
function withCounts(documents: DocumentSummary[], docId: string, annotations: AnnotationView[]): DocumentSummary[] {
  return documents.map((d) =>
    d.id !== docId
      ? d
      : {
          ...d,
          spanCount: annotations.length,
          flaggedCount: annotations.filter((a) => a.problem !== undefined).length,
          status: d.status === 'todo' && annotations.length > 0 ? 'in-progress' : d.status,
        },
  );
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
        save: action.session.save,
        documents: action.documents,
      };
    case 'documents-loaded':
      return { ...state, documents: action.documents };
    case 'document-opened': {
      const { document, text, annotations } = action.view;
      return {
        ...state,
        current: { docId: document.id, text, annotations: sortAnnotations(annotations) },
        selectedId: null,
        documents: state.documents.map((d) => (d.id === document.id ? document : d)),
      };
    }
    case 'annotations-changed': {
      if (state.current?.docId !== action.docId) return state;
      const annotations = sortAnnotations(action.annotations);
      const selectedId = action.selectedId !== undefined ? action.selectedId : state.selectedId;
      const stillThere = annotations.some((a) => a.id === selectedId);
      return {
        ...state,
        current: { ...state.current, annotations },
        selectedId: stillThere ? selectedId : null,
        documents: withCounts(state.documents, action.docId, annotations),
      };
    }
    case 'summary-updated':
      return { ...state, documents: state.documents.map((d) => (d.id === action.summary.id ? action.summary : d)) };
    case 'selected':
      return { ...state, selectedId: action.id };
    case 'save-state':
      return { ...state, save: action.save };
    case 'toast':
      return { ...state, toasts: [...state.toasts.slice(-3), action.toast] };
    case 'toast-dismissed':
      return { ...state, toasts: state.toasts.filter((t) => t.id !== action.id) };
    case 'dialog':
      return { ...state, dialog: action.dialog };
    case 'settings-saved':
      return { ...state, settings: action.settings, dialog: null };
    case 'labels-changed':
      return { ...state, labels: action.labels };
  }
}

/** The selected annotation of the current document, if any. */
export const selectedAnnotation = (state: AppState): AnnotationView | undefined =>
  state.current?.annotations.find((a) => a.id === state.selectedId);

/** The current document's summary, if a document is open. */
export const currentSummary = (state: AppState): DocumentSummary | undefined =>
  state.documents.find((d) => d.id === state.current?.docId);
