/**
 * Which highlights to redraw when the annotation list or the selection changes: only annotations
 * whose object changed, or whose selected state did. Pure.
 */
import type { AnnotationView } from '@api/contract';

export interface Drawn {
  annotations: readonly AnnotationView[];
  selectedId: string | null;
}

/** Ids to remove and annotations to draw again to go from `prev` to `next`. */
export function diffHighlights(prev: Drawn, next: Drawn): { removeIds: string[]; add: AnnotationView[] } {
  const before = new Map(prev.annotations.map((a) => [a.id, a]));
  const isReselected = (id: string): boolean => (id === prev.selectedId) !== (id === next.selectedId);
  const removeIds: string[] = [];
  const add: AnnotationView[] = [];
  const seen = new Set<string>();
  for (const a of next.annotations) {
    seen.add(a.id);
    const old = before.get(a.id);
    if (old === a && !isReselected(a.id)) continue;
    if (old !== undefined) removeIds.push(a.id);
    add.push(a);
  }
  for (const id of before.keys()) if (!seen.has(id)) removeIds.push(id);
  return { removeIds, add };
}
