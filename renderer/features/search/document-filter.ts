/**
 * What the document list shows: the corpus filtered by the current annotator's status and by a
 * corpus search, in the chosen order. Pure; the list and its controls call it.
 */
import type { DocStatus, DocumentSummary, SearchHit } from '@api/contract';

/** Which statuses the list shows. */
export type StatusFilter = 'all' | DocStatus;

/** How the list is ordered: as loaded, by title, or most spans first. */
export type DocumentSort = 'order' | 'name' | 'spans';

/** A document as listed, with its search hits while a search is active. */
export interface ListedDocument {
  doc: DocumentSummary;
  /** Occurrences of the searched words; absent when no search is active. */
  hits?: number;
}

export interface DocumentQuery {
  status: StatusFilter;
  sort: DocumentSort;
  /** The hits of the active corpus search; null when none is active. */
  hits: readonly SearchHit[] | null;
}

const byTitle = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * The documents to list. A status filter other than `all` hides unreadable documents (they have
 * no status of their own); an active search keeps only documents with hits. In `order`, a search
 * lists the most hits first; ties keep corpus order.
 */
export function listedDocuments(documents: readonly DocumentSummary[], query: DocumentQuery): ListedDocument[] {
  const hitCounts = query.hits && new Map(query.hits.map((h) => [h.docId, h.count]));
  const listed: { item: ListedDocument; index: number }[] = [];
  documents.forEach((doc, index) => {
    if (query.status !== 'all' && (doc.error !== undefined || doc.status !== query.status)) return;
    if (!hitCounts) return listed.push({ item: { doc }, index });
    const hits = hitCounts.get(doc.id);
    if (hits !== undefined) listed.push({ item: { doc, hits }, index });
  });
  const compare = (a: { item: ListedDocument; index: number }, b: { item: ListedDocument; index: number }): number => {
    switch (query.sort) {
      case 'name':
        return byTitle.compare(a.item.doc.title, b.item.doc.title) || a.item.doc.id.localeCompare(b.item.doc.id);
      case 'spans':
        return b.item.doc.spanCount - a.item.doc.spanCount;
      case 'order':
        return (b.item.hits ?? 0) - (a.item.hits ?? 0);
    }
  };
  return listed.sort((a, b) => compare(a, b) || a.index - b.index).map((entry) => entry.item);
}
