/**
 * The selected span's attributes (speaker, holder, the ISO value of a date, or whatever its label
 * declares), edited in place. `e` puts the cursor in the first field; Enter saves and returns to
 * the text, Escape drops the edit. A suggestion's proposed attributes are shown until it is taken.
 */
import { useState } from 'react';
import type { AnnotationView, AttributeDef, Label } from '@api/contract';
import { SUGGESTION_ANNOTATOR } from '../viewer/highlight-plugin';

interface Props {
  annotation: AnnotationView | undefined;
  label: Label | undefined;
  onSave: (attributes: Record<string, string>) => void;
  /** Gives the keyboard back to the text. */
  onDone: () => void;
}

/** The attributes to show: those the label declares, then any others the span carries. */
function fieldsOf(label: Label | undefined, values: Record<string, string>): AttributeDef[] {
  const declared = label?.attributes ?? [];
  const extra = Object.keys(values)
    .filter((name) => !declared.some((d) => d.name === name))
    .map((name): AttributeDef => ({ name, kind: 'text' }));
  return [...declared, ...extra];
}

export function AttributesPanel({ annotation, label, onSave, onDone }: Props) {
  const stored = annotation?.attributes ?? {};
  // The app gives each span (and each stored version of it) its own key, so the draft starts fresh.
  const [draft, setDraft] = useState<Record<string, string>>(stored);
  if (!annotation) return null;
  const isSuggestion = annotation.annotator === SUGGESTION_ANNOTATOR;
  const fields = fieldsOf(label, stored);
  if (fields.length === 0) return null;
  const save = (): void => {
    const cleaned = Object.fromEntries(Object.entries(draft).filter(([, v]) => v.trim() !== ''));
    const before = JSON.stringify(Object.fromEntries(Object.entries(stored).filter(([, v]) => v !== '')));
    if (JSON.stringify(cleaned) !== before) onSave(cleaned);
  };
  const onKeyDown = (event: React.KeyboardEvent): void => {
    if (event.key === 'Enter') {
      event.preventDefault();
      save();
      onDone();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setDraft(stored);
      onDone();
    }
  };
  return (
    <section className="attributes-panel" aria-label="Attributes" data-testid="attributes-panel">
      <h3>
        {isSuggestion ? 'Suggested ' : ''}
        {label?.name ?? annotation.label} <span className="muted">“{annotation.text}”</span>
      </h3>
      {fields.map((field) => {
        const value = draft[field.name] ?? '';
        const common = {
          name: field.name,
          'aria-label': field.name,
          value,
          disabled: isSuggestion,
          onKeyDown,
          onBlur: isSuggestion ? undefined : save,
        };
        return (
          <label key={field.name} className="field attribute-field">
            <span>{field.name}</span>
            {field.kind === 'choice' ? (
              <select {...common} onChange={(e) => setDraft({ ...draft, [field.name]: e.target.value })}>
                <option value="">—</option>
                {(field.choices ?? []).map((choice) => (
                  <option key={choice} value={choice}>
                    {choice}
                  </option>
                ))}
              </select>
            ) : (
              <input
                {...common}
                placeholder={field.kind === 'date' ? 'YYYY-MM-DD, YYYY-MM, 2022-Q4' : ''}
                pattern={field.kind === 'date' ? '\\d{4}(-\\d{2}(-\\d{2})?|-Q[1-4])?' : undefined}
                onChange={(e) => setDraft({ ...draft, [field.name]: e.target.value })}
              />
            )}
          </label>
        );
      })}
      <p className="muted">
        {isSuggestion ? (
          <>
            <kbd>Enter</kbd> accepts with these, <kbd>x</kbd> rejects
          </>
        ) : (
          <>
            <kbd>e</kbd> edits, <kbd>Enter</kbd> saves, <kbd>Esc</kbd> cancels
          </>
        )}
      </p>
    </section>
  );
}
