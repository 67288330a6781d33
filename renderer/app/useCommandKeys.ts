/**
 * Runs commands from the keyboard and the menu. Keys never fire while the person types in a
 * field or a dialog is open.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import { api } from '../api';
import { chordOf, commandFor, type Command } from './commands';

const isTypingTarget = (target: EventTarget | null): boolean =>
  target instanceof Element && target.closest('input, textarea, select, [role="dialog"]') !== null;

export function useCommandKeys(commands: readonly Command[], isBlocked: boolean): void {
  const latest = useRef({ commands, isBlocked });
  useLayoutEffect(() => {
    latest.current = { commands, isBlocked };
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (latest.current.isBlocked || event.isComposing || isTypingTarget(event.target)) return;
      const command = commandFor(latest.current.commands, chordOf(event));
      if (!command) return;
      event.preventDefault();
      command.run();
    };
    window.addEventListener('keydown', onKeyDown);
    const offMenu = api().on('menu-command', (id) => {
      if (latest.current.isBlocked) return;
      latest.current.commands.find((c) => c.id === id)?.run();
    });
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      offMenu();
    };
  }, []);
}
