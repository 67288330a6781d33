/** The layout shell: top bar, documents, text and annotations, and the dialogs over them. */
import { useLayoutEffect, useMemo } from 'react';
import { api } from '../api';
import { Toasts } from '../components/Toasts';
import { AgreementView } from '../features/agreement/AgreementView';
import { AnnotationList } from '../features/annotations/AnnotationList';
import { ExportDialog } from '../features/datasets/ExportDialog';
import { ImportDialog } from '../features/datasets/ImportDialog';
import { DocumentList } from '../features/documents/DocumentList';
import { AnnotatorsPanel } from '../features/review/AnnotatorsPanel';
import { ReviewPanel } from '../features/review/ReviewPanel';
import { useReview } from '../features/review/useReview';
import { SettingsDialog } from '../features/settings/SettingsDialog';
import { StoreProblemDialog } from '../features/store/StoreProblemDialog';
import { DocumentPane } from '../features/viewer/DocumentPane';
import { currentSummary } from '../state/app-state';
import { buildCommands, buildReviewCommands } from './commands';
import { TopBar } from './TopBar';
import { useCommandKeys } from './useCommandKeys';
import { useParley } from './useParley';

export function App() {
  const parley = useParley();
  const { state, commandActions } = parley;
  const review = useReview({
    currentDocId: state.current?.docId,
    text: state.current?.text,
    selectedId: state.selectedId,
    extendToWords: state.settings?.extendToWords ?? true,
    documentOrder: state.documents.filter((d) => d.error === undefined).map((d) => d.id),
    select: parley.select,
    openDocument: parley.openDocument,
    attempt: parley.attempt,
    toast: parley.toast,
    viewRef: parley.viewRef,
  });
  const { mode } = review;
  const { setModeListener } = parley;
  useLayoutEffect(() => setModeListener(review.setMode), [setModeListener, review.setMode]);
  const commands = useMemo(() => {
    const base = buildCommands(state.labels, commandActions);
    if (mode !== 'review') return base;
    const reviewCommands = buildReviewCommands(state.labels, {
      applyLabel: (id) => void review.applyLabel(id),
      accept: () => void review.accept(),
      reject: () => void review.reject(),
      next: () => void review.step(1),
      previous: () => void review.step(-1),
      setBoundaries: () => void review.setBoundaries(),
      undo: () => void review.history('undo'),
      redo: () => void review.history('redo'),
    });
    return [...reviewCommands, ...base];
  }, [state.labels, commandActions, mode, review]);
  const problem = state.session?.storeProblem;
  useCommandKeys(commands, state.dialog !== null || problem !== undefined);

  if (state.isLoading) return <div className="loading">Opening the store…</div>;
  if (problem) {
    return (
      <StoreProblemDialog
        problem={problem}
        onQuit={() => void api().quit()}
        onStartFresh={() => void api().startFreshStore().then(parley.reload)}
      />
    );
  }
  const reviewView = mode === 'review' && review.view?.docId === state.current?.docId ? review.view : null;
  return (
    <div className={`app mode-${mode}`}>
      <TopBar
        labels={state.labels}
        annotator={state.settings?.annotator ?? ''}
        save={state.save}
        onApplyLabel={mode === 'review' ? (id) => void review.applyLabel(id) : commandActions.applyLabel}
        onOpenSettings={commandActions.openSettings}
        mode={mode}
        onMode={review.setMode}
      />
      <div className="side-column">
        <DocumentList
          documents={state.documents}
          currentId={state.current?.docId}
          onOpen={(id) => void parley.openDocument(id)}
          onOpenFolder={commandActions.openFolder}
          {...(mode === 'review' && { reviewSummaries: review.summaries })}
        />
        <AnnotatorsPanel
          stats={review.stats}
          labels={state.labels}
          currentDocId={state.current?.docId}
          chosen={mode === 'review' ? review.chosen : null}
          lanes={review.lanes}
          onToggle={review.toggleReviewer}
        />
      </div>
      {mode === 'agreement' ? (
        <div className="agreement-pane">
          <AgreementView
            annotators={review.stats.filter((s) => s.total > 0 || s.documents > 0).map((s) => s.name)}
            labels={state.labels}
            documents={state.documents.filter((d) => d.error === undefined).map((d) => ({ id: d.id, title: d.title }))}
            onOpenSpan={(docId, id) => {
              review.setMode('review');
              review.setFilter('all');
              void parley.openDocument(docId).then(() => {
                parley.select(id);
                requestAnimationFrame(() => parley.viewRef.current?.scrollToAnnotation(id));
              });
            }}
            onClose={() => review.setMode('tag')}
          />
        </div>
      ) : (
        <>
          {state.current ? (
            <DocumentPane
              doc={state.current}
              summary={currentSummary(state)}
              labels={state.labels}
              selectedId={state.selectedId}
              onPick={parley.pick}
              onStatus={(status) => state.current && void parley.setStatus(state.current.docId, status)}
              viewRef={parley.viewRef}
              {...(reviewView && {
                review: {
                  annotations: review.drawn,
                  lanes: review.lanes,
                  state: reviewView.state,
                  onState: (next) => void review.setReviewState(next),
                },
              })}
            />
          ) : (
            <main className="document-pane empty">No document is open.</main>
          )}
          {mode === 'review' ? (
            <ReviewPanel
              review={review}
              labels={state.labels}
              selectedId={state.selectedId}
              onSelect={parley.selectFromList}
            />
          ) : (
            <AnnotationList
              annotations={state.current?.annotations ?? []}
              labels={state.labels}
              selectedId={state.selectedId}
              onSelect={parley.selectFromList}
            />
          )}
        </>
      )}
      {state.dialog === 'settings' && state.settings && (
        <SettingsDialog
          settings={state.settings}
          storePath={state.session?.storePath ?? ''}
          onSave={(changes) => void parley.saveSettings(changes)}
          onClose={parley.closeDialog}
        />
      )}
      {state.dialog === 'export' && (
        <ExportDialog
          labels={state.labels}
          currentAnnotator={state.settings?.annotator ?? ''}
          onClose={parley.closeDialog}
        />
      )}
      {state.dialog === 'import' && (
        <ImportDialog
          currentAnnotator={state.settings?.annotator ?? ''}
          onImported={() => {
            void parley.refresh();
            void review.refreshStats();
            if (mode === 'review') void review.reload();
          }}
          onClose={parley.closeDialog}
        />
      )}
      <Toasts toasts={state.toasts} onDismiss={parley.dismissToast} />
    </div>
  );
}
