/** The annotation list's filter: one chip per label used in the document (or all), and a text to look for. */
import type { CSSProperties } from 'react';
import type { Label } from '@api/contract';
import type { AnnotationQuery } from './annotation-filter';

interface Props {
  query: AnnotationQuery;
  onQuery: (query: AnnotationQuery) => void;
  labels: readonly Label[];
  /** Annotations per label id in the document. */
  counts: ReadonlyMap<string, number>;
  total: number;
}

export function AnnotationFilter({ query, onQuery, labels, counts, total }: Props) {
  const known = new Set(labels.map((l) => l.id));
  // Labels in use, in palette order, then any the label set no longer has.
  const chips = [
    ...labels.filter((l) => counts.has(l.id) || l.id === query.label),
    ...[...counts.keys()].filter((id) => !known.has(id)).map((id) => ({ id, name: id, color: '#888888' })),
  ];
  return (
    <div className="annotation-filter" data-testid="annotation-filter">
      <div className="filter-chips" role="radiogroup" aria-label="Show the spans of">
        <button
          type="button"
          role="radio"
          aria-checked={query.label === null}
          className={query.label === null ? 'on' : ''}
          onClick={() => onQuery({ ...query, label: null })}
        >
          All <span className="muted">{total}</span>
        </button>
        {chips.map((label) => (
          <button
            key={label.id}
            type="button"
            role="radio"
            aria-checked={query.label === label.id}
            className={`label-filter${query.label === label.id ? ' on' : ''}`}
            data-label={label.id}
            style={{ '--hl': label.color } as CSSProperties}
            onClick={() => onQuery({ ...query, label: query.label === label.id ? null : label.id })}
          >
            <span className="swatch" aria-hidden="true" />
            {label.name} <span className="muted">{counts.get(label.id) ?? 0}</span>
          </button>
        ))}
      </div>
      <input
        type="search"
        className="annotation-search"
        aria-label="Filter the spans by text"
        placeholder="Filter by text…"
        value={query.text}
        onChange={(e) => onQuery({ ...query, text: e.target.value })}
      />
    </div>
  );
}
