/**
 * The corpus: the annotator's progress, a corpus search, a status filter and an order, then each
 * document with title, span count, status (or search hits), and an error badge when unusable.
 */
import { memo, useMemo, useRef, useState } from 'react';
import type { DocumentSummary, ReviewSummary } from '@api/contract';
import { useValue, type ValueStore } from '../../state/value-store';
import { useRowWindow } from '../annotations/useRowWindow';
import { listedDocuments, type DocumentSort, type StatusFilter } from '../search/document-filter';
import { DocumentFilters } from '../search/DocumentFilters';
import { useCorpusSearch } from '../search/useCorpusSearch';
import { CorpusProgressBar } from '../stats/CorpusProgressBar';
import { corpusProgress } from '../stats/progress';
import { StatusBadge } from './StatusBadge';

interface Props {
  documents: ValueStore<readonly DocumentSummary[]>;
  currentId: string | undefined;
  onOpen: (docId: string) => void;
  onOpenFolder: () => void;
  /** In review: each document's review progress instead of your status. */
  reviewSummaries?: readonly ReviewSummary[];
}

/** Height of one document in a windowed list (px); `.doc-list.windowed` in the CSS matches it. */
export const DOC_ROW_HEIGHT = 76;

interface RowProps {
  doc: DocumentSummary;
  hits: number | undefined;
  isCurrent: boolean;
  /** In review: the document's review progress; null in tag mode. */
  review: ReviewSummary | null | undefined;
  top: number | undefined;
  onOpen: (docId: string) => void;
}

/** One document of the list, drawn again only when its summary, hits or review change. */
const DocumentRow = memo(function DocumentRow({ doc, hits, isCurrent, review, top, onOpen }: RowProps) {
  return (
    <li style={top === undefined ? undefined : { top }}>
      <button
        type="button"
        className={`doc-item${isCurrent ? ' current' : ''}${doc.error ? ' broken' : ''}`}
        data-doc-id={doc.id}
        aria-current={isCurrent ? 'true' : undefined}
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
          ) : review !== null ? (
            <ReviewBadge summary={review} />
          ) : (
            <>
              <StatusBadge status={doc.status} />
              <span className="count" data-testid="span-count">
                {doc.spanCount} {doc.spanCount === 1 ? 'span' : 'spans'}
              </span>
              {doc.flaggedCount > 0 && <span className="badge badge-warn">{doc.flaggedCount} flagged</span>}
            </>
          )}
          {hits !== undefined && (
            <span className="badge badge-hits" data-testid="hit-count">
              {hits} {hits === 1 ? 'hit' : 'hits'}
            </span>
          )}
        </span>
      </button>
    </li>
  );
});

export function DocumentList({ documents: store, currentId, onOpen, onOpenFolder, reviewSummaries }: Props) {
  const documents = useValue(store);
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [sort, setSort] = useState<DocumentSort>('order');
  const search = useCorpusSearch(query, documents.length);
  const listed = useMemo(
    () => listedDocuments(documents, { status, sort, hits: search.hits }),
    [documents, status, sort, search.hits],
  );
  const progress = useMemo(() => corpusProgress(documents), [documents]);
  const reviews = useMemo(
    () => reviewSummaries && new Map(reviewSummaries.map((r) => [r.docId, r])),
    [reviewSummaries],
  );
  const scrollerRef = useRef<HTMLElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const currentIndex = useMemo(() => listed.findIndex((item) => item.doc.id === currentId), [listed, currentId]);
  const rows = useRowWindow(scrollerRef, listRef, listed.length, currentIndex, DOC_ROW_HEIGHT);
  const hitTotal = listed.reduce((sum, item) => sum + (item.hits ?? 0), 0);
  const searchSummary =
    search.hits === null
      ? null
      : search.isBusy && search.hits.length === 0
        ? 'Searching…'
        : `${listed.length} ${listed.length === 1 ? 'document' : 'documents'}, ${hitTotal} ${hitTotal === 1 ? 'hit' : 'hits'}`;
  return (
    <nav className={`doc-list${rows.isWindowed ? ' windowed' : ''}`} aria-label="Documents" ref={scrollerRef}>
      <header className="pane-header">
        <h2>Documents</h2>
        <button
          type="button"
          className="ghost"
          onClick={onOpenFolder}
          title="Add a folder of .txt or .md files (Ctrl+O)"
        >
          Open Folder…
        </button>
      </header>
      <CorpusProgressBar progress={progress} />
      <DocumentFilters
        query={query}
        onQuery={setQuery}
        status={status}
        onStatus={setStatus}
        sort={sort}
        onSort={setSort}
        searchSummary={searchSummary}
        searchError={search.error}
      />
      {listed.length === 0 && !search.isBusy && <p className="empty doc-list-empty">{emptyText(query, status)}</p>}
      <ol ref={listRef} style={rows.isWindowed ? { height: listed.length * DOC_ROW_HEIGHT } : undefined}>
        {listed.slice(rows.first, rows.last).map(({ doc, hits }, i) => (
          <DocumentRow
            key={doc.id}
            doc={doc}
            hits={hits}
            isCurrent={doc.id === currentId}
            review={reviews ? reviews.get(doc.id) : null}
            top={rows.isWindowed ? (rows.first + i) * DOC_ROW_HEIGHT : undefined}
            onOpen={onOpen}
          />
        ))}
      </ol>
    </nav>
  );
}

const STATUS_WORDS: Record<Exclude<StatusFilter, 'all'>, string> = {
  todo: 'to do',
  'in-progress': 'in progress',
  done: 'done',
};

function emptyText(query: string, status: StatusFilter): string {
  const which = status === 'all' ? '' : ` ${STATUS_WORDS[status]}`;
  return query.trim() === '' ? `No documents${which}.` : `No documents${which} contain “${query.trim()}”.`;
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
