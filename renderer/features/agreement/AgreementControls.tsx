/** What the figures are about: which annotators (two or more), which labels, which documents. */
import type { Label } from '@api/contract';

interface Props {
  annotators: readonly string[];
  chosenAnnotators: readonly string[];
  onAnnotators: (chosen: string[]) => void;
  labels: readonly Label[];
  chosenLabels: readonly string[];
  onLabels: (chosen: string[]) => void;
  documents: readonly { id: string; title: string }[];
  /** The one document in scope, or null for the whole corpus. */
  docId: string | null;
  onDocId: (docId: string | null) => void;
}

/** `list` with `value` added or removed, in the order of `all`. */
const toggled = (all: readonly string[], list: readonly string[], value: string): string[] =>
  all.filter((v) => (v === value ? !list.includes(v) : list.includes(v)));

const CORPUS = '';

export function AgreementControls(props: Props) {
  const { annotators, chosenAnnotators, labels, chosenLabels, documents, docId } = props;
  const labelIds = labels.map((l) => l.id);
  return (
    <div className="agreement-controls">
      <fieldset className="choices">
        <legend>Annotators</legend>
        {annotators.map((name) => (
          <label key={name} className="check">
            <input
              type="checkbox"
              checked={chosenAnnotators.includes(name)}
              onChange={() => props.onAnnotators(toggled(annotators, chosenAnnotators, name))}
            />
            <span>{name}</span>
          </label>
        ))}
      </fieldset>
      {chosenAnnotators.length < 2 && (
        <p className="hint hint-warn" role="status">
          Choose at least two annotators to compare.
        </p>
      )}
      <fieldset className="choices">
        <legend>Labels</legend>
        {labels.map((label) => (
          <label key={label.id} className="check">
            <input
              type="checkbox"
              checked={chosenLabels.includes(label.id)}
              onChange={() => props.onLabels(toggled(labelIds, chosenLabels, label.id))}
            />
            <span>{label.name}</span>
          </label>
        ))}
      </fieldset>
      {chosenLabels.length === 0 && (
        <p className="hint hint-warn" role="status">
          Choose at least one label.
        </p>
      )}
      <label className="field">
        <span className="legend">Documents</span>
        <select
          value={docId ?? CORPUS}
          onChange={(e) => props.onDocId(e.target.value === CORPUS ? null : e.target.value)}
        >
          <option value={CORPUS}>The whole corpus</option>
          {documents.map((d) => (
            <option key={d.id} value={d.id}>
              {d.title}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
