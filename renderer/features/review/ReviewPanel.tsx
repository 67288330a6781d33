/**
 * The right pane in review mode: the document's spans filtered by class (open disagreements by
 * default), each with its annotator, label and resolution, and the selected span's details and
 * comment thread below. A long list renders only the rows near its viewport, each drawn once
 * until it changes, and the counts are taken once per review view.
 */
import { useMemo, useRef } from 'react';
import { GOLD, REVIEW_CLASSES, type AnnotationView, type Label, type ReviewSpan } from '@api/contract';
import { Segmented } from '../../components/Segmented';
import { useValue, type ValueStore } from '../../state/value-store';
import { useRowWindow } from '../annotations/useRowWindow';
import { useSelectedInView } from '../annotations/useSelectedInView';
import { CLASS_NAMES, countsOf, shownOf, spanOf, type ReviewFilter } from './review-list';
import type { ReviewController } from './useReview';
import { ReviewRow } from './ReviewRow';
import { SpanDetails } from './SpanDetails';

const FILTERS: { id: ReviewFilter; name: string }[] = [
  { id: 'open', name: 'Open' },
  { id: 'all', name: 'All' },
  ...REVIEW_CLASSES.map((cls) => ({ id: cls, name: CLASS_NAMES[cls] })),
  { id: 'gold', name: 'Gold' },
];

interface Props {
  review: ReviewController;
  labels: readonly Label[];
  selection: ValueStore<string | null>;
  onSelect: (id: string) => void;
}

const NO_ROWS: readonly (ReviewSpan | AnnotationView)[] = [];
/** Height of a row of the windowed list (px): two lines; `.review-panel.windowed li` in styles.css matches it. */
const ROW_HEIGHT = 50;

export function ReviewPanel({ review, labels, selection, onSelect }: Props) {
  const selectedId = useValue(selection);
  const { view, filter, lanes } = review;
  const labelById = useMemo(() => new Map(labels.map((l) => [l.id, l])), [labels]);
  const listRef = useSelectedInView(selectedId);
  const scrollerRef = useRef<HTMLElement>(null);
  const shown = useMemo(() => (view ? shownOf(view, filter) : NO_ROWS), [view, filter]);
  const counts = useMemo(() => (view ? countsOf(view) : null), [view]);
  const rowOf = useMemo(() => new Map(shown.map((a, i) => [a.id, i])), [shown]);
  const selectedIndex = selectedId === null ? -1 : (rowOf.get(selectedId) ?? -1);
  const rows = useRowWindow(scrollerRef, listRef, shown.length, selectedIndex, ROW_HEIGHT);
  const laneOf = (annotator: string): string => (annotator === GOLD ? 'gold' : String((lanes.get(annotator) ?? 0) % 4));
  if (!view || !counts) return <aside className="annotation-list review-panel" aria-label="Review" />;
  const selected = selectedId === null ? undefined : spanOf(view, selectedId);
  return (
    <aside
      className={`annotation-list review-panel${rows.isWindowed ? ' windowed' : ''}`}
      aria-label="Review"
      data-testid="review-panel"
      ref={scrollerRef}
    >
      <header className="pane-header">
        <h2>Review</h2>
        <span className="muted" data-testid="review-remaining">
          {view.remaining} open of {counts.disagreements} disagreements
        </span>
      </header>
      <Segmented
        className="filter-chips"
        label="Show"
        options={FILTERS.map((f) => ({
          id: f.id,
          name: (
            <>
              {f.name} <span className="muted">{counts.byFilter[f.id]}</span>
            </>
          ),
        }))}
        value={filter}
        onChange={review.setFilter}
      />
      {shown.length === 0 ? (
        <p className="empty">{filter === 'open' ? 'No open disagreements in this document.' : 'Nothing here.'}</p>
      ) : (
        <ol ref={listRef} style={rows.isWindowed ? { height: shown.length * ROW_HEIGHT } : undefined}>
          {shown.slice(rows.first, rows.last).map((a, i) => (
            <ReviewRow
              key={a.id}
              span={a}
              label={labelById.get(a.label)}
              lane={laneOf(a.annotator)}
              isSelected={a.id === selectedId}
              top={rows.isWindowed ? (rows.first + i) * ROW_HEIGHT : undefined}
              onSelect={onSelect}
            />
          ))}
        </ol>
      )}
      {selected && <SpanDetails span={selected} labels={labels} onComment={review.addComment} />}
      <p className="review-keys muted">
        <kbd>n</kbd>/<kbd>p</kbd> next/previous open · <kbd>a</kbd> accept · <kbd>x</kbd> reject · label key: tag into
        gold · <kbd>b</kbd> move a gold span to the selection
      </p>
    </aside>
  );
}
