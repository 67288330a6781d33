/** Settings: the annotator name stamped on every annotation, and word extension of selections. */
import { useState } from 'react';
import type { Settings } from '@api/contract';
import { Dialog } from '../../components/Dialog';

interface Props {
  settings: Settings;
  storePath: string;
  onSave: (changes: Partial<Settings>) => void;
  onClose: () => void;
}

export function SettingsDialog({ settings, storePath, onSave, onClose }: Props) {
  const [annotator, setAnnotator] = useState(settings.annotator);
  const [extendToWords, setExtendToWords] = useState(settings.extendToWords);
  const isRenaming = annotator.trim() !== settings.annotator;
  return (
    <Dialog title="Settings" onClose={onClose} testId="settings-dialog">
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
            Annotations are kept per annotator. After the change you see and add the annotations of “{annotator.trim()}
            ”; those of “{settings.annotator}” stay in the store.
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
    </Dialog>
  );
}
