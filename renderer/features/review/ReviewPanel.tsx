/**
 * The right pane in review mode: the document's spans filtered by class (open disagreements by
 * default), each with its annotator, label and resolution, and the selected span's details and
 * comment thread below.
 */
import type { CSSProperties } from 'react';
import { GOLD, REVIEW_CLASSES, type AnnotationView, type Label, type ReviewSpan } from '@api/contract';
import { Segmented } from '../../components/Segmented';
import { useValue, type ValueStore } from '../../state/value-store';
import { useSelectedInView } from '../annotations/useSelectedInView';
import type { ReviewController, ReviewFilter } from './useReview';
import { SpanDetails } from './SpanDetails';

export const CLASS_NAMES: Record<ReviewSpan['cls'], string> = {
  agreed: 'Agreed',
  label: 'Label differs',
  boundary: 'Boundary differs',
  partial: 'Not everyone',
  only: 'Only one',
};

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

const matches = (filter: ReviewFilter, span: ReviewSpan): boolean =>
  filter === 'all' ||
  (filter === 'open' ? span.cls !== 'agreed' && span.resolution === undefined : span.cls === filter);

export function ReviewPanel({ review, labels, selection, onSelect }: Props) {
  const selectedId = useValue(selection);
  const { view, filter } = review;
  const byId = new Map(labels.map((l) => [l.id, l]));
  const listRef = useSelectedInView(selectedId);
  if (!view) return <aside className="annotation-list review-panel" aria-label="Review" />;
  const shown: (ReviewSpan | AnnotationView)[] =
    filter === 'gold' ? view.gold : view.spans.filter((s) => matches(filter, s));
  const count = (f: ReviewFilter): number =>
    f === 'gold' ? view.gold.length : view.spans.filter((s) => matches(f, s)).length;
  const selected = view.spans.find((s) => s.id === selectedId) ?? view.gold.find((g) => g.id === selectedId);
  return (
    <aside className="annotation-list review-panel" aria-label="Review" data-testid="review-panel">
      <header className="pane-header">
        <h2>Review</h2>
        <span className="muted" data-testid="review-remaining">
          {view.remaining} open of {view.spans.filter((s) => s.cls !== 'agreed').length} disagreements
        </span>
      </header>
      <Segmented
        className="filter-chips"
        label="Show"
        options={FILTERS.map((f) => ({
          id: f.id,
          name: (
            <>
              {f.name} <span className="muted">{count(f.id)}</span>
            </>
          ),
        }))}
        value={filter}
        onChange={review.setFilter}
      />
      {shown.length === 0 ? (
        <p className="empty">{filter === 'open' ? 'No open disagreements in this document.' : 'Nothing here.'}</p>
      ) : (
        <ol ref={listRef}>
          {shown.map((a) => {
            const label = byId.get(a.label);
            const span = 'cls' in a ? a : undefined;
            return (
              <li key={a.id}>
                <button
                  type="button"
                  className={`annotation-item${a.id === selectedId ? ' selected' : ''}${span?.resolution ? ` ${span.resolution}` : ''}`}
                  data-annotation-id={a.id}
                  data-annotator={a.annotator}
                  data-class={span?.cls ?? 'gold'}
                  aria-pressed={a.id === selectedId}
                  onClick={() => onSelect(a.id)}
                >
                  <span className="label-tag" style={{ '--hl': label?.color ?? '#888888' } as CSSProperties}>
                    {label?.name ?? a.label}
                  </span>
                  <span className="covered">{a.text}</span>
                  <span className="review-meta">
                    <span
                      className={`lane-key lane-${a.annotator === GOLD ? 'gold' : (review.lanes.get(a.annotator) ?? 0) % 4}`}
                    />
                    {a.annotator}
                    {span && span.cls !== 'agreed' && <span className="badge">{CLASS_NAMES[span.cls]}</span>}
                    {span?.resolution && <span className={`badge badge-${span.resolution}`}>{span.resolution}</span>}
                    {(a.comments?.length ?? 0) > 0 && <span className="badge">💬 {a.comments?.length}</span>}
                  </span>
                </button>
              </li>
            );
          })}
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
