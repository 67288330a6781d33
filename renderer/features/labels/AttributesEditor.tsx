/** A label's attributes as rows: name, kind (text, choice, date) and, for a choice, its values. */
import type { AttributeDef } from '@api/contract';
import type { AttributeDraft } from './label-form';

interface Props {
  drafts: readonly AttributeDraft[];
  onChange: (drafts: AttributeDraft[]) => void;
}

const KINDS: { id: AttributeDef['kind']; name: string }[] = [
  { id: 'text', name: 'Text' },
  { id: 'choice', name: 'Choice' },
  { id: 'date', name: 'Date' },
];

export function AttributesEditor({ drafts, onChange }: Props) {
  const change = (index: number, patch: Partial<AttributeDraft>) =>
    onChange(drafts.map((d, i) => (i === index ? { ...d, ...patch } : d)));
  return (
    <fieldset className="attribute-editor">
      <legend>Attributes</legend>
      {drafts.length === 0 && <p className="hint">No attributes: spans of this label carry only their text.</p>}
      {drafts.map((draft, index) => (
        <div className="attribute-row" key={index} data-testid="attribute-row">
          <input
            aria-label={`Attribute ${index + 1} name`}
            placeholder="name"
            value={draft.name}
            maxLength={100}
            onChange={(e) => change(index, { name: e.target.value })}
          />
          <select
            aria-label={`Attribute ${index + 1} kind`}
            value={draft.kind}
            onChange={(e) => change(index, { kind: e.target.value as AttributeDef['kind'] })}
          >
            {KINDS.map((k) => (
              <option key={k.id} value={k.id}>
                {k.name}
              </option>
            ))}
          </select>
          {draft.kind === 'choice' ? (
            <input
              aria-label={`Attribute ${index + 1} choices, separated by commas`}
              placeholder="yes, no, unclear"
              value={draft.choices}
              onChange={(e) => change(index, { choices: e.target.value })}
            />
          ) : (
            <span className="hint">{draft.kind === 'date' ? 'an ISO date' : 'free text'}</span>
          )}
          <button
            type="button"
            className="ghost"
            aria-label={`Remove attribute ${draft.name || index + 1}`}
            title="Remove this attribute"
            onClick={() => onChange(drafts.filter((_, i) => i !== index))}
          >
            ✕
          </button>
        </div>
      ))}
      <button
        type="button"
        className="ghost add-attribute"
        onClick={() => onChange([...drafts, { name: '', kind: 'text', choices: '' }])}
      >
        + Add attribute
      </button>
    </fieldset>
  );
}
