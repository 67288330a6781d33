/** The corpus: each document with title, span count, status, and an error badge when unusable. */
import type { DocumentSummary, ReviewSummary } from '@api/contract';
import { StatusBadge } from './StatusBadge';

interface Props {
  documents: readonly DocumentSummary[];
  currentId: string | undefined;
  onOpen: (docId: string) => void;
  onOpenFolder: () => void;
  /** In review: each document's review progress instead of your status. */
  reviewSummaries?: readonly ReviewSummary[];
}

export function DocumentList({ documents, currentId, onOpen, onOpenFolder, reviewSummaries }: Props) {
  const done = documents.filter((d) => d.status === 'done').length;
  const reviews = reviewSummaries && new Map(reviewSummaries.map((r) => [r.docId, r]));
  return (
    <nav className="doc-list" aria-label="Documents">
      <header className="pane-header">
        <h2>Documents</h2>
        <span className="muted">
          {done}/{documents.length} done
        </span>
        <button
          type="button"
          className="ghost"
          onClick={onOpenFolder}
          title="Add a folder of .txt or .md files (Ctrl+O)"
        >
          Open Folder…
        </button>
      </header>
      <ol>
        {documents.map((doc) => (
          <li key={doc.id}>
            <button
              type="button"
              className={`doc-item${doc.id === currentId ? ' current' : ''}${doc.error ? ' broken' : ''}`}
              data-doc-id={doc.id}
              aria-current={doc.id === currentId ? 'true' : undefined}
              disabled={doc.error !== undefined}
              title={doc.error ? `${doc.source}: ${doc.error}` : doc.source}
              onClick={() => onOpen(doc.id)}
            >
              <span className="doc-title">{doc.title}</span>
              <span className="doc-meta">
                {doc.error !== undefined ? (
                  <span className="badge badge-error" data-testid="doc-error">
                    Can’t open: {doc.error}
                  </span>
                ) : reviews ? (
                  <ReviewBadge summary={reviews.get(doc.id)} />
                ) : (
                  <>
                    <StatusBadge status={doc.status} />
                    <span className="count" data-testid="span-count">
                      {doc.spanCount} {doc.spanCount === 1 ? 'span' : 'spans'}
                    </span>
                    {doc.flaggedCount > 0 && <span className="badge badge-warn">{doc.flaggedCount} flagged</span>}
                  </>
                )}
              </span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function ReviewBadge({ summary }: { summary: ReviewSummary | undefined }) {
  if (!summary) return null;
  const isDone = summary.state === 'adjudicated';
  return (
    <span className="count" data-testid="review-count">
      <span className={`badge ${isDone ? 'badge-done' : ''}`}>{isDone ? 'Adjudicated' : 'Open'}</span>{' '}
      {summary.remaining > 0
        ? `${summary.remaining} of ${summary.disagreements} disagreements open`
        : `${summary.disagreements} disagreements, none open`}
    </span>
  );
}
