/**
 * This document's annotations in text order: label chip and covered text; a click selects one. A
 * filter above narrows the list to one label and to spans containing some words.
 */
import { useMemo, useRef, useState, type CSSProperties } from 'react';
import type { AnnotationView, Label } from '@api/contract';
import { countByLabel, filterAnnotations, isEmptyQuery, type AnnotationQuery } from '../search/annotation-filter';
import { AnnotationFilter } from '../search/AnnotationFilter';
import { ROW_HEIGHT, useRowWindow } from './useRowWindow';
import { useSelectedInView } from './useSelectedInView';

interface Props {
  annotations: readonly AnnotationView[];
  labels: readonly Label[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}

const PROBLEM_TEXT = {
  'text-mismatch': 'The text changed since this was tagged; it is shown at its old place',
  'out-of-range': 'The text is now shorter than this span; it cannot be drawn',
} as const;

export function AnnotationList({ annotations, labels, selectedId, onSelect }: Props) {
  const byId = new Map(labels.map((l) => [l.id, l]));
  const listRef = useSelectedInView(selectedId);
  const [query, setQuery] = useState<AnnotationQuery>({ label: null, text: '' });
  const counts = useMemo(() => countByLabel(annotations), [annotations]);
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
          {shown.slice(rows.first, rows.last).map((a, i) => {
            const label = byId.get(a.label);
            return (
              <li key={a.id} style={rows.isWindowed ? { top: (rows.first + i) * ROW_HEIGHT } : undefined}>
                <button
                  type="button"
                  className={`annotation-item${a.id === selectedId ? ' selected' : ''}`}
                  data-annotation-id={a.id}
                  data-label={a.label}
                  aria-pressed={a.id === selectedId}
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
          })}
        </ol>
      )}
    </aside>
  );
}
