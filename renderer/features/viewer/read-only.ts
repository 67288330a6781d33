/**
 * Keeps the document unchanged while leaving it focusable with a caret, so the analyst can select
 * with the keyboard: every transaction that would change the document is refused, and typing,
 * pasting and dropping are stopped before they reach it.
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';

/** Meta flag on the one transaction allowed to change the document: loading a new text. */
export const LOAD_META = 'parley-load';

export const ReadOnlyText = Extension.create({
  name: 'parleyReadOnly',
  addProseMirrorPlugins: () => [
    new Plugin({
      key: new PluginKey('parley-read-only'),
      filterTransaction: (tr) => !tr.docChanged || tr.getMeta(LOAD_META) === true,
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
