import fc from 'fast-check';
import { getSchema } from '@tiptap/core';
import { EditorState } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { buildOffsetMap } from '@core/offsets';
import { docFromText, documentNodes } from '../../../renderer/features/viewer/doc-from-text';
import { ReadOnlyText } from '../../../renderer/features/viewer/read-only';
import type { Drawing } from '../../../renderer/features/viewer/text-selection';
import { ChunkHeights, chunksOf, type TextWindow } from '../../../renderer/features/viewer/text-window';
import { overlaps, shiftWindow } from '../../../renderer/features/viewer/window-shift';

const schema = getSchema([...documentNodes]);

/** The drawing of `window` of `text` as the text view draws it whole. */
function drawn(text: string, window: TextWindow): { state: EditorState; drawing: Drawing } {
  const whole = buildOffsetMap(text);
  const chunks = chunksOf(whole, 2_000, 300);
  const base = chunks[window.from]?.start ?? 0;
  const end = chunks[window.to - 1]?.end ?? text.length;
  const map = buildOffsetMap(text.slice(base, end));
  const drawing: Drawing = { chunks, heights: new ChunkHeights(chunks), window, base, map };
  return { state: EditorState.create({ doc: docFromText(schema, text.slice(base, end), map) }), drawing };
}

const context = (drawing: Drawing) => ({
  map: drawing.map,
  base: drawing.base,
  labels: new Map(),
  selectedId: null,
});

describe('window-shift', () => {
  it('turns a drawn window into any overlapping one: the same lines as drawing it whole (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 120 }), { minLength: 40, maxLength: 160 }),
        fc.constantFrom('\n', '\r\n'),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        (widths, br, a, b, c, d) => {
          const text = widths.map((w, i) => `${i} ${'w'.repeat(w)}`).join(br);
          const chunks = chunksOf(buildOffsetMap(text), 2_000, 300);
          const windowOf = (x: number, y: number): TextWindow => {
            const from = x % chunks.length;
            return { from, to: from + 1 + (y % (chunks.length - from)) };
          };
          const before = windowOf(a, b);
          const after = windowOf(c, d);
          if (!overlaps(before, after)) return;
          const { state, drawing } = drawn(text, before);
          const shifted = shiftWindow(state, text, buildOffsetMap(text), drawing, after, [], context);
          const expected = drawn(text, after);
          expect(shifted.tr.doc.eq(expected.state.doc)).toBe(true);
          expect(shifted.drawing.base).toBe(expected.drawing.base);
          expect(shifted.drawing.map).toEqual(expected.drawing.map);
        },
      ),
    );
  });

  it('carries the page’s selection into the moved window, not ProseMirror’s older one', () => {
    const text = Array.from({ length: 60 }, (_, i) => `line ${i} ${'x'.repeat(80)}`).join('\n');
    const { state, drawing } = drawn(text, { from: 0, to: 3 });
    // ProseMirror still has a caret at the start; the page has "line 12" selected.
    const at = text.indexOf('line 12');
    const page = { anchor: at, head: at + 'line 12'.length };
    const shifted = shiftWindow(state, text, buildOffsetMap(text), drawing, { from: 1, to: 4 }, [], context, page);
    const { from, to } = shifted.tr.selection;
    expect(shifted.tr.doc.textBetween(from, to)).toBe('line 12');
    const without = shiftWindow(state, text, buildOffsetMap(text), drawing, { from: 1, to: 4 }, [], context);
    expect(without.tr.selection.empty).toBe(true);
  });

  it('is let through by the read-only text, which refuses every other change to the lines', () => {
    const text = Array.from({ length: 60 }, (_, i) => `line ${i} ${'x'.repeat(80)}`).join('\n');
    const { state, drawing } = drawn(text, { from: 0, to: 3 });
    const plugins = ReadOnlyText.config.addProseMirrorPlugins?.call({} as never) ?? [];
    const guarded = EditorState.create({ doc: state.doc, plugins });
    const shifted = shiftWindow(guarded, text, buildOffsetMap(text), drawing, { from: 1, to: 4 }, [], context);
    expect(guarded.applyTransaction(shifted.tr).transactions).toHaveLength(1);
    expect(guarded.apply(shifted.tr).doc.eq(shifted.tr.doc)).toBe(true);
    const edit = guarded.tr.insertText('typed', 1);
    expect(guarded.applyTransaction(edit).transactions).toHaveLength(0);
    expect(guarded.apply(edit).doc.eq(guarded.doc)).toBe(true);
  });
});
