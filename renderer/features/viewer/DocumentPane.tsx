/** The middle pane: the document's title, its status switch, and the text. */
import type { Ref } from 'react';
import {
  DOC_STATUSES,
  type AnnotationView,
  type DocStatus,
  type DocumentSummary,
  type Label,
  type ReviewState,
} from '@api/contract';
import { Segmented } from '../../components/Segmented';
import { STATUS_NAMES } from '../documents/StatusBadge';
import type { OpenDocument } from '../../state/app-state';
import { TextView, type TextViewHandle } from './TextView';

interface Props {
  doc: OpenDocument;
  summary: DocumentSummary | undefined;
  labels: readonly Label[];
  selectedId: string | null;
  onPick: (ids: string[]) => void;
  onStatus: (status: DocStatus) => void;
  /** Sets (YYYY-MM-DD) or clears (null) the publication date. */
  onPublishedAt?: (date: string | null) => void;
  viewRef: Ref<TextViewHandle>;
  /** Opens the review of spans whose text changed; offered when some do not match. */
  onReviewAnchors?: () => void;
  /** In tag mode: what is drawn (your annotations and the open suggestions); default your annotations. */
  annotations?: readonly AnnotationView[];
  /** In review mode: the spans drawn instead of your own, their lanes, and the review state. */
  review?: {
    annotations: readonly AnnotationView[];
    lanes: ReadonlyMap<string, number>;
    state: ReviewState;
    onState: (state: ReviewState) => void;
  };
}

const STATUS_OPTIONS = DOC_STATUSES.map((id) => ({ id, name: STATUS_NAMES[id] }));
const REVIEW_STATES: { id: ReviewState; name: string }[] = [
  { id: 'open', name: 'Open' },
  { id: 'adjudicated', name: 'Adjudicated' },
];

export function DocumentPane({
  doc,
  summary,
  labels,
  selectedId,
  onPick,
  onStatus,
  onPublishedAt,
  viewRef,
  onReviewAnchors,
  annotations,
  review,
}: Props) {
  const mismatched = doc.annotations.filter((a) => a.problem !== undefined).length;
  return (
    <main className="document-pane">
      <header className="document-header">
        <div className="document-title">
          <h1>{summary?.title ?? doc.docId}</h1>
          <span className="muted" title={summary?.sha256 ? `SHA-256 ${summary.sha256}` : undefined}>
            {summary?.source}
          </span>
          {onPublishedAt && (
            <label className="published muted" title="Relative dates (“on Thursday”) are resolved against it">
              Published{' '}
              <input
                type="date"
                aria-label="Publication date"
                value={summary?.publishedAt ?? ''}
                onChange={(event) => onPublishedAt(event.target.value === '' ? null : event.target.value)}
              />
            </label>
          )}
        </div>
        {review ? (
          <Segmented
            className="status-switch"
            label="Review state"
            options={REVIEW_STATES}
            value={review.state}
            onChange={review.onState}
          />
        ) : (
          <Segmented
            className="status-switch"
            label="Status"
            options={STATUS_OPTIONS}
            value={summary?.status}
            onChange={onStatus}
          />
        )}
      </header>
      {mismatched > 0 && onReviewAnchors && (
        <div className="anchor-banner" role="status">
          The text changed since{' '}
          {mismatched === 1
            ? 'one of your spans was tagged; it is flagged where it was.'
            : `${mismatched} of your spans were tagged; they are flagged where they were.`}{' '}
          <button type="button" onClick={onReviewAnchors}>
            Find them again…
          </button>
        </div>
      )}
      <TextView
        docId={doc.docId}
        text={doc.text}
        annotations={review ? review.annotations : (annotations ?? doc.annotations)}
        labels={labels}
        selectedId={selectedId}
        lanes={review?.lanes}
        onPick={onPick}
        handleRef={viewRef}
      />
    </main>
  );
}
