/**
 * The ProseMirror document of a text: one paragraph per line, nothing else, so a text offset maps
 * to a position with core/offsets. The text itself is never changed.
 */
import { Node } from '@tiptap/core';
import type { Node as PMNode, Schema } from '@tiptap/pm/model';
import type { OffsetMap } from '@core/offsets';

/** The nodes of Parley's schema as tiptap extensions: doc > paragraph+ > text*. */
export const documentNodes = [
  Node.create({ name: 'doc', topNode: true, content: 'paragraph+' }),
  Node.create({
    name: 'paragraph',
    group: 'block',
    content: 'text*',
    parseHTML: () => [{ tag: 'p' }],
    renderHTML: () => ['p', 0],
  }),
  Node.create({ name: 'text', group: 'inline' }),
];

/** Builds the document from a text and its offset map (built with the same line splitting). */
export function docFromText(schema: Schema, text: string, map: OffsetMap): PMNode {
  const paragraphs = map.paragraphs.map(({ start, end }) =>
    schema.node('paragraph', null, start < end ? [schema.text(text.slice(start, end))] : []),
  );
  return schema.node('doc', null, paragraphs);
}
