/** Builders for the renderer tests: documents and annotations with only the fields a test cares about. */
import type { AnnotationView, DocumentSummary } from '@api/contract';

export const summaryOf = (id: string, changes: Partial<DocumentSummary> = {}): DocumentSummary => ({
  id,
  title: `Title of ${id}`,
  source: `/corpus/${id}.txt`,
  sha256: '0'.repeat(64),
  length: 100,
  status: 'todo',
  spanCount: 0,
  flaggedCount: 0,
  ...changes,
});

export const annotationOf = (
  id: string,
  start: number,
  end: number,
  changes: Partial<AnnotationView> = {},
): AnnotationView => ({
  id,
  docId: 'speech',
  start,
  end,
  label: 'quote',
  text: 'x'.repeat(end - start),
  annotator: 'ada',
  createdAt: '2024-05-01T00:00:00.000Z',
  updatedAt: '2024-05-01T00:00:00.000Z',
  rev: 0,
  ...changes,
});
