/**
 * Making a new annotation, in one place: its id, the text and context it covers, who made it and
 * when. Tagging, accepting a suggestion or a colleague's span, and importing all stamp here.
 */
import type { Annotation } from './model';
import { quoteOf } from './span';

/** What a new annotation is made of besides its stamp. Offsets: UTF-16 code units, end exclusive. */
export type AnnotationFields = Pick<Annotation, 'docId' | 'start' | 'end' | 'label'> &
  Partial<Pick<Annotation, 'attributes' | 'note' | 'comments' | 'acceptedFrom' | 'source'>>;

/**
 * A new annotation of `fields` on `text` by `annotator`, with id `id` and both timestamps `now`
 * (ISO 8601). Copies what it is given, so the caller's objects stay theirs.
 */
export function stampAnnotation(
  fields: AnnotationFields,
  text: string,
  annotator: string,
  id: string,
  now: string,
): Annotation {
  return {
    id,
    docId: fields.docId,
    start: fields.start,
    end: fields.end,
    label: fields.label,
    ...quoteOf(text, fields),
    annotator,
    createdAt: now,
    updatedAt: now,
    ...(fields.attributes && { attributes: { ...fields.attributes } }),
    ...(fields.note !== undefined && { note: fields.note }),
    ...(fields.comments !== undefined && { comments: fields.comments.map((c) => ({ ...c })) }),
    ...(fields.acceptedFrom !== undefined && { acceptedFrom: fields.acceptedFrom }),
    ...(fields.source !== undefined && { source: fields.source }),
  };
}
