/**
 * Settings in two tabs: General (the annotator name stamped on every annotation, word extension
 * of selections) and Labels (the label set, see features/labels/LabelsSettings).
 */
import { useState } from 'react';
import type { Label, Settings } from '@api/contract';
import { Dialog } from '../../components/Dialog';
import { Segmented } from '../../components/Segmented';
import { LabelsSettings } from '../labels/LabelsSettings';

interface Props {
  settings: Settings;
  storePath: string;
  labels: readonly Label[];
  onSave: (changes: Partial<Settings>) => void;
  onClose: () => void;
  /** A label change main accepted: the new label list. */
  onLabels: (labels: Label[]) => void;
  /** A deleted label's spans were deleted or moved. */
  onSpansChanged: () => void;
  /** Settings saved from inside the dialog (a label's Suggest switch); the dialog stays open. */
  onSettingsChanged: (settings: Settings) => void;
}

type Tab = 'general' | 'labels';
const TABS: { id: Tab; name: string }[] = [
  { id: 'general', name: 'General' },
  { id: 'labels', name: 'Labels' },
];

export function SettingsDialog({ settings, labels, onLabels, onSpansChanged, onSettingsChanged, ...general }: Props) {
  const [tab, setTab] = useState<Tab>('general');
  return (
    <Dialog title="Settings" onClose={general.onClose} testId="settings-dialog">
      <Segmented className="settings-tabs" kind="tabs" label="Settings" options={TABS} value={tab} onChange={setTab} />
      <div role="tabpanel" aria-label={tab === 'general' ? 'General' : 'Labels'}>
        {tab === 'general' ? (
          <GeneralSettings settings={settings} {...general} />
        ) : (
          <>
            <LabelsSettings
              labels={labels}
              suggestLabels={settings.suggestLabels}
              onLabels={onLabels}
              onSpansChanged={onSpansChanged}
              onSettings={onSettingsChanged}
            />
            <div className="dialog-actions">
              <button type="button" onClick={general.onClose}>
                Close
              </button>
            </div>
          </>
        )}
      </div>
    </Dialog>
  );
}

type GeneralProps = Pick<Props, 'settings' | 'storePath' | 'onSave' | 'onClose'>;

function GeneralSettings({ settings, storePath, onSave, onClose }: GeneralProps) {
  const [annotator, setAnnotator] = useState(settings.annotator);
  const [extendToWords, setExtendToWords] = useState(settings.extendToWords);
  const isRenaming = annotator.trim() !== settings.annotator;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onSave({ annotator: annotator.trim(), extendToWords });
      }}
    >
      <label className="field">
        <span>Annotator name</span>
        <input
          name="annotator"
          value={annotator}
          maxLength={200}
          required
          onChange={(e) => setAnnotator(e.target.value)}
        />
      </label>
      {isRenaming && (
        <p className="hint">
          Annotations are kept per annotator. After the change you see and add the annotations of “{annotator.trim()}”;
          those of “{settings.annotator}” stay in the store.
        </p>
      )}
      <label className="check">
        <input
          type="checkbox"
          name="extendToWords"
          checked={extendToWords}
          onChange={(e) => setExtendToWords(e.target.checked)}
        />
        <span>Extend selections to whole words</span>
      </label>
      <p className="hint">
        Store: <code>{storePath}</code>
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={annotator.trim() === ''}>
          Save
        </button>
      </div>
    </form>
  );
}
