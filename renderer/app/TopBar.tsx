/** The bar on top: the label palette, the annotator, the autosave state and settings. */
import type { Label, SaveState } from '@api/contract';
import { LabelPalette } from '../features/labels/LabelPalette';

interface Props {
  labels: readonly Label[];
  annotator: string;
  save: SaveState;
  onApplyLabel: (labelId: string) => void;
  onOpenSettings: () => void;
}

const SAVE_TEXT = { saved: 'Saved', saving: 'Saving…', error: 'Not saved' } as const;

export function TopBar({ labels, annotator, save, onApplyLabel, onOpenSettings }: Props) {
  return (
    <header className="top-bar">
      <span className="brand">Parley</span>
      <LabelPalette labels={labels} onApply={onApplyLabel} />
      <span className="spacer" />
      <span
        className={`save-state save-${save.state}`}
        data-testid="save-state"
        title={save.message ?? 'Every change is saved to disk'}
      >
        {SAVE_TEXT[save.state]}
      </span>
      <button type="button" className="ghost annotator" onClick={onOpenSettings} title="Settings (Ctrl+,)">
        {annotator}
      </button>
    </header>
  );
}
