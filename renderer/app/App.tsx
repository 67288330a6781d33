/** The layout shell: top bar, documents, text and annotations, and the dialogs over them. */
import { useCallback, useEffect, useMemo } from 'react';
import { api } from '../api';
import { Toasts } from '../components/Toasts';
import { AgreementView } from '../features/agreement/AgreementView';
import { AnnotationList } from '../features/annotations/AnnotationList';
import { SelectedAttributes } from '../features/annotations/SelectedAttributes';
import { useSuggestions } from '../features/suggestions/useSuggestions';
import { DocumentList } from '../features/documents/DocumentList';
import { AnnotatorsPanel } from '../features/review/AnnotatorsPanel';
import { ReviewPanel } from '../features/review/ReviewPanel';
import { useReview } from '../features/review/useReview';
import { useFindBar } from '../features/search/useFindBar';
import { useStatsView } from '../features/stats/useStatsView';
import { StoreProblemDialog } from '../features/store/StoreProblemDialog';
import { DocumentPane } from '../features/viewer/DocumentPane';
import { mergedSource } from '../features/viewer/highlight-source';
import { useSelected } from '../state/value-store';
import { Dialogs } from './Dialogs';
import { TopBar } from './TopBar';
import { useAppCommands } from './useAppCommands';
import { useCommandKeys } from './useCommandKeys';
import { useFlow } from './useFlow';
import { useParley } from './useParley';

export function App() {
  const parley = useParley();
  const { state, stores } = parley;
  // The readable documents' order, as a string snapshot: a tag changes a count, not the order.
  const orderKey = useSelected(stores.documents, (docs) =>
    docs
      .filter((d) => d.error === undefined)
      .map((d) => d.id)
      .join('\n'),
  );
  const documentOrder = useMemo(() => (orderKey === '' ? [] : orderKey.split('\n')), [orderKey]);
  const review = useReview({
    currentDocId: state.current?.docId,
    text: state.current?.text,
    selection: stores.selection,
    extendToWords: state.settings?.extendToWords ?? true,
    documentOrder,
    select: parley.select,
    openDocument: parley.openDocument,
    attempt: parley.attempt,
    toast: parley.toast,
    viewRef: parley.viewRef,
  });
  const { mode } = review;
  const find = useFindBar();
  const stats = useStatsView(state.current?.docId);
  const hasText = mode !== 'agreement' && state.current !== null;
  const currentDocId = state.current?.docId;
  const published = useSelected(stores.documents, (docs) => docs.find((d) => d.id === currentDocId)?.publishedAt ?? '');
  const suggestions = useSuggestions({
    docId: currentDocId,
    refreshKey: `${(state.settings?.suggestLabels ?? ['*']).join(',')}|${published}|${state.labels.map((l) => l.id).join(',')}`,
    isActive: mode === 'tag',
    annotator: state.settings?.annotator ?? '',
    annotations: stores.annotations,
    selection: stores.selection,
    attempt: parley.attempt,
    viewRef: parley.viewRef,
    edit: parley.edit,
  });
  const flow = useFlow(parley, suggestions);
  const canFind = useCallback(() => hasText, [hasText]);
  const { actions: commandActions, commands } = useAppCommands({
    parley,
    review,
    suggestions,
    flow,
    labels: state.labels,
    view: { canFind, openFind: find.open, openStats: stats.open },
  });
  const { refreshStats } = review;
  // The annotators panel follows your tagging, a moment after it settles.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = stores.annotations.subscribe(() => {
      clearTimeout(timer);
      timer = setTimeout(() => void refreshStats(), 400);
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [stores, refreshStats]);
  const { openDocument } = parley;
  const openDocumentFromList = useCallback((id: string) => void openDocument(id), [openDocument]);
  const tagSource = useMemo(() => mergedSource(stores.annotations, suggestions.source), [stores, suggestions.source]);
  const problem = state.session?.storeProblem;
  useCommandKeys(commands, state.dialog !== null || stats.isOpen || problem !== undefined);

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
        save={stores.save}
        onApplyLabel={mode === 'review' ? (id) => void review.applyLabel(id) : commandActions.applyLabel}
        onOpenSettings={commandActions.openSettings}
        mode={mode}
        onMode={review.setMode}
      />
      <div className="side-column">
        <DocumentList
          documents={stores.documents}
          currentId={state.current?.docId}
          onOpen={openDocumentFromList}
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
            documents={stores.documents
              .get()
              .filter((d) => d.error === undefined)
              .map((d) => ({ id: d.id, title: d.title }))}
            onOpenSpan={(docId, id) => {
              review.setMode('review');
              review.setFilter('all');
              void parley.openDocument(docId).then(() => {
                stores.selection.set(id);
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
              documents={stores.documents}
              labels={state.labels}
              annotations={stores.annotations}
              source={reviewView ? review.source : tagSource}
              selection={stores.selection}
              placeOf={parley.placeOf}
              onPick={parley.pick}
              onStatus={(status) => state.current && void parley.setStatus(state.current.docId, status)}
              onPublishedAt={(date) => state.current && void parley.setPublishedAt(state.current.docId, date)}
              viewRef={parley.viewRef}
              onReviewAnchors={parley.openAnchorReview}
              {...(reviewView && {
                review: {
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
              selection={stores.selection}
              onSelect={parley.selectFromList}
            />
          ) : (
            <div className="notes-column">
              <AnnotationList
                annotations={stores.annotations}
                selection={stores.selection}
                labels={state.labels}
                onSelect={parley.selectFromList}
              />
              <SelectedAttributes
                source={tagSource}
                selection={stores.selection}
                labels={state.labels}
                onSave={(id, attributes) => void parley.saveAttributes(id, attributes)}
                onDone={() => parley.viewRef.current?.focus()}
              />
            </div>
          )}
        </>
      )}
      <Dialogs parley={parley} review={review} commands={commands} find={find} stats={stats} hasText={hasText} />
      <Toasts store={stores.toasts} onDismiss={parley.dismissToast} />
    </div>
  );
}
