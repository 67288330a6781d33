/** `?`: every shortcut of the mode the analyst is in, read from the command table itself. */
import type { Command } from '../../app/commands';
import { Dialog } from '../../components/Dialog';

const KEY_NAMES: Record<string, string> = { Mod: 'Ctrl', ArrowLeft: '←', ArrowRight: '→', ' ': 'Space' };
const keyText = (chord: string): string =>
  chord
    .split('+')
    .map((part) => KEY_NAMES[part] ?? (part.length === 1 ? part.toLowerCase() : part))
    .join('+');

export function ShortcutsSheet({ commands, onClose }: { commands: readonly Command[]; onClose: () => void }) {
  const seen = new Set<string>();
  // A key bound twice (review mode's keys come first) is listed once, with what it does now.
  const rows = commands.filter((c) => {
    const fresh = c.keys.filter((k) => !seen.has(k));
    c.keys.forEach((k) => seen.add(k));
    return fresh.length > 0;
  });
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} testId="shortcuts">
      <table className="shortcuts">
        <tbody>
          {rows.map((c) => (
            <tr key={c.id}>
              <td>
                {c.keys.map((k) => (
                  <kbd key={k}>{keyText(k)}</kbd>
                ))}
              </td>
              <td>{c.title}</td>
            </tr>
          ))}
          <tr>
            <td>
              <kbd>Shift+←/→</kbd> <kbd>Ctrl+Shift+←/→</kbd>
            </td>
            <td>Select by character / by word in the text (Home, End and arrows move the caret)</td>
          </tr>
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
