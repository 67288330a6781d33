/** The layout shell: top bar, documents, text and annotations, and the dialogs over them. */
import { useMemo } from 'react';
import { api } from '../api';
import { Toasts } from '../components/Toasts';
import { AnnotationList } from '../features/annotations/AnnotationList';
import { ExportDialog } from '../features/datasets/ExportDialog';
import { ImportDialog } from '../features/datasets/ImportDialog';
import { DocumentList } from '../features/documents/DocumentList';
import { SettingsDialog } from '../features/settings/SettingsDialog';
import { StoreProblemDialog } from '../features/store/StoreProblemDialog';
import { DocumentPane } from '../features/viewer/DocumentPane';
import { currentSummary } from '../state/app-state';
import { buildCommands } from './commands';
import { TopBar } from './TopBar';
import { useCommandKeys } from './useCommandKeys';
import { useParley } from './useParley';

export function App() {
  const parley = useParley();
  const { state, commandActions } = parley;
  const commands = useMemo(() => buildCommands(state.labels, commandActions), [state.labels, commandActions]);
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
  return (
    <div className="app">
      <TopBar
        labels={state.labels}
        annotator={state.settings?.annotator ?? ''}
        save={state.save}
        onApplyLabel={commandActions.applyLabel}
        onOpenSettings={commandActions.openSettings}
      />
      <DocumentList
        documents={state.documents}
        currentId={state.current?.docId}
        onOpen={(id) => void parley.openDocument(id)}
        onOpenFolder={commandActions.openFolder}
      />
      {state.current ? (
        <DocumentPane
          doc={state.current}
          summary={currentSummary(state)}
          labels={state.labels}
          selectedId={state.selectedId}
          onPick={parley.pick}
          onStatus={(status) => state.current && void parley.setStatus(state.current.docId, status)}
          viewRef={parley.viewRef}
        />
      ) : (
        <main className="document-pane empty">No document is open.</main>
      )}
      <AnnotationList
        annotations={state.current?.annotations ?? []}
        labels={state.labels}
        selectedId={state.selectedId}
        onSelect={parley.selectFromList}
      />
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
          onImported={() => void parley.refresh()}
          onClose={parley.closeDialog}
        />
      )}
      <Toasts toasts={state.toasts} onDismiss={parley.dismissToast} />
    </div>
  );
}
