/**
 * Settings › Labels: the label set as data. Add, rename, recolour, rekey a label, edit its
 * attributes, switch its recogniser's suggestions, delete it (choosing what happens to its spans).
 * Every change goes to main, which answers with the new list or a refusal shown inline.
 */
import { useState } from 'react';
import type { Label, LabelDisposal, Settings } from '@api/contract';
import { api } from '../../api';
import { callInline } from './call-result';
import { DeleteLabelPanel } from './DeleteLabelPanel';
import { LabelForm, type LabelFields } from './LabelForm';
import { RECOGNISED_LABELS, labelIdFrom, nextColour, suggestingLabels, toggleSuggesting } from './label-form';
import { LabelRow } from './LabelRow';
import { useLabelUsage } from './useLabelUsage';

interface Props {
  labels: readonly Label[];
  suggestLabels: readonly string[] | undefined;
  onLabels: (labels: Label[]) => void;
  /** After a deleted label's spans were deleted or moved: the documents changed too. */
  onSpansChanged: () => void;
  onSettings: (settings: Settings) => void;
}

/** What is open below the list: a label's editor or delete question, or the new-label form. */
type Open = { mode: 'edit' | 'delete'; id: string } | { mode: 'add' } | null;

export function LabelsSettings({ labels, suggestLabels, onLabels, onSpansChanged, onSettings }: Props) {
  const [open, setOpen] = useState<Open>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const { usage, refresh } = useLabelUsage();
  const suggesting = new Set(suggestingLabels(suggestLabels));

  /** Sends a label change; the new list on success, main's message otherwise. */
  const change = async (call: () => Promise<Label[]>): Promise<string | null> => {
    const result = await callInline(call);
    if (!result.ok) return result.message;
    onLabels(result.value);
    setOpen(null);
    return null;
  };
  const add = (fields: LabelFields) =>
    change(() => {
      const id = labelIdFrom(
        fields.name,
        labels.map((l) => l.id),
      );
      return api().addLabel({ id, ...fields });
    });
  const update = (id: string, fields: LabelFields) => change(() => api().updateLabel(id, fields));
  const remove = async (id: string, disposal: LabelDisposal) => {
    setBusy(true);
    const refusal = await change(() => api().deleteLabel(id, disposal));
    setBusy(false);
    setError(refusal);
    if (refusal === null && (usage?.[id] ?? 1) > 0) onSpansChanged();
    refresh();
  };
  const suggest = async (id: string, isOn: boolean) => {
    const result = await callInline(() =>
      api().updateSettings({ suggestLabels: toggleSuggesting(suggestLabels, id, isOn) }),
    );
    setError(result.ok ? null : result.message);
    if (result.ok) onSettings(result.value);
  };

  return (
    <section className="labels-settings" data-testid="labels-settings" aria-label="Labels">
      <ul className="label-rows">
        {labels.map((label) => {
          const isOpen = open !== null && open.mode !== 'add' && open.id === label.id;
          return (
            <li key={label.id} data-label-id={label.id} className={isOpen ? 'open' : undefined}>
              <LabelRow
                label={label}
                spanCount={usage?.[label.id] ?? (usage ? 0 : undefined)}
                isSuggesting={RECOGNISED_LABELS.includes(label.id) ? suggesting.has(label.id) : undefined}
                onSuggest={(isOn) => void suggest(label.id, isOn)}
                onEdit={() => setOpen({ mode: 'edit', id: label.id })}
                onDelete={() => {
                  setError(null);
                  setOpen({ mode: 'delete', id: label.id });
                }}
              />
              {isOpen && open.mode === 'edit' && (
                <LabelForm
                  key={label.id}
                  testId="edit-label"
                  initial={label}
                  submitText="Save label"
                  onSubmit={(fields) => update(label.id, fields)}
                  onCancel={() => setOpen(null)}
                />
              )}
              {isOpen && open.mode === 'delete' && (
                <DeleteLabelPanel
                  label={label}
                  others={labels.filter((l) => l.id !== label.id)}
                  spanCount={usage ? (usage[label.id] ?? 0) : null}
                  isBusy={isBusy}
                  onDelete={(disposal) => void remove(label.id, disposal)}
                  onCancel={() => setOpen(null)}
                />
              )}
            </li>
          );
        })}
      </ul>
      {error !== null && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      {open?.mode === 'add' ? (
        <LabelForm
          testId="add-label"
          heading="New label"
          initial={{ name: '', color: nextColour(labels), hotkey: '' }}
          submitText="Add label"
          onSubmit={add}
          onCancel={() => setOpen(null)}
        />
      ) : (
        <button type="button" className="add-label" onClick={() => setOpen({ mode: 'add' })}>
          + New label
        </button>
      )}
    </section>
  );
}
