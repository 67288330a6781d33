import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS, isHexColor, labelForHotkey } from '../../../main/core/labels';

describe('labels', () => {
  it('ships quote, precondition and date on hotkeys 1, 2, 3', () => {
    expect(DEFAULT_LABELS.map((l) => [l.id, l.hotkey])).toEqual([
      ['quote', '1'],
      ['precondition', '2'],
      ['date', '3'],
    ]);
    expect(DEFAULT_LABELS.every((l) => isHexColor(l.color))).toBe(true);
  });

  it('finds a label by hotkey and never by an empty one', () => {
    expect(labelForHotkey(DEFAULT_LABELS, '2')?.id).toBe('precondition');
    expect(labelForHotkey([{ id: 'x', name: 'x', color: '#000000', hotkey: '' }], '')).toBeUndefined();
  });
});
