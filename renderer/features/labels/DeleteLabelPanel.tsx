/**
 * Deleting a label: when spans use it, the person chooses what happens to them — delete them, or
 * move them to another label. Spans are never deleted without that choice.
 */
import { useState } from 'react';
import type { Label, LabelDisposal } from '@api/contract';

interface Props {
  label: Label;
  others: readonly Label[];
  /** Spans using the label over every annotator; null when unknown (then the choice is asked too). */
  spanCount: number | null;
  onDelete: (disposal: LabelDisposal) => void;
  onCancel: () => void;
  isBusy: boolean;
}

export function DeleteLabelPanel({ label, others, spanCount, onDelete, onCancel, isBusy }: Props) {
  const [action, setAction] = useState<LabelDisposal['action'] | null>(others.length > 0 ? 'relabel' : null);
  const [to, setTo] = useState(others[0]?.id ?? '');
  const isUnused = spanCount === 0;
  const spans = spanCount === null ? 'Any spans' : `${spanCount} ${spanCount === 1 ? 'span uses' : 'spans use'}`;
  const disposal: LabelDisposal | null =
    isUnused || action === 'delete'
      ? { action: 'delete' }
      : action === 'relabel' && to !== ''
        ? { action: 'relabel', to }
        : null;
  return (
    <div className="delete-label" data-testid="delete-label" role="group" aria-label={`Delete ${label.name}`}>
      {isUnused ? (
        <p>No span uses “{label.name}”. Delete the label?</p>
      ) : (
        <fieldset className="choices delete-choices">
          <legend>
            {spans} “{label.name}”{spanCount === null ? ' may use it' : ''}. What happens to them?
          </legend>
          <label className="check">
            <input
              type="radio"
              name={`dispose-${label.id}`}
              checked={action === 'relabel'}
              disabled={others.length === 0}
              onChange={() => setAction('relabel')}
            />
            <span>Move them to</span>
            <select
              aria-label="Label to move the spans to"
              value={to}
              disabled={others.length === 0}
              onChange={(e) => {
                setTo(e.target.value);
                setAction('relabel');
              }}
            >
              {others.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input
              type="radio"
              name={`dispose-${label.id}`}
              checked={action === 'delete'}
              onChange={() => setAction('delete')}
            />
            <span>Delete them, for every annotator and in gold</span>
          </label>
        </fieldset>
      )}
      <div className="label-form-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className="danger"
          disabled={disposal === null || isBusy}
          onClick={() => disposal && onDelete(disposal)}
        >
          Delete label
        </button>
      </div>
    </div>
  );
}
