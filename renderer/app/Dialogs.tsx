/** The dialog over the app, if any, and the find bar and statistics view, wired to the controllers. */
import { ShortcutsSheet } from '../features/help/ShortcutsSheet';
import { ExportDialog } from '../features/datasets/ExportDialog';
import { ImportDialog } from '../features/datasets/ImportDialog';
import type { ReviewController } from '../features/review/useReview';
import { FindBar } from '../features/search/FindBar';
import { SettingsDialog } from '../features/settings/SettingsDialog';
import { StatsDialog } from '../features/stats/StatsDialog';
import type { useStatsView } from '../features/stats/useStatsView';
import type { useFindBar } from '../features/search/useFindBar';
import { BackupsDialog } from '../features/store/BackupsDialog';
import { AnchorReviewDialog } from '../features/viewer/AnchorReviewDialog';
import type { Command } from './commands';
import type { Parley } from './useParley';

interface Props {
  parley: Parley;
  review: ReviewController;
  commands: readonly Command[];
  find: ReturnType<typeof useFindBar>;
  stats: ReturnType<typeof useStatsView>;
  hasText: boolean;
}

export function Dialogs({ parley, review, commands, find, stats, hasText }: Props) {
  const { state } = parley;
  return (
    <>
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
            if (review.mode === 'review') void review.reload();
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
          documents={parley.stores.documents.get()}
          flushActivity={stats.flushActivity}
          onClose={stats.close}
        />
      )}
    </>
  );
}
