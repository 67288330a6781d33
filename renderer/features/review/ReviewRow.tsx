/** One row of the review list: label, covered text, annotator with its lane, class and resolution. */
import { memo, type CSSProperties } from 'react';
import type { AnnotationView, Label, ReviewSpan } from '@api/contract';
import { CLASS_NAMES } from './review-list';

interface Props {
  span: ReviewSpan | AnnotationView;
  label: Label | undefined;
  /** The annotator's lane class suffix: its index modulo 4, or `gold`. */
  lane: string;
  isSelected: boolean;
  /** Top of the row in a windowed list (px), or undefined when the list is not windowed. */
  top: number | undefined;
  onSelect: (id: string) => void;
}

/** Drawn again only when its span, label, lane, selection or place changes. */
export const ReviewRow = memo(function ReviewRow({ span: a, label, lane, isSelected, top, onSelect }: Props) {
  const span = 'cls' in a ? a : undefined;
  return (
    <li style={top === undefined ? undefined : { top }}>
      <button
        type="button"
        className={`annotation-item${isSelected ? ' selected' : ''}${span?.resolution ? ` ${span.resolution}` : ''}`}
        data-annotation-id={a.id}
        data-annotator={a.annotator}
        data-class={span?.cls ?? 'gold'}
        aria-pressed={isSelected}
        onClick={() => onSelect(a.id)}
      >
        <span className="label-tag" style={{ '--hl': label?.color ?? '#888888' } as CSSProperties}>
          {label?.name ?? a.label}
        </span>
        <span className="covered">{a.text}</span>
        <span className="review-meta">
          <span className={`lane-key lane-${lane}`} />
          {a.annotator}
          {span && span.cls !== 'agreed' && <span className="badge">{CLASS_NAMES[span.cls]}</span>}
          {span?.resolution && <span className={`badge badge-${span.resolution}`}>{span.resolution}</span>}
          {(a.comments?.length ?? 0) > 0 && <span className="badge">💬 {a.comments?.length}</span>}
        </span>
      </button>
    </li>
  );
});
