import { describe, expect, it } from 'vitest';
import type { AnnotationView, SessionInfo } from '@api/contract';
import {
  currentSummary,
  initialState,
  reducer,
  selectedAnnotation,
  type Action,
  type AppState,
} from '../../../renderer/state/app-state';
import { annotationOf, summaryOf } from './fixtures';

const session: SessionInfo = {
  storePath: '/data/parley-store.json',
  settings: { annotator: 'ada', extendToWords: true },
  labels: [{ id: 'quote', name: 'quote', color: '#2f7ed8', hotkey: '1' }],
  save: { state: 'saved' },
};

/** A state with the session loaded and `speech` open holding `annotations`. */
function withOpenDocument(annotations: AnnotationView[], status: 'todo' | 'in-progress' | 'done' = 'todo'): AppState {
  const loaded = reducer(initialState, {
    type: 'session-loaded',
    session,
    documents: [summaryOf('speech', { status, spanCount: annotations.length }), summaryOf('report')],
  });
  return reducer(loaded, {
    type: 'document-opened',
    view: {
      document: summaryOf('speech', { status, spanCount: annotations.length }),
      text: 'x'.repeat(100),
      annotations,
    },
  });
}

type AnnotationsChanged = Extract<Action, { type: 'annotations-changed' }>;
const changed = (annotations: AnnotationView[], extra: Partial<AnnotationsChanged> = {}): AnnotationsChanged => ({
  type: 'annotations-changed',
  docId: 'speech',
  annotations,
  ...extra,
});

describe('app-state', () => {
  it('takes settings, labels, save state and documents from the loaded session', () => {
    const state = reducer(initialState, { type: 'session-loaded', session, documents: [summaryOf('speech')] });
    expect(state).toMatchObject({
      isLoading: false,
      settings: session.settings,
      labels: session.labels,
      save: { state: 'saved' },
      documents: [summaryOf('speech')],
    });
  });

  describe('document-opened', () => {
    it('opens the document with its annotations sorted and nothing selected', () => {
      const open = withOpenDocument([annotationOf('b', 10, 12)]);
      const selected = reducer(open, { type: 'selected', id: 'b' });
      const reopened = reducer(selected, {
        type: 'document-opened',
        view: {
          document: summaryOf('report', { spanCount: 2 }),
          text: 'report text',
          annotations: [annotationOf('late', 5, 6), annotationOf('early', 0, 3)],
        },
      });
      expect(reopened.selectedId).toBeNull();
      expect(reopened.current).toEqual({
        docId: 'report',
        text: 'report text',
        annotations: [annotationOf('early', 0, 3), annotationOf('late', 5, 6)],
      });
      expect(currentSummary(reopened)).toEqual(summaryOf('report', { spanCount: 2 }));
    });
  });

  describe('annotations-changed', () => {
    it('sorts by start, then the longer span first', () => {
      const state = reducer(
        withOpenDocument([]),
        changed([
          annotationOf('inner', 5, 8),
          annotationOf('later', 9, 10),
          annotationOf('outer', 5, 20),
          annotationOf('first', 0, 2),
        ]),
      );
      expect(state.current?.annotations.map((a) => a.id)).toEqual(['first', 'outer', 'inner', 'later']);
    });

    it("updates the document's counts and moves it from todo to in-progress", () => {
      const state = reducer(
        withOpenDocument([]),
        changed([annotationOf('a', 0, 2), annotationOf('b', 3, 4, { problem: 'text-mismatch' })]),
      );
      expect(currentSummary(state)).toMatchObject({ spanCount: 2, flaggedCount: 1, status: 'in-progress' });
      expect(state.documents.find((d) => d.id === 'report')).toEqual(summaryOf('report'));
    });

    it.each([
      { status: 'done' as const, annotations: [annotationOf('a', 0, 2)], expected: 'done' },
      { status: 'in-progress' as const, annotations: [], expected: 'in-progress' },
      { status: 'todo' as const, annotations: [], expected: 'todo' },
    ])(
      'leaves status $status as $expected with $annotations.length annotations',
      ({ status, annotations, expected }) => {
        const state = reducer(withOpenDocument([annotationOf('old', 0, 1)], status), changed(annotations));
        expect(currentSummary(state)?.status).toBe(expected);
      },
    );

    it('deselects an annotation that no longer exists', () => {
      const open = reducer(withOpenDocument([annotationOf('a', 0, 2), annotationOf('b', 3, 4)]), {
        type: 'selected',
        id: 'b',
      });
      expect(reducer(open, changed([annotationOf('a', 0, 2)])).selectedId).toBeNull();
      expect(reducer(open, changed([annotationOf('a', 0, 2), annotationOf('b', 3, 5)])).selectedId).toBe('b');
    });

    it('selects the annotation the change names, if it exists', () => {
      const open = withOpenDocument([]);
      expect(reducer(open, changed([annotationOf('new', 0, 2)], { selectedId: 'new' })).selectedId).toBe('new');
      expect(reducer(open, changed([annotationOf('new', 0, 2)], { selectedId: 'ghost' })).selectedId).toBeNull();
    });

    it('ignores changes to a document that is not open', () => {
      const open = withOpenDocument([annotationOf('a', 0, 2)]);
      expect(reducer(open, { ...changed([]), docId: 'report' })).toBe(open);
    });
  });

  it('finds the selected annotation of the current document', () => {
    const open = withOpenDocument([annotationOf('a', 0, 2), annotationOf('b', 3, 4)]);
    expect(selectedAnnotation(open)).toBeUndefined();
    expect(selectedAnnotation(reducer(open, { type: 'selected', id: 'b' }))?.id).toBe('b');
  });

  it('keeps the four newest toasts and removes a dismissed one', () => {
    let state = initialState;
    for (let id = 1; id <= 6; id += 1)
      state = reducer(state, { type: 'toast', toast: { id, kind: 'info', message: `m${id}` } });
    expect(state.toasts.map((t) => t.id)).toEqual([3, 4, 5, 6]);
    expect(reducer(state, { type: 'toast-dismissed', id: 4 }).toasts.map((t) => t.id)).toEqual([3, 5, 6]);
  });

  it('closes the settings dialog when settings are saved', () => {
    const open = reducer(initialState, { type: 'dialog', dialog: 'settings' });
    expect(open.dialog).toBe('settings');
    const saved = reducer(open, { type: 'settings-saved', settings: { annotator: 'bob', extendToWords: false } });
    expect(saved).toMatchObject({ dialog: null, settings: { annotator: 'bob', extendToWords: false } });
  });

  it('never changes the state it is given', () => {
    const open = withOpenDocument([annotationOf('b', 3, 4), annotationOf('a', 0, 2)]);
    const snapshot = structuredClone(open);
    reducer(open, changed([annotationOf('c', 1, 2)], { selectedId: 'c' }));
    reducer(open, { type: 'summary-updated', summary: summaryOf('speech', { status: 'done' }) });
    expect(open).toEqual(snapshot);
  });
});
