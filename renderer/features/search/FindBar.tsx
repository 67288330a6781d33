/**
 * Find in the document (Ctrl+F): a small bar over the text. Typing highlights every hit; Enter and
 * Shift+Enter step to the next and previous one; Escape closes the bar, clears the hits and leaves
 * the current hit selected in the text, so a label key tags it.
 */
import { useEffect, useRef, useState } from 'react';
import type { TextViewHandle } from '../viewer/TextView';
import { describeHits } from './find-hits';
import { useFindInText } from './useFindInText';

interface Props {
  docId: string | undefined;
  /** The open document's whole text. */
  text: string;
  view: React.RefObject<TextViewHandle | null>;
  /** Changes each time Ctrl+F is pressed, to focus the field again. */
  focusRequest: number;
  onClose: () => void;
  /** Gives the keyboard back to the text. */
  focusText: () => void;
}

export function FindBar({ docId, text, view, focusRequest, onClose, focusText }: Props) {
  const [query, setQuery] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const { count, current, step, currentHit } = useFindInText(query, true, docId, text, view);
  const close = (): void => {
    const hit = currentHit();
    onClose();
    // The hit becomes the text's selection, so a label key tags it.
    if (hit) view.current?.select(hit.start, hit.end);
    else focusText();
  };
  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [focusRequest]);
  return (
    <div className="find-bar" data-testid="find-bar" role="search" aria-label="Find in the document">
      <input
        ref={inputRef}
        type="text"
        aria-label="Find in the document"
        placeholder="Find in the document"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            step(event.shiftKey ? -1 : 1);
          } else if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            close();
          } else if (event.key.toLowerCase() === 'f' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            event.currentTarget.select();
          }
        }}
      />
      <span className="find-count" data-testid="find-count" aria-live="polite">
        {query === '' ? '' : describeHits(current, count)}
      </span>
      <button
        type="button"
        className="ghost"
        title="Previous hit (Shift+Enter)"
        aria-label="Previous hit"
        disabled={count === 0}
        onClick={() => step(-1)}
      >
        ↑
      </button>
      <button
        type="button"
        className="ghost"
        title="Next hit (Enter)"
        aria-label="Next hit"
        disabled={count === 0}
        onClick={() => step(1)}
      >
        ↓
      </button>
      <button type="button" className="ghost" title="Close (Escape)" aria-label="Close find" onClick={close}>
        ✕
      </button>
    </div>
  );
}
