/** The attributes panel of whatever span or suggestion is selected, following the selection alone. */
import type { Label } from '@api/contract';
import { useValue, type ValueStore } from '../../state/value-store';
import type { HighlightSource } from '../viewer/highlight-source';
import { AttributesPanel } from './AttributesPanel';
import { useHighlightView } from './useHighlightView';

interface Props {
  source: HighlightSource;
  selection: ValueStore<string | null>;
  labels: readonly Label[];
  onSave: (id: string, attributes: Record<string, string>) => void;
  onDone: () => void;
}

export function SelectedAttributes({ source, selection, labels, onSave, onDone }: Props) {
  const selectedId = useValue(selection);
  const view = useHighlightView(source, selectedId);
  return (
    <AttributesPanel
      key={`${view?.id ?? ''}|${JSON.stringify(view?.attributes ?? {})}`}
      annotation={view}
      label={labels.find((l) => l.id === view?.label)}
      onSave={(attributes) => view && onSave(view.id, attributes)}
      onDone={onDone}
    />
  );
}
