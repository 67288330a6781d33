/** Messages in the corner: errors stay longer than notices; a click dismisses one. */
import type { Toast } from '../state/app-state';
import { useValue, type ValueStore } from '../state/value-store';

export function Toasts({ store, onDismiss }: { store: ValueStore<readonly Toast[]>; onDismiss: (id: number) => void }) {
  const toasts = useValue(store);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <button
          key={t.id}
          type="button"
          className={`toast toast-${t.kind}`}
          role={t.kind === 'error' ? 'alert' : 'status'}
          onClick={() => onDismiss(t.id)}
        >
          {t.message}
        </button>
      ))}
    </div>
  );
}
