/** The selected span: who tagged it, its label and text, and its comment thread with a box to reply. */
import { useState } from 'react';
import type { AnnotationView, Label, ReviewSpan } from '@api/contract';

interface Props {
  span: AnnotationView | ReviewSpan;
  labels: readonly Label[];
  onComment: (annotationId: string, text: string) => Promise<boolean>;
}

const when = (iso: string): string => new Date(iso).toLocaleString();

export function SpanDetails({ span, labels, onComment }: Props) {
  const [draft, setDraft] = useState('');
  const label = labels.find((l) => l.id === span.label);
  const submit = async (): Promise<void> => {
    if (draft.trim() === '') return;
    if (await onComment(span.id, draft)) setDraft('');
  };
  return (
    <section className="span-details" aria-label="Selected span" data-testid="span-details">
      <h3>
        {label?.name ?? span.label} · {span.annotator}
      </h3>
      <blockquote>{span.text}</blockquote>
      <ol className="comments" aria-label="Comments">
        {(span.comments ?? []).map((c, index) => (
          <li key={index}>
            <span className="comment-head">
              <strong>{c.author}</strong> <span className="muted">{when(c.at)}</span>
            </span>
            <span className="comment-text">{c.text}</span>
          </li>
        ))}
      </ol>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <textarea
          aria-label="Add a comment"
          placeholder="Add a comment (Ctrl+Enter)"
          value={draft}
          rows={2}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              void submit();
            }
          }}
        />
        <button type="submit" disabled={draft.trim() === ''}>
          Comment
        </button>
      </form>
    </section>
  );
}
