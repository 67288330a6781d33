/** The middle pane: the document's title, its status switch, and the text. */
import type { Ref } from 'react';
import { DOC_STATUSES, type DocStatus, type DocumentSummary, type Label } from '@api/contract';
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
  viewRef: Ref<TextViewHandle>;
}

export function DocumentPane({ doc, summary, labels, selectedId, onPick, onStatus, viewRef }: Props) {
  return (
    <main className="document-pane">
      <header className="document-header">
        <div className="document-title">
          <h1>{summary?.title ?? doc.docId}</h1>
          <span className="muted" title={summary?.sha256 ? `SHA-256 ${summary.sha256}` : undefined}>
            {summary?.source}
          </span>
        </div>
        <div className="status-switch" role="radiogroup" aria-label="Status">
          {DOC_STATUSES.map((status) => (
            <button
              key={status}
              type="button"
              role="radio"
              aria-checked={summary?.status === status}
              className={summary?.status === status ? 'on' : ''}
              onClick={() => onStatus(status)}
            >
              {STATUS_NAMES[status]}
            </button>
          ))}
        </div>
      </header>
      <TextView
        docId={doc.docId}
        text={doc.text}
        annotations={doc.annotations}
        labels={labels}
        selectedId={selectedId}
        onPick={onPick}
        handleRef={viewRef}
      />
    </main>
  );
}
