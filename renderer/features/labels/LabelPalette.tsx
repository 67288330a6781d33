/** The label palette: one chip per label with its colour and hotkey; a click applies it. */
import type { CSSProperties } from 'react';
import type { Label } from '@api/contract';

interface Props {
  labels: readonly Label[];
  onApply: (labelId: string) => void;
}

export function LabelPalette({ labels, onApply }: Props) {
  return (
    <div className="palette" role="toolbar" aria-label="Labels">
      {labels.map((label) => (
        <button
          key={label.id}
          type="button"
          className="label-chip"
          style={{ '--hl': label.color } as CSSProperties}
          data-label={label.id}
          title={`Tag the selection as ${label.name}${label.hotkey ? ` (${label.hotkey})` : ''}`}
          // Keep the text selection: a mousedown on a button would clear it.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onApply(label.id)}
        >
          <span className="swatch" aria-hidden="true" />
          {label.name}
          {label.hotkey && <kbd>{label.hotkey}</kbd>}
        </button>
      ))}
    </div>
  );
}
