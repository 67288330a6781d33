/** One label in Settings › Labels: swatch, name, hotkey, span count, its Suggest switch and actions. */
import type { CSSProperties } from 'react';
import type { Label } from '@api/contract';

interface Props {
  label: Label;
  spanCount: number | undefined;
  /** Whether the label's recogniser is on; undefined when it has none (no switch shown). */
  isSuggesting: boolean | undefined;
  onSuggest: (isOn: boolean) => void;
  onEdit: () => void;
  onDelete: () => void;
}

export function LabelRow({ label, spanCount, isSuggesting, onSuggest, onEdit, onDelete }: Props) {
  const attributes = label.attributes ?? [];
  return (
    <div className="label-row" style={{ '--hl': label.color } as CSSProperties}>
      <span className="swatch" aria-hidden="true" />
      <span className="label-row-name">
        <strong>{label.name}</strong>
        <span className="muted">
          {label.id}
          {attributes.length > 0 && ` · ${attributes.map((a) => a.name).join(', ')}`}
        </span>
      </span>
      {label.hotkey ? <kbd title="Hotkey">{label.hotkey}</kbd> : <span className="muted">no key</span>}
      <span className="muted label-row-count">
        {spanCount === undefined ? '' : `${spanCount} ${spanCount === 1 ? 'span' : 'spans'}`}
      </span>
      {isSuggesting === undefined ? (
        <span className="switch-placeholder" />
      ) : (
        <label className="switch" title="Let the built-in recogniser suggest spans of this label">
          <input
            type="checkbox"
            role="switch"
            aria-label={`Suggest ${label.name} spans`}
            checked={isSuggesting}
            onChange={(e) => onSuggest(e.target.checked)}
          />
          <span>Suggest</span>
        </label>
      )}
      <button type="button" className="ghost" aria-label={`Edit ${label.name}`} onClick={onEdit}>
        Edit
      </button>
      <button type="button" className="ghost" aria-label={`Delete ${label.name}`} onClick={onDelete}>
        Delete
      </button>
    </div>
  );
}
