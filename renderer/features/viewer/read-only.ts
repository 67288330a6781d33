/**
 * Keeps the document unchanged while leaving it focusable with a caret, so the analyst can select
 * with the keyboard: every transaction that would change the document is refused, and typing,
 * pasting and dropping are stopped before they reach it.
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';

export const ReadOnlyText = Extension.create({
  name: 'parleyReadOnly',
  addProseMirrorPlugins: () => [
    new Plugin({
      key: new PluginKey('parley-read-only'),
      // A new text arrives as a new EditorState, never as a transaction.
      filterTransaction: (tr) => !tr.docChanged,
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
