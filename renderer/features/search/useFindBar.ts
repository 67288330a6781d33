/** Whether the find bar is open, and a counter that asks it to take the focus again (Ctrl+F once more). */
import { useCallback, useState } from 'react';

export function useFindBar(): { isOpen: boolean; focusRequest: number; open: () => void; close: () => void } {
  const [state, setState] = useState({ isOpen: false, focusRequest: 0 });
  const open = useCallback(() => setState((s) => ({ isOpen: true, focusRequest: s.focusRequest + 1 })), []);
  const close = useCallback(() => setState((s) => ({ ...s, isOpen: false })), []);
  return { ...state, open, close };
}
