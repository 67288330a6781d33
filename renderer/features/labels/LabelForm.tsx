/**
 * A label's fields: name, colour, hotkey (one key) and attributes, for a new label or an existing
 * one. Submitting hands the values to the caller, which asks main; main's refusal is shown here.
 */
import { useId, useState } from 'react';
import type { AttributeDef, Label } from '@api/contract';
import { RESERVED_KEYS } from '@core/labels';
import { AttributesEditor } from './AttributesEditor';
import { attributesOf, draftsOf, type AttributeDraft } from './label-form';

/** What the form produces. */
export interface LabelFields {
  name: string;
  color: string;
  hotkey: string;
  attributes: AttributeDef[];
}

interface Props {
  /** The label edited, or the starting values of a new one. */
  initial: Pick<Label, 'name' | 'color' | 'hotkey'> & { attributes?: AttributeDef[] | undefined };
  submitText: string;
  /** Asks main; resolves to the refusal's message, or null when it was accepted. */
  onSubmit: (fields: LabelFields) => Promise<string | null>;
  onCancel?: () => void;
  testId: string;
  /** A heading above the fields (for the new-label form). */
  heading?: string;
}

const RESERVED_TEXT = RESERVED_KEYS.map((k) => (k === ' ' ? 'space' : k)).join(' ');

/** The last character typed: the field holds one key, and typing another replaces it. */
const lastKey = (value: string): string => (Array.from(value).at(-1) ?? '').toLocaleLowerCase();

export function LabelForm({ initial, submitText, onSubmit, onCancel, testId, heading }: Props) {
  const [name, setName] = useState(initial.name);
  const [color, setColor] = useState(initial.color);
  const [hotkey, setHotkey] = useState(initial.hotkey);
  const [drafts, setDrafts] = useState<AttributeDraft[]>(() => draftsOf(initial.attributes));
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const errorId = useId();
  return (
    <form
      className="label-form"
      data-testid={testId}
      aria-label={heading ?? `Edit ${initial.name}`}
      aria-describedby={error ? errorId : undefined}
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = attributesOf(drafts);
        if ('error' in parsed) return setError(parsed.error);
        setBusy(true);
        void onSubmit({ name: name.trim(), color, hotkey, attributes: parsed.attributes }).then((refusal) => {
          setBusy(false);
          setError(refusal);
        });
      }}
    >
      {heading !== undefined && <h3 className="label-form-heading">{heading}</h3>}
      <div className="label-fields">
        <label className="field label-name">
          <span>Name</span>
          <input value={name} required maxLength={100} autoFocus onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field label-colour">
          <span>Colour</span>
          <input type="color" value={color} onChange={(e) => setColor(e.target.value)} />
        </label>
        <label className="field label-hotkey">
          <span>Hotkey</span>
          <input
            value={hotkey}
            placeholder="none"
            title={`One key that applies the label. Parley’s own keys are taken: ${RESERVED_TEXT}`}
            onChange={(e) => setHotkey(lastKey(e.target.value))}
          />
        </label>
      </div>
      <AttributesEditor drafts={drafts} onChange={setDrafts} />
      {error !== null && (
        <p className="inline-error" role="alert" id={errorId}>
          {error}
        </p>
      )}
      <div className="label-form-actions">
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" className="primary" disabled={isBusy || name.trim() === ''}>
          {submitText}
        </button>
      </div>
    </form>
  );
}
