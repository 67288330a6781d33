import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '@api/contract';
import { initialState, reducer, withSummaries, type AppState } from '../../../renderer/state/app-state';
import { annotationOf, summaryOf } from './fixtures';

const session: SessionInfo = {
  storePath: '/data/parley-store.json',
  settings: { annotator: 'ada', extendToWords: true },
  labels: [{ id: 'quote', name: 'quote', color: '#2f7ed8', hotkey: '1' }],
  save: { state: 'saved' },
};

/** A state with the session loaded and `speech` open. */
function withOpenDocument(status: 'todo' | 'in-progress' | 'done' = 'todo'): AppState {
  const loaded = reducer(initialState, { type: 'session-loaded', session });
  return reducer(loaded, {
    type: 'document-opened',
    view: { document: summaryOf('speech', { status }), text: 'x'.repeat(100), annotations: [], seq: 0 },
  });
}

describe('app-state', () => {
  it('takes settings and labels from the loaded session', () => {
    const state = reducer(initialState, { type: 'session-loaded', session });
    expect(state).toMatchObject({ isLoading: false, settings: session.settings, labels: session.labels });
  });

  describe('document-opened', () => {
    it('opens the document with its text', () => {
      const reopened = reducer(withOpenDocument(), {
        type: 'document-opened',
        view: {
          document: summaryOf('report', { spanCount: 2 }),
          text: 'report text',
          annotations: [annotationOf('late', 5, 6, { docId: 'report' })],
          seq: 4,
        },
      });
      expect(reopened.current).toEqual({ docId: 'report', text: 'report text' });
    });

    it('keeps the same open document object when the same text is opened again', () => {
      const open = withOpenDocument();
      const again = reducer(open, {
        type: 'document-opened',
        view: { document: summaryOf('speech'), text: 'x'.repeat(100), annotations: [], seq: 9 },
      });
      expect(again.current).toBe(open.current);
    });
  });

  describe('withSummaries', () => {
    const list = [summaryOf('speech'), summaryOf('report')];

    it('replaces only the summaries it carries, leaving the other entries the same objects', () => {
      const next = withSummaries(list, [summaryOf('speech', { spanCount: 3, status: 'in-progress' })]);
      expect(next[0]).toMatchObject({ spanCount: 3, status: 'in-progress' });
      expect(next[1]).toBe(list[1]);
    });

    it('ignores a summary of a document that is not listed, and gives back the list when there is none', () => {
      expect(withSummaries(list, [summaryOf('ghost')]).map((d) => d.id)).toEqual(['speech', 'report']);
      expect(withSummaries(list, [])).toBe(list);
    });
  });

  it('closes the settings dialog when settings are saved, and keeps it open when they change inside it', () => {
    const open = reducer(initialState, { type: 'dialog', dialog: 'settings' });
    expect(open.dialog).toBe('settings');
    const changed = reducer(open, { type: 'settings-changed', settings: { annotator: 'ada', extendToWords: false } });
    expect(changed.dialog).toBe('settings');
    const saved = reducer(open, { type: 'settings-saved', settings: { annotator: 'bob', extendToWords: false } });
    expect(saved).toMatchObject({ dialog: null, settings: { annotator: 'bob', extendToWords: false } });
  });

  it('never changes the state it is given', () => {
    const open = withOpenDocument();
    const snapshot = structuredClone(open);
    reducer(open, {
      type: 'document-opened',
      view: { document: summaryOf('report'), text: 'r', annotations: [], seq: 1 },
    });
    reducer(open, { type: 'labels-changed', labels: [] });
    expect(open).toEqual(snapshot);
  });
});
