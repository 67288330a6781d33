/** The corpus progress of the current annotator: how many readable documents are done, started, to do. Pure. */
import type { DocumentSummary } from '@api/contract';

export interface CorpusProgress {
  /** Documents that can be annotated (unreadable files are left out). */
  total: number;
  done: number;
  inProgress: number;
  todo: number;
}

export function corpusProgress(documents: readonly DocumentSummary[]): CorpusProgress {
  const progress: CorpusProgress = { total: 0, done: 0, inProgress: 0, todo: 0 };
  for (const doc of documents) {
    if (doc.error !== undefined) continue;
    progress.total += 1;
    if (doc.status === 'done') progress.done += 1;
    else if (doc.status === 'in-progress') progress.inProgress += 1;
    else progress.todo += 1;
  }
  return progress;
}
