/**
 * A corpus search as the person types: main is asked once they pause (debounced), answers to an
 * older query are dropped, and an empty query means no search.
 */
import { useEffect, useState } from 'react';
import type { SearchHit } from '@api/contract';
import { api, messageOf } from '../../api';

/** Pause after the last key before the corpus is searched. */
export const SEARCH_DEBOUNCE_MS = 250;

export interface CorpusSearch {
  /** The hits of the current query; null while no query is active. */
  hits: SearchHit[] | null;
  isBusy: boolean;
  error: string | null;
}

interface Answer {
  query: string;
  version: number;
  hits: SearchHit[] | null;
  error: string | null;
}

/** Searches for `query` (trimmed); `version` changes when the corpus does, to search again. */
export function useCorpusSearch(query: string, version: number): CorpusSearch {
  const needle = query.trim();
  const [answer, setAnswer] = useState<Answer | null>(null);
  useEffect(() => {
    if (needle === '') return;
    let isCurrent = true;
    const timer = setTimeout(() => {
      api()
        .searchCorpus(needle)
        .then(
          (hits) => isCurrent && setAnswer({ query: needle, version, hits, error: null }),
          (error: unknown) => isCurrent && setAnswer({ query: needle, version, hits: null, error: messageOf(error) }),
        );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [needle, version]);
  if (needle === '') return { hits: null, isBusy: false, error: null };
  const isFresh = answer?.query === needle && answer.version === version;
  // While the next answer is coming, the list keeps showing the previous one (no flicker to "all").
  return { hits: answer?.hits ?? [], isBusy: !isFresh, error: isFresh ? answer.error : null };
}
