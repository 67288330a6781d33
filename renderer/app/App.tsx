/** The layout shell: top bar, documents, text and annotations, and the dialogs over them. */
import { useEffect, useLayoutEffect, useMemo } from 'react';
import { compareSpans } from '@core/span';
import { api } from '../api';
import { Toasts } from '../components/Toasts';
import { AgreementView } from '../features/agreement/AgreementView';
import { AnnotationList } from '../features/annotations/AnnotationList';
import { AttributesPanel } from '../features/annotations/AttributesPanel';
import { ShortcutsSheet } from '../features/help/ShortcutsSheet';
import { useSuggestions } from '../features/suggestions/useSuggestions';
import { ExportDialog } from '../features/datasets/ExportDialog';
import { ImportDialog } from '../features/datasets/ImportDialog';
import { DocumentList } from '../features/documents/DocumentList';
import { AnnotatorsPanel } from '../features/review/AnnotatorsPanel';
import { ReviewPanel } from '../features/review/ReviewPanel';
import { useReview } from '../features/review/useReview';
import { FindBar } from '../features/search/FindBar';
import { useFindBar } from '../features/search/useFindBar';
import { SettingsDialog } from '../features/settings/SettingsDialog';
import { StatsDialog } from '../features/stats/StatsDialog';
import { useStatsView } from '../features/stats/useStatsView';
import { BackupsDialog } from '../features/store/BackupsDialog';
import { StoreProblemDialog } from '../features/store/StoreProblemDialog';
import { AnchorReviewDialog } from '../features/viewer/AnchorReviewDialog';
import { DocumentPane } from '../features/viewer/DocumentPane';
import { currentSummary } from '../state/app-state';
import { buildCommands, buildFlowCommands, buildReviewCommands, buildViewCommands } from './commands';
import { TopBar } from './TopBar';
import { useCommandKeys } from './useCommandKeys';
import { useFlow } from './useFlow';
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
  const find = useFindBar();
  const stats = useStatsView(state.current?.docId);
  const hasText = mode !== 'agreement' && state.current !== null;
  const viewCommands = useMemo(
    () => buildViewCommands({ canFind: () => hasText, openFind: find.open, openStats: stats.open }),
    [hasText, find.open, stats.open],
  );
  const suggestions = useSuggestions({
    docId: state.current?.docId,
    annotations: state.current?.annotations,
    selectedId: state.selectedId,
    isActive: mode === 'tag',
    select: parley.select,
    setAnnotations: parley.setAnnotations,
    attempt: parley.attempt,
    viewRef: parley.viewRef,
  });
  const flow = useFlow(parley, suggestions);
  const tagLabel = useMemo(
    () => (labelId: string) =>
      suggestions.hasSelected() ? void suggestions.accept(labelId) : commandActions.applyLabel(labelId),
    [suggestions, commandActions],
  );
  const ownAnnotations = state.current?.annotations;
  const { refreshStats } = review;
  // The annotators panel follows your tagging, a moment after it settles.
  useEffect(() => {
    const timer = setTimeout(() => void refreshStats(), 400);
    return () => clearTimeout(timer);
  }, [ownAnnotations, refreshStats]);
  const tagViews = useMemo(
    () => [...(ownAnnotations ?? []), ...suggestions.views].sort(compareSpans),
    [ownAnnotations, suggestions.views],
  );
  const commands = useMemo(() => {
    const base = [...buildCommands(state.labels, { ...commandActions, applyLabel: tagLabel }), ...viewCommands];
    const flowCommands = buildFlowCommands(flow);
    if (mode === 'tag') return [...flowCommands, ...base];
    // The shortcut sheet is there in every mode.
    const sheet = flowCommands.filter((c) => c.id === 'shortcuts');
    if (mode !== 'review') return [...base, ...sheet];
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
    return [...reviewCommands, ...base, ...sheet];
  }, [state.labels, commandActions, tagLabel, viewCommands, flow, mode, review]);
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
  const selectedView = tagViews.find((a) => a.id === state.selectedId);
  return (
    <div className={`app mode-${mode}`}>
      <TopBar
        labels={state.labels}
        annotator={state.settings?.annotator ?? ''}
        save={state.save}
        onApplyLabel={mode === 'review' ? (id) => void review.applyLabel(id) : tagLabel}
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
              onPublishedAt={(date) => state.current && void parley.setPublishedAt(state.current.docId, date)}
              viewRef={parley.viewRef}
              onReviewAnchors={parley.openAnchorReview}
              {...(mode === 'tag' && { annotations: tagViews })}
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
            <div className="notes-column">
              <AnnotationList
                annotations={state.current?.annotations ?? []}
                labels={state.labels}
                selectedId={state.selectedId}
                onSelect={parley.selectFromList}
              />
              <AttributesPanel
                key={`${selectedView?.id ?? ''}|${JSON.stringify(selectedView?.attributes ?? {})}`}
                annotation={selectedView}
                label={state.labels.find((l) => l.id === selectedView?.label)}
                onSave={(attributes) => selectedView && void parley.saveAttributes(selectedView.id, attributes)}
                onDone={() => parley.viewRef.current?.focus()}
              />
            </div>
          )}
        </>
      )}
      {state.dialog === 'settings' && state.settings && (
        <SettingsDialog
          settings={state.settings}
          storePath={state.session?.storePath ?? ''}
          onSave={(changes) => void parley.saveSettings(changes)}
          onClose={parley.closeDialog}
          labels={state.labels}
          onLabels={parley.setLabels}
          onSpansChanged={() => {
            void parley.refresh();
            void review.refreshStats();
          }}
          onSettingsChanged={parley.settingsChanged}
        />
      )}
      {state.dialog === 'export' && (
        <ExportDialog
          labels={state.labels}
          currentAnnotator={state.settings?.annotator ?? ''}
          onClose={parley.closeDialog}
        />
      )}
      {state.dialog === 'anchors' && state.current && (
        <AnchorReviewDialog
          docId={state.current.docId}
          onClose={parley.closeDialog}
          onMoved={() => void parley.refresh()}
        />
      )}
      {state.dialog === 'backups' && (
        <BackupsDialog onClose={parley.closeDialog} onRestored={() => window.location.reload()} />
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
      {state.dialog === 'shortcuts' && <ShortcutsSheet commands={commands} onClose={parley.closeDialog} />}
      {find.isOpen && hasText && (
        <FindBar
          docId={state.current?.docId}
          text={state.current?.text ?? ''}
          view={parley.viewRef}
          focusRequest={find.focusRequest}
          onClose={find.close}
          focusText={() => parley.viewRef.current?.focus()}
        />
      )}
      {stats.isOpen && (
        <StatsDialog
          annotator={state.settings?.annotator ?? ''}
          labels={state.labels}
          documents={state.documents}
          flushActivity={stats.flushActivity}
          onClose={stats.close}
        />
      )}
      <Toasts toasts={state.toasts} onDismiss={parley.dismissToast} />
    </div>
  );
}
