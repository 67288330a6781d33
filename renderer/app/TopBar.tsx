/** The bar on top: the label palette, the annotator, the autosave state and settings. */
import type { Label, SaveState } from '@api/contract';
import { Segmented } from '../components/Segmented';
import { useValue, type ValueStore } from '../state/value-store';
import { LabelPalette } from '../features/labels/LabelPalette';
import type { Mode } from '../features/review/useReview';

interface Props {
  labels: readonly Label[];
  annotator: string;
  save: ValueStore<SaveState>;
  onApplyLabel: (labelId: string) => void;
  onOpenSettings: () => void;
  mode: Mode;
  onMode: (mode: Mode) => void;
}

const MODES: { id: Mode; name: string; title: string }[] = [
  { id: 'tag', name: 'Tag', title: 'Tag spans in your own set (Ctrl+1)' },
  { id: 'review', name: 'Review', title: 'Compare colleagues and adjudicate a gold set (Ctrl+2)' },
  { id: 'agreement', name: 'Agreement', title: 'Agreement figures between annotators (Ctrl+3)' },
];

const SAVE_TEXT = { saved: 'Saved', saving: 'Saving…', error: 'Not saved' } as const;

export function TopBar({ labels, annotator, save, onApplyLabel, onOpenSettings, mode, onMode }: Props) {
  return (
    <header className="top-bar">
      <span className="brand">Parley</span>
      <Segmented className="mode-tabs" kind="tabs" label="Mode" options={MODES} value={mode} onChange={onMode} />
      <LabelPalette labels={labels} onApply={onApplyLabel} />
      <span className="spacer" />
      <SaveIndicator save={save} />
      <button type="button" className="ghost annotator" onClick={onOpenSettings} title="Settings (Ctrl+,)">
        {annotator}
      </button>
    </header>
  );
}

/** The autosave state; the only part of the app a save re-renders. */
function SaveIndicator({ save: store }: { save: ValueStore<SaveState> }) {
  const save = useValue(store);
  return (
    <span
      className={`save-state save-${save.state}`}
      data-testid="save-state"
      title={save.message ?? 'Every change is saved to disk'}
    >
      {SAVE_TEXT[save.state]}
    </span>
  );
}
