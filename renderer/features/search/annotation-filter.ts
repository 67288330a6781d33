/** Which of a document's annotations the list shows: one label or all, and a text to look for. Pure. */
import type { AnnotationView } from '@api/contract';

export interface AnnotationQuery {
  /** A label id, or null for every label. */
  label: string | null;
  /** Words the covered text, an attribute value or the note must contain (case-insensitive). */
  text: string;
}

/** Whether a query shows every annotation. */
export const isEmptyQuery = (query: AnnotationQuery): boolean => query.label === null && query.text.trim() === '';

/** The annotations that match, in their order. */
export function filterAnnotations(
  annotations: readonly AnnotationView[],
  query: AnnotationQuery,
): readonly AnnotationView[] {
  if (isEmptyQuery(query)) return annotations;
  const needle = query.text.trim().toLocaleLowerCase();
  return annotations.filter((a) => {
    if (query.label !== null && a.label !== query.label) return false;
    if (needle === '') return true;
    const haystack = [a.text, ...Object.values(a.attributes ?? {}), a.note ?? ''];
    return haystack.some((field) => field.toLocaleLowerCase().includes(needle));
  });
}
