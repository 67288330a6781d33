/**
 * This document's annotations in text order: label chip and covered text; a click selects one. A
 * filter above narrows the list to one label and to spans containing some words. It reads the
 * annotation store itself and draws each row once until that row changes, so a tag elsewhere in
 * the list costs one new row.
 */
import { memo, useMemo, useRef, useState, useSyncExternalStore, type CSSProperties } from 'react';
import type { AnnotationView, Label } from '@api/contract';
import type { AnnotationStore } from '../../state/annotation-store';
import { useValue, type ValueStore } from '../../state/value-store';
import { filterAnnotations, isEmptyQuery, type AnnotationQuery } from '../search/annotation-filter';
import { AnnotationFilter } from '../search/AnnotationFilter';
import { ROW_HEIGHT, useRowWindow } from './useRowWindow';
import { useSelectedInView } from './useSelectedInView';

interface Props {
  annotations: AnnotationStore;
  selection: ValueStore<string | null>;
  labels: readonly Label[];
  onSelect: (id: string) => void;
}

const PROBLEM_TEXT = {
  'text-mismatch': 'The text changed since this was tagged; it is shown at its old place',
  'out-of-range': 'The text is now shorter than this span; it cannot be drawn',
} as const;

interface RowProps {
  annotation: AnnotationView;
  label: Label | undefined;
  isSelected: boolean;
  /** Top of the row in a windowed list (px), or undefined when the list is not windowed. */
  top: number | undefined;
  onSelect: (id: string) => void;
}

const AnnotationRow = memo(function AnnotationRow({ annotation: a, label, isSelected, top, onSelect }: RowProps) {
  return (
    <li style={top === undefined ? undefined : { top }}>
      <button
        type="button"
        className={`annotation-item${isSelected ? ' selected' : ''}`}
        data-annotation-id={a.id}
        data-label={a.label}
        aria-pressed={isSelected}
        onClick={() => onSelect(a.id)}
      >
        <span className="label-tag" style={{ '--hl': label?.color ?? '#888888' } as CSSProperties}>
          {label?.name ?? a.label}
        </span>
        <span className="covered">{a.text}</span>
        {a.problem !== undefined && (
          <span className="badge badge-warn" title={PROBLEM_TEXT[a.problem]}>
            ⚠ text changed
          </span>
        )}
      </button>
    </li>
  );
});

export function AnnotationList({ annotations: store, selection, labels, onSelect }: Props) {
  useSyncExternalStore(store.subscribe, store.getVersion);
  const annotations = store.list();
  const selectedId = useValue(selection);
  const byId = useMemo(() => new Map(labels.map((l) => [l.id, l])), [labels]);
  const listRef = useSelectedInView(selectedId);
  const [query, setQuery] = useState<AnnotationQuery>({ label: null, text: '' });
  const counts = store.labelCounts();
  const shown = useMemo(() => filterAnnotations(annotations, query), [annotations, query]);
  const isFiltered = !isEmptyQuery(query);
  const scrollerRef = useRef<HTMLElement>(null);
  const selectedIndex = useMemo(() => shown.findIndex((a) => a.id === selectedId), [shown, selectedId]);
  const rows = useRowWindow(scrollerRef, listRef, shown.length, selectedIndex);
  return (
    <aside
      className={`annotation-list${rows.isWindowed ? ' windowed' : ''}`}
      aria-label="Annotations"
      ref={scrollerRef}
    >
      <header className="pane-header">
        <h2>Annotations</h2>
        <span className="muted" data-testid="annotation-count">
          {isFiltered ? `${shown.length} of ${annotations.length}` : annotations.length}
        </span>
      </header>
      {(annotations.length > 0 || isFiltered) && (
        <AnnotationFilter query={query} onQuery={setQuery} labels={labels} counts={counts} total={annotations.length} />
      )}
      {annotations.length === 0 ? (
        <p className="empty">Select words in the text and press a label key to tag them.</p>
      ) : shown.length === 0 ? (
        <p className="empty">
          No span matches the filter.{' '}
          <button type="button" className="link" onClick={() => setQuery({ label: null, text: '' })}>
            Show all
          </button>
        </p>
      ) : (
        <ol ref={listRef} style={rows.isWindowed ? { height: shown.length * ROW_HEIGHT } : undefined}>
          {shown.slice(rows.first, rows.last).map((a, i) => (
            <AnnotationRow
              key={a.id}
              annotation={a}
              label={byId.get(a.label)}
              isSelected={a.id === selectedId}
              top={rows.isWindowed ? (rows.first + i) * ROW_HEIGHT : undefined}
              onSelect={onSelect}
            />
          ))}
        </ol>
      )}
    </aside>
  );
}
