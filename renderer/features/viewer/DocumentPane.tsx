/** The middle pane: the document's title, its status switch, and the text. */
import { memo, useSyncExternalStore, type Ref } from 'react';
import { DOC_STATUSES, type DocStatus, type DocumentSummary, type Label, type ReviewState } from '@api/contract';
import { Segmented } from '../../components/Segmented';
import { STATUS_NAMES } from '../documents/StatusBadge';
import type { AnnotationStore } from '../../state/annotation-store';
import type { OpenDocument } from '../../state/app-state';
import { useSelected, type ValueStore } from '../../state/value-store';
import type { HighlightSource } from './highlight-source';
import { TextView, type TextViewHandle, type ViewPlace } from './TextView';

interface Props {
  doc: OpenDocument;
  /** The corpus's summaries; the pane shows its document's (title, status, date). */
  documents: ValueStore<readonly DocumentSummary[]>;
  labels: readonly Label[];
  /** The analyst's own annotations (for the banner about spans whose text changed). */
  annotations: AnnotationStore;
  /** What the text draws: your annotations and suggestions, or review's spans. */
  source: HighlightSource;
  selection: ValueStore<string | null>;
  placeOf: (docId: string) => ViewPlace | undefined;
  onPick: (ids: string[]) => void;
  onStatus: (status: DocStatus) => void;
  /** Sets (YYYY-MM-DD) or clears (null) the publication date. */
  onPublishedAt?: (date: string | null) => void;
  viewRef: Ref<TextViewHandle>;
  /** Opens the review of spans whose text changed; offered when some do not match. */
  onReviewAnchors?: () => void;
  /** In review mode: the lanes of the spans drawn, and the review state. */
  review?: {
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

/** How many of your spans no longer match the text, following the store. */
function useMismatched(store: AnnotationStore): number {
  // The count is the snapshot: the pane re-renders only when it changes, not at every tag.
  return useSyncExternalStore(store.subscribe, () => store.list().filter((a) => a.problem !== undefined).length);
}

export const DocumentPane = memo(function DocumentPane({
  doc,
  documents,
  labels,
  annotations,
  source,
  selection,
  placeOf,
  onPick,
  onStatus,
  onPublishedAt,
  viewRef,
  onReviewAnchors,
  review,
}: Props) {
  const mismatched = useMismatched(annotations);
  const summary = useSelected(documents, (docs) => docs.find((d) => d.id === doc.docId));
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
        source={source}
        selection={selection}
        labels={labels}
        lanes={review?.lanes}
        placeOf={placeOf}
        onPick={onPick}
        handleRef={viewRef}
      />
    </main>
  );
});
