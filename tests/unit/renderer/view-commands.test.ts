import { describe, expect, it, vi } from 'vitest';
import { buildViewCommands, chordOf, commandFor } from '../../../renderer/app/commands';

const ctrl = (key: string, shiftKey = false) => ({ key, ctrlKey: true, metaKey: false, shiftKey, altKey: false });

describe('buildViewCommands', () => {
  it('opens find with Mod+F and the statistics with Mod+Shift+S', () => {
    const actions = { canFind: () => true, openFind: vi.fn(), openStats: vi.fn() };
    const commands = buildViewCommands(actions);
    commandFor(commands, chordOf(ctrl('f')))?.run();
    commandFor(commands, chordOf(ctrl('S', true)))?.run();
    expect(actions.openFind).toHaveBeenCalledOnce();
    expect(actions.openStats).toHaveBeenCalledOnce();
    expect(commands.map((c) => c.id)).toEqual(['find', 'stats']);
  });

  it('offers find only while a text is shown', () => {
    const commands = buildViewCommands({ canFind: () => false, openFind: vi.fn(), openStats: vi.fn() });
    expect(commandFor(commands, 'Mod+F')).toBeUndefined();
    expect(commandFor(commands, 'Mod+Shift+S')?.id).toBe('stats');
  });
});
