/** The rows of the Statistics view, from main's SessionStats: time per document, spans per label. Pure. */
import type { DocumentSummary, Label, SessionStats } from '@api/contract';

export interface TimeRow {
  docId: string;
  title: string;
  ms: number;
  /** The current annotator's spans in the document. */
  spans: number;
}

export interface LabelRow {
  id: string;
  name: string;
  color: string;
  mine: number;
  corpus: number;
}

/** Documents with active time, most time first; a document no longer listed shows its id. */
export function timeRows(activeMs: SessionStats['activeMs'], documents: readonly DocumentSummary[]): TimeRow[] {
  const byId = new Map(documents.map((d) => [d.id, d]));
  return Object.entries(activeMs)
    .filter(([, ms]) => ms > 0)
    .map(([docId, ms]) => ({
      docId,
      ms,
      title: byId.get(docId)?.title ?? docId,
      spans: byId.get(docId)?.spanCount ?? 0,
    }))
    .sort((a, b) => b.ms - a.ms || a.title.localeCompare(b.title));
}

/** One row per label in palette order, then labels only the spans still name (grey). */
export function labelRows(counts: SessionStats['labelCounts'], labels: readonly Label[]): LabelRow[] {
  const known = new Set(labels.map((l) => l.id));
  const extra = [...new Set([...Object.keys(counts.corpus), ...Object.keys(counts.mine)])]
    .filter((id) => !known.has(id))
    .sort();
  return [
    ...labels.map((l) => ({ id: l.id, name: l.name, color: l.color })),
    ...extra.map((id) => ({ id, name: id, color: '#868e96' })),
  ].map((l) => ({ ...l, mine: counts.mine[l.id] ?? 0, corpus: counts.corpus[l.id] ?? 0 }));
}

/** Sum of a list of numbers. */
export const sumOf = (values: readonly number[]): number => values.reduce((sum, v) => sum + v, 0);
