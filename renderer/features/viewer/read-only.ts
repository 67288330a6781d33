/**
 * Keeps the document unchanged while leaving it focusable with a caret, so the analyst can select
 * with the keyboard: every transaction that would change the document is refused, and typing,
 * pasting and dropping are stopped before they reach it.
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';

/** Transaction meta: the drawn window of a long text moves (lines leave and come, none change). */
export const WINDOW_SHIFT = 'parley-window-shift';

export const ReadOnlyText = Extension.create({
  name: 'parleyReadOnly',
  addProseMirrorPlugins: () => [
    new Plugin({
      key: new PluginKey('parley-read-only'),
      // A new text arrives as a new EditorState; only a window moving over a long text changes lines.
      filterTransaction: (tr) => !tr.docChanged || tr.getMeta(WINDOW_SHIFT) === true,
      props: {
        handleDOMEvents: {
          beforeinput: (_view, event) => {
            event.preventDefault();
            return true;
          },
        },
        handlePaste: () => true,
        handleDrop: () => true,
        handleTextInput: () => true,
      },
    }),
  ],
});
