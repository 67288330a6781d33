import { describe, expect, it, vi } from 'vitest';
import type { Label } from '@api/contract';
import { buildCommands, chordOf, commandFor, type CommandActions } from '../../../renderer/app/commands';

type KeyEventLike = Parameters<typeof chordOf>[0];
const key = (k: string, mods: Partial<Omit<KeyEventLike, 'key'>> = {}): KeyEventLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

const LABELS: Label[] = [
  { id: 'quote', name: 'quote', color: '#2f7ed8', hotkey: '1' },
  { id: 'claim', name: 'claim', color: '#aa00aa', hotkey: 'q' },
  { id: 'aside', name: 'aside', color: '#000000', hotkey: '' },
];

function actions(hasSelection = false) {
  return {
    applyLabel: vi.fn<(labelId: string) => void>(),
    deleteSelected: vi.fn<() => void>(),
    undo: vi.fn<() => void>(),
    redo: vi.fn<() => void>(),
    clearSelection: vi.fn<() => void>(),
    openSettings: vi.fn<() => void>(),
    openFolder: vi.fn<() => void>(),
    openExport: vi.fn<() => void>(),
    openImport: vi.fn<() => void>(),
    openBackups: vi.fn<() => void>(),
    hasSelectedAnnotation: vi.fn(() => hasSelection),
    setMode: vi.fn(),
  } satisfies CommandActions;
}

describe('commands', () => {
  describe('chordOf', () => {
    it.each([
      { event: key('z', { ctrlKey: true }), chord: 'Mod+Z' },
      { event: key('z', { metaKey: true }), chord: 'Mod+Z' },
      { event: key('Z', { ctrlKey: true, shiftKey: true }), chord: 'Mod+Shift+Z' },
      { event: key('1'), chord: '1' },
      { event: key('!', { shiftKey: true }), chord: '!' },
      { event: key('q'), chord: 'Q' },
      { event: key('Delete'), chord: 'Delete' },
      { event: key('Backspace'), chord: 'Backspace' },
      { event: key('Escape'), chord: 'Escape' },
      { event: key(',', { metaKey: true }), chord: 'Mod+,' },
      { event: key('x', { altKey: true }), chord: 'Alt+X' },
      { event: key('ArrowLeft', { shiftKey: true }), chord: 'Shift+ArrowLeft' },
    ])('gives $chord for $event.key', ({ event, chord }) => {
      expect(chordOf(event)).toBe(chord);
    });
  });

  describe('buildCommands and commandFor', () => {
    it('maps each label hotkey from the label data, a custom q to Q', () => {
      const a = actions();
      const commands = buildCommands(LABELS, a);
      commandFor(commands, chordOf(key('q')))?.run();
      commandFor(commands, chordOf(key('1')))?.run();
      expect(a.applyLabel.mock.calls).toEqual([['claim'], ['quote']]);
    });

    it('gives a label without a hotkey no command', () => {
      const commands = buildCommands(LABELS, actions());
      expect(commands.map((c) => c.id)).not.toContain('label:aside');
      expect(commandFor(commands, '')).toBeUndefined();
    });

    it('offers no label command for a key no label uses', () => {
      expect(commandFor(buildCommands(LABELS, actions()), chordOf(key('2')))).toBeUndefined();
    });

    it.each([
      { chord: 'Mod+Z', action: 'undo' },
      { chord: 'Mod+Shift+Z', action: 'redo' },
      { chord: 'Mod+Y', action: 'redo' },
      { chord: 'Escape', action: 'clearSelection' },
      { chord: 'Mod+,', action: 'openSettings' },
      { chord: 'Mod+O', action: 'openFolder' },
    ] as const)('runs $action on $chord', ({ chord, action }) => {
      const a = actions();
      commandFor(buildCommands(LABELS, a), chord)?.run();
      expect(a[action]).toHaveBeenCalledTimes(1);
    });

    it.each(['Delete', 'Backspace'])('applies %s only when an annotation is selected', (chord) => {
      expect(commandFor(buildCommands(LABELS, actions(false)), chord)).toBeUndefined();
      const a = actions(true);
      commandFor(buildCommands(LABELS, a), chord)?.run();
      expect(a.deleteSelected).toHaveBeenCalledTimes(1);
    });

    it('gives every command a distinct id and every chord at most one command', () => {
      const commands = buildCommands(LABELS, actions(true));
      expect(new Set(commands.map((c) => c.id)).size).toBe(commands.length);
      const chords = commands.flatMap((c) => c.keys);
      expect(new Set(chords).size).toBe(chords.length);
    });
  });
});
