/**
 * The spans of a text that changed since they were tagged: those found again elsewhere (the same
 * text, or a close match near the old place) to accept one by one or all at once, and those not
 * found, kept with their text as orphans (never deleted, still exported).
 */
import { useEffect, useState } from 'react';
import type { AnchorReview } from '@api/contract';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';

interface Props {
  docId: string;
  onClose: () => void;
  /** Called after spans were moved, so the open document is read again. */
  onMoved: () => void;
}

const HOW = { exact: 'same text', fuzzy: 'close match' } as const;

export function AnchorReviewDialog({ docId, onClose, onMoved }: Props) {
  const [review, setReview] = useState<AnchorReview | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api()
      .getAnchorReview(docId)
      .then(setReview)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [docId]);

  const accept = async (ids: string[] | 'all'): Promise<void> => {
    try {
      setReview(await api().acceptMovedSpans(docId, ids));
      onMoved();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Dialog title="Spans of a changed text" onClose={onClose} testId="anchor-review">
      <p className="hint">
        The file changed since these spans were tagged. Parley looked for each one again: at its old place, then the
        same text elsewhere, then a close match near the old place.
      </p>
      {review === null && error === null && <p>Looking for the spans…</p>}
      {review && (
        <>
          <h3>
            Found again ({review.moved.length}){' '}
            {review.moved.length > 1 && (
              <button type="button" onClick={() => void accept('all')}>
                Accept all
              </button>
            )}
          </h3>
          {review.moved.length === 0 ? (
            <p className="muted">None left to accept.</p>
          ) : (
            <ul className="anchor-list">
              {review.moved.map((m) => (
                <li key={m.id} data-annotation-id={m.id}>
                  <span className="anchor-label">{m.label}</span> <q>{m.oldText}</q>
                  {m.text !== m.oldText && (
                    <>
                      {' '}
                      → <q>{m.text}</q>
                    </>
                  )}{' '}
                  <span className="muted">
                    ({HOW[m.how]}, {m.annotator}, moved {m.start - m.oldStart >= 0 ? '+' : ''}
                    {m.start - m.oldStart} characters)
                  </span>{' '}
                  <button type="button" onClick={() => void accept([m.id])}>
                    Accept
                  </button>
                </li>
              ))}
            </ul>
          )}
          <h3>Not found ({review.orphans.length})</h3>
          {review.orphans.length === 0 ? (
            <p className="muted">Every span was found.</p>
          ) : (
            <>
              <p className="hint">
                Kept with their text and exported as they are; delete one from the list if it is no longer wanted.
              </p>
              <ul className="anchor-list">
                {review.orphans.map((o) => (
                  <li key={o.id} data-annotation-id={o.id}>
                    <span className="anchor-label">{o.label}</span> <q>{o.text}</q>{' '}
                    <span className="muted">({o.annotator})</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
